"""Guess a text's language from counts of very frequent function words (data/clean/stopwords.json).

A text's function words give its language away within a few sentences; this is enough to flag pages the
English model should not be trusted on, without a language-identification model. Returns None when unsure.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache

from sitrep import datafiles

_WORD = re.compile(r"[^\W\d_]+")
_MIN_HITS = 5
_MIN_LEAD = 1.5  # the winner must beat the runner-up by this factor


@cache
def _lists() -> dict[str, frozenset[str]]:
    data = json.loads(datafiles.text("clean/stopwords.json"))
    return {lang: frozenset(words) for lang, words in data.items() if not lang.startswith("_")}


def guess_language(text: str) -> str | None:
    tokens = Counter(_WORD.findall(text.lower()[:20000]))
    scores = sorted(
        ((sum(n for w, n in tokens.items() if w in words), lang) for lang, words in _lists().items()),
        reverse=True,
    )
    (best, lang), (second, _) = scores[0], scores[1]
    if best < _MIN_HITS or best < _MIN_LEAD * second:
        return None
    return lang
