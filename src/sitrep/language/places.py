"""Place mentions: which capitalised spans of an article name places, and which places they name.

A gazetteer hit alone is weak evidence (GeoNames lists villages called `Best`, `Police` and `Reading`), so a
hit counts as a place only with support: spaCy tagging it GPE/LOC/FAC, a locative preposition before it,
or the name being a country, a curated region or feature, or a large city. Month and weekday names need more
(`in March` is a date): the text must clearly make them a place. Hits inside people's and
organisations' names are dropped. Ambiguous names go to the place in the countries the article is about,
then to the bigger or better-known one; spellings the index lacks get one last, vowel-blind try restricted
to those countries.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from sitrep.datafiles import words
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
#: Entity labels under which a gazetteer hit is part of another name (`Cairo University`, `Paris Hilton`).
BLOCKING_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE"})
LOCATIVE = frozenset(
    "in at near from to into outside inside across around toward towards through via within between "
    "throughout beyond past along off over under north south east west northeast northwest southeast "
    "southwest".split()
)
#: Lower-case words allowed inside a multi-word place name (`Gulf of Mexico`, `Rio de Janeiro`).
CONNECTORS = frozenset("of the and de del da do dos das di la le les du des on upon".split()) | ARTICLES
BIG_CITY = 100_000
PRIORS = {"country": 4.0, "region": 3.5, "feature": 3.5}
#: Entity labels that make a calendar word a date (`in March 2011`), whatever the gazetteer says.
DATE_LABELS = frozenset({"DATE", "TIME"})


@cache
def calendar_words() -> frozenset[str]:
    """Month and weekday names and abbreviations (`data/places/calendar_words.txt`): GeoNames lists many of
    them as places, and after `in` or `on` they are almost always dates."""
    return words("places/calendar_words.txt")


def _entity_spans(doc: Doc | None) -> list[tuple[int, int, str]]:
    return [] if doc is None else [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def _overlapping(ents: list[tuple[int, int, str]], start: int, end: int) -> list[tuple[int, int, str]]:
    return [e for e in ents if e[0] < end and start < e[1]]


def _capitalised(surface: str) -> bool:
    """Every word capitalised but connectors and head nouns (`Idlib province`); a leading article may be
    lower case (`al-Qaim`)."""
    words = surface.replace("-", " ").split()
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return (
        bool(words)
        and words[0][0].isupper()
        and all(w[0].isupper() or w.lower() in CONNECTORS | GEO_NOUNS or not w[0].isalpha() for w in words)
    )


def _prev_word(text: str, start: int) -> str:
    """The word before `start`, skipping `the`, so `in the Golan` still counts as locative."""
    words = text[max(0, start - 40) : start].split()
    if words and words[-1].lower() == "the":
        words.pop()
    return words[-1].lower().strip(",;:(\"'") if words else ""


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].strip()
    return start == 0 or before == "" or before[-1] in '.!?\n"“'


def _rank(cands: list[tuple[Entry, bool]], countries: list[str]) -> list[tuple[float, Entry]]:
    """Score candidates: article countries first, then kind of place and size; own names beat aliases."""
    scored = []
    for entry, own in cands:
        score = PRIORS.get(entry.subkind, 0.5 * math.log10(entry.population + 1))
        if entry.country in countries:
            score += 3.0 - 0.5 * min(countries.index(entry.country), 2)
        elif entry.country is None:  # seas, rivers and regions across borders: no country to disagree with
            score += 2.0
        score += 0.5 if own else 0.0
        scored.append((score, entry))
    scored.sort(key=lambda s: (-s[0], s[1].norm_id))
    return scored


def _raw_hits(gaz: Gazetteer, text: str, toks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Longest non-overlapping gazetteer keys found on token boundaries, as (start, end, key)."""
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
    """An article token belongs to the name when hyphenated to it (`al-Qaim`) or capitalised (`Al Qaim`)."""
    art_start, art_end, _ = toks[i - 1]
    gap = text[art_end : toks[i][0]]
    return gap == "-" or (gap == " " and text[art_start].isupper())


