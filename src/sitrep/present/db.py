"""Read access to a case for the views: a DuckDB connection plus which tables exist.

Upstream stages may not have written every table yet (or a build may have stopped early), so every query
names the tables it needs and quietly yields nothing when one is missing; the view then says "none found"
instead of the page failing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from sitrep.case import Case


@dataclass
class CaseDB:
    con: duckdb.DuckDBPyConnection
    tables: set[str]
    path: Path

    def has(self, *names: str) -> bool:
        return all(n in self.tables for n in names)

    def rows(self, sql: str, params: list | None = None, needs: tuple[str, ...] = ()) -> list[dict[str, Any]]:
        """Rows as dicts, or [] when a table the query needs is absent."""
        if not self.has(*needs):
            return []
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def open_case(case_dir: Path) -> CaseDB:
    case = Case(case_dir)
    return CaseDB(case.connect(), set(case.table_names()), Path(case_dir))
