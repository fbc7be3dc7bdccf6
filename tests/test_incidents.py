"""Incidents: reports of what happened are grouped only when they can be one real-world event, each member
with the evidence it joined on; casualty figures of one incident clash only when both cannot hold."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest

from sitrep.across.casualties import Figure, figures
from sitrep.across.claims import build_claims
from sitrep.across.contradictions import find_contradictions
from sitrep.across.incidents import PlaceIndex, group_incidents, make_report

PLACES = [
    {"place_id": "g:1", "name": "Port Vale", "feature": "city", "country": "AAA", "lat": 35.0, "lon": 38.0},
    {"place_id": "g:2", "name": "Hill Town", "feature": "city", "country": "AAA", "lat": 36.0, "lon": 39.5},
    {"place_id": "g:3", "name": "Vale Market", "feature": "city", "country": "AAA", "lat": 35.01, "lon": 38.01},
    {"place_id": "country:AAA", "name": "Aland", "feature": "country", "country": "AAA", "lat": 35.5, "lon": 38.5},
]
ARTICLES = [
    {"article_id": f"a{i}", "outlet": f"Outlet {i}", "published": "2021-03-02", "text": "", "sentences": []}
    for i in range(1, 6)
]


def _event(eid: str, aid: str, sentence: str, **kw) -> dict:
    base = {
        "event_id": eid,
        "article_id": aid,
        "type": "ASSAULT",
        "modality": "happened",
        "negated": False,
        "source_actor": None,
        "target_actor": None,
        "location": None,
        "date": None,
        "date_precision": None,
        "sentence": sentence,
        "sentence_start": 0,
        "sentence_end": len(sentence),
    }
    return base | kw


def _claims(events: list[dict]) -> tuple[list[dict], list[dict], dict]:
    return build_claims(events, [], [], ARTICLES, [], PLACES)


def _together(members: list[dict], a: str, b: str) -> bool:
    claim_of = {m["member_id"]: m["claim_id"] for m in members}
    return claim_of[a] == claim_of[b]


def test_the_same_strike_told_by_two_outlets_is_one_incident_with_its_evidence() -> None:
    one = _event("e1", "a1", "Air strikes on the market of Port Vale killed 17 civilians on Monday.", location="g:1")
    two = _event(
        "e2", "a2", "Seventeen civilians were killed when jets bombed a market in Vale Market.", location="g:3"
    )
    _, members, _ = _claims([one, two])
    assert _together(members, "e1", "e2")
    why = {m["member_id"]: m["grouped_by"] for m in members}
    assert "same place" in why["e2"] or "same figure" in why["e2"]


def test_two_strikes_in_two_towns_on_one_day_stay_apart() -> None:
    one = _event("e1", "a1", "A strike killed 5 civilians in Port Vale.", location="g:1", date="2021-03-01")
    two = _event("e2", "a2", "A strike killed 5 civilians in Hill Town.", location="g:2", date="2021-03-01")
    for e in (one, two):
        e["date_precision"] = "day"
    _, members, _ = _claims([one, two])
    assert not _together(members, "e1", "e2")


def test_yesterdays_attack_and_todays_stay_apart() -> None:
    kw = {"source_actor": "BBB", "location": "g:1", "date_precision": "day"}
    one = _event("e1", "a1", "Rebels shelled Port Vale on Monday.", date="2021-03-01", **kw)
    two = _event("e2", "a2", "Rebels attacked the outskirts of Port Vale again on Tuesday.", date="2021-03-02", **kw)
    _, members, _ = _claims([one, two])
    assert not _together(members, "e1", "e2")


def test_two_named_attackers_are_never_one_incident() -> None:
    sentence = "Jets struck the market of Port Vale, killing 9 civilians."
    one = _event("e1", "a1", sentence, source_actor="BBB", location="g:1")
    two = _event("e2", "a2", sentence, source_actor="CCC", location="g:1")
    _, members, _ = _claims([one, two])
    assert not _together(members, "e1", "e2")


def test_a_position_keeps_its_claim_key_and_the_same_actor_acting_twice_is_not_one_act() -> None:
    demand = {"modality": "demands", "type": "REQUEST", "source_actor": "BBB"}
    one = _event("e1", "a1", "Aland called for talks.", **demand)
    two = _event("e2", "a2", "Aland again urged both sides to talk.", **demand)
    three = _event("e3", "a3", "Aland troops shelled a village.", source_actor="BBB")
    four = _event("e4", "a4", "Aland artillery hit a school.", source_actor="BBB")
    _, members, _ = _claims([one, two, three, four])
    assert _together(members, "e1", "e2")
    assert not _together(members, "e3", "e4")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Six civilians including a child were among at least 22 people killed in air strikes",
            [Figure("civilians", "killed", 6, "exact"), Figure("people", "killed", 22, "at-least")],
        ),
        ("Regime air raids killed at least 15 civilians", [Figure("civilians", "killed", 15, "at-least")]),
        (
            "Nearly 30 fighters died and 12 people were wounded",
            [Figure("fighters", "killed", 30, "rough"), Figure("people", "wounded", 12, "exact")],
        ),
        ("In 2015 civilians were killed", []),
    ],
)
def test_casualty_figures(sentence: str, expected: list[Figure]) -> None:
    assert figures(sentence) == expected


def test_figures_clash_only_when_both_cannot_hold() -> None:
    six, eight = Figure("civilians", "killed", 6, "exact"), Figure("civilians", "killed", 8, "exact")
    assert six.clashes_with(eight)
    assert not Figure("civilians", "killed", 5, "at-least").clashes_with(eight)
    assert Figure("civilians", "killed", 10, "at-least").clashes_with(eight)
    assert not Figure("civilians", "killed", 8, "rough").clashes_with(six)
    assert not six.clashes_with(Figure("people", "killed", 8, "exact"))


def _toll_claim(published_b: str) -> list[dict]:
    one = _event("e1", "a1", "Air strikes on Port Vale killed 6 civilians, the monitor said.", location="g:1")
    two = _event("e2", "a2", "Air strikes on Port Vale killed 8 civilians, activists said.", location="g:1")
    articles = [dict(ARTICLES[0]), dict(ARTICLES[1], published=published_b)]
    return find_contradictions({"c1": [one, two]}, articles, [])


def test_different_tolls_on_one_day_contradict_and_a_later_higher_toll_is_an_update() -> None:
    same_day = _toll_claim("2021-03-02")
    assert [c["kind"] for c in same_day] == ["numbers"]
    assert "6 civilians killed vs 8 civilians killed" in same_day[0]["summary"]
    assert _toll_claim("2021-03-04") == []


def test_grouping_stays_near_linear() -> None:
    """10,000 reports over 1,000 days take about ten times what 1,000 over 100 days take, not a hundred:
    the work grows with the reports of one day, not with the case."""

    def reports(n: int) -> list:
        out = []
        for i in range(n):
            day = (date(2015, 1, 1) + timedelta(days=i // 10)).isoformat()
            e = _event(f"e{i}", f"a{i % 50}", f"Shelling hit district {i % 7} killing {i % 13} civilians.")
            out.append(make_report(e | {"location": f"g:{1 + i % 3}"}, day, lambda x: x))
        return out

    places = PlaceIndex.of(PLACES)
    small, large = reports(1_000), reports(10_000)
    t0 = time.perf_counter()
    group_incidents(small, places)
    t1 = time.perf_counter()
    group_incidents(large, places)
    t2 = time.perf_counter()
    assert (t2 - t1) < 40 * max(t1 - t0, 0.01)


def test_a_sentence_reports_each_toll_once_in_its_weakest_form() -> None:
    from sitrep.across.casualties import reported_tolls

    glued = "US strikes kill 56 civilians in the north Children were among at least 56 civilians killed on Tuesday"
    assert reported_tolls(glued) == [Figure("civilians", "killed", 56, "at-least")]
    assert reported_tolls("Strikes killed 21 civilians and 15 civilians were killed in the town itself") == []


def test_close_tolls_of_one_group_join_reports_and_small_ones_do_not() -> None:
    one = _event("e1", "a1", "At least 29 rebels were killed in clashes with army troops overnight.")
    two = _event("e2", "a2", "Nearly 30 militants have been killed in an offensive they launched.")
    three = _event("e3", "a3", "Two fighters were killed in clashes near the road.")
    four = _event("e4", "a4", "Three fighters died in an ambush in the hills.")
    _, members, _ = _claims([one, two, three, four])
    assert _together(members, "e1", "e2")
    assert "close tolls: 30 and 29 fighters killed" in {m["member_id"]: m["grouped_by"] for m in members}["e2"]
    assert not _together(members, "e3", "e4")
