"""Contradictions inside a claim: scope, conditions, numbers, polarity, time; copies never contradict."""

from __future__ import annotations

from sitrep.across.contradictions import conditions_label, find_contradictions, quantity_label, scope_label
from sitrep.language.nlp import load
from sitrep.language.stage import sentence_spans


def _spans(text: str) -> list[tuple[int, int]]:
    """The sentence spans a build stores for `text` (the `sentences` stage over its parse)."""
    return sentence_spans(load()(text))


def _article(aid: str, outlet: str, text: str) -> dict:
    return {"article_id": aid, "outlet": outlet, "text": text, "sentences": _spans(text)}


TEXT_ONE = "The envoy said the army will leave Aland if the rebels leave all of Beland. It was the only condition."
TEXT_THREE = (
    "The envoy said the army will leave Aland if the rebels leave the south of Beland. "
    "Officials set three conditions for the pull-out."
)


def _event(eid, aid, text, anchor, **kw):
    start = text.index(anchor)
    end = text.index(".", start) + 1
    return {
        "event_id": eid,
        "article_id": aid,
        "type": "RETREAT",
        "modality": "intends-or-offers",
        "negated": False,
        "anchor": anchor,
        "sentence": text[:end],
        "sentence_start": 0,
        "sentence_end": end,
        **kw,
    }


ARTICLES = [_article("a1", "One", TEXT_ONE), _article("a2", "Two", TEXT_THREE)]


def test_labels():
    country = {"location": "country:BLD", "location_text": "Beland", "anchor": "leave"}
    assert scope_label(country, {}) == "whole"
    assert scope_label({"location_text": "Beland", "anchor": "leave the south of Beland"}, {}) == "part:south"
    assert scope_label({"location": "geo:1", "location_text": "Port", "anchor": "x"}, {"geo:1": "city"}) == "part:geo:1"
    assert conditions_label({"sentence_start": 0}, TEXT_ONE, _spans(TEXT_ONE))[0] == "1 condition"
    assert conditions_label({"sentence_start": 0}, TEXT_THREE, _spans(TEXT_THREE)) == ("3 conditions", (82, 130))
    assert quantity_label({"sentence": "It has thousands of fighters there."}) == "large"
    assert quantity_label({"sentence": "Its presence is limited to officers."}) == "small"


PLACES = [
    {"place_id": "country:BLD", "name": "Beland", "feature": "country", "aliases": ["Beland"]},
    {"place_id": "geo:port", "name": "Port Royal", "feature": "city", "aliases": ["Port Royal"]},
]
CLAIMS = [
    {"claim_id": "c1", "summary": "Aland offers to withdraw from Beland (2 articles, 2 independent outlets)"},
    {"claim_id": "c2", "summary": "Celand offers to agree (1 article, 1 independent outlet)"},
]


def test_scope_and_conditions_with_sentences():
    by_claim = {
        "c1": [
            _event(
                "e1", "a1", TEXT_ONE, "the rebels leave all of Beland", location="country:BLD", location_text="Beland"
            ),
            _event(
                "e2",
                "a2",
                TEXT_THREE,
                "the rebels leave the south of Beland",
                location="country:BLD",
                location_text="Beland",
            ),
        ]
    }
    found = find_contradictions(by_claim, ARTICLES, [], PLACES, [], CLAIMS)
    kinds = {c["kind"]: c for c in found}
    assert set(kinds) == {"scope", "conditions"}
    assert kinds["scope"]["summary"] == "part (the south) vs whole (Beland) — Aland offers to withdraw from Beland"
    assert kinds["conditions"]["summary"] == "1 condition vs 3 conditions — Aland offers to withdraw from Beland"
    cond = kinds["conditions"]
    assert cond["claim_ids"] == ["c1"] and cond["article_ids"] == ["a1", "a2"]
    sentences = {e["side"]: e["sentence"] for e in cond["evidence"]}
    assert sentences == {"a": "It was the only condition.", "b": "Officials set three conditions for the pull-out."}
    for e in cond["evidence"]:
        text = TEXT_ONE if e["article_id"] == "a1" else TEXT_THREE
        assert text[e["start"] : e["end"]] == e["sentence"]


