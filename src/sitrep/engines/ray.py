"""The Ray Data engine: the same stage functions, run on a local Ray instance or on any Ray cluster.

Per-article work is one `map_batches` over a dataset whose rows are the build's batches: a class-based map
loads spaCy once per actor and calls `sitrep.pipeline.process_docs`, so the rows are the local engine's
rows by construction. Raw documents go to the object store as they are read (it spills to disk under
pressure) and the driver keeps only their references, so the driver's heap does not grow with the input;
results stream back in input order and are committed batch by batch as with the local engine. The catch:
the dataset is made once the build's batch iterator is exhausted, so reading does not overlap the parse.

Copy detection, the one whole-case stage that grows faster than the corpus, runs as Ray Data group-bys:
articles fan out to their band keys, each key's group yields its candidate pairs, a second group-by drops
the pairs several keys found, and the pairs are scored in parallel; the few copy pairs come back to the
driver for `copy_rows`. Every step calls the function `find_copies` calls, so the rows are the local
engine's. The other whole-case stages run on the driver against DuckDB, as the local engine runs them.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import tempfile
import warnings
from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa

from sitrep.across import copies
from sitrep.engines.isolation import isolated_imports
from sitrep.ingest import InputRow, RawDoc
from sitrep.options import ArticleOptions
from sitrep.pipeline import DocResult, process_docs
from sitrep.stages import CaseView, Stage

Batch = tuple[list[RawDoc], list[InputRow]]


class _ProcessBatches:
    """One per Ray actor: loads the stages and the spaCy model once, then processes whole batches."""

    def __init__(self, options: ArticleOptions) -> None:
        from sitrep.pipeline import needs_parse, nlp
        from sitrep.stages import load_builtin

        load_builtin()
        if needs_parse():
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


def _keys_of(row: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"key": key, "article_id": row["article_id"]} for key in copies.article_keys(row)]


def _pairs_of(group: dict[str, Any]) -> dict[str, Any]:
    pairs = copies.bucket_pairs(str(group["key"][0]), [str(a) for a in group["article_id"]])
    return {"a": [a for a, _ in pairs], "b": [b for _, b in pairs]}


def _score_pairs(batch: dict[str, Any], texts_ref: list[Any]) -> dict[str, Any]:
    """A plain task, not an actor pool: idle actors would hold every CPU and starve the group-bys before them."""
    import ray

    articles = ray.get(texts_ref[0])
    scored = copies.score_pairs(zip(map(str, batch["a"]), map(str, batch["b"]), strict=True), articles)
    return {"scored": [pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL) for item in sorted(scored.items())]}


def ray_copies(case: CaseView, processes: int) -> dict[str, list[dict[str, Any]]]:
    """The copies stage as group-bys by band key and by pair; identical rows to `find_copies`."""
    import ray
    import ray.data

    rows = case.con.sql(copies.ARTICLES_WITH_SENTENCES).to_arrow_table().to_pylist()
    if not rows:
        return {"copies": []}
    texts_ref = ray.put({r["article_id"]: r for r in rows})
    # one shuffle partition per worker: Ray's default of 200 is for clusters and costs seconds of start-up here
    parts = max(1, processes)
    pairs = (
        ray.data.from_items([{k: r[k] for k in ("article_id", "text", "sentences")} for r in rows])
        .flat_map(_keys_of)
        .groupby("key", num_partitions=parts)
        .map_groups(_pairs_of, batch_format="numpy")
        .groupby(["a", "b"], num_partitions=parts)
        .count()
    )
    scored_blobs = pairs.map_batches(
        # Ray types `fn` as taking the batch alone; the texts come through `fn_kwargs`, which its stub ignores
        _score_pairs,  # type: ignore[arg-type]
        fn_kwargs={"texts_ref": [texts_ref]},
        num_cpus=1,
        batch_format="numpy",
    ).take_all()
    scored = dict(pickle.loads(r["scored"]) for r in scored_blobs)
    return {"copies": copies.copy_rows(rows, scored)}


def _quiet_ray_data() -> None:
    """No progress bars or per-dataset banners: a build's own progress is the only thing a user should see."""
    import ray.data

    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.execution_options.preserve_order = True
    # a stalled dataset fails the build within minutes instead of Ray's default half hour
    if hasattr(ctx, "execution_no_progress_timeout_s"):
        ctx.execution_no_progress_timeout_s = 300
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
        self._cwd: tempfile.TemporaryDirectory[str] | None = None
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
            # Ray puts the working directory at `ray.init` on every worker's import path, and local workers
            # inherit it as their cwd: start from an empty folder so no file the user builds from is importable
            self._cwd = tempfile.TemporaryDirectory(prefix="sitrep-ray-")
            with contextlib.chdir(self._cwd.name), isolated_imports():
                ray.init(**kwargs)
        if address and processes <= 1:
            # on a cluster the default is one actor per CPU it has, not the local default of one
            self.processes = max(1, int(ray.cluster_resources().get("CPU", 1)))
        _quiet_ray_data()

    def map_docs(self, batches: Iterable[Batch], options: ArticleOptions) -> Iterator[tuple[list[DocResult], list]]:
        import ray
        import ray.data

        refs: list[ray.ObjectRef[Any]] = []
        rows_of: list[list] = []
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
            # `ray.put` returns the runtime ObjectRef class, which Ray's own annotation of from_arrow_refs does not name
            ds = ray.data.from_arrow_refs(refs).map_batches(  # type: ignore[arg-type]
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
        if stage.fn.__module__ == "sitrep.across.stage" and stage.name == "copies":
            return ray_copies(view, self.processes)
        return stage.fn(view)

    def close(self) -> None:
        import ray

        if self._owns_ray and ray.is_initialized():
            ray.shutdown()
        if self._cwd is not None:
            self._cwd.cleanup()
            self._cwd = None
