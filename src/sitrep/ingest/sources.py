"""What the user named on the command line: files, folders, URLs, and the manifest that annotates them."""

from __future__ import annotations

import csv
import glob
import os
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path

from sitrep.ingest import InputRow, RawDoc
from sitrep.ingest.decode import scrub_surrogates
from sitrep.ingest.readers import Item, is_url, read_file, read_url
from sitrep.ingest.web import Limits

MANIFEST_FIELDS = ("outlet", "url", "published", "title")


def expand(inputs: list[str]) -> list[str | InputRow]:
    """Sources in a stable order: folders walked recursively and globs expanded, sorted; hidden files skipped.

    Only regular files are returned for reading; anything else found on the way (a FIFO, a device, a symlink
    loop, a folder that cannot be listed, a symlinked folder, a name that is not UTF-8) gets its own row
    instead, so nothing blocks the build, nothing is read without a cap, and nothing goes unreported.
    """
    out: list[str | InputRow] = []
    for item in inputs:
        if is_url(item):
            out.append(item)
            continue
        path = Path(item).expanduser()
        if _is_dir(path):
            out.extend(_walk(path))
        elif path.is_symlink() or path.exists():
            out.append(_file_entry(path))
        elif any(ch in item for ch in "*?["):  # a quoted glob: 'archive/*.jsonl'
            matches = sorted(glob.glob(str(path), recursive=True))
            out.extend(_file_entry(Path(p)) for p in matches if not _is_dir(Path(p)))
            if not matches:
                out.append(InputRow(item, "file", "failed", "no file matches this pattern"))
        else:
            out.append(InputRow(_shown(os.path.abspath(path)), "file", "failed", "no such file or folder"))
    seen: set[str] = set()
    unique: list[str | InputRow] = []
    for s in out:
        key = s.source if isinstance(s, InputRow) else s
        if key not in seen:
            seen.add(key)
            unique.append(s)
    return unique


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a symlink loop (ELOOP) or a name too long
        return False


def _shown(path: str | os.PathLike[str]) -> str:
    """A path as it can be stored: a name that is not UTF-8 shows its bytes as Latin-1 would."""
    text = os.fspath(path)
    if scrub_surrogates(text) == text:
        return text
    return os.fsencode(text).decode("latin-1")


def _walk(folder: Path) -> Iterator[str | InputRow]:
    """Every file under `folder`, sorted; unreadable folders and symlinked folders as rows, not followed."""
    problems: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=problems.append):
        visible = sorted(d for d in dirs if not d.startswith("."))
        dirs[:] = [d for d in visible if not os.path.islink(os.path.join(root, d))]
        for d in visible:
            if d not in dirs:
                reason = "symbolic link to a folder: not followed (name its target to read it)"
                yield InputRow(_shown(os.path.abspath(os.path.join(root, d))), "folder", "skipped", reason)
        yield from (_file_entry(Path(root, f)) for f in sorted(files) if not f.startswith("."))
    for exc in problems:
        where = _shown(os.path.abspath(exc.filename or folder))
        yield InputRow(where, "folder", "failed", f"cannot read folder: {exc.strerror or exc}")


def _file_entry(path: Path) -> str | InputRow:
    """The resolved path of a regular file, or the row that says why this entry is not read."""
    shown = _shown(os.path.abspath(path))
    if shown != os.path.abspath(path):
        return InputRow(
            shown, "file", "failed", "file name is not valid UTF-8 (shown as Latin-1): rename it to read it"
        )
    try:
        real = path.resolve(strict=True)
        mode = real.stat().st_mode
    except RuntimeError:  # Python 3.11 reports a symlink loop this way
        return InputRow(shown, "file", "failed", "symbolic link loop")
    except OSError as exc:
        return InputRow(shown, "file", "failed", f"cannot open: {exc.strerror or exc}")
    if not stat.S_ISREG(mode):
        kind = "FIFO" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device or special file"
        return InputRow(shown, "file", "skipped", f"not a regular file ({kind}): not read")
    return str(real)


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


def manifest_entry(doc: RawDoc, manifest: Mapping[str, Mapping[str, str]]) -> Mapping[str, str]:
    """The manifest row of a document: by its own source, the file or feed it came from, or its URL."""
    if not manifest:
        return {}
    for key in (doc.source, doc.parent, doc.meta.get("url")):
        if key and key in manifest:
            return manifest[key]
    return {}
