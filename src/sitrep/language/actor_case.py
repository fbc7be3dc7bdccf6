"""Actors across the case: one row per canonical actor, aggregated from the mentions as resolved per article.

Resolution (titles, appositives, surnames, coreference) happens in each article before statements and events
read its mentions; this only counts and summarises, so an actor id in any table means what its mention says.
Where articles differ (one gives a minister's country, another only his name), the most frequent value wins,
ties broken by value, never by row order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any


def _top(counter: Counter) -> Any:
    """Most frequent value; ties go to the smallest, so reruns agree."""
    if not counter:
        return None
    return min(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))[0]


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
