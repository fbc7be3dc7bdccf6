"""Who said what: cue verbs and `according to` phrases, their speakers and their content, from the parse.

A statement is found from its cue: a reporting verb with a clause under it (`said that ...`, `urged X to
...`, `"...," he said`) or an `according to X` phrase. The speaker is the cue's subject; a news outlet as
subject makes the statement a relay (reporter = the outlet, speaker = whoever the relayed clause is about)
so a reader always sees who said it and who says they said it.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

from sitrep.extract import quotes
from sitrep.extract.lexicon import anonymous_heads, cue_frame, media_heads
from sitrep.extract.resolve import PRONOUN_REACH, Mentions, actor_id, actor_of_phrase, date_near, stable_id

Row = dict[str, Any]
CLAUSE_DEPS = ("ccomp", "xcomp", "advcl")
TRIM = set(",.;:-–—()[] \n\t")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
SPEAKER_PRONOUNS = {"he", "she", "it", "they"}


def _trim(doc: Doc, start: int, end: int) -> Span | None:
    """Token span [start, end) without leading/trailing commas, dashes and spaces."""
    while start < end and (doc[start].text in TRIM or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in TRIM or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


def subtree_span(tok: Token) -> Span | None:
    return _trim(tok.doc, tok.left_edge.i, tok.right_edge.i + 1)


def subject(tok: Token, depth: int = 0) -> Token | None:
    """The verb's subject; for `to`-clauses and coordinated verbs the subject of the verb they hang on."""
    for child in tok.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    if depth < 4 and tok.dep_ in ("xcomp", "advcl", "conj", "acomp") and tok.head is not tok:
        return subject(tok.head, depth + 1)
    return None


def content_clause(cue: Token, frame: str) -> Token | None:
    """The clause a cue governs: `that`-clause, `to`-clause (for wanting/offering cues), `for X to ...`."""
    for child in cue.children:
        if child.dep_ == "ccomp":
            return child
    dobj = next((c for c in cue.children if c.dep_ == "dobj" and c.pos_ != "PRON"), None)
    if frame in ("say", "believe", "report"):
        return dobj  # `announced his candidacy`: the object is what was said
    for child in cue.children:
        if child.dep_ == "xcomp" or child.dep_ == "advcl" and any(
            g.dep_ in ("mark", "aux") and g.lower_ in ("for", "to", "that") for g in child.children
        ):
            return child
    return dobj if frame in ("accuse", "deny", "refuse") else None


def _speaker_fields(phrase: Span | None, mentions: Mentions, context_actor: str | None) -> Row:
    if phrase is None:
        return {"speaker": None, "speaker_start": None, "speaker_end": None, "speaker_person": None,
                "speaker_actor": context_actor, "anonymous": False}
    head = phrase.root
    m = actor_of_phrase(phrase, mentions)
    people = mentions.overlapping(phrase.start_char, phrase.end_char, "actor")
    named = any(p.get("subkind") == "person" for p in people) or head.pos_ == "PROPN"
    anonymous = not named and head.pos_ != "PRON" and head.lemma_.lower() in anonymous_heads()
    person = m.get("norm_id") if m and m.get("subkind") == "person" else None
    return {"speaker": phrase.text, "speaker_start": phrase.start_char, "speaker_end": phrase.end_char,
            "speaker_person": person, "speaker_actor": actor_id(m) if m else None, "anonymous": anonymous}


def is_media(phrase: Span | None, mentions: Mentions) -> bool:
    """An outlet or a report as speaker: the statement relays what someone else said or did."""
    if phrase is None:
        return False
    if any(m.get("subkind") == "media" for m in mentions.overlapping(phrase.start_char, phrase.end_char, "actor")):
        return True
    return any(t.lemma_.lower() in media_heads() for t in phrase if t.dep_ in ("compound", "ROOT") or t == phrase.root
               or t.dep_ == "appos")


def _row(article: Row, sent: Span, cue: tuple[int, int, str], content: tuple[int, int], speaker: Row,
         confidence: float, mentions: Mentions) -> Row:
    text = article["text"]
    c_start, c_end = quotes.widen(text, *content)
    date, precision = date_near(sent, cue[0], mentions)
    return {
        "statement_id": stable_id(article["article_id"], cue[0], cue[1], "statement"),
        "article_id": article["article_id"], "outlet": article.get("outlet"),
        "reporter": None, "reporter_actor": None, "reporter_start": None, "reporter_end": None, **speaker,
        "cue": cue[2], "cue_start": cue[0], "cue_end": cue[1],
        "content": text[c_start:c_end], "content_start": c_start, "content_end": c_end,
        "kind": quotes.kind(text, c_start, c_end),
        "sentence_start": sent.start_char, "sentence_end": sent.end_char,
        "date": date, "date_precision": precision if date else None, "confidence": confidence,
    }


