"""Boilerplate vocabulary from `data/clean/boilerplate.json`, and matching it against a line.

Matching runs on a normalised form (lower case, every non-letter run turned into one space) so that
"Send in e-mail", "SEND IN E-MAIL" and "send in e mail" are the same phrase; a phrase must start at a word
start and may run on ("share button" matches "share buttons").
"""

from __future__ import annotations

import json
import re
from functools import cache

from sitrep import datafiles

_NON_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()


@cache
def vocabulary() -> dict:
    return json.loads(datafiles.text("clean/boilerplate.json"))


@cache
def _pattern(phrases: tuple[str, ...]) -> re.Pattern:
    alternatives = sorted({normalise(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?:^| )(" + "|".join(re.escape(a) for a in alternatives) + ")")


def find(phrases: list[str], text: str) -> str | None:
    """The first phrase of `phrases` that occurs in `text` (normalised), else None."""
    m = _pattern(tuple(phrases)).search(normalise(text))
    return m.group(1) if m else None


def starts_with(phrases: list[str], text: str) -> str | None:
    """The phrase `text` begins with, else None."""
    norm = normalise(text)
    m = _pattern(tuple(phrases)).match(norm)
    return m.group(1) if m and m.start(1) == 0 else None


def is_exactly(phrases: list[str], text: str) -> str | None:
    """The phrase the whole of `text` is (once normalised), else None."""
    norm = normalise(text)
    return norm if norm and norm in {normalise(p) for p in phrases} else None
