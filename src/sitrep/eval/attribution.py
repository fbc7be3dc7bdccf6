"""`sitrep eval attribution`: source and content spans of statements against PolNeAR (brat standoff).

PolNeAR gives each article as `text/NAME.txt` and its attributions as `attributions/NAME_ANNOTATOR.ann`
(T lines `Source|Cue|Content START END[;START END] text`, E lines tying them). Spans are compared after
trimming surrounding spaces, punctuation and quote marks on both sides, so a quote mark does not decide a
match; `exact` needs the same trimmed span, `overlap` any shared character (a maximum one-to-one matching).
Discontiguous gold spans are taken from their first to their last character.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.table import Table

from sitrep.extract.fallback import mentions_from_entities
from sitrep.extract.resolve import Mentions
from sitrep.extract.statements import find_statements

STRIP = " \t\n\r.,;:!?\"'“”‘’`()[]—–-"
Span = tuple[int, int]


def trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start] in STRIP:
        start += 1
    while end > start and text[end - 1] in STRIP:
        end -= 1
    return start, end


def read_gold(ann: str, text: str) -> tuple[list[Span], list[Span]]:
    """(source spans, content spans) of the attributions in one .ann file."""
    spans: dict[str, tuple[str, Span]] = {}
    sources: list[Span] = []
    contents: list[Span] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].startswith("T"):
            label, _, where = parts[1].partition(" ")
            bounds = [int(x) for frag in where.split(";") for x in frag.split()]
            if label in ("Source", "Content") and bounds:
                spans[parts[0]] = (label, trim(text, min(bounds), max(bounds)))
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].startswith("E"):
            continue
        for arg in parts[1].split()[1:]:
            role, _, tid = arg.partition(":")
            if tid in spans and spans[tid][0] == role:
                (sources if role == "Source" else contents).append(spans[tid][1])
    return sorted(set(sources)), sorted(set(contents))


def predict(text: str, nlp) -> tuple[list[Span], list[Span]]:
    doc = nlp(text)
    rows = find_statements(doc, {"article_id": "eval", "text": text}, Mentions(mentions_from_entities(doc)))
    sources, contents = set(), set()
    for r in rows:
        start, end = (
            (r["reporter_start"], r["reporter_end"])
            if r["reporter_start"] is not None
            else (r["speaker_start"], r["speaker_end"])
        )
        if start is not None:
            sources.add(trim(text, start, end))
        contents.add(trim(text, r["content_start"], r["content_end"]))
    return sorted(sources), sorted(contents)


def match(gold: list[Span], pred: list[Span], exact: bool) -> int:
    """Size of a maximum one-to-one matching of predicted to gold spans.

    Exact matches are unique (spans are deduplicated), but under `overlap` a greedy pass in text order lets
    one long prediction take a gold span that was the only partner of the next prediction and undercounts;
    augmenting paths (Kuhn's algorithm, small per article) find the largest matching instead.
    """
    if exact:
        return len(set(gold) & set(pred))
    partners = [[i for i, g in enumerate(gold) if g[0] < p[1] and p[0] < g[1]] for p in pred]
    owner: dict[int, int] = {}

    def augment(j: int, seen: set[int]) -> bool:
        for i in partners[j]:
            if i not in seen:
                seen.add(i)
                if i not in owner or augment(owner[i], seen):
                    owner[i] = j
                    return True
        return False

    return sum(augment(j, set()) for j in range(len(pred)))


def _prf(hits: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def articles(data: Path) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs, one annotator per article (the first by name), sorted."""
    out = {}
    for ann in sorted((data / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        txt = data / "text" / f"{name}.txt"
        if txt.exists() and name not in out:
            out[name] = (txt, ann)
    return [out[k] for k in sorted(out)]


def evaluate(data: Path, limit: int | None = None, **_: Any) -> dict[str, Any]:
    """Micro-averaged P/R/F1 over all articles for source and content spans, exact and overlap."""
    from sitrep.language.nlp import load

    nlp = load()
    counts = {
        k: 0
        for k in (
            "n_gold_source",
            "n_pred_source",
            "n_gold_content",
            "n_pred_content",
            "source_exact",
            "source_overlap",
            "content_exact",
            "content_overlap",
        )
    }
    pairs = articles(Path(data))[: limit or None]
    for txt, ann in pairs:
        text = txt.read_text(encoding="utf-8")
        gold_src, gold_con = read_gold(ann.read_text(encoding="utf-8"), text)
        pred_src, pred_con = predict(text, nlp)
        counts["n_gold_source"] += len(gold_src)
        counts["n_pred_source"] += len(pred_src)
        counts["n_gold_content"] += len(gold_con)
        counts["n_pred_content"] += len(pred_con)
        for exact, tag in ((True, "exact"), (False, "overlap")):
            counts[f"source_{tag}"] += match(gold_src, pred_src, exact)
            counts[f"content_{tag}"] += match(gold_con, pred_con, exact)
    result: dict[str, Any] = {"n_articles": len(pairs)}
    for part in ("source", "content"):
        for tag in ("exact", "overlap"):
            p, r, f = _prf(counts[f"{part}_{tag}"], counts[f"n_pred_{part}"], counts[f"n_gold_{part}"])
            result[f"{part}_precision_{tag}"] = round(p, 4)
            result[f"{part}_recall_{tag}"] = round(r, 4)
            result[f"{part}_f1_{tag}"] = round(f, 4)
    result.update({k: v for k, v in counts.items() if k.startswith("n_")})
    return result


def table(result: dict[str, Any]) -> Table:
    t = Table(title=f"Attribution spans (PolNeAR, {result.get('n_articles', 0)} articles)")
    for col in ("span", "match", "precision", "recall", "F1"):
        t.add_column(col, justify="left" if col in ("span", "match") else "right")
    for part in ("source", "content"):
        for tag in ("exact", "overlap"):
            t.add_row(part, tag, *(f"{result[f'{part}_{m}_{tag}']:.3f}" for m in ("precision", "recall", "f1")))
    return t
