"""Where accounts of one claim disagree: scope, number of conditions, quantities, polarity and time.

Each check gives every member a label (`whole` / `part:south`, `3 conditions`, `large` / `small`, ...),
groups members by label and reports one contradiction per pair of clashing labels with up to three sentences
on each side. Work grows with the number of distinct labels, not with members squared.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import date
from itertools import combinations
from typing import Any

from sitrep.across.claims import negative, stable_id
from sitrep.across.presence import clash as presence_clash
from sitrep.across.textsig import sentences

EVIDENCE_PER_SIDE = 3
CONDITION_WINDOW = 1500
TIME_WINDOW_DAYS = 14
_NUMBER_WORDS = {"one": 1, "only": 1, "sole": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_CONDITIONS = re.compile(r"\b(only|sole|single|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
                         r"(?:[a-z-]+\s+)?conditions?\b", re.I)
_WHOLE = re.compile(r"\b(all|entire|whole|every part|total|complete|anywhere)\b", re.I)
_PART = re.compile(r"\b((?:south|north)(?:-?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?)\b", re.I)
_LARGE = re.compile(r"\b(thousands|hundreds|tens of thousands|millions|dozens|large numbers? of)\b|"
                    r"\b\d{1,3}(?:,\d{3})+\b|\b[1-9]\d{2,}\b", re.I)
_SMALL = re.compile(r"\b(only|limited to|merely|solely|just a few|a handful of|no (?:active |combat )?"
                    r"(?:troops|forces|soldiers|fighters))\b", re.I)


def _sentence(event: Mapping[str, Any]) -> str:
    return event.get("sentence") or event.get("anchor") or ""


def scope_label(event: Mapping[str, Any], feature_of: Mapping[str, str]) -> str | None:
    """`whole` for a country or an `all of` phrase, `part:DIR` for a direction or a place inside a country."""
    text = " ".join(filter(None, [event.get("location_text"), event.get("anchor")]))
    part = _PART.search(text)
    if part:
        return "part:" + part.group(1).lower().replace("ern", "").replace("-", "")
    loc = event.get("location")
    if loc and feature_of.get(loc) in ("region", "city", "feature"):
        return f"part:{loc}"
    if loc and (feature_of.get(loc) == "country" or loc.startswith("country:")):
        return "whole"
    return "whole" if event.get("location_text") and _WHOLE.search(text) else None


def _sentence_at(text: str, pos: int) -> tuple[int, int]:
    for s, e in sentences(text):
        if s <= pos < e:
            return s, e
    return pos, pos


def conditions_label(event: Mapping[str, Any], text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Number of conditions the article states nearest this event (`the only condition` = 1)."""
    if not text:
        return None, None
    here = event.get("sentence_start") or 0
    best = None
    for m in _CONDITIONS.finditer(text):
        near = abs(m.start() - here) <= CONDITION_WINDOW
        if near and (best is None or abs(m.start() - here) < abs(best.start() - here)):
            best = m
    if best is None:
        return None, None
    word = best.group(1).lower()
    count = int(word) if word.isdigit() else _NUMBER_WORDS[word]
    return f"{count} condition{'s' * (count != 1)}", _sentence_at(text, best.start())


def quantity_label(event: Mapping[str, Any]) -> str | None:
    text = _sentence(event)
    large, small = _LARGE.search(text), _SMALL.search(text)
    if large and not small:
        return "large"
    if small and not large:
        return "small"
    return None


def polarity_label(event: Mapping[str, Any]) -> str:
    return "negative" if negative(event) else "positive"


def time_label(event: Mapping[str, Any]) -> str | None:
    """Only day-precise dates of things said to have happened can clash; plans recur."""
    if event.get("modality") == "happened" and event.get("date_precision") == "day":
        return event.get("date")
    return None


