"""`sitrep eval extraction`: how much of each article body the cleaner keeps, on the article-extraction
benchmark (181 pages with hand-made article bodies, `ground-truth.json` + `html/*.html.gz`).

The metric is the benchmark's own (its evaluate.py): tokens are `\\w+` runs, compared as multisets of
4-token shingles; per page TP/FP/FN are normalised to sum to 1, and precision and recall are averaged over
pages (pages without predicted or true text left out of the respective mean), F1 from the two means.
Trafilatura's plain `extract` defaults are scored in the same run for reference. With `as_text`, each page
is first rendered to its visible text (menus, footers and comments included) and the plain-text cleaner
is scored on that; the raw visible text is scored too, as the floor.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from rich.table import Table

_TOKEN = re.compile(r"\w+")
_SHINGLE = 4


def evaluate(data: Path, as_text: bool = False, limit: int | None = None, workers: int = 2) -> dict:
    data = Path(data)
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:limit] if limit else sorted(truth)
    jobs = [
        (data / "html" / f"{key}.html.gz", truth[key].get("articleBody", ""), truth[key].get("url"), as_text)
        for key in keys
    ]
    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            scores = list(pool.map(_score_page, jobs, chunksize=4))
    else:
        scores = [_score_page(job) for job in jobs]
    result = {
        **_metrics([s["ours"] for s in scores]),
        "n_pages": len(scores),
        "mode": "text" if as_text else "html",
    }
    result["trafilatura"] = _metrics([s["trafilatura"] for s in scores])
    if as_text:
        result["raw_text"] = _metrics([s["raw_text"] for s in scores])
    return result


def table(result: dict) -> Table:
    out = Table(title=f"Article body extraction ({result['mode']}, {result['n_pages']} pages)")
    for column in ("extractor", "precision", "recall", "F1"):
        out.add_column(column, justify="left" if column == "extractor" else "right")
    rows = [("sitrep clean" + (" (plain text)" if result["mode"] == "text" else " (html)"), result)]
    rows.append(("trafilatura.extract defaults (html)", result["trafilatura"]))
    if "raw_text" in result:
        rows.append(("raw visible text", result["raw_text"]))
    for name, m in rows:
        out.add_row(name, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}")
    return out


def shingle_scores(true: str, pred: str) -> tuple[float, float, float]:
    """TP, FP, FN over 4-token shingles, normalised to sum to 1 so long pages do not weigh more."""
    t, p = _shingles(true), _shingles(pred)
    tp, fp, fn = sum((t & p).values()), sum((p - t).values()), sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _shingles(text: str) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + _SHINGLE]) for i in range(max(1, len(tokens) - _SHINGLE + 1)) if tokens)


def _metrics(scores: list[tuple[float, float, float]]) -> dict:
    precision = _mean([_ratio(tp, fp, fn) for tp, fp, fn in scores if tp + fp > 0])
    recall = _mean([_ratio(tp, fn, fp) for tp, fp, fn in scores if tp + fn > 0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _ratio(tp: float, wrong: float, other: float) -> float:
    if wrong == other == 0:
        return 1.0
    return tp / (tp + wrong)


def _mean(values: list[float]) -> float:
    return statistics.mean(values) if values else 0.0


def _score_page(job: tuple[Path, str, str | None, bool]) -> dict:
    import trafilatura

    from sitrep.clean.html import clean_html
    from sitrep.clean.text import clean_text
    from sitrep.clean.visible import visible_text

    path, true, url, as_text = job
    html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    scores = {"trafilatura": shingle_scores(true, trafilatura.extract(html, url=url) or "")}
    if as_text:
        raw = visible_text(html)
        scores["raw_text"] = shingle_scores(true, raw)
        scores["ours"] = shingle_scores(true, clean_text(raw).text)
    else:
        scores["ours"] = shingle_scores(true, clean_html(html, url=url).text)
    return scores
