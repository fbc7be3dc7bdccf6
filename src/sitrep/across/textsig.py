"""Text features that survive copying and spinning, and the MinHash band keys built from them.

Word shingles catch verbatim and trimmed copies but vanish under synonym spinning; a content farm keeps
names, numbers, sentence order and the little function words, so those make the second signature. Band keys
are a pure function of the text so that any engine (in-process here, group-by elsewhere) finds the same
candidate pairs.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache

import numpy as np
from datasketch import MinHash
from spacy.lang.en.stop_words import STOP_WORDS

from sitrep.ids import stable_id

NUM_PERM = 128
SEED = 17
# (bands, rows): word shingles of copies overlap a lot (S-curve midpoint ~0.42); spin skeletons of a
# rewrite overlap less (measured ~0.4 on a spun copy against <0.05 for other reports on the same story).
WORD_BANDS = (32, 4)
SPIN_BANDS = (42, 3)

_TOKEN = re.compile(r"[\w][\w'’\-]*", re.UNICODE)
_FUNCTION_WORDS = frozenset(w for w in STOP_WORDS if w.isalpha())


def normalise(text: str) -> str:
    """Lower-case alphanumerics only: two texts equal here differ only in spacing, punctuation or case."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return " ".join(re.findall(r"\w+", text))


def exact_key(text: str) -> str:
    return stable_id(normalise(text))


def usable(text: str, spans: Iterable[Sequence[int]]) -> list[tuple[int, int]]:
    """The article's sentences (`sentences` table) of three words or more: shorter ones (datelines, sign-offs)
    would align by chance."""
    return [(s, e) for s, e in spans if len(_TOKEN.findall(text[s:e])) >= 3]


def word_shingles(text: str, k: int = 5) -> set[str]:
    words = normalise(text).split()
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


Features = tuple[frozenset[str], frozenset[tuple[str, str]]]  # (names and numbers, function-word bigrams)


def sentence_features(sentence: str) -> Features:
    """(names and numbers, function-word bigrams): the parts of a sentence a synonym spinner leaves alone."""
    tokens = _TOKEN.findall(sentence)
    names = frozenset(
        t.lower()
        for i, t in enumerate(tokens)
        if (t[0].isdigit() or (i > 0 and t[0].isupper())) and t.lower() not in _FUNCTION_WORDS
    )
    skeleton = [t.lower() for t in tokens if t.lower() in _FUNCTION_WORDS]
    return names, frozenset(zip(["^", *skeleton], [*skeleton, "$"], strict=True))


def spin_shingles(text: str, spans: Iterable[Sequence[int]]) -> set[str]:
    """Function-word 3-grams per sentence: a spinner swaps the content words but keeps this skeleton."""
    out: set[str] = set()
    for s, e in usable(text, spans):
        skel = [t.lower() for t in _TOKEN.findall(text[s:e]) if t.lower() in _FUNCTION_WORDS]
        out.update(" ".join(skel[i : i + 3]) for i in range(len(skel) - 2))
    return out


@cache
def _template() -> MinHash:
    """Drawing the permutations costs more than hashing a short article, so they are drawn once per process."""
    return MinHash(num_perm=NUM_PERM, seed=SEED)


def minhash(shingles: set[str]) -> np.ndarray:
    t = _template()
    m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=t.permutations, scheme=t.scheme)
    if shingles:
        m.update_batch([s.encode() for s in sorted(shingles)])
    return m.hashvalues


def band_keys(text: str, spans: Iterable[Sequence[int]]) -> list[str]:
    """LSH band keys from both signatures; two articles sharing any key become a candidate pair."""
    keys = []
    for tag, shingles, (bands, rows) in (
        ("w", word_shingles(text), WORD_BANDS),
        ("s", spin_shingles(text, spans), SPIN_BANDS),
    ):
        if not shingles:
            continue
        hv = minhash(shingles)
        for b in range(bands):
            band = hv[b * rows : (b + 1) * rows].tobytes()
            keys.append(f"{tag}{b}:" + hashlib.blake2b(band, digest_size=8).hexdigest())
    return keys
