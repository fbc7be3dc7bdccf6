"""Plain-English one-line claim summaries, built only from event fields and the actor and place names.

A summary must read as a sentence a person would write (`Aland calls for Beland to withdraw from Port
Royal`) yet say nothing the fields do not hold, so each event type has a verb and a noun and every part
(subject, target, place, condition) is left out when unknown or when the text only has a pronoun for it.

The place is the part most easily misread. An event's location is sometimes not a place at all but the
words that name an actor (`Iranian forces`, `the US`) or the very thing a withdrawal removes (`remove X`),
and `withdraw from Iranian forces` tells a reader the opposite of the text. So a place is shown only when the
case knows it as a place and the text writes it there as the place's name, never when those words are the
acting actor's or the object's own words; a withdrawal's object, when the text names one, is shown as what
is removed (`remove Beland`), and when the text gives no place nothing is said about one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sitrep.across.wordlists import word_lists

# Words that stand for an actor without naming one: never shown or keyed as if they were an actor.
PRONOUNS = frozenset(
    {
        "it",
        "its",
        "which",
        "who",
        "whom",
        "whose",
        "that",
        "those",
        "these",
        "this",
        "they",
        "them",
        "he",
        "she",
        "him",
        "her",
        "we",
        "us",
        "i",
        "you",
        "one",
    }
)


class Verb(NamedTuple):
    """How one kind of act reads: base form, third person, noun, and the word before its target after the
    verb (`agrees with X`; empty for a direct object) and after the noun (`an agreement with X`)."""

    base: str
    third: str
    noun: str
    prep: str = ""
    noun_prep: str = "concerning"


# PLOVER types and DENY.
VERBS = {
    "AGREE": Verb("agree", "agrees", "an agreement", "with", "with"),
    "CONSULT": Verb("meet", "meets", "talks", "", "with"),
    "SUPPORT": Verb("support", "supports", "support", "", "for"),
    "CONCEDE": Verb("concede", "concedes", "a concession", "concerning"),
    "COOPERATE": Verb("cooperate", "cooperates", "cooperation", "with", "with"),
    "AID": Verb("aid", "aids", "aid", "", "to"),
    "RETREAT": Verb("withdraw", "withdraws", "a withdrawal", "", "of"),
    "REQUEST": Verb("call for", "calls for", "a demand", "", "for"),
    "ACCUSE": Verb("accuse", "accuses", "an accusation", "", "against"),
    "REJECT": Verb("reject", "rejects", "a rejection"),
    "THREATEN": Verb("threaten", "threatens", "a threat", "", "against"),
    "PROTEST": Verb("protest", "protests", "a protest", "against", "against"),
    "SANCTION": Verb("sanction", "sanctions", "sanctions", "", "on"),
    "MOBILIZE": Verb("mobilize", "mobilizes", "a mobilization"),
    "COERCE": Verb("coerce", "coerces", "coercion", "", "of"),
    "ASSAULT": Verb("attack", "attacks", "an attack", "", "on"),
    "DENY": Verb("deny", "denies", "a denial"),
}
# RETREAT covers more than withdrawals; its PLOVER mode says which (a release or a ceasefire leaves no place).
RETREAT_MODES = {
    "release": Verb("release", "releases", "a release", "", "of"),
    "return": Verb("return", "returns", "a return", "", "of"),
    "disarm": Verb("disarm", "disarms", "disarmament", "", "of"),
    "ceasefire": Verb("agree to a ceasefire", "agrees to a ceasefire", "a ceasefire", "with", "with"),
    "access": Verb("open access", "opens access", "an opening of access", "for", "for"),
}
WITHDRAW_MODES = (None, "", "withdraw")
# Possessives that make a withdrawal's object the actor's own forces (`pull its troops out`), never another actor.
OWN = frozenset({"its", "their", "his", "her", "our", "my"})
# A withdrawal whose direct object is a named actor removes that actor (`get Beland out`).
REMOVE = Verb("remove", "removes", "a withdrawal", "", "of")
# Demands, denials and rejections of an actor, with no act stated: the actor may be the one asked or the one
# asked about, so the summary says only that it concerns them.
ABOUT = {
    "REQUEST": Verb("make a demand", "makes a demand", "a demand", "concerning"),
    "DENY": Verb("issue a denial", "issues a denial", "a denial", "concerning"),
    "REJECT": Verb("issue a rejection", "issues a rejection", "a rejection", "concerning"),
}
_LEAD = {
    "intends-or-offers": "offers to",
    "predicts": "is expected to",
    "refuses": "refuses to",
    "denies": "denies it will",
    "demands": "should",
    "hopes": "should",
    "threatens": "threatens to",
    "conditional": "would",
}


@dataclass(frozen=True)
class Lookup:
    """The names a summary may use: actors and places by id, and each place's names as the case writes them
    (lower case) - a location written any other way is not the place's name there."""

    actors: Mapping[str, str] = field(default_factory=dict)
    places: Mapping[str, str] = field(default_factory=dict)
    place_forms: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, actors: Iterable[Mapping[str, Any]], places: Iterable[Mapping[str, Any]]) -> Lookup:
        """From `actors` and `places` table rows."""
        places = list(places)
        return cls(
            {a["actor_id"]: a.get("name") or a["actor_id"] for a in actors},
            {p["place_id"]: p.get("name") or p["place_id"] for p in places},
            {
                p["place_id"]: frozenset(f.lower() for f in [p.get("name"), *(p.get("aliases") or [])] if f)
                for p in places
            },
        )


