"""`sitrep eval copies`: how well copy detection finds controlled copies and leaves look-alikes alone.

There is no public gold set of spun news copies, so the test set is generated: each base text (the gold
bodies of the article-extraction benchmark plus the package's demo corpus) gets a verbatim copy, a trimmed
copy, a copy wrapped in boilerplate and synonym-spun copies at 10/30/50% of content words; the most similar
*other* base text stands in for an unrelated article on the same topic. A fixed seed keeps it reproducible.
"""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

from rich.table import Table
from spacy.lang.en.stop_words import STOP_WORDS

from sitrep.across.copies import find_copies
from sitrep.datafiles import rows
from sitrep.language.nlp import load
from sitrep.language.stage import sentence_spans

DEFAULT_DATA = Path("../shared/data/article-extraction-benchmark")
SEED = 20240917
SPIN_RATES = {"spin10": 0.1, "spin30": 0.3, "spin50": 0.5}
KINDS = ("verbatim", "trimmed", "boilerplate", *SPIN_RATES, "demo_copy", "unrelated")
_DEMO_COPY_OF = re.compile(r"^\| `([^`]+)` \|.*\b(?:rewrite|copy) of (\d+)\b", re.M)
_WORD = re.compile(r"[A-Za-z]+")
_HEADER = ["Home | World | Business | Sport | Opinion | Video", "Share on Facebook | Twitter | Email", "Advertisement"]
_FOOTER = [
    "Sign up for our free daily newsletter to get the top stories in your inbox.",
    "Related: Ten things to know before you travel this summer",
    "Comments (12) | Report an error | Print this page",
    "(c) All rights reserved. Reproduction without permission is prohibited.",
]


def load_synonyms() -> dict[str, list[str]]:
    return {word: reps.split(",") for word, reps in rows("across/synonyms.tsv")}


def spin(text: str, rate: float, synonyms: dict[str, list[str]], rng: random.Random) -> tuple[str, float]:
    """Replace `rate` of the content words from the synonym table; returns the text and the rate reached."""
    words = list(_WORD.finditer(text))
    content = [m for m in words if m.group().lower() not in STOP_WORDS]
    swappable = [m for m in content if m.group().lower() in synonyms]
    chosen = rng.sample(swappable, min(len(swappable), round(rate * len(content))))
    out, last = [], 0
    for m in sorted(chosen, key=lambda m: m.start()):
        rep = rng.choice(synonyms[m.group().lower()])
        if m.group()[0].isupper():
            rep = rep[0].upper() + rep[1:]
        out += [text[last : m.start()], rep]
        last = m.end()
    out.append(text[last:])
    return "".join(out), len(chosen) / max(1, len(content))


def variants(text: str, synonyms: dict[str, list[str]], rng: random.Random) -> dict[str, tuple[str, float]]:
    paras = [p for p in text.split("\n") if p.strip()]
    if len(paras) < 3:
        paras = re.split(r"(?<=[.!?])\s+", text)
    keep = max(1, round(len(paras) * 0.6))
    verbatim = re.sub(r"[ \t]+", "  ", text.replace("“", '"').replace("”", '"').replace("’", "'"))
    out = {
        "verbatim": (verbatim.replace("\n", "\n\n"), 0.0),
        "trimmed": ("\n".join(paras[:keep]), 0.0),
        "boilerplate": ("\n".join([*_HEADER, text, *_FOOTER]), 0.0),
    }
    for kind, rate in SPIN_RATES.items():
        out[kind] = spin(text, rate, synonyms, rng)
    return out


def base_texts(data: Path, limit: int | None) -> list[tuple[str, str]]:
    """(id, text) of the benchmark gold bodies and the demo texts, long enough to carry a story."""
    texts = []
    truth = data / "ground-truth.json"
    if truth.exists():
        gold = json.loads(truth.read_text(encoding="utf-8"))
        texts += [(f"bench:{k}", v["articleBody"]) for k, v in sorted(gold.items()) if v.get("articleBody")]
    demo = resources.files("sitrep").joinpath("data/demo")
    if demo.is_dir():
        texts += [
            (f"demo:{p.name}", p.read_text(encoding="utf-8"))
            for p in sorted(demo.iterdir(), key=str)
            if p.name.endswith(".txt") and p.name[0].isdigit()
        ]
    texts = [(k, t) for k, t in texts if len(t.split()) >= 80]
    if limit:
        texts = random.Random(SEED).sample(texts, min(limit, len(texts)))
    return sorted(texts)


def demo_copy_of() -> dict[str, str]:
    """The demo corpus's own copies (its README says `rewrite of 09`, `near-copy of 13`): real gold pairs."""
    demo = resources.files("sitrep").joinpath("data/demo")
    readme = demo.joinpath("README.md")
    if not readme.is_file():
        return {}
    names = {p.name[:2]: p.name for p in demo.iterdir() if p.name[:2].isdigit()}
    return {
        f"demo:{copy}": f"demo:{names[num]}" for copy, num in _DEMO_COPY_OF.findall(readme.read_text()) if num in names
    }


def _nearest_other(bases: list[tuple[str, str]], family: dict[str, str]) -> dict[str, str]:
    """For each base, the most word-similar base of another family: the 'same topic, not a copy' case."""
    sets = {k: {w.lower() for w in _WORD.findall(t) if w.lower() not in STOP_WORDS} for k, t in bases}
    out = {}
    for k, s in sets.items():
        others = [o for o in sets if family[o] != family[k]]
        out[k] = max(others, key=lambda o: (len(s & sets[o]) / max(1, len(s | sets[o])), o))
    return out


