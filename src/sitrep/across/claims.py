"""Claims: events from different articles that assert the same thing, with how many independent voices.

Members are blocked by a claim key (event type, acting actor rolled up to the state or group it acts for,
and the modality family), so grouping is a group-by, never a comparison of all events. Place, time and
conditions stay out of the key on purpose: reports that differ there are the same claim told differently,
and those differences are what `contradictions` reports.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

# Offers, predictions, hopes, refusals and denials speak of the same possible act, so they share a family and
# a refusal lands in the same claim as the offer it refuses (a polarity contradiction, not a new claim).
# Hoping that someone acts is calling on them to act, so `hopes` shares the family of `demands`.
MODALITY_FAMILY = {"happened": "happened", "demands": "demands", "hopes": "demands", "threatens": "threatens"}
NEGATIVE = {"refuses", "denies"}
_VERB = {"happened": "", "demands": "demands", "threatens": "threatens", "future": "offers/expects"}


def stable_id(*parts: Any) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:16]


def actor_root(actor: str | None, affiliation: Mapping[str, str | None]) -> str | None:
    """The state or group a person or body acts for, so `Lavrov` and `Russia` make one claim."""
    seen = set()
    while actor and affiliation.get(actor) and actor not in seen:
        seen.add(actor)
        actor = affiliation[actor]
    return actor


def negative(event: Mapping[str, Any]) -> bool:
    return bool(event.get("negated")) ^ (event.get("modality") in NEGATIVE)


def claim_key(event: Mapping[str, Any], affiliation: Mapping[str, str | None]) -> tuple:
    """Blocking key of a top-level event; events with no known actor stay claims of their own."""
    source = actor_root(event.get("source_actor"), affiliation)
    if not source:
        return ("solo", event["event_id"])
    family = MODALITY_FAMILY.get(event.get("modality") or "happened", "future")
    return (event.get("type"), source, family)


def top_level(events: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Events not embedded as another event's content or condition: those carry their own claim."""
    events = list(events)
    embedded = {e.get(k) for e in events for k in ("content_event_id", "condition_event_id")} - {None}
    return [e for e in events if e["event_id"] not in embedded]


def independent_voices(article_ids: Iterable[str], cluster_of: Mapping[str, str],
                       outlet_of: Mapping[str, str | None]) -> tuple[set[str], set[str]]:
    """(independent article ids, independent outlets): a copy cluster is one voice, an outlet one vote."""
    first: dict[str, str] = {}
    for aid in sorted(set(article_ids)):
        cluster = cluster_of.get(aid, aid)
        if cluster not in first or aid == cluster:
            first[cluster] = aid
    outlets = {outlet_of.get(a) or f"article:{a}" for a in first.values()}
    return set(first.values()), outlets


def build_claims(events: Iterable[Mapping[str, Any]], statements: Iterable[Mapping[str, Any]],
                 copies: Iterable[Mapping[str, Any]], articles: Iterable[Mapping[str, Any]],
                 actors: Iterable[Mapping[str, Any]] = ()) -> tuple[list[dict], list[dict], dict]:
    """(claims rows, claim_members rows, members by claim id) — the last for the contradiction checks."""
    actors = list(actors)
    affiliation = {a["actor_id"]: a.get("affiliation") for a in actors}
    names = {a["actor_id"]: a.get("name") or a["actor_id"] for a in actors}
    anonymous = {s["statement_id"]: bool(s.get("anonymous")) for s in statements}
    cluster_of = {c["article_id"]: c["cluster_id"] for c in copies}
    outlet_of = {a["article_id"]: a.get("outlet") for a in articles}
    groups: dict[tuple, list[Mapping[str, Any]]] = defaultdict(list)
    for e in top_level(events):
        groups[claim_key(e, affiliation)].append(e)
    claims, members, by_claim = [], [], {}
    for key in sorted(groups, key=repr):
        evs = sorted(groups[key], key=_position)
        claim_id = stable_id(*key)
        indep_articles, outlets = independent_voices([e["article_id"] for e in evs], cluster_of, outlet_of)
        dates = sorted(e["date"] for e in evs if e.get("date"))
        first = evs[0]
        claims.append({
            "claim_id": claim_id,
            "summary": summary(first, key, names, len({e["article_id"] for e in evs}), len(outlets)),
            "type": first.get("type"),
            "source_actor": actor_root(first.get("source_actor"), affiliation),
            "target_actor": _most_common(actor_root(e.get("target_actor"), affiliation) for e in evs),
            "location": _most_common(e.get("location") for e in evs),
            "modality": _most_common(e.get("modality") for e in evs),
            "first_date": dates[0] if dates else None,
            "last_date": dates[-1] if dates else None,
            "n_members": len(evs),
            "n_articles": len({e["article_id"] for e in evs}),
            "n_outlets": len(outlets),
            "anonymous_only": all(anonymous.get(e.get("statement_id"), False) for e in evs),
            "status": "corroborated" if len(outlets) >= 2 else "single-source",
        })
        seen_articles: set[str] = set()
        for e in evs:
            aid = e["article_id"]
            members.append({
                "claim_id": claim_id, "member_id": e["event_id"], "member_kind": "event", "article_id": aid,
                "outlet": outlet_of.get(aid),
                "independent": aid in indep_articles and aid not in seen_articles,
            })
            seen_articles.add(aid)
        by_claim[claim_id] = evs
    return claims, members, by_claim


def _position(e: Mapping[str, Any]) -> tuple:
    return (e["article_id"], e.get("sentence_start") or 0, e["event_id"])


def _most_common(values: Iterable[str | None]) -> str | None:
    counts: dict[str, int] = defaultdict(int)
    for v in values:
        if v:
            counts[v] += 1
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


def summary(event: Mapping[str, Any], key: tuple, names: Mapping[str, str], n_articles: int,
            n_outlets: int) -> str:
    """One line from the fields only: actor, modality, type, target, place; nothing the text lacks."""
    source = names.get(key[1], key[1]) if key[0] != "solo" else (event.get("source_text") or "someone")
    family = key[2] if key[0] != "solo" else MODALITY_FAMILY.get(event.get("modality") or "", "future")
    parts = [source, _VERB.get(family, ""), (event.get("type") or "EVENT").lower()]
    if event.get("target_text") or event.get("target_actor"):
        target = event.get("target_text") or names.get(event["target_actor"], event["target_actor"])
        parts.append(f"of {target}")
    if event.get("location_text"):
        parts.append(f"in {event['location_text']}")
    line = " ".join(p for p in parts if p)
    return f"{line} ({n_articles} article{'s' * (n_articles != 1)}, {n_outlets} independent outlet" \
           f"{'s' * (n_outlets != 1)})"
