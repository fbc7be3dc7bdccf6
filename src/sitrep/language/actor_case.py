"""Actors across the case: one row per canonical actor, and people an article left half-named.

An article may say only "Kuleba" or give no title; another article in the same case names him fully and says
whom he acts for. Resolving across the case lets the bare mention inherit that, deterministically: ties are
broken by value, never by row order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sitrep.language.actor_lexicon import surname_key

CASE_CONFIDENCE = 0.7


def _top(counter: Counter) -> Any:
    """Most frequent value; ties go to the smallest, so reruns agree."""
    if not counter:
        return None
    return min(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))[0]


def _full_names(rows: list[dict]) -> dict[str, set[str]]:
    by_key: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        named = r["method"] not in ("unresolved", "coref") and len(r["name"].split()) > 1
        if r["subkind"] == "person" and named:
            by_key[surname_key(r["name"])].add(r["norm_id"])
    return by_key


def resolve_people(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Bare surnames unresolved in their article take the one fully named person with that surname in the
    case; every person mention gets the affiliation and sector the case most often gives that person."""
    actor_rows = [r for r in rows if r["kind"] == "actor"]
    by_key = _full_names(actor_rows)
    names: dict[str, Counter] = defaultdict(Counter)
    for r in actor_rows:
        if r["subkind"] == "person" and r["method"] != "unresolved":
            names[r["norm_id"]][r["name"]] += 1
    out = []
    for r in rows:
        if r["kind"] == "actor" and r["method"] == "unresolved":
            ids = by_key.get(surname_key(r["text"]), set())
            if len(ids) == 1:
                pid = next(iter(ids))
                r = {**r, "norm_id": pid, "name": _top(names[pid]), "method": "case", "confidence": CASE_CONFIDENCE}
        out.append(r)
    affil: dict[str, Counter] = defaultdict(Counter)
    sector: dict[str, Counter] = defaultdict(Counter)
    for r in out:
        if r["kind"] == "actor" and r["subkind"] == "person":
            if r["actor"]:
                affil[r["norm_id"]][r["actor"]] += 1
            if r["sector"]:
                sector[r["norm_id"]][r["sector"]] += 1
    filled = []
    for r in out:
        if r["kind"] == "actor" and r["subkind"] == "person" and (not r["actor"] or not r["sector"]):
            r = {
                **r,
                "actor": r["actor"] or _top(affil[r["norm_id"]]),
                "sector": r["sector"] or _top(sector[r["norm_id"]]),
            }
        filled.append(r)
    return filled


def actor_table(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per canonical actor, from its mentions; coreference mentions count but add no alias."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        if r["kind"] == "actor" and r["norm_id"]:
            groups[r["norm_id"]].append(r)
    table = []
    for actor_id in sorted(groups):
        ms = groups[actor_id]
        affiliation = _top(Counter(m["actor"] for m in ms if m["actor"] and m["actor"] != actor_id))
        table.append(
            {
                "actor_id": actor_id,
                "name": _top(Counter(m["name"] for m in ms if m["name"])) or actor_id,
                "kind": _top(Counter(m["subkind"] for m in ms)),
                "affiliation": affiliation,
                "sector": _top(Counter(m["sector"] for m in ms if m["sector"])),
                "aliases": sorted({m["text"] for m in ms if m["method"] != "coref"}),
                "mention_count": len(ms),
                "article_count": len({m["article_id"] for m in ms}),
            }
        )
    return table