def is_pronoun(text: str | None) -> bool:
    return bool(text and text.strip().lower() in PRONOUNS)


def actor_name(actor: str | None, text: str | None, names: Mapping[str, str]) -> str | None:
    """The canonical name where the actor is resolved, the words as written where not, never a pronoun."""
    if actor and not is_pronoun(actor.removeprefix("ent:")):
        return names.get(actor, actor)
    return None if not text or is_pronoun(text) else text


def _verb(etype: str | None, mode: str | None = None) -> Verb:
    if etype == "RETREAT" and mode in RETREAT_MODES:
        return RETREAT_MODES[mode]
    word = (etype or "event").lower()
    return VERBS.get(etype or "", Verb(word, word, word))


def _inside(words: str, phrase: str | None) -> bool:
    """True when `words` stand in `phrase` as whole words (`US` in `the US troops`, not in `USSR`)."""
    return bool(phrase and re.search(rf"(?<!\w){re.escape(words.strip())}(?!\w)", phrase, re.I) is not None)


@dataclass(frozen=True)
class _Parts:
    """What a summary says of one event; `from_place` when its place is one left (a withdrawal)."""

    verb: Verb
    target: str | None
    place: str | None
    from_place: bool


def place_of(e: Mapping[str, Any], look: Lookup) -> str | None:
    """The place an event's text names for it, or None: an id the case does not know as a place, words that
    are not one of the place's names (`Iranian forces` for Iran), and words that name the acting actor
    (`US` in `the US`) are no place."""
    loc, text = e.get("location"), e.get("location_text")
    if not (loc or text) or is_pronoun(text):
        return None
    name = None
    if loc:
        name = look.places.get(loc)
        forms = look.place_forms.get(loc)
        if name is None or text and forms and text.strip().lower() not in forms:
            return None
    if text and _inside(text, e.get("source_text")):
        return None
    return name or text


