"""Outlet signals: counts with their evidence and the user's rating beside them, never a verdict."""

from __future__ import annotations

from sitrep.across.outlets import UNKNOWN, article_signals, outlet_signals, read_ratings

ARTICLES = [
    {"article_id": "a1", "outlet": "Harbour Times", "author": "J. Doe", "published": "2021-01-01"},
    {"article_id": "a2", "outlet": "Harbour Times", "author": None, "published": None},
    {"article_id": "a3", "outlet": None, "author": "", "published": "2021-01-02"},
]
BLOCKS = [
    {"article_id": "a1", "kind": "body", "text": "x" * 80},
    {"article_id": "a1", "kind": "comments", "text": "y" * 20},
    {"article_id": "a2", "kind": "body", "text": "x" * 50},
    {"article_id": "a2", "kind": "off_topic", "text": "z" * 50},
    {"article_id": "a3", "kind": "body", "text": "x" * 10},
]
COPIES = [
    {"article_id": "a1", "kind": "original"},
    {"article_id": "a2", "kind": "rewrite"},
    {"article_id": "a3", "kind": "unique"},
]
CLAIMS = [{"claim_id": "c1", "anonymous_only": True}, {"claim_id": "c2", "anonymous_only": False}]
MEMBERS = [
    {"claim_id": "c1", "article_id": "a1"},
    {"claim_id": "c2", "article_id": "a1"},
    {"claim_id": "c2", "article_id": "a3"},
]


def test_article_and_outlet_signals(tmp_path):
    signals = article_signals(ARTICLES, BLOCKS, COPIES, MEMBERS, CLAIMS)
    by_id = {s["article_id"]: s for s in signals}
    assert by_id["a1"] | {} == {
        "article_id": "a1",
        "outlet": "Harbour Times",
        "has_author": True,
        "has_date": True,
        "dropped_share": 0.2,
        "anonymous_share": 0.5,
        "copy_kind": "original",
        "off_topic_blocks": 0,
    }
    assert by_id["a2"]["off_topic_blocks"] == 1 and by_id["a2"]["anonymous_share"] is None
    assert by_id["a3"]["outlet"] == UNKNOWN and by_id["a3"]["has_author"] is False

    ratings_csv = tmp_path / "ratings.csv"
    ratings_csv.write_text("outlet,rating,source\nharbour times,mixed,Example Media Watch\n", encoding="utf-8")
    rows = outlet_signals(signals, BLOCKS, MEMBERS, CLAIMS, read_ratings(ratings_csv))
    assert [r["outlet"] for r in rows] == ["(unknown outlet)", "Harbour Times"]
    times = rows[1]
    assert times["n_articles"] == 2 and times["named_author_share"] == 0.5 and times["dated_share"] == 0.5
    assert times["dropped_share"] == 0.1 and times["copied_share"] == 0.5 and times["off_topic_blocks"] == 1
    assert times["anonymous_claim_share"] == 0.5
    assert (times["rating"], times["rating_source"]) == ("mixed", "Example Media Watch")
    assert rows[0]["rating"] is None


def test_no_ratings_file():
    assert read_ratings(None) == {}
