"""The word lists behind statements and events, read once from `sitrep/data/lexicon/`.

The lists are data, not code, so that a reviewer can audit and extend them without touching the walks over
the parse; every lookup is a dict hit on a lemma so extraction stays as fast as the parse it reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from sitrep.datafiles import rows, words

# What a reporting frame makes of the clause it governs: the type of the frame's own event and the
# modality it gives to the event it governs (None: the frame is a plain report and adds no event).
FRAME_TYPE = {
    "demand": "REQUEST",
    "hope": "REQUEST",
    "refuse": "REJECT",
    "deny": "DENY",
    "threaten": "THREATEN",
    "accuse": "ACCUSE",
}
FRAME_MODALITY = {
    "demand": "demands",
    "hope": "hopes",
    "refuse": "refuses",
    "deny": "denies",
    "threaten": "threatens",
    "offer": "intends-or-offers",
    "accuse": "happened",
}


@dataclass(frozen=True)
class EventWord:
    type: str
    mode: str | None
    context: str | None


def _rows(name: str) -> list[list[str]]:
    return rows(f"lexicon/{name}")


@cache
def cues() -> dict[str, str]:
    """Cue word -> frame (say, demand, hope, refuse, deny, threaten, accuse, offer, believe, report)."""
    return {row[0]: row[1] for row in _rows("cues.tsv")}


@cache
def event_words() -> dict[tuple[str, str], EventWord]:
    """(word, VERB|NOUN) -> PLOVER type, mode and context."""
    out = {}
    for row in _rows("events.tsv"):
        row += [""] * (5 - len(row))
        out[(row[0], row[1])] = EventWord(row[2], row[3] or None, row[4] or None)
    return out


@cache
def anonymous_heads() -> frozenset[str]:
    return words("lexicon/anonymous.txt")


@cache
def media_heads() -> frozenset[str]:
    return words("lexicon/media.txt")


@cache
def light_verbs() -> frozenset[str]:
    """Support verbs whose object noun carries the event (`held talks`, `imposed sanctions`)."""
    return words("lexicon/light_verbs.txt")


@cache
def group_heads() -> frozenset[str]:
    """Head nouns of unnamed groups that act (`protesters`, `police`, `rebels`): actors without a name."""
    return words("lexicon/group_heads.txt")


def light_key(token: Token, prep: str | None = None) -> bool:
    """Whether a verb is a support verb, with its particle where it has one (`carry out`, `step up`), or,
    given a preposition, a support verb through it (`engage in`)."""
    table = light_verbs()
    if prep is not None:
        return any(f"{key} {prep}" in table for key in keys(token))
    prt = particle(token)
    return any(key in table or prt and f"{key} {prt}" in table for key in keys(token))


@cache
def condition_markers() -> dict[str, str]:
    """Marker (possibly several words) -> relation (if, only-if, unless, once, until, ...)."""
    return {row[0]: row[1] for row in _rows("conditions.tsv")}


@cache
def plover_aliases() -> dict[str, str]:
    return {row[0]: row[1] for row in _rows("plover_aliases.tsv")}


def keys(token: Token) -> tuple[str, ...]:
    """Lookup keys for a token: its lemma, then its lower-cased form and a crude de-inflection.

    The small English model mis-lemmatises some verbs (`hopes` -> `hop`), so the surface form is a fallback.
    Nouns only lose a plural `-s`: cutting `-es`/`-ed`/`-ing` off a noun makes other words (`refugees`).
    """
    lower = token.lower_
    out = [token.lemma_.lower(), lower]
    suffixes = ("s",) if token.pos_ in ("NOUN", "PROPN") else ("es", "s", "ed", "d", "ing")
    for suffix in suffixes:
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            out.append(lower[: -len(suffix)])
    lemma = out[0]
    if token.pos_ in ("VERB", "AUX") and lemma.startswith("re") and len(lemma) > 5:
        out.append(lemma[3:] if lemma[2] == "-" else lemma[2:])  # `reimposed`, `re-open`: the act done again
    return tuple(dict.fromkeys(out))


def particle(token: Token) -> str | None:
    """The verb particle (`out` in `pull out`), where the parse attaches one."""
    for child in token.children:
        if child.dep_ == "prt" or (
            child.dep_ in ("prep", "advmod") and child.lower_ in ("out", "back", "down") and 0 < child.i - token.i <= 4
        ):
            return child.lower_
    return None


def cue_frame(token: Token) -> str | None:
    table = cues()
    for key in keys(token):
        if key in table:
            return table[key]
    return None


def event_word(token: Token) -> EventWord | None:
    """The event a verb or noun signals; phrasal verbs (`pull out`) win over the bare verb."""
    table = event_words()
    pos = "VERB" if token.pos_ in ("VERB", "AUX") else "NOUN" if token.pos_ in ("NOUN", "PROPN") else None
    if pos is None:
        return None
    prt = particle(token) if pos == "VERB" else None
    mods = [c.lower_ for c in token.children if c.dep_ in ("compound", "amod")] if pos == "NOUN" else []
    of_words = (
        [
            g.lower_
            for c in token.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if pos == "NOUN"
        else []
    )
    for key in keys(token):
        if prt and (f"{key} {prt}", pos) in table:
            return table[(f"{key} {prt}", pos)]
        for mod in mods:  # `hunger strike`, `martial law`: the modifier picks a sense of the head noun
            if (f"{mod} {key}", pos) in table:
                return table[(f"{mod} {key}", pos)]
        for word in of_words:  # `state of emergency`
            if (f"{key} of {word}", pos) in table:
                return table[(f"{key} of {word}", pos)]
    for key in keys(token):
        if (key, pos) in table:
            return table[(key, pos)]
    return None
