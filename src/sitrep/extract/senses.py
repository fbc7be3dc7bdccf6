"""Which event a word stands for: the lexicon's sense as its object, its verb or its phrasal particle picks it.

A verb's object can change what the act is (`accepted the demand` is a concession, `gave money` is aid), and a
support verb carries the event of its noun (`held talks`, `imposed sanctions`). `read_word` puts these together
with the frame a cue sets, so the walker gets one (word, frame, negated) reading per token.
"""

from __future__ import annotations

from spacy.tokens import Token

from sitrep.extract.agents import victims
from sitrep.extract.lexicon import FRAME_TYPE, EventWord, cue_frame, event_word, group_heads, light_key, particle
from sitrep.extract.modality import TYPE_FRAME, negated

TEXT_NOUNS = {
    "statement",
    "declaration",
    "letter",
    "communique",
    "communiqué",
    "resolution",
    "note",
    "message",
    "report",
    "memo",
    "memorandum",
    "document",
    "appeal",
    "petition",
    "motion",
    "bill",
    "proposal",
}
INTENT_VERBS = {"seek", "try", "attempt", "aim", "strive", "endeavour", "endeavor", "plan", "intend"}
FILING_VERBS = {"lodge", "file", "submit", "register", "deliver", "send"}
TRANSFER_VERBS = {"give", "send", "deliver", "ship", "airlift", "hand", "transfer", "supply"}
SUPPLY_NOUNS = {
    "money",
    "funds",
    "aid",
    "arms",
    "weapons",
    "ammunition",
    "food",
    "medicine",
    "medicines",
    "supplies",
    "goods",
    "equipment",
    "grain",
    "flour",
    "fuel",
    "vaccines",
    "tents",
    "blankets",
    "material",
}
EFFORT_NOUNS = {"effort", "efforts", "mission", "missions", "campaign", "bid", "initiative", "process", "drive"}
# Expelled diplomats stay COERCE (deport) here, as tests/test_events.py pins, though PLOVER reads them as SANCTION.
PRESENCE_NOUNS = {"inspectors", "observers", "monitors", "peacekeepers", "mission", "staff", "workers"}


def read_word(tok: Token) -> tuple[EventWord | None, str | None, bool, Token | None]:
    """(event word, frame, negated, carried noun) for a token: the lexicon's word with the sense its object
    picks, the frame its cue sets, or the noun a support verb carries; a negated or `to`-taking AGREE is a
    frame."""
    is_verb = tok.pos_ in ("VERB", "AUX")
    base = event_word(tok)
    word = object_sense(base, tok)
    frame = cue_frame(tok) if is_verb and word is base else TYPE_FRAME.get(word.type) if word else None
    if frame is not None and word is not None and particle(tok) and word.type not in TYPE_FRAME:
        frame = None  # `called off the strike` is no call: the phrasal verb is its own word
    noun = carried_noun(tok)
    if noun is not None:  # `held talks`, `imposed sanctions`: the noun's event, the verb's frame of it
        word, frame = filed_sense(event_word(noun), tok), None
    neg = negated(tok)
    if word is not None and word.type == "AGREE" and neg:
        return word, "refuse", False, noun
    if word is not None and word.type == "AGREE" and is_verb and any(c.dep_ == "xcomp" for c in tok.children):
        return word, "offer", neg, noun  # `agreed to provide aid`: a commitment to the act, read like `pledged to`
    if frame not in FRAME_TYPE and frame != "offer":
        frame = TYPE_FRAME.get(word.type) if word is not None else None
    if frame == "demand" and tok.lemma_.lower() in INTENT_VERBS and any(c.dep_ == "xcomp" for c in tok.children):
        frame = "offer"  # `forces seeking to overthrow him`: an aim at an act of one's own, not a demand
    return word, frame, neg, noun


