"""Every extension point of sitrep, declared in one place: what can be added, under which name, from where.

Six kinds of things can be added without editing sitrep, each under its own entry-point group:

| kind | entry-point group | an entry point names | used by |
|---|---|---|---|
| stages | `sitrep.stages` | a module whose `@article_stage`/`@case_stage` decorators register stages | `build` |
| engines | `sitrep.engines` | an engine class: `cls(processes=, address=)` | `build --engine` |
| exporters | `sitrep.exporters` | a function `write(case: CaseView, out_dir: Path) -> list[Path]` | `export --format` |
| views | `sitrep.views` | a `View(label, render)`; `render(case, link)` returns HTML | `report`, `serve` |
| evals | `sitrep.evals` | a module with `evaluate(data, **options)` and `table(result)` | `eval` |
| lexicons | `sitrep.lexicons` | a path (str, Path or resource) replacing the data file of that name | stages |

Built-ins are declared here as `module:attribute` strings, like entry points, and imported only when used,
so listing what is registered (`sitrep plugins`) imports neither Ray nor spaCy. An entry point with the
name of a built-in replaces it. docs/extending.md shows each kind with a worked example.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sitrep.caseview import CaseView

KINDS = ("stages", "engines", "exporters", "views", "evals", "lexicons")
BUILT_IN = "built-in"

#: Modules whose decorators register the built-in stages, in no particular order (stages sort by `order`).
BUILTIN_STAGE_MODULES = (
    "sitrep.clean.stage",
    "sitrep.language.stage",
    "sitrep.language.places_table",
    "sitrep.extract.stage",
    "sitrep.across.stage",
)
BUILTIN: dict[str, dict[str, str]] = {
    "engines": {
        "local": "sitrep.engines.local:LocalEngine",
        "ray": "sitrep.engines.ray:RayEngine",
    },
    "exporters": {
        "jsonl": "sitrep.export:jsonl_tables",
        "csv": "sitrep.export:csv_tables",
        "parquet": "sitrep.export:parquet_tables",
        "geojson": "sitrep.present.interchange:geojson_export",
        "gexf": "sitrep.present.interchange:gexf_export",
        "plover": "sitrep.present.interchange:plover_export",
    },
    "views": {
        name: f"sitrep.present.render:{name.upper()}"
        for name in (
            "overview",
            "positions",
            "timeline",
            "map",
            "network",
            "claims",
            "outlets",
            "search",
            "articles",
            "inputs",
        )
    },
    "evals": {
        "extraction": "sitrep.eval.extraction",
        "geo": "sitrep.eval.geo",
        "attribution": "sitrep.eval.attribution",
        "events": "sitrep.eval.events",
        "copies": "sitrep.eval.copies",
    },
}
#: Data files that are no lexicon: the demo corpus and the list of sources.
_NOT_LEXICONS = ("demo/", "SOURCES.md")


@dataclass(frozen=True)
class View:
    """A page of the report and the web app. `render(case, link, **extra)` returns the page's HTML fragment;
    `link(article_id, start)` is the address of a sentence (its anchor in the report, its page in the app),
    and `extra` carries the app's search query to the built-in search view. Escape whatever text you show."""

    label: str
    render: Callable[..., str]


@dataclass(frozen=True)
class Entry:
    """One registered thing: `target` is `module:attribute` (or a module, or for lexicons a path)."""

    kind: str
    name: str
    target: str
    origin: str


class PluginError(Exception):
    """A registered thing that cannot be found or loaded; the message names it and where it came from."""


_ENTRIES: dict[str, dict[str, Entry]] = {kind: {} for kind in KINDS}
_LOADED: dict[tuple[str, str], Any] = {}
_SCANNED: set[str] = set()
_FAILED: list[Entry] = []


def _origin(ep: EntryPoint) -> str:
    dist = f"{ep.dist.name} {ep.dist.version}" if ep.dist else "unknown distribution"
    return f"{dist} ({ep.group}: {ep.name} = {ep.value})"


def _builtin_lexicons() -> dict[str, str]:
    root = files("sitrep.data")
    out: dict[str, str] = {}
    todo = [(root, "")]
    while todo:
        folder, prefix = todo.pop()
        for item in folder.iterdir():
            name = prefix + item.name
            if item.is_dir():
                todo.append((item, name + "/"))
            elif not name.startswith(_NOT_LEXICONS) and not name.endswith(".py") and "__pycache__" not in name:
                out[name] = name
    return dict(sorted(out.items()))


def _scan(kind: str) -> None:
    """Register a kind's built-ins and installed entry points, once per process (or again after `rescan`)."""
    if kind in _SCANNED:
        return
    _SCANNED.add(kind)
    table = _ENTRIES[kind]
    builtins = _builtin_lexicons() if kind == "lexicons" else BUILTIN.get(kind, {})
    for name, target in builtins.items():
        table[name] = Entry(kind, name, target, BUILT_IN)
    if kind == "stages":
        _scan_stages()
        return
    for ep in entry_points(group=f"sitrep.{kind}"):
        table[ep.name] = Entry(kind, ep.name, ep.value, _origin(ep))


