"""Benchmark the whole build against bare spaCy on the same texts: `python bench/run.py -n 200 [--json]`.

Every figure is the median of `--repeats` runs, each in a fresh child process (bench/measure.py). The
ratio that matters is pipeline / bare spaCy throughput on one core: the parse is the floor the pipeline
rides on, and everything sitrep adds should cost little next to it. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from corpus import DEMO, write_corpus

HERE = Path(__file__).resolve().parent


def child(
    what: str,
    case: Path,
    *,
    input_dir: Path | None = None,
    engine: str = "local",
    processes: int = 1,
    batch_size: int = 32,
    profile: Path | None = None,
) -> dict:
    cmd = [
        sys.executable,
        str(HERE / "measure.py"),
        what,
        "--case",
        str(case),
        "--engine",
        engine,
        "--processes",
        str(processes),
        "--batch-size",
        str(batch_size),
    ]
    if input_dir:
        cmd += ["--input", str(input_dir)]
    if profile:
        cmd += ["--profile", str(profile)]
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if done.returncode or not lines:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(lines[-1])


def median_run(repeats: int, work: Path, corpus: Path, **kw) -> tuple[float, dict]:
    """Median articles per second over fresh builds; also the last run's details (timings, RSS)."""
    rates, last = [], {}
    for i in range(repeats):
        last = child(
            "pipeline", work / f"case-{kw.get('engine', 'local')}-{kw.get('processes', 1)}-{i}", input_dir=corpus, **kw
        )
        rates.append(last["articles"] / last["seconds"])
    return statistics.median(rates), last


def stage_shares(timings: dict[str, float]) -> dict[str, float]:
    total = sum(timings.values()) or 1.0
    return {k: round(v / total, 3) for k, v in sorted(timings.items(), key=lambda kv: -kv[1])}


