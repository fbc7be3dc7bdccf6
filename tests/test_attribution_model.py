"""The learned attribution tagger: gold tags from brat standoff, spans from tags, the shipped model in use,
and a retrain that gives the same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.extract.attribution_model import tag, tagged_spans, worth_tagging
from sitrep.language.nlp import load
from sitrep.learn.attribution import gold_tags

POLNEAR_TRAIN = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear" / "train"


@pytest.fixture(scope="module")
def nlp():
    return load()


def test_gold_tags_mark_each_span_with_b_then_i(nlp) -> None:
    text = "The senator said the vote was rigged."
    ann = "T1\tSource 0 11\tThe senator\nT2\tCue 12 16\tsaid\nT3\tContent 17 36\tthe vote was rigged\n"
    doc = nlp(text)
    assert gold_tags(doc, ann) == [
        "B-Source", "I-Source", "B-Cue", "B-Content", "I-Content", "I-Content", "I-Content", "O",
    ]  # fmt: skip


def test_tagged_spans_split_at_every_b_tag(nlp) -> None:
    sent = next(nlp("aa bb cc dd ee").sents)
    tags = ["B-Source", "I-Source", "B-Source", "O", "I-Source"]
    assert [s.text for s in tagged_spans(sent, tags, "Source")] == ["aa bb", "cc", "ee"]


def test_the_shipped_model_tags_a_plain_statement(nlp) -> None:
    sent = next(nlp("The governor insisted that the new tax would never pass.").sents)
    assert worth_tagging(sent)
    tags = tag(sent)
    assert [s.text for s in tagged_spans(sent, tags, "Source")] == ["The governor"]
    assert [s.text for s in tagged_spans(sent, tags, "Cue")] == ["insisted"]
    assert "the new tax would never pass" in tagged_spans(sent, tags, "Content")[0].text


def test_sentences_with_no_cue_or_quote_are_not_tagged(nlp) -> None:
    assert not worth_tagging(next(nlp("The river rose two metres overnight.").sents))


@pytest.mark.slow
@pytest.mark.skipif(not POLNEAR_TRAIN.is_dir(), reason="PolNeAR train not present (../shared/data/polnear/train)")
def test_training_is_reproducible(tmp_path: Path) -> None:
    from sitrep.learn.attribution import train

    train(POLNEAR_TRAIN, tmp_path / "one", limit=6)
    train(POLNEAR_TRAIN, tmp_path / "two", limit=6)
    for name in ("attribution.crfsuite", "attribution_cues.txt"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
