"""Signals per article and per outlet, each with its evidence in other tables, and never a verdict.

A reader judges an outlet; sitrep only counts what it saw: bylines, dates, how much of a page was furniture or
comments, claims that rest on anonymous sources alone, copied or spun articles, off-topic insertions, and
whatever rating the user supplied, shown beside the counts with who gave it.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

DROPPED_KINDS = {"boilerplate", "related", "comments"}
COPY_KINDS = {"exact", "near", "rewrite"}
UNKNOWN = "(unknown outlet)"


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def read_ratings(path: str | Path | None) -> dict[str, tuple[str | None, str | None]]:
    """outlet (case-folded) -> (rating, source of the rating) from the user's CSV: outlet,rating,source."""
    if not path:
        return {}
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return {
        (r.get("outlet") or "").strip().casefold(): (
            (r.get("rating") or "").strip() or None,
            (r.get("source") or "").strip() or None,
        )
        for r in rows
        if (r.get("outlet") or "").strip()
    }


def article_signals(
    articles: Iterable[Mapping[str, Any]],
    blocks: Iterable[Mapping[str, Any]],
    copies: Iterable[Mapping[str, Any]],
    claim_members: Iterable[Mapping[str, Any]],
    claims: Iterable[Mapping[str, Any]],
) -> list[dict[str, Any]]:
    chars: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    off_topic: dict[str, int] = defaultdict(int)
    for b in blocks:
        n = len(b.get("text") or "")
        chars[b["article_id"]][1] += n
        if b.get("kind") in DROPPED_KINDS:
            chars[b["article_id"]][0] += n
        off_topic[b["article_id"]] += b.get("kind") == "off_topic"
    copy_kind = {c["article_id"]: c.get("kind") for c in copies}
    anonymous = {c["claim_id"]: bool(c.get("anonymous_only")) for c in claims}
    article_claims: dict[str, set[str]] = defaultdict(set)
    for m in claim_members:
        article_claims[m["article_id"]].add(m["claim_id"])
    rows = []
    for a in sorted(articles, key=lambda a: a["article_id"]):
        aid = a["article_id"]
        dropped, total = chars.get(aid, (0, 0))
        cl = article_claims.get(aid, set())
        rows.append(
            {
                "article_id": aid,
                "outlet": a.get("outlet") or UNKNOWN,
                "has_author": bool((a.get("author") or "").strip()),
                "has_date": bool(a.get("published")),
                "dropped_share": round(dropped / total, 4) if total else None,
                "anonymous_share": _share(sum(anonymous.get(c, False) for c in cl), len(cl)),
                "copy_kind": copy_kind.get(aid),
                "off_topic_blocks": off_topic.get(aid, 0),
            }
        )
    return rows


def outlet_signals(
    signals: Sequence[Mapping[str, Any]],
    blocks: Iterable[Mapping[str, Any]],
    claim_members: Iterable[Mapping[str, Any]],
    claims: Iterable[Mapping[str, Any]],
    ratings: Mapping[str, tuple[str | None, str | None]],
) -> list[dict[str, Any]]:
    outlet_of = {s["article_id"]: s["outlet"] for s in signals}
    chars: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for b in blocks:
        outlet = outlet_of.get(b["article_id"])
        if outlet is None:  # a block of an article with no signals row counts for no outlet
            continue
        n = len(b.get("text") or "")
        chars[outlet][1] += n
        chars[outlet][0] += n if b.get("kind") in DROPPED_KINDS else 0
    anonymous = {c["claim_id"]: bool(c.get("anonymous_only")) for c in claims}
    outlet_claims: dict[str, set[str]] = defaultdict(set)
    for m in claim_members:
        outlet_claims[outlet_of.get(m["article_id"], UNKNOWN)].add(m["claim_id"])
    by_outlet: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for s in signals:
        by_outlet[s["outlet"]].append(s)
    rows = []
    for outlet in sorted(by_outlet):
        arts = by_outlet[outlet]
        n = len(arts)
        dropped, total = chars.get(outlet, (0, 0))
        cl = outlet_claims.get(outlet, set())
        rating, source = ratings.get(outlet.casefold(), (None, None))
        rows.append(
            {
                "outlet": outlet,
                "n_articles": n,
                "named_author_share": round(sum(a["has_author"] for a in arts) / n, 4),
                "dated_share": round(sum(a["has_date"] for a in arts) / n, 4),
                "dropped_share": round(dropped / total, 4) if total else None,
                "anonymous_claim_share": _share(sum(anonymous.get(c, False) for c in cl), len(cl)),
                "copied_share": round(sum(a["copy_kind"] in COPY_KINDS for a in arts) / n, 4),
                "off_topic_blocks": sum(a["off_topic_blocks"] for a in arts),
                "rating": rating,
                "rating_source": source,
            }
        )
    return rows
