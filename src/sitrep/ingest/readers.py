"""Readers: one input (file or URL) to documents and status rows.

Containers (JSONL, WARC, feeds) get a status row of their own and one per record, so a broken line or
record is visible without hiding the good ones next to it.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from sitrep.ingest import InputRow, RawDoc
from sitrep.ingest.decode import (
    CappedGunzip,
    InputProblem,
    decode,
    gunzip_capped,
    scrub_surrogates,
    sha256,
    sniff_format,
)
from sitrep.ingest.feeds import Item, looks_like_feed, read_feed
from sitrep.ingest.web import Limits, fetch

TEXT_EXT = {".txt", ".text"}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
WARC_EXT = {".warc"}
PARQUET_EXT = {".parquet"}
FEED_EXT = {".rss", ".atom", ".xml"}
META_KEYS = ("url", "title", "outlet", "published", "author")


def is_url(s: str) -> bool:
    return s.startswith(("http://", "https://"))


def _suffixes(name: str) -> tuple[str, bool]:
    """The meaningful extension and whether the file is gzipped."""
    p = Path(name.lower())
    if p.suffix == ".gz":
        return Path(p.stem).suffix, True
    return p.suffix, False


def read_file(path: Path, limits: Limits) -> Iterator[Item]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise InputProblem("skipped", f"file of {size:,} bytes exceeds --max-bytes {limits.max_bytes:,}")
        with path.open("rb") as fh:  # capped read: a file may grow, or (proc, devices) report size 0
            data = fh.read(limits.max_bytes + 1)
        if len(data) > limits.max_bytes:
            raise InputProblem("skipped", f"file grew past --max-bytes {limits.max_bytes:,} while read")
    except InputProblem as p:
        yield InputRow(source, "file", p.status, p.reason, bytes=size)
        return
    except OSError as exc:
        yield InputRow(source, "file", "failed", f"cannot read file: {exc.strerror or exc}")
        return
    yield from read_bytes(source, "file", data, limits, path.name)


def read_url(url: str, limits: Limits) -> Iterator[Item]:
    try:
        got = fetch(url, limits)
    except InputProblem as p:
        yield InputRow(url, "url", p.status, p.reason)
        return
    name = Path(got.url.split("?")[0]).name or "index.html"
    ctype = got.content_type.lower()
    if "rss" in ctype or "atom" in ctype or ("xml" in ctype and "html" not in ctype):
        name += ".xml"
    elif "html" in ctype and _suffixes(name)[0] not in HTML_EXT:
        name += ".html"
    yield from read_bytes(url, "url", got.data, limits, name, meta={"url": got.url})


def read_bytes(
    source: str, kind: str, data: bytes, limits: Limits, name: str, meta: dict | None = None
) -> Iterator[Item]:
    digest, size = sha256(data), len(data)
    ext, gz = _suffixes(name)
    try:
        gzipped = gz or data[:2] == b"\x1f\x8b"  # by name or by magic: either way decompressed under the cap
        if ext in WARC_EXT:  # streamed, so the complete records before a cut are kept
            stream = CappedGunzip(data, limits.max_bytes) if gzipped else io.BytesIO(data)
            yield from _read_warc(source, kind, stream, digest, size, limits)
            return
        if gzipped:
            data = gunzip_capped(data, limits.max_bytes)
        if ext in PARQUET_EXT:
            yield from _read_parquet(source, kind, data, digest, size)
            return
        text, note = decode(data)
        if ext in JSONL_EXT:
            yield from _read_jsonl(source, kind, text, digest, size)
            return
        if ext in FEED_EXT or (ext not in HTML_EXT | TEXT_EXT and looks_like_feed(text)):
            if looks_like_feed(text):
                yield from read_feed(source, kind, text, digest, size, limits)
                return
        fmt = "html" if ext in HTML_EXT else "text" if ext in TEXT_EXT else sniff_format(text)
    except InputProblem as p:
        yield InputRow(source, kind, p.status, p.reason, sha256=digest, bytes=size)
        return
    doc = RawDoc(source, kind, fmt, text, digest, size, meta=dict(meta or {}))
    if note:
        doc.meta["_note"] = note
    yield doc


def _record(rec: dict) -> tuple[str, str, dict[str, str]]:
    """Body, format and metadata of one JSONL or Parquet record; ValueError when it has no body."""
    body, fmt = rec.get("text"), "text"
    if not (isinstance(body, str) and body.strip()):
        body, fmt = rec.get("html"), "html"
    if not (isinstance(body, str) and body.strip()):
        raise ValueError("no non-empty string field 'text' or 'html'")
    meta = {
        k: scrub_surrogates(str(rec[k]))
        for k in META_KEYS
        if isinstance(rec.get(k), str | int | float) and rec.get(k) != ""
    }
    return scrub_surrogates(body), fmt, meta


def _read_parquet(source: str, kind: str, data: bytes, digest: str, size: int) -> Iterator[Item]:
    """A table of articles (columns text or html, optional url/title/outlet/published/author), row by row."""
    import pyarrow.parquet as pq

    good = bad = 0
    try:
        batches = pq.ParquetFile(io.BytesIO(data)).iter_batches(batch_size=256)
        for rec in (r for batch in batches for r in batch.to_pylist()):
            row = good + bad
            rec_source = f"{source}#row{row}"
            if hasattr(rec.get("published"), "isoformat"):
                rec["published"] = rec["published"].isoformat()
            raw = json.dumps(rec, sort_keys=True, default=str).encode()
            try:
                body, fmt, meta = _record(rec)
            except ValueError as exc:
                bad += 1
                yield InputRow(
                    rec_source,
                    "parquet-record",
                    "failed",
                    f"row {row}: {exc}",
                    sha256=sha256(raw),
                    bytes=len(raw),
                    parent=source,
                )
                continue
            good += 1
            yield RawDoc(rec_source, "parquet-record", fmt, body, sha256(raw), len(raw), parent=source, meta=meta)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        yield InputRow(
            source,
            kind,
            "failed" if not good else "ok",
            f"Parquet: unreadable after {good + bad} row(s): {exc}",
            sha256=digest,
            bytes=size,
        )
        return
    status = "ok" if good or not bad else "failed"
    yield InputRow(
        source, kind, status, f"Parquet: {good} row(s) read, {bad} without a body", sha256=digest, bytes=size
    )


def _read_jsonl(source: str, kind: str, text: str, digest: str, size: int) -> Iterator[Item]:
    good = bad = 0
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        rec_source = f"{source}#L{lineno}"
        raw = line.encode("utf-8", errors="replace")
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict):
                raise ValueError("a line must be a JSON object")
            body, fmt, meta = _record(rec)
        except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError; deep nesting recurses
            bad += 1
            yield InputRow(
                rec_source,
                "jsonl-record",
                "failed",
                f"line {lineno}: {exc}",
                sha256=sha256(raw),
                bytes=len(raw),
                parent=source,
            )
            continue
        good += 1
        yield RawDoc(rec_source, "jsonl-record", fmt, body, sha256(raw), len(raw), parent=source, meta=meta)
    status = "ok" if good or not bad else "failed"
    yield InputRow(source, kind, status, f"JSON Lines: {good} record(s) read, {bad} broken", sha256=digest, bytes=size)


def _read_warc(
    source: str, kind: str, stream: BinaryIO | CappedGunzip, digest: str, size: int, limits: Limits
) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    good = bad = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type not in ("response", "resource"):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            rec_id = record.rec_headers.get_header("WARC-Record-ID") or str(good + bad)
            rec_source = f"{source}#{rec_id.strip('<>')}"
            ctype = ""
            if record.http_headers is not None:
                status = record.http_headers.get_statuscode()
                if status and not status.startswith("2"):
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            body = record.content_stream().read(limits.max_bytes + 1)
            cut = _record_cut(record)
            if len(body) > limits.max_bytes:
                bad += 1
                yield InputRow(rec_source, "warc-record", "skipped", "record exceeds --max-bytes", parent=source)
                continue
            if ctype and "html" not in ctype and "text" not in ctype:
                yield InputRow(
                    rec_source,
                    "warc-record",
                    "skipped",
                    f"not text or HTML ({ctype})",
                    sha256=sha256(body),
                    bytes=len(body),
                    parent=source,
                )
                continue
            try:
                text, _ = decode(body)
            except InputProblem as p:
                bad += 1
                yield InputRow(
                    rec_source, "warc-record", p.status, p.reason, sha256=sha256(body), bytes=len(body), parent=source
                )
                continue
            good += 1
            fmt = "html" if "html" in ctype else sniff_format(text)
            meta: dict[str, str] = {"url": uri} if uri else {}
            if cut:
                meta["_note"] = cut
            yield RawDoc(rec_source, "warc-record", fmt, text, sha256(body), len(body), parent=source, meta=meta)
    except InputProblem as p:
        yield InputRow(
            source, kind, p.status, f"WARC: stopped after {good} record(s): {p.reason}", sha256=digest, bytes=size
        )
        return
    except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
        yield InputRow(
            source,
            kind,
            "failed" if not good else "ok",
            f"WARC: broken after {good} record(s): {exc}",
            sha256=digest,
            bytes=size,
        )
        return
    cut = "; the gzip stream is cut short (last record lost or incomplete)" if getattr(stream, "truncated", 0) else ""
    yield InputRow(
        source,
        kind,
        "ok" if good or not bad else "failed",
        f"WARC: {good} record(s) read, {bad} not usable{cut}",
        sha256=digest,
        bytes=size,
    )


def _record_cut(record: Any) -> str | None:
    """A note when a WARC record's block ended before its declared Content-Length (a truncated file)."""
    left = getattr(record.raw_stream, "limit", 0)
    if isinstance(left, int) and left > 0:
        return f"WARC record truncated: {left:,} byte(s) of its declared length missing; text may be cut"
    return None
