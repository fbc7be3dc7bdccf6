"""Issue 5 on the five seed reports: one offer claim with its scope and condition contradictions, the calls
for foreign forces to leave corroborated, and the accounts of one actor's presence flagged as contradicting.

Seed articles are told apart by their file-name prefix (000..004) only; src/ knows nothing of them.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from sitrep.build import build


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path, tmp_path_factory) -> duckdb.DuckDBPyConnection:
    case = tmp_path_factory.mktemp("seeds") / "case"
    build([str(seeds_dir)], case)
    con = duckdb.connect()
    for table in sorted((case / "tables").glob("*.parquet")):
        con.sql(f"create view {table.stem} as select * from read_parquet('{table}')")
    con.sql("create view seed as select article_id, substr(regexp_extract(source, '[^/]*$'), 1, 3) as n from articles")
    return con


def _claims_of(con, *where: str) -> dict[str, set[str]]:
    """claim id -> seed numbers of its member articles, for claims whose events match `where`."""
    rows = con.sql(
        "select m.claim_id, s.n from claim_members m join seed s using (article_id) "
        "join events e on e.event_id = m.member_id where " + " and ".join(where)
    ).fetchall()
    out: dict[str, set[str]] = {}
    for claim_id, n in rows:
        out.setdefault(claim_id, set()).add(n)
    return out


def _contradictions(con, kind: str) -> list[tuple[str, set[str], int]]:
    rows = con.sql(
        "select claim_ids[1], article_ids, evidence from contradictions where kind = ?", params=[kind]
    ).fetchall()
    seed = dict(con.sql("select article_id, n from seed").fetchall())
    return [(c, {seed[a] for a in aids}, len(ev)) for c, aids, ev in rows]


def test_offer_of_000_and_001_is_one_claim_with_scope_and_condition_contradictions(seeds):
    offers = _claims_of(
        seeds, "e.type = 'RETREAT'", "e.modality = 'intends-or-offers'", "e.condition_event_id is not null"
    )
    claim = next(c for c, ns in offers.items() if {"001"} <= ns)
    members = _claims_of(seeds, "true")[claim]
    assert {"000", "001"} <= members
    for kind in ("scope", "conditions"):
        found = [(ns, n_ev) for c, ns, n_ev in _contradictions(seeds, kind) if c == claim]
        assert any({"000", "001"} <= ns and n_ev >= 2 for ns, n_ev in found), kind
    evidence = seeds.sql(
        "select unnest(evidence) as ev from contradictions where claim_ids[1] = ?", params=[claim]
    ).fetchall()
    text = dict(seeds.sql("select article_id, text from articles").fetchall())
    for (ev,) in evidence:  # every sentence shown is the article's own text at its offsets
        assert text[ev["article_id"]][ev["start"] : ev["end"]] == ev["sentence"]


def test_calls_for_foreign_forces_to_leave_in_002_003_004_corroborate(seeds):
    calls = _claims_of(seeds, "e.type = 'REQUEST'", "e.source_actor = 'RUS'")
    joined = [c for c, ns in calls.items() if {"002", "003", "004"} <= ns]
    assert joined, calls
    status, n_articles = seeds.sql(
        "select status, n_articles from claims where claim_id = ?", params=[joined[0]]
    ).fetchall()[0]
    assert status in ("corroborated", "contested") and n_articles >= 3


def test_presence_accounts_of_001_and_004_contradict_on_numbers(seeds):
    found = _contradictions(seeds, "numbers")
    assert any({"001", "004"} <= ns and n_ev >= 2 for _, ns, n_ev in found), found
    claim = next(c for c, ns, _ in found if {"001", "004"} <= ns)
    kind, status = seeds.sql("select type, status from claims where claim_id = ?", params=[claim]).fetchall()[0]
    assert (kind, status) == ("PRESENCE", "contested")


def test_claim_summaries_have_no_pronoun_actors_or_doubled_verbs(seeds):
    for (line,) in seeds.sql("select summary from claims").fetchall():
        words = line.lower().split()
        assert not {"which", "those", "who"} & set(words), line
        assert "threatens threaten" not in line and "demands request" not in line, line