def test_polarity_and_copies_do_not_contradict_themselves():
    one = _event("e1", "a1", TEXT_ONE, "the rebels leave")
    two = _event("e2", "a2", TEXT_THREE, "the rebels leave", modality="refuses")
    found = find_contradictions({"c1": [one, two]}, ARTICLES, [])
    assert "polarity" in {c["kind"] for c in found}
    copies = [{"article_id": "a1", "cluster_id": "a1"}, {"article_id": "a2", "cluster_id": "a1"}]
    assert find_contradictions({"c1": [one, two]}, ARTICLES, copies) == []


def test_time_only_for_day_precise_happenings():
    one = _event("e1", "a1", TEXT_ONE, "the rebels leave", modality="happened", date="2020-01-01", date_precision="day")
    two = _event(
        "e2", "a2", TEXT_THREE, "the rebels leave", modality="happened", date="2020-01-05", date_precision="day"
    )

    def kinds():
        return {c["kind"] for c in find_contradictions({"c1": [one, two]}, ARTICLES, [])}

    assert "time" in kinds()
    two["date_precision"] = "month"
    assert "time" not in kinds()


def _mentions(aid, text, spans):
    out = []
    for surface, kind, norm in spans:
        start = text.index(surface)
        out.append(
            {
                "article_id": aid,
                "start": start,
                "end": start + len(surface),
                "kind": kind,
                "norm_id": norm,
                "actor": norm if kind == "actor" else None,
            }
        )
    return out


def test_presence_quantities_are_labelled_by_actor_and_place():
    from sitrep.across.presence import article_accounts

    cases = {
        "Aland has thousands of soldiers and militia fighters in Beland.": "large",
        "Aland's presence in Beland is limited to officers advising the army.": "small",
        "The minister denied that Aland had any troops in Beland.": "none",
        "Hundreds of Aland fighters were killed in Beland.": None,
    }
    for text, label in cases.items():
        ms = _mentions(
            "a", text, [("Aland", "actor", "AAA"), ("Beland", "place", "country:BBB"), ("Beland", "actor", "BBB")]
        )
        got = article_accounts(_article("a", "A", text), ms, [])
        assert [(a["actor"], a["place"], a["label"]) for a in got] == (
            [("AAA", "country:BBB", label)] if label else []
        ), text


def test_incompatible_presence_quantities_in_two_articles_are_a_numbers_contradiction():
    from sitrep.across.claims import build_claims
    from sitrep.across.presence import find_accounts

    texts = {
        "p1": "Aland has thousands of soldiers in Beland.",
        "p2": "Aland has only advisers in Beland.",
        "p3": "Aland has no troops in Beland.",
    }
    articles = [_article(a, a.upper(), t) for a, t in texts.items()]
    ms = [
        m
        for a, t in texts.items()
        for m in _mentions(a, t, [("Aland", "actor", "AAA"), ("Beland", "place", "country:BBB")])
    ]
    _, _, by_claim = build_claims([], [], [], articles, [], [], find_accounts(articles, ms, []))
    found = find_contradictions(by_claim, articles, [])
    pairs = sorted(sorted(e["article_id"] for e in c["evidence"]) for c in found)
    assert {c["kind"] for c in found} == {"numbers"}
    assert pairs == [["p1", "p2"], ["p1", "p3"]]  # `only advisers` and `no troops` do not clash
    copies = [{"article_id": "p2", "cluster_id": "p1"}, {"article_id": "p1", "cluster_id": "p1"}]
    one_voice = find_contradictions(by_claim, articles, copies)  # p2 copies p1: it cannot contradict it
    assert [c["article_ids"] for c in one_voice] == [["p1", "p3"]]


