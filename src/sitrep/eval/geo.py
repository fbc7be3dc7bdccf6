"""`sitrep eval geo`: toponym recall and resolution error on GeoWebNews-style XML (Gritta et al. 2019).

Gold toponyms are the annotations with coordinates. A gold toponym is found when a place mention overlaps
its span; the error is the great-circle distance between the two points. Error figures are over the found
toponyms (recall says how many that is), as in the GeoWebNews paper's geocoding tables. AUC is the area
under the sorted ln(error + 1) curve, trapezoid rule, divided by ln(20039) (half the Earth's circumference
in km, the largest possible error) and by n - 1: 0 is perfect, 1 is the worst possible.
"""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from rich.table import Table

from sitrep.language.gazetteer import haversine_km
from sitrep.language.nlp import load as load_nlp
from sitrep.language.places import find_places

MAX_ERROR_KM = 20039.0
ACCURACY_KM = 161.0


def read_gold(data: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Articles as {text, toponyms: [{start, end, name, lat, lon, adjective}]} from the XML layout."""
    articles = []
    for node in ET.parse(data).getroot().iter("article"):
        toponyms = []
        for top in node.iter("toponym"):
            fields = {child.tag: (child.text or "").strip() for child in top}
            if fields.get("latitude") and fields.get("longitude"):
                toponyms.append(
                    {
                        "start": int(fields["start"]),
                        "end": int(fields["end"]),
                        "name": fields["extractedName"],
                        "lat": float(fields["latitude"]),
                        "lon": float(fields["longitude"]),
                        "adjective": fields.get("modifierType") == "Adjective",
                    }
                )
        articles.append({"text": node.findtext("text") or "", "toponyms": toponyms})
        if limit is not None and len(articles) >= limit:
            break
    return articles


def auc(errors_km: list[float]) -> float:
    """Area under the sorted log-error curve, scaled to 0..1 as in Gritta et al."""
    if len(errors_km) < 2:
        return math.log(errors_km[0] + 1) / math.log(MAX_ERROR_KM) if errors_km else float("nan")
    ys = sorted(math.log(e + 1) for e in errors_km)
    area = sum((a + b) / 2 for a, b in zip(ys, ys[1:], strict=False))
    return area / (math.log(MAX_ERROR_KM) * (len(ys) - 1))


def evaluate(data: Path, limit: int | None = None, **_options: Any) -> dict[str, Any]:
    nlp = load_nlp()
    articles = read_gold(Path(data), limit)
    errors: list[float] = []
    n_gold = n_nouns = found_nouns = n_predicted = 0
    for art, doc in zip(articles, nlp.pipe(a["text"] for a in articles), strict=True):
        mentions = find_places(art["text"], doc, [])
        n_predicted += len(mentions)
        for gold in art["toponyms"]:
            n_gold += 1
            n_nouns += not gold["adjective"]
            hit = next((m for m in mentions if m["start"] < gold["end"] and gold["start"] < m["end"]), None)
            if hit is not None:
                errors.append(haversine_km(hit["lat"], hit["lon"], gold["lat"], gold["lon"]))
                found_nouns += not gold["adjective"]
    return {
        "articles": len(articles),
        "gold_toponyms": n_gold,
        "found": len(errors),
        "predicted_mentions": n_predicted,
        "toponym_recall": len(errors) / n_gold if n_gold else 0.0,
        "noun_toponym_recall": found_nouns / n_nouns if n_nouns else 0.0,
        "accuracy_161km": sum(e < ACCURACY_KM for e in errors) / len(errors) if errors else 0.0,
        "median_error_km": statistics.median(errors) if errors else float("nan"),
        "mean_error_km": statistics.fmean(errors) if errors else float("nan"),
        "auc": auc(errors),
    }


def table(result: dict[str, Any]) -> Table:
    out = Table(title="Places vs GeoWebNews gold toponyms (with coordinates)")
    out.add_column("figure")
    out.add_column("value", justify="right")
    for key, value in result.items():
        out.add_row(key, f"{value:.3f}" if isinstance(value, float) else str(value))
    return out
