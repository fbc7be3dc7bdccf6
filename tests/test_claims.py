"""Claims: the same act by the same actor across articles is one claim; copies are one voice."""

from __future__ import annotations

from sitrep.across.claims import actor_root, build_claims, claim_key, top_level


def _event(eid: str, aid: str, **kw) -> dict:
    base = {
        "event_id": eid,
        "article_id": aid,
        "type": "RETREAT",
        "modality": "intends-or-offers",
        "source_actor": "AAA",
        "negated": False,
        "sentence_start": 0,
        "sentence_end": 10,
    }
    return base | kw


ARTICLES = [
    {"article_id": a, "outlet": o}
    for a, o in [("a1", "Outlet One"), ("a2", "Outlet Two"), ("a3", "Outlet Three"), ("a4", "Outlet One")]
]
ACTORS = [
    {"actor_id": "person:minister", "name": "The Minister", "affiliation": "AAA"},
    {"actor_id": "AAA", "name": "Aland", "affiliation": None},
]


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
    events = [
        _event("e1", "a1", source_actor="person:minister", statement_id="s1"),
        _event("e2", "a2", statement_id="s2"),
        _event("e3", "a3", statement_id="s3"),
    ]
    statements = [{"statement_id": s, "anonymous": True} for s in ("s1", "s2", "s3")]
    copies = [
        {"article_id": "a1", "cluster_id": "a1"},
        {"article_id": "a2", "cluster_id": "a1"},
        {"article_id": "a3", "cluster_id": "a3"},
    ]
    claims, members, by_claim = build_claims(events, statements, copies, ARTICLES, ACTORS)
    assert len(claims) == 1
    claim = claims[0]
    assert claim["n_articles"] == 3 and claim["n_outlets"] == 2 and claim["status"] == "corroborated"
    assert claim["anonymous_only"] is True
    assert claim["summary"].startswith("Aland offers to withdraw")
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


NAMES = [
    {"actor_id": a, "name": n, "affiliation": None} for a, n in [("AAA", "Aland"), ("BBB", "Beland"), ("CCC", "Celand")]
]
PLACES = [{"place_id": "feature:port", "name": "Port Royal"}, {"place_id": "country:BBB", "name": "Beland"}]


def _summaries(events) -> list[str]:
    claims, _, _ = build_claims(events, [], [], ARTICLES, NAMES, PLACES)
    return sorted(c["summary"].rsplit(" (", 1)[0] for c in claims)


def test_summaries_read_as_plain_english_from_the_fields():
    events = [
        _event("r1", "a1", type="REQUEST", modality="demands", content_event_id="c1"),
        _event("c1", "a1", source_actor="BBB", modality="demands", location="feature:port"),
        _event("o1", "a2", source_actor="BBB", location="country:BBB", condition_event_id="k1"),
        _event("k1", "a2", source_actor="CCC", modality="conditional"),
        _event("n1", "a3", source_actor="CCC", type="REJECT", modality="refuses", content_event_id="n2"),
        _event("n2", "a3", source_actor="CCC", modality="refuses", location="country:BBB"),
        _event("t1", "a4", type="THREATEN", modality="threatens", content_event_id="t2"),
        _event("t2", "a4", type="COERCE", modality="threatens", trigger="expel", location="country:BBB"),
    ]
    assert _summaries(events) == [
        "Aland calls for Beland to withdraw from Port Royal",
        "Aland threatens Beland (expel)",
        "Beland offers to withdraw from Beland, on condition: Celand withdraws",
        "Celand refuses to withdraw from Beland",
    ]


def test_pronouns_are_never_shown_or_keyed_as_actors():
    events = [
        _event("r1", "a1", type="REQUEST", modality="demands", content_event_id="c1", target_text="Those"),
        _event("c1", "a1", source_actor=None, source_text="Those", modality="demands"),
        _event("w1", "a2", source_actor="ent:which", source_text="which", modality="happened"),
    ]
    lines = _summaries(events)
    assert lines == ["Aland calls for a withdrawal", "Someone withdraws"]
    assert claim_key(events[2], {}) == ("solo", "w1")


def test_demands_are_keyed_by_what_they_demand():
    by = {"c1": _event("c1", "a1", type="RETREAT"), "c2": _event("c2", "a2", type="CONSULT")}
    one = claim_key(_event("r1", "a1", type="REQUEST", modality="demands", content_event_id="c1"), {}, by)
    two = claim_key(_event("r2", "a2", type="REQUEST", modality="demands", content_event_id="c2"), {}, by)
    assert one != two and one[-1] == "RETREAT"


def test_unlinked_demanded_act_joins_the_demand_of_its_sentence():
    events = [
        _event("r1", "a1", type="REQUEST", modality="demands", sentence_start=50),
        _event("c1", "a1", source_actor=None, modality="demands", sentence_start=50),
        _event("c2", "a1", source_actor=None, modality="demands", sentence_start=90),
        _event("r2", "a2", type="REQUEST", modality="demands"),
    ]
    claims, members, _ = build_claims(events, [], [], ARTICLES, NAMES)
    grouped = {m["member_id"]: m["claim_id"] for m in members}
    assert grouped["r1"] == grouped["c1"] == grouped["r2"] != grouped["c2"]


