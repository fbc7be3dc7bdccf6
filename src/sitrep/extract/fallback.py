"""Rough mentions from the parser's named entities, for when the language stage is not there.

The evals and unit tests must run on their own; these mentions carry the entity text as id (`ent:iran`),
so they say *that* there is an actor and where, never *which* canonical actor it is.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

ACTOR_LABELS = {"PERSON": "person", "NORP": "group", "GPE": "state", "ORG": "org"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


def mentions_from_entities(doc: Doc, article_id: str = "") -> list[dict[str, Any]]:
    rows = []
    for ent in doc.ents:
        norm = "ent:" + ent.text.lower().removeprefix("the ").strip()
        base = {
            "article_id": article_id,
            "start": ent.start_char,
            "end": ent.end_char,
            "text": ent.text,
            "norm_id": norm,
            "name": ent.text,
            "method": "entity",
            "confidence": 0.5,
        }
        if ent.label_ in ACTOR_LABELS:
            rows.append(
                {
                    **base,
                    "kind": "actor",
                    "subkind": ACTOR_LABELS[ent.label_],
                    "actor": None if ent.label_ == "PERSON" else norm,
                }
            )
        if ent.label_ in PLACE_LABELS:
            rows.append({**base, "kind": "place", "subkind": "region"})
        if ent.label_ == "DATE":
            rows.append({**base, "kind": "date", "subkind": "absolute", "norm_id": None})
    return rows
