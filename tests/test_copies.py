"""Copy detection: syndicated, trimmed and spun copies are clustered; a same-topic report is not."""

from __future__ import annotations

from sitrep.across.copies import article_keys, candidate_pairs, find_copies, score_pair
from sitrep.language.nlp import load
from sitrep.language.stage import sentence_spans

ORIGINAL = (
    "Dock workers in the port of Valmora walked off the job on Monday, "
    "halting cargo traffic for a third day.\n"
    "The union said the strike would continue until the operator restored "
    "the night-shift bonus it cut in March.\n"
    "Port director Helena Marsh told reporters that talks with the union "
    "would resume on Thursday in Valmora.\n"
    "About 1,200 containers are waiting on the quay, according to figures "
    "released by the harbour authority.\n"
    "Shipping lines have begun diverting vessels to the nearby port of Castel, the authority said.\n"
    "The government has offered to mediate but has not set a date for the first meeting.\n"
)
SPUN = (
    "Dock staff in the port of Valmora walked off the work on Monday, "
    "stopping freight visitors for a third day.\n"
    "The union stated the walkout would proceed until the operator restored the night-shift bonus it lowered "
    "in March.\n"
    "Port chief Helena Marsh informed journalists that negotiations with the union would restart on Thursday "
    "in Valmora.\n"
    "About 1,200 containers are ready on the quay, in keeping with figures "
    "launched by the harbour authority.\n"
    "Delivery lines have started diverting ships to the close by port of Castel, the authority stated.\n"
    "The authorities has provided to mediate but has not set a date for the primary assembly.\n"
)
OTHER = (
    "Harbour pilots in Valmora said on Friday they would join the dock strike if talks fail next week.\n"
    "Their association has long complained about staffing on the night shift.\n"
    "The port of Castel reported record arrivals as ships avoided the blocked terminals.\n"
    "Helena Marsh did not respond to a request for comment.\n"
    "Economists warned that a long stoppage could raise prices for imported food.\n"
)


def _article(aid: str, text: str, published: str | None = None) -> dict:
    """An article row as the copies stage reads it: with the sentence spans its parse gives."""
    return {"article_id": aid, "text": text, "published": published, "sentences": sentence_spans(load()(text))}


def test_band_keys_are_deterministic_and_shared_by_copies():
    original = _article("a", ORIGINAL)
    assert article_keys(original) == article_keys(_article("a", ORIGINAL))
    assert set(article_keys(original)) & set(article_keys(_article("w", "Home | News\n" + ORIGINAL + "\nShare")))
    assert ("a", "b") in candidate_pairs({"a": article_keys(original), "b": article_keys(_article("b", SPUN))})


def test_score_pair_kinds():
    original = _article("a", ORIGINAL)
    assert score_pair(original, _article("b", ORIGINAL.upper().replace("\n", "  \n")))[0] == "exact"
    trimmed = "\n".join(ORIGINAL.splitlines()[:4])
    assert score_pair(original, _article("b", trimmed))[0] == "near"
    kind, share, alignment = score_pair(original, _article("b", SPUN))
    assert kind == "rewrite" and share >= 0.6
    assert alignment[0]["original_sentence"].startswith("Dock workers")
    assert alignment[0]["copy_sentence"].startswith("Dock staff")
    assert score_pair(original, _article("b", OTHER))[0] is None


def test_clusters_pick_earliest_dated_original():
    rows = find_copies(
        [
            _article("c", SPUN, "2021-03-03"),
            _article("a", ORIGINAL, "2021-03-01"),
            _article("b", "Home | World\n" + ORIGINAL + "\nSign up for our newsletter.", "2021-03-02"),
            _article("d", OTHER, "2021-03-01"),
        ]
    )
    by_id = {r["article_id"]: r for r in rows}
    assert [r["article_id"] for r in rows] == ["a", "b", "c", "d"]
    assert by_id["a"]["kind"] == "original" and by_id["a"]["cluster_id"] == "a"
    assert by_id["b"]["kind"] == "near" and by_id["b"]["original_id"] == "a"
    assert by_id["c"]["kind"] == "rewrite" and by_id["c"]["alignment"]
    assert by_id["d"]["kind"] == "unique" and by_id["d"]["cluster_id"] == "d"


def test_undated_original_is_the_most_complete():
    rows = find_copies([_article("x", "\n".join(ORIGINAL.splitlines()[:4])), _article("y", ORIGINAL)])
    assert {r["article_id"]: r["kind"] for r in rows} == {"x": "near", "y": "original"}
