"""Where accounts of one claim disagree: scope, number of conditions, quantities, polarity and time.

Each check gives every member a label (`whole` / `part:south`, `3 conditions`, `large` / `small`, ...),
groups members by label and reports one contradiction per pair of clashing labels with up to three sentences
on each side. Work grows with the number of distinct labels, not with members squared.

A contradiction's summary is read by someone new to the story, so it says what differs in names (`Ras al-Khaimah`,
never a place id) and which claim it is about. A scope contradiction sets every `part` account of a claim
against every `whole` one, once. The number of conditions is stated once per article and found near every
claim told there, so the same two condition sentences would clash under each of those claims: clashes that
share a condition sentence are reported once, under all their claims, the most widely reported first.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from sitrep.across.claims import happened, negative
from sitrep.across.clash_rows import (
    CaseFacts,
    clash_row,
    clashes,
    label_pairs,
    sentence_of,
    span_of,
)
from sitrep.across.presence import clash as presence_clash
from sitrep.across.summaries import Lookup, place_of
from sitrep.across.tolls import tolls
from sitrep.across.wordlists import alternation, word_lists

CONDITION_WINDOW = 1500
TIME_WINDOW_DAYS = 14
_WORDS = word_lists("contradictions.tsv")
_COUNTS = {
    phrase: int(key.split(":")[1]) for key, phrases in _WORDS.items() if key.startswith("count:") for phrase in phrases
}
_NUMERAL = r"\b\d{1,3}(?:,\d{3})+\b|\b[1-9]\d{2,}\b"
_CONDITIONS = re.compile(
    r"\b(" + alternation(_COUNTS) + r"|\d+)\s+(?:[a-z-]+\s+)?" + alternation(_WORDS["condition"]) + r"\b", re.I
)
_WHOLE = re.compile(r"\b" + alternation(_WORDS["whole"]) + r"\b", re.I)
_PART = re.compile(r"\b(" + alternation(_WORDS["direction"]) + r")\b", re.I)
_LARGE = re.compile(r"\b" + alternation(_WORDS["large"]) + r"\b|" + _NUMERAL, re.I)
_SMALL = re.compile(r"\b" + alternation(_WORDS["small"]) + r"\b", re.I)
_COUNTS_SUFFIX = re.compile(r" \(\d+ articles?, \d+ independent outlets?\)$")
_POLARITY = {"positive": "affirmed", "negative": "refused or denied"}


def scope_label(event: Mapping[str, Any], feature_of: Mapping[str, str | None]) -> str | None:
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


def _sentence_at(spans: Sequence[Sequence[int]], pos: int) -> tuple[int, int]:
    for s, e in spans:
        if s <= pos < e:
            return s, e
    return pos, pos


def conditions_label(
    event: Mapping[str, Any], text: str, spans: Sequence[Sequence[int]]
) -> tuple[str | None, tuple[int, int] | None]:
    """Number of conditions the article states nearest this event (`the only condition` = 1), and the
    sentence (among the article's `spans`) that states it."""
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
    count = int(word) if word.isdigit() else _COUNTS[word]
    return f"{count} condition{'s' * (count != 1)}", _sentence_at(spans, best.start())


def quantity_label(event: Mapping[str, Any]) -> str | None:
    text = sentence_of(event)
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


def _direction_name(direction: str) -> str:
    """`southeast` -> `the south-east`."""
    for pole in ("north", "south"):
        if direction.startswith(pole) and direction != pole:
            return f"the {pole}-{direction[len(pole) :]}"
    return f"the {direction}"


def _scope_names(events: list[Mapping[str, Any]], case: CaseFacts) -> list[str]:
    """The places or directions a side's accounts name, in the words of the places table, each once."""
    out: list[str] = []
    for e in sorted(events, key=lambda e: (e["article_id"], e.get("sentence_start") or 0)):
        label = scope_label(e, case.feature_of)
        name: str | None
        if label and label.startswith("part:") and ":" not in label[5:]:
            name = _direction_name(label[5:])
        else:
            loc = e.get("location") or ""
            name = case.look.places.get(loc) or (None if loc else e.get("location_text"))
        if name and name not in out:
            out.append(name)
    return out


def _describe_scope(case: CaseFacts) -> Callable[[str, list, str, list], str]:
    def describe(a: str, side_a: list, b: str, side_b: list) -> str:
        parts = []
        for label, side in ((a, side_a), (b, side_b)):
            names = _scope_names(side, case)
            parts.append(f"{label} ({', '.join(names)})" if names else label)
        return " vs ".join(parts)

    return describe


def _describe_presence(a: str, side_a: list, b: str, side_b: list) -> str:
    """`large ("thousands of soldiers") vs small ("limited to officers")`: each side's first quantity."""

    def said(label: str, side: list) -> str:
        first = min(side, key=lambda e: (e["article_id"], e.get("sentence_start") or 0))
        quantity = " ".join((first.get("quantity") or "").split())
        return f'{label} ("{quantity}")' if quantity else label

    return f"{said(a, side_a)} vs {said(b, side_b)}"


def _describe_polarity(a: str, side_a: list, b: str, side_b: list) -> str:
    return f"{_POLARITY.get(a, a)} vs {_POLARITY.get(b, b)}"


def _placed(e: Mapping[str, Any], look: Lookup) -> Mapping[str, Any]:
    """The event with its location dropped where the words are no place (`US troops` read as the US)."""
    if (e.get("location") or e.get("location_text")) and place_of(e, look) is None:
        return {**e, "location": None, "location_text": None}
    return e


def _scope(claim_id: str, evs: list[Mapping[str, Any]], case: CaseFacts) -> list[dict[str, Any]]:
    """Every account that puts the act on part of a place against every one that puts it on the whole."""
    placed = [_placed(e, case.look) for e in evs]
    labelled = [("whole" if lab == "whole" else "part", e) for e in placed if (lab := scope_label(e, case.feature_of))]
    return clashes("scope", _scope_clash, claim_id, labelled, case, _describe_scope(case))


def _conditions(
    by_claim: Mapping[str, list[Mapping[str, Any]]], claim_ids: list[str], case: CaseFacts
) -> list[dict[str, Any]]:
    """Clashing numbers of conditions, one row for every group of clashes that share a condition sentence."""
    found: list[tuple] = []
    spans: dict[str, tuple[int, int] | None] = {}
    for claim_id in claim_ids:
        labelled = []
        for e in by_claim[claim_id]:
            aid = e["article_id"]
            label, span = conditions_label(e, case.texts.get(aid, ""), case.sentences.get(aid, []))
            if label:
                labelled.append((label, e))
                spans[e["event_id"]] = span
        found += [(claim_id, *pair) for pair in label_pairs(labelled, _differ, case)]
    weight = {c: (-len({e["article_id"] for e in by_claim[c]}), c) for c in claim_ids}
    out = []
    for group in _share_sentences(found, spans):
        claims = sorted({found[i][0] for i in group}, key=weight.__getitem__)
        _, a, b, *_ = found[group[0]]
        side_a = [e for i in group for e in found[i][3]]
        side_b = [e for i in group for e in found[i][4]]
        out.append(clash_row("conditions", claims, a, b, side_a, side_b, f"{a} vs {b}", case, spans))
    return out


def _share_sentences(found: list[tuple], spans: Mapping[str, tuple[int, int] | None]) -> list[list[int]]:
    """Indexes of `found` clashes grouped when they set the same labels apart and share a sentence."""
    parent = list(range(len(found)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple, int] = {}
    for i, (_, a, b, side_a, side_b) in enumerate(found):
        for label, side in ((a, side_a), (b, side_b)):
            for e in side:
                key = (a, b, label, e["article_id"], *span_of(e, spans))
                parent[root(i)] = root(first.setdefault(key, i))
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(found)):
        groups[root(i)].append(i)
    return sorted(groups.values())


def find_contradictions(
    by_claim: Mapping[str, list[Mapping[str, Any]]],
    articles: list[Mapping[str, Any]],
    copies: list[Mapping[str, Any]],
    places: Iterable[Mapping[str, Any]] = (),
    actors: Iterable[Mapping[str, Any]] = (),
    claims: Iterable[Mapping[str, Any]] = (),
) -> list[dict]:
    """Every contradiction inside each claim, sorted by id; `actors`, `places` and `claims` rows give the
    names and claim lines its summaries show."""
    places = list(places)
    case = CaseFacts(
        texts={a["article_id"]: a.get("text") or "" for a in articles},
        sentences={a["article_id"]: a["sentences"] for a in articles},
        outlet_of={a["article_id"]: a.get("outlet") for a in articles},
        published_of={a["article_id"]: a.get("published") for a in articles},
        cluster_of={c["article_id"]: c["cluster_id"] for c in copies},
        feature_of={p["place_id"]: p.get("feature") for p in places},
        look=Lookup.of(actors, places),
        lines={c["claim_id"]: _COUNTS_SUFFIX.sub("", c.get("summary") or "") for c in claims},
    )
    out, told = [], []
    for claim_id in sorted(by_claim):
        evs = by_claim[claim_id]
        if len({e["article_id"] for e in evs}) < 2:
            continue
        if "label" in evs[0]:  # presence accounts: only their quantities compare
            out += clashes(
                "numbers", presence_clash, claim_id, [(e["label"], e) for e in evs], case, _describe_presence
            )
            continue
        if happened(evs[0]):  # an incident: its tolls and its day can clash (place and actors made it one)
            out += tolls(claim_id, evs, case)
            out += clashes("time", _days_clash, claim_id, [(lab, e) for e in evs if (lab := time_label(e))], case)
            continue
        told.append(claim_id)
        out += _scope(claim_id, evs, case)
        out += clashes("numbers", _differ, claim_id, [(lab, e) for e in evs if (lab := quantity_label(e))], case)
        out += clashes("polarity", _differ, claim_id, [(polarity_label(e), e) for e in evs], case, _describe_polarity)
        out += clashes("time", _days_clash, claim_id, [(lab, e) for e in evs if (lab := time_label(e))], case)
    out += _conditions(by_claim, told, case)
    return sorted(out, key=lambda c: c["contradiction_id"])
