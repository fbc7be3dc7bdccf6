"""Engines run the same stage functions on one process, a process pool, or a cluster.

An engine has three methods: `map_docs(batches, options)` yields, in input order, the processed results of
each `(docs, rows)` batch together with its rows; `run_case_stage(stage, view)` runs a whole-case stage;
`close()`. Engines are looked up by name here, so another (Spark, Dask) plugs in with one entry.
"""

from __future__ import annotations

import importlib
from typing import Any

ENGINES: dict[str, str] = {
    "local": "sitrep.engines.local:LocalEngine",
    "ray": "sitrep.engines.ray:RayEngine",
}


def get_engine(name: str, **options: Any):
    try:
        target = ENGINES[name]
    except KeyError as exc:
        raise ValueError(f"unknown engine {name!r}; choose from {', '.join(sorted(ENGINES))}") from exc
    module, _, cls = target.partition(":")
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        raise ValueError(f"engine {name!r} needs an optional extra: pip install 'sitrep[{name}]' ({exc})") from exc
    return getattr(mod, cls)(**options)
