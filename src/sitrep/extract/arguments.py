"""Who acts, on whom, and where: the source, target and place of an event from the phrases around its word.

Actors only ever come from mentions on the subject/object phrases (or a phrase that plainly names a group), so
opinion text with no actor yields nothing. `ArgumentReader` holds what one article's walk needs for this (the
parse, the mentions, the statements, and which support verbs carry which event nouns); the walker builds on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from sitrep.extract.agents import (
    BOMBARDMENT,
    CIVILIANS,
    REBELS,
    actor_span,
    affiliated,
    event_agent,
    holder,
    is_act_head,
    is_place_head,
    is_relative,
    nonstate,
    passive_agent,
    rebel_holder,
    residential,
    target_span,
    victims,
)
from sitrep.extract.conditions import find_condition, marker_of
from sitrep.extract.context import STATE_ORGANS, Antecedents
from sitrep.extract.lexicon import EventWord, group_heads
from sitrep.extract.phrases import argument_heads, group_phrase, means_agent, names_group, objects_of, preps_of
from sitrep.extract.resolve import Mentions, actor_id, actor_of_phrase, place_of_phrase
from sitrep.extract.senses import TEXT_NOUNS
from sitrep.extract.statements import subject, subtree_span

Row = dict[str, Any]
Source = tuple[str | None, str | None, Span | None]  # (actor id, text, phrase) of who acts
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
FIRST_PERSON = {"i", "we", "me", "us", "our", "my"}
PRONOUNS = FIRST_PERSON | {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their"}
PLACE_ACTS = ("RETREAT", "COERCE", "ASSAULT", "MOBILIZE")  # acts whose direct object may be their place


@dataclass
class Roles:
    """The place and target an event's objects and prepositions fill, the first of each winning; `last` is the
    phrase that most recently filled one (the event's anchor reaches to it)."""

    loc: str | None = None
    loc_text: str | None = None
    tgt: str | None = None
    tgt_text: str | None = None
    last: Span | None = None
    loc_phrase: Span | None = None


def headline_passive(verb: Token, subj: Token | None) -> bool:
    """`Two civilians injured in a mortar attack`: a past participle with no auxiliary and no object after
    people harmed is a passive with its `were` dropped (headline and caption style); they were hurt, they
    did not hurt."""
    if subj is None or subj.dep_ != "nsubj" or verb.tag_ != "VBN" or not victims(subj):
        return False
    return not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children)


