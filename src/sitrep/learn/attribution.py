"""`sitrep train attribution`: the Source / Cue / Content tagger from PolNeAR train, reproducibly.

PolNeAR gives each article as `text/NAME.txt` and its attributions as brat standoff (`attributions/NAME_X.ann`,
one annotator per article used, the first by name, as `sitrep eval attribution` reads them). Every token of
a span gets B-/I- of its label, every other token O; each sentence of the project's own parse is one
sequence, so training sees exactly the features inference computes. L-BFGS on the same sequences in the
same order gives the same weights, so the shipped model is reproduced byte for byte.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from sitrep.datafiles import words
from sitrep.eval.attribution import articles
from sitrep.extract.attribution_model import CUES, MODEL, sentence_features

LABELS = ("Source", "Cue", "Content")
#: L1 prunes features (keeps the model a few MB), L2 smooths; chosen on PolNeAR dev (docs/models/attribution.md).
PARAMS = {"c1": 0.5, "c2": 0.05, "max_iterations": 100, "feature.possible_transitions": True}
#: A lemma the annotators marked as a cue at least this often, and in this share of its uses, joins the cues.
CUE_MIN_COUNT, CUE_MIN_SHARE = 3, 0.25


def gold_spans(ann: str) -> list[tuple[str, int, int]]:
    """(label, start, end) of every Source, Cue and Content fragment of one .ann file."""
    out = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].startswith("T"):
            continue
        label, _, where = parts[1].partition(" ")
        if label in LABELS:
            for frag in where.split(";"):
                start, end = frag.split()
                out.append((label, int(start), int(end)))
    return out


def gold_tags(doc: Doc, ann: str) -> list[str]:
    """One BIO tag per token of `doc`: a token belongs to a span when it starts inside it."""
    tags = ["O"] * len(doc)
    for label, start, end in sorted(gold_spans(ann), key=lambda s: (s[1], s[2])):
        first = True
        for tok in doc.char_span(start, end, alignment_mode="expand") or []:
            if tok.is_space or not start <= tok.idx < end:
                continue
            tags[tok.i] = ("B-" if first else "I-") + label
            first = False
    return tags


def cue_lemmas(docs_tags: list[tuple[Doc, list[str]]]) -> frozenset[str]:
    """The lexicon's cues plus lemmas the annotators often marked as cues in training."""
    seen: Counter[str] = Counter()
    cued: Counter[str] = Counter()
    for doc, tags in docs_tags:
        for tok, tag in zip(doc, tags, strict=True):
            lemma = tok.lemma_.lower()
            seen[lemma] += 1
            cued[lemma] += tag.endswith("Cue")
    learned = {
        lemma
        for lemma, n in cued.items()
        if lemma.isalpha() and n >= CUE_MIN_COUNT and n / seen[lemma] >= CUE_MIN_SHARE
    }
    return frozenset(learned) | {row.lower() for row in words("lexicon/cues.tsv")}


def train(data: Path, out_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Parse the training articles, fit the CRF, write model and cue list into `out_dir`; returns figures."""
    import pycrfsuite

    from sitrep.language.nlp import load

    nlp = load()
    pairs = articles(Path(data))[: limit or None]
    texts = [t.read_text(encoding="utf-8") for t, _ in pairs]
    anns = [a.read_text(encoding="utf-8") for _, a in pairs]
    docs_tags = [(doc, gold_tags(doc, ann)) for doc, ann in zip(nlp.pipe(texts, batch_size=16), anns, strict=True)]
    cues = cue_lemmas(docs_tags)
    trainer = pycrfsuite.Trainer(verbose=False)
    n_sentences = 0
    for doc, tags in docs_tags:
        for sent in doc.sents:
            trainer.append(sentence_features(sent, cues), tags[sent.start : sent.end])
            n_sentences += 1
    trainer.set_params(PARAMS)
    out_dir.mkdir(parents=True, exist_ok=True)
    model = out_dir / Path(MODEL).name
    trainer.train(str(model))
    (out_dir / Path(CUES).name).write_text(
        "# Cue lemmas of the attribution model: data/lexicon/cues.tsv plus lemmas PolNeAR train marks as cues\n"
        f"# at least {CUE_MIN_COUNT} times and in {CUE_MIN_SHARE:.0%} of their uses (sitrep train attribution).\n"
        + "".join(f"{c}\n" for c in sorted(cues)),
        encoding="utf-8",
    )
    return {"articles": len(pairs), "sentences": n_sentences, "cues": len(cues), "model_bytes": model.stat().st_size}
