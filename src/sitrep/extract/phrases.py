"""The phrases around an event word: which noun phrase names a group, and which words hold its objects.

`group_phrase` finds the words naming an actor even with no id for it (`Darfur rebels`, `the republic of X`);
`argument_heads`, `objects_of` and `preps_of` list where an event's objects and prepositions hang (its own
word, the noun a support verb carries, a purpose noun); `means_agent` finds who acted in a passive through the
act it names. Split from `arguments` so each module reads one concern.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from sitrep.extract.agents import collective, event_agent, is_act_head
from sitrep.extract.lexicon import group_heads

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "NORP")
COMPLEMENT_PREPS = {"of", "from", "by", "on", "against"}
PURPOSE_NOUNS = {"protest", "defiance", "retaliation", "response", "solidarity"}  # `in protest against X`


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
    return _head_span(tok, with_of=False) if tok.lower_ in group_heads() or collective(tok) else None


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


def argument_heads(tok: Token, noun: Token | None) -> list[Token]:
    """The words whose objects and prepositions an event takes: its own word, the noun a support verb carries
    (`held talks with X`), and a purpose noun under it (`in protest against X`)."""
    heads = [tok] + ([noun] if noun is not None else [])
    return heads + [
        g
        for c in tok.children
        if c.dep_ == "prep"
        for g in c.children
        if g.dep_ == "pobj" and g.lower_ in PURPOSE_NOUNS
    ]


def objects_of(heads: list[Token], noun: Token | None) -> list[Token]:
    """The heads' objects, a passive subject among them (`Juba was shelled`) unless a support verb's noun is the
    event, and the noun a passive participle hangs on (`civilians killed in the raid`); the carried noun itself
    is never an object."""
    obj_deps = ("dobj", "iobj", "dative") if noun is not None else ("dobj", "iobj", "dative", "nsubjpass")
    found = [c for h in heads for c in h.children if c.dep_ in obj_deps and c is not noun]
    tok = heads[0]
    passive = not any(c.dep_ == "dobj" for c in tok.children)
    if passive and tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN", "NUM"):
        found.append(tok.head)
    return found


def means_agent(verb: Token) -> Token | None:
    """Who acted in a passive with no `by` agent, through the act it names (`were killed in air strikes by
    Russian jets`, `died in regime shelling`): the agent of that act noun."""
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj")] + ([verb.head] if verb.dep_ == "conj" else [])
    for c in (c for v in verbs for c in v.children):  # `were killed and 50 wounded in strikes by X`
        if c.dep_ == "prep" and c.lower_ in ("in", "by", "during", "under"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and is_act_head(pobj):
                return event_agent(pobj)
    return None


def preps_of(heads: list[Token]) -> list[Token]:
    """The heads' prepositions (and the particle `out`), then the prepositions one level under them (`out of`)."""
    preps = [
        c for h in heads for c in h.children if c.dep_ == "prep" or (c.dep_ in ("prt", "advmod") and c.lower_ == "out")
    ]
    return preps + [g for p in preps for g in p.children if g.dep_ == "prep"]