def add_sentences(articles: list[dict[str, Any]]) -> None:
    """Give each article the sentence spans a build would store for it: the same model splits them. Only
    the components that place sentence boundaries run (the tagger, lemmatizer and NER do not move them)."""
    nlp = load()
    idle = [p for p in ("tagger", "attribute_ruler", "lemmatizer", "ner") if p in nlp.pipe_names]
    docs = nlp.pipe((a["text"] for a in articles), batch_size=32, disable=idle)
    for article, doc in zip(articles, docs, strict=True):
        article["sentences"] = sentence_spans(doc)


def evaluate(data: Path | None = None, limit: int | None = None, **_: Any) -> dict[str, Any]:
    """Pairwise precision/recall per edit kind, plus overall figures and how often the original is right."""
    data = Path(data) if data else DEFAULT_DATA
    rng = random.Random(SEED)
    synonyms = load_synonyms()
    bases = base_texts(data, limit)
    if len(bases) < 2:
        raise FileNotFoundError(f"no base texts found under {data} or in the demo corpus")
    ids = {k: f"b{i:04d}" for i, (k, _) in enumerate(bases)}
    real = {c: o for c, o in demo_copy_of().items() if c in ids and o in ids}
    articles, family, kind_of, rates = [], {}, {}, defaultdict(list)
    for key, text in bases:
        bid = ids[key]
        published = "2020-01-02" if key in real else "2020-01-01"
        articles.append({"article_id": bid, "text": text, "published": published})
        family[bid], kind_of[bid] = (ids[real[key]], "demo_copy") if key in real else (bid, "base")
    for key, text in bases:
        bid = ids[key]
        for kind, (vtext, rate) in variants(text, synonyms, rng).items():
            vid = f"{bid}-{kind}"
            articles.append({"article_id": vid, "text": vtext, "published": "2020-01-02"})
            family[vid], kind_of[vid] = family[bid], kind
            rates[kind].append(rate)
    add_sentences(articles)
    rows = {r["article_id"]: r for r in find_copies(articles)}
    cluster = {a: r["cluster_id"] for a, r in rows.items()}
    members: dict[str, list[str]] = defaultdict(list)
    for a, c in cluster.items():
        members[c].append(a)
    nearest = _nearest_other(bases, {k: family[ids[k]] for k, _ in bases})
    counts = {k: {"tp": 0, "fp": 0, "fn": 0, "n": 0} for k in KINDS}
    for a in sorted(kind_of):
        kind = kind_of[a]
        if kind == "base":
            continue
        c = counts[kind]
        c["n"] += 1
        same = cluster[a] == cluster[family[a]]
        c["tp"] += same
        c["fn"] += not same
        c["fp"] += sum(family[o] != family[a] for o in members[cluster[a]])
    for key, other in nearest.items():
        c = counts["unrelated"]
        c["n"] += 1
        c["fp"] += cluster[ids[key]] == cluster[ids[other]]
    per_kind: dict[str, dict[str, float | int | None]] = {}
    for kind, c in counts.items():
        if kind == "unrelated":
            per_kind[kind] = {"precision": None, "recall": None, "n": c["n"], "false_positives": c["fp"]}
            continue
        per_kind[kind] = {
            "precision": round(c["tp"] / (c["tp"] + c["fp"]), 4) if c["tp"] + c["fp"] else None,
            "recall": round(c["tp"] / c["n"], 4) if c["n"] else None,
            "n": c["n"],
            "false_positives": c["fp"],
        }
        if kind in rates:
            per_kind[kind]["replaced_share"] = round(sum(rates[kind]) / len(rates[kind]), 4)
    tp = sum(c["tp"] for c in counts.values())
    fp = sum(c["fp"] for c in counts.values())
    positives = sum(c["n"] for k, c in counts.items() if k != "unrelated")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / positives if positives else 0.0
    copies = [a for a in kind_of if kind_of[a] not in ("base",) and cluster[a] == cluster[family[a]]]
    right = sum(rows[a]["original_id"] == family[a] for a in copies)
    return {
        "per_kind": per_kind,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "original_accuracy": round(right / len(copies), 4) if copies else None,
        "n_bases": len(bases),
        "n_articles": len(articles),
        "seed": SEED,
    }


def table(result: dict[str, Any]) -> Table:
    t = Table(title=f"Copy detection ({result['n_bases']} base texts, {result['n_articles']} articles)")
    for col in ("kind", "n", "precision", "recall", "false pos.", "replaced"):
        t.add_column(col, justify="left" if col == "kind" else "right")

    def fmt(x):
        return "-" if x is None else f"{x:.3f}" if isinstance(x, float) else str(x)

    for kind, r in result["per_kind"].items():
        t.add_row(
            kind,
            fmt(r["n"]),
            fmt(r["precision"]),
            fmt(r["recall"]),
            fmt(r["false_positives"]),
            fmt(r.get("replaced_share")),
        )
    t.add_row(
        "overall",
        fmt(result["n_articles"]),
        fmt(result["precision"]),
        fmt(result["recall"]),
        f"f1 {result['f1']:.3f}",
        f"orig {fmt(result['original_accuracy'])}",
        style="bold",
    )
    return t