def _scan_stages() -> None:
    """Import the built-in stage modules and every `sitrep.stages` entry point; each stage is credited to
    the entry point whose import registered it. A plug-in that fails to import is recorded, not raised here:
    `failures()` reports it and a build refuses to run without it."""
    from sitrep.stages import ARTICLE_STAGES, CASE_STAGES

    for mod in BUILTIN_STAGE_MODULES:
        importlib.import_module(mod)
    credited: dict[str, str] = {}
    for ep in entry_points(group="sitrep.stages"):
        before = {**ARTICLE_STAGES, **CASE_STAGES}
        try:
            ep.load()
        except Exception as exc:  # noqa: BLE001 - a broken plug-in is reported by name, not as a traceback
            _FAILED.append(Entry("stages", ep.name, f"{type(exc).__name__}: {exc}", _origin(ep)))
            continue
        for name, st in {**ARTICLE_STAGES, **CASE_STAGES}.items():
            if before.get(name) is not st:  # new, or a built-in of that name replaced
                credited[name] = _origin(ep)
    table = _ENTRIES["stages"]
    for reg, scope in ((ARTICLE_STAGES, "article"), (CASE_STAGES, "case")):
        for name, st in reg.items():
            target = f"{st.fn.__module__}:{st.fn.__qualname__}"
            builtin = st.fn.__module__.startswith("sitrep.")
            origin = credited.get(name) or (BUILT_IN if builtin else f"module {st.fn.__module__}")
            table[f"{scope}:{name}"] = Entry("stages", f"{scope}:{name}", target, origin)


def rescan() -> None:
    """Forget what was found and look again: for a process that installs plug-ins after it started."""
    from sitrep.datafiles import forget_loaded

    importlib.invalidate_caches()
    forget_loaded()
    _SCANNED.clear()
    _LOADED.clear()
    _FAILED.clear()
    for table in _ENTRIES.values():
        table.clear()


def load_stages() -> None:
    """Register every built-in and plug-in stage (the modules' decorators fill `sitrep.stages`)."""
    _scan("stages")


def entries(kind: str) -> dict[str, Entry]:
    """What is registered under `kind`, by name, built-ins first."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; kinds: {', '.join(KINDS)}")
    _scan(kind)
    return dict(_ENTRIES[kind])


def failures() -> list[Entry]:
    """Plug-ins that were found but could not be loaded; `target` holds the error."""
    for kind in KINDS:
        _scan(kind)
    return list(_FAILED)


def names(kind: str) -> list[str]:
    return list(entries(kind))


def get(kind: str, name: str) -> Any:
    """The registered object (class, function, module, `View`) for `name`, imported on first use."""
    entry = entries(kind).get(name)
    if entry is None:
        raise PluginError(f"unknown {kind[:-1]} {name!r}; choose from {', '.join(names(kind))}")
    key = (kind, name)
    if key not in _LOADED:
        _LOADED[key] = _import(entry)
    return _LOADED[key]


def _import(entry: Entry) -> Any:
    module, _, attr = entry.target.partition(":")
    try:
        obj: Any = importlib.import_module(module)
        for part in attr.split(".") if attr else ():
            obj = getattr(obj, part)
    except ModuleNotFoundError as exc:
        if entry.origin == BUILT_IN and entry.kind == "engines":
            extra = f"pip install 'sitrep[{entry.name}]'"
            raise PluginError(f"engine {entry.name!r} needs an optional extra: {extra} ({exc})") from exc
        raise PluginError(f"{entry.kind[:-1]} {entry.name!r} from {entry.origin} cannot be imported: {exc}") from exc
    except AttributeError as exc:
        raise PluginError(f"{entry.kind[:-1]} {entry.name!r} from {entry.origin}: {exc}") from exc
    return obj


def views() -> list[tuple[str, View]]:
    """Every view, built-ins in their menu order and plug-ins after them."""
    return [(name, get("views", name)) for name in names("views")]


def exporter(name: str) -> Callable[[CaseView, Path], list[Path]]:
    return get("exporters", name)


def lexicon_path(name: str) -> Any:
    """Where the data file `name` (e.g. `lexicon/events.tsv`) is read from: a plug-in's replacement if one
    is registered, else the package's own file. Returns a path or package resource (`read_text` works on
    both)."""
    entry = entries("lexicons").get(name)
    if entry is None or entry.origin == BUILT_IN:
        return files("sitrep.data").joinpath(name)
    if (entry.kind, name) not in _LOADED:
        obj = _import(entry)
        _LOADED[(entry.kind, name)] = Path(obj) if isinstance(obj, str) else obj
    return _LOADED[(entry.kind, name)]
