"""What the user named on the command line: files, folders, URLs, and the manifest that annotates them."""

from __future__ import annotations

import csv
import glob
import os
from collections.abc import Iterator
from pathlib import Path

from sitrep.ingest import InputRow, RawDoc
from sitrep.ingest.readers import Item, is_url, read_file, read_url
from sitrep.ingest.web import Limits

MANIFEST_FIELDS = ("outlet", "url", "published", "title")


def expand(inputs: list[str]) -> list[str | InputRow]:
    """Sources in a stable order: folders walked recursively and globs expanded, sorted; hidden files skipped."""
    out: list[str | InputRow] = []
    for item in inputs:
        if is_url(item):
            out.append(item)
            continue
        path = Path(item).expanduser()
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out.extend(str(Path(root, f).resolve()) for f in sorted(files) if not f.startswith("."))
        elif path.is_file():
            out.append(str(path.resolve()))
        elif any(ch in item for ch in "*?["):  # a quoted glob: 'archive/*.jsonl'
            matches = sorted(glob.glob(str(path), recursive=True))
            out.extend(str(Path(p).resolve()) for p in matches if Path(p).is_file())
            if not matches:
                out.append(InputRow(item, "file", "failed", "no file matches this pattern"))
        else:
            out.append(InputRow(str(path.resolve()), "file", "failed", "no such file or folder"))
    seen: set[str] = set()
    unique: list[str | InputRow] = []
    for s in out:
        key = s.source if isinstance(s, InputRow) else s
        if key not in seen:
            seen.add(key)
            unique.append(s)
    return unique


def read_source(source: str, limits: Limits) -> Iterator[Item]:
    """Items of one source; a reader that breaks on hostile bytes becomes a failed row, not a stopped run."""
    url = is_url(source)
    try:
        yield from read_url(source, limits) if url else read_file(Path(source), limits)
    except Exception as exc:  # noqa: BLE001 - third-party parsers (warcio, feedparser) raise anything
        yield InputRow(source, "url" if url else "file", "failed", f"reader crashed: {type(exc).__name__}: {exc}")


def read_manifest(path: str | os.PathLike) -> dict[str, dict[str, str]]:
    """Manifest rows keyed by absolute path or URL; relative paths are taken from the manifest's folder."""
    base = Path(path).resolve().parent
    table: dict[str, dict[str, str]] = {}
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or "path_or_url" not in reader.fieldnames:
            raise ValueError(f"manifest {path} needs a header with path_or_url and any of {', '.join(MANIFEST_FIELDS)}")
        for row in reader:
            key = (row.get("path_or_url") or "").strip()
            if not key:
                continue
            if not is_url(key):
                key = str((base / key).resolve())
            table[key] = {k: v.strip() for k in MANIFEST_FIELDS if (v := row.get(k)) and v.strip()}
    return table


def manifest_entry(doc: RawDoc, manifest: dict[str, dict[str, str]]) -> dict[str, str]:
    if not manifest:
        return {}
    for key in (doc.source, doc.parent, doc.meta.get("url")):
        if key and key in manifest:
            return manifest[key]
    return {}
