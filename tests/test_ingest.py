"""Readers: every input ends as documents or a status row with a reason, never an exception."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from sitrep.ingest import InputRow, RawDoc
from sitrep.ingest.readers import read_file
from sitrep.ingest.sources import expand, manifest_entry, read_manifest
from sitrep.ingest.web import Limits

LIMITS = Limits(max_bytes=100_000)


def _read(path: Path, limits: Limits = LIMITS) -> tuple[list[RawDoc], list[InputRow]]:
    items = list(read_file(path, limits))
    return [i for i in items if isinstance(i, RawDoc)], [i for i in items if isinstance(i, InputRow)]


def test_text_and_html_by_extension_and_sniffing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Officials met on Monday.\n")
    (tmp_path / "b.html").write_text("<html><body><p>Hi</p></body></html>")
    (tmp_path / "c.page").write_text("<!DOCTYPE html><html><body><p>Sniffed</p></body></html>")
    assert _read(tmp_path / "a.txt")[0][0].format == "text"
    assert _read(tmp_path / "b.html")[0][0].format == "html"
    assert _read(tmp_path / "c.page")[0][0].format == "html"


def test_jsonl_broken_line_keeps_the_good_ones(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "First report.", "outlet": "Wire A", "published": "2018-05-01"}),
        "{not json",
        json.dumps({"html": "<p>Second report.</p>", "url": "https://example.test/2"}),
        json.dumps({"text": 42}),
        json.dumps(["a", "list"]),
    ]
    path = tmp_path / "w.jsonl"
    path.write_text("\n".join(lines) + "\n")
    docs, rows = _read(path)
    assert [d.source.rsplit("#", 1)[1] for d in docs] == ["L1", "L3"]
    assert docs[0].meta == {"outlet": "Wire A", "published": "2018-05-01"}
    assert docs[1].format == "html" and docs[1].meta["url"] == "https://example.test/2"
    failed = {r.source.rsplit("#", 1)[1]: r.reason for r in rows if r.status == "failed"}
    assert set(failed) == {"L2", "L4", "L5"}
    assert "line 2" in failed["L2"]
    container = [r for r in rows if r.kind == "file"]
    assert container[0].status == "ok" and "2 record(s) read, 3 broken" in container[0].reason


def test_binary_empty_and_oversized_files_are_skipped_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "x.bin").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "big.txt").write_bytes(b"a" * 200_000)
    for name, words in [("x.bin", "binary"), ("empty.txt", "empty"), ("big.txt", "exceeds --max-bytes")]:
        docs, rows = _read(tmp_path / name)
        assert not docs and rows[0].status == "skipped" and words in rows[0].reason


def test_invalid_utf8_is_decoded_and_noted(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes("Le ministre a déclaré que les forces partiront.".encode("latin-1"))
    docs, _ = _read(tmp_path / "latin.txt")
    assert "déclaré" in docs[0].content
    assert "not valid UTF-8" in docs[0].meta["_note"]


def test_gzip_bomb_is_capped(tmp_path: Path) -> None:
    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(b"<p>" + b"a" * 2_000_000))
    docs, rows = _read(tmp_path / "bomb.html.gz")
    assert not docs and rows[0].status == "skipped" and "decompresses to more than" in rows[0].reason
    (tmp_path / "ok.html.gz").write_bytes(gzip.compress(b"<html><body><p>Fine</p></body></html>"))
    assert _read(tmp_path / "ok.html.gz")[0][0].format == "html"


def test_warc_records_become_documents(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i, (ctype, body) in enumerate(
        [("text/html", b"<html><body><p>Record one.</p></body></html>"), ("image/png", b"\x89PNG....")]
    ):
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
        rec = writer.create_warc_record(
            f"https://example.test/{i}", "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(rec)
    (tmp_path / "crawl.warc.gz").write_bytes(buf.getvalue())
    docs, rows = _read(tmp_path / "crawl.warc.gz")
    assert len(docs) == 1 and docs[0].meta["url"] == "https://example.test/0" and docs[0].format == "html"
    assert any(r.status == "skipped" and "image/png" in r.reason for r in rows)
    assert [r for r in rows if r.kind == "file"][0].status == "ok"


def test_feed_items_fall_back_to_their_content(tmp_path: Path) -> None:
    rss = """<?xml version="1.0"?><rss version="2.0"><channel><title>Example Feed</title>
    <item><title>One</title><description>&lt;p&gt;Ministers met in the capital.&lt;/p&gt;</description>
    <pubDate>Tue, 04 Sep 2018 10:00:00 GMT</pubDate></item>
    <item><title>Two</title></item></channel></rss>"""
    (tmp_path / "f.rss").write_text(rss)
    docs, rows = _read(tmp_path / "f.rss")
    assert len(docs) == 1
    assert docs[0].meta["outlet"] == "Example Feed" and docs[0].meta["published"] == "2018-09-04"
    assert any(r.kind == "feed-item" and r.status == "failed" for r in rows)
    assert any(r.kind == "feed" and r.reason == "feed: 2 item(s)" for r in rows)


def test_expand_walks_folders_in_order_and_flags_missing(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("b")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / ".hidden").write_text("h")
    got = expand([str(tmp_path), str(tmp_path / "nope.txt"), "https://example.test/x"])
    names = [g if isinstance(g, str) else g.status for g in got]
    assert names[0].endswith("a.txt") and names[1].endswith("sub/b.txt")
    assert names[2] == "failed" and names[3] == "https://example.test/x"


def test_manifest_fills_by_relative_path(tmp_path: Path) -> None:
    (tmp_path / "m.csv").write_text(
        "path_or_url,outlet,url,published,title\nr.txt,Daily X,https://x.test/r,2018-01-02,\n"
    )
    manifest = read_manifest(tmp_path / "m.csv")
    doc = RawDoc(str((tmp_path / "r.txt").resolve()), "file", "text", "t", "0", 1)
    assert manifest_entry(doc, manifest) == {"outlet": "Daily X", "url": "https://x.test/r", "published": "2018-01-02"}


def test_feed_items_past_the_cap_get_a_skipped_row_each(tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>T{i}</title><description>Talks went on, day {i}.</description></item>" for i in range(8)
    )
    (tmp_path / "f.rss").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>')
    docs, rows = _read(tmp_path / "f.rss", Limits(max_bytes=100_000, feed_items=3))
    assert [d.meta["title"] for d in docs] == ["T0", "T1", "T2"]
    skipped = [r for r in rows if r.kind == "feed-item"]
    assert len(skipped) == 5 and all(r.status == "skipped" and "more than 3 items" in r.reason for r in skipped)
    assert [r.reason for r in rows if r.kind == "feed"] == ["feed: 3 item(s); 5 more not read (item cap 3)"]


def _warc_bytes(n: int, gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(n):
        body = f"<html><body><p>Report {i}: the envoys met in the port city to discuss the truce.</p></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        rec = writer.create_warc_record(
            f"https://news.example/{i}", "response", payload=io.BytesIO(body.encode()), http_headers=headers
        )
        writer.write_record(rec)
    return buf.getvalue()


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_warc_keeps_its_complete_records_and_notes_the_cut(gz: bool) -> None:
    from sitrep.ingest.readers import read_bytes
    from sitrep.ingest.web import Limits

    name = "crawl.warc.gz" if gz else "crawl.warc"
    items = list(read_bytes(name, "file", _warc_bytes(4, gz)[:-70], Limits(), name))
    docs = [i for i in items if hasattr(i, "content")]
    assert [d.meta["url"] for d in docs[:3]] == [f"https://news.example/{i}" for i in range(3)]
    assert all("_note" not in d.meta for d in docs[:3])
    noted = [d.meta.get("_note", "") for d in docs[3:]] + [items[-1].reason]
    assert any("truncated" in n or "cut short" in n for n in noted), noted


def test_warc_gzip_is_decompressed_under_the_cap_record_by_record() -> None:
    from sitrep.ingest.readers import read_bytes
    from sitrep.ingest.web import Limits

    data = _warc_bytes(3, True)
    items = list(read_bytes("c.warc.gz", "file", data, Limits(max_bytes=400), "c.warc.gz"))
    assert items[-1].reason.startswith("WARC: stopped after")
    assert "--max-bytes" in items[-1].reason


def test_one_bad_byte_in_utf8_is_repaired_alone_and_keeps_every_curly_quote() -> None:
    from sitrep.ingest.decode import decode

    text = "“The convoy left,” she said — ‘before dawn’. " * 30
    data = text.encode("utf-8")
    damaged = data[:200] + b"\x92" + data[200:]
    out, note = decode(damaged)
    assert out.replace("’", "", 1).count("“") == text.count("“")
    assert out.count("’") == text.count("’") + 1  # the stray byte read as the Windows-1252 apostrophe
    assert note is not None and "1 stray byte" in note


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-be", "utf-16", "utf-16-be"])
def test_byte_order_marks_pick_the_codec(codec: str) -> None:
    from sitrep.ingest.decode import decode

    text = "Ministers met in Zürich on Monday."
    data = text.encode(codec)
    if not codec.endswith(("32", "16")):  # the -be codecs write no mark: add it
        data = "\ufeff".encode(codec) + data
    out, _ = decode(data)
    assert out == text
