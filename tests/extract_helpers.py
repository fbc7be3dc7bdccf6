"""Build an article, its parse and hand-made mentions for extraction tests (no language stage needed)."""

from __future__ import annotations

from typing import Any

from sitrep.extract.stage import extract
from sitrep.language.nlp import load


def mention(
    text: str,
    surface: str,
    norm: str,
    subkind: str = "state",
    kind: str = "actor",
    actor: str | None = None,
    nth: int = 0,
) -> dict[str, Any]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return {
        "article_id": "t",
        "start": start,
        "end": start + len(surface),
        "text": surface,
        "kind": kind,
        "subkind": subkind,
        "norm_id": norm,
        "actor": actor or (norm if subkind != "person" else None),
    }


def run(text: str, mentions: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    doc = load()(text)
    return extract(doc, {"article_id": "t", "outlet": "Test Wire", "text": text}, mentions)


def by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["event_id"]: r for r in rows}