def measure(args: argparse.Namespace, work: Path) -> dict:
    """Repeat (pipeline, bare spaCy on its texts, pipeline on P processes) so each ratio pairs runs made
    moments apart: on a shared, noisy machine a ratio of neighbours is steadier than a ratio of medians."""
    corpus = work / "corpus"
    write_corpus(corpus, args.n, [DEMO, *args.input], mix=args.mix)
    p = args.processes
    runs: dict[str, list] = {"local": [], "spacy": [], "ratio": [], "multi": [], "speedup": [], "steady": []}
    for i in range(args.repeats):
        one = child("pipeline", work / f"case-{i}", input_dir=corpus, batch_size=args.batch_size)
        sp = child("spacy", work / f"case-{i}", batch_size=args.batch_size)
        rate, sp_rate = one["articles"] / one["seconds"], sp["articles"] / sp["seconds"]
        runs["local"].append((rate, one))
        runs["spacy"].append((sp_rate, sp))
        runs["ratio"].append(rate / sp_rate)
        if p > 1:
            multi = child(
                "pipeline", work / f"case-{p}p-{i}", input_dir=corpus, processes=p, batch_size=args.batch_size
            )
            runs["multi"].append(multi["articles"] / multi["seconds"])
            runs["speedup"].append(runs["multi"][-1] / rate)
            # workers load their models inside the timed build, in parallel: discount one start-up
            runs["steady"].append(multi["articles"] / max(multi["seconds"] - one["warmup_seconds"], 1e-9) / rate)
        for case in work.glob(f"case-*{i}"):
            shutil.rmtree(case, ignore_errors=True)
    med = statistics.median
    rate = med(r for r, _ in runs["local"])
    one = sorted(runs["local"], key=lambda r: r[0])[len(runs["local"]) // 2][1]
    sp_rate = med(r for r, _ in runs["spacy"])
    per_article = one["words"] / max(one["articles"], 1)
    out: dict = {
        "n": args.n,
        "articles": one["articles"],
        "repeats": args.repeats,
        "batch_size": args.batch_size,
        "cpu_count": os.cpu_count(),
        "articles_per_s": round(rate, 2),
        "articles_per_s_per_core": round(rate, 2),
        "words_per_s": round(rate * per_article),
        "spacy_articles_per_s": round(sp_rate, 2),
        "spacy_words_per_s": round(sp_rate * per_article),
        "ratio_vs_spacy": round(med(runs["ratio"]), 3),
        "warmup_seconds": round(one["warmup_seconds"], 2),
        "peak_rss_mb": one["peak_rss_mb"],
        "spacy_peak_rss_mb": max(s["peak_rss_mb"] for _, s in runs["spacy"]),
        "stage_share": stage_shares(one["timings"]),
        "stage_seconds": {k: round(v, 2) for k, v in one["timings"].items()},
    }
    if p > 1:
        out[f"articles_per_s_{p}_processes"] = round(med(runs["multi"]), 2)
        out[f"articles_per_s_per_core_{p}_processes"] = round(med(runs["multi"]) / p, 2)
        out[f"speedup_{p}_processes"] = round(med(runs["speedup"]), 3)
        out[f"speedup_{p}_processes_after_startup"] = round(med(runs["steady"]), 3)
    if args.ray:
        for workers in sorted({1, p}):
            rate_r, _ = median_run(
                args.repeats, work, corpus, engine="ray", processes=workers, batch_size=args.batch_size
            )
            out[f"ray_articles_per_s_{workers}_workers"] = round(rate_r, 2)
        out["ray_overhead_vs_local_1"] = round(rate / out["ray_articles_per_s_1_workers"], 3)
    if args.memory:
        out.update(memory_growth(args, work))
    if args.profile:
        child("pipeline", work / "profiled", input_dir=corpus, batch_size=args.batch_size, profile=args.profile)
    return out


def memory_growth(args: argparse.Namespace, work: Path) -> dict:
    """Peak RSS of one-process builds at N and 10N articles: streaming keeps the second close to the first.

    Also the peak when the last batch is committed, before the whole-case stages, which hold whole tables.
    """
    big = work / "corpus-10n"
    write_corpus(big, args.n * 10, [DEMO, *args.input], mix=args.mix)
    small = child("pipeline", work / "mem-n", input_dir=work / "corpus", batch_size=args.batch_size)
    large = child("pipeline", work / "mem-10n", input_dir=big, batch_size=args.batch_size)
    return {
        "peak_rss_mb_n": small["peak_rss_mb"],
        "peak_rss_mb_10n": large["peak_rss_mb"],
        "memory_growth_10n": round(large["peak_rss_mb"] / small["peak_rss_mb"], 3),
        "peak_rss_mb_n_before_case_stages": small["peak_rss_mb_before_case_stages"],
        "peak_rss_mb_10n_before_case_stages": large["peak_rss_mb_before_case_stages"],
        "articles_per_s_10n": round(large["articles"] / large["seconds"], 2),
    }


def print_table(res: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(
        title=f"sitrep bench: {res['articles']} articles, median of {res['repeats']}, "
        f"{res['cpu_count']} CPUs, batch {res['batch_size']}"
    )
    t.add_column("figure")
    t.add_column("value", justify="right")
    for key, val in res.items():
        if not isinstance(val, dict):
            t.add_row(key, str(val))
    shares = Table(title="time share by stage (summed over articles and processes)")
    shares.add_column("stage")
    shares.add_column("share", justify="right")
    shares.add_column("seconds", justify="right")
    for stage, share in res["stage_share"].items():
        shares.add_row(stage, f"{share:.1%}", f"{res['stage_seconds'][stage]:.2f}")
    Console().print(t, shares)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=200, help="number of articles to generate (default 200)")
    ap.add_argument(
        "--input",
        type=Path,
        action="append",
        default=[],
        help="another folder of reports to vary alongside the demo corpus (repeatable)",
    )
    ap.add_argument("--processes", type=int, default=2, help="also measure with this many processes (1: don't)")
    ap.add_argument("--repeats", type=int, default=3, help="runs per figure; the median is reported")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--mix", type=float, default=0.5, help="share of body paragraphs taken from other reports")
    ap.add_argument("--memory", action="store_true", help="also compare peak RSS at N and 10N articles")
    ap.add_argument("--ray", action="store_true", help="also time the Ray engine with 1 and --processes workers")
    ap.add_argument("--profile", type=Path, help="write a pyinstrument profile of one 1-process build here")
    ap.add_argument("--keep", type=Path, help="keep the corpus and cases in this folder")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="sitrep-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        res = measure(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(res))
    else:
        print_table(res)


if __name__ == "__main__":
    main()