#: Head nouns that make the name before them a place (`X crossing`, `X province`), whatever the tagger says.
GEO_NOUNS = frozenset(
    "crossing border base garrison camp river province governorate region area district city town village "
    "airport airbase valley mountains desert countryside outskirts enclave pocket front county".split()
)


def _geo_noun_after(text: str, end: int) -> bool:
    following = text[end : end + 30].split()
    return bool(following) and following[0].lower().strip(",.;:") in GEO_NOUNS


def _adds_only_geo_nouns(text: str, s: int, e: int, start: int, end: int) -> bool:
    """Whether an entity span (s, e) around a hit (start, end) adds nothing but geographic head nouns and `the`
    to it (`Idlib province`), so that the entity's name is the hit's."""
    extra = (text[s:start] + " " + text[end:e]).lower().split()
    return all(w.strip(",.").removesuffix("’s").removesuffix("'s") in GEO_NOUNS | {"the"} for w in extra)


def _part_of_other_name(blocked, start: int, end: int, text: str = "") -> bool:
    """Inside a longer person/organisation name, unless all the name adds is a geographic head noun."""

    def longer(s: int, e: int) -> bool:
        return (s < start or e > end) and not _adds_only_geo_nouns(text, s, e, start, end)

    return any(label == "NORP" or longer(s, e) for s, e, label in blocked)


def _evidence(text: str, start: int, end: int, entry: Entry, ents, common: bool) -> tuple[str, float] | None:
    """Why a hit counts as a place, with a base confidence; None when it does not.

    A hit inside a longer person/organisation name is part of that name. When spaCy tags exactly the hit as
    a person or organisation (it often does so for `Al X` names), a locative preposition still
    makes it a place, and for organisation tags so does the name being a well-known place.
    """
    over = _overlapping(ents, start, end)
    blocked = [(s, e, label) for s, e, label in over if label in BLOCKING_LABELS]
    if _part_of_other_name(blocked, start, end, text):
        return None
    if any(
        label in PLACE_LABELS and (not common or _adds_only_geo_nouns(text, s, e, start, end)) for s, e, label in over
    ):
        return "entity", 0.9  # but a common word's tag may be that of a longer name (`The` in `The United States`)
    if common and _sentence_initial(text, start):
        return None  # a common word capitalised only because a sentence starts with it (`The area ...`)
    if _geo_noun_after(text, end) or text[start:end].split()[-1].lower() in GEO_NOUNS or _geo_noun_of(text, start):
        return "head noun", 0.75
    if _prev_word(text, start) in LOCATIVE:
        return "locative", 0.8 if not blocked else 0.6
    if common or any(label != "ORG" for *_, label in blocked):
        return None
    if entry.subkind == "country":
        return "country", 0.85
    if _sentence_initial(text, start):
        return None
    if entry.subkind in PRIORS or entry.population >= BIG_CITY:
        return "known", 0.6 if not blocked else 0.5
    return None


def _geo_noun_of(text: str, start: int) -> bool:
    """`the town of X`, `the province of X`: a geographic noun and `of` right before the name."""
    words = [w.lower().strip(",;:") for w in text[max(0, start - 40) : start].split()]
    return len(words) >= 2 and words[-1] == "of" and words[-2] in GEO_NOUNS


def _clearly_a_place(gaz: Gazetteer, hits, i: int, text: str, ents) -> bool:
    """Whether a calendar word (`March`, `Sunday`) is used as a place name here: tagged as a place but not
    as a date nor next to a number (`March 2011`), followed by a geographic head noun, after `the town of`,
    or qualified by the country or state the place of that name is in (`March, United Kingdom`)."""
    start, end, key = hits[i]
    if _geo_noun_after(text, end) or _geo_noun_of(text, start):
        return True
    qual = _qualifier(gaz, hits, i, text)
    if qual is not None and any(
        e.country == qual.country
        and (qual.subkind == "country" or e.admin1 == qual.admin1)
        and e.norm_id != qual.norm_id
        for e, _ in gaz.candidates(key)
    ):
        return True
    over = _overlapping(ents, start, end)
    beside = text[max(0, start - 4) : start] + text[end : end + 5]
    return (
        not any(label in DATE_LABELS for *_, label in over)
        and not re.search(r"\d", beside)
        and any(label in PLACE_LABELS for *_, label in over)
    )


