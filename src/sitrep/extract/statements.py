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
from sitrep.extract.learned_statements import learned_statements
from sitrep.extract.lexicon import anonymous_heads, cue_frame, media_heads
from sitrep.extract.resolve import Mentions, actor_id, actor_of_phrase, date_near
from sitrep.extract.statement_passes import carry_pronoun_speakers, drop_quoted_self_talk, join_continuations
from sitrep.ids import stable_id

Row = dict[str, Any]
CLAUSE_DEPS = ("ccomp", "xcomp", "advcl")
TRIM = set(",.;:-–—()[] \n\t")
SUBJECT_DEPS = ("nsubj", "nsubjpass")


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


def speaker_phrase(subj: Token) -> Span | None:
    """The speaker as a noun phrase: it stops before a relative or participial clause (`Ann, who ran in
    2012,` / `Ann, speaking in Ohio,`) and never crosses a paragraph break (a dateline or time stamp line
    the parser glued to the subject). A relative pronoun stays as written; its actor is its antecedent's.
    """
    doc = subj.doc
    start, end = subj.left_edge.i, subj.right_edge.i + 1
    for child in subj.children:
        if child.dep_ in ("relcl", "acl") and child.i > subj.i:
            end = min(end, child.left_edge.i)
    for tok in doc[start : subj.i]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            start = tok.i + 1
    for tok in doc[subj.i : end]:
        if "\n" in tok.whitespace_:
            end = tok.i + 1
            break
    return _trim(doc, start, end)


def content_clause(cue: Token, frame: str) -> Token | None:
    """The clause a cue governs: `that`-clause, `to`-clause (for wanting/offering cues), `for X to ...`."""
    for child in cue.children:
        if child.dep_ == "ccomp":
            return child
    dobj = next((c for c in cue.children if c.dep_ == "dobj" and c.pos_ != "PRON"), None)
    if frame in ("say", "believe", "report"):
        return dobj  # `announced his candidacy`: the object is what was said
    for child in cue.children:
        if (
            child.dep_ == "xcomp"
            or child.dep_ == "advcl"
            and any(g.dep_ in ("mark", "aux") and g.lower_ in ("for", "to", "that") for g in child.children)
        ):
            return child
    return dobj if frame in ("accuse", "deny", "refuse") else None


def _to_clause(clause: Token) -> bool:
    """`to resign` / `for X to go`: a clause with no subject of its own, so it says nothing without its object."""
    return clause.dep_ in ("xcomp", "advcl") and not any(c.dep_ in SUBJECT_DEPS for c in clause.children)


def _own_cue(tok: Token) -> bool:
    """A reporting verb hanging off the content that is a second statement of the same speaker, not its words:
    `said X and suggested Y` (no subject of its own), `said X, calling it Y` (a participle)."""
    if cue_frame(tok) is None or tok.pos_ not in ("VERB", "AUX") or any(c.dep_ in SUBJECT_DEPS for c in tok.children):
        return False
    return tok.dep_ == "conj" or tok.dep_ == "advcl" and tok.tag_ == "VBG"


def content_span(cue: Token, clause: Token) -> Span | None:
    """The words a cue's clause holds, as a reader would quote them.

    An object-control cue's object belongs to what was asked (`urged him to resign`, `called on X to act`,
    `called X a liar`), while a plain addressee does not (`told reporters that ...`). A second cue of the same
    speaker that the parser hung on the clause (`... and suggested Y`, `..., calling it Y`) ends the content:
    it is a statement of its own.
    """
    doc = cue.doc
    start, end = clause.left_edge.i, clause.right_edge.i + 1
    for child in clause.children:
        if child.i > clause.i and _own_cue(child):
            cut = child.left_edge.i
            while cut > clause.i + 1 and doc[cut - 1].dep_ in ("cc", "punct"):
                cut -= 1
            end = min(end, cut)
    if _to_clause(clause) or clause.dep_ == "oprd":
        for child in cue.children:
            obj = (
                child
                if child.dep_ == "dobj"
                else next((g for g in child.children if g.dep_ == "pobj"), None)
                if child.dep_ == "prep" and child.lower_ in ("on", "upon")
                else None
            )
            if obj is not None and obj.i < clause.i:
                start = min(start, obj.left_edge.i)
    if clause.dep_ == "dobj":
        for child in cue.children:  # `blamed X for Y`, `described X as Y`: the object's charge or label
            if child.dep_ == "prep" and child.lower_ in ("for", "as") and child.i == end:
                end = child.right_edge.i + 1
    return _trim(doc, start, end)