def _evidence(events, side: str, outlet_of, texts, spans=None) -> list[dict[str, Any]]:
    out, seen = [], set()
    for e in sorted(events, key=lambda e: (e["article_id"], e.get("sentence_start") or 0)):
        start, end = (spans or {}).get(e["event_id"]) or (e.get("sentence_start"), e.get("sentence_end"))
        if (e["article_id"], start, end) in seen or len(seen) >= EVIDENCE_PER_SIDE:
            continue
        seen.add((e["article_id"], start, end))
        text = texts.get(e["article_id"]) or ""
        sentence = text[start:end] if text and start is not None and end is not None else _sentence(e)
        out.append({"article_id": e["article_id"], "outlet": outlet_of.get(e["article_id"]),
                    "sentence": sentence, "start": start, "end": end, "side": side})
    return out


def _clashes(kind: str, label_pairs: Callable[[str, str], bool], claim_id: str, labelled, cluster_of,
             outlet_of, texts, spans=None) -> list[dict[str, Any]]:
    by_label: dict[str, list] = defaultdict(list)
    for label, e in labelled:
        by_label[label].append(e)
    out = []
    for a, b in combinations(sorted(by_label), 2):
        if not label_pairs(a, b):
            continue
        clusters_a = {cluster_of.get(e["article_id"], e["article_id"]) for e in by_label[a]}
        clusters_b = {cluster_of.get(e["article_id"], e["article_id"]) for e in by_label[b]}
        if clusters_a == clusters_b and len(clusters_a) == 1:
            continue  # one voice (an article or its copies) disagreeing with itself is not two accounts
        articles = sorted({e["article_id"] for e in by_label[a] + by_label[b]})
        out.append({
            "contradiction_id": stable_id(kind, claim_id, a, b),
            "kind": kind,
            "summary": f"{kind}: {a} vs {b}",
            "claim_ids": [claim_id],
            "article_ids": articles,
            "evidence": _evidence(by_label[a], "a", outlet_of, texts, spans)
            + _evidence(by_label[b], "b", outlet_of, texts, spans),
        })
    return out


def _differ(a: str, b: str) -> bool:
    return a != b


def _days_clash(a: str, b: str) -> bool:
    """Dates a few days apart are two accounts of one happening; months apart are two happenings."""
    try:
        gap = abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    except ValueError:
        return False
    return 0 < gap <= TIME_WINDOW_DAYS


def _scope_clash(a: str, b: str) -> bool:
    return (a == "whole") != (b == "whole")


def find_contradictions(by_claim: Mapping[str, list[Mapping[str, Any]]], articles: list[Mapping[str, Any]],
                        copies: list[Mapping[str, Any]], places: list[Mapping[str, Any]] = ()) -> list[dict]:
    """Every contradiction inside each claim, sorted by id."""
    texts = {a["article_id"]: a.get("text") or "" for a in articles}
    outlet_of = {a["article_id"]: a.get("outlet") for a in articles}
    cluster_of = {c["article_id"]: c["cluster_id"] for c in copies}
    feature_of = {p["place_id"]: p.get("feature") for p in places}
    out = []
    for claim_id in sorted(by_claim):
        evs = by_claim[claim_id]
        if len({e["article_id"] for e in evs}) < 2:
            continue
        if "label" in evs[0]:  # presence accounts: only their quantities compare
            out += _clashes("numbers", presence_clash, claim_id, [(e["label"], e) for e in evs], cluster_of,
                            outlet_of, texts)
            continue
        scope = [(lab, e) for e in evs if (lab := scope_label(e, feature_of))]
        out += _clashes("scope", _scope_clash, claim_id, scope, cluster_of, outlet_of, texts)
        conds, spans = [], {}
        for e in evs:
            label, span = conditions_label(e, texts.get(e["article_id"], ""))
            if label:
                conds.append((label, e))
                spans[e["event_id"]] = span
        out += _clashes("conditions", _differ, claim_id, conds, cluster_of, outlet_of, texts, spans)
        qty = [(lab, e) for e in evs if (lab := quantity_label(e))]
        out += _clashes("numbers", _differ, claim_id, qty, cluster_of, outlet_of, texts)
        pol = [(polarity_label(e), e) for e in evs]
        out += _clashes("polarity", _differ, claim_id, pol, cluster_of, outlet_of, texts)
        times = [(lab, e) for e in evs if (lab := time_label(e))]
        out += _clashes("time", _days_clash, claim_id, times, cluster_of, outlet_of, texts)
    return sorted(out, key=lambda c: c["contradiction_id"])
