"""A folder of bad inputs next to good ones: every good article is written, every bad one gets a status row
with a plain reason, the exit code is 1, re-running changes nothing and new inputs alone are processed."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from sitrep.cli import app

GOOD = {
    "good.txt": "Ministers Meet on the Border\n\nThe foreign ministers of two neighbouring countries met on "
    "Monday to discuss the withdrawal of troops from the border region. Both said the talks were "
    "useful and agreed to meet again next month.\n",
    "good.html": "<html><head><title>Aid Convoy Arrives</title></head><body><article><h1>Aid Convoy Arrives"
    "</h1><p>An aid convoy reached the flooded province on Tuesday, officials said. The governor "
    "asked for more trucks and said the roads north of the river were still closed.</p></article>"
    "</body></html>",
}


def _corpus(root: Path) -> Path:
    src = root / "inputs"
    src.mkdir()
    for name, text in GOOD.items():
        (src / name).write_text(text)
    (src / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (src / "empty.txt").write_bytes(b"")
    with open(src / "huge.txt", "wb") as fh:  # 50 MB, sparse: instant to write, skipped before it is read
        fh.truncate(50_000_000)
    (src / "latin1.txt").write_bytes(
        "Le ministre a déclaré lundi que les négociations reprendraient à Genève après la trêve, "
        "et que les délégations étaient prêtes à discuter du retrait des forces étrangères.".encode("latin-1")
    )
    (src / "truncated.html").write_text(
        "<html><head><title>Talks Resume</title></head><body><article><p>Negotiators said on Wednesday that "
        "the talks would resume in the capital after a pause of two weeks, and that both delegations had "
        "agreed on an agenda.</p><p>The second paragraph was cut off in the mid"
    )
    (src / "wire.jsonl").write_text(
        json.dumps(
            {
                "text": "The government said on Thursday it would send engineers to repair the dam "
                "before the rainy season. Officials expect the work to take a month.",
                "outlet": "Wire Service",
                "published": "2019-03-07",
            }
        )
        + "\n{broken json\n"
    )
    (src / "bomb.txt.gz").write_bytes(gzip.compress(b"\0" * 30_000_000, 9))
    return src


@pytest.fixture(scope="module")
def built(tmp_path_factory, module_server) -> tuple[Path, Path, str, object]:
    root = tmp_path_factory.mktemp("bad")
    src = _corpus(root)
    base, routes = module_server
    routes["/slow"] = (200, {"Content-Type": "text/html"}, b"<p>too late</p>", 3.0)
    url = base + "/slow"
    case = root / "case"
    result = CliRunner().invoke(
        app, ["build", str(src), url, "--out", str(case), "--allow-private", "--timeout", "1", "--quiet"]
    )
    assert result.exit_code == 1, result.output
    return src, case, url, result


def _rows(case: Path) -> dict[str, dict]:
    return {
        Path(r["source"]).name if not r["source"].startswith("http") else "URL": r
        for r in pq.read_table(case / "tables" / "inputs.parquet").to_pylist()
    }


def test_every_input_has_a_row_with_a_plain_reason(built) -> None:
    _, case, _, _ = built
    rows = _rows(case)
    expect = {
        "good.txt": ("ok", "words"),
        "good.html": ("ok", "words"),
        "binary.txt": ("skipped", "binary"),
        "empty.txt": ("skipped", "empty"),
        "huge.txt": ("skipped", "exceeds --max-bytes"),
        "latin1.txt": ("ok", "not valid UTF-8"),
        "truncated.html": ("ok", "words"),
        "wire.jsonl#L1": ("ok", "words"),
        "wire.jsonl#L2": ("failed", "line 2"),
        "wire.jsonl": ("ok", "1 record(s) read, 1 broken"),
        "bomb.txt.gz": ("skipped", "--max-bytes"),
        "URL": ("failed", "timed out"),
    }
    assert set(rows) == set(expect)
    for name, (status, words) in expect.items():
        assert rows[name]["status"] == status, (name, rows[name])
        assert words in rows[name]["reason"], (name, rows[name]["reason"])


def test_every_good_article_is_written(built) -> None:
    _, case, _, _ = built
    articles = pq.read_table(case / "tables" / "articles.parquet").to_pylist()
    assert len(articles) == 5
    texts = " ".join(a["text"] for a in articles)
    for phrase in (
        "withdrawal of troops",
        "aid convoy reached",
        "négociations reprendraient",
        "talks would resume",
        "repair the dam",
    ):
        assert phrase in texts
    assert not list((case / "shards").glob(".tmp-*")) and not list((case / "tables").glob("*.tmp"))


def _newest_shard_sources(case: Path) -> set[str]:
    newest = sorted(p for p in (case / "shards").iterdir() if not p.name.startswith("."))[-1]
    return {
        Path(s).name if not s.startswith("http") else "URL"
        for s in pq.read_table(newest / "inputs.parquet").column("source").to_pylist()
    }


# Inputs read again on every run: a failed one (to retry) and one skipped for size (no hash to compare).
RETRIED = {"URL", "huge.txt"}


def test_rerun_changes_no_table_and_new_inputs_alone_are_read(built) -> None:
    src, case, url, _ = built
    before = {p.name: pq.read_table(p) for p in (case / "tables").glob("*.parquet")}
    again = CliRunner().invoke(
        app, ["build", str(src), url, "--out", str(case), "--allow-private", "--timeout", "1", "--quiet"]
    )
    assert again.exit_code == 1
    assert _newest_shard_sources(case) == RETRIED
    after = {p.name: pq.read_table(p) for p in (case / "tables").glob("*.parquet")}
    assert after.keys() == before.keys()
    for name in before:
        assert after[name].equals(before[name]), name
    (src / "later.txt").write_text(
        "A later report says the convoy crossed the bridge on Saturday morning "
        "and reached the last flooded village by the evening."
    )
    more = CliRunner().invoke(app, ["build", str(src), "--out", str(case), "--quiet"])
    assert more.exit_code == 1  # the broken JSONL line is still in the case
    assert _newest_shard_sources(case) == {"later.txt", "huge.txt"}
    assert len(pq.read_table(case / "tables" / "articles.parquet")) == 6


def test_special_files_loops_and_odd_names_get_rows_without_being_read(tmp_path: Path, monkeypatch) -> None:
    """A FIFO would block a read for ever, /dev/zero never ends, a loop raises: each is a row, never read."""
    import os

    from sitrep.ingest.sources import expand

    folder = tmp_path / "pile"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "good.txt").write_text("A good article.")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "loop1").symlink_to(folder / "loop2")
    (folder / "loop2").symlink_to(folder / "loop1")
    (folder / "linked").symlink_to(folder / "sub")
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text("Latin-1 name.")
    found = {Path(x.source).name if not isinstance(x, str) else Path(x).name: x for x in expand([str(folder)])}
    assert found["good.txt"] == str((folder / "sub" / "good.txt").resolve())
    assert found["pipe.txt"].status == "skipped" and "FIFO" in found["pipe.txt"].reason
    assert found["zero.txt"].status == "skipped"
    assert found["loop1"].reason == found["loop2"].reason == "symbolic link loop"
    assert found["linked"].status == "skipped" and "not followed" in found["linked"].reason
    assert found["café.txt"].status == "failed" and "UTF-8" in found["café.txt"].reason
    assert found["café.txt"].source.encode("utf-8")  # storable as it is
    loop_alone = expand([str(folder / "loop1")])
    assert [r.reason for r in loop_alone] == ["symbolic link loop"]


def test_a_folder_that_cannot_be_listed_gets_a_failed_row(tmp_path: Path, monkeypatch) -> None:
    import os

    from sitrep.ingest import sources

    (tmp_path / "a.txt").write_text("text")
    real_walk = os.walk

    def walk(top, onerror=None, **kw):
        yield from real_walk(top, onerror=onerror, **kw)
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))

    monkeypatch.setattr(sources.os, "walk", walk)
    rows = [x for x in sources.expand([str(tmp_path)]) if not isinstance(x, str)]
    assert [(r.kind, r.status, r.reason) for r in rows] == [
        ("folder", "failed", "cannot read folder: Permission denied")
    ]


def test_jsonl_lines_after_a_deeply_nested_or_surrogate_line_are_still_read(tmp_path: Path) -> None:
    from sitrep.ingest.readers import read_file
    from sitrep.ingest.web import Limits

    lines = ['{"text": "lone \\ud800 surrogate", "title": "t\\udfff"}', "[" * 100_000] + [
        f'{{"text": "Article number {i} about the talks."}}' for i in range(50)
    ]
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(lines))
    items = list(read_file(path, Limits()))
    docs = [i for i in items if hasattr(i, "content")]
    assert len(docs) == 51
    assert docs[0].content == "lone \ufffd surrogate" and docs[0].meta["title"] == "t\ufffd"
    assert all(d.content.encode("utf-8") for d in docs)
    bad = [i for i in items if getattr(i, "status", None) == "failed"]
    assert len(bad) == 1 and "recursion" in bad[0].reason
