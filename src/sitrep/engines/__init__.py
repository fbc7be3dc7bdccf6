"""Engines run the same stage functions on one process, a process pool, or a cluster.

An engine has three methods: `map_docs(batches, options)` yields, in input order, the processed results of
each `(docs, rows)` batch together with its rows; `run_case_stage(stage, view)` runs a whole-case stage;
`close()`. Engines are looked up by name in `sitrep.registry`, so another (Spark, Dask) plugs in through a
`sitrep.engines` entry point.
"""

from __future__ import annotations

from typing import Any

from sitrep import registry


def get_engine(name: str, **options: Any) -> Any:
    """An engine by its registered name (`local`, `ray`, or a `sitrep.engines` plug-in), constructed."""
    try:
        cls = registry.get("engines", name)
    except registry.PluginError as exc:
        raise ValueError(str(exc)) from exc
    return cls(**options)
