"""One measurement per process: `python bench/measure.py pipeline|spacy ...` prints one JSON object.

Each figure comes from a fresh child process so that peak RSS belongs to that run alone (ru_maxrss never
goes down) and one run's caches and loaded models do not flatter the next.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path


def peak_rss_mb() -> float:
    """Peak resident memory of this process; Linux reports ru_maxrss in KiB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _articles(case: Path) -> tuple[int, int]:
    import duckdb

    path = str(case / "tables" / "articles.parquet")
    n, words = (
        duckdb.connect()
        .execute(
            "select count(*), coalesce(sum(len(string_split_regex(trim(text), '\\s+'))), 0) from read_parquet(?)",
            [path],
        )
        .fetchone()
    )
    return int(n), int(words)


def warm_up(corpus: Path) -> None:
    """Run one document through every article stage so lazy loads (gazetteer, lexicons) are not timed."""
    from sitrep.ingest import RawDoc
    from sitrep.ingest.sources import expand, read_source
    from sitrep.ingest.web import Limits
    from sitrep.options import ArticleOptions
    from sitrep.pipeline import process_docs

    first = next(s for s in expand([str(corpus)]) if isinstance(s, str))
    process_docs([d for d in read_source(first, Limits()) if isinstance(d, RawDoc)], ArticleOptions())


def pipeline(args: argparse.Namespace) -> dict:
    """The whole default build into `--case`, timed after a warm-up when it runs in this process.

    Worker processes (`--processes 2`, Ray) warm up inside the timed build, so their figures include
    start-up; `warmup_seconds` of a one-process run says how much that is per process.
    """
    from sitrep.build import build
    from sitrep.options import BuildOptions
    from sitrep.pipeline import needs_parse, nlp
    from sitrep.stages import load_builtin

    t0 = time.perf_counter()
    load_builtin()
    if needs_parse() and args.engine == "local" and args.processes == 1:
        nlp()
        warm_up(Path(args.input))
    warmup = time.perf_counter() - t0
    profiler = None
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.002)
        profiler.start()
    t0 = time.perf_counter()
    streaming_peak = [0.0]

    def progress(event: str, _count: int) -> None:
        # the last "processed" event comes after the last batch commit, before compaction and case stages
        if event == "processed":
            streaming_peak[0] = peak_rss_mb()

    summary = build(
        [args.input],
        args.case,
        BuildOptions(engine=args.engine, processes=args.processes, batch_size=args.batch_size),
        progress=progress,
    )
    seconds = time.perf_counter() - t0
    if profiler:
        profiler.stop()
        Path(args.profile).write_text(profiler.output_text(unicode=False, color=False, show_all=False))
    n, words = _articles(Path(args.case))
    return {
        "seconds": seconds,
        "warmup_seconds": warmup,
        "articles": n,
        "words": words,
        "timings": summary.timings,
        "counts": summary.counts,
        "peak_rss_mb": peak_rss_mb(),
        "peak_rss_mb_before_case_stages": streaming_peak[0],
    }


def bare_spacy(args: argparse.Namespace) -> dict:
    """The same cleaned texts through the same model and batch size, nothing else."""
    import duckdb

    from sitrep.pipeline import nlp

    path = str(Path(args.case) / "tables" / "articles.parquet")
    rows = duckdb.connect().execute("select text from read_parquet(?) order by article_id", [path]).fetchall()
    texts = [r[0] for r in rows]
    model = nlp()
    model(texts[0])
    t0 = time.perf_counter()
    for _ in model.pipe(texts, batch_size=args.batch_size):
        pass
    seconds = time.perf_counter() - t0
    n, words = _articles(Path(args.case))
    return {"seconds": seconds, "articles": n, "words": words, "peak_rss_mb": peak_rss_mb()}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("what", choices=["pipeline", "spacy"])
    ap.add_argument("--input", help="folder of reports (pipeline)")
    ap.add_argument("--case", required=True, help="case folder to build (pipeline) or read (spacy)")
    ap.add_argument("--engine", default="local")
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--profile", help="write a pyinstrument text profile of the build here")
    args = ap.parse_args(argv)
    result = pipeline(args) if args.what == "pipeline" else bare_spacy(args)
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
