"""Claims: events from different articles that assert the same thing, with how many independent voices.

Two kinds. What happened is an incident (`incidents`): one act at one place and time, grouped only when
the reports can be the same event. A position — a demand, offer, threat, refusal, denial, prediction — is
blocked by a claim key (event type, acting actor rolled up to the state or group it acts for, the modality
family), so grouping is a group-by, never a comparison of all events. Place, time and conditions stay out
of a position's key on purpose: reports that differ there are the same position told differently, and
those differences are what `contradictions` reports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sitrep.across.incidents import PlaceIndex, group_incidents, make_report
from sitrep.across.summaries import Lookup, claim_summary, is_pronoun, presence_summary
from sitrep.ids import UNIT, stable_id

# Offers, predictions, hopes, refusals and denials speak of the same possible act, so they share a family and
# a refusal lands in the same claim as the offer it refuses (a polarity contradiction, not a new claim).
# Hoping that someone acts is calling on them to act, so `hopes` shares the family of `demands`.
MODALITY_FAMILY = {"happened": "happened", "demands": "demands", "hopes": "demands", "threatens": "threatens"}
NEGATIVE = {"refuses", "denies"}
ASKING = {"demands", "hopes"}


def actor_root(actor: str | None, affiliation: Mapping[str, str | None]) -> str | None:
    """The state or group a person or body acts for, so a minister and their state make one claim."""
    seen = set()
    while actor and affiliation.get(actor) and actor not in seen:
        seen.add(actor)
        actor = affiliation[actor]
    return actor


def negative(event: Mapping[str, Any]) -> bool:
    return bool(event.get("negated")) ^ (event.get("modality") in NEGATIVE)


def claim_key(
    event: Mapping[str, Any],
    affiliation: Mapping[str, str | None],
    by_id: Mapping[str, Mapping[str, Any]] | None = None,
) -> tuple:
    """Blocking key of a top-level event; events with no known actor stay claims of their own.

    A demand, refusal or threat is keyed with the type of the act it is about as well, so `Russia calls
    for a withdrawal` and `Russia calls for talks` are two claims.
    """
    source = actor_root(event.get("source_actor"), affiliation)
    if not source or is_pronoun(source.removeprefix("ent:")):
        return ("solo", event["event_id"])
    family = MODALITY_FAMILY.get(event.get("modality") or "happened", "future")
    content = (by_id or {}).get(event.get("content_event_id") or "")
    return (event.get("type"), source, family, content.get("type") if content else None)


def _sentence_demands(tops: list[Mapping[str, Any]], keys: dict[str, tuple]) -> None:
    """A demanded act with no actor of its own (`... for all foreign troops to withdraw`) joins the claim of
    the keyed demand made in the same sentence, which the parse failed to link it to."""
    asked = {
        (e["article_id"], e.get("sentence_start")): keys[e["event_id"]]
        for e in sorted(tops, key=_position)
        if e.get("type") == "REQUEST" and keys[e["event_id"]][0] != "solo"
    }
    for e in tops:
        here = asked.get((e["article_id"], e.get("sentence_start")))
        if here and keys[e["event_id"]][0] == "solo" and e.get("modality") in ASKING:
            keys[e["event_id"]] = here


def top_level(events: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Events not embedded as another event's content or condition: those carry their own claim."""
    events = list(events)
    embedded = {e.get(k) for e in events for k in ("content_event_id", "condition_event_id")} - {None}
    return [e for e in events if e["event_id"] not in embedded]


def independent_voices(
    article_ids: Iterable[str], cluster_of: Mapping[str, str], outlet_of: Mapping[str, str | None]
) -> tuple[set[str], set[str]]:
    """(independent article ids, independent outlets): a copy cluster is one voice, an outlet one vote."""
    first: dict[str, str] = {}
    for aid in sorted(set(article_ids)):
        cluster = cluster_of.get(aid, aid)
        if cluster not in first or aid == cluster:
            first[cluster] = aid
    outlets = {outlet_of.get(a) or f"article:{a}" for a in first.values()}
    return set(first.values()), outlets


