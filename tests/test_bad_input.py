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