def withdrawn(e: Mapping[str, Any], look: Lookup) -> str | None:
    """The named actor a withdrawal removes (`get Beland out`, `remove Beland`): the verb's direct object,
    unless the verb is one whose object is the place left (`leave Beland`)."""
    target, text, trigger = e.get("target_actor"), e.get("target_text"), (e.get("trigger") or "").strip()
    if not target or not text or not trigger or target == e.get("source_actor") or is_pronoun(text):
        return None
    if text.split()[0].lower() in OWN:  # `pull its forces out`: the actor's own forces, whatever id they got
        return None
    if trigger.lower() in word_lists("summaries.tsv")["place-object"] or not direct_object(e, text):
        return None
    return actor_name(target, None, look.actors)


def direct_object(e: Mapping[str, Any], words: str) -> bool:
    """True when `words` follow the event's trigger word directly (`remove Beland`, `shelled Port Royal`): the
    verb's object, where a place after a preposition (`withdraw from Beland`) is where it happened."""
    trigger = (e.get("trigger") or "").strip()
    if not trigger or not words.strip():
        return False
    pattern = rf"(?<!\w){re.escape(trigger)}\s+{re.escape(words.strip())}(?!\w)"
    return any(re.search(pattern, e.get(k) or "", re.I) for k in ("anchor", "sentence"))


def _parts(e: Mapping[str, Any], look: Lookup) -> _Parts:
    """Verb, target and place of one event, each only as far as the text supports it."""
    etype = e.get("type")
    verb = _verb(etype, e.get("mode"))
    target = actor_name(e.get("target_actor"), e.get("target_text"), look.actors)
    place = place_of(e, look)
    withdrawal = etype == "RETREAT" and e.get("mode") in WITHDRAW_MODES
    if withdrawal:
        moved = withdrawn(e, look)
        verb, target = (REMOVE, moved) if moved else (verb, None)
    elif etype in ABOUT and target and e.get("target_actor"):
        verb = ABOUT[etype]
    if target and place:
        target, place = _say_once(e, target, place, withdrawal)
    return _Parts(verb, target, place, withdrawal)


def _say_once(e: Mapping[str, Any], target: str, place: str, withdrawal: bool) -> tuple[str | None, str | None]:
    """(target, place) with nothing said twice: one phrase read as both target and place is said once, as the
    target when it is the verb's object (`shelled Port Royal`), else as the place (`fighting in Beland`); a
    place written inside the target's words as shown (`a deal in Port Royal`), or inside what a withdrawal
    removes, or with the target's own name (`attacks Beland in Beland`) is dropped."""
    loc_text = (e.get("location_text") or place).strip()
    target_text = e.get("target_text") or ""
    if not withdrawal and target_text.strip().lower() == loc_text.lower():
        return (target, None) if direct_object(e, target_text) else (None, place)
    shown_as_written = not e.get("target_actor")
    if (shown_as_written or withdrawal) and _inside(loc_text, target_text) or place.lower() == target.lower():
        return target, None
    return target, place


def _place_words(parts: _Parts) -> str:
    return ("from " if parts.from_place else "in ") + parts.place if parts.place else ""


def predicate(e: Mapping[str, Any], look: Lookup, third: bool = True) -> str:
    """`withdraws from Port Royal`, `agrees with Beland in Port Royal` (base form when `third` is false)."""
    parts = _parts(e, look)
    target = " ".join(w for w in (parts.verb.prep, parts.target) if w) if parts.target else ""
    verb = parts.verb.third if third else parts.verb.base
    return " ".join(w for w in (verb, target, _place_words(parts)) if w)


def clause(e: Mapping[str, Any], look: Lookup, subject: str | None = None) -> str:
    """`Aland withdraws from Beland`; without a known subject, `a withdrawal from Beland`."""
    subject = subject or actor_name(e.get("source_actor"), e.get("source_text"), look.actors)
    if subject:
        return f"{subject} {predicate(e, look)}"
    parts = _parts(e, look)
    target = f"{parts.verb.noun_prep} {parts.target}" if parts.target else ""
    return " ".join(w for w in (parts.verb.noun, target, _place_words(parts)) if w)