def test_presence_accounts_make_one_claim_per_actor_and_place():
    accounts = [
        {
            "event_id": "s1",
            "member_kind": "statement",
            "article_id": "a1",
            "actor": "AAA",
            "place": "country:BBB",
            "label": "large",
            "sentence_start": 0,
        },
        {
            "event_id": "p2",
            "member_kind": "sentence",
            "article_id": "a2",
            "actor": "AAA",
            "place": "country:BBB",
            "label": "small",
            "sentence_start": 0,
        },
    ]
    claims, members, by_claim = build_claims([], [], [], ARTICLES, NAMES, PLACES, accounts)
    assert [c["summary"] for c in claims] == ["Aland forces present in Beland (2 articles, 2 independent outlets)"]
    assert claims[0]["type"] == "PRESENCE" and {m["member_kind"] for m in members} == {"statement", "sentence"}


# Places with the names the case writes them by: the summaries show a place only under one of these.
NAMED_PLACES = [
    {"place_id": "feature:port", "name": "Port Royal", "aliases": ["Port Royal"]},
    {"place_id": "country:BBB", "name": "Beland", "aliases": ["Beland"]},
    {"place_id": "country:AAA", "name": "Aland", "aliases": ["Aland"]},
]


def _line(**kw) -> str:
    claims, _, _ = build_claims([_event("e1", "a1", **kw)], [], [], ARTICLES, NAMES, NAMED_PLACES)
    return claims[0]["summary"].rsplit(" (", 1)[0]


def test_a_withdrawal_is_from_a_place_never_from_an_actor_phrase():
    # `get the Beland troops out`: the object is what is withdrawn, not a place to withdraw from
    assert (
        _line(
            modality="predicts",
            trigger="get",
            anchor="Aland can get Beland troops out",
            target_actor="BBB",
            target_text="Beland troops",
            location="country:BBB",
            location_text="Beland troops",
        )
        == "Aland is expected to remove Beland"
    )
    # `pull its forces out of Beland`: the actor's own forces are withdrawn, whatever id the phrase got
    assert (
        _line(
            trigger="pull",
            anchor="Aland offered to pull its forces out of Beland",
            target_actor="BBB",
            target_text="its forces",
            location="country:BBB",
            location_text="Beland",
        )
        == "Aland offers to withdraw from Beland"
    )
    # a location the case never names as a place, or written as an actor's words, is no place
    assert _line(location="country:CCC", location_text="Celand soldiers") == "Aland offers to withdraw"
    assert _line(location="country:BBB", location_text="Beland forces") == "Aland offers to withdraw"
    # a place after `from`, and the place a leaving verb takes as its object, are places
    assert (
        _line(
            trigger="withdraw",
            anchor="Aland will withdraw from Port Royal",
            location="feature:port",
            location_text="Port Royal",
        )
        == "Aland offers to withdraw from Port Royal"
    )
    assert (
        _line(
            modality="happened",
            trigger="left",
            anchor="Aland left Beland",
            target_actor="BBB",
            target_text="Beland",
            location="country:BBB",
            location_text="Beland",
        )
        == "Aland withdraws from Beland"
    )


def test_no_place_is_said_twice_or_taken_from_the_actor_words():
    assert (
        _line(
            type="SUPPORT",
            modality="happened",
            target_text="a trade deal in Port Royal",
            location="feature:port",
            location_text="Port Royal",
        )
        == "Aland supports a trade deal in Port Royal"
    )
    assert (
        _line(
            type="ASSAULT",
            modality="happened",
            trigger="shelled",
            anchor="Aland shelled Beland",
            target_actor="BBB",
            target_text="Beland",
            location="country:BBB",
            location_text="Beland",
        )
        == "Aland attacks Beland"
    )
    assert (
        _line(
            type="MOBILIZE",
            modality="happened",
            trigger="deployed",
            anchor="Aland deployed troops in Beland",
            target_actor="BBB",
            target_text="Beland",
            location="country:BBB",
            location_text="Beland",
        )
        == "Aland mobilizes in Beland"
    )
    assert (
        _line(
            type="AID", modality="happened", source_text="the Aland navy", location="country:AAA", location_text="Aland"
        )
        == "Aland aids"
    )


def test_demands_and_denials_with_no_act_say_only_whom_they_concern():
    assert (
        _line(type="REQUEST", modality="demands", target_actor="BBB", target_text="Beland")
        == "Aland makes a demand concerning Beland"
    )
    assert _line(type="REQUEST", modality="demands", target_text="more aid") == "Aland calls for more aid"
    assert (
        _line(type="DENY", modality="denies", target_actor="BBB", target_text="a Beland report")
        == "Aland issues a denial concerning Beland"
    )


def test_retreat_modes_other_than_withdrawal_keep_their_own_verb():
    assert _line(modality="happened", mode="release", target_text="the prisoners") == "Aland releases the prisoners"
