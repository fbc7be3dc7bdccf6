"""The default engine: in this process, or a pool of worker processes that each load spaCy once."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from multiprocessing import forkserver
from multiprocessing.pool import Pool
from typing import Any

from sitrep.engines.isolation import isolated_imports
from sitrep.engines.lifeline import die_with_parent
from sitrep.ingest import InputRow, RawDoc
from sitrep.options import ArticleOptions
from sitrep.pipeline import DocResult, needs_parse, nlp, process_docs
from sitrep.stages import CaseView, Stage, load_builtin

Batch = tuple[list[RawDoc], list[InputRow]]


class WorkerStartError(RuntimeError):
    """A worker process could not load what it needs (the model, a plug-in): the build stops and says why."""


_START_ERROR: str | None = None


def _init_worker() -> None:
    """Load once per worker; a failure is kept and raised with the first batch. Raising here would make
    the pool start the worker again, for ever (218 restarts in 60 s were seen with a missing model)."""
    global _START_ERROR
    die_with_parent()
    try:
        load_builtin()
        if needs_parse():
            nlp()
    except Exception as exc:  # noqa: BLE001 - whatever it is, the build must stop with it, not loop
        _START_ERROR = f"{type(exc).__name__}: {exc}"


def _work(args: tuple[list[RawDoc], ArticleOptions]) -> list[DocResult]:
    if _START_ERROR:
        raise WorkerStartError(f"a worker process could not start: {_START_ERROR}")
    docs, options = args
    return process_docs(docs, options)


def _start_pool(processes: int) -> Pool:
    """A forkserver pool whose server (and so every worker) cannot import from the working directory.

    The forkserver is a `python -c` child, which would put the cwd first on its import path; it is started
    here, inside `isolated_imports`, rather than lazily by the pool's first worker.
    """
    ctx = mp.get_context("forkserver")
    # only takes effect if this process has not started its forkserver yet; workers then load for themselves
    ctx.set_forkserver_preload(["sitrep.engines.warm"])
    with isolated_imports():
        forkserver.ensure_running()
        return ctx.Pool(processes, initializer=_init_worker)


class LocalEngine:
    def __init__(self, processes: int = 1, address: str | None = None) -> None:
        if address:
            raise ValueError("--address only applies to --engine ray")
        self.processes = max(1, processes)
        self._pool: Pool | None = None

    def map_docs(self, batches: Iterable[Batch], options: ArticleOptions) -> Iterator[tuple[list[DocResult], list]]:
        if self.processes == 1:
            for docs, rows in batches:
                yield process_docs(docs, options), rows
            return
        self._pool = _start_pool(self.processes)
        pending: list[tuple[Any, list]] = []
        for docs, rows in batches:
            pending.append((self._pool.apply_async(_work, ((docs, options),)), rows))
            while len(pending) > self.processes * 2:
                fut, r = pending.pop(0)
                yield fut.get(), r
        for fut, r in pending:
            yield fut.get(), r

    def run_case_stage(self, stage: Stage, view: CaseView) -> dict[str, Any]:
        return stage.fn(view)

    def close(self) -> None:
        """Let the workers finish and exit (the build is done)."""
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def abort(self) -> None:
        """Stop the workers at once (Ctrl-C or an error): their unfinished batches are never committed, and
        a re-run redoes them. `close` would wait for every queued batch, 8–18 s after a Ctrl-C."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
