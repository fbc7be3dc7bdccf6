"""The stage decorators: how a per-article or whole-case stage is declared and looked up by name.

A per-article stage is a plain function `fn(ctx: ArticleContext) -> dict[table, rows]`; it sees one article,
its one spaCy parse and the rows earlier stages produced for that article. A case stage is a plain function
`fn(case: CaseView) -> dict[table, rows or pyarrow.Table]`; it sees the whole case through DuckDB. Each
declares the tables or columns it reads and writes, which `check_order` verifies before a run (as spaCy does
with a component's `requires`/`assigns`). Plug-ins register their own stages with the same decorators, in a
module named by a `sitrep.stages` entry point (`sitrep.registry`, docs/extending.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sitrep.caseview import CaseView as CaseView  # case stages' argument, re-exported for plug-ins
from sitrep.options import ArticleOptions
from sitrep.schema import TABLES

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sitrep.ingest import RawDoc


@dataclass
class ArticleContext:
    """One document on its way through the per-article stages.

    Stages declared with `parsed=False` (clean, metadata) run before the batch's one spaCy pass: they see
    `raw` and `options` and an empty `article` and `doc=None`; later stages see the article row and its parse.
    """

    article: dict[str, Any]
    doc: Doc | None
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    raw: RawDoc | None = None
    options: ArticleOptions = field(default_factory=ArticleOptions)

    @property
    def parse(self) -> Doc:
        """The article's parse, for the stages that run after it (`parsed=True`, the default)."""
        if self.doc is None:
            raise RuntimeError("a stage declared parsed=False runs before the parse and cannot read it")
        return self.doc


class SkipInput(Exception):
    """Raised by a stage when an input holds no article (not an error): the input is marked skipped, why."""


@dataclass(frozen=True)
class Stage:
    name: str
    fn: Callable
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    order: int
    parsed: bool = True


ARTICLE_STAGES: dict[str, Stage] = {}
CASE_STAGES: dict[str, Stage] = {}


def _register(
    reg: dict[str, Stage], name: str, requires: Iterable[str], assigns: Iterable[str], order: int, parsed: bool = True
) -> Callable:
    def deco(fn: Callable) -> Callable:
        reg[name] = Stage(name, fn, tuple(requires), tuple(assigns), order, parsed)
        return fn

    return deco


def article_stage(
    name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = (), order: int = 100, parsed: bool = True
) -> Callable:
    """Declare a per-article stage; `order` sorts stages (clean 10, metadata 20, sentences 50, language 100,
    extract 200). `parsed=False` runs it before the parse, on the raw document (see `ArticleContext`)."""
    return _register(ARTICLE_STAGES, name, requires, assigns, order, parsed)


def case_stage(name: str, *, requires=(), assigns=(), order: int = 100) -> Callable:
    """Declare a whole-case stage; `order` sorts stages (actors/places 100, copies 200, claims 300)."""
    return _register(CASE_STAGES, name, requires, assigns, order)


def load_builtin() -> None:
    """Register the built-in stages and every `sitrep.stages` plug-in (see `sitrep.registry`)."""
    from sitrep import registry

    registry.load_stages()


def ordered(reg: dict[str, Stage]) -> list[Stage]:
    return sorted(reg.values(), key=lambda s: (s.order, s.name))


def check_order(stages: list[Stage], available: set[str]) -> None:
    """Fail before a run, not halfway through it, when a stage reads a table or column nobody writes earlier.

    `requires` and `assigns` name tables (`events`: every column `sitrep.schema` gives it) or columns
    (`events.actor_id`); a stage that declares the columns it writes makes only those available to later
    stages. A table the schema does not declare (a case stage may write any Arrow table) has the columns its
    writer names, or, when it names none, columns this check cannot know and so does not check.
    """
    have: dict[str, set[str] | None] = {t: _columns(t) for t in available}
    for st in stages:
        for need in st.requires:
            table, _, column = need.partition(".")
            if table not in have:
                raise ValueError(f"stage {st.name!r} reads table {table!r}, which no earlier stage writes")
            cols = have[table]
            if column and cols is not None and column not in cols:
                got = ", ".join(sorted(cols)) or "none"
                raise ValueError(
                    f"stage {st.name!r} reads column {need!r}, which no earlier stage writes ({table} has: {got})"
                )
        for out in st.assigns:
            table, _, column = out.partition(".")
            if column and table in TABLES and column not in TABLES[table].names:
                raise ValueError(f"stage {st.name!r} writes column {out!r}, which table {table!r} does not have")
            if not column:
                have[table] = _columns(table)
            elif have.get(table) is not None or table not in have:
                have[table] = (have.get(table) or set()) | {column}


def _columns(table: str) -> set[str] | None:
    return set(TABLES[table].names) if table in TABLES else None
