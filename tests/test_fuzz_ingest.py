"""Fuzzing ingest and cleaning: any bytes under any name end as documents or status rows with reasons.

Hypothesis runs derandomized (the same examples every run) with a modest budget so CI stays fast; the
hand-made hostile inputs below cover what random bytes rarely hit (bombs, giant lines, deep nesting).
"""

from __future__ import annotations

import gzip
import io
import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.ingest import InputRow, RawDoc
from sitrep.ingest.readers import read_bytes
from sitrep.ingest.sources import read_source
from sitrep.ingest.web import Limits
from sitrep.options import ArticleOptions

LIMITS = Limits(max_bytes=1_000_000, timeout=1.0)
STATUSES = {"ok", "duplicate", "skipped", "failed"}
NAMES = [
    "a.txt",
    "a.html",
    "a.htm",
    "a.jsonl",
    "a.ndjson",
    "a.warc",
    "a.xml",
    "a.rss",
    "a",
    "a.bin",
    "a.txt.gz",
    "a.html.gz",
    "a.jsonl.gz",
    "a.warc.gz",
    "a.gz",
]
FUZZ = settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SECONDS_PER_INPUT = 5.0


def check_items(items: list) -> None:
    """The promise: at least one item, each a document with text or a status row with a plain reason."""
    assert items, "an input vanished without a status row"
    for it in items:
        assert isinstance(it, RawDoc | InputRow)
        if isinstance(it, InputRow):
            assert it.status in STATUSES
            assert isinstance(it.reason, str) and it.reason.strip()
        else:
            assert isinstance(it.content, str) and it.format in ("html", "text")
            assert it.content.strip()


def read_timed(data: bytes, name: str, limits: Limits = LIMITS) -> list:
    t0 = time.perf_counter()
    items = list(read_bytes(f"/fuzz/{name}", "file", data, limits, name))
    assert time.perf_counter() - t0 < SECONDS_PER_INPUT
    check_items(items)
    return items


@FUZZ
@given(data=st.binary(max_size=4096), name=st.sampled_from(NAMES))
def test_random_bytes_under_any_name(data: bytes, name: str) -> None:
    read_timed(data, name)


@FUZZ
@given(
    text=st.text(max_size=400),
    codec=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "latin-1", "cp1252", "cp1256", "koi8-r", "sjis"]),
    flips=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=8),
    name=st.sampled_from(["a.txt", "a.html", "a", "a.jsonl"]),
)
def test_broken_encodings(text: str, codec: str, flips: list[tuple[int, int]], name: str) -> None:
    data = bytearray(text.encode(codec, errors="replace"))
    for pos, byte in flips:
        if data:
            data[pos % len(data)] = byte
    read_timed(bytes(data), name)


JSON_ANY = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=60),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
RECORD = st.fixed_dictionaries(
    {},
    optional={k: JSON_ANY for k in ("text", "html", "url", "title", "outlet", "published", "author")},
)


@FUZZ
@given(lines=st.lists(st.one_of(RECORD.map(json.dumps), JSON_ANY.map(json.dumps), st.text(max_size=80)), max_size=12))
def test_jsonl_with_wrong_types(lines: list[str]) -> None:
    items = read_timed("\n".join(lines).encode("utf-8", errors="surrogatepass"), "w.jsonl")
    for it in items:
        if isinstance(it, RawDoc):
            assert all(isinstance(v, str) for v in it.meta.values())
        elif it.kind == "jsonl-record":
            assert it.status == "failed" and it.reason.startswith("line ")


def _warc_record(body: bytes, extra: bytes = b"") -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + extra + b"\r\n" + body
    return (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        b"WARC-Target-URI: http://x.test/\r\nContent-Length: "
        + str(len(http)).encode()
        + b"\r\n\r\n"
        + http
        + b"\r\n\r\n"
    )


def _gzip_stream(prefix: bytes, filler: bytes, n: int) -> bytes:
    """A gzip member of `prefix` + n x `filler`, written in pieces so the test never holds it inflated."""
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9) as gz:
        gz.write(prefix)
        for _ in range(n):
            gz.write(filler)
    return buf.getvalue()


