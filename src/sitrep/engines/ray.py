"""The Ray Data engine: the same stage functions, run on a local Ray instance or on any Ray cluster.

Per-article work is one `map_batches` over a dataset whose rows are the build's batches: a class-based map
loads spaCy once per actor and calls `sitrep.pipeline.process_docs`, so the rows are the local engine's
rows by construction. Raw documents go to the object store as they are read (it spills to disk under
pressure) and the driver keeps only their references, so the driver's heap does not grow with the input;
results stream back in input order and are committed batch by batch as with the local engine. The catch:
the dataset is made once the build's batch iterator is exhausted, so reading does not overlap the parse.

Whole-case stages run on the driver against DuckDB, exactly as the local engine runs them: they are a small
share of a build (see docs/performance.md), and moving copy detection onto Ray Data group-bys over its band
keys needs a hook in `sitrep.across.copies` for precomputed candidate pairs (docs/performance.md).
"""

from __future__ import annotations

import logging
import os
import pickle
import warnings
from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa

from sitrep.ingest import InputRow, RawDoc
from sitrep.pipeline import DocResult, process_docs
from sitrep.stages import CaseView, Stage

Batch = tuple[list[RawDoc], list[InputRow]]


class _ProcessBatches:
    """One per Ray actor: loads the stages and the spaCy model once, then processes whole batches."""

    def __init__(self, options: dict[str, Any]) -> None:
        from sitrep.pipeline import nlp
        from sitrep.stages import ARTICLE_STAGES, load_builtin

        load_builtin()
        if ARTICLE_STAGES:
            nlp()
        self.options = options

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        results = [
            pickle.dumps(process_docs(pickle.loads(blob), self.options), protocol=pickle.HIGHEST_PROTOCOL)
            for blob in batch["docs"]
        ]
        return {"seq": list(batch["seq"]), "results": results}


def _block(seq: int, docs: list[RawDoc]) -> pa.Table:
    """One build batch as a one-row Arrow block: the unit Ray schedules, in the order it was read."""
    return pa.table({"seq": pa.array([seq], pa.int64()), "docs": pa.array([pickle.dumps(docs)], pa.binary())})


def _quiet_ray_data() -> None:
    """No progress bars or per-dataset banners: a build's own progress is the only thing a user should see."""
    import ray.data

    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.execution_options.preserve_order = True
    if hasattr(ctx, "print_on_execution_start"):
        ctx.print_on_execution_start = False
    for name in ("ray", "ray.data", "ray.data._internal"):
        logging.getLogger(name).setLevel(logging.ERROR)


class RayEngine:
    """`processes` actors, each loading spaCy once; `address` joins a cluster (one actor per CPU by default)."""

    def __init__(self, processes: int = 1, address: str | None = None) -> None:
        import ray

        self.processes = max(1, processes)
        self._owns_ray = not ray.is_initialized()
        if self._owns_ray:
            os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
            kwargs: dict[str, Any] = {
                "include_dashboard": False,
                "log_to_driver": False,
                "logging_level": logging.ERROR,
            }
            if address:
                kwargs["address"] = address
            else:
                kwargs["num_cpus"] = self.processes
            ray.init(**kwargs)
        if address and processes <= 1:
            # on a cluster the default is one actor per CPU it has, not the local default of one
            self.processes = max(1, int(ray.cluster_resources().get("CPU", 1)))
        _quiet_ray_data()

    def map_docs(
        self, batches: Iterable[Batch], options: dict[str, Any]
    ) -> Iterator[tuple[list[DocResult], list]]:
        import ray
        import ray.data

        refs, rows_of = [], []
        for docs, rows in batches:
            refs.append(ray.put(_block(len(refs), docs)))
            rows_of.append(rows)
        if not refs:
            return
        with warnings.catch_warnings():
            # max_restarts=0: a crashed actor fails the build (committed batches stay; a re-run resumes)
            # instead of Ray warning about restarts it could not replay; the keyword is deprecated in
            # newer Ray but still the only way to set it.
            warnings.simplefilter("ignore")
            ds = ray.data.from_arrow_refs(refs).map_batches(
                _ProcessBatches,
                fn_constructor_kwargs={"options": options},
                batch_size=1,
                compute=ray.data.ActorPoolStrategy(size=self.processes),
                num_cpus=1,
                batch_format="numpy",
                max_restarts=0,
            )
        del refs
        expected = 0
        for row in ds.iter_rows():
            seq = int(row["seq"])
            if seq != expected:
                raise RuntimeError(f"Ray returned batch {seq} where batch {expected} was due")
            expected += 1
            yield pickle.loads(row["results"]), rows_of[seq]

    def run_case_stage(self, stage: Stage, view: CaseView) -> dict[str, Any]:
        return stage.fn(view)

    def close(self) -> None:
        import ray

        if self._owns_ray and ray.is_initialized():
            ray.shutdown()
