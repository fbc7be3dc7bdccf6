"""Which words of a noun phrase name the actor, and who stands behind a phrase that names an act, not an actor.

A subject or object phrase in scraped news is often longer than the actor it names: a headline, dateline or
`Tags` list glued on its left (`Tags Aleppo Syria The brigade said`), a place or a relative clause on its right.
`actor_span` keeps the words an actor can sit in. A phrase headed by an act or a weapon (`air strikes by Russian
forces killed`, `regime shelling`, `a mortar shell fired by militants`) names no actor itself: its agent, if the
phrase names one, is who acted (`event_agent`). A phrase headed by a place (`the al-Shifa neighbourhood`) is
never an actor at all, and the victims of a killing (`killed 15 civilians`) are the civilian population.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from sitrep.datafiles import words
from sitrep.extract.lexicon import event_word, group_heads

# Right-hand dependents that stay inside an actor's words: `forces of X`, `fighters from X`, an apposition.
KEPT_RIGHT_DEPS = {"appos", "compound", "nummod", "amod", "cc", "conj", "punct", "case"}
KEPT_RIGHT_PREPS = {"of", "from", "by", "in", "for"}  # `parties in X`, `Minister for X`
GLUE_WORDS = {"tags", "related", "tagged", "keywords", "topics"}
RELATIVES = {"who", "which", "that", "whom"}
CIVILIANS = "group:civilians"  # the civilian population: victims with no side named
REBELS = "group:rebels"  # the armed opposition, unnamed (`rebel-held`, `opposition-controlled`)
# Places people live in: an attack on one (`shelled the al-X neighbourhood`) is aimed at its civilians.
RESIDENTIAL = {
    "neighborhood",
    "neighbourhood",
    "village",
    "town",
    "camp",
    "market",
    "hospital",
    "school",
    "mosque",
    "church",
    "home",
    "house",
    "wedding",
    "funeral",
    "district",
    "suburb",
    "quarter",
    "city",
}
# Acts of striking from afar: aimed at whoever is where they land (not capture, which is aimed at a holder).
BOMBARDMENT = {"fire", "shell", "bomb", "strike", "target", "pound", "hit", "attack", "raid", "airstrike"}
BOMBARDMENT |= {"shelling", "bombing", "bombardment", "airstrikes", "strikes", "attacks", "raids", "gas"}
# Groups a country's name can qualify without the group being that country's state (`Syrian rebels`).
NONSTATE_HEADS = {"opposition", "rebels", "rebel", "activists", "activist", "insurgents", "insurgent", "militants"}
NONSTATE_HEADS |= {"protesters", "demonstrators", "jihadists", "refugees", "civilians", "islamists", "extremists"}
NONSTATE_HEADS |= {"dissidents", "separatists", "guerrillas", "fighters", "gunmen", "militia", "militias", "kurds"}
COLLECTIVES = {"groups", "group", "organizations", "organisations", "organization", "cells", "elements", "units"}


@cache
def victim_heads() -> frozenset[str]:
    """Head nouns of people harmed with no side named (`people`, `civilians`, `children`)."""
    return words("lexicon/victims.txt")


@cache
def place_heads() -> frozenset[str]:
    """Head nouns of places (`village`, `neighbourhood`, `camp`): a phrase they head names no actor."""
    return words("lexicon/place_heads.txt")


@cache
def weapon_heads() -> frozenset[str]:
    """Head nouns of means of attack (`shell`, `rocket`, `bomb`): they act for whoever fired them."""
    return words("lexicon/weapon_heads.txt")


def actor_span(tok: Token) -> Span:
    """The words that can name the actor a noun stands for: its left modifiers from its determiner on (what
    comes before a head's own `the` was glued on: a dateline, a headline, a tag list), without dates, tag words
    or line breaks, and on its right only appositions and `of`/`from`/`by`/`in`/`for` complements."""
    doc = tok.doc
    start = tok.left_edge.i
    det = next((c for c in tok.children if c.dep_ == "det" and c.i < tok.i), None)
    if det is not None:
        start = det.i
    for t in doc[start : tok.i]:
        if t.ent_type_ == "DATE" or t.lower_ in GLUE_WORDS or "\n" in t.whitespace_ or "\n" in t.text:
            start = t.i + 1
    end = tok.i + 1
    for c in tok.rights:
        kept = c.dep_ in KEPT_RIGHT_DEPS or c.dep_ in ("prep", "agent") and c.lower_ in KEPT_RIGHT_PREPS
        if not kept:
            break
        end = c.right_edge.i + 1
    return doc[min(start, tok.i) : end]


def is_relative(tok: Token) -> bool:
    """A relative pronoun subject (`the group that claimed ...`): it stands for the noun its clause hangs on."""
    return tok.lower_ in RELATIVES and tok.tag_ in ("WDT", "WP", "IN") and tok.head.dep_ == "relcl"


def is_place_head(tok: Token) -> bool:
    """A noun that names a place (`village`, `neighbourhood`), or a held/controlled area (`rebel-held areas`)."""
    if tok.lemma_.lower() in place_heads() or tok.lower_ in place_heads():
        return True
    return any(c.lower_.endswith(("-held", "-controlled")) or c.lower_ in ("held", "controlled") for c in tok.lefts)


def is_act_head(tok: Token) -> bool:
    """A noun that names an act or a weapon rather than who did it (`air strikes`, `shelling`, `the blast`)."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.lower_ in group_heads():
        return False
    return tok.lemma_.lower() in weapon_heads() or tok.lower_ in weapon_heads() or event_word(tok) is not None


def event_agent(tok: Token, depth: int = 0) -> Token | None:
    """Who did what an act noun names: its `by` agent (`strikes by Russian jets`), its owner (`Russia's
    strikes`), a modifier naming a side (`regime air strikes`, `Russian airstrikes`, `terrorist attacks`), or
    for a weapon the one who fired it (`a shell fired by militants`). None when the phrase names no one."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from"):  # `demands from X`, `strikes by X`
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and not is_place_head(pobj):
                return event_agent(pobj, depth + 1) if is_act_head(pobj) and depth < 2 else pobj
        if c.dep_ == "acl" and c.tag_ == "VBN":  # `a mortar shell fired by terrorists`
            found = passive_agent(c)
            if found is not None:
                return found
    for c in tok.children:
        if c.dep_ == "poss" and c.pos_ != "PRON":
            return c
    for c in sorted(tok.children, key=lambda c: c.i):
        if c.i < tok.i and c.dep_ in ("amod", "compound", "nmod") and side_word(c):
            return c
    return None


def passive_agent(verb: Token) -> Token | None:
    """The `by` agent of a passive verb or participle (`carried out by X`, `fired by X`)."""
    for c in verb.children:
        if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by":
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return event_agent(pobj, 1) or pobj if is_act_head(pobj) else pobj
    return None


def side_word(tok: Token) -> bool:
    """A modifier that names a side (`Russian`, `regime`, `coalition`, `terrorist`), not a kind of act or
    weapon (`air`, `mortar`, `heavy`) or a held place (`rebel-held`)."""
    low = tok.lower_
    if low.endswith(("-held", "-controlled", "-based", "-backed", "-led")) or tok.ent_type_ in ("DATE", "CARDINAL"):
        return False
    if affiliated(tok):
        return False
    if tok.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"):
        return True
    return low in group_heads() or low.rstrip("s") in group_heads() or f"{low}s" in group_heads()


def victims(tok: Token) -> bool:
    """A noun for people harmed with no side named (`15 civilians`, `a child`, `dozens of people`)."""
    if tok.lemma_.lower() in victim_heads() or tok.lower_ in victim_heads():
        return True
    if tok.pos_ in ("NUM", "NOUN") and tok.lower_ in ("dozens", "hundreds", "thousands", "scores"):
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        return pobj is not None and victims(pobj)
    return False


def residential(tok: Token) -> bool:
    """A place people live in, not held by a named side (`the al-X neighbourhood`, `a refugee camp`); an area
    `held` by rebels or a government is aimed at that side, which the parse names elsewhere."""
    homes = tok.lemma_.lower() in RESIDENTIAL or tok.lower_ in RESIDENTIAL
    if not homes and not any(c.lower_ in ("residential", "populated", "civilian") for c in tok.lefts):
        return False
    return not any(c.lower_.endswith(("-held", "-controlled")) for c in tok.lefts)


def collective(tok: Token) -> bool:
    """`terrorist groups`, `armed factions`: a collective noun whose modifier names a side."""
    return tok.lower_ in COLLECTIVES and any(c.dep_ in ("amod", "compound") and side_word(c) for c in tok.lefts)


def target_span(tok: Token) -> Span:
    """The words a target was named in (`relations with X`, `a curfew in X`), up to a clause that tells about
    it (`civilians killed by X`, `the town which they captured`): that clause names other parties."""
    end = tok.right_edge.i + 1
    for c in tok.rights:
        if c.dep_ in ("relcl", "acl"):
            end = c.left_edge.i
            break
    return tok.doc[tok.left_edge.i : max(end, tok.i + 1)]


def nonstate(tok: Token) -> bool:
    """A group a country's name qualifies without making it that country's state (`Syrian rebels`, `the Syrian
    opposition`, `Kurdish fighters`): the demonym tells where they are from, not that a government acts."""
    return tok.lower_ in NONSTATE_HEADS or tok.lemma_.lower() in NONSTATE_HEADS


REBEL_WORDS = {"rebel", "rebels", "opposition", "insurgent", "insurgents", "militant", "militants", "jihadist"}


def holder(tok: Token) -> Token | None:
    """Who holds a place named as held or controlled (`rebel-held east X`, `opposition-controlled towns`)."""
    for c in tok.lefts:
        if c.lower_ in ("held", "controlled"):
            return next((g for g in c.children if g.i < c.i and g.pos_ in ("NOUN", "PROPN", "ADJ")), None)
        if c.lower_.endswith(("-held", "-controlled")):
            return c
    return None


def rebel_holder(tok: Token) -> bool:
    """A holder word for the armed opposition (`rebel-held`, `opposition-controlled`)."""
    return tok.lower_.split("-")[0] in REBEL_WORDS


def affiliated(tok: Token) -> bool:
    """A word after `anti-`/`pro-` (`anti-government protests`, `pro-regime militia`): it names whom the
    phrase is for or against, never who acts."""
    doc = tok.doc
    if tok.lower_.startswith(("anti-", "pro-")):
        return True
    return tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in ("anti", "pro")
