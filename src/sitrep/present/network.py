"""The actor network: who demands, threatens, offers, refuses or meets whom, and a fixed layout for it.

Edge weight is the number of independent outlets (a syndicated copy counts as its original's outlet), so a
story copied ten times does not look ten times as strong. The layout is a circle ordered by degree, computed
here rather than by a random force simulation, so the same case always draws the same picture.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from sitrep.caseview import CaseView
from sitrep.present.queries import event_rows, names

RELATIONS = {
    "demands": "demands",
    "threatens": "threatens",
    "intends-or-offers": "offers",
    "refuses": "refuses",
    "denies": "denies",
}
COLORS = {
    "demands": "#c0392b",
    "threatens": "#8e1b5a",
    "offers": "#1e8449",
    "refuses": "#b9770e",
    "denies": "#6c3483",
    "meets": "#2471a3",
}


def relation(event: dict[str, Any]) -> str:
    if event["type"] == "CONSULT":
        return "meets"
    if event["type"] == "DENY":
        return "denies"
    return RELATIONS.get(event["modality"] or "", (event["type"] or "other").lower())


def graph(db: CaseView) -> dict[str, list[dict[str, Any]]]:
    """Nodes and weighted, typed edges between actors, from events naming both a source and a target."""
    nm = names(db)
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for e in event_rows(
        db, "e.source_actor is not null and e.target_actor is not null and e.source_actor <> e.target_actor"
    ):
        key = (e["source_actor"], e["target_actor"], relation(e))
        edge = edges.setdefault(
            key,
            {
                "source": key[0],
                "target": key[1],
                "relation": key[2],
                "outlets": set(),
                "n_events": 0,
                "example": None,
            },
        )
        edge["outlets"].add(e["indep"])
        edge["n_events"] += 1
        edge["example"] = edge["example"] or {
            "article_id": e["article_id"],
            "start": e["sentence_start"],
            "text": e["anchor"] or e["sentence"],
        }
    out_edges = []
    degree: dict[str, int] = defaultdict(int)
    for edge in sorted(edges.values(), key=lambda x: (x["source"], x["target"], x["relation"])):
        edge["outlets"] = sorted(o for o in edge["outlets"] if o)
        edge["weight"] = len(edge["outlets"])
        edge["color"] = COLORS.get(edge["relation"], "#7f8c8d")
        degree[edge["source"]] += edge["weight"]
        degree[edge["target"]] += edge["weight"]
        out_edges.append(edge)
    nodes: list[dict[str, Any]] = [{"id": a, "name": nm.get(a, a), "degree": d} for a, d in degree.items()]
    nodes.sort(key=lambda n: (-n["degree"], n["id"]))
    return {"nodes": nodes, "edges": out_edges}


def layout(g: dict[str, list[dict[str, Any]]], size: int = 640) -> dict[str, Any]:
    """Place nodes on a circle (busiest first, at the top) and give each edge its endpoints, for an SVG."""
    n = len(g["nodes"])
    radius, centre = size * 0.36, size / 2
    pos = {}
    for i, node in enumerate(g["nodes"]):
        angle = -math.pi / 2 + 2 * math.pi * i / max(n, 1)
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        pos[node["id"]] = (x, y)
        node.update(
            x=round(x, 1),
            y=round(y, 1),
            r=round(6 + 2 * math.sqrt(node["degree"]), 1),
            anchor="start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle",
            lx=round(centre + (radius + 22) * math.cos(angle), 1),
            ly=round(centre + (radius + 22) * math.sin(angle) + 4, 1),
        )
    radii = {node["id"]: node["r"] for node in g["nodes"]}
    for edge in g["edges"]:
        (x1, y1), (x2, y2) = pos[edge["source"]], pos[edge["target"]]
        # Bend each edge a little to its right, so A->B and B->A do not draw on top of each other.
        mx, my = (x1 + x2) / 2 + (y2 - y1) * 0.12, (y1 + y2) / 2 - (x2 - x1) * 0.12
        # Stop the arrow at the target's rim rather than its centre, where the node would hide it.
        dx, dy = x2 - mx, y2 - my
        gap = (radii[edge["target"]] + 3) / max(math.hypot(dx, dy), 1e-9)
        x2, y2 = x2 - dx * gap, y2 - dy * gap
        edge["path"] = f"M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {x2:.1f},{y2:.1f}"
        edge["width"] = round(1 + 1.5 * edge["weight"], 1)
    return {"size": size, "nodes": g["nodes"], "edges": g["edges"]}
