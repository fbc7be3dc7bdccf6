"""The package's data files (`src/sitrep/data/`, sources in `SOURCES.md`), read by name through one reader.

Most share one format: UTF-8, a record per line, fields parted by tabs, blank lines and `#` comment lines
skipped; `rows` and `words` read it, so a header comment never becomes an entry. `text` serves the few JSON
lists. Every file is a lexicon a user can replace by its name (`lexicon/events.tsv`): through `use` (a
build's `--lexicon NAME=PATH` or its config file's `[lexicons]` table) or a `sitrep.lexicons` entry point;
`use` wins over the entry point, which wins over the package's own file.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sitrep import registry

_OVERRIDES: dict[str, Path] = {}


def use(overrides: Mapping[str, str | Path]) -> None:
    """Read the named data files from these paths from now on, in this process.

    Everything built from data files (word lists, patterns, automata, the gazetteer) is cached per process, and
    which cache rests on which file is not tracked; so when the overrides change, every cache in sitrep's
    modules is dropped and rebuilt on next use. A build calls this once per batch with the same mapping, which
    costs nothing.
    """
    new = {name: Path(path) for name, path in overrides.items()}
    if new == _OVERRIDES:
        return
    known = registry.entries("lexicons")
    unknown = sorted(set(new) - set(known))
    if unknown:
        raise ValueError(f"no data file named {', '.join(unknown)}; `sitrep plugins` lists them")
    missing = sorted(str(p) for p in new.values() if not p.is_file())
    if missing:
        raise ValueError(f"lexicon file(s) not found: {', '.join(missing)}")
    _OVERRIDES.clear()
    _OVERRIDES.update(new)
    forget_loaded()


def forget_loaded() -> None:
    """Drop every `functools.cache` in sitrep's modules, so the next use reads the data files again."""
    for name, module in list(sys.modules.items()):
        if name == "sitrep" or name.startswith("sitrep."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)) and hasattr(value, "cache_info"):
                    value.cache_clear()


def source(name: str) -> Any:
    """Where the data file `name` is read from now: a path or a package resource."""
    return _OVERRIDES.get(name) or registry.lexicon_path(name)


def origin(name: str) -> str:
    """Who supplies `name` now: `built-in`, a plug-in's entry point, or the path given to `use`."""
    if name in _OVERRIDES:
        return f"file {_OVERRIDES[name]}"
    entry = registry.entries("lexicons").get(name)
    return entry.origin if entry else registry.BUILT_IN


def text(name: str) -> str:
    """The whole of data file `name` as text."""
    return str(source(name).read_text(encoding="utf-8"))


def data(name: str) -> bytes:
    """The bytes of data file `name`, for digests of what a cache was built from."""
    return bytes(source(name).read_bytes())


def rows(name: str) -> list[list[str]]:
    """The records of data file `name`, each as its tab-separated fields."""
    return [line.split("\t") for line in text(name).splitlines() if line.strip() and not line.startswith("#")]


def words(name: str) -> frozenset[str]:
    """The first field of every record of data file `name`: a word list."""
    return frozenset(row[0].strip() for row in rows(name))
