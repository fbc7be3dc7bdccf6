"""Exports for other tools: GeoJSON of located events, GEXF of the actor network, PLOVER JSON Lines.

Each writer reads the same views as the report, so a GIS, Gephi or an event-data pipeline sees exactly
the facts the report shows, each with the article and sentence offsets it came from.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from sitrep.caseview import CaseView
from sitrep.present import network, views


def _write_text(path: Path, text: str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def geojson(db: CaseView) -> dict[str, Any]:
    """A FeatureCollection: one Point ([lon, lat], WGS84) per event whose place has coordinates."""
    features: list[dict[str, Any]] = []
    for place in views.map_places(db):
        for f in place["events"]:
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                    "properties": {
                        "event_id": f["id"],
                        "type": f["type"],
                        "modality": f["modality"],
                        "actor": f["actor"],
                        "actor_name": f["actor_name"],
                        "target": f["target_name"],
                        "place_id": place["place_id"],
                        "place": place["name"],
                        "date": f["date"],
                        "date_precision": f["precision"],
                        "condition": f["condition"],
                        "text": f["text"],
                        "outlet": f["outlet"],
                        "article_id": f["article_id"],
                        "sentence_start": f["start"],
                    },
                }
            )
    features.sort(key=lambda x: x["properties"]["event_id"])
    return {"type": "FeatureCollection", "features": features}


def write_geojson(case: CaseView, path: Path) -> Path:
    return _write_text(path, json.dumps(geojson(case), ensure_ascii=False, indent=1) + "\n")


def write_gexf(case: CaseView, path: Path) -> Path:
    """GEXF 1.3 (Gephi): actors as nodes, one directed edge per (who, relation, whom), weight = outlets."""
    g = network.graph(case)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
        "  <meta><creator>sitrep</creator><description>Actor network: who demands, threatens, offers, "
        "refuses, "
        "denies or meets whom; weight = independent outlets</description></meta>",
        '  <graph mode="static" defaultedgetype="directed">',
        '    <attributes class="edge"><attribute id="0" title="relation" type="string"/>'
        '<attribute id="1" title="outlets" type="string"/><attribute id="2" title="events" type="integer"/>'
        "</attributes>",
        "    <nodes>",
    ]
    lines += [f"      <node id={quoteattr(n['id'])} label={quoteattr(n['name'])}/>" for n in g["nodes"]]
    lines.append("    </nodes>")
    lines.append("    <edges>")
    for i, e in enumerate(g["edges"]):
        lines.append(
            f'      <edge id="{i}" source={quoteattr(e["source"])} target={quoteattr(e["target"])} '
            f'weight="{e["weight"]}" label={quoteattr(e["relation"])}><attvalues>'
            f'<attvalue for="0" value={quoteattr(e["relation"])}/>'
            f'<attvalue for="1" value={quoteattr("; ".join(e["outlets"]))}/>'
            f'<attvalue for="2" value="{e["n_events"]}"/></attvalues></edge>'
        )
    lines += ["    </edges>", "  </graph>", "</gexf>", ""]
    return _write_text(path, "\n".join(lines))


def plover_records(db: CaseView) -> list[dict[str, Any]]:
    """One PLOVER record per event; actor/recipient/event lists hold one entry each where known, else []."""
    places = {p["place_id"]: p for p in db.rows("select * from places", needs=("places",))}
    nm = views.names(db)
    rows = db.rows(
        "select e.*, a.outlet, a.url, a.title, a.published from events e "
        "join articles a on a.article_id = e.article_id order by e.event_id",
        needs=("events", "articles"),
    )
    out = []
    for e in rows:
        place = places.get(e["location"] or "")
        out.append(
            {
                "id": e["event_id"],
                "date": e["date"],
                "actor": [
                    {
                        "id": e["source_actor"],
                        "name": nm.get(e["source_actor"], e["source_text"]),
                        "text": e["source_text"],
                    }
                ]
                if e["source_actor"] or e["source_text"]
                else [],
                "recipient": [
                    {
                        "id": e["target_actor"],
                        "name": nm.get(e["target_actor"], e["target_text"]),
                        "text": e["target_text"],
                    }
                ]
                if e["target_actor"] or e["target_text"]
                else [],
                "event": [e["type"]] if e["type"] else [],
                "mode": e["mode"],
                "context": [e["context"]] if e["context"] else [],
                "event_loc": {
                    "place_id": e["location"],
                    "name": place["name"] if place else e["location_text"],
                    "lat": place["lat"] if place else None,
                    "lon": place["lon"] if place else None,
                    "text": e["location_text"],
                }
                if e["location"] or e["location_text"]
                else None,
                "text": e["sentence"],
                "cite_info": {
                    "article_id": e["article_id"],
                    "outlet": e["outlet"],
                    "url": e["url"],
                    "title": e["title"],
                    "published": e["published"],
                    "sentence_start": e["sentence_start"],
                    "sentence_end": e["sentence_end"],
                    "anchor": e["anchor"],
                    "modality": e["modality"],
                    "negated": e["negated"],
                    "condition": e["condition"],
                    "date_precision": e["date_precision"],
                },
            }
        )
    return out


def write_plover(case: CaseView, path: Path) -> Path:
    recs = plover_records(case)
    return _write_text(path, "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in recs))


def geojson_export(case: CaseView, out_dir: Path) -> list[Path]:
    """Located events as GeoJSON points (events.geojson), for a GIS."""
    return [write_geojson(case, out_dir / "events.geojson")]


def gexf_export(case: CaseView, out_dir: Path) -> list[Path]:
    """The actor network as GEXF 1.3 (network.gexf), for Gephi."""
    return [write_gexf(case, out_dir / "network.gexf")]


def plover_export(case: CaseView, out_dir: Path) -> list[Path]:
    """Events as PLOVER JSON Lines (events.plover.jsonl), for event-data pipelines."""
    return [write_plover(case, out_dir / "events.plover.jsonl")]
