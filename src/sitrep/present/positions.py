"""The positions board: per actor, what it demands, offers, refuses, denies or threatens.

One stance reported by many outlets is one row, with every distinct quote and outlet under it, so a reader
sees how widely a stance is reported and can check each report against its sentence.
"""

from __future__ import annotations

from typing import Any

from sitrep.caseview import CaseView
from sitrep.present.queries import date_label, event_rows, names

POSITION_MODALITIES = ("demands", "intends-or-offers", "refuses", "denies", "threatens")
POSITION_LABELS = {
    "demands": "demands",
    "intends-or-offers": "offers / intends",
    "refuses": "refuses",
    "denies": "denies",
    "threatens": "threatens",
}


def positions(db: CaseView) -> list[dict[str, Any]]:
    """Per actor, what it demands, offers, refuses, denies, threatens: one stance, many reports = one row."""
    nm = names(db)
    placeholders = ", ".join("?" for _ in POSITION_MODALITIES)
    events = event_rows(db, f"(e.modality in ({placeholders}) or e.type = 'DENY')", list(POSITION_MODALITIES))
    return _board(_stances(events, nm), nm)


def top_stances(card: dict[str, Any], n: int = 4) -> list[dict[str, Any]]:
    """An actor's few stances a newcomer needs first: conditional ones (the deal on offer), then the most
    widely reported, keeping the board's demands/offers/refusals order among equals."""
    ranked = [
        (g["condition"] is None, -len(g["outlets"]), i, g)
        for i, g in enumerate(g for items in card["stances"].values() for g in items)
    ]
    return [g for *_, g in sorted(ranked, key=lambda r: r[:3])[:n]]


def _stances(events: list[dict[str, Any]], nm: dict[str, str]) -> list[dict[str, Any]]:
    """Events grouped into stances: the same actor, modality, act, target, place, condition and negation."""
    groups: dict[tuple, dict[str, Any]] = {}
    for e in events:
        modality = e["modality"] if e["modality"] in POSITION_MODALITIES else "denies"
        actor = e["source_actor"] or e["source_text"] or "unknown actor"
        key = (
            actor,
            modality,
            e["type"],
            e["target_actor"],
            e["location"],
            e["condition"],
            bool(e["negated"]),
        )
        g = groups.setdefault(
            key,
            {
                "actor": actor,
                "modality": modality,
                "type": e["type"],
                "negated": bool(e["negated"]),
                "target": nm.get(e["target_actor"] or "", e["target_text"] or e["target_actor"]),
                "location": nm.get(e["location"] or "", e["location_text"] or e["location"]),
                "condition": e["condition"],
                "dates": set(),
                "outlets": set(),
                "quotes": [],
            },
        )
        g["outlets"].add(e["outlet"])
        if e["date"]:
            g["dates"].add(date_label(e["date"], e["date_precision"]))
        quote = e["anchor"] or e["sentence"] or ""
        if all(q["text"] != quote for q in g["quotes"]):
            g["quotes"].append(
                {
                    "text": quote,
                    "outlet": e["outlet"],
                    "article_id": e["article_id"],
                    "start": e["sentence_start"],
                }
            )
    return list(groups.values())


def _board(stances: list[dict[str, Any]], nm: dict[str, str]) -> list[dict[str, Any]]:
    """Stances as one card per actor, each modality's stances most widely reported first; busiest actors first."""
    board: dict[str, dict[str, Any]] = {}
    for g in stances:
        g["dates"], g["outlets"] = sorted(g["dates"]), sorted(o for o in g["outlets"] if o)
        card = board.setdefault(
            g["actor"],
            {
                "actor": g["actor"],
                "name": nm.get(g["actor"], g["actor"]),
                "stances": {m: [] for m in POSITION_MODALITIES},
                "n": 0,
            },
        )
        card["stances"][g["modality"]].append(g)
        card["n"] += 1
    for card in board.values():
        for items in card["stances"].values():
            items.sort(
                key=lambda g: (
                    -len(g["outlets"]),
                    g["type"] or "",
                    g["quotes"][0]["text"],
                    g["condition"] or "",
                )
            )
    return sorted(board.values(), key=lambda c: (-c["n"], c["name"]))
