"""`sitrep export`: every table as JSON Lines, CSV or Parquet, or a view for other tools (GeoJSON, GEXF,
PLOVER, in `present/interchange.py`), or whatever a `sitrep.exporters` plug-in writes.

An exporter is `write(case: CaseView, out_dir: Path) -> list[Path]`, registered by name in `sitrep.registry`.
Table exports stream through DuckDB's COPY, so they cost little memory however large the case. CSV has no
nested types: list and struct columns are written as JSON text there.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa

from sitrep import registry
from sitrep.case import Case
from sitrep.caseview import CaseView
from sitrep.schema import TABLES


def export_case(case_dir: str | Path, fmt: str, out_dir: str | Path) -> list[Path]:
    """Write the case in `case_dir` with the exporter named `fmt` into `out_dir`; the files written."""
    write = registry.exporter(fmt)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return list(write(CaseView.open(case_dir), out))


def parquet_tables(case: CaseView, out_dir: Path) -> list[Path]:
    """Every table as a Parquet file (TABLE.parquet), copied as the case holds it."""
    if case.path is None:
        raise ValueError("a Parquet export copies the case's files, and this view has no case folder")
    tables = Case(case.path).tables
    written = []
    for name in sorted(case.tables):
        target = out_dir / f"{name}.parquet"
        shutil.copyfile(tables / f"{name}.parquet", target)
        written.append(target)
    return written


def jsonl_tables(case: CaseView, out_dir: Path) -> list[Path]:
    """Every table as JSON Lines (TABLE.jsonl), one row per line."""
    return _copy_tables(case, out_dir, "jsonl", "format json")


def csv_tables(case: CaseView, out_dir: Path) -> list[Path]:
    """Every table as CSV with a header (TABLE.csv); list and struct cells as JSON text."""
    return _copy_tables(case, out_dir, "csv", "format csv, header true")


def _copy_tables(case: CaseView, out_dir: Path, ext: str, opts: str) -> list[Path]:
    written = []
    for name in sorted(case.tables):
        target = out_dir / f"{name}.{ext}"
        select = _select_for(name) if ext == "csv" else f'select * from "{name}"'
        tmp = str(target) + ".tmp"
        case.con.execute(f"copy ({select}) to '{_q(tmp)}' ({opts})")
        Path(tmp).replace(target)
        written.append(target)
    return written


def _select_for(name: str) -> str:
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