def build_claims(
    events: Iterable[Mapping[str, Any]],
    statements: Iterable[Mapping[str, Any]],
    copies: Iterable[Mapping[str, Any]],
    articles: Iterable[Mapping[str, Any]],
    actors: Iterable[Mapping[str, Any]] = (),
    places: Iterable[Mapping[str, Any]] = (),
    presence: Iterable[Mapping[str, Any]] = (),
) -> tuple[list[dict], list[dict], dict]:
    """(claims rows, claim_members rows, members by claim id) — the last for the contradiction checks.

    `presence` accounts (see `presence`) become claims of their own, one per actor and place.
    """
    actors = list(actors)
    affiliation = {a["actor_id"]: a.get("affiliation") for a in actors}
    look = Lookup.of(actors, places)
    anonymous = {s["statement_id"]: bool(s.get("anonymous")) for s in statements}
    cluster_of = {c["article_id"]: c["cluster_id"] for c in copies}
    outlet_of = {a["article_id"]: a.get("outlet") for a in articles}
    events = list(events)
    by_id = {e["event_id"]: e for e in events}
    all_tops = top_level(events)
    tops = [e for e in all_tops if not happened(e)]
    keys = {e["event_id"]: claim_key(e, affiliation, by_id) for e in tops}
    _sentence_demands(tops, keys)
    groups: dict[tuple, list[Mapping[str, Any]]] = defaultdict(list)
    why: dict[str, str] = {}
    for e in tops:
        groups[keys[e["event_id"]]].append(e)
        why[e["event_id"]] = _key_reason(keys[e["event_id"]])
    published = {a["article_id"]: a.get("published") for a in articles}

    def root(actor: str | None) -> str | None:
        return actor_root(actor, affiliation)

    reports = [make_report(e, published.get(e["article_id"]), root) for e in all_tops if happened(e)]
    for incident in group_incidents(reports, PlaceIndex.of(places)):
        told = [r.event for r in incident.reports]
        groups[("INCIDENT", told[0].get("type"), min(e["event_id"] for e in told))] = told
        for report, reason in zip(incident.reports, incident.why, strict=True):
            why[report.event["event_id"]] = reason or "first report of this incident"
    for a in presence:
        groups[("PRESENCE", actor_root(a["actor"], affiliation), a["place"])].append(a)
        why[a["event_id"]] = "account of the same actor's presence in the same place"
    claims, members, by_claim = [], [], {}
    for key in sorted(groups, key=repr):
        evs = sorted(groups[key], key=_position)
        claim_id = stable_id(*key, sep=UNIT)
        indep_articles, outlets = independent_voices([e["article_id"] for e in evs], cluster_of, outlet_of)
        n_articles = len({e["article_id"] for e in evs})
        dates = sorted(e["date"] for e in evs if e.get("date"))
        if key[0] == "PRESENCE":
            line = presence_summary(key[1], key[2], look, n_articles, len(outlets))
            fields = {
                "type": "PRESENCE",
                "source_actor": key[1],
                "target_actor": None,
                "location": key[2],
                "modality": "happened",
            }
        else:
            first = _representative(evs)
            source = _common_source(evs, affiliation) if key[0] == "INCIDENT" else None if key[0] == "solo" else key[1]
            line = claim_summary(source, first, by_id, look, n_articles, len(outlets))
            fields = {
                "type": first.get("type"),
                "source_actor": source,
                "target_actor": _most_common(actor_root(e.get("target_actor"), affiliation) for e in evs),
                "location": _most_common(e.get("location") for e in evs),
                "modality": _most_common(e.get("modality") for e in evs),
            }
        claims.append(
            {
                "claim_id": claim_id,
                "summary": line,
                **fields,
                "first_date": dates[0] if dates else None,
                "last_date": dates[-1] if dates else None,
                "n_members": len(evs),
                "n_articles": n_articles,
                "n_outlets": len(outlets),
                "anonymous_only": all(anonymous.get(e.get("statement_id"), False) for e in evs),
                "status": "corroborated" if len(outlets) >= 2 else "single-source",
            }
        )
        seen_articles: set[str] = set()
        seen_members: set[str] = set()
        for e in evs:
            aid = e["article_id"]
            if e["event_id"] in seen_members:
                continue
            seen_members.add(e["event_id"])
            members.append(
                {
                    "claim_id": claim_id,
                    "member_id": e["event_id"],
                    "member_kind": e.get("member_kind", "event"),
                    "article_id": aid,
                    "outlet": outlet_of.get(aid),
                    "independent": aid in indep_articles and aid not in seen_articles,
                    "grouped_by": why.get(e["event_id"]),
                }
            )
            seen_articles.add(aid)
        by_claim[claim_id] = evs
    return claims, members, by_claim


def happened(event: Mapping[str, Any]) -> bool:
    """A report of an act that took place (not negated): grouped as an incident, not by a claim key."""
    return (event.get("modality") or "happened") == "happened" and not event.get("negated")


def _key_reason(key: tuple) -> str:
    if key[0] == "solo":
        return "no named actor: a claim of its own"
    kind, source, family, content = key
    about = f" about {content}" if content else ""
    return f"same claim key: {kind} by {source}, {family}{about}"


def _common_source(evs: list[Mapping[str, Any]], affiliation: Mapping[str, str | None]) -> str | None:
    """The acting actor the incident's reports name (they never name two: see `incidents.compatible`)."""
    return _most_common(actor_root(e.get("source_actor"), affiliation) for e in evs)


def _representative(evs: list[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The member that says most (a named source and content or place), earliest on ties: the summary's."""

    def richness(e: Mapping[str, Any]) -> int:
        return sum(
            bool(e.get(k))
            for k in ("source_actor", "content_event_id", "condition_event_id", "location", "target_actor")
        )

    return min(evs, key=lambda e: (-richness(e), _position(e)))


def _position(e: Mapping[str, Any]) -> tuple:
    return (e["article_id"], e.get("sentence_start") or 0, e["event_id"])


def _most_common(values: Iterable[str | None]) -> str | None:
    counts: dict[str, int] = defaultdict(int)
    for v in values:
        if v:
            counts[v] += 1
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None