def _uncontented(source: str, frame: Mapping[str, Any], look: Lookup) -> str:
    """A demand, refusal, threat or denial whose act the text does not state: of whom, where it names them."""
    etype = frame.get("type")
    verb = _verb(etype)
    target = actor_name(frame.get("target_actor"), frame.get("target_text"), look.actors)
    if target and etype in ABOUT and frame.get("target_actor"):
        return f"{source} {ABOUT[etype].third} concerning {target}"
    if target:
        return f"{source} {verb.third} {target}"
    return f"{source} makes {verb.noun}" if etype == "REQUEST" else f"{source} {verb.third}"


def _framed(source: str, frame: Mapping[str, Any], content: Mapping[str, Any] | None, look: Lookup) -> str:
    """A demand, refusal, threat or denial with the act it is about."""
    etype = frame.get("type")
    if content is None:
        return _uncontented(source, frame, look)
    who = actor_name(content.get("source_actor"), content.get("source_text"), look.actors)
    if etype == "REQUEST":
        if content.get("type") == "REQUEST":  # a call on someone to press a third party: say no more
            return f"{source} calls on {who} to make a demand" if who else f"{source} makes a demand"
        if who and who != source:
            return f"{source} calls for {who} to {predicate(content, look, third=False)}"
        return f"{source} calls for {clause({**content, 'source_actor': None, 'source_text': None}, look)}"
    if etype == "THREATEN":
        loc = content.get("location") or ""
        target = actor_name(
            frame.get("target_actor")
            or content.get("target_actor")
            or (loc.removeprefix("country:") if loc.startswith("country:") else None),
            None,
            look.actors,
        )
        act = (content.get("trigger") or _verb(content.get("type")).base).lower()
        return f"{source} threatens {target} ({act})" if target else f"{source} threatens to {act}"
    if etype == "REJECT":
        return f"{source} refuses to {predicate(content, look, third=False)}"
    return f"{source} {_verb(etype).third} that {clause(content, look)}"


def counts(n_articles: int, n_outlets: int) -> str:
    return f"({n_articles} article{'s' * (n_articles != 1)}, {n_outlets} independent outlet{'s' * (n_outlets != 1)})"


def claim_line(
    source_id: str | None, event: Mapping[str, Any], events: Mapping[str, Mapping[str, Any]], look: Lookup
) -> str:
    """One line for a claim from its representative event, without counts (contradictions quote it)."""
    source = actor_name(source_id, event.get("source_text"), look.actors) or "Someone"
    content = events.get(event.get("content_event_id") or "")
    if event.get("type") in ("REQUEST", "REJECT", "THREATEN", "DENY", "ACCUSE") and (
        content is not None or event.get("modality") in ("demands", "hopes", "refuses", "denies", "threatens")
    ):
        line = _framed(source, event, content, look)
    else:
        lead = _LEAD.get(event.get("modality") or "", "")
        if event.get("negated") and lead:
            lead = f"{lead} not"
        line = f"{source} {lead} {predicate(event, look, third=False)}" if lead else clause(event, look, source)
    condition = events.get(event.get("condition_event_id") or "")
    if condition is not None:
        line += f", on condition: {clause(condition, look)}"
    return line


def claim_summary(
    source_id: str | None,
    event: Mapping[str, Any],
    events: Mapping[str, Mapping[str, Any]],
    look: Lookup,
    n_articles: int,
    n_outlets: int,
) -> str:
    """One line for a claim from its representative event, with its article and outlet counts."""
    return f"{claim_line(source_id, event, events, look)} {counts(n_articles, n_outlets)}"


def presence_line(actor: str, place: str, look: Lookup) -> str:
    return f"{look.actors.get(actor, actor)} forces present in {look.places.get(place, place)}"


def presence_summary(actor: str, place: str, look: Lookup, n_articles: int, n_outlets: int) -> str:
    return f"{presence_line(actor, place, look)} {counts(n_articles, n_outlets)}"