def _relay(row: Row, clause: Token | None, mentions: Mentions) -> None:
    """Turn an outlet-as-speaker row into reporter + the speaker the relayed clause names, where it does."""
    row["reporter"], row["reporter_actor"] = row["speaker"], row["speaker_actor"]
    row["reporter_start"], row["reporter_end"] = row["speaker_start"], row["speaker_end"]
    subj = subject(clause) if clause is not None else None
    phrase = subtree_span(subj) if subj is not None else None
    if phrase is not None and actor_of_phrase(phrase, mentions):
        row.update(_speaker_fields(phrase, mentions, None))


def _following_quote(sent: Span) -> Span | None:
    """`X responded:` then a quote: the content is the next sentence, up to where its quote closes."""
    doc = sent.doc
    nxt = doc[sent.end].sent
    if not nxt.text.lstrip().startswith(tuple(quotes.OPEN + quotes.STRAIGHT)):
        return None
    return nxt


def verb_statements(sent: Span, article: Row, mentions: Mentions) -> list[Row]:
    rows = []
    doc = sent.doc
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        frame = cue_frame(tok)
        if frame is None:
            continue
        clause = content_clause(tok, frame)
        conf = 0.85
        if clause is not None:
            content = subtree_span(clause)
        elif frame == "say" and tok.dep_ == "ROOT" and sent[-1].text == ":" and sent.end < len(doc):
            content = _following_quote(sent)
            conf = 0.7
        elif tok.dep_ == "parataxis" and frame in ("say", "report"):
            head = tok.head
            content = _trim(doc, head.left_edge.i, tok.left_edge.i) if tok.left_edge.i > head.left_edge.i \
                else _trim(doc, tok.right_edge.i + 1, head.right_edge.i + 1)
            conf = 0.7
        else:
            continue
        if content is None:
            continue
        subj = subject(tok)
        phrase = subtree_span(subj) if subj is not None else None
        if phrase is not None and phrase.start <= content.start < phrase.end:
            phrase = doc[subj.i: subj.i + 1]
        speaker = _speaker_fields(phrase, mentions, None)
        if speaker["speaker_actor"] is None:
            conf -= 0.2
        row = _row(article, sent, (tok.idx, tok.idx + len(tok.text), tok.text),
                   (content.start_char, content.end_char), speaker, conf, mentions)
        if is_media(phrase, mentions):
            _relay(row, clause, mentions)
        rows.append(row)
    return rows


def according_statements(sent: Span, article: Row, mentions: Mentions, taken: list[Row]) -> list[Row]:
    """`According to X, ...`: a new statement, or the reporter of a cue statement in the same sentence."""
    rows = []
    doc = sent.doc
    for tok in sent:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        phrase = subtree_span(pobj)
        speaker = _speaker_fields(phrase, mentions, None)
        if is_media(phrase, mentions) and taken:
            taken[-1].update(reporter=speaker["speaker"], reporter_actor=speaker["speaker_actor"],
                             reporter_start=speaker["speaker_start"], reporter_end=speaker["speaker_end"])
            continue
        attached = tok.head if tok.head is not tok else sent.root
        lo, hi = attached.left_edge.i, attached.right_edge.i + 1
        skip_lo, skip_hi = tok.left_edge.i, tok.right_edge.i + 1
        before, after = _trim(doc, lo, skip_lo), _trim(doc, skip_hi, hi)
        content = after if after is not None and (before is None or len(after) >= len(before)) else before
        if content is None:
            continue
        row = _row(article, sent, (tok.idx, doc[tok.i + 1].idx + 2, doc[tok.i: tok.i + 2].text),
                   (content.start_char, content.end_char), speaker, 0.75, mentions)
        if is_media(phrase, mentions):
            _relay(row, content.root, mentions)
        rows.append(row)
    return rows


def carry_pronoun_speakers(rows: list[Row], reach: int = PRONOUN_REACH) -> None:
    """`X said ... . It/He called for ...`: a pronoun speaker left unresolved speaks for the previous speaker.

    Reporting prose chains a speaker's sayings this way; only the statement just before (within a bounded
    reach, and itself resolved) is taken, so a pronoun never jumps over another speaker.
    """
    for prev, row in zip(rows, rows[1:], strict=False):
        pronoun = (row.get("speaker") or "").lower() in SPEAKER_PRONOUNS
        if not pronoun or row.get("speaker_actor") or not prev.get("speaker_actor"):
            continue
        if row["cue_start"] - prev["cue_end"] > reach:
            continue
        row.update(speaker_person=prev.get("speaker_person"), speaker_actor=prev["speaker_actor"],
                   anonymous=prev.get("anonymous", False))


def find_statements(doc: Doc, article: Row, mentions: Mentions) -> list[Row]:
    """Every statement in the article, in text order."""
    rows: list[Row] = []
    for sent in doc.sents:
        found = verb_statements(sent, article, mentions)
        found += according_statements(sent, article, mentions, found)
        rows += found
    rows.sort(key=lambda r: (r["cue_start"], r["statement_id"]))
    carry_pronoun_speakers(rows)
    return rows
