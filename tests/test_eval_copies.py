"""`sitrep eval copies` runs on a small sample and reports the documented keys."""

from __future__ import annotations

import random

from sitrep.eval.copies import KINDS, evaluate, load_synonyms, spin, table


def test_spin_reaches_the_rate_it_reports():
    text = "The government said the army will leave the city after the talks end next week."
    spun, rate = spin(text, 0.5, load_synonyms(), random.Random(1))
    assert spun != text and 0.2 <= rate <= 0.5


def test_evaluate_small_sample(gold_dir):
    result = evaluate(gold_dir / "article-extraction-benchmark", limit=12)
    assert set(result["per_kind"]) == set(KINDS)
    for kind in KINDS:
        assert set(result["per_kind"][kind]) >= {"precision", "recall", "n"}
    assert {"precision", "recall", "f1"} <= set(result)
    assert result["recall"] >= 0.9 and result["precision"] >= 0.9
    assert table(result).row_count == len(KINDS) + 1
