"""The one read-only view of a case: a DuckDB connection with a view per table, which tables exist, and the
options of the build that made it. Case stages, exporters, the report, the web app and their plug-ins all
read a case through it.

A case may lack tables (a stage was not installed, a build stopped early), so every query can name the tables
it needs and quietly yields nothing when one is missing; a page then says "none found" instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from sitrep.case import Case
from sitrep.options import BuildOptions


@dataclass
class CaseView:
    con: duckdb.DuckDBPyConnection
    tables: set[str]
    options: BuildOptions = field(default_factory=BuildOptions)
    path: Path | None = None

    @classmethod
    def open(cls, case_dir: str | Path, options: BuildOptions | None = None) -> CaseView:
        """The case in `case_dir` as it stands now."""
        case = Case(case_dir)
        return cls(case.connect(), set(case.table_names()), options or BuildOptions(), Path(case_dir))

    def has(self, *names: str) -> bool:
        return all(n in self.tables for n in names)

    def rows(self, sql: str, params: list[Any] | None = None, needs: tuple[str, ...] = ()) -> list[dict[str, Any]]:
        """Rows as dicts, or [] when a table the query needs is absent."""
        if not self.has(*needs):
            return []
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
