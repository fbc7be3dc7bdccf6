"""The extension points end to end: the example package of docs/extending.md, installed from its own files,
adds a stage, an engine, an exporter, a view, an eval and a lexicon that a build, an export, the report,
the web app and `sitrep plugins` use, with nothing under src/ touched. Also: the check before a run names
a missing column, and build options come from a config file and flags."""

from __future__ import annotations

import json
import re
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sitrep import datafiles, registry
from sitrep.cli import app
from sitrep.options import BuildOptions, markdown
from sitrep.schema import TABLES
from sitrep.stages import ARTICLE_STAGES, CASE_STAGES, Stage, article_stage, check_order

DOC = Path(__file__).resolve().parents[1] / "docs" / "extending.md"
FILE_BLOCK = re.compile(r"^```\w*\n# (\S+)\n(.*?)^```", re.M | re.S)
runner = CliRunner()

REPORTS = {
    "one.txt": "Envoys Meet at the Border\n\nThe two envoys met at the border crossing on Monday. They talked for "
    "an hour. A spokesman said both sides wanted calm.\n",
    "two.txt": "Aid Reaches the Valley\n\nThe first aid convoy reached the valley on Tuesday. Officials said more "
    "trucks would follow within days, and residents queued for water.\n",
}


def doc_files() -> dict[str, str]:
    """Every file block of docs/extending.md: path -> text (the path is the block's first-line comment)."""
    return {path: body for path, body in FILE_BLOCK.findall(DOC.read_text(encoding="utf-8"))}


