"""Ingest: turn inputs (files, folders, URLs, feeds, JSONL, WARC) into raw documents and status rows.

Nothing here interprets the text; it only finds bytes, decodes them and says where they came from, so a
bad input is always a status row with a reason and never an exception that stops the run.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawDoc:
    """One document ready for cleaning.

    `meta` holds what the container said about it (JSONL fields, feed entry, HTTP headers, manifest):
    keys among url, title, outlet, published, author. Values from `meta` win over what cleaning guesses.
    """

    source: str
    kind: str
    format: str  # "html" or "text"
    content: str
    sha256: str
    bytes: int
    parent: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


@dataclass
class InputRow:
    """A status row for an input that produced no document (or a container that produced several)."""

    source: str
    kind: str
    status: str  # ok, duplicate, skipped, failed
    reason: str
    sha256: str | None = None
    bytes: int | None = None
    parent: str | None = None
    article_id: str | None = None

    def as_row(self) -> dict:
        return {
            "source": self.source,
            "parent": self.parent,
            "kind": self.kind,
            "sha256": self.sha256,
            "bytes": self.bytes,
            "status": self.status,
            "reason": self.reason,
            "article_id": self.article_id,
        }
