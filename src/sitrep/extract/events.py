"""Who did, demanded, offered, refused, denied or threatened what of whom: PLOVER events from the parse.

Each event word (verb or noun from the lexicon) is read with the frame it sits in. A frame verb
(`demanded`, `hopes`, `refused`, `denied`, `threatened`) makes an event of its own whose content is the
event in the clause it governs; an offer (`vowed to`, `will ... if`) or a modal (`should`, `must`) changes the
modality of the event it governs; a condition clause becomes its own event, linked by id. Actors only ever
come from mentions on the subject/object phrases, so opinion text with no actor yields nothing.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

from sitrep.extract.conditions import find_condition, marker_of
from sitrep.extract.lexicon import (
    FRAME_MODALITY,
    FRAME_TYPE,
    EventWord,
    cue_frame,
    event_word,
    group_heads,
    light_key,
    particle,
)
from sitrep.extract.resolve import Mentions, actor_id, actor_of_phrase, date_near, place_of_phrase
from sitrep.extract.statements import content_clause, subject, subtree_span
from sitrep.ids import stable_id

Row = dict[str, Any]
DEMAND_MODALS = {"should", "must", "ought", "need"}
FUTURE_MODALS = {"will", "would", "'ll", "shall", "wo"}
MAYBE_MODALS = {"may", "might", "could", "can"}
INTENT_ADJ = {"ready", "willing", "prepared", "determined", "set"}
OBJECT_CONTROL = {
    "lobby",
    "push",
    "demand",
    "urge",
    "ask",
    "press",
    "order",
    "call",
    "request",
    "appeal",
    "tell",
    "force",
}
TYPE_FRAME = {"REQUEST": "demand", "REJECT": "refuse", "DENY": "deny", "THREATEN": "threaten"}
PLACE_PREPS = {
    "in",
    "at",
    "near",
    "from",
    "into",
    "out",
    "across",
    "inside",
    "within",
    "toward",
    "towards",
    "around",
    "outside",
    "of",
}
TARGET_PREPS = {"with", "against", "on", "to", "toward", "towards", "for"}
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "NORP")
COMPLEMENT_PREPS = {"of", "from", "by", "on", "against"}
FIRST_PERSON = {"i", "we", "me", "us", "our", "my"}
PRONOUNS = FIRST_PERSON | {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their"}
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
FILING_VERBS = {"lodge", "file", "submit", "register", "deliver", "send"}
TO_FRAMES = {"threaten", "refuse", "offer", "demand", "hope"}  # frames whose content may be a `to`-clause
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
PURPOSE_NOUNS = {"protest", "defiance", "retaliation", "response", "solidarity"}  # `in protest against X`
FAIL_VERBS = {"fail", "neglect"}  # `failed to reach agreement` asserts the act did not happen


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
    if tok.pos_ not in ("VERB", "AUX"):
        return word
    if word is None:
        return transfer_sense(tok)
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


def group_phrase(tok: Token, depth: int = 0) -> Span | None:
    """The words naming the actor a noun phrase stands for. A head that is or carries a name comes with its
    modifiers and a short `of` complement (`Ugandan opposition candidates`, `the republic of Nakhichevan`); a
    head that names no one is looked through to its complement (`positions of the Palestinian security
    forces`, `an offer from Afghanistan`, `a ban on the Front`, `observers from the OSCE`); an unnamed acting
    group (`riot police`, `dozens of protesters`) is the last resort. None for a phrase naming no actor."""
    named = tok.ent_type_ in ENTITY_TYPES or any(t.ent_type_ in ENTITY_TYPES for c in tok.lefts for t in c.subtree)
    if named:
        return _head_span(tok, with_of=True)
    if depth < 2:
        for c in tok.children:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None) if c.lower_ in COMPLEMENT_PREPS else None
            if c.dep_ in ("prep", "agent") and pobj is not None and (found := group_phrase(pobj, depth + 1)):
                return found
    return _head_span(tok, with_of=False) if tok.lower_ in group_heads() else None


def _head_span(tok: Token, with_of: bool) -> Span:
    """A head noun with its left modifiers and, if asked and short, its `of` complement."""
    start = next((c.left_edge.i for c in tok.lefts if c.dep_ not in ("punct", "cc")), tok.i)
    end = tok.i + 1
    of = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"), None) if with_of else None
    if of is not None and of.right_edge.i - tok.i <= 5:
        end = of.right_edge.i + 1
    return tok.doc[start:end]


def names_group(phrase: Span | None) -> bool:
    """A phrase naming an actor a reader can name even when the gazetteer has no id for it."""
    return phrase is not None and group_phrase(phrase.root) is not None


def _negated(tok: Token) -> bool:
    """`not`/`never` on the verb, or a `to`-clause under `fail` (the act was tried and did not happen)."""
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in FAIL_VERBS:
        return True
    return any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("advmod", "det") for c in tok.children)


def _subordinate(tok: Token) -> float:
    """Confidence lost by an event in an adverbial or relative clause (`staged rallies to demand reforms`,
    `opened fire, killing one`): the sentence reports the main clause's act, the rest is its aim or aftermath."""
    head = tok.head if tok.dep_ == "dobj" and tok.head.pos_ in ("VERB", "AUX") else tok
    while head.dep_ in ("conj", "xcomp") and head.head is not head:  # `killing one and arresting 12`
        head = head.head
    return 0.1 if head.dep_ in ("advcl", "acl", "relcl") else 0.0