MB = b"a" * 1_000_000
HOSTILE: dict[str, tuple[str, bytes | None]] = {
    "gzip bomb": ("bomb.txt.gz", None),
    "gzip bomb without .gz name": ("bomb.txt", None),
    "WARC gzip bomb": ("bomb.warc.gz", None),
    "WARC header line bomb": ("line.warc", None),
    "WARC HTTP Content-Encoding bomb": (
        "ce.warc",
        _warc_record(gzip.compress(b"\0" * 50_000_000, 9), b"Content-Encoding: gzip\r\n"),
    ),
    "truncated gzip": ("cut.html.gz", gzip.compress(b"<p>hello</p>" * 1000)[:200]),
    "truncated WARC": ("cut.warc", _warc_record(b"<p>hello</p>")[:90]),
    "garbage WARC": ("junk.warc", b"WARC/1.0\r\nContent-Length: -5\r\n\r\nzzz"),
    "giant single line": ("line.txt", b"word " * 180_000),
    "deeply nested HTML": ("deep.html", b"<html><body>" + b"<div>" * 100_000 + b"deep text" + b"</div>" * 10),
    "unclosed tags": ("open.html", b"<html><body><p><b><i><table><tr><td><script>var x = '<p>" * 2000),
    "huge attribute value": ("attr.html", b'<html><body><p title="' + b"x" * 900_000 + b'">after</p>'),
    "unterminated comment": ("comment.html", b"<html><body><!-- " + b"<p>hidden</p>" * 50_000),
    "NUL bytes": ("nul.txt", b"text\x00" * 1000),
    "UTF-16 without BOM": ("u16.txt", "A report in UTF-16 with no BOM.".encode("utf-16-le")),
    "overlong and surrogate UTF-8": ("bad.txt", b"Caf\xc0\xa9 \xed\xa0\x80 \xf4\x90\x80\x80 ok " * 100),
    "only whitespace": ("blank.txt", b" \n\t\r\n" * 100),
    "empty": ("empty.html", b""),
    "feed with no items": ("f.rss", b"<?xml?><rss><channel><title>T</title></channel></rss>"),
    "billion laughs feed": (
        "laughs.rss",
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(b'<!ENTITY %c "%s">' % (98 + i, b"&%c;" % (97 + i) * 10) for i in range(8))
        + b"]><rss><channel><item><title>&i;</title><description>&i;</description>"
        b"</item></channel></rss>",
    ),
}


def _hostile_bytes(label: str) -> bytes:
    name, data = HOSTILE[label]
    if data is not None:
        return data
    if label == "WARC header line bomb":
        return _gzip_stream(b"WARC/1.0\r\nWARC-Type: response\r\nX: ", MB, 30)
    if label == "WARC gzip bomb":
        return _gzip_stream(_warc_record(b"")[:-4], MB, 30)
    return _gzip_stream(b"", MB, 30)


@pytest.mark.parametrize("label", sorted(HOSTILE))
def test_hostile_files_end_as_rows_quickly(tmp_path: Path, label: str) -> None:
    path = tmp_path / HOSTILE[label][0]
    path.write_bytes(_hostile_bytes(label))
    t0 = time.perf_counter()
    items = list(read_source(str(path), LIMITS))
    assert time.perf_counter() - t0 < SECONDS_PER_INPUT, label
    check_items(items)
    if "bomb" in label:
        assert any(isinstance(i, InputRow) and "--max-bytes" in i.reason for i in items), items


def test_file_over_max_bytes_is_skipped_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(LIMITS.max_bytes + 1)  # sparse: costs no disk
    [row] = list(read_source(str(path), LIMITS))
    assert row.status == "skipped" and "exceeds --max-bytes" in row.reason


def test_unreadable_path_is_a_failed_row(tmp_path: Path) -> None:
    [row] = list(read_source(str(tmp_path), LIMITS))  # a folder where a file was expected
    assert row.status == "failed" and row.reason.startswith("cannot read file")


# -- through cleaning -------------------------------------------------------------------------------------


def _clean_results(docs: list[RawDoc]) -> list:
    pipeline = pytest.importorskip("sitrep.pipeline")
    pytest.importorskip("sitrep.clean.document", reason="the cleaner sitrep.clean.document is not written")
    out = []
    for doc in docs:
        t0 = time.perf_counter()
        res, _ = pipeline.clean_one(doc, ArticleOptions(input_seconds=SECONDS_PER_INPUT))
        assert time.perf_counter() - t0 < SECONDS_PER_INPUT + 1
        assert res.input["status"] in STATUSES and res.input["reason"]
        if res.article_id:
            text = res.rows["articles"][0]["text"]
            for b in res.rows["blocks"]:
                assert text[b["start"] : b["end"]] == b["text"] or b["kind"] != "body"
        out.append(res)
    return out


CLEANED = [
    "giant single line",
    "deeply nested HTML",
    "unclosed tags",
    "huge attribute value",
    "unterminated comment",
    "overlong and surrogate UTF-8",
    "UTF-16 without BOM",
]


@pytest.mark.parametrize("label", CLEANED)
def test_hostile_documents_survive_cleaning(label: str) -> None:
    name, _ = HOSTILE[label]
    docs = [i for i in read_timed(_hostile_bytes(label), name) if isinstance(i, RawDoc)]
    _clean_results(docs)


TAGS = [
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<br/>",
    "<h1>",
    "<a href='javascript:alert(1)'>",
    "</a>",
    "<table><tr><td>",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "<![CDATA[",
    "<meta charset='x'>",
    "\u202e",
    "\x00",
    "<title>",
    "</title>",
    "<body>",
    "<html>",
]


@settings(max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.lists(st.one_of(st.sampled_from(TAGS), st.text(max_size=40)), max_size=60),
    fmt=st.sampled_from(["html", "text"]),
)
def test_random_markup_survives_cleaning(parts: list[str], fmt: str) -> None:
    content = "".join(parts)
    if not content.strip():
        return
    raw = content.encode("utf-8", errors="surrogatepass")
    _clean_results([RawDoc("/fuzz/x", "file", fmt, content, "0" * 64, len(raw))])
