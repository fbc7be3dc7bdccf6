"""Claims: the same act by the same actor across articles is one claim; copies are one voice."""

from __future__ import annotations

from sitrep.across.claims import actor_root, build_claims, claim_key, top_level


def _event(eid: str, aid: str, **kw) -> dict:
    base = {"event_id": eid, "article_id": aid, "type": "RETREAT", "modality": "intends-or-offers",
            "source_actor": "AAA", "negated": False, "sentence_start": 0, "sentence_end": 10}
    return base | kw


ARTICLES = [{"article_id": a, "outlet": o} for a, o in
            [("a1", "Outlet One"), ("a2", "Outlet Two"), ("a3", "Outlet Three"), ("a4", "Outlet One")]]
ACTORS = [{"actor_id": "person:minister", "name": "The Minister", "affiliation": "AAA"},
          {"actor_id": "AAA", "name": "Aland", "affiliation": None}]


def test_actor_root_follows_affiliation_without_looping():
    assert actor_root("person:minister", {"person:minister": "AAA"}) == "AAA"
    assert actor_root("x", {"x": "y", "y": "x"}) in {"x", "y"}


def test_claim_key_families_and_solo():
    assert claim_key(_event("e1", "a1"), {}) == claim_key(_event("e2", "a2", modality="refuses"), {})
    assert claim_key(_event("e1", "a1"), {}) != claim_key(_event("e2", "a2", modality="happened"), {})
    assert claim_key(_event("e3", "a1", source_actor=None), {}) == ("solo", "e3")


def test_embedded_content_events_are_not_claims_of_their_own():
    events = [_event("e1", "a1", content_event_id="e2"), _event("e2", "a1")]
    assert [e["event_id"] for e in top_level(events)] == ["e1"]


def test_copies_count_once_and_anonymous_only():
    events = [_event("e1", "a1", source_actor="person:minister", statement_id="s1"),
              _event("e2", "a2", statement_id="s2"), _event("e3", "a3", statement_id="s3")]
    statements = [{"statement_id": s, "anonymous": True} for s in ("s1", "s2", "s3")]
    copies = [{"article_id": "a1", "cluster_id": "a1"}, {"article_id": "a2", "cluster_id": "a1"},
              {"article_id": "a3", "cluster_id": "a3"}]
    claims, members, by_claim = build_claims(events, statements, copies, ARTICLES, ACTORS)
    assert len(claims) == 1
    claim = claims[0]
    assert claim["n_articles"] == 3 and claim["n_outlets"] == 2 and claim["status"] == "corroborated"
    assert claim["anonymous_only"] is True
    assert claim["summary"].startswith("Aland offers/expects retreat")
    assert {m["member_id"]: m["independent"] for m in members} == {"e1": True, "e2": False, "e3": True}
    assert list(by_claim) == [claim["claim_id"]]


def test_same_outlet_twice_is_single_source():
    events = [_event("e1", "a1"), _event("e4", "a4")]
    claims, _, _ = build_claims(events, [], [], ARTICLES, ACTORS)
    assert claims[0]["n_outlets"] == 1 and claims[0]["status"] == "single-source"
    assert claims[0]["anonymous_only"] is False


def test_claim_ids_are_stable_under_input_order():
    events = [_event("e1", "a1"), _event("e2", "a2"), _event("e9", "a3", type="ASSAULT")]
    one = build_claims(events, [], [], ARTICLES, ACTORS)[:2]
    two = build_claims(list(reversed(events)), [], [], ARTICLES, ACTORS)[:2]
    assert one == two
