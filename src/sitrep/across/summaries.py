"""Plain-English one-line claim summaries, built only from event fields and the actor and place names.

A summary must read as a sentence a person would write (`Aland calls for Beland to withdraw from Port
Royal`) yet say nothing the fields do not hold, so each event type has a verb and a noun and every part
(subject, target, place, condition) is left out when unknown or when the text only has a pronoun for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Words that stand for an actor without naming one: never shown or keyed as if they were an actor.
PRONOUNS = frozenset({"it", "its", "which", "who", "whom", "whose", "that", "those", "these", "this", "they",
                      "them", "he", "she", "him", "her", "we", "us", "i", "you", "one"})
# type -> (base verb, third person, noun) for PLOVER types and DENY.
VERBS = {
    "AGREE": ("agree", "agrees", "an agreement"), "CONSULT": ("meet", "meets", "talks"),
    "SUPPORT": ("support", "supports", "support"), "CONCEDE": ("concede", "concedes", "a concession"),
    "COOPERATE": ("cooperate", "cooperates", "cooperation"), "AID": ("aid", "aids", "aid"),
    "RETREAT": ("withdraw", "withdraws", "a withdrawal"), "REQUEST": ("call for", "calls for", "a demand"),
    "ACCUSE": ("accuse", "accuses", "an accusation"), "REJECT": ("reject", "rejects", "a rejection"),
    "THREATEN": ("threaten", "threatens", "a threat"), "PROTEST": ("protest", "protests", "a protest"),
    "SANCTION": ("sanction", "sanctions", "sanctions"), "MOBILIZE": ("mobilize", "mobilizes", "a mobilization"),
    "COERCE": ("coerce", "coerces", "coercion"), "ASSAULT": ("attack", "attacks", "an attack"),
    "DENY": ("deny", "denies", "a denial"),
}
_TARGET_PREP = {"AGREE": "with", "COOPERATE": "with", "REQUEST": "of", "PROTEST": "against"}
_LEAD = {"intends-or-offers": "offers to", "predicts": "is expected to", "refuses": "refuses to",
         "denies": "denies it will", "demands": "should", "hopes": "should", "threatens": "threatens to",
         "conditional": "would"}


def is_pronoun(text: str | None) -> bool:
    return bool(text) and text.strip().lower() in PRONOUNS


def actor_name(actor: str | None, text: str | None, names: Mapping[str, str]) -> str | None:
    """The canonical name where the actor is resolved, the words as written where not, never a pronoun."""
    if actor and not is_pronoun(actor.removeprefix("ent:")):
        return names.get(actor, actor)
    return None if not text or is_pronoun(text) else text


def _verbs(etype: str | None) -> tuple[str, str, str]:
    word = (etype or "event").lower()
    return VERBS.get(etype or "", (word, word, word))


def _tail(e: Mapping[str, Any], names: Mapping[str, str], places: Mapping[str, str]) -> str:
    """Target and place: `Beland`, `from Port Royal`, `in the capital`."""
    parts = []
    target = actor_name(e.get("target_actor"), e.get("target_text"), names)
    if target and e.get("type") != "RETREAT":
        parts.append(f"{_TARGET_PREP[e['type']]} {target}" if e.get("type") in _TARGET_PREP else target)
    place = places.get(e.get("location") or "") or (None if is_pronoun(e.get("location_text"))
                                                      else e.get("location_text"))
    if place:
        parts.append(("from " if e.get("type") == "RETREAT" else "in ") + place)
    return " ".join(parts)


def clause(e: Mapping[str, Any], names: Mapping[str, str], places: Mapping[str, str]) -> str:
    """`Aland withdraws from Beland`; without a known subject, `a withdrawal from Beland`."""
    subject = actor_name(e.get("source_actor"), e.get("source_text"), names)
    base, third, noun = _verbs(e.get("type"))
    head = f"{subject} {third}" if subject else noun
    return " ".join(p for p in (head, _tail(e, names, places)) if p)


def _infinitive(e: Mapping[str, Any], names: Mapping[str, str], places: Mapping[str, str]) -> str:
    return " ".join(p for p in (_verbs(e.get("type"))[0], _tail(e, names, places)) if p)


def _framed(source: str, frame: Mapping[str, Any], content: Mapping[str, Any] | None,
            names: Mapping[str, str], places: Mapping[str, str]) -> str:
    """A demand, refusal, threat or denial with the act it is about."""
    etype = frame.get("type")
    if content is None:
        base, third, noun = _verbs(etype)
        target = actor_name(frame.get("target_actor"), frame.get("target_text"), names)
        if target:
            return f"{source} {third} {target}"
        return f"{source} makes {noun}" if etype == "REQUEST" else f"{source} {third}"
    who = actor_name(content.get("source_actor"), content.get("source_text"), names)
    if etype == "REQUEST":
        if content.get("type") == "REQUEST":  # a call on someone to press a third party: say no more
            return f"{source} calls on {who} to make a demand" if who else f"{source} makes a demand"
        if who and who != source:
            return f"{source} calls for {who} to {_infinitive(content, names, places)}"
        return f"{source} calls for {clause({**content, 'source_actor': None, 'source_text': None}, names, places)}"
    if etype == "THREATEN":
        loc = content.get("location") or ""
        target = actor_name(frame.get("target_actor") or content.get("target_actor")
                            or (loc.removeprefix("country:") if loc.startswith("country:") else None),
                            None, names)
        act = (content.get("trigger") or _verbs(content.get("type"))[0]).lower()
        return f"{source} threatens {target} ({act})" if target else f"{source} threatens to {act}"
    if etype == "REJECT":
        return f"{source} refuses to {_infinitive(content, names, places)}"
    base, third, _ = _verbs(etype)
    return f"{source} {third} that {clause(content, names, places)}"


def claim_summary(source_id: str | None, event: Mapping[str, Any], events: Mapping[str, Mapping[str, Any]],
                  names: Mapping[str, str], places: Mapping[str, str], n_articles: int, n_outlets: int) -> str:
    """One line for a claim from its representative event, with its article and outlet counts."""
    source = actor_name(source_id, event.get("source_text"), names) or "Someone"
    content = events.get(event.get("content_event_id") or "")
    if event.get("type") in ("REQUEST", "REJECT", "THREATEN", "DENY", "ACCUSE") and (
            content is not None or event.get("modality") in ("demands", "hopes", "refuses", "denies", "threatens")):
        line = _framed(source, event, content, names, places)
    else:
        lead = _LEAD.get(event.get("modality") or "", "")
        if event.get("negated") and lead:
            lead = f"{lead} not"
        verb = f"{lead} {_infinitive(event, names, places)}" if lead else \
            clause({**event, "source_actor": None, "source_text": source}, names, places)
        line = f"{source} {verb}" if lead else verb
    condition = events.get(event.get("condition_event_id") or "")
    if condition is not None:
        line += f", on condition: {clause(condition, names, places)}"
    return f"{line} ({n_articles} article{'s' * (n_articles != 1)}, {n_outlets} independent outlet" \
           f"{'s' * (n_outlets != 1)})"


def presence_summary(actor: str, place: str, names: Mapping[str, str], places: Mapping[str, str],
                     n_articles: int, n_outlets: int) -> str:
    return f"{names.get(actor, actor)} forces present in {places.get(place, place)} ({n_articles} article" \
           f"{'s' * (n_articles != 1)}, {n_outlets} independent outlet{'s' * (n_outlets != 1)})"
