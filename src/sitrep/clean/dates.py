"""Publication dates as written in datelines: find them, and say how precise they are.

Only explicit calendar forms are read ("July 16, 2018", "16 July 2018", "2018-07-16", "July 2018", and
the dotted day-first "16.07.2018"); slashed numeric forms like 07/06/2018 are left alone because their
day/month order cannot be known from the text.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_FORMS = [
    re.compile(r"\b" + _YEAR + r"-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.I),
    re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I),
    re.compile(r"\b" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I),
    re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b"),  # day-first, dotted
]
_TIME = re.compile(r"\b\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?\b|\b\d{1,2}\s*[ap]\.?m\.?", re.I)


@dataclass(frozen=True)
class FoundDate:
    iso: str  # YYYY-MM-DD, month/year precision padded with 01
    precision: str  # day, month, year
    start: int
    end: int


def find_date(text: str) -> FoundDate | None:
    """The first valid explicit calendar date in `text`, else None."""
    found = []
    for form in _FORMS:
        for m in form.finditer(text):
            date = _to_date(m)
            if date:
                found.append(date)
    if not found:
        return None
    return min(found, key=lambda d: (d.start, -(d.end - d.start)))


def parse_published(value: str) -> FoundDate | None:
    """A date given by a container (manifest, JSONL, HTML meta): ISO prefixes first, then written forms."""
    value = value.strip()
    m = re.match(r"^((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?", value)
    if m:
        year, month, day = m.group(1), m.group(2), m.group(3)
        if day and _valid(int(year), int(month), int(day)):
            return FoundDate(f"{year}-{month}-{day}", "day", 0, m.end())
        if month and 1 <= int(month) <= 12:
            return FoundDate(f"{year}-{month}-01", "month", 0, m.end())
        return FoundDate(f"{year}-01-01", "year", 0, m.end())
    return find_date(value)


def strip_times(text: str) -> str:
    return _TIME.sub(" ", text)


def _to_date(m: re.Match) -> FoundDate | None:
    groups = m.groupdict()
    year = int(groups["year"])
    month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS[groups["month"].lower()]
    if groups.get("day"):
        day = int(groups["day"])
        if not _valid(year, month, day):
            return None
        return FoundDate(f"{year:04d}-{month:02d}-{day:02d}", "day", m.start(), m.end())
    return FoundDate(f"{year:04d}-{month:02d}-01", "month", m.start(), m.end())


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