def _modal(tok: Token, has_condition: bool) -> str:
    """Modality from auxiliaries and governing adjectives: demands, intends-or-offers, predicts, happened."""
    auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if tok.dep_ == "conj" and not auxes:
        auxes = {c.lower_ for c in tok.head.children if c.dep_ in ("aux", "auxpass")}
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


class EventWalker:
    """One article's walk: memoised so a clause read as a frame's content is not read again on its own."""

    def __init__(self, doc: Doc, article: Row, mentions: Mentions, statements: list[Row]):
        self.doc, self.article, self.mentions = doc, article, mentions
        self.statements = sorted(statements, key=lambda s: s["content_end"] - s["content_start"])
        self.built: dict[int, Row | None] = {}
        self.carried: dict[int, Token] = {}  # support verb -> the event noun it carries
        self.content_modality: dict[int, str] = {}  # a frame's content clause -> the modality the frame gave it
        self.denied: list[tuple[int, int]] = []  # token ranges a denial covers: nothing inside them is done
        self.modal_demands: set[str] = set()  # `should`/`must` events, which their speaker demands
        self.rows: list[Row] = []

    # --- where and who ---------------------------------------------------------------------------------
    def statement_at(self, tok: Token) -> Row | None:
        for s in self.statements:
            if s["content_start"] <= tok.idx < s["content_end"]:
                return s
        return next((s for s in self.statements if s["cue_start"] == tok.idx), None)

    def actor(self, tok: Token | None, speaker_actor: str | None) -> tuple[str | None, str | None, Span | None]:
        if tok is None:
            return None, None, None
        phrase = subtree_span(tok) if tok.pos_ != "PRON" else self.doc[tok.i : tok.i + 1]
        if phrase is None:
            return None, None, None
        if len(phrase) > 12:
            phrase = self.doc[max(phrase.start, tok.i - 6) : tok.i + 1]
        m = actor_of_phrase(phrase, self.mentions, speaker_actor)
        text = phrase.text
        if m and tok.pos_ == "PRON" and tok.lower_ not in FIRST_PERSON:
            text = self.named_as(m) or text  # `Bouteflika said he is prepared to ...`: the actor, not `he`
        return (actor_id(m) if m else None), text, phrase

    def named_as(self, mention: Row) -> str | None:
        """The first name-like text of a mention's entity in the article (a pronoun mention shares its id)."""
        for m in self.mentions.rows:
            if m.get("norm_id") == mention.get("norm_id") and m.get("text") and m["text"].lower() not in PRONOUNS:
                return m["text"]
        return None

    def speaker_source(self, cue: Token, subj: Token) -> tuple | None:
        """A cue whose subject is the statement's speaker (`It called for ...`) acts for whom the statement
        says that speaker speaks for, which the statement may have resolved from the sentence before."""
        stmt = next((s for s in self.statements if s["cue_start"] == cue.idx), None)
        if stmt is None or not stmt.get("speaker_actor") or stmt.get("speaker_start") != subj.left_edge.idx:
            return None
        return stmt["speaker_actor"], subj.text, self.doc[subj.i : subj.i + 1]

    @staticmethod
    def participle_subject(tok: Token) -> Token | None:
        """Who does what a participle on a noun says: the noun itself (`demonstrators protesting the result`),
        but a text's author for a text (`issued a statement demanding ...` is the issuer demanding)."""
        if tok.dep_ != "acl" or tok.tag_ != "VBG" or tok.head.pos_ not in ("NOUN", "PROPN"):
            return None
        if tok.head.lower_ in TEXT_NOUNS:
            return subject(tok.head.head) if tok.head.head.pos_ in ("VERB", "AUX") else None
        return tok.head

    def reported_self(self, pron: Token, stmt: Row | None) -> tuple | None:
        """`Peru said it had halted aid`: `it`/`they` as a subject inside a speaker's reported words is most
        often the speaker itself (he/she already reach back to a person)."""
        if pron.lower_ not in ("it", "they") or stmt is None or not stmt.get("speaker"):
            return None
        if not stmt["content_start"] <= pron.idx < stmt["content_end"]:
            return None
        if stmt.get("speaker_actor"):
            return stmt["speaker_actor"], stmt["speaker"], self.doc[pron.i : pron.i + 1]
        span = self.doc.char_span(stmt["speaker_start"], stmt["speaker_end"], alignment_mode="expand")
        return (None, stmt["speaker"], span) if names_group(span) else None

    def named(self, source: tuple) -> bool:
        """An actor the text names (a resolved mention, or a proper name the parser tags) - never opinion."""
        return bool(source[0]) or names_group(source[2])

    def named_target(self, row: Row) -> bool:
        """A target the text names (`Three US servicemen were killed ...`): an event with a known victim or
        addressee stands even when its source is unnamed; a bare place is no such target."""
        return bool(row["target_actor"]) or bool(row["target_text"]) and row["target_text"] != row["location_text"]

    def noun_source(self, tok: Token) -> Token | None:
        """`Iran's withdrawal`, `an Iranian withdrawal`, `US withdrawal`, `the withdrawal of Iranian forces`."""
        for c in tok.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod") and self.mentions.overlapping(
                c.idx, c.idx + len(c.text), "actor"
            ):
                return c
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "by"):
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
        return None

    def where(self, tok: Token, word: EventWord, source: str | None) -> tuple[Any, Any, Any, Any, Span | None]:
        """(location id, location text, target actor, target text, last phrase) from objects and preps.

        A target is an actor mention, or failing that a phrase naming an unnamed group or entity (`Darfur
        rebels`, `riot police`) kept as text only; a place that is the verb's direct object (`shelled Juba`)
        is the event's target as well as its location. A support verb's noun (`held talks with X`) lends
        its prepositions; the noun itself is never an object.
        """
        loc = loc_text = tgt = tgt_text = None
        last = loc_phrase = None
        noun = self.carried.get(tok.i)
        heads = [tok] + ([noun] if noun is not None else [])
        heads += [
            g
            for c in tok.children
            if c.dep_ == "prep"
            for g in c.children
            if g.dep_ == "pobj" and g.lower_ in PURPOSE_NOUNS
        ]  # `in protest against X`
        obj_deps = ("dobj", "iobj", "dative") if noun is not None else ("dobj", "iobj", "dative", "nsubjpass")
        objs = [c for h in heads for c in h.children if c.dep_ in obj_deps and c is not noun]
        preps = [
            c
            for h in heads
            for c in h.children
            if c.dep_ == "prep" or (c.dep_ in ("prt", "advmod") and c.lower_ == "out")
        ]
        for p in list(preps):
            preps += [g for g in p.children if g.dep_ == "prep"]
        for obj in objs:
            phrase = subtree_span(obj)
            if phrase is None:
                continue
            place = place_of_phrase(phrase, self.mentions)
            a, text, ph = self.actor(obj, None)
            if place and (word.type in ("RETREAT", "COERCE", "ASSAULT", "MOBILIZE") or a is None) and loc is None:
                loc, loc_text, last = place[0], place[1], phrase
            named = group_phrase(obj) if obj.pos_ != "PRON" else None
            if a and a != source and tgt is None:
                tgt, tgt_text, last = a, named.text if named is not None else text, ph
            elif a is None and tgt_text is None and obj.pos_ != "PRON" and (named or place and obj.dep_ == "dobj"):
                tgt_text, last = (named or ph).text, ph
        for p in preps:
            obj = next((g for g in p.children if g.dep_ == "pobj"), None)
            if obj is None or obj is noun or marker_of([t.lower_ for t in p.subtree][:4]):
                continue
            phrase = subtree_span(obj)
            if phrase is None:
                continue
            placed = p.lower_ in PLACE_PREPS and (p.lower_ != "of" or p.head.lower_ == "out")
            place = place_of_phrase(phrase, self.mentions) if placed else None
            if place and loc is None:
                loc, loc_text, last, loc_phrase = place[0], place[1], phrase, phrase
                continue
            if p.lower_ in TARGET_PREPS and tgt is None and word.type != "RETREAT":
                a, text, ph = self.actor(obj, None)
                named = group_phrase(obj) if obj.pos_ != "PRON" else None
                if a and a != source:
                    tgt, tgt_text, last = a, named.text if named is not None else text, ph
                elif a is None and tgt_text is None and named is not None:
                    tgt_text, last = named.text, ph
        if tgt is None and tgt_text is None:
            tgt, tgt_text = self.fallback_target(tok, word, source, loc_phrase)
        return loc, loc_text, tgt, tgt_text, last

    def fallback_target(
        self, tok: Token, word: EventWord, source: str | None, loc_phrase: Span | None
    ) -> tuple[str | None, str | None]:
        """Whom an act with no object is aimed at: the target of its purpose clause (`began a strike to protest
        against X`), else the state whose territory it happened in (`lifted the curfew in Montenegro`): an act
        done in a country to no named actor is done to that country."""
        for c in tok.children:
            if c.dep_ == "advcl" and c.pos_ == "VERB" and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children):
                _, _, tgt, tgt_text, _ = self.where(c, word, source)
                if tgt or tgt_text:
                    return tgt, tgt_text
        if loc_phrase is not None:
            found = self.mentions.overlapping(loc_phrase.start_char, loc_phrase.end_char, "actor")
            ids = [actor_id(m) for m in found]
            if ids and ids[0] and ids[0] != source:
                return ids[0], loc_phrase.text
        return None, None

    # --- building ---------------------------------------------------------------------------------------
    def content_of(self, tok: Token, frame: str) -> Token | None:
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
            if c.dep_ == "dobj" and event_word(c) is not None and event_word(c).type not in TYPE_FRAME:
                return c
            if c.dep_ in ("prep", "acl") and c.lower_ in ("for", "to", "of", "on"):
                obj = next((g for g in c.children if g.dep_ in ("pobj", "xcomp") and event_word(g)), None)
                if obj is not None:
                    return obj
        return None

    def in_denial(self, tok: Token) -> bool:
        return any(start <= tok.i <= end for start, end in self.denied)

    def build(
        self, tok: Token, source: tuple | None = None, modality: str | None = None, parent: bool = False
    ) -> Row | None:
        if tok.i in self.built:
            return self.built[tok.i]
        if modality is None and tok.dep_ == "conj" and tok.head.i in self.content_modality:
            # `refused to let planes land and evacuate them`: both verbs are what was refused
            modality, parent = self.content_modality[tok.head.i], True
            self.content_modality[tok.i] = modality
        if modality is None and self.in_denial(tok):
            modality, parent = "denies", True
        self.built[tok.i] = None
        is_verb = tok.pos_ in ("VERB", "AUX")
        word, frame, neg = self.read_word(tok)
        stmt = self.statement_at(tok)
        if word is None and frame is None:
            return self.modal_request(tok, stmt) if is_verb and modality is None else None
        source = source or self.source_of(tok, stmt)
        if frame is not None and frame != "say" and (frame in FRAME_TYPE or frame == "offer"):
            return self.framed(tok, frame, word, source, stmt, parent)
        if word is None:
            return None
        cond = find_condition(tok)
        mod = modality or _modal(tok, cond is not None)
        if neg and modality is None and self.named(source) and mod in ("intends-or-offers", "predicts"):
            refused = self.emit(tok, word, source, "refuses", False, stmt, cond, parent=True)
            return self.frame_event(tok, "REJECT", None, source, "refuses", refused, stmt, tok)
        return self.emit(tok, word, source, mod, neg, stmt, cond, parent)

    def read_word(self, tok: Token) -> tuple[EventWord | None, str | None, bool]:
        """(event word, frame, negated) for a token: the lexicon's word with the sense its object picks, the
        frame its cue sets, or the noun a support verb carries; a negated or `to`-taking AGREE is a frame."""
        is_verb = tok.pos_ in ("VERB", "AUX")
        base = event_word(tok)
        word = object_sense(base, tok)
        frame = cue_frame(tok) if is_verb and word is base else TYPE_FRAME.get(word.type) if word else None
        if frame is not None and word is not None and particle(tok) and word.type not in TYPE_FRAME:
            frame = None  # `called off the strike` is no call: the phrasal verb is its own word
        noun = carried_noun(tok)
        if noun is not None:  # `held talks`, `imposed sanctions`: the noun's event, the verb's frame of it
            word, frame, self.carried[tok.i] = filed_sense(event_word(noun), tok), None, noun
            self.built.setdefault(noun.i, None)
        neg = _negated(tok)
        if word is not None and word.type == "AGREE" and neg:
            return word, "refuse", False
        if word is not None and word.type == "AGREE" and is_verb and any(c.dep_ == "xcomp" for c in tok.children):
            return word, "offer", neg  # `agreed to provide aid`: a commitment to the act, read like `pledged to`
        if frame not in FRAME_TYPE and frame != "offer":
            frame = TYPE_FRAME.get(word.type) if word is not None else None
        return word, frame, neg

    def source_of(self, tok: Token, stmt: Row | None) -> tuple:
        """(actor, text, phrase) of who acts: the subject, a passive's `by`-agent, a participle's noun, a
        noun's owner; a pronoun or unresolved subject may stand for the statement's speaker."""
        is_verb = tok.pos_ in ("VERB", "AUX")
        subj = (subject(tok) or self.participle_subject(tok)) if is_verb else self.noun_source(tok)
        src_tok = subj
        if subj is not None and subj.dep_ == "nsubjpass" and tok.i not in self.carried:
            # (`were engaged in attacks` is no passive: its subject engages in them)
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            src_tok = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
        source = self.actor(src_tok, stmt.get("speaker_actor") if stmt else None)
        if source[0] is None and src_tok is not None:
            source = self.speaker_source(tok, src_tok) or self.reported_self(src_tok, stmt) or source
        return source

    def framed(
        self, tok: Token, frame: str, word: EventWord | None, source: tuple, stmt: Row | None, parent: bool
    ) -> Row | None:
        """A frame: its content clause read with the frame's modality; its own event unless it is an offer."""
        content_tok = self.content_of(tok, frame)
        if frame == "deny":
            reported = reported_clause(tok)
            content_tok = content_tok or reported
            if content_tok is not None:
                self.denied.append((content_tok.left_edge.i, content_tok.right_edge.i))
            if reported is not None:
                self.denied.extend(trailing_participles(tok, reported))
        if frame == "demand" and content_tok is not None and anonymity_aside(tok, content_tok):
            return None
        # an offer or demand inside what someone denies is denied, not made (`denied reports that X offered Y`)
        frame_mod = "denies" if self.in_denial(tok) else FRAME_MODALITY[frame]
        content = None
        if content_tok is not None:
            inherit = source
            if content_tok.dep_ in ("xcomp", "advcl") and not any(
                c.dep_.startswith("nsubj") for c in content_tok.children
            ):
                dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
                if dobj is not None and tok.lemma_.lower() in OBJECT_CONTROL:
                    inherit = self.actor(dobj, None)
            else:
                inherit = None
            content = self.build(content_tok, inherit, frame_mod, parent=True)
            self.content_modality[content_tok.i] = frame_mod
        if frame == "offer":
            if content is None and self.named(source):
                offer_mod = "denies" if frame_mod == "denies" else "intends-or-offers"
                return self.frame_event(tok, "AGREE", word, source, offer_mod, None, stmt, tok)
            return content
        # A demand whose clause names no event of ours still demands it (`demanded that the US cancel plans`);
        # a hope needs an event or an object to be one.
        clause = content_tok if frame == "demand" and content_tok is not None and content_tok.pos_ == "VERB" else None
        if (
            not self.named(source)
            or frame in ("demand", "hope")
            and content is None
            and clause is None
            and not any(c.dep_ == "dobj" for c in tok.children)
        ):
            return None
        row = self.frame_event(tok, FRAME_TYPE[frame], word, source, frame_mod, content, stmt, tok)
        if content_tok is not None and row["target_actor"] is None and not row["target_text"]:
            row["target_actor"], row["target_text"] = self.clause_target(content_tok, source)
        return row

    def clause_target(self, clause: Token, source: tuple) -> tuple[str | None, str | None]:
        """Whom a frame is aimed at when its clause holds no event: the clause's own subject (`demanded that the
        US cancel ...`), else the clause's object or preposition (`threatened to break relations with X`)."""
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            a, text, ph = self.actor(subj, None)
            if (a or names_group(ph)) and (a is None or a != source[0]):
                return a, text
        if clause.pos_ not in ("VERB", "AUX"):
            return None, None
        _, _, tgt, tgt_text, _ = self.where(clause, EventWord("REQUEST", None, None), source[0])
        if tgt or tgt_text:
            return tgt, tgt_text
        return self.condition_party(clause, source)

    def condition_party(self, tok: Token, source: tuple) -> tuple[str | None, str | None]:
        """`threatened to stop talks if the US goes ahead`: a threat or offer is aimed at whoever must meet its
        condition, the subject of the condition clause."""
        cond = find_condition(tok)
        subj = subject(cond.head) if cond is not None and cond.head is not None else None
        if subj is None:
            return None, None
        a, text, ph = self.actor(subj, None)
        if (a and a != source[0]) or (a is None and names_group(ph)):
            return a, text
        return None, None

    def modal_request(self, tok: Token, stmt: Row | None) -> Row | None:
        """`S said X must drop barriers`: a `must`/`should` clause in a named speaker's words is the speaker's
        demand on X even when the act demanded is not one of our event words."""
        auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if not auxes & DEMAND_MODALS or stmt is None or not stmt.get("speaker_actor") or _negated(tok):
            return None
        subj = subject(tok)
        if subj is not None and subj.pos_ == "PRON" and subj.lower_ in FIRST_PERSON:
            return None  # `we must be careful`: the speaker's own resolve, not a demand on anyone
        if not stmt["content_start"] <= tok.idx < stmt["content_end"]:
            return None
        cue = self.doc.char_span(stmt["cue_start"], stmt["cue_end"], alignment_mode="expand")
        if cue is None:
            return None
        source = (stmt["speaker_actor"], stmt["speaker"], None)
        row = self.row(cue.root, "REQUEST", None, source, "demands", False, stmt, None, None, 0.8)
        row["target_actor"], row["target_text"] = self.clause_target(tok, source)
        self.built[tok.i] = row
        self.rows.append(row)
        return row

    def frame_event(
        self,
        tok: Token,
        etype: str,
        word: EventWord | None,
        source: tuple,
        modality: str,
        content: Row | None,
        stmt: Row | None,
        trigger: Token,
    ) -> Row:
        row = self.row(trigger, etype, word, source, modality, False, stmt, None, None, 0.85)
        if content is not None:
            row["content_event_id"] = content["event_id"]
            if row["target_actor"] is None:
                other = content["source_actor"] != row["source_actor"] and content["source_actor"]
                row["target_actor"], row["target_text"] = (
                    (content["source_actor"], content["source_text"])
                    if other
                    else (content["target_actor"], content["target_text"])
                )
            row["anchor_end"] = max(row["anchor_end"], content["anchor_end"])
            row["anchor_start"] = min(row["anchor_start"], content["anchor_start"])
            row["anchor"] = self.article["text"][row["anchor_start"] : row["anchor_end"]]
        self.built[tok.i] = row
        self.rows.append(row)
        return row

    def emit(
        self, tok: Token, word: EventWord, source: tuple, modality: str, neg: bool, stmt: Row | None, cond, parent: bool
    ) -> Row | None:
        cond_row = None
        if cond is not None:
            cond_row = self.build(cond.head, None, "conditional", parent=True)
        row = self.row(tok, word.type, word, source, modality, neg, stmt, cond, cond_row, 0.7 if parent else 0.8)
        spoken_demand = modality == "demands" and stmt is not None and stmt.get("speaker_actor")
        if not parent and not self.named(source) and not self.named_target(row) and not spoken_demand:
            return None
        if spoken_demand and not parent:
            self.modal_demands.add(row["event_id"])
        self.built[tok.i] = row
        self.rows.append(row)
        return row

    def row(
        self,
        tok: Token,
        etype: str,
        word: EventWord | None,
        source: tuple,
        modality: str,
        neg: bool,
        stmt: Row | None,
        cond,
        cond_row: Row | None,
        base: float,
    ) -> Row:
        src, src_text, src_phrase = source
        sent = tok.sent
        loc, loc_text, tgt, tgt_text, last = self.where(tok, word or EventWord(etype, None, None), src)
        spans = [(tok.idx, tok.idx + len(tok.text))]
        for ph in (src_phrase, last):
            if ph is not None and ph.sent == sent:
                spans.append((ph.start_char, ph.end_char))
        a_start, a_end = min(s for s, _ in spans), max(e for _, e in spans)
        date, precision = date_near(sent, tok.idx, self.mentions)
        confidence = base + (0.1 if src else 0) + (0.05 if tgt or loc else 0) - _subordinate(tok)
        text = self.article["text"]
        return {
            "event_id": stable_id(self.article["article_id"], etype, tok.idx, a_start, a_end),
            "article_id": self.article["article_id"],
            "type": etype,
            "mode": word.mode if word else None,
            "context": word.context if word else None,
            "source_actor": src,
            "source_text": src_text,
            "target_actor": tgt,
            "target_text": tgt_text,
            "location": loc,
            "location_text": loc_text,
            "date": date,
            "date_precision": precision if date else None,
            "modality": modality,
            "negated": neg,
            "condition": cond.text if cond else None,
            "condition_event_id": cond_row["event_id"] if cond_row else None,
            "content_event_id": None,
            "statement_id": stmt["statement_id"] if stmt else None,
            "trigger": tok.text,
            "sentence": sent.text,
            "sentence_start": sent.start_char,
            "sentence_end": sent.end_char,
            "anchor": text[a_start:a_end],
            "anchor_start": a_start,
            "anchor_end": a_end,
            "confidence": round(min(confidence, 0.95), 3),
        }

    def speaker_demands(self) -> None:
        """`X should leave`, said by S: S demands it (REQUEST by the speaker, content the modal event)."""
        for row in list(self.rows):
            if row["event_id"] not in self.modal_demands:
                continue
            stmt = next(s for s in self.statements if s["statement_id"] == row["statement_id"])
            if not stmt.get("speaker_actor"):
                continue
            tok = self.doc.char_span(stmt["cue_start"], stmt["cue_end"], alignment_mode="expand")
            if tok is None or self.built.get(tok.root.i):
                continue  # `agreed that X should ...`: the cue is an act of its own, not a demand
            source = (stmt["speaker_actor"], stmt["speaker"], None)
            req = self.row(tok.root, "REQUEST", None, source, "demands", False, stmt, None, None, 0.85)
            req["content_event_id"] = row["event_id"]
            req["event_id"] = stable_id(req["event_id"], row["event_id"])
            req["target_actor"], req["target_text"] = row["source_actor"], row["source_text"]
            if row["sentence_start"] == req["sentence_start"]:
                req["anchor_start"] = min(req["anchor_start"], row["anchor_start"])
                req["anchor_end"] = max(req["anchor_end"], row["anchor_end"])
                req["anchor"] = self.article["text"][req["anchor_start"] : req["anchor_end"]]
            self.rows.append(req)


def find_events(doc: Doc, article: Row, mentions: Mentions, statements: list[Row]) -> list[Row]:
    """Every event in the article; frames are read before the clauses under them (shallowest first)."""
    walker = EventWalker(doc, article, mentions, statements)
    for sent in doc.sents:
        for tok in sorted(sent, key=lambda t: (sum(1 for _ in t.ancestors), t.i)):
            if tok.pos_ in ("VERB", "AUX", "NOUN") and tok.i not in walker.built:
                if tok.pos_ == "NOUN" and tok.dep_ not in ("nsubj", "nsubjpass", "ROOT"):
                    continue
                walker.build(tok)
    walker.speaker_demands()
    rows = {r["event_id"]: r for r in walker.rows}
    return sorted(rows.values(), key=lambda r: (r["sentence_start"], r["anchor_start"], r["event_id"]))
