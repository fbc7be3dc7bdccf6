"""The shared spaCy pipeline: a blank line always ends a sentence."""

from __future__ import annotations

from sitrep.language.nlp import load


def test_a_headline_without_a_full_stop_is_its_own_sentence():
    text = (
        "Envoy says talks could resume if the ceasefire holds\n\nLIMA, May 2 (Test Wire) - The envoy spoke on Friday."
    )
    sents = [s.text.strip() for s in load()(text).sents]
    assert sents[0] == "Envoy says talks could resume if the ceasefire holds"
    assert sents[1].startswith("LIMA, May 2")


def test_a_single_line_break_does_not_force_a_sentence():
    text = "The envoy said the talks\ncould resume on Friday."
    assert len(list(load()(text).sents)) == 1
