"""Quotation marks around a content span: where a quote opens and closes, and how much of a span it covers.

A direct quote often runs over several sentences while its cue sits in one of them ("... . ...," she said),
so the content span is widened to the quote marks that enclose it; and the marks decide direct vs mixed.
"""

from __future__ import annotations

OPEN = "“«‘"
CLOSE = "”»’"
STRAIGHT = '"'
REACH = 3000  # how far a quote may run before its cue, in characters


def is_open(text: str, i: int) -> bool:
    ch = text[i]
    if ch in OPEN:
        return True
    if ch == STRAIGHT or text.startswith("``", i):
        return i == 0 or not text[i - 1].isalnum() and text[i - 1] not in ".,!?;:"
    if text.startswith("''", i):  # two apostrophes as an opening mark (some wires' plain-text style)
        return (i == 0 or text[i - 1].isspace()) and i + 2 < len(text) and text[i + 2].isalnum()
    return False


def is_close(text: str, i: int) -> bool:
    ch = text[i]
    if ch in CLOSE and ch != "’":
        return True
    if ch == STRAIGHT or text.startswith("''", i):
        return not is_open(text, i) or i > 0 and text[i - 1] in ".,!?"
    return False


def count_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """(opening, closing) quote marks in text[start:end]."""
    opens = sum(1 for i in range(start, end) if text[i] in OPEN or text[i] == STRAIGHT and is_open(text, i))
    closes = sum(1 for i in range(start, end) if text[i] in CLOSE[:2] or text[i] == STRAIGHT and not is_open(text, i))
    return opens, closes


def widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in quote marks hugging the span, then reach to the far mark of a quote left open or closed."""
    j = end
    while j < len(text) and text[j] in ",.!?;:" and j - end < 2:
        j += 1
    if j < len(text) and (text[j] in CLOSE[:2] or text[j] == STRAIGHT):
        end = j + 1
    elif text.startswith("''", j):
        end = j + 2
    i = start - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    if i >= 0 and (text[i] in OPEN[:2] or text[i] == STRAIGHT):
        start = i
    elif i >= 1 and text[i - 1 : i + 1] in ("''", "``"):
        start = i - 1
    opens, closes = count_marks(text, start, end)
    if closes > opens:
        k = text.rfind("“", max(0, start - REACH), start)
        k2 = text.rfind('"', max(0, start - REACH), start)
        k = max(k, k2)
        if k >= 0:
            start = k
    elif opens > closes:
        hits = [p for p in (text.find("”", end, end + REACH), text.find('"', end, end + REACH)) if p >= 0]
        if hits:
            end = min(hits) + 1
    return start, end


def close_of(text: str, start: int) -> int | None:
    """Index just past the mark closing the quote that opens at `start`, in the same paragraph; None if none.

    A quote that runs on past its paragraph is left alone: without its closing mark there is no telling
    whether the next paragraph is still the speaker's.
    """
    if text.startswith(("``", "''"), start):
        pos, width = text.find("''", start + 2), 2
    elif text[start] == STRAIGHT:
        pos, width = text.find(STRAIGHT, start + 1), 1
    elif text[start] in OPEN:
        pos, width = text.find(CLOSE[OPEN.index(text[start])], start + 1), 1
        while text[start] == "‘" and 0 <= pos < len(text) - 1 and text[pos + 1].isalpha():
            pos = text.find("’", pos + 1)  # `don’t`: an apostrophe, not the closing mark
    else:
        return None
    if pos < 0 or pos - start > REACH or "\n" in text[start:pos]:
        return None
    return pos + width


def ends_sentence(text: str, end: int) -> bool:
    """The quote closing just before `end` ends on a full stop, so no cue of its own follows inside it."""
    body = text[:end].rstrip(CLOSE + STRAIGHT + "'`")
    return body.endswith((".", "!", "?", "…"))


def kind(text: str, start: int, end: int) -> str:
    """direct when the span is one quote from mark to mark, mixed when quotes sit inside, else indirect."""
    span = text[start:end].rstrip(" .,")
    if not span:
        return "indirect"
    opens, closes = count_marks(text, start, end)
    if opens == 0 and closes == 0:
        return "indirect"
    first, last = span[0], span[-1]
    if (first in OPEN or first == STRAIGHT) and (last in CLOSE or last == STRAIGHT) and opens <= 1:
        return "direct"
    return "mixed"
