"""Spot a paragraph about another story pasted into an article.

Scraped pages sometimes carry a teaser paragraph of an unrelated story inside the body. Such a paragraph
shares almost none of its content words with the rest of the article, while even a digression of the same
story repeats its actors and places. The measure is the share of a paragraph's content-word types (crudely
stemmed, stop words out) found elsewhere in title + body; the threshold is kept low so that only clear
cases are dropped.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

_WORD = re.compile(r"[^\W\d_]{3,}")
_STEM = 6
MIN_WORDS = 12  # shorter paragraphs say too little to judge
MIN_CONTEXT = 60  # the rest of the article must be long enough to compare against
MAX_SHARED = 0.25


@cache
def stop_words() -> frozenset[str]:
    with resources.files("sitrep.data").joinpath("clean/stopwords.json").open(encoding="utf-8") as f:
        data = json.load(f)
    return frozenset(w for lang, words in data.items() if not lang.startswith("_") for w in words)


def content_words(text: str) -> set[str]:
    stops = stop_words()
    return {w[:_STEM] for w in _WORD.findall(text.lower().replace("’", "'")) if w not in stops}


def shared_shares(paragraphs: list[str], context: str) -> list[float | None]:
    """For each paragraph, the share of its content words found in `context` or the other paragraphs.

    None where the paragraph is too short to judge or the rest of the text too short to compare with.
    """
    words = [content_words(p) for p in paragraphs]
    context_words = content_words(context)
    counts: dict[str, int] = {}
    for ws in words:
        for w in ws:
            counts[w] = counts.get(w, 0) + 1
    result: list[float | None] = []
    for ws in words:
        elsewhere = {w for w, c in counts.items() if c > (1 if w in ws else 0)} | context_words
        rest_size = len(elsewhere)
        if len(ws) < MIN_WORDS or rest_size < MIN_CONTEXT:
            result.append(None)
            continue
        result.append(len(ws & elsewhere) / len(ws))
    return result
