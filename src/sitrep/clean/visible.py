"""Render an HTML page as the plain text a reader would copy from it: every visible element, menus,
footers and comments included, one block element per line.

This is how most analysts' copy-pastes come about, so it is the input on which the plain-text cleaner
is measured (`sitrep eval extraction --as-text`).
"""

from __future__ import annotations

import lxml.html

_INVISIBLE = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
_BLOCK = {
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
    "title",
    "body",
    "option",
    "button",
}


def visible_text(html: str) -> str:
    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    parts: list[str] = []
    _walk(root, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n\n".join(line for line in lines if line)


def _walk(el, parts: list[str]) -> None:
    tag = el.tag.lower() if isinstance(el.tag, str) else None  # None: an HTML comment or instruction
    if tag is None or tag in _INVISIBLE:
        parts.append(el.tail or "")
        return
    block = tag in _BLOCK
    if block:
        parts.append("\n")
    if el.text:
        parts.append(el.text)
    for child in el:
        _walk(child, parts)
    if block:
        parts.append("\n")
    parts.append(el.tail or "")
