"""`sitrep eval events`: event type and actors against PLOVER gold records (one sentence each).

Each record is run through the extractor on its own; the prediction is the highest-confidence event. Gold
types from older PLOVER drafts are mapped to the current ones through `data/lexicon/plover_aliases.tsv`
(DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, FIGHT -> ASSAULT, ...). An actor counts as found when the
predicted source/target text and a gold `actorText` contain one another (case-insensitive).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from rich.table import Table

from sitrep.extract.fallback import mentions_from_entities
from sitrep.extract.lexicon import plover_aliases
from sitrep.extract.stage import extract

TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def read_records(path: Path) -> list[dict[str, Any]]:
    """Gold records with a sentence, tolerating trailing commas and skipping DOCUMENT records."""
    records = json.loads(TRAILING_COMMA.sub(r"\1", Path(path).read_text(encoding="utf-8")))
    return [r for r in records if r.get("event") != "DOCUMENT" and r.get("text")]


def gold_type(name: str) -> str:
    return plover_aliases().get(name, name)


def actor_texts(field: Any) -> list[str]:
    if not isinstance(field, list):
        return []
    return [a["actorText"].lower() for a in field if isinstance(a, dict) and a.get("actorText")]


def found(predicted: str | None, gold: list[str]) -> bool:
    if not predicted:
        return False
    p = predicted.lower()
    return any(g in p or p in g for g in gold)


COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
HOSTILE_ACTS = {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
FRAMED = {"demands": "REQUEST", "hopes": "REQUEST", "refuses": "REJECT", "threatens": "THREATEN"}


def plover_view(event: dict[str, Any] | None) -> str | None:
    """The PLOVER type of a sitrep event, which keeps the act and puts the speech act in its modality.

    PLOVER codes an expressed intent to cooperate as AGREE and reads "all cooperative actions reported in future
    tense" as such intentions; an announced or conditional hostile act (`will boycott unless ...`) is a threat;
    an act someone demands, hopes for or refuses is that demand (REQUEST) or refusal (REJECT).
    """
    if event is None:
        return None
    etype, modality = event["type"], event["modality"]
    if modality in FRAMED and etype in COOPERATIVE | HOSTILE_ACTS:
        return FRAMED[modality]
    if modality in ("intends-or-offers", "predicts") and etype in COOPERATIVE:
        return "AGREE"
    if modality in ("intends-or-offers", "predicts") and etype in HOSTILE_ACTS:
        return "THREATEN"
    return etype


def _mentions(doc, text: str, use_language: bool) -> list[dict[str, Any]]:
    if not use_language:
        return mentions_from_entities(doc)
    from sitrep.language.stage import language
    from sitrep.stages import ArticleContext

    return language(ArticleContext({"article_id": "eval", "text": text}, doc))["mentions"]


def evaluate(data: Path, limit: int | None = None, mentions: str = "language", **_: Any) -> dict[str, Any]:
    """Type/source/target accuracy overall and per gold type; `mentions=entities` skips the language stage."""
    from sitrep.language.nlp import load

    nlp = load()
    records = read_records(data)[: limit or None]
    n: Counter[str] = Counter()
    per_type: dict[str, Counter] = {}
    confusion: Counter = Counter()
    for rec in records:
        text = rec["text"]
        doc = nlp(text)
        article = {"article_id": "eval", "outlet": None, "text": text}
        events = extract(doc, article, _mentions(doc, text, mentions == "language"))["events"]
        top = max(events, key=lambda e: e["confidence"], default=None)
        gold = gold_type(rec["event"])
        pred = plover_view(top)
        counts = per_type.setdefault(gold, Counter())
        counts["n"] += 1
        n["records"] += 1
        if pred == gold:
            counts["correct"] += 1
            n["type"] += 1
        else:
            confusion[f"{gold}->{pred}"] += 1
        for role in ("source", "target"):
            gold_actors = actor_texts(rec.get(role))
            if gold_actors:
                n[f"{role}_gold"] += 1
                n[f"{role}_hit"] += found(top[f"{role}_text"] if top else None, gold_actors)
    total = n["records"] or 1
    return {
        "n_records": n["records"],
        "type_accuracy": round(n["type"] / total, 4),
        "source_accuracy": round(n["source_hit"] / (n["source_gold"] or 1), 4),
        "target_accuracy": round(n["target_hit"] / (n["target_gold"] or 1), 4),
        "n_with_source": n["source_gold"],
        "n_with_target": n["target_gold"],
        "per_type": {
            t: {"n": c["n"], "correct": c["correct"], "accuracy": round(c["correct"] / c["n"], 4)}
            for t, c in sorted(per_type.items())
        },
        "top_confusions": dict(confusion.most_common(10)),
    }


def table(result: dict[str, Any]) -> Table:
    t = Table(
        title=f"PLOVER events ({result['n_records']} gold records): type {result['type_accuracy']:.3f}, "
        f"source {result['source_accuracy']:.3f}, target {result['target_accuracy']:.3f}"
    )
    for col in ("type", "records", "correct", "accuracy"):
        t.add_column(col, justify="left" if col == "type" else "right")
    for name, row in result["per_type"].items():
        t.add_row(name, str(row["n"]), str(row["correct"]), f"{row['accuracy']:.3f}")
    return t
