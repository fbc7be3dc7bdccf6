"""The package's data files (`src/sitrep/data/`, sources in `SOURCES.md`) in the one format they all share:
UTF-8, a record per line, fields parted by tabs, blank lines and `#` comment lines skipped.

One reader, so every list is read the same way and a header comment never becomes an entry.
"""

from __future__ import annotations

from importlib.resources import files


def rows(path: str) -> list[list[str]]:
    """The records of `data/<path>`, each as its tab-separated fields."""
    text = files("sitrep.data").joinpath(path).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def words(path: str) -> frozenset[str]:
    """The first field of every record of `data/<path>`: a word list."""
    return frozenset(row[0].strip() for row in rows(path))
