"""Spot a paragraph about another story pasted into an article.

Scraped pages sometimes carry a teaser paragraph of an unrelated story inside the body. Such a paragraph
shares almost none of its content words with the rest of the article, while even a digression of the same
story repeats its actors and places. The measure is the share of a paragraph's content-word types (crudely
stemmed, stop words out) found elsewhere in title + body, and the same for its names (capitalised words
inside sentences). Short articles share few words between any two paragraphs, so the callers keep the
thresholds low and ask for a second sign before dropping anything.
"""

from __future__ import annotations

import json
import re
from functools import cache

from sitrep import datafiles

_WORD = re.compile(r"[^\W\d_]{3,}")
_STEM = 6
MIN_WORDS = 12  # shorter paragraphs say too little to judge
MIN_CONTEXT = 60  # the rest of the article must be long enough to compare against
_NAME = re.compile(r"(?<![.!?\"“:]\s)(?<!^)\b[A-Z][\w’'-]+")


@cache
def stop_words() -> frozenset[str]:
    data = json.loads(datafiles.text("clean/stopwords.json"))
    return frozenset(w for lang, words in data.items() if not lang.startswith("_") for w in words)


def content_words(text: str) -> set[str]:
    stops = stop_words()
    return {w[:_STEM] for w in _WORD.findall(text.lower().replace("’", "'")) if w not in stops}


def names(text: str) -> set[str]:
    return {m.group(0).lower()[:_STEM] for m in _NAME.finditer(text)}


def shared_shares(paragraphs: list[str], context: str) -> list[tuple[float, float] | None]:
    """For each paragraph, the shares of its content words and of its names found in `context` or the
    other paragraphs (a paragraph without names counts as sharing them all).

    None where the paragraph is too short to judge or the rest of the text too short to compare with.
    """
    shared_words = _shared(paragraphs, context, content_words)
    shared_names = _shared(paragraphs, context, names, min_words=0, min_context=0)
    pairs = zip(shared_words, shared_names, strict=True)
    return [None if w is None else (w, 1.0 if n is None else n) for w, n in pairs]


def _shared(paragraphs: list[str], context: str, features, min_words=MIN_WORDS, min_context=MIN_CONTEXT):
    words = [features(p) for p in paragraphs]
    context_words = features(context)
    counts: dict[str, int] = {}
    for ws in words:
        for w in ws:
            counts[w] = counts.get(w, 0) + 1
    result: list[float | None] = []
    for ws in words:
        elsewhere = {w for w, c in counts.items() if c > (1 if w in ws else 0)} | context_words
        rest_size = len(elsewhere)
        if not ws or len(ws) < min_words or rest_size < min_context:
            result.append(None)
            continue
        result.append(len(ws & elsewhere) / len(ws))
    return result
