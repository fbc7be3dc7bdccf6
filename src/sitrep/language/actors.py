"""Actor mentions in one article: states, bodies, groups, international bodies, outlets and people.

Lists find what the world agrees on (names, demonyms, capitals, groups, leaders) in one automaton pass;
the article itself says who everyone else is, through the title or appositive next to a name
("Russian Foreign Minister X", "X, the president's envoy"). The parse then decides the two questions a list cannot:
is "Nairobi" a government speaking or a city, and who is "he" in "he said". People (names, titles, pronouns)
are read in `people`.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

from sitrep.language.actor_lexicon import AUTOMATON, BODIES, LONGEST_BODY, Entry
from sitrep.language.actor_row import actor_row
from sitrep.language.people import coref_rows, person_rows

LOCATIVE_PREPS = frozenset(
    "in into from to at near across inside outside throughout within toward towards around through via "
    "between along off onto out over under beyond across".split()
)
# Verbs whose direct object is a territory, not a party: "leave Syria", "invade Iraq".
MOTION_VERBS = frozenset(
    "leave enter invade occupy quit exit visit reach cross tour flee abandon liberate withdraw return "
    "travel arrive bomb attack".split()
)
ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent", "compound", "amod"})
KIND_TO_SUBKIND = {
    "state": "state",
    "demonym": "state",
    "capital": "state",
    "seat": "state",
    "igo": "igo",
    "group": "group",
    "media": "media",
    "leader": "person",
}
METHOD = {
    "state": "alias",
    "demonym": "demonym",
    "capital": "metonym",
    "seat": "metonym",
    "igo": "alias",
    "group": "alias",
    "media": "alias",
    "leader": "leader-list",
}


def _is_word_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def _line_is_shouting(text: str, start: int) -> bool:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", start)
    line = text[lo : hi if hi >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 8 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def lexicon_matches(text: str) -> list[tuple[int, int, str, Entry]]:
    """Non-overlapping list matches, longest first: "Syrian Democratic Forces" beats "Syrian"."""
    found = []
    for end_idx, (alias, entry) in AUTOMATON.iter(text):
        start, end = end_idx - len(alias) + 1, end_idx + 1
        if not _is_word_boundary(text, start, end):
            continue
        if len(alias) <= 2 and (_line_is_shouting(text, start) or text[end : end + 2] == " @"):
            continue  # a headline in capitals, or "RT @user" in a quoted tweet
        found.append((start, end, alias, entry))
    chosen: list[tuple[int, int, str, Entry]] = []
    for m in sorted(found, key=lambda m: (-(m[1] - m[0]), m[0])):
        if all(m[1] <= c[0] or m[0] >= c[1] for c in chosen):
            chosen.append(m)
    return sorted(chosen)


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _climb_conj(tok: Token) -> Token:
    while tok.dep_ in ("conj", "appos") and tok.head is not tok:
        tok = tok.head
    return tok


def is_locative(doc: Doc, start: int, end: int) -> bool:
    """A territory, not a party: object of a locative preposition or of a motion verb ("leave Syria"),
    or a possessor/compound inside such a phrase ("in Syria's south", "in north Syria")."""
    span = _tokens(doc, start, end)
    if span is None:
        return False
    tok = _climb_conj(span.root)
    if tok.dep_ in ("poss", "compound", "nmod") and tok.head.dep_ in ("pobj", "dobj"):
        tok = _climb_conj(tok.head)
    if tok.dep_ == "pobj":
        prep = tok.head
        return prep.lower_ in LOCATIVE_PREPS or (
            prep.lower_ == "of"
            and prep.head.lower_
            in ("north", "south", "east", "west", "parts", "part", "rest", "territory", "border", "capital")
        )
    return tok.dep_ == "dobj" and tok.head.lemma_ in MOTION_VERBS


def _acts(doc: Doc, start: int, end: int) -> bool:
    """A capital standing for its government: subject, possessor, agent, or joined to one."""
    span = _tokens(doc, start, end)
    if span is None:
        return False
    tok = _climb_conj(span.root)
    if tok.dep_ == "pobj" and tok.head.lower_ in ("by", "with", "between"):
        return True
    return tok.dep_ in ("nsubj", "nsubjpass", "poss") or (
        tok.dep_ == "dobj" and tok.head.lemma_ in ("urge", "ask", "warn", "accuse", "tell", "call", "press", "pressure")
    )


def _body_extension(text: str, end: int) -> tuple[int, str] | None:
    """'Syrian' + ' army' -> the state acting through a body; returns the new end and the body's sector."""
    if end >= len(text) or text[end] != " ":
        return None
    words = text[end + 1 : end + 1 + 60].split()
    for n in range(min(LONGEST_BODY, len(words)), 0, -1):
        cand = [w.strip(".,;:'\"’”)") for w in words[:n]]
        cand[-1] = cand[-1].removesuffix("'s").removesuffix("’s")
        phrase = " ".join(cand).lower()
        if phrase in BODIES and all(cand):
            new_end = end + 1 + text[end + 1 :].find(cand[-1]) + len(cand[-1])
            return new_end, BODIES[phrase]
    return None


def _list_mentions(text: str, doc: Doc) -> list[dict[str, Any]]:
    rows = []
    for start, end, _alias, e in lexicon_matches(text):
        if len(_alias) <= 2 and e.kind in ("group", "media", "igo"):
            span = _tokens(doc, start, end)
            if span is None or span.root.pos_ != "PROPN":
                continue
        if e.kind == "capital" and (is_locative(doc, start, end) or not _acts(doc, start, end)):
            continue
        sector, method = e.sector, METHOD[e.kind]
        if e.kind in ("state", "demonym"):
            ext = _body_extension(text, end)
            if ext:
                end, sector, method = ext[0], ext[1], "body"
        conf = 0.9 if e.kind in ("capital", "seat") else 0.95
        rows.append(
            actor_row(start, end, text, KIND_TO_SUBKIND[e.kind], e.actor_id, e.name, e.actor, sector, method, conf)
        )
    return rows


def find_actors(text: str, doc: Doc) -> list[dict[str, Any]]:
    """Every actor mention in the article (columns of `mentions` except ids), sorted by offset."""
    list_rows = _list_mentions(text, doc)
    people, titles = person_rows(text, doc, list_rows)
    others = [r for r in list_rows if r["subkind"] != "person"]
    coref = coref_rows(text, doc, people, titles)
    return sorted(others + people + coref, key=lambda r: (r["start"], r["end"]))
