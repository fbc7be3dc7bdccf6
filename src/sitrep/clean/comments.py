"""Find where a reader-comment thread starts in a copy-pasted page.

Borrowed from boilerpipe's idea of end-of-text markers: a comment section announces itself with a header
("Leave a Reply", "12 Comments"), with user-name lines followed by a time stamp or a "Reply" link, or (in
copy-pastes of threaded views) with a short user-name line indented deeper than the article, followed by a
reply indented deeper still. Everything from that line on is the thread, never the article.
"""

from __future__ import annotations

import re

from sitrep.clean import phrases
from sitrep.clean.lines import Line, ends_sentence

_COUNT_HEADER = re.compile(r"^\d+\s+(comments?|responses?|replies|reactions?)$", re.I)
_AGO = re.compile(
    r"^(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|months?|years?)\s+ago\b|"
    r"^just now$|^(?:yesterday|today)\s+at\s+\d|\b\d{1,2}:\d\d\s*[ap]m$",
    re.I,
)
_LONG = 20


def thread_start(lines: list[Line], skip: set[int]) -> tuple[int, str] | None:
    """Index of the first line of the comment thread and the rule that found it, else None.

    Only lines after some article text count (a page does not open with its comments); `skip` holds lines
    already known to be something else (title, byline).
    """
    vocab = phrases.vocabulary()
    body_indent: int | None = None
    for i, line in enumerate(lines):
        if i in skip:
            continue
        text = line.text
        if body_indent is None:
            if line.words >= _LONG:
                body_indent = line.indent
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        bare = re.sub(r"\d+", " ", text)
        header = _COUNT_HEADER.match(text) or phrases.is_exactly(vocab["comments_start"], bare)
        if line.words <= 6 and header:
            return i, f"comment section header '{text}'"
        if line.words <= 12 and phrases.starts_with(vocab["comments_form"], text):
            return i, f"comment form line '{text}'"
        if not _is_name(line) or nxt is None:
            continue
        if _AGO.search(nxt.text) or phrases.is_exactly(vocab["comment_markers"], nxt.text):
            return i, f"comment thread begins: user-name line '{text}' followed by a time stamp or reply link"
        if line.indent > body_indent and nxt.indent > line.indent:
            return i, f"comment thread begins: user-name line '{text}' followed by an indented reply"
    return None


def _is_name(line: Line) -> bool:
    text = line.text
    return 1 <= line.words <= 4 and len(text) <= 40 and not ends_sentence(text) and not text.endswith(",")
