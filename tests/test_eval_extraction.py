"""`sitrep eval extraction`: the benchmark's metric, and a few pages scored end to end."""

from __future__ import annotations

import pytest

from sitrep.eval.extraction import evaluate, shingle_scores, table


def test_shingle_scores_match_the_benchmark_definition():
    assert shingle_scores("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = shingle_scores("a b c d e", "a b c d x")  # shingles: (abcd, bcde) vs (abcd, bcdx)
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert shingle_scores("", "") == (0.0, 0.0, 0.0)


def test_evaluate_a_few_pages(gold_dir):
    data = gold_dir / "article-extraction-benchmark"
    if not (data / "ground-truth.json").is_file():
        pytest.skip("article-extraction-benchmark not present")
    result = evaluate(data, limit=5, workers=1)
    assert result["n_pages"] == 5
    assert result["f1"] > 0.8
    assert set(result["trafilatura"]) == {"precision", "recall", "f1"}
    text = evaluate(data, as_text=True, limit=3, workers=1)
    assert text["raw_text"]["recall"] > 0.9 and text["raw_text"]["precision"] < text["precision"]
    assert table(text).row_count == 3
