"""Incidents: reports of things that happened, grouped only when they can be one real-world event.

A claim key (type, acting actor, modality) gathers every "the army shelled X" of a case into one claim, years
apart. What happened is an incident: one act at one place and time. Two reports are put together only when
nothing they state rules it out — the same or a nested place, dates that fit each report's precision and
publication date, no two different named actors on one side — and something they state points to it: the
same named actor, the same place, the same casualty figure, or much the same wording. Each member keeps that
evidence, so a reader can see why it was grouped.

Reports are blocked by event type and day, and compared only inside a block and its neighbouring days, so the
work grows with the number of reports on one day, not with the case squared. A report joins the incident
it is most like among those whose every member is compatible with it and one of whose members gives
positive evidence, so a chain of loose likenesses never joins two incompatible reports.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sitrep.across.casualties import Figure, counts, figures, one_per_group

#: Reports whose only dates are publication dates can be a day apart (filed late at night, a wire's next day).
PUBLISHED_SLACK_DAYS = 1
#: Two day-precise dates this far apart can still be one act misdated by one report ("Thursday" against
#: "overnight"); only the same account retold joins them (RETOLD_WORDING and a second likeness), and the
#: dates become a time contradiction. A town struck on two days by one actor is two incidents.
DATED_SLACK_DAYS = 2
RETOLD_WORDING = 0.6
#: Content-word overlap (Jaccard) of two sentences at which their wording alone says "the same event".
SIMILAR_WORDING = 0.4
#: Places this close are one place for grouping (a neighbourhood and its town, two spellings of a village).
NEAR_KM = 15.0
#: The smallest toll that counts as evidence when two reports give close but different figures.
CLOSE_TOLL_MIN = 10
#: The most reports of one type and day compared with each other; past it a block is split in arrival order.
MAX_BLOCK = 400

_WORD = re.compile(r"[a-z][a-z'-]{2,}")
_STOP = frozenset(
    "the and for that with from this have has had were was are been into after over about said says also "
    "their they them its which who when where while than then there these those would could should will "
    "including among least more most other some such only just very early late on in at of by to a an".split()
)


@dataclass
class Report:
    """One happened event as grouping sees it."""

    event: Mapping[str, Any]
    day: date | None  # the day the event is dated to, when the text dates it to a day
    published: date | None
    source: str | None  # acting actor rolled up to the state or group it acts for
    target: str | None
    place: str | None
    words: frozenset[str]
    figures: frozenset[tuple[str, str, int]] = field(default_factory=frozenset)
    tolls: tuple[Figure, ...] = ()


@dataclass
class Incident:
    reports: list[Report] = field(default_factory=list)
    why: list[str] = field(default_factory=list)  # per report: the evidence it joined on ("" for the first)


@dataclass(frozen=True)
class PlaceIndex:
    """Where each place id lies, for nesting and nearness."""

    country: Mapping[str, str | None] = field(default_factory=dict)
    feature: Mapping[str, str | None] = field(default_factory=dict)
    point: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    name: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, places: Iterable[Mapping[str, Any]]) -> PlaceIndex:
        places = list(places)
        return cls(
            country={p["place_id"]: p.get("country") for p in places},
            feature={p["place_id"]: p.get("feature") for p in places},
            point={p["place_id"]: (p["lat"], p["lon"]) for p in places if p.get("lat") is not None},
            name={p["place_id"]: p.get("name") or p["place_id"] for p in places},
        )

    def km(self, a: str, b: str) -> float | None:
        if a not in self.point or b not in self.point:
            return None
        (lat1, lon1), (lat2, lon2) = self.point[a], self.point[b]
        p1, p2 = math.radians(lat1), math.radians(lat2)
        h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
        return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))

    def same(self, a: str, b: str) -> bool:
        """One place: the same id, or two non-country places within NEAR_KM."""
        if a == b:
            return True
        if "country" in (self.feature.get(a), self.feature.get(b)):
            return False
        dist = self.km(a, b)
        return dist is not None and dist <= NEAR_KM

    def nested(self, a: str, b: str) -> bool:
        """One place lies in the other (a town in its country), or they are one place."""
        if self.same(a, b):
            return True
        for whole, part in ((a, b), (b, a)):
            if self.feature.get(whole) == "country" and self.country.get(part) == self.country.get(whole):
                return True
        return False


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


def wording(a: Report, b: Report) -> float:
    if not a.words or not b.words:
        return 0.0
    return len(a.words & b.words) / len(a.words | b.words)


def _iso(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def make_report(event: Mapping[str, Any], published: str | None, root: Callable[[str | None], str | None]) -> Report:
    day = _iso(event.get("date")) if event.get("date_precision") == "day" else None
    sentence = event.get("sentence") or event.get("anchor") or ""
    found = figures(sentence)  # parsed once for both the shared figures and the per-group tolls
    return Report(
        event=event,
        day=day,
        published=_iso(published),
        source=root(event.get("source_actor")),
        target=root(event.get("target_actor")),
        place=event.get("location"),
        words=content_words(sentence),
        figures=frozenset(counts(found)),
        tolls=tuple(one_per_group(found)),
    )


def _days_fit(a: Report, b: Report) -> bool:
    """Day-precise dates may differ by up to DATED_SLACK_DAYS (then only strong evidence joins them, and the
    dates are reported as a contradiction); otherwise publication dates (or one's day and the other's
    publication) may be PUBLISHED_SLACK_DAYS apart; with no date at all nothing is ruled out by time."""
    if a.day and b.day:
        return a.day == b.day or (abs((a.day - b.day).days) <= DATED_SLACK_DAYS and _retold(a, b))
    da, db = a.day or a.published, b.day or b.published
    if da is None or db is None:
        return True
    return abs((da - db).days) <= PUBLISHED_SLACK_DAYS


def compatible(a: Report, b: Report, places: PlaceIndex) -> bool:
    """Nothing the two reports state rules out one event."""
    if a.event.get("type") != b.event.get("type") or not _days_fit(a, b):
        return False
    if a.source and b.source and a.source != b.source:
        return False
    if a.target and b.target and a.target != b.target:
        return False
    return not (a.place and b.place and not places.nested(a.place, b.place))


def evidence(a: Report, b: Report, places: PlaceIndex) -> str | None:
    """What points to one event (None when nothing does): named actor, place, casualty figure, wording."""
    why = []
    if a.source and a.source == b.source:
        why.append(f"same actor {a.source}")
    if a.place and b.place and places.same(a.place, b.place) and places.feature.get(a.place) != "country":
        why.append(f"same place {places.name.get(a.place, a.place)}")
    shared = sorted(a.figures & b.figures)
    if shared:
        category, outcome, n = shared[0]
        why.append(f"same figure: {n} {category} {outcome}")
    elif close := _close_tolls(a, b):
        why.append(close)
    overlap = wording(a, b)
    if overlap >= SIMILAR_WORDING:
        why.append(f"similar wording ({overlap:.2f})")
    if not why or (why == [f"same actor {a.source}"] and not (a.day and b.day)):
        return None  # one actor acting again within a day or two is no evidence of one act
    return "; ".join(why)


def _close_tolls(a: Report, b: Report) -> str | None:
    """Tolls of one group that agree within a tenth ("nearly 30" and "at least 29 killed"): reports of one
    day's fighting rarely give the same toll twice by chance. Tolls under CLOSE_TOLL_MIN say too little."""
    for fa in a.tolls:
        for fb in b.tolls:
            same_group = (fa.category, fa.outcome) == (fb.category, fb.outcome)
            big = min(fa.n, fb.n) >= CLOSE_TOLL_MIN
            if same_group and big and not fa.clashes_with(fb) and abs(fa.n - fb.n) <= 0.1 * max(fa.n, fb.n):
                return f"close tolls: {fa.n} and {fb.n} {fa.category} {fa.outcome}"
    return None


