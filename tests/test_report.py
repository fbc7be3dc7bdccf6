"""The offline report: self-contained, escaped, every view present, and coping with missing tables."""

from __future__ import annotations

import re

import pytest

from fixtures.hostile.synthetic import HOSTILE_TITLE, build_case
from sitrep import registry
from sitrep.caseview import CaseView
from sitrep.present import positions, queries, views
from sitrep.present.article import runs
from sitrep.present.report import write_report


@pytest.fixture(scope="module")
def report_html(tmp_path_factory) -> str:
    case = build_case(tmp_path_factory.mktemp("case"))
    return write_report(case).read_text(encoding="utf-8")


def test_report_is_self_contained(report_html):
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", report_html)
    assert "<link " not in report_html
    assert re.search(r"<script>.+</script>", report_html, re.S)  # inlined, not fetched
    assert "Content-Security-Policy" in report_html and "default-src &#39;none&#39;" in report_html


def test_hostile_text_is_shown_as_text(report_html):
    body = report_html.split("<body>", 1)[1]
    assert body.count("<script") == 1  # only the report's own inlined script
    assert "<img" not in body and "onerror=" not in body.replace("onerror=&#34;", "").replace("onerror=alert", "")
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=" in body
    assert "&lt;b&gt;Bold&lt;/b&gt; Outlet" in body
    assert HOSTILE_TITLE not in body


def test_every_view_and_fact_link_has_a_target(report_html):
    for name in registry.names("views"):
        assert f'id="{name}"' in report_html
    targets = set(re.findall(r'id="(a-[0-9a-f]+-\d+|art-[0-9a-f]+)"', report_html))
    links = set(re.findall(r'href="#(a-[0-9a-f]+-\d+|art-[0-9a-f]+)"', report_html))
    assert links and links <= targets


def test_report_answers_the_newcomer_questions(report_html):
    # who offers what on which condition, who refuses, which outlets, where accounts disagree
    assert "offers / intends" in report_html and "if Freedonia leaves the valley first" in report_html
    assert "refuses" in report_html and "Offer reported vs offer denied" in report_html
    assert "Plain Wire" in report_html and "Copy Daily" in report_html


def test_report_is_deterministic(tmp_path):
    case = build_case(tmp_path / "c")
    first = write_report(case, tmp_path / "one.html").read_bytes()
    assert write_report(case, tmp_path / "two.html").read_bytes() == first


def test_missing_tables_say_none_found(tmp_path):
    case = build_case(
        tmp_path / "c",
        skip=(
            "claims",
            "claim_members",
            "contradictions",
            "outlets",
            "places",
            "copies",
            "actors",
            "statements",
            "inputs",
            "blocks",
            "mentions",
        ),
    )
    html = write_report(case).read_text()
    assert "No claims found" in html and "No contradictions found" in html
    assert "No places with coordinates found" in html and "No inputs found" in html


def test_empty_case_still_renders(tmp_path):
    (tmp_path / "tables").mkdir()
    html = write_report(tmp_path).read_text()
    assert "No articles found" in html


def test_date_label_keeps_stated_precision():
    assert queries.date_label("2020-03-01", "month") == "2020-03 (month)"
    assert queries.date_label("2020-01-01", "year") == "2020 (year)"
    assert queries.date_label(None, None) == "undated"


def test_runs_cut_overlapping_marks_and_open_anchors():
    out = runs("abcdef", [(0, 4, "x", "X"), (2, 6, "y", "Y")], [(1, 5)])
    assert "".join(r["text"] for r in out) == "abcdef"
    assert [(r["start"], r["cls"]) for r in out] == [(0, "x"), (1, "x"), (2, "x y"), (4, "y"), (5, "y")]
    assert [r["start"] for r in out if r["anchor_end"] is not None] == [1]


def test_search_filters(tmp_path):
    db = CaseView.open(build_case(tmp_path / "c"))
    assert {f["type"] for f in views.search(db, q="offered")} == {"RETREAT"}
    assert all(f["outlet"] == "Plain Wire" for f in views.search(db, outlet="Plain Wire"))
    assert all(f["date"] >= "2020-03-03" for f in views.search(db, date_from="2020-03-03"))
    assert views.search(db, q="nothing-like-this") == []


def test_positions_group_same_stance_across_outlets(tmp_path):
    board = {c["actor"]: c for c in positions.positions(CaseView.open(build_case(tmp_path / "c")))}
    offers = board["SYL"]["stances"]["intends-or-offers"]
    assert len(offers) == 1 and offers[0]["outlets"] == ["Copy Daily", "Plain Wire"]
    assert board["FRE"]["stances"]["demands"][0]["condition"] == "if the border talks fail"


def test_sources_without_an_outlet_are_told_apart_by_title_then_file_name() -> None:
    import duckdb

    from sitrep.present.queries import source_label_sql

    labels = duckdb.sql(
        f"select {source_label_sql()} from (select * from (values ('Wire', 'T', '/in/a.txt'), "
        f"(null, 'A title', '/in/b.txt'), (null, '{'x' * 70}', '/in/c.txt'), (null, null, '/in/d.txt'), "
        "(null, null, null)) a(outlet, title, source)) a"
    ).fetchall()
    assert [r[0] for r in labels] == ["Wire", "“A title”", "“" + "x" * 48 + "…”", "d.txt", "unknown outlet"]


def test_claim_members_show_why_they_were_grouped(report_html):
    assert "grouped by: <bdi>same claim key: RETREAT by &lt;b&gt;ALD&lt;/b&gt;, intends</bdi>" in report_html
