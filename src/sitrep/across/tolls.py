"""Casualty tolls of one incident that cannot both hold (see `casualties`): killed against killed of one group,
"at least N" a bound, and a higher toll reported on a later day an update of the count, not a contradiction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from itertools import combinations
from typing import Any

from sitrep.across.casualties import Figure, reported_tolls
from sitrep.across.clash_rows import CaseFacts, clash_row, one_voice, sentence_of


def tolls(claim_id: str, evs: list[Mapping[str, Any]], case: CaseFacts) -> list[dict[str, Any]]:
    """Casualty figures of one incident that cannot both hold, from two independent reports filed the same
    day; a higher toll reported on a later day is an update of the count, not a contradiction."""
    told: dict[tuple[str, Figure], list[Mapping[str, Any]]] = defaultdict(list)
    for e in evs:
        for figure in reported_tolls(sentence_of(e)):
            told[(e["article_id"], figure)].append(e)
    out, seen = [], set()
    for (art_a, fa), (art_b, fb) in combinations(sorted(told, key=repr), 2):
        if art_a == art_b or not fa.clashes_with(fb) or (fa, fb) in seen:
            continue
        side_a, side_b = told[(art_a, fa)], told[(art_b, fb)]
        if one_voice(side_a, side_b, case) or _update(art_a, fa, art_b, fb, case):
            continue
        seen.add((fa, fb))
        differs = f"{_said(fa)} vs {_said(fb)}"
        out.append(clash_row("numbers", [claim_id], _said(fa), _said(fb), side_a, side_b, differs, case))
    return out


def _said(f: Figure) -> str:
    bound = "at least " if f.kind == "at-least" else ""
    return f"{bound}{f.n} {f.category} {f.outcome}"


def _update(art_a: str, fa: Figure, art_b: str, fb: Figure, case: CaseFacts) -> bool:
    """The higher figure comes from a report published on a later day: the toll rose."""
    da, db = (case.published_of.get(art_a) or "")[:10], (case.published_of.get(art_b) or "")[:10]
    if not da or not db or da == db:
        return False
    return (fa.n > fb.n) == (da > db)