def prep_content(cue: Token, frame: str) -> Span | None:
    """`called for X`, `pushed for X`: what a demand asks for when it names it as a noun."""
    if frame != "demand":
        return None
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ == "for" and child.i == cue.i + 1:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            return subtree_span(pobj) if pobj is not None else None
    return None


def cue_subject(cue: Token) -> Token | None:
    """The cue's subject; for `X said Y and suggested Z` (a cue coordinated into the content by the parser),
    the subject of the cue whose content it hangs in, not the content's own subject."""
    if (
        cue.dep_ == "conj"
        and not any(c.dep_ in SUBJECT_DEPS for c in cue.children)
        and cue.head.dep_ == "ccomp"
        and cue_frame(cue.head.head) is not None
    ):
        return subject(cue.head.head)
    return subject(cue)


def _speaker_fields(phrase: Span | None, mentions: Mentions, context_actor: str | None) -> Row:
    if phrase is None:
        return {
            "speaker": None,
            "speaker_start": None,
            "speaker_end": None,
            "speaker_person": None,
            "speaker_actor": context_actor,
            "anonymous": False,
        }
    head = phrase.root
    m = actor_of_phrase(phrase, mentions)
    people = mentions.overlapping(phrase.start_char, phrase.end_char, "actor")
    named = any(p.get("subkind") == "person" for p in people) or head.pos_ == "PROPN"
    anonymous = not named and head.pos_ != "PRON" and head.lemma_.lower() in anonymous_heads()
    person = m.get("norm_id") if m and m.get("subkind") == "person" else None
    return {
        "speaker": phrase.text,
        "speaker_start": phrase.start_char,
        "speaker_end": phrase.end_char,
        "speaker_person": person,
        "speaker_actor": actor_id(m) if m else None,
        "anonymous": anonymous,
    }


def is_media(phrase: Span | None, mentions: Mentions) -> bool:
    """An outlet or a report as speaker: the statement relays what someone else said or did."""
    if phrase is None:
        return False
    if any(m.get("subkind") == "media" for m in mentions.overlapping(phrase.start_char, phrase.end_char, "actor")):
        return True
    return any(
        t.lemma_.lower() in media_heads()
        for t in phrase
        if t.dep_ in ("compound", "ROOT") or t == phrase.root or t.dep_ == "appos"
    )


def _row(
    article: Row,
    sent: Span,
    cue: tuple[int, int, str],
    content: tuple[int, int],
    speaker: Row,
    confidence: float,
    mentions: Mentions,
) -> Row:
    text = article["text"]
    c_start, c_end = quotes.widen(text, *content)
    date, precision = date_near(sent, cue[0], mentions)
    return {
        "statement_id": stable_id(article["article_id"], cue[0], cue[1], "statement"),
        "article_id": article["article_id"],
        "outlet": article.get("outlet"),
        "reporter": None,
        "reporter_actor": None,
        "reporter_start": None,
        "reporter_end": None,
        **speaker,
        "cue": cue[2],
        "cue_start": cue[0],
        "cue_end": cue[1],
        "content": text[c_start:c_end],
        "content_start": c_start,
        "content_end": c_end,
        "kind": quotes.kind(text, c_start, c_end),
        "sentence_start": sent.start_char,
        "sentence_end": sent.end_char,
        "date": date,
        "date_precision": precision if date else None,
        "confidence": confidence,
    }


