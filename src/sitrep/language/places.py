"""Place mentions: which capitalised spans of an article name places, and which places they name.

A gazetteer hit alone is weak evidence (GeoNames lists villages called `Best`, `Police` and `Assad`), so a
hit counts as a place only with support: spaCy tagging it GPE/LOC/FAC, a locative preposition before it,
or the name being a country, a curated region or feature, or a large city. Hits inside people's and
organisations' names are dropped. Ambiguous names go to the place in the countries the article is about,
then to the bigger or better-known one; spellings the index lacks get one last, vowel-blind try restricted
to those countries.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from sitrep.language.gazetteer import (
    ARTICLES,
    Entry,
    Gazetteer,
    load,
    name_key,
    skeleton,
    strip_articles,
    tokens,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Entity labels under which a gazetteer hit is part of another name (`Damascus University`, `Paris Hilton`).
BLOCKING_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"})
LOCATIVE = frozenset(
    "in at near from to into outside inside across around toward towards through via within between "
    "throughout beyond past along off over under north south east west northeast northwest southeast "
    "southwest".split()
)
#: Lower-case words allowed inside a multi-word place name (`Gulf of Mexico`, `Rio de Janeiro`).
CONNECTORS = frozenset("of the and de del da do dos das di la le les du des on upon".split()) | ARTICLES
BIG_CITY = 100_000
PRIORS = {"country": 4.0, "region": 3.0, "feature": 3.0}


def _entity_spans(doc: Doc | None) -> list[tuple[int, int, str]]:
    return [] if doc is None else [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def _overlapping(ents: list[tuple[int, int, str]], start: int, end: int) -> list[tuple[int, int, str]]:
    return [e for e in ents if e[0] < end and start < e[1]]


def _capitalised(surface: str) -> bool:
    words = surface.replace("-", " ").split()
    return bool(words) and words[0][0].isupper() and all(
        w[0].isupper() or w.lower() in CONNECTORS or not w[0].isalpha() for w in words
    )


def _prev_word(text: str, start: int) -> str:
    """The word before `start`, skipping `the`, so `in the Golan` still counts as locative."""
    words = text[max(0, start - 40):start].split()
    if words and words[-1].lower() == "the":
        words.pop()
    return words[-1].lower().strip(",;:(\"'") if words else ""


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].strip()
    return start == 0 or before == "" or before[-1] in ".!?\n\"“"


def _rank(cands: list[tuple[Entry, bool]], countries: list[str]) -> list[tuple[float, Entry]]:
    """Score candidates: article countries first, then kind of place and size; own names beat aliases."""
    scored = []
    for entry, own in cands:
        score = PRIORS.get(entry.subkind, 0.5 * math.log10(entry.population + 1))
        if entry.country in countries:
            score += 3.0 - 0.5 * min(countries.index(entry.country), 2)
        score += 0.5 if own else 0.0
        scored.append((score, entry))
    scored.sort(key=lambda s: (-s[0], s[1].norm_id))
    return scored


def _raw_hits(gaz: Gazetteer, text: str) -> list[tuple[int, int, str]]:
    """Longest non-overlapping gazetteer keys found on token boundaries, as (start, end, key)."""
    toks = tokens(text)
    norm, starts = [], {}
    pos = 1
    for i, (_, _, folded) in enumerate(toks):
        starts[pos] = i
        norm.append(folded)
        pos += len(folded) + 1
    joined = " " + " ".join(norm) + " "
    found = []
    for end_pos, key in gaz.automaton.iter(joined):
        first = starts[end_pos - len(key)]
        last = first + len(key.split()) - 1
        while first > 0 and toks[first - 1][2] in ARTICLES and _joined_article(text, toks, first):
            first -= 1
        found.append((first, last, key))
    found.sort(key=lambda h: (h[0] - h[1], h[0]))
    taken: set[int] = set()
    hits = []
    for first, last, key in found:
        if taken.isdisjoint(range(first, last + 1)):
            taken.update(range(first, last + 1))
            hits.append((toks[first][0], toks[last][1], key))
    return sorted(hits)


def _joined_article(text: str, toks: list[tuple[int, int, str]], i: int) -> bool:
    """An article token belongs to the name when hyphenated to it (`al-Tanf`) or capitalised (`Al Tanf`)."""
    art_start, art_end, _ = toks[i - 1]
    gap = text[art_end:toks[i][0]]
    return gap == "-" or (gap == " " and text[art_start].isupper())


def _evidence(text: str, start: int, end: int, entry: Entry, ents, common: bool) -> tuple[str, float] | None:
    """Why a hit counts as a place, with a base confidence; None when it does not."""
    over = _overlapping(ents, start, end)
    if any(label in BLOCKING_LABELS for *_, label in over):
        exact_org = any(s == start and e == end and label == "ORG" for s, e, label in over)
        if not (exact_org and entry.subkind == "country"):
            return None
    if any(label in PLACE_LABELS for *_, label in over):
        return "entity", 0.9
    if _prev_word(text, start) in LOCATIVE:
        return "locative", 0.8
    if common:
        return None
    if entry.subkind == "country":
        return "country", 0.85
    if _sentence_initial(text, start):
        return None
    if entry.subkind in PRIORS or entry.population >= BIG_CITY:
        return "known", 0.6
    return None


def _lower_case_words(text: str) -> set[str]:
    """Words the article writes in lower case somewhere: used as common nouns there, not only as names."""
    return {folded for start, _, folded in tokens(text) if text[start].islower()}


def _mention(start: int, end: int, text: str, entry: Entry, method: str, confidence: float) -> dict[str, Any]:
    return {
        "start": start, "end": end, "text": text[start:end], "kind": "place", "subkind": entry.subkind,
        "norm_id": entry.norm_id, "name": entry.name, "lat": entry.lat, "lon": entry.lon,
        "country": entry.country, "geonames_id": entry.geonames_id, "method": method,
        "confidence": round(confidence, 3),
    }


def _with_text_countries(gaz: Gazetteer, hits, text: str, countries: list[str]) -> list[str]:
    """The caller's countries, then countries the text names itself, most named first."""
    counts: dict[str, int] = {}
    for start, end, key in hits:
        for entry, _ in gaz.candidates(key):
            if entry.subkind == "country" and _capitalised(text[start:end]):
                counts[entry.country] = counts.get(entry.country, 0) + 1
    extra = sorted((c for c in counts if c not in countries), key=lambda c: (-counts[c], c))
    return [*countries, *extra]


