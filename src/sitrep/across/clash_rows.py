"""The shape every contradiction check shares: the case facts they read, evidence rows with their sentences,
one contradiction row, and labelled members paired where their labels clash (never one voice against itself).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from sitrep.across.summaries import Lookup
from sitrep.ids import UNIT, stable_id

EVIDENCE_PER_SIDE = 3


@dataclass(frozen=True)
class CaseFacts:
    """What the checks and summaries read besides the claim members, gathered once."""

    texts: Mapping[str, str] = field(default_factory=dict)
    sentences: Mapping[str, Sequence[Sequence[int]]] = field(default_factory=dict)
    outlet_of: Mapping[str, str | None] = field(default_factory=dict)
    cluster_of: Mapping[str, str] = field(default_factory=dict)
    feature_of: Mapping[str, str | None] = field(default_factory=dict)
    look: Lookup = field(default_factory=Lookup)
    lines: Mapping[str, str] = field(default_factory=dict)
    published_of: Mapping[str, str | None] = field(default_factory=dict)


def sentence_of(event: Mapping[str, Any]) -> str:
    return event.get("sentence") or event.get("anchor") or ""


def span_of(e: Mapping[str, Any], spans: Mapping[str, tuple[int, int] | None] | None) -> tuple:
    return (spans or {}).get(e["event_id"]) or (e.get("sentence_start"), e.get("sentence_end"))


def evidence_rows(events, side: str, case: CaseFacts, spans=None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[tuple] = set()
    for e in sorted(events, key=lambda e: (e["article_id"], e.get("sentence_start") or 0)):
        start, end = span_of(e, spans)
        if (e["article_id"], start, end) in seen or len(seen) >= EVIDENCE_PER_SIDE:
            continue
        seen.add((e["article_id"], start, end))
        text = case.texts.get(e["article_id"]) or ""
        sentence = text[start:end] if text and start is not None and end is not None else sentence_of(e)
        out.append(
            {
                "article_id": e["article_id"],
                "outlet": case.outlet_of.get(e["article_id"]),
                "sentence": sentence,
                "start": start,
                "end": end,
                "side": side,
            }
        )
    return out


def one_voice(side_a: list, side_b: list, case: CaseFacts) -> bool:
    """One article or its copies disagreeing with itself is not two accounts."""
    clusters_a = {case.cluster_of.get(e["article_id"], e["article_id"]) for e in side_a}
    clusters_b = {case.cluster_of.get(e["article_id"], e["article_id"]) for e in side_b}
    return clusters_a == clusters_b and len(clusters_a) == 1


def clash_row(
    kind: str,
    claim_ids: list[str],
    a: str,
    b: str,
    side_a: list,
    side_b: list,
    differs: str,
    case: CaseFacts,
    spans=None,
) -> dict[str, Any]:
    """One contradiction: `differs` says what, the first claim's line says about what."""
    line = case.lines.get(claim_ids[0])
    return {
        "contradiction_id": stable_id(kind, claim_ids[0], a, b, sep=UNIT),
        "kind": kind,
        "summary": f"{differs} — {line}" if line else differs,
        "claim_ids": claim_ids,
        "article_ids": sorted({e["article_id"] for e in side_a + side_b}),
        "evidence": evidence_rows(side_a, "a", case, spans) + evidence_rows(side_b, "b", case, spans),
    }


def label_pairs(
    labelled: Iterable[tuple[str, Mapping[str, Any]]], clashing: Callable[[str, str], bool], case: CaseFacts
) -> list[tuple[str, str, list, list]]:
    """(label a, label b, members with a, members with b) for every clashing pair of labels."""
    by_label: dict[str, list] = defaultdict(list)
    for label, e in labelled:
        by_label[label].append(e)
    return [
        (a, b, by_label[a], by_label[b])
        for a, b in combinations(sorted(by_label), 2)
        if clashing(a, b) and not one_voice(by_label[a], by_label[b], case)
    ]


def clashes(
    kind: str,
    clashing: Callable[[str, str], bool],
    claim_id: str,
    labelled,
    case: CaseFacts,
    describe: Callable[[str, list, str, list], str] | None = None,
) -> list[dict[str, Any]]:
    out = []
    for a, b, side_a, side_b in label_pairs(labelled, clashing, case):
        differs = describe(a, side_a, b, side_b) if describe else f"{a} vs {b}"
        out.append(clash_row(kind, [claim_id], a, b, side_a, side_b, differs, case))
    return out