def _lower_case_words(text: str, toks: list[tuple[int, int, str]]) -> set[str]:
    """Words the article writes in lower case somewhere: used as common nouns there, not only as names."""
    return {folded for start, _, folded in toks if text[start].islower()}


def _mention(start: int, end: int, text: str, entry: Entry, method: str, confidence: float) -> dict[str, Any]:
    return {
        "start": start,
        "end": end,
        "text": text[start:end],
        "kind": "place",
        "subkind": entry.subkind,
        "norm_id": entry.norm_id,
        "name": entry.name,
        "lat": entry.lat,
        "lon": entry.lon,
        "country": entry.country,
        "geonames_id": entry.geonames_id,
        "method": method,
        "confidence": round(confidence, 3),
    }


def _with_text_countries(gaz: Gazetteer, hits, text: str, countries: list[str]) -> list[str]:
    """The caller's countries, then countries the text names itself, most named first."""
    counts: dict[str, int] = {}
    for start, end, key in hits:
        for entry, _ in gaz.candidates(key):
            if entry.subkind == "country" and entry.country is not None and _capitalised(text[start:end]):
                counts[entry.country] = counts.get(entry.country, 0) + 1
    extra = sorted((c for c in counts if c not in countries), key=lambda c: (-counts[c], c))
    return [*countries, *extra]


def _qualifier(gaz: Gazetteer, hits, i: int, text: str) -> Entry | None:
    """The country or state in `Paris, Texas` / `Homs, Syria`: the hit right after a comma, if it is one."""
    if i + 1 >= len(hits) or text[hits[i][1] : hits[i + 1][0]] not in (", ", ","):
        return None
    for entry, _ in gaz.candidates(hits[i + 1][2]):
        if entry.subkind == "country" or entry.admin1:
            return entry
    return None


def _in_qualifier(cands: list[tuple[Entry, bool]], qual: Entry | None) -> list[tuple[Entry, bool]]:
    if qual is None:
        return cands
    inside = [
        (e, own)
        for e, own in cands
        if e.country == qual.country
        and (qual.subkind == "country" or e.admin1 == qual.admin1)
        and e.norm_id != qual.norm_id
    ]
    return inside or cands


def _resolve(gaz: Gazetteer, key: str, cands, countries: list[str]) -> tuple[Entry, str, float]:
    """Best candidate, how it was found, and a confidence factor for how clear the choice was.

    When the only spellings found belong to a small place outside the article's countries, a vowel-blind
    match inside those countries is more likely what the writer meant (`al-Qayem` for the town the index
    spells `Al Qaim`, rather than a village called Qayem elsewhere).
    """
    ranked = _rank(cands, countries)
    best_score, best = ranked[0]
    if best.country not in countries and best.subkind == "city" and best.population < BIG_CITY:
        near = _skeleton_match(gaz, skeleton(key), countries)
        if near is not None:
            return near, "context", 0.7
    method = "gazetteer" if name_key(best.name) in (key, strip_articles(key)) else "alias"
    rival = next((s for s, e in ranked[1:] if e.norm_id != best.norm_id), None)
    return best, method, 0.8 if rival is not None and rival > best_score - 1.0 else 1.0


_NEXT_WORD = re.compile(r"[ -]([A-Z][^\W_]*)")
_AFTER_LOCATIVE = re.compile(r"\b([a-z]+) (?:the )?([A-Z][^\W_]*)")