def _retold(a: Report, b: Report) -> bool:
    """The same account told again (nearly the same words, and the same figure or place): one act even
    when the two reports date it to different days."""
    same_place = bool(a.place and b.place and a.place == b.place)
    return wording(a, b) >= RETOLD_WORDING and (bool(a.figures & b.figures) or same_place)


def _day_of(report: Report) -> date | None:
    return report.day or report.published


def group_incidents(reports: Iterable[Report], places: PlaceIndex) -> list[Incident]:
    """Incidents over the reports, deterministic for the same input (reports are taken in a fixed order)."""
    reports = sorted(reports, key=lambda r: (str(_day_of(r)), r.event["article_id"], r.event["event_id"]))
    by_block: dict[tuple[str, date | None], list[Incident]] = defaultdict(list)
    incidents: list[Incident] = []
    for report in reports:
        day = _day_of(report)
        kind = str(report.event.get("type"))
        days = [day] if day is None else [day + timedelta(days=k) for k in (0, -1, 1)]
        home = _join(report, [i for d in days for i in by_block.get((kind, d), [])], places)
        if home is None:
            home = Incident([report], [""])
            incidents.append(home)
            block = by_block[(kind, day)]
            if len(block) >= MAX_BLOCK:
                block.pop(0)
            block.append(home)
    return incidents


def _join(report: Report, candidates: list[Incident], places: PlaceIndex) -> Incident | None:
    """Add the report to the candidate incident it is most like (every member compatible, one with evidence)."""
    best: tuple[float, int, Incident, str] | None = None
    for n, incident in enumerate(candidates):
        if not all(compatible(report, other, places) for other in incident.reports):
            continue
        for other in incident.reports:
            why = _joined_on(report, other, places)
            if why:
                strength = why.count(";") + 1 + wording(report, other)
                if best is None or (strength, -n) > (best[0], -best[1]):
                    best = (strength, n, incident, why)
    if best is None:
        return None
    best[2].reports.append(report)
    best[2].why.append(best[3])
    return best[2]


def _joined_on(report: Report, other: Report, places: PlaceIndex) -> str | None:
    """Evidence across articles; inside one article only the same sentence (two verbs of one act) counts,
    since an article's other sentences mostly tell other acts."""
    if other.event["article_id"] == report.event["article_id"]:
        same = other.event.get("sentence_start") == report.event.get("sentence_start")
        return "same sentence of the same article" if same else None
    why = evidence(report, other, places)
    return f"{why} (with article {other.event['article_id']})" if why else None
