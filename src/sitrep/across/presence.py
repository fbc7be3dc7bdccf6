"""Accounts of how large an actor's armed presence in a place is, so that reports can be compared on it.

`X has thousands of soldiers in P`, `X's presence in P is limited to officers`, `X has no troops in P` are
rarely parsed as events, yet they are what reports contradict each other on. Each sentence with a quantity
bound to a force word becomes an account labelled `large`, `small` or `none`, keyed by the actor named
before it and the place it is in; accounts of one actor and place become one claim (see `claims`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from typing import Any

from sitrep.across.wordlists import alternation, word_lists
from sitrep.ids import UNIT, stable_id

_WORDS = word_lists("presence.tsv")
_FORCE = alternation(_WORDS["force"]) + r"\b"
#: Numerals of a hundred and more (`2,000`, `300`), but not years (`in 2018 forces ...`).
_NUMERAL = r"\d{1,3}(?:,\d{3})+|(?!(?:19|20)\d\d\b)[1-9]\d{2,}"


def _gap(n: int) -> str:
    """Up to n words between a quantity and its force word (`thousands of foreign-backed militia fighters`)."""
    return r"(?:[\w’'-]+\s+){0," + str(n) + "}"


_GAP = _gap(3)
# (label, pattern); a `q` group marks where the quantity itself starts when a cue comes before it.
PATTERNS = (
    (
        "large",
        re.compile(r"\b(?:" + alternation(_WORDS["large"]) + "|" + _NUMERAL + r")\s+(?:of\s+)?" + _GAP + _FORCE, re.I),
    ),
    ("small", re.compile(r"\b" + alternation(_WORDS["small"]) + r"\s+" + _GAP + _FORCE, re.I)),
    ("none", re.compile(r"\b" + alternation(_WORDS["none"]) + r"\s+" + _gap(2) + _FORCE, re.I)),
    ("none", re.compile(r"\b" + alternation(_WORDS["deny"]) + r"\b[^.;]{0,60}?\b(?P<q>any)\s+" + _GAP + _FORCE, re.I)),
)
# Numbers of dead, wounded or captured count losses, not a presence.
_LOSS = re.compile(r"\b" + alternation(_WORDS["loss"]) + r"\b", re.I)
_IN = re.compile(r"\b" + alternation(_WORDS["inside"]) + r"\s+(?:the\s+)?$", re.I)
# A quantity is compatible with a neighbouring one (`only officers` vs `no troops`), not with the far end.
CLASHING = {frozenset({"large", "small"}), frozenset({"large", "none"})}


def clash(a: str, b: str) -> bool:
    return frozenset({a, b}) in CLASHING


def _place(text: str, sent: tuple[int, int], places: list[Mapping[str, Any]], at: int) -> Mapping | None:
    """The place the sentence puts forces `in`, nearest the quantity."""
    inside = [
        m for m in places if sent[0] <= m["start"] < sent[1] and _IN.search(text[max(0, m["start"] - 20) : m["start"]])
    ]
    return min(inside, key=lambda m: (abs(m["start"] - at), m["start"])) if inside else None


def _actor(
    actors: list[Mapping[str, Any]], starts: list[int], sent_start: int, end: int, place_country: str | None, at: int
) -> str | None:
    """Whose forces: an actor inside the quantity phrase (`thousands of Aland fighters`), else the nearest
    named before it in the sentence; never the state the place belongs to (its own army is no presence)."""
    for m in reversed(actors[: bisect_right(starts, end)]):
        if m["start"] < sent_start:
            return None
        actor = m.get("actor") or m.get("norm_id")
        if actor and actor != place_country and m["end"] <= end and (m["start"] >= at or m["end"] <= at):
            return actor
    return None


def _country(place: Mapping[str, Any]) -> str | None:
    norm = place.get("norm_id") or ""
    return norm.removeprefix("country:") if norm.startswith("country:") else place.get("country")


def _statement(statements: list[Mapping[str, Any]], pos: int) -> Mapping | None:
    inside = [s for s in statements if s["content_start"] <= pos < s["content_end"]]
    return min(inside, key=lambda s: (s["content_end"] - s["content_start"], s["statement_id"])) if inside else None


def article_accounts(
    article: Mapping[str, Any], mentions: Iterable[Mapping[str, Any]], statements: Iterable[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Every presence account in one article, in text order; `article["sentences"]` are its sentence spans."""
    text = article.get("text") or ""
    mentions = sorted(mentions, key=lambda m: (m["start"], m["end"]))
    actors = [m for m in mentions if m.get("kind") == "actor"]
    starts = [m["start"] for m in actors]
    places = [m for m in mentions if m.get("kind") == "place" and m.get("norm_id")]
    statements = list(statements)
    out = []
    for sent in article["sentences"]:
        chunk = text[sent[0] : sent[1]]
        if _LOSS.search(chunk):
            continue
        for label, pattern in PATTERNS:
            for m in pattern.finditer(chunk):
                at = sent[0] + (m.start("q") if "q" in pattern.groupindex else m.start())
                place = _place(text, sent, places, at)
                country = _country(place) if place else None
                actor = _actor(actors, starts, sent[0], sent[0] + m.end(), country, at)
                if place is None or actor is None:
                    continue
                stmt = _statement(statements, at)
                member = (
                    stmt["statement_id"] if stmt else stable_id(article["article_id"], "presence", sent[0], sep=UNIT)
                )
                out.append(
                    {
                        "event_id": member,
                        "member_kind": "statement" if stmt else "sentence",
                        "article_id": article["article_id"],
                        "actor": actor,
                        "place": place["norm_id"],
                        "label": label,
                        "quantity": m.group(0),
                        "sentence": chunk,
                        "sentence_start": sent[0],
                        "sentence_end": sent[1],
                        "statement_id": stmt["statement_id"] if stmt else None,
                    }
                )
    return sorted(out, key=lambda a: (a["sentence_start"], a["label"], a["event_id"]))


def find_accounts(
    articles: Iterable[Mapping[str, Any]],
    mentions: Iterable[Mapping[str, Any]],
    statements: Iterable[Mapping[str, Any]],
) -> list[dict[str, Any]]:
    """Presence accounts of every article, grouped from flat mention and statement rows."""
    by_article: dict[str, tuple[list, list]] = {}
    for m in mentions:
        by_article.setdefault(m["article_id"], ([], []))[0].append(m)
    for s in statements:
        by_article.setdefault(s["article_id"], ([], []))[1].append(s)
    out = []
    for a in sorted(articles, key=lambda a: a["article_id"]):
        found_m, found_s = by_article.get(a["article_id"], ([], []))
        out += article_accounts(a, found_m, found_s)
    return out