def _relay(row: Row, clause: Token | None, mentions: Mentions) -> None:
    """Turn an outlet-as-speaker row into reporter + the speaker the relayed clause names, where it does."""
    row["reporter"], row["reporter_actor"] = row["speaker"], row["speaker_actor"]
    row["reporter_start"], row["reporter_end"] = row["speaker_start"], row["speaker_end"]
    subj = subject(clause) if clause is not None else None
    phrase = speaker_phrase(subj) if subj is not None else None
    if phrase is not None and actor_of_phrase(phrase, mentions):
        row.update(_speaker_fields(phrase, mentions, None))


def _following_quote(sent: Span) -> Span | None:
    """`X responded:` then a quote: the content is the next sentence, up to where its quote closes."""
    doc = sent.doc
    nxt = doc[sent.end].sent
    if not nxt.text.lstrip().startswith(tuple(quotes.OPEN + quotes.STRAIGHT)):
        return None
    return nxt


def parenthetical_content(cue: Token) -> Span | None:
    """`X, she said.` / `X, she said, Y.`: the clause around a parenthetical cue.

    A cue set in the middle of the clause (`The border, the minister added, will reopen`) interrupts it: the
    content runs over both parts, so it spans the cue too; a cue at either end takes the other side.
    """
    doc, head = cue.doc, cue.head
    before = _trim(doc, head.left_edge.i, cue.left_edge.i) if cue.left_edge.i > head.left_edge.i else None
    after = _trim(doc, cue.right_edge.i + 1, head.right_edge.i + 1)
    if before is not None and after is not None:
        return doc[before.start : after.end]
    return before or after


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
            content = content_span(tok, clause)
        elif (content := prep_content(tok, frame)) is not None:
            pass
        elif frame == "say" and tok.dep_ == "ROOT" and sent[-1].text == ":" and sent.end < len(doc):
            content = _following_quote(sent)
            conf = 0.7
        elif tok.dep_ == "parataxis" and frame in ("say", "report"):
            content = parenthetical_content(tok)
            conf = 0.7
        else:
            continue
        if content is None:
            continue
        subj = cue_subject(tok)
        phrase = speaker_phrase(subj) if subj is not None else None
        if subj is not None and phrase is not None and phrase.start <= content.start < phrase.end:
            phrase = doc[subj.i : subj.i + 1]
        speaker = _speaker_fields(phrase, mentions, None)
        if speaker["speaker_actor"] is None:
            conf -= 0.2
        row = _row(
            article,
            sent,
            (tok.idx, tok.idx + len(tok.text), tok.text),
            (content.start_char, content.end_char),
            speaker,
            conf,
            mentions,
        )
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
            taken[-1].update(
                reporter=speaker["speaker"],
                reporter_actor=speaker["speaker_actor"],
                reporter_start=speaker["speaker_start"],
                reporter_end=speaker["speaker_end"],
            )
            continue
        attached = tok.head if tok.head is not tok else sent.root
        lo, hi = attached.left_edge.i, attached.right_edge.i + 1
        skip_lo, skip_hi = tok.left_edge.i, tok.right_edge.i + 1
        before, after = _trim(doc, lo, skip_lo), _trim(doc, skip_hi, hi)
        content = after if after is not None and (before is None or len(after) >= len(before)) else before
        if content is None:
            continue
        row = _row(
            article,
            sent,
            (tok.idx, doc[tok.i + 1].idx + 2, doc[tok.i : tok.i + 2].text),
            (content.start_char, content.end_char),
            speaker,
            0.75,
            mentions,
        )
        if is_media(phrase, mentions):
            _relay(row, content.root, mentions)
        rows.append(row)
    return rows


def find_statements(doc: Doc, article: Row, mentions: Mentions) -> list[Row]:
    """Every statement in the article, in text order."""
    rows: list[Row] = []
    for sent in doc.sents:
        found = verb_statements(sent, article, mentions)
        found += according_statements(sent, article, mentions, found)
        rows += found or learned_statements(sent, article, mentions)
    rows.sort(key=lambda r: (r["cue_start"], r["statement_id"]))
    join_continuations(rows, article["text"])
    rows = drop_quoted_self_talk(rows, article["text"])
    carry_pronoun_speakers(rows)
    return rows
