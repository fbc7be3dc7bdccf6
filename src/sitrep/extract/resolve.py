"""From character spans to the actors, places and dates the language stage found there.

Statements and events never name an actor themselves: they point at a span of the parse and ask which
mention covers it, so every actor id traces back to a mention row (and its method and confidence).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

from spacy.tokens import Span, Token

Row = dict[str, Any]
THIRD_PERSON = {"he": "person", "she": "person", "him": "person", "her": "person", "they": "any", "them": "any"}
FIRST_PERSON = {"i", "we", "me", "us", "our", "my"}
PRONOUN_REACH = 400  # characters back a pronoun may reach for its antecedent: bounded on purpose


class Mentions:
    """Mentions of one article sorted by offset, with overlap lookups by kind."""

    def __init__(self, rows: Iterable[Row]):
        self.rows = sorted(rows, key=lambda m: (m["start"], m["end"], m.get("kind") or ""))
        self.starts = [m["start"] for m in self.rows]

    def overlapping(self, start: int, end: int, kind: str) -> list[Row]:
        hi = bisect_left(self.starts, end)
        return [m for m in self.rows[:hi] if m["end"] > start and m.get("kind") == kind]

    def before(self, pos: int, kind: str, reach: int) -> list[Row]:
        hi = bisect_left(self.starts, pos)
        return [m for m in self.rows[:hi] if m.get("kind") == kind and m["end"] <= pos and m["start"] >= pos - reach]


def actor_id(mention: Row) -> str | None:
    """The actor a mention acts for: a person's state or group, else the mention's own id."""
    return mention.get("actor") or mention.get("norm_id")


def span_of(tokens: Iterable[Token]) -> tuple[int, int]:
    toks = list(tokens)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def best_mention(found: list[Row], head: Token | None) -> Row | None:
    """The mention that stands for a phrase: the one on its head word, else a person, else the first."""
    if not found:
        return None
    if head is not None:
        on_head = [m for m in found if m["start"] <= head.idx < m["end"]]
        if on_head:
            return on_head[0]
    people = [m for m in found if m.get("subkind") == "person"]
    return (people or found)[0]


def actor_of_phrase(phrase: Span, mentions: Mentions, speaker_actor: str | None = None) -> Row | None:
    """Actor mention for a subject/object phrase; pronouns reach back a bounded way, `we` is the speaker."""
    head = phrase.root
    found = mentions.overlapping(phrase.start_char, phrase.end_char, "actor")
    if found:
        return best_mention(found, head)
    lower = head.lower_
    if head.pos_ == "PRON" and lower in FIRST_PERSON and speaker_actor:
        return {"norm_id": speaker_actor, "actor": speaker_actor, "text": head.text, "start": head.idx}
    if head.pos_ == "PRON" and lower in THIRD_PERSON:
        earlier = mentions.before(head.idx, "actor", PRONOUN_REACH)
        earlier = [m for m in earlier if m.get("subkind") != "media"]  # an outlet reports; `they` are its subjects
        if THIRD_PERSON[lower] == "person":
            earlier = [m for m in earlier if m.get("subkind") == "person"]
        else:
            earlier = [m for m in earlier if m.get("subkind") != "person"]
        return earlier[-1] if earlier else None
    if lower in ("who", "which", "that") and head.dep_.startswith("nsubj") and head.head.dep_ == "relcl":
        antecedent = head.head.head
        found = mentions.overlapping(antecedent.left_edge.idx, antecedent.idx + len(antecedent.text), "actor")
        return best_mention(found, antecedent)
    return None


def place_of_phrase(phrase: Span, mentions: Mentions) -> tuple[str | None, str | None] | None:
    """(place id, text) for a phrase naming a place; a state named as a place becomes `country:ISO3`.

    Demonyms (`Iranian forces`) name an actor, not a place, so adjective mentions are passed over.
    """
    doc = phrase.doc
    found = mentions.overlapping(phrase.start_char, phrase.end_char, "place")
    found += [
        m
        for m in mentions.overlapping(phrase.start_char, phrase.end_char, "actor")
        if m.get("subkind") == "state" and m.get("norm_id")
    ]
    for m in sorted(found, key=lambda m: (not (m["start"] <= phrase.root.idx < m["end"]), m["start"])):
        span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
        if (
            span is None
            or span.root.pos_ == "ADJ"
            or span.root.ent_type_ == "NORP"
            or any(t.dep_ == "case" for t in doc[span.end : span.end + 1])
        ):
            continue
        place_id = m.get("norm_id") if m.get("kind") == "place" else f"country:{m['norm_id']}"
        return place_id, m.get("text")
    return None


def date_near(sent: Span, anchor: int, mentions: Mentions) -> tuple[str | None, str | None]:
    """The date mention in the same sentence nearest the anchor; none when the sentence states none."""
    found = [m for m in mentions.overlapping(sent.start_char, sent.end_char, "date") if m.get("norm_id")]
    if not found:
        return None, None
    m = min(found, key=lambda m: (abs(m["start"] - anchor), m["start"]))
    return m["norm_id"], m.get("precision")
