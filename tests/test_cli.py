"""The CLI end to end on a small case: build, status, export in every table format, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from sitrep.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("inputs")
    (src / "one.txt").write_text(
        "Ministers Meet in Capital\n\nBy Jane Roe\n\nThe foreign ministers of two neighbouring countries met "
        "on Monday to discuss the withdrawal of troops from the border region. Both sides said the talks "
        "were useful and agreed to meet again next month.\n"
    )
    (src / "dup.txt").write_text((src / "one.txt").read_text())
    (src / "wire.jsonl").write_text(
        json.dumps(
            {
                "text": "The government said on Tuesday it would send aid to the flooded province. "
                "Officials expect the first convoy within days.",
                "outlet": "Wire",
                "published": "2019-03-05",
                "title": "Aid convoy",
            }
        )
        + "\n{broken\n"
    )
    out = tmp_path_factory.mktemp("case") / "c"
    result = runner.invoke(app, ["build", str(src), "--out", str(out), "--quiet"])
    assert result.exit_code == 1, result.output  # the broken JSONL line fails
    return out


def test_status_lists_every_input(case: Path) -> None:
    result = runner.invoke(app, ["status", str(case), "--json"])
    rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    by_status: dict[str, int] = {}
    for r in rows:
        by_status[r["status"]] = by_status.get(r["status"], 0) + 1
    assert by_status == {"ok": 3, "duplicate": 1, "failed": 1}
    dup = next(r for r in rows if r["status"] == "duplicate")
    assert dup["source"].endswith("one.txt") or dup["source"].endswith("dup.txt")
    assert "same body" in dup["reason"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_writes_one_file_per_table(case: Path, tmp_path: Path, fmt: str) -> None:
    result = runner.invoke(app, ["export", str(case), "--format", fmt, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    names = {p.name for p in tmp_path.iterdir()}
    for table in ("inputs", "articles", "blocks"):
        assert f"{table}.{fmt}" in names
    n_articles = pq.read_table(case / "tables" / "articles.parquet").num_rows
    if fmt == "jsonl":
        lines = (tmp_path / "articles.jsonl").read_text().splitlines()
        assert len(lines) == n_articles and "article_id" in json.loads(lines[0])


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["status", str(tmp_path / "missing")]).exit_code == 2
    assert runner.invoke(app, ["export", str(tmp_path), "--format", "xml", "--out", str(tmp_path)]).exit_code == 2
    assert runner.invoke(app, ["build"]).exit_code == 2


def test_version_prints_the_package_version() -> None:
    from sitrep import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"sitrep {__version__}"


def test_build_says_what_to_run_next(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Talks Resume\n\nThe two delegations met again on Friday in the capital.\n")
    result = runner.invoke(app, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "case")])
    assert result.exit_code == 0
    assert f"next: sitrep report {tmp_path / 'case'}" in " ".join(result.output.split())
