"""The row every actor mention becomes, whether a list found it or the article named a person."""

from __future__ import annotations

from typing import Any


def actor_row(
    start: int,
    end: int,
    text: str,
    subkind: str,
    norm_id: str | None,
    name: str | None,
    actor: str | None,
    sector: str | None,
    method: str,
    confidence: float,
) -> dict[str, Any]:
    """A mention row with the `mentions` columns the language stage fills before ids are given."""
    return {
        "start": start,
        "end": end,
        "text": text[start:end],
        "kind": "actor",
        "subkind": subkind,
        "norm_id": norm_id,
        "name": name,
        "actor": actor,
        "sector": sector,
        "method": method,
        "confidence": confidence,
    }