def carried_noun(tok: Token) -> Token | None:
    """The event noun a support verb carries (`held talks`, `imposed sanctions`), where the verb is one; an
    event noun may also stand as the modifier of a plain head (`launched a mediation effort`)."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    for c in tok.children:
        if c.dep_ == "prep" and light_key(tok, c.lower_):  # `engaged in ethnic cleansing`
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and event_word(pobj) is not None:
                return pobj
        if c.dep_ != "dobj" or not light_key(tok):
            continue
        if event_word(c) is not None:
            return c
        if c.lower_ in EFFORT_NOUNS:
            return next((g for g in c.children if g.dep_ == "compound" and event_word(g) is not None), None)
    return None


def filed_sense(word: EventWord | None, verb: Token) -> EventWord | None:
    """A protest lodged or filed is a written one, which PLOVER counts as disapproval (ACCUSE: "written and
    institutionalized protests, appeals, and all petition drives"), not a street protest."""
    if word is not None and word.type == "PROTEST" and verb.lemma_.lower() in FILING_VERBS:
        return EventWord("ACCUSE", "disapprove", word.context)
    return word


def object_sense(word: EventWord | None, tok: Token) -> EventWord | None:
    """The sense an object picks for a verb, as the PLOVER reference draws the lines: accepting a demand is a
    concession (CAMEO 083 "accede to requests or demands"), dismissing an appeal or offer or blocking a
    resolution is a rejection ("reject requests ... a proposal"), expelling inspectors or observers cuts
    relations (SANCTION: "terminate the deployment or presence of ... inspectors or other observers"), and
    giving or sending money, arms or supplies is aid (AID: "monetary aid ..., arms and personnel, humanitarian
    aid") where `gave a speech` is no event."""
    if word is not None and word.type == "SUPPORT" and material_support(tok):
        return EventWord("AID", None, word.context)
    if tok.pos_ not in ("VERB", "AUX"):
        return word
    if word is None:
        return transfer_sense(tok)
    if word.type == "RETREAT" and not_a_withdrawal(tok):
        return None
    if tok.lemma_.lower() == "execute" and not any(
        victims(o) or o.lower_ in group_heads() or o.ent_type_ in ("PERSON", "NORP")
        for o in tok.children
        if o.dep_ in ("dobj", "nsubjpass")
    ):
        return None  # `executed a plan`: only people executed are killed
    if word.type == "PROTEST" and protest_sense(word, tok) is not word:
        return protest_sense(word, tok)
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None:
        return word
    obj_word = event_word(obj)
    if word.type == "AGREE" and obj_word is not None and obj_word.type == "REQUEST":
        return EventWord("CONCEDE", None, word.context)
    if word.type == "DENY" and obj_word is not None and obj_word.type in ("REQUEST", "AGREE"):
        return EventWord("REJECT", None, word.context)
    if word.type == "COERCE" and word.mode == "deport" and obj.lower_ in PRESENCE_NOUNS:
        return EventWord("SANCTION", "withdraw", "diplomatic")
    if word.mode == "obstruct" and (obj.lower_ in TEXT_NOUNS or obj_word is not None):
        return EventWord("REJECT", None, word.context)  # `blocked the resolution`: "formally reject ... proposal"
    return word


def transfer_sense(tok: Token) -> EventWord | None:
    """AID for a verb of handing over (`gave`, `sent`, `delivered`) whose object is money or material aid."""
    if tok.lemma_.lower() not in TRANSFER_VERBS:
        return None
    for obj in (c for c in tok.children if c.dep_ == "dobj"):
        if (
            obj.ent_type_ == "MONEY"
            or obj.lemma_.lower() in SUPPLY_NOUNS
            or any(g.lemma_.lower() in SUPPLY_NOUNS for c in obj.children if c.lower_ == "of" for g in c.children)
        ):
            return EventWord("AID", None, None)
    return None


RESULT_WORDS = {"dead", "injured", "wounded", "killed", "homeless", "destroyed", "damaged", "hurt"}
MADE_THINGS = {"video", "footage", "statement", "report", "figures", "photos", "images", "pictures", "data", "details"}


def not_a_withdrawal(tok: Token) -> bool:
    """A verb of leaving or returning that withdraws no one: `leaving two people dead` tells an attack's toll,
    `released a video` publishes, `returned to their bombardment` resumes an act."""
    lemma = tok.lemma_.lower()
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    if lemma == "leave" and any(t.lower_ in RESULT_WORDS for c in tok.children for t in c.subtree):
        return True
    if lemma == "release" and (
        any(o.lemma_.lower() in MADE_THINGS or o.lower_ in MADE_THINGS for o in objs) or tok.tag_ == "VBN"
    ):
        return True  # (`a video released by the army`: the participle is on what was released)
    if lemma == "return" and any(
        c.dep_ == "prep" and c.lower_ == "to" and any(event_word(g) is not None for g in c.children)
        for c in tok.children
    ):
        return True
    return False


SHOWING_VERBS = {"demonstrate", "rally", "march"}  # `demonstrate that`, `rally supporters`: no street protest
ARMED_HEADS = {"army", "forces", "troops", "military", "soldiers", "regime"}  # a state's armed organs


def protest_sense(word: EventWord, tok: Token) -> EventWord | None:
    """A protest verb that shows or gathers something (`results demonstrate that`, `rallied support`) is no
    protest; armed forces blocking a road enforce a blockade (COERCE), they do not picket it."""
    kids = {c.dep_ for c in tok.children}
    if tok.lemma_.lower() in SHOWING_VERBS and kids & {"dobj", "ccomp"}:
        return None
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    blocking = tok.lemma_.lower() in ("block", "barricade")
    if blocking and subj is not None and (subj.lower_ in ARMED_HEADS or subj.lemma_.lower() in ARMED_HEADS):
        return EventWord("COERCE", "blockade", word.context)
    return word


PERSONNEL = {"men", "militiamen", "fighters", "troops", "personnel"}  # `supported X with money and men`
MATERIAL_KINDS = {"humanitarian", "military", "financial", "economic", "material", "logistical", "logistic"}


def material_support(tok: Token) -> bool:
    """Support that is given, not voiced: `humanitarian support`, `supported X with money and weapons` (PLOVER
    AID: "monetary aid ..., arms and personnel"), where `supported the plan` stays verbal SUPPORT."""
    if any(c.dep_ == "amod" and c.lower_ in MATERIAL_KINDS for c in tok.children):
        return True
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "with":
            things = [g for g in c.subtree if g.pos_ in ("NOUN", "PROPN")]
            if any(g.lemma_.lower() in SUPPLY_NOUNS | PERSONNEL or g.lower_ in SUPPLY_NOUNS for g in things):
                return True
    return False
