"""Condition clauses on offers, threats and demands: `if ...`, `only if ...`, `in return for ...`, `once ...`.

The clause is found under the verb (adverbial clause or prepositional phrase) and matched against the
marker list by its first words, so `only if` and `as long as` win over `if` and `as`; its head word is
handed back so the caller can parse the condition into an event of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from sitrep.extract.lexicon import condition_markers


@dataclass(frozen=True)
class Condition:
    relation: str
    start: int
    end: int
    text: str
    head: Token


def marker_of(words: list[str]) -> str | None:
    """The longest condition marker the words start with."""
    table = condition_markers()
    for n in (4, 3, 2, 1):
        key = " ".join(words[:n])
        if len(words) >= n and key in table:
            return key
    return None


def _clause_head(child: Token, n_marker: int) -> Token:
    """The event word of the clause: the highest token once the marker words are set aside
    (`withdrawal` in `in return for an Iranian withdrawal`, `leaves` in `if Iran leaves`)."""
    rest = list(child.subtree)[n_marker:]
    inside = {t.i for t in rest}
    tops = [t for t in rest if t.head.i not in inside and not t.is_punct]
    return tops[0] if tops else child


def find_condition(verb: Token) -> Condition | None:
    """The first condition clause under the verb, or under the verb it is coordinated with or hangs on."""
    near = [verb, *(c for c in verb.children if c.dep_ in ("conj", "xcomp"))]
    if verb.dep_ in ("conj", "xcomp"):
        near.append(verb.head)
    for tok in near:
        for child in tok.children:
            if child.dep_ not in ("advcl", "prep", "ccomp", "npadvmod"):
                continue
            words = [t.lower_ for t in child.subtree][:4]
            marker = marker_of(words)
            if marker is None or not_a_condition(child, marker, words):
                continue
            doc = child.doc
            span = doc[child.left_edge.i : child.right_edge.i + 1]
            return Condition(
                condition_markers()[marker],
                span.start_char,
                span.end_char,
                span.text,
                _clause_head(child, len(marker.split())),
            )
    return None


HEDGES = {"confirmed", "true", "so", "any", "necessary", "anything", "not", "possible", "ever", "needed", "anyone"}


def not_a_condition(clause: Token, marker: str, words: list[str]) -> bool:
    """Words that open a condition clause without setting one: a hedge on a report (`if confirmed`, `if
    true`), an idiom (`once again`, `on condition of anonymity`), a time limit (`until 2 a.m.`, `until
    Friday`), or `once` as a time (`once a week`)."""
    rest = words[len(marker.split()) :]
    nxt = rest[0] if rest else ""
    if marker in ("if", "unless") and nxt in HEDGES and len(list(clause.subtree)) <= 3:
        return True
    if marker == "once" and nxt in ("again", "more", "a", "an", "every", "in"):
        return True
    if marker.startswith("on") and "anonymity" in [t.lower_ for t in clause.subtree]:
        return True
    if marker == "until":
        inside = list(clause.subtree)[1:]
        return not any(t.pos_ in ("VERB", "AUX") for t in inside)  # `until Friday`: a time, not an event
    return False
