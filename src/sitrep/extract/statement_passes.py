"""Passes over an article's statements once all are found, where one statement depends on its neighbours.

A quote the cue interrupts (`"X," she said. "Y."`) goes on after it; a cue inside someone's quote whose
speaker is the quote's own `I`/`we` (`"I think ...," she said`) is no statement of its own; and a pronoun
speaker left unresolved (`It called for ...`) speaks for the statement just before.
"""

from __future__ import annotations

from typing import Any

from sitrep.extract import quotes
from sitrep.extract.resolve import PRONOUN_REACH

Row = dict[str, Any]
SPEAKER_PRONOUNS = {"he", "she", "it", "they"}
QUOTED_SELF = {"i", "we", "you", "me", "us"}  # speakers of a quote's own `I think`, `we want`, `you know`
CONTINUATION_GAP = 60  # characters of cue and speaker (`Trump said of X.`) a quote may skip to go on


def carry_pronoun_speakers(rows: list[Row], reach: int = PRONOUN_REACH) -> None:
    """`X said ... . It/He called for ...`: a pronoun speaker left unresolved speaks for the previous speaker.

    Reporting prose chains a speaker's sayings this way; only the statement just before (within a bounded
    reach, and itself resolved) is taken, so a pronoun never jumps over another speaker.
    """
    for prev, row in zip(rows, rows[1:], strict=False):
        pronoun = (row.get("speaker") or "").lower() in SPEAKER_PRONOUNS
        if not pronoun or row.get("speaker_actor") or not prev.get("speaker_actor"):
            continue
        if row["cue_start"] - prev["cue_end"] > reach:
            continue
        row.update(
            speaker_person=prev.get("speaker_person"),
            speaker_actor=prev["speaker_actor"],
            anonymous=prev.get("anonymous", False),
        )


def _continuation(text: str, anchor: int, cues: list[int]) -> tuple[int, int] | None:
    """(open, close) of a quote that goes on after `anchor` (the end of the cue and speaker), or None.

    It goes on when the next quote opens within a short stretch of the same paragraph that holds no quote
    mark and no other cue (`"X," Trump said of the plan. "Y."`), and closes on a full stop, so no cue of its
    own can follow it (`"Y," she added.` is her statement).
    """
    gap_end = anchor
    while gap_end < len(text) and gap_end - anchor <= CONTINUATION_GAP and not quotes.is_open(text, gap_end):
        if text[gap_end] in "\n" + quotes.OPEN + quotes.CLOSE + quotes.STRAIGHT:
            return None
        gap_end += 1
    if gap_end >= len(text) or gap_end - anchor > CONTINUATION_GAP or any(anchor <= c < gap_end for c in cues):
        return None
    close = quotes.close_of(text, gap_end)
    if close is None or not quotes.ends_sentence(text, close):
        return None
    return gap_end, close


def join_continuations(rows: list[Row], text: str) -> None:
    """`"X," she said. "Y."`: a quote the cue interrupts goes on after it, and the content spans both parts.

    The content then holds the cue and speaker between the parts (one span per statement, as everywhere);
    a quote that is followed by another speaker's cue, or runs into a new paragraph, is left where it ends.
    """
    cues = sorted(r["cue_start"] for r in rows)
    for row in rows:
        end = row["content_end"]
        if end > row["cue_start"] or not text[:end].rstrip(" ,").endswith(tuple(quotes.CLOSE + quotes.STRAIGHT + "'")):
            continue
        anchor = max(row["cue_end"], row["speaker_end"] or 0, row["reporter_end"] or 0)
        others = [c for c in cues if c != row["cue_start"]]
        for _ in range(3):  # a few quoted sentences in a row
            found = _continuation(text, anchor, others)
            if found is None:
                break
            end = anchor = found[1]
        row["content_end"], row["content"] = end, text[row["content_start"] : end]


def drop_quoted_self_talk(rows: list[Row], text: str) -> list[Row]:
    """Drop cues inside another statement's quote whose speaker is the quote's own `I`/`we`/`you`.

    `"I think we will win," she said`: `I think` is part of what she said, not a second statement; its
    speaker is the quoted person, already the outer statement's speaker.
    """

    def inside_quote(row: Row) -> bool:
        for other in rows:
            if other is not row and other["content_start"] <= row["cue_start"] < other["content_end"]:
                opens, closes = quotes.count_marks(text, other["content_start"], row["cue_start"])
                if opens > closes:
                    return True
        return False

    return [r for r in rows if (r.get("speaker") or "").lower() not in QUOTED_SELF or not inside_quote(r)]
