"""Exports: every table as JSON Lines, CSV or Parquet, or a view for other tools (GeoJSON, GEXF, PLOVER).

Table exports stream through DuckDB's COPY, so they cost little memory however large the case. CSV has no
nested types: list and struct columns are written as JSON text there.
"""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pyarrow as pa

from sitrep.case import Case
from sitrep.schema import TABLES

VIEWS = {
    "geojson": ("write_geojson", "events.geojson"),
    "gexf": ("write_gexf", "network.gexf"),
    "plover": ("write_plover", "events.plover.jsonl"),
}


def export_case(case_dir: str | Path, fmt: str, out_dir: str | Path) -> list[Path]:
    case = Case(case_dir)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if fmt in VIEWS:
        fn_name, filename = VIEWS[fmt]
        mod = importlib.import_module("sitrep.present.interchange")
        target = out / filename
        getattr(mod, fn_name)(case.path, target)
        return [target]
    con = case.connect()
    written = []
    for name in case.table_names():
        src = case.tables / f"{name}.parquet"
        target = out / f"{name}.{fmt}"
        if fmt == "parquet":
            shutil.copyfile(src, target)
        else:
            select = _select_for(name, con) if fmt == "csv" else f'select * from "{name}"'
            opts = "format csv, header true" if fmt == "csv" else "format json"
            tmp = str(target) + ".tmp"
            con.execute(f"copy ({select}) to '{_q(tmp)}' ({opts})")
            Path(tmp).replace(target)
        written.append(target)
    return written


def _select_for(name: str, con) -> str:
    """Nested columns as JSON text, so a spreadsheet gets one readable cell."""
    spec = TABLES.get(name)
    if spec is None:
        return f'select * from "{name}"'
    cols = []
    for c in spec.columns:
        nested = pa.types.is_list(c.type) or pa.types.is_struct(c.type)
        cols.append(f'to_json("{c.name}")::varchar as "{c.name}"' if nested else f'"{c.name}"')
    return f'select {", ".join(cols)} from "{name}"'


def _q(s: str) -> str:
    return s.replace("'", "''")
