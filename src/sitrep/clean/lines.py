"""Split a plain text into lines, remembering indentation and paragraphs, and rejoin broken sentences.

Copy-pastes keep one paragraph per line, but some texts are hard-wrapped (mail, wires) and some pastes
break a paragraph mid-sentence; a line that plainly continues the one before (it starts in lower case,
or the one before is long and stops mid-sentence) is joined to it with a space so the body reads as prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from sitrep.clean.markdown import is_heading, is_rule, strip_markdown

_TERMINAL = ".!?:;…"
_CLOSERS = "\"'”’»)]*_ "
_WRAP_WIDTH = 55


@dataclass
class Line:
    raw: str  # as in the input (joined continuations separated by one space); fixed once split
    indent: int
    para: int  # index of the blank-line separated paragraph it starts in

    @cached_property
    def text(self) -> str:
        """The words of the line: markdown markup removed, spaces collapsed."""
        return " ".join(strip_markdown(self.raw).split())

    @cached_property
    def words(self) -> int:
        return len(self.text.split())


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def split_lines(content: str) -> list[Line]:
    content = content.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\t", "    ")
    lines: list[Line] = []
    para = 0
    blank_before = 0
    last_raw = ""
    for raw in content.split("\n"):
        if not raw.strip():
            blank_before += 1
            continue
        if blank_before and lines:
            para += 1
        indent = len(raw) - len(raw.lstrip(" "))
        prev = lines[-1] if lines else None
        if prev and _continues(prev, last_raw, raw, indent, para, blank_before):
            prev.raw = prev.raw.rstrip() + " " + raw.strip()
        else:
            lines.append(Line(raw=raw.rstrip(), indent=indent, para=para))
        last_raw = raw
        blank_before = 0
    return lines


def _continues(prev: Line, last_raw: str, raw: str, indent: int, para: int, blank_before: int) -> bool:
    """Whether `raw` carries on the sentence of `prev` (same indentation, no sentence end in between)."""
    if indent != prev.indent or ends_sentence(strip_markdown(last_raw)) or is_rule(raw) or is_heading(raw):
        return False
    if is_heading(prev.raw) or is_rule(prev.raw):
        return False
    if raw.strip() == last_raw.strip() or re.match(r"(?i)by\s", raw.strip()):
        return False  # a repeated headline or a byline is never the rest of a sentence
    first = raw.strip()[0]
    if first.islower() and blank_before <= 1 and len(last_raw.split()) >= 6:
        return True
    hard_break = last_raw.endswith("  ")
    return (
        not blank_before
        and not hard_break
        and len(last_raw.strip()) >= _WRAP_WIDTH
        and bool(re.match(r"[\w“\"'‘(]", first))
    )