def install(files: dict[str, str], root: Path) -> None:
    """Write the package and the distribution metadata its pyproject.toml describes, as pip would."""
    for path, body in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    project = tomllib.loads(files["pyproject.toml"])["project"]
    info = root / f"{project['name'].replace('-', '_')}-{project['version']}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n")
    groups = project["entry-points"]
    (info / "entry_points.txt").write_text(
        "".join(
            f"[{group}]\n" + "".join(f"{name} = {value}\n" for name, value in eps.items()) + "\n"
            for group, eps in groups.items()
        )
    )


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The example package installed on sys.path for one test; afterwards sitrep is as it was."""
    registry.load_stages()  # the built-ins register once per process: they must be in what is restored
    saved = dict(ARTICLE_STAGES), dict(CASE_STAGES), dict(TABLES)
    root = tmp_path / "site"
    install(doc_files(), root)
    monkeypatch.syspath_prepend(str(root))
    registry.rescan()
    yield root
    for reg, old in zip((ARTICLE_STAGES, CASE_STAGES, TABLES), saved, strict=True):
        reg.clear()
        reg.update(old)  # type: ignore[attr-defined]
    for name in [m for m in sys.modules if m == "sitrep_example" or m.startswith("sitrep_example.")]:
        del sys.modules[name]
    monkeypatch.undo()
    registry.rescan()


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_docs_hold_one_file_of_each_kind() -> None:
    files = doc_files()
    groups = tomllib.loads(files["pyproject.toml"])["project"]["entry-points"]
    assert set(groups) == {f"sitrep.{kind}" for kind in registry.KINDS}
    assert {"sitrep_example/stages.py", "sitrep_example/views.py", "sitrep_example/export.py"} <= set(files)


def test_plugins_lists_every_item_with_its_origin(plugin: Path) -> None:
    result = runner.invoke(app, ["plugins", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    origin = {(r["kind"], r["name"]): r["origin"] for r in rows}
    assert all(r["status"] == "ok" for r in rows)
    for kind, name in [
        ("stages", "article:sentence_counts"),
        ("engines", "logging"),
        ("exporters", "markdown"),
        ("views", "lengths"),
        ("evals", "sentences"),
        ("lexicons", "lexicon/anonymous.txt"),
    ]:
        assert origin[(kind, name)].startswith("sitrep-example 0.1 (sitrep."), (kind, name)
    for kind, name in [("stages", "case:claims"), ("engines", "local"), ("exporters", "csv"), ("views", "map")]:
        assert origin[(kind, name)] == "built-in"
    assert {k for k, _ in origin} == set(registry.KINDS)


@pytest.mark.slow
def test_plugin_stage_engine_exporter_view_and_eval_run(plugin: Path, reports: Path, tmp_path: Path) -> None:
    case = tmp_path / "case"
    built = runner.invoke(app, ["build", str(reports), "--out", str(case), "--engine", "logging", "--quiet"])
    assert built.exit_code == 0, built.output
    assert "batch of 2 documents" in built.output  # the plug-in engine ran the batch
    counts = pq.read_table(case / "tables" / "sentence_counts.parquet").to_pylist()
    assert len(counts) == 2 and all(r["sentences"] >= 2 and r["words"] > 10 for r in counts)

    out = tmp_path / "export"
    exported = runner.invoke(app, ["export", str(case), "--format", "markdown", "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    assert sorted((out / "articles.md").read_text().splitlines()) == [
        "- Aid Reaches the Valley (no outlet, undated)",
        "- Envoys Meet at the Border (no outlet, undated)",
    ]

    report = runner.invoke(app, ["report", str(case), "--out", str(tmp_path / "r.html")])
    assert report.exit_code == 0, report.output
    html = (tmp_path / "r.html").read_text()
    assert 'href="#lengths"' in html and "<h2>Lengths</h2>" in html and "Aid Reaches the Valley</a>:" in html

    from sitrep.present.app import create_app

    page = TestClient(create_app(case), base_url="http://127.0.0.1").get("/lengths")
    assert page.status_code == 200 and "Envoys Meet at the Border</a>:" in page.text

    gold = tmp_path / "gold.tsv"
    gold.write_text("2\tThe envoys met. They talked.\n1\tThe convoy arrived.\n")
    scored = runner.invoke(app, ["eval", "sentences", "--data", str(gold), "--json"])
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.output) == {"exact": 1.0, "texts": 2}


def test_a_broken_stage_plugin_is_listed_and_stops_a_build(
    reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pyproject = (
        '[project]\nname = "sitrep-broken"\nversion = "1"\n[project.entry-points."sitrep.stages"]\nx = "nowhere"\n'
    )
    install({"pyproject.toml": pyproject}, tmp_path / "site")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    registry.rescan()
    try:
        listed = [json.loads(line) for line in runner.invoke(app, ["plugins", "stages", "--json"]).output.splitlines()]
        built = runner.invoke(app, ["build", str(reports), "--out", str(tmp_path / "c"), "-q"])
    finally:
        monkeypatch.undo()
        registry.rescan()
    failed = [r for r in listed if r["status"] == "failed"]
    assert [(r["name"], r["origin"].split(" (")[0]) for r in failed] == [("x", "sitrep-broken 1")]
    assert "No module named 'nowhere'" in failed[0]["target"]
    assert built.exit_code == 2 and "a stage plug-in failed to load" in " ".join(built.output.split())


def test_lexicon_entry_point_replaces_the_data_file(plugin: Path) -> None:
    assert datafiles.words("lexicon/anonymous.txt") == {"official", "source", "diplomat", "insider"}
    assert datafiles.origin("lexicon/anonymous.txt").startswith("sitrep-example 0.1")


def test_a_config_file_replaces_a_lexicon_for_one_build(reports: Path, tmp_path: Path) -> None:
    (tmp_path / "no-cues.tsv").write_text("# no reporting verbs at all\n")
    (tmp_path / "build.toml").write_text(  # the rules' cues and the learned tagger's cues both replaced
        'batch_size = 1\n[lexicons]\n"lexicon/cues.tsv" = "no-cues.tsv"\n'
        '"models/attribution_cues.txt" = "no-cues.tsv"\n'
    )
    plain, bare = tmp_path / "plain", tmp_path / "bare"
    assert runner.invoke(app, ["build", str(reports), "--out", str(plain), "-q"]).exit_code == 0
    result = runner.invoke(
        app, ["build", str(reports), "--out", str(bare), "-q", "--config", str(tmp_path / "build.toml")]
    )
    assert result.exit_code == 0, result.output
    assert pq.read_table(plain / "tables" / "statements.parquet").num_rows > 0
    assert pq.read_table(bare / "tables" / "statements.parquet").num_rows == 0
    datafiles.use({})
    assert datafiles.origin("lexicon/cues.tsv") == "built-in"


def test_the_check_before_a_run_names_a_missing_column(reports: Path, tmp_path: Path) -> None:
    registry.load_stages()
    saved = dict(ARTICLE_STAGES)
    try:
        article_stage("mood", requires=("articles.mood",), assigns=())(lambda ctx: {})
        result = runner.invoke(app, ["build", str(reports), "--out", str(tmp_path / "c"), "-q"])
    finally:
        ARTICLE_STAGES.clear()
        ARTICLE_STAGES.update(saved)
    assert result.exit_code == 2
    assert "stage 'mood' reads column 'articles.mood', which no earlier stage writes" in " ".join(result.output.split())
    assert not (tmp_path / "c").exists()


def test_column_declarations_make_only_those_columns_available() -> None:
    def stage(name: str, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()) -> Stage:
        return Stage(name, lambda ctx: {}, requires, assigns, 100)

    check_order([stage("a", assigns=("articles",)), stage("b", requires=("articles.text",))], set())
    with pytest.raises(ValueError, match=r"reads column 'articles.text'.*articles has: article_id"):
        check_order([stage("a", assigns=("articles.article_id",)), stage("b", requires=("articles.text",))], set())
    with pytest.raises(ValueError, match="reads table 'events'"):
        check_order([stage("b", requires=("events",))], {"articles"})
    with pytest.raises(ValueError, match="writes column 'articles.mood'"):
        check_order([stage("a", assigns=("articles.mood",))], set())


def test_options_from_a_config_file_with_flags_on_top(tmp_path: Path) -> None:
    (tmp_path / "meta.csv").write_text("path_or_url,outlet,url,published,title\n")
    config = tmp_path / "build.toml"
    config.write_text('processes = 2\nbatch_size = 8\nmanifest = "meta.csv"\n')
    opts = BuildOptions.from_toml(config, {"batch_size": 4})
    assert (opts.processes, opts.batch_size, opts.manifest) == (2, 4, tmp_path / "meta.csv")
    assert opts.limits.timeout == 20.0 and opts.engine == "local"
    for bad, message in [
        ({"processes": 0}, "processes must be at least 1"),
        ({"batch_size": "8"}, "option batch_size must be int"),
        ({"engine": "spark"}, "unknown engine 'spark'"),
        ({"proceses": 2}, "unknown option"),
        ({"lexicons": {"lexicon/nope.tsv": str(config)}}, "no data file named 'lexicon/nope.tsv'"),
    ]:
        with pytest.raises(ValueError, match=message):
            BuildOptions.from_mapping(bad)


def test_cli_usage_errors_in_options_exit_2(reports: Path, tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("processes = 'two'\n")
    for args in (["--config", str(tmp_path / "bad.toml")], ["--processes", "0"], ["--lexicon", "nonsense"]):
        result = runner.invoke(app, ["build", str(reports), "--out", str(tmp_path / "c"), "-q", *args])
        assert result.exit_code == 2, (args, result.output)


def test_options_table_in_the_docs_is_generated_from_the_options() -> None:
    assert markdown() in DOC.read_text(encoding="utf-8")