def test_scope_summary_names_places_never_ids_and_sets_all_parts_against_the_whole_once():
    text_city = "The rebels will leave Port Royal. They may go south of Beland later."
    text_whole = "The rebels will leave Beland. Nothing else was said."
    text_south = "The rebels will leave the south of Beland, the envoy said."
    articles = [_article(a, a.upper(), t) for a, t in (("a1", text_city), ("a2", text_whole), ("a3", text_south))]
    by_claim = {
        "c1": [
            _event("e1", "a1", text_city, "leave Port Royal", location="geo:port", location_text="Port Royal"),
            _event("e2", "a2", text_whole, "leave Beland", location="country:BLD", location_text="Beland"),
            _event("e3", "a3", text_south, "leave the south of Beland", location="country:BLD", location_text="Beland"),
        ]
    }
    found = [c for c in find_contradictions(by_claim, articles, [], PLACES, [], CLAIMS) if c["kind"] == "scope"]
    assert len(found) == 1
    assert found[0]["summary"].startswith("part (Port Royal, the south) vs whole (Beland)")
    assert "geo:" not in found[0]["summary"] and "part:" not in found[0]["summary"]


def test_a_location_that_is_no_place_gives_no_scope():
    one = _event("e1", "a1", TEXT_ONE, "the rebels leave", location="country:BLD", location_text="Beland troops")
    two = _event("e2", "a2", TEXT_THREE, "the rebels leave", location="geo:port", location_text="Port Royal")
    found = find_contradictions({"c1": [one, two]}, ARTICLES, [], PLACES, [], CLAIMS)
    assert "scope" not in {c["kind"] for c in found}


def test_the_same_two_condition_sentences_clash_once_under_every_claim_they_bear_on():
    by_claim = {
        "c1": [
            _event("e1", "a1", TEXT_ONE, "the army will leave Aland"),
            _event("e2", "a2", TEXT_THREE, "the army will leave Aland"),
        ],
        "c2": [
            _event("e3", "a1", TEXT_ONE, "the rebels leave", type="AGREE"),
            _event("e4", "a2", TEXT_THREE, "the rebels leave", type="AGREE"),
        ],
    }
    by_claim["c1"].append(_event("e5", "a3", TEXT_THREE, "the army will leave Aland"))
    articles = [*ARTICLES, _article("a3", "Three", TEXT_THREE)]
    found = [c for c in find_contradictions(by_claim, articles, [], PLACES, [], CLAIMS) if c["kind"] == "conditions"]
    assert len(found) == 1
    assert found[0]["claim_ids"] == ["c1", "c2"]  # the claim more articles tell first; its line in the summary
    assert found[0]["summary"] == "1 condition vs 3 conditions — Aland offers to withdraw from Beland"
    sides = sorted((e["side"], e["article_id"]) for e in found[0]["evidence"])
    assert sides == [("a", "a1"), ("b", "a2"), ("b", "a3")]


def test_presence_numbers_summary_quotes_each_side():
    from sitrep.across.claims import build_claims
    from sitrep.across.presence import find_accounts

    texts = {"p1": "Aland has thousands of soldiers in Beland.", "p2": "Aland has only advisers in Beland."}
    articles = [_article(a, a.upper(), t) for a, t in texts.items()]
    ms = [
        m
        for a, t in texts.items()
        for m in _mentions(a, t, [("Aland", "actor", "AAA"), ("Beland", "place", "country:BLD")])
    ]
    actors = [{"actor_id": "AAA", "name": "Aland"}]
    claims, _, by_claim = build_claims([], [], [], articles, actors, PLACES, find_accounts(articles, ms, []))
    (found,) = find_contradictions(by_claim, articles, [], PLACES, actors, claims)
    assert (
        found["summary"] == 'large ("thousands of soldiers") vs small ("only advisers") — '
        "Aland forces present in Beland"
    )


def test_presence_and_contradiction_words_are_data_files():
    import re

    from sitrep.across.wordlists import alternation, word_lists

    presence, contra = word_lists("presence.tsv"), word_lists("contradictions.tsv")
    assert {"force", "large", "small", "none", "deny", "loss", "inside"} <= set(presence)
    assert {"count:1", "condition", "whole", "direction", "large", "small"} <= set(contra)
    assert re.fullmatch(alternation(["thousands", "tens of thousands"]), "tens of\nthousands")
