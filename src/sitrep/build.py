"""`sitrep build` as a function: read what is new, process it in committed batches, then the case stages.

Resuming and re-running rest on two facts: an input whose bytes were already recorded (with any status
but failed) is not read again, and a batch is committed whole or not at all. So an interrupted build
picks up after the last committed batch, and a repeated build on the same inputs writes the same tables.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep import datafiles, registry, versions
from sitrep.case import Case
from sitrep.caseview import CaseView
from sitrep.engines import get_engine
from sitrep.ingest import InputRow, RawDoc
from sitrep.ingest.readers import is_url
from sitrep.ingest.sources import expand, read_manifest, read_source
from sitrep.ingest.web import Limits
from sitrep.options import BuildOptions
from sitrep.pipeline import DocResult
from sitrep.schema import TABLES
from sitrep.stages import ARTICLE_STAGES, CASE_STAGES, check_order, load_builtin, ordered

Progress = Callable[[str, int], None]


@dataclass
class BuildSummary:
    case: Path
    counts: dict[str, int] = field(default_factory=dict)
    new_inputs: int = 0
    problems: list[tuple[str, str, str]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    #: What the build did besides reading inputs, in words (articles re-run after a data file changed, or
    #: what to run when they cannot be); `rerun_failed` counts articles whose re-run failed.
    notes: list[str] = field(default_factory=list)
    rerun_failed: int = 0

    @property
    def exit_code(self) -> int:
        return 1 if self.counts.get("failed") or self.rerun_failed else 0


def _file_sha(path: str) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def _is_settled(entry: dict[str, Any] | None) -> bool:
    return bool(entry and entry["status"] != "failed")


def _batches(
    sources: list, known: dict, limits: Limits, batch_size: int, progress: Progress | None
) -> Iterator[tuple[list[RawDoc], list[InputRow]]]:
    docs: list[RawDoc] = []
    rows: list[InputRow] = []
    for src in sources:
        if isinstance(src, InputRow):
            rows.append(src)
        elif is_url(src) and _is_settled(known.get(src)):
            pass
        elif not is_url(src) and _is_settled(known.get(src)) and known[src]["sha256"] == _file_sha(src):
            pass
        else:
            for item in read_source(src, limits):
                if isinstance(item, InputRow):
                    rows.append(item)
                elif not (_is_settled(known.get(item.source)) and known[item.source]["sha256"] == item.sha256):
                    docs.append(item)
                if len(docs) >= batch_size:
                    yield docs, rows
                    docs, rows = [], []
        if progress:
            progress("read", 1)
    if docs or rows:
        yield docs, rows


def build(
    inputs: list[str],
    out: str | Path,
    options: BuildOptions | None = None,
    *,
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
) -> BuildSummary:
    """Add what is new among `inputs` to the case in `out`. `options` says how (`BuildOptions()`: the
    defaults of `sitrep build`); `progress` and `on_start` only report, so they are no options."""
    options = options or BuildOptions()
    load_builtin()
    broken = [f"{e.origin}: {e.target}" for e in registry.failures() if e.kind == "stages"]
    if broken:
        raise ValueError("a stage plug-in failed to load, so the case would lack its tables: " + "; ".join(broken))
    per_article = {n for n, t in TABLES.items() if t.per_article}
    check_order(ordered(ARTICLE_STAGES), {"inputs"})
    check_order(ordered(CASE_STAGES), per_article)
    case = Case(out).create()
    summary = BuildSummary(case.path)
    datafiles.use(options.lexicons)
    article_options = options.for_articles(read_manifest(options.manifest) if options.manifest else {})
    now = versions.current()
    with case.lock(), case.writes():
        refreshed = versions.refresh(case, now, article_options, options.batch_size)
        summary.notes, summary.rerun_failed = refreshed.notes, len(refreshed.failed)
        known = case.known_inputs()
        seen_ids = case.known_article_ids()
        sources = expand(inputs)
        if on_start:
            on_start(len(sources))
        eng = get_engine(options.engine, processes=options.processes, address=options.address)
        try:
            batches = _batches(sources, known, options.limits, options.batch_size, progress)
            for results, rows in eng.map_docs(batches, article_options):
                summary.new_inputs += len(results) + len(rows)
                case.commit_batch(_batch_rows(results, rows, seen_ids, summary.timings), now)
                if progress:
                    progress("processed", len(results))
            marker = case.tables / ".built"
            state = json.dumps({"shards": len(case.shard_dirs()), "stages": sorted(CASE_STAGES), "versions": now})
            if summary.new_inputs or not marker.exists() or marker.read_text() != state:
                case.compact()
                _run_case_stages(case, eng, options, summary)
                marker.write_text(state)
        except BaseException:
            # Ctrl-C, a failed write, a worker that could not start: stop the workers now rather than
            # wait for their batches (an engine without `abort` is closed as usual)
            getattr(eng, "abort", eng.close)()
            raise
        eng.close()
    con = case.connect()
    summary.counts = dict(con.execute("select status, count(*) from inputs group by status").fetchall())
    summary.problems = con.execute(
        "select source, status, reason from inputs where status in ('failed', 'skipped') order by source"
    ).fetchall()
    return summary


def _batch_rows(
    results: Iterable[DocResult], rows: list[InputRow], seen_ids: set[str], timings: dict[str, float]
) -> dict[str, list[dict]]:
    """Input rows plus the tables of each new article; a body already in the case becomes a duplicate."""
    out: dict[str, list[dict]] = {"inputs": [r.as_row() for r in rows]}
    for res in results:
        for stage, secs in res.timings.items():
            timings[stage] = timings.get(stage, 0.0) + secs
        if res.article_id and res.article_id in seen_ids:
            res.input["status"] = "duplicate"
            res.input["reason"] = f"same body as article {res.article_id} already in the case"
            out["inputs"].append(res.input)
            continue
        out["inputs"].append(res.input)
        if res.article_id:
            seen_ids.add(res.article_id)
            for table, trows in res.rows.items():
                out.setdefault(table, []).extend(trows)
    return out


def _run_case_stages(case: Case, eng: Any, options: BuildOptions, summary: BuildSummary) -> None:
    import time

    for st in ordered(CASE_STAGES):
        t0 = time.perf_counter()
        con = case.connect()
        view = CaseView(con=con, tables=set(case.table_names()), options=options, path=case.path)
        produced = eng.run_case_stage(st, view) or {}
        con.close()
        for table, data in produced.items():
            case.write_table(table, data)
        summary.timings[st.name] = summary.timings.get(st.name, 0.0) + time.perf_counter() - t0