def _longer_run_match(gaz: Gazetteer, text: str, start: int, end: int, countries: list[str]) -> dict | None:
    """A hit on the first word of a longer capitalised name the index spells otherwise is tried vowel-blind,
    as a whole, inside the article's countries before the short hit is taken alone."""
    run_end = end
    while (m := _NEXT_WORD.match(text, run_end)) is not None:
        run_end = m.end()
    if run_end == end:
        return None
    best = _skeleton_match(gaz, skeleton(name_key(text[start:run_end])), countries)
    return None if best is None else _mention(start, run_end, text, best, "context", 0.5)


def _skeleton_match(gaz: Gazetteer, skel: str, countries: list[str]) -> Entry | None:
    if len(skel) < 3:
        return None
    for country in countries[:3]:
        cands = gaz.skeleton_candidates(skel, country)
        if cands:
            return max(cands, key=lambda e: (PRIORS.get(e.subkind, 0), e.population, e.norm_id))
    return None


def find_places(text: str, doc: Doc | None, countries: list[str]) -> list[dict[str, Any]]:
    """Place mentions in `text` (offsets into it), resolved against the gazetteer.

    A hit with too little support of its own is kept when the same place is found with support elsewhere
    in the article (one place per name per article): spaCy's small model often tags `Al X` as a person.

    `countries` are ISO3 codes of the states the article is about, most mentioned first; countries the
    text names are appended. Returns mention dicts without article_id/mention_id (the caller adds them).
    """
    gaz = load()
    ents = _entity_spans(doc)
    toks = tokens(text)
    lower_words = _lower_case_words(text, toks)
    hits = [h for h in _raw_hits(gaz, text, toks) if _capitalised(text[h[0] : h[1]])]
    countries = _with_text_countries(gaz, hits, text, list(countries))
    out, doubtful = [], []
    covered = 0
    for i, (start, end, key) in enumerate(hits):
        if start < covered:
            continue
        if " " not in key and key in calendar_words() and not _clearly_a_place(gaz, hits, i, text, ents):
            continue
        longer = _longer_run_match(gaz, text, start, end, countries)
        if longer is not None:
            covered = longer["end"]
            out.append(longer)
            continue
        cands = _in_qualifier(gaz.candidates(key), _qualifier(gaz, hits, i, text))
        best, method, clarity = _resolve(gaz, key, cands, countries)
        common = " " not in key and (key in gaz.common_words or key in lower_words)
        why = _evidence(text, start, end, best, ents, common)
        if why is not None:
            out.append(_mention(start, end, text, best, method, why[1] * clarity))
        elif not common and not _part_of_other_name(_overlapping(ents, start, end), start, end, text):
            doubtful.append(_mention(start, end, text, best, method, 0.5 * clarity))
    out += _skeleton_fallback(gaz, text, ents, out, countries)
    accepted = {m["norm_id"] for m in out}
    out += [m for m in doubtful if m["norm_id"] in accepted]
    return sorted(out, key=lambda m: (m["start"], m["end"]))


def _skeleton_fallback(gaz: Gazetteer, text: str, ents, found, countries: list[str]) -> list[dict[str, Any]]:
    """Place entities, and capitalised words after a locative preposition, that the index has no spelling
    for, matched vowel-blind inside the article's countries."""
    spans = [(s, e) for s, e, label in ents if label in PLACE_LABELS]
    spans += [(m.start(2), m.end(2)) for m in _AFTER_LOCATIVE.finditer(text) if m.group(1).lower() in LOCATIVE]
    out: list[dict[str, Any]] = []
    for start, end in sorted(set(spans)):
        if any(m["start"] < end and start < m["end"] for m in [*found, *out]):
            continue
        if text[start:end].lower().startswith("the "):
            start += 4
        while (m := _NEXT_WORD.match(text, end)) is not None:  # the small model often tags one word of two
            end = m.end()
        surface = text[start:end]
        if name_key(surface) in calendar_words():
            continue
        best = _skeleton_match(gaz, skeleton(name_key(surface)), countries) if _capitalised(surface) else None
        if best is not None:
            out.append(_mention(start, end, text, best, "context", 0.5))
    return out
