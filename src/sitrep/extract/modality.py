"""The modality of an event, and what a frame covers.

An event is said to have happened unless its clause says otherwise: a demand (`should`, `must`, `ready to`), an
intent or offer (`will ... if`), a prediction (`may`, `will`), a negation (`not`, `failed to`). A frame verb
(`demanded`, `refused`, `denied`) governs a content clause, which `content_of` finds; a denial also covers the
clause on a denied report and the participles that go on telling it.
"""

from __future__ import annotations

from spacy.tokens import Token

from sitrep.extract.lexicon import cue_frame, event_word
from sitrep.extract.statements import content_clause

DEMAND_MODALS = {"should", "must", "ought", "need"}
FUTURE_MODALS = {"will", "would", "'ll", "shall", "wo"}
MAYBE_MODALS = {"may", "might", "could", "can"}
INTENT_ADJ = {"ready", "willing", "prepared", "determined", "set"}
TYPE_FRAME = {"REQUEST": "demand", "REJECT": "refuse", "DENY": "deny", "THREATEN": "threaten"}
TO_FRAMES = {"threaten", "refuse", "offer", "demand", "hope"}  # frames whose content may be a `to`-clause
FAIL_VERBS = {"fail", "neglect"}  # `failed to reach agreement` asserts the act did not happen


def negated(tok: Token) -> bool:
    """`not`/`never` on the verb, or a `to`-clause under `fail` (the act was tried and did not happen)."""
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in FAIL_VERBS:
        return True
    return any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("advmod", "det") for c in tok.children)


def subordinate(tok: Token) -> float:
    """Confidence lost by an event in an adverbial or relative clause (`staged rallies to demand reforms`,
    `opened fire, killing one`): the sentence reports the main clause's act, the rest is its aim or aftermath."""
    head = tok.head if tok.dep_ == "dobj" and tok.head.pos_ in ("VERB", "AUX") else tok
    while head.dep_ in ("conj", "xcomp") and head.head is not head:  # `killing one and arresting 12`
        head = head.head
    return 0.1 if head.dep_ in ("advcl", "acl", "relcl") else 0.0


def mentioned_act(tok: Token) -> float:
    """Confidence lost by an act named by a noun inside another clause (`the siege of X`, `aid to X`,
    `calling for a withdrawal`): the sentence mentions it on the way to what it reports."""
    return 0.15 if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("nsubj", "nsubjpass", "ROOT") else 0.0


def modality_of(tok: Token, has_condition: bool) -> str:
    """Modality from auxiliaries and governing adjectives: demands, intends-or-offers, predicts, happened."""
    auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass") and not c.ent_type_ == "DATE"}
    if tok.dep_ == "conj" and not auxes:
        auxes = {c.lower_ for c in tok.head.children if c.dep_ in ("aux", "auxpass") and not c.ent_type_ == "DATE"}
    chain = [tok.head] if tok.dep_ in ("xcomp", "advcl", "ccomp") else []
    if chain and chain[0].head is not chain[0]:
        chain.append(chain[0].head)
    if auxes & DEMAND_MODALS or any(h.lemma_ == "have" and tok.dep_ == "xcomp" for h in chain[:1]):
        return "demands"
    adjectives = chain + [c for h in chain for c in h.children if c.dep_ == "acomp"]
    if any(h.pos_ == "ADJ" and cue_frame(h) == "demand" for h in adjectives):
        return "demands"
    if any(h.lower_ in INTENT_ADJ for h in chain) or any(
        c.lower_ in INTENT_ADJ for c in tok.children if c.dep_ == "acomp"
    ):
        return "intends-or-offers"
    future = auxes & FUTURE_MODALS or any(h.lemma_ == "go" and h.tag_ == "VBG" for h in chain[:1])
    if future:
        return "intends-or-offers" if has_condition else "predicts"
    if auxes & MAYBE_MODALS:
        return "predicts"
    return "happened"


def content_of(tok: Token, frame: str) -> Token | None:
    """The event a frame governs; a `to`-clause wins for frames that take one (`threatened to shell X`), as a
    `that`-clause the parser hangs on the frame may belong to a later verb."""
    if tok.pos_ in ("VERB", "AUX") and frame in TO_FRAMES:
        xcomp = next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if xcomp is not None:
            return xcomp
    if tok.pos_ in ("VERB", "AUX"):
        clause = content_clause(tok, "demand" if frame == "say" else frame)
        if clause is not None:
            return clause
    for c in tok.children:
        if c.dep_ == "dobj" and (word := event_word(c)) is not None and word.type not in TYPE_FRAME:
            return c
        if c.dep_ in ("prep", "acl") and c.lower_ in ("for", "to", "of", "on"):
            obj = next((g for g in c.children if g.dep_ in ("pobj", "xcomp") and event_word(g)), None)
            if obj is not None:
                return obj
    return None


def reported_clause(tok: Token) -> Token | None:
    """`denied reports that X had passed a message`: the clause on the denied noun is what is denied."""
    for c in tok.children:
        if c.dep_ == "dobj":
            return next((g for g in c.children if g.dep_ in ("acl", "ccomp") and g.pos_ in ("VERB", "AUX")), None)
    return None


def anonymity_aside(tok: Token, clause: Token) -> bool:
    """`an official, who asked not to be named, said`: a negated passive asked for in an aside about the
    speaker (a relative clause or a participle) is the speaker's own anonymity, not a demand on anyone; in a
    main clause (`refugees asked not to be deported`) it stays a request."""
    aside = tok.dep_ == "relcl" or (tok.dep_ == "advcl" and tok.tag_ == "VBG")
    kids = {c.dep_ for c in clause.children}
    return aside and "neg" in kids and "auxpass" in kids


def trailing_participles(tok: Token, clause: Token) -> list[tuple[int, int]]:
    """`denied reports that X had sent a message, offering Y`: the parser often hangs the participle on the
    denial verb, but after a reported clause it goes on telling the report; a speech cue (`, calling them
    lies`, `, saying ...`) is the denier's own comment and stays outside."""
    return [
        (c.left_edge.i, c.right_edge.i)
        for c in tok.children
        if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i > clause.right_edge.i and cue_frame(c) != "say"
    ]
