"""The building blocks of the data model: Arrow column types, a column, a table, and a short way to declare one.

`sitrep.schema` declares the core tables with these (and plug-ins declare theirs); they live apart so the
declarations can be split over modules without an import cycle.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyarrow as pa

STR = pa.string()
INT = pa.int64()
FLOAT = pa.float64()
BOOL = pa.bool_()
STRS = pa.list_(pa.string())
EVIDENCE = pa.list_(
    pa.struct(
        [
            ("article_id", STR),
            ("outlet", STR),
            ("sentence", STR),
            ("start", INT),
            ("end", INT),
            ("side", STR),
        ]
    )
)
ALIGNMENT = pa.list_(pa.struct([("original_sentence", STR), ("copy_sentence", STR), ("similarity", FLOAT)]))


@dataclass(frozen=True)
class Column:
    """One column: its name, Arrow type and what it means (the meaning goes into docs/data-model.md)."""

    name: str
    type: pa.DataType
    doc: str


@dataclass(frozen=True)
class Table:
    """One table: its columns, its key, the stage that writes it and whether it is written per article."""

    name: str
    doc: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    stage: str
    per_article: bool = field(default=True)

    @property
    def arrow(self) -> pa.Schema:
        return pa.schema([(c.name, c.type) for c in self.columns])

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def declare(
    name: str, stage: str, doc: str, key: tuple[str, ...], cols: Iterable[tuple], per_article: bool = True
) -> Table:
    """A table from (name, type, doc) column triples, as the declarations write them."""
    return Table(name, doc, key, tuple(Column(*c) for c in cols), stage, per_article)
