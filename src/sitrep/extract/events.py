"""Who did, demanded, offered, refused, denied or threatened what of whom: PLOVER events from the parse.

Each event word (verb or noun from the lexicon) is read with the frame it sits in. The work is split by
concern: `senses` (which event a word stands for), `modality` (how sure, and what a frame covers),
`arguments` (who acts on whom, and where) and `walker` (one article's walk, frames before their clauses).
This module is the entry point the extract stage calls.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from sitrep.extract.arguments import Row
from sitrep.extract.resolve import Mentions
from sitrep.extract.walker import EventWalker


def find_events(doc: Doc, article: Row, mentions: Mentions, statements: list[Row]) -> list[Row]:
    """Every event in the article; frames are read before the clauses under them (shallowest first)."""
    walker = EventWalker(doc, article, mentions, statements)
    title_end = title_prefix_end(article.get("text") or "", article.get("title"))
    for sent in doc.sents:
        if is_headline(sent, article.get("title")) or is_caption(sent, mentions):
            continue
        for tok in sorted(sent, key=lambda t: (sum(1 for _ in t.ancestors), t.i)):
            if tok.idx < title_end:
                continue
            if tok.pos_ in ("VERB", "AUX", "NOUN") and tok.i not in walker.built:
                if tok.pos_ == "NOUN" and tok.dep_ not in NOUN_EVENT_DEPS:
                    continue
                walker.build(tok)
    walker.speaker_demands()
    rows = {r["event_id"]: r for r in walker.rows}
    return sorted(rows.values(), key=lambda r: (r["sentence_start"], r["anchor_start"], r["event_id"]))


# Where an event noun stands on its own (`the siege of X`, `strikes by X killed ...`, `aid to X`): as a
# subject, the root, or the object of a preposition or verb that is no support verb or frame of it.
NOUN_EVENT_DEPS = ("nsubj", "nsubjpass", "ROOT", "pobj", "dobj", "conj", "appos")
HEADLINE_MIN_WORDS = 4  # a shorter title matches too many body sentences by chance


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def is_headline(sent: Span, title: str | None) -> bool:
    """A sentence that is the article's title run into the body (`23-04-2016 Title words. Body ...`): scraped
    pages repeat the headline above the text, and what it says the body says again in full (coders annotate the
    body), so events read off it would only double or garble the body's."""
    title_words = _words(title or "")
    if len(title_words) < HEADLINE_MIN_WORDS:
        return False
    sent_words = _words(sent.text)
    shared = set(title_words) & set(sent_words)
    return len(shared) >= 0.8 * len(set(title_words)) and len(sent_words) <= 1.5 * len(title_words) + 6


TITLE_REACH = 120  # characters into the text a repeated title may start (after a dateline)


def title_prefix_end(text: str, title: str | None) -> int:
    """Where the title ends when the text opens with it (after a dateline), run into the first sentence with
    no full stop (`Title kills 19 Monitor At least 19 civilians were killed ...`): words before it are not
    read for events; 0 when the text does not open with its title."""
    words = _words(title or "")
    if len(words) < HEADLINE_MIN_WORDS:
        return 0
    found = re.search(
        r"[^a-z0-9]+".join(re.escape(w) for w in words), text[: TITLE_REACH + len(title or "") * 2].lower()
    )
    return found.end() if found and found.start() <= TITLE_REACH else 0


CREDIT_WORDS = {"agencies", "file", "photo", "photos", "afp", "reuters", "ap", "getty", "images", "epa"}


def is_caption(sent: Span, mentions: Mentions) -> bool:
    """A photo caption left in the text: it ends in a credit in brackets (`... Syria August 6 (X World and
    Agencies)`, `... in Syria (Reuters)`). Coders skip captions: what they show the body tells."""
    text = sent.text.rstrip(" .")
    if not text.endswith(")") or "(" not in text:
        return False
    start = sent.start_char + text.rindex("(")
    credit = set(_words(text[text.rindex("(") :]))
    media = [
        m for m in mentions.overlapping(start, sent.start_char + len(text), "actor") if m.get("subkind") == "media"
    ]
    return bool(media) or bool(credit & CREDIT_WORDS)
