"""Statements the learned tagger finds where the rules found none (stance and belief cues, nominal cues,
odd word orders): one statement per tagged cue that has content in the same sentence, its speaker the
tagged source nearest the cue. Lower confidence than a rule statement, since nothing in the parse backs it.
"""

from __future__ import annotations

from spacy.tokens import Span

from sitrep.extract.attribution_model import tag, tagged_spans, worth_tagging
from sitrep.extract.resolve import Mentions

LEARNED_CONFIDENCE = 0.55


def learned_statements(sent: Span, article: dict, mentions: Mentions) -> list[dict]:
    """Rows shaped like the rules' (see `statements._row`), for one sentence the rules left empty."""
    from sitrep.extract.statements import _relay, _row, _speaker_fields, is_media

    if not worth_tagging(sent):
        return []
    tags = tag(sent)
    cues, contents, sources = (tagged_spans(sent, tags, label) for label in ("Cue", "Content", "Source"))
    if not cues or not contents:
        return []
    rows = []
    for cue in cues:
        content = min(contents, key=lambda c: abs(c.start - cue.start))
        source = min(sources, key=lambda s: abs(s.start - cue.start)) if sources else None
        speaker = _speaker_fields(source, mentions, None)
        confidence = LEARNED_CONFIDENCE - (0.1 if speaker["speaker_actor"] is None else 0.0)
        row = _row(
            article,
            sent,
            (cue.start_char, cue.end_char, cue.text),
            (content.start_char, content.end_char),
            speaker,
            confidence,
            mentions,
        )
        if is_media(source, mentions):
            _relay(row, None, mentions)  # the outlet becomes the reporter; no clause to name another speaker
        rows.append(row)
    return rows
