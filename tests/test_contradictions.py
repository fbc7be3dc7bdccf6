"""Contradictions inside a claim: scope, conditions, numbers, polarity, time; copies never contradict."""

from __future__ import annotations

from sitrep.across.contradictions import conditions_label, find_contradictions, quantity_label, scope_label

TEXT_ONE = ("The envoy said the army will leave Aland if the rebels leave all of Beland. "
            "It was the only condition.")
TEXT_THREE = ("The envoy said the army will leave Aland if the rebels leave the south of Beland. "
              "Officials set three conditions for the pull-out.")


def _event(eid, aid, text, anchor, **kw):
    start = text.index(anchor)
    end = text.index(".", start) + 1
    return {"event_id": eid, "article_id": aid, "type": "RETREAT", "modality": "intends-or-offers",
            "negated": False, "anchor": anchor, "sentence": text[:end], "sentence_start": 0,
            "sentence_end": end, **kw}


ARTICLES = [{"article_id": "a1", "outlet": "One", "text": TEXT_ONE},
            {"article_id": "a2", "outlet": "Two", "text": TEXT_THREE}]


def test_labels():
    country = {"location": "country:BLD", "location_text": "Beland", "anchor": "leave"}
    assert scope_label(country, {}) == "whole"
    assert scope_label({"location_text": "Beland", "anchor": "leave the south of Beland"}, {}) == "part:south"
    assert scope_label({"location": "geo:1", "location_text": "Port", "anchor": "x"}, {"geo:1": "city"}) \
        == "part:geo:1"
    assert conditions_label({"sentence_start": 0}, TEXT_ONE)[0] == "1 condition"
    assert conditions_label({"sentence_start": 0}, TEXT_THREE)[0] == "3 conditions"
    assert quantity_label({"sentence": "It has thousands of fighters there."}) == "large"
    assert quantity_label({"sentence": "Its presence is limited to officers."}) == "small"


def test_scope_and_conditions_with_sentences():
    by_claim = {"c1": [
        _event("e1", "a1", TEXT_ONE, "the rebels leave all of Beland", location="country:BLD",
               location_text="all of Beland"),
        _event("e2", "a2", TEXT_THREE, "the rebels leave the south of Beland", location="country:BLD",
               location_text="Beland"),
    ]}
    found = find_contradictions(by_claim, ARTICLES, [])
    kinds = {c["kind"]: c for c in found}
    assert set(kinds) == {"scope", "conditions"}
    cond = kinds["conditions"]
    assert cond["claim_ids"] == ["c1"] and cond["article_ids"] == ["a1", "a2"]
    sentences = {e["side"]: e["sentence"] for e in cond["evidence"]}
    assert sentences == {"a": "It was the only condition.",
                         "b": "Officials set three conditions for the pull-out."}
    for e in cond["evidence"]:
        text = TEXT_ONE if e["article_id"] == "a1" else TEXT_THREE
        assert text[e["start"]:e["end"]] == e["sentence"]


def test_polarity_and_copies_do_not_contradict_themselves():
    one = _event("e1", "a1", TEXT_ONE, "the rebels leave")
    two = _event("e2", "a2", TEXT_THREE, "the rebels leave", modality="refuses")
    found = find_contradictions({"c1": [one, two]}, ARTICLES, [])
    assert "polarity" in {c["kind"] for c in found}
    copies = [{"article_id": "a1", "cluster_id": "a1"}, {"article_id": "a2", "cluster_id": "a1"}]
    assert find_contradictions({"c1": [one, two]}, ARTICLES, copies) == []


def test_time_only_for_day_precise_happenings():
    one = _event("e1", "a1", TEXT_ONE, "the rebels leave", modality="happened", date="2020-01-01",
                 date_precision="day")
    two = _event("e2", "a2", TEXT_THREE, "the rebels leave", modality="happened", date="2020-01-05",
                 date_precision="day")
    def kinds():
        return {c["kind"] for c in find_contradictions({"c1": [one, two]}, ARTICLES, [])}

    assert "time" in kinds()
    two["date_precision"] = "month"
    assert "time" not in kinds()


def _mentions(aid, text, spans):
    out = []
    for surface, kind, norm in spans:
        start = text.index(surface)
        out.append({"article_id": aid, "start": start, "end": start + len(surface), "kind": kind, "norm_id": norm,
                    "actor": norm if kind == "actor" else None})
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
        ms = _mentions("a", text, [("Aland", "actor", "AAA"), ("Beland", "place", "country:BBB"),
                                   ("Beland", "actor", "BBB")])
        got = article_accounts({"article_id": "a", "text": text}, ms, [])
        assert [(a["actor"], a["place"], a["label"]) for a in got] == ([("AAA", "country:BBB", label)] if label
                                                                       else []), text


def test_incompatible_presence_quantities_in_two_articles_are_a_numbers_contradiction():
    from sitrep.across.claims import build_claims
    from sitrep.across.presence import find_accounts
    texts = {"p1": "Aland has thousands of soldiers in Beland.", "p2": "Aland has only advisers in Beland.",
             "p3": "Aland has no troops in Beland."}
    articles = [{"article_id": a, "outlet": a.upper(), "text": t} for a, t in texts.items()]
    ms = [m for a, t in texts.items() for m in _mentions(a, t, [("Aland", "actor", "AAA"),
                                                                ("Beland", "place", "country:BBB")])]
    _, _, by_claim = build_claims([], [], [], articles, [], [], find_accounts(articles, ms, []))
    found = find_contradictions(by_claim, articles, [])
    pairs = sorted(sorted(e["article_id"] for e in c["evidence"]) for c in found)
    assert {c["kind"] for c in found} == {"numbers"}
    assert pairs == [["p1", "p2"], ["p1", "p3"]]  # `only advisers` and `no troops` do not clash
    copies = [{"article_id": "p2", "cluster_id": "p1"}, {"article_id": "p1", "cluster_id": "p1"}]
    one_voice = find_contradictions(by_claim, articles, copies)  # p2 copies p1: it cannot contradict it
    assert [c["article_ids"] for c in one_voice] == [["p1", "p3"]]