def find_places(text: str, doc: Doc | None, countries: list[str]) -> list[dict[str, Any]]:
    """Place mentions in `text` (offsets into it), resolved against the gazetteer.

    `countries` are ISO3 codes of the states the article is about, most mentioned first; countries the
    text names are appended. Returns mention dicts without article_id/mention_id (the caller adds them).
    """
    gaz = load()
    ents = _entity_spans(doc)
    lower_words = _lower_case_words(text)
    hits = [h for h in _raw_hits(gaz, text) if _capitalised(text[h[0]:h[1]])]
    countries = _with_text_countries(gaz, hits, text, list(countries))
    out = []
    for start, end, key in hits:
        ranked = _rank(gaz.candidates(key), countries)
        best_score, best = ranked[0]
        common = " " not in key and (key in gaz.common_words or key in lower_words)
        why = _evidence(text, start, end, best, ents, common)
        if why is None:
            continue
        confidence = why[1]
        if len(ranked) > 1 and ranked[1][0] > best_score - 1.0 and ranked[1][1].norm_id != best.norm_id:
            confidence *= 0.8
        method = "gazetteer" if name_key(best.name) in (key, strip_articles(key)) else "alias"
        out.append(_mention(start, end, text, best, method, confidence))
    out += _skeleton_fallback(gaz, text, ents, out, countries)
    return sorted(out, key=lambda m: (m["start"], m["end"]))


def _skeleton_fallback(gaz: Gazetteer, text: str, ents, found, countries: list[str]) -> list[dict[str, Any]]:
    """Place entities the index has no spelling for, matched vowel-blind inside the article's countries."""
    out = []
    for start, end, label in ents:
        if label not in PLACE_LABELS or any(m["start"] < end and start < m["end"] for m in found):
            continue
        surface = text[start:end]
        if surface.lower().startswith("the "):
            start, surface = start + 4, surface[4:]
        skel = skeleton(name_key(surface))
        if len(skel) < 3 or not _capitalised(surface):
            continue
        for rank, country in enumerate(countries[:3]):
            cands = gaz.skeleton_candidates(skel, country)
            if cands:
                best = max(cands, key=lambda e: (PRIORS.get(e.subkind, 0), e.population, e.norm_id))
                out.append(_mention(start, end, text, best, "context", 0.5 - 0.1 * rank))
                break
    return out
