"""The stage registry: where every per-article and whole-case stage is declared and looked up by name.

A per-article stage is a plain function `fn(ctx: ArticleContext) -> dict[table, rows]`; it sees one article,
its one spaCy parse and the rows earlier stages produced for that article. A case stage is a plain function
`fn(case: CaseView) -> dict[table, rows or pyarrow.Table]`; it sees the whole case through DuckDB. Each
declares the tables it reads and writes, which `check_order` verifies before a run (as spaCy does with a
component's `requires`/`assigns`). Plug-ins register their own stages with the same decorators.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb
    from spacy.tokens import Doc


@dataclass
class ArticleContext:
    article: dict[str, Any]
    doc: Doc
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass
class CaseView:
    """Read access to the case as it stands: `con` has a view per table; `tables` lists those present."""

    con: duckdb.DuckDBPyConnection
    tables: set[str]
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Stage:
    name: str
    fn: Callable
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    order: int


ARTICLE_STAGES: dict[str, Stage] = {}
CASE_STAGES: dict[str, Stage] = {}


def _register(reg: dict[str, Stage], name: str, requires, assigns, order: int) -> Callable:
    def deco(fn: Callable) -> Callable:
        reg[name] = Stage(name, fn, tuple(requires), tuple(assigns), order)
        return fn

    return deco


def article_stage(name: str, *, requires=(), assigns=(), order: int = 100) -> Callable:
    """Declare a per-article stage; `order` sorts stages (language 100, extract 200)."""
    return _register(ARTICLE_STAGES, name, requires, assigns, order)


def case_stage(name: str, *, requires=(), assigns=(), order: int = 100) -> Callable:
    """Declare a whole-case stage; `order` sorts stages (actors/places 100, copies 200, claims 300)."""
    return _register(CASE_STAGES, name, requires, assigns, order)


BUILTIN_MODULES = (
    "sitrep.language.stage",
    "sitrep.language.places_table",
    "sitrep.extract.stage",
    "sitrep.across.stage",
)


def load_builtin() -> None:
    """Import the modules whose decorators register the built-in stages (missing ones are skipped)."""
    import importlib

    for mod in BUILTIN_MODULES:
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as exc:
            if exc.name != mod:
                raise
    from importlib.metadata import entry_points

    for ep in entry_points(group="sitrep.stages"):
        ep.load()


def ordered(reg: dict[str, Stage]) -> list[Stage]:
    return sorted(reg.values(), key=lambda s: (s.order, s.name))


def check_order(stages: list[Stage], available: set[str]) -> None:
    """Fail before a run, not halfway through it, when a stage reads a table nobody writes earlier."""
    have = set(available)
    for st in stages:
        missing = set(st.requires) - have
        if missing:
            raise RuntimeError(f"stage {st.name!r} needs table(s) {sorted(missing)} that no earlier stage writes")
        have |= set(st.assigns)