class ArgumentReader:
    """One article's reading of sources, targets and places."""

    def __init__(self, doc: Doc, mentions: Mentions, statements: list[Row]) -> None:
        self.doc, self.mentions = doc, mentions
        self.statements = sorted(statements, key=lambda s: s["content_end"] - s["content_start"])
        self.carried: dict[int, Token] = {}  # support verb -> the event noun it carries
        self.antecedents = Antecedents(doc, mentions)

    def statement_at(self, tok: Token) -> Row | None:
        """The statement whose content holds the token (the narrowest, as they are sorted by length), else the
        one it is the cue of: an event said by someone is linked to that saying."""
        for s in self.statements:
            if s["content_start"] <= tok.idx < s["content_end"]:
                return s
        return next((s for s in self.statements if s["cue_start"] == tok.idx), None)

    def actor(
        self, tok: Token | None, speaker_actor: str | None, target: bool = False
    ) -> tuple[str | None, str | None, Span | None]:
        """(actor id, text, phrase) for a subject or object word. A relative pronoun stands for its noun, an act
        or a weapon for its agent, a place for no one; a source the text gives no actor for keeps no text
        either (an empty source is honest, a place or an act shown as a source is not). A target keeps the
        words it was named in (`a curfew in X`, `relations with X`): whom an act is aimed at often sits in
        them, and shown as written they mislead no one."""
        if tok is None:
            return None, None, None
        if is_relative(tok):
            head = tok.head.head
            return self.actor(head, speaker_actor, target) if head is not tok.head else (None, None, None)
        on_head = self.mentions.overlapping(tok.idx, tok.idx + len(tok.text), "actor")
        if tok.pos_ != "PRON" and not on_head and is_place_head(tok):
            phrase = subtree_span(tok) if target else None  # a place is aimed at as written, never an actor
            return None, phrase.text if phrase is not None else None, phrase
        if tok.pos_ != "PRON" and not on_head and is_act_head(tok):
            agent = event_agent(tok)
            if agent is not None or not target:
                return self.actor(agent, speaker_actor, target) if agent is not None else (None, None, None)
            phrase = target_span(tok)  # an act aimed at: as written; whom it hit its own prepositions say
            return None, phrase.text, phrase
        if tok.pos_ == "PRON":
            phrase = self.doc[tok.i : tok.i + 1]
        else:
            phrase = target_span(tok) if target else actor_span(tok)
        if phrase is None:
            return None, None, None
        if len(phrase) > 12:
            phrase = self.doc[max(phrase.start, tok.i - 6) : tok.i + 1]
        m = actor_of_phrase(phrase, self.mentions, speaker_actor)
        if m is not None and not on_head and nonstate(tok) and m.get("subkind") == "state":
            m = None  # `Syrian rebels`, `the Syrian opposition`: of the country, not its state
        m = self.antecedents.lost_apostrophe(m) if m is not None else self.antecedents.resolve(tok)
        text = phrase.text
        if m and tok.pos_ == "PRON" and tok.lower_ not in FIRST_PERSON:
            text = self.named_as(m) or text  # `Bouteflika said he is prepared to ...`: the actor, not `he`
        if m is None and victims(tok):
            return CIVILIANS, text, phrase
        if tok.pos_ == "PRON":  # `we`/`I` are the article's or speaker's own voice; other pronouns unresolved
            unnamed = tok.lower_ not in FIRST_PERSON
        else:  # `parties in X`: named by what follows
            unnamed = not (names_group(phrase) or names_group(subtree_span(tok)))
        if m is None and unnamed and not target:
            return None, None, phrase
        return (actor_id(m) if m else None), text, phrase

    def named_as(self, mention: Row) -> str | None:
        """The first name-like text of a mention's entity in the article (a pronoun mention shares its id)."""
        for m in self.mentions.rows:
            if m.get("norm_id") == mention.get("norm_id") and m.get("text") and m["text"].lower() not in PRONOUNS:
                return m["text"]
        return None

    def speaker_source(self, cue: Token, subj: Token) -> Source | None:
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

    def reported_self(self, pron: Token, stmt: Row | None) -> Source | None:
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

    def named(self, source: Source) -> bool:
        """An actor the text names (a resolved mention, or a proper name the parser tags), or the article's own
        voice (`We call on ...` in a government's or group's statement) - never opinion."""
        own_voice = (source[1] or "").lower() in ("we", "i")
        return bool(source[0]) or names_group(source[2]) or own_voice

    def named_target(self, row: Row) -> bool:
        """A target the text names (`Three US servicemen were killed ...`): an event with a known victim or
        addressee stands even when its source is unnamed; a bare place is no such target."""
        return bool(row["target_actor"]) or bool(row["target_text"]) and row["target_text"] != row["location_text"]

    def noun_source(self, tok: Token) -> Token | None:
        """`Iran's withdrawal`, `an Iranian withdrawal`, `US withdrawal`, `the withdrawal of Iranian forces`; a
        `by` agent wins over `of`, which after a transitive act names whom it was done to (`the siege of X by
        Y`)."""
        between = next((g for c in tok.children if c.lower_ == "between" for g in c.children if g.dep_ == "pobj"), None)
        if between is not None:
            return between  # `clashes between X and Y`: the first side named acts, on the other
        of = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children), None)
        heads = [tok] + ([of] if of is not None else [])  # (`by` often hangs on the `of` object instead,
        if tok.dep_ == "dobj" and not any(c.dep_ == "auxpass" for c in tok.head.children):
            heads.append(tok.head)  # or on an active verb, which takes no agent: `condemned the siege of X by Y`)
        by = next((g for h in heads for c in h.children if c.lower_ == "by" for g in c.children), None)
        if by is not None:
            return by
        for c in tok.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod") and self.mentions.overlapping(
                c.idx, c.idx + len(c.text), "actor"
            ):
                return c
        at_place = of is not None and self.mentions.overlapping(of.idx, of.idx + len(of.text), "place")
        if of is not None and not at_place:  # (`bombardment of X town`: where, not who)
            return of
        # `a regime siege`, `government shelling`: a state organ's word as modifier, resolved from the article
        organs = (
            c
            for c in tok.lefts
            if c.dep_ in ("compound", "amod", "poss") and (c.lower_ in STATE_ORGANS or c.lower_ in group_heads())
        )  # (and a group's: `terrorist attacks`, `rebel shelling`)
        return next((c for c in organs if not affiliated(c)), None)

    def where(
        self, tok: Token, word: EventWord, source: str | None
    ) -> tuple[str | None, str | None, str | None, str | None, Span | None]:
        """(location id, location text, target actor, target text, last phrase) from objects and preps.

        A target is an actor mention, or failing that a phrase naming an unnamed group or entity (`Darfur
        rebels`, `riot police`) kept as text only; a place that is the verb's direct object (`shelled Juba`)
        is the event's target as well as its location. A support verb's noun (`held talks with X`) lends
        its prepositions; the noun itself is never an object.
        """
        noun = self.carried.get(tok.i)
        heads = argument_heads(tok, noun)
        roles = Roles()
        objects = objects_of(heads, noun)
        for obj in objects:
            self.read_object(obj, word, source, roles)
        acts = [o for o in objects if o.dep_ == "dobj" and is_act_head(o)]  # `halted aid to X`: the act's own
        for p in preps_of(heads + acts):
            self.read_prep(p, noun, word, source, roles)
        bombardment = tok.lemma_.lower() in BOMBARDMENT or (noun is not None and noun.lemma_.lower() in BOMBARDMENT)
        if roles.tgt is None and word.type == "ASSAULT" and bombardment:
            self.struck_homes(heads + acts, roles)
        if roles.tgt is None:  # an act on no named party is aimed at the state it was done in
            tgt, tgt_text = self.fallback_target(tok, word, source, roles.loc_phrase)
            if tgt is not None or roles.tgt_text is None:
                roles.tgt, roles.tgt_text = tgt, roles.tgt_text or tgt_text
        return roles.loc, roles.loc_text, roles.tgt, roles.tgt_text, roles.last

    def read_object(self, obj: Token, word: EventWord, source: str | None, roles: Roles) -> None:
        """An object is the event's place where it names one and the act is done at a place (`shelled Juba`) or
        it names no actor; it is the target where it names an actor other than the source, or else an unnamed
        group, or a place taken as the direct object."""
        phrase = subtree_span(obj)
        if phrase is None:
            return
        place = place_of_phrase(phrase, self.mentions)
        a, text, ph = self.actor(obj, None, target=True)
        if place and (word.type in PLACE_ACTS or a is None) and roles.loc is None:
            roles.loc, roles.loc_text, roles.last, roles.loc_phrase = place[0], place[1], phrase, phrase
        named = group_phrase(obj) if obj.pos_ != "PRON" else None
        if a and a != source and roles.tgt is None:
            roles.tgt, roles.tgt_text, roles.last = a, named.text if named is not None else text, ph
        elif a is None and roles.tgt_text is None and is_act_head(obj) and event_agent(obj) is not None and text:
            roles.tgt_text, roles.last = text, ph  # `condemned the terrorist attack`: aimed at who attacked
        elif a is None and roles.tgt_text is None and obj.pos_ != "PRON" and (named or place and obj.dep_ == "dobj"):
            roles.tgt_text, roles.last = (named or ph or phrase).text, ph or phrase

    def struck_homes(self, heads: list[Token], roles: Roles) -> None:
        """An attack on a place people live in (`fired shells on the al-X neighbourhood`, `an attack on a
        wedding`) with no named side as its target is aimed at the civilians there."""
        for h in heads:
            for c in h.children:
                obj = c if c.dep_ == "dobj" else None
                if c.dep_ == "prep" and c.lower_ in ("on", "at", "against", "targeting"):
                    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                text = (subtree_span(obj) or obj).text if obj is not None else None
                held_by = holder(obj) if obj is not None else None
                if held_by is not None:  # `air strikes on rebel-held X` are aimed at whoever holds X
                    held = REBELS if rebel_holder(held_by) else self.actor(held_by, None, target=True)[0]
                    if held is not None:
                        roles.tgt, roles.tgt_text = held, text
                        return
                if obj is not None and residential(obj):
                    roles.tgt, roles.tgt_text = CIVILIANS, text
                    return

    def read_prep(self, p: Token, noun: Token | None, word: EventWord, source: str | None, roles: Roles) -> None:
        """A preposition's object is the event's place after a place preposition (`in`, `out of`), else its
        target after a target preposition (`with`, `against`) unless the act is a retreat; the object of a
        condition marker (`in case of`) or the carried noun itself is neither."""
        obj = next((g for g in p.children if g.dep_ == "pobj"), None)
        if obj is None or obj is noun or marker_of([t.lower_ for t in p.subtree][:4]):
            return
        if p.lower_ == "between" and roles.tgt is None:  # `a truce between X and Y`: X acts, on Y
            other = next((c for c in obj.children if c.dep_ == "conj"), None)
            a, text, ph = self.actor(other, None, target=True)
            if a is not None or names_group(ph):
                roles.tgt, roles.tgt_text, roles.last = a, text, ph
            return
        phrase = subtree_span(obj)
        if phrase is None:
            return
        placed = p.lower_ in PLACE_PREPS and (p.lower_ != "of" or p.head.lower_ == "out")
        place = place_of_phrase(phrase, self.mentions) if placed else None
        if place and roles.loc is None:
            roles.loc, roles.loc_text, roles.last, roles.loc_phrase = place[0], place[1], phrase, phrase
            return
        about = p.lower_ in ("over", "about") and word.type in (
            "ACCUSE",
            "PROTEST",
            "REJECT",
            "DENY",
        )  # `concern over X`
        if (p.lower_ in TARGET_PREPS or about) and roles.tgt is None and word.type != "RETREAT":
            a, text, ph = self.actor(obj, None, target=True)
            named = group_phrase(obj) if obj.pos_ != "PRON" else None
            if a and a != source:
                roles.tgt, roles.tgt_text, roles.last = a, named.text if named is not None else text, ph
            elif a is None and roles.tgt_text is None and named is not None:
                roles.tgt_text, roles.last = named.text, ph

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

    def source_of(self, tok: Token, stmt: Row | None) -> Source:
        """(actor, text, phrase) of who acts: the subject, a passive's `by`-agent, a participle's noun, a
        noun's owner; a pronoun or unresolved subject may stand for the statement's speaker."""
        is_verb = tok.pos_ in ("VERB", "AUX")
        subj = (subject(tok) or self.participle_subject(tok)) if is_verb else self.noun_source(tok)
        src_tok = subj
        participle = subj is None and is_verb and tok.dep_ == "acl" and tok.tag_ == "VBN"  # `civilians killed by X`
        if participle and any(c.dep_ == "dobj" for c in tok.children):
            participle, src_tok = False, tok.head  # `The militants executed 12 civilians`: a misparsed main verb
        passive = participle or subj is not None and subj.dep_ == "nsubjpass" or headline_passive(tok, subj)
        if passive and tok.i not in self.carried:
            # (`were engaged in attacks` is no passive: its subject engages in them)
            src_tok = passive_agent(tok) or means_agent(tok)
        source = self.actor(src_tok, stmt.get("speaker_actor") if stmt else None)
        if source[0] is None and src_tok is not None:
            by_speaker = None if nonstate(src_tok) else self.speaker_source(tok, src_tok)
            source = by_speaker or self.reported_self(src_tok, stmt) or source
        return source

    def clause_target(self, clause: Token, source: Source) -> tuple[str | None, str | None]:
        """Whom a frame is aimed at when its clause holds no event: the clause's own subject (`demanded that the
        US cancel ...`), else the clause's object or preposition (`threatened to break relations with X`)."""
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            a, text, ph = self.actor(subj, None, target=True)
            if (a or names_group(ph)) and (a is None or a != source[0]):
                return a, text
        if clause.pos_ not in ("VERB", "AUX"):
            return None, None
        _, _, tgt, tgt_text, _ = self.where(clause, EventWord("REQUEST", None, None), source[0])
        if tgt or tgt_text:
            return tgt, tgt_text
        return self.condition_party(clause, source)

    def condition_party(self, tok: Token, source: Source) -> tuple[str | None, str | None]:
        """`threatened to stop talks if the US goes ahead`: a threat or offer is aimed at whoever must meet its
        condition, the subject of the condition clause."""
        cond = find_condition(tok)
        subj = subject(cond.head) if cond is not None and cond.head is not None else None
        if subj is None:
            return None, None
        a, text, ph = self.actor(subj, None, target=True)
        if (a and a != source[0]) or (a is None and names_group(ph)):
            return a, text
        return None, None
