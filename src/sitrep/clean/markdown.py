"""Remove markdown markup from copy-pasted text while keeping its words.

Pages copied through reader views or converters arrive as markdown: links `[words](url)`, emphasis
`*words*` / `**words**`, headings `# words`, hard breaks (two trailing spaces). The words stay; the markup
would otherwise end up inside quotes and names that later stages read.
"""

from __future__ import annotations

import re

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_HEADING = re.compile(r"^#{1,6}\s+")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")


def link_share(line: str) -> float:
    """Share of the line's visible characters that are link text: navigation rows are nearly all links."""
    visible = strip_markdown(line)
    letters = sum(ch.isalnum() for ch in visible)
    if not letters:
        return 0.0
    linked = sum(ch.isalnum() for m in _LINK.finditer(line) for ch in m.group(1))
    return linked / letters


def is_rule(line: str) -> bool:
    """A horizontal rule (`---`, `***`): a separator, never text."""
    return bool(_RULE.match(line))


def is_heading(line: str) -> bool:
    return bool(_HEADING.match(line.strip()))


def strip_markdown(line: str) -> str:
    text = _HEADING.sub("", line.strip())
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\1", text)
    return text.strip()
