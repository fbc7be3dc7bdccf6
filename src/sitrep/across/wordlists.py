"""Word lists of the across-sources checks, read once from `sitrep/data/across/` (sources in SOURCES.md).

The lists are data, not code, so a reviewer can audit and extend them without touching the patterns that
use them; the patterns are built from them once per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from sitrep.datafiles import rows


@cache
def word_lists(name: str) -> dict[str, tuple[str, ...]]:
    """list name -> its phrases, in file order, from a `list<TAB>phrase` file with `#` comments."""
    out: dict[str, list[str]] = {}
    for key, *phrase in rows(f"across/{name}"):
        out.setdefault(key.strip(), []).append("\t".join(phrase).strip())
    return {key: tuple(phrases) for key, phrases in out.items()}


def alternation(phrases: Iterable[str]) -> str:
    """A non-capturing regex group matching any of the phrases, longest first so `tens of thousands` wins
    over `thousands`; the words of a phrase may be parted by any white space (line breaks in wrapped text)."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in ordered) + ")"
