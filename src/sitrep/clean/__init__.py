"""Clean: from a raw document to a body text, metadata and labelled blocks.

HTML goes through trafilatura; plain text (copy-pasted pages, like most of what analysts collect) goes
through our own block labeller, because no maintained tool labels plain-text blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    """A piece of the input with its label and the rule that gave it.

    kind: body, title, byline, dateline, boilerplate, related, comments, off_topic.
    start/end are offsets into the cleaned body for body blocks, set by `assemble`.
    """

    kind: str
    reason: str
    text: str
    start: int | None = None
    end: int | None = None


@dataclass
class Cleaned:
    """What cleaning found. `text` is the body that every later offset points into."""

    text: str
    format: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO YYYY-MM-DD
    published_precision: str | None = None  # day, month, year
    language: str | None = None
    blocks: list[Block] = field(default_factory=list)
