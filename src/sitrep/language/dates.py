"""Date expressions in one article, resolved against its publication date and never beyond what it says.

Spans come from spaCy's DATE entities plus a few regexes for forms the model misses; each span is resolved
by explicit rules (absolute, weekday, relative) so the precision is known, not guessed. dateparser is a
last resort for spans that hold a month name or a year, because on free text it reads words like "Do" as
dates. A year nothing anchors stays unknown (`--12-01`), and so does a weekday in an undated article.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUMBERS = {
    w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
} | {"a": 1, "an": 1}
DAY_WORDS = {"yesterday": -1, "today": 0, "tomorrow": 1}
UNITS = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
}

_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WD = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
SPAN_RE = re.compile(
    rf"\b(?:{_MON} {_DAY},? {_YEAR}|{_DAY} {_MON},? {_YEAR}|{_MON},? {_YEAR}|{_MON} {_DAY}\b|{_DAY} {_MON}"
    rf"|\d{{4}}-\d\d-\d\d|(?:last |next |this )?{_WD}|yesterday|today|tomorrow"
    r"|(?:last|this|next) (?:week|month|year)"
    r"|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an) "
    r"(?:days?|weeks?|months?|years?) (?:ago|earlier|prior|before|later))\b",
    re.IGNORECASE,
)
ISO_RE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
TOKEN_RE = re.compile(r"[A-Za-z]+\.?|\d+")
EDGE_WORDS = {"on", "in", "the", "of", "since", "by", "early", "late", "mid", "earlier", "from", "until"}


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _shift_months(d: date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def _result(start: date | None, end: date | None, precision: str, subkind: str, norm: str | None = None):
    return {
        "norm_id": norm or (start.isoformat() if start else None),
        "date_end": end.isoformat() if end and end != start else None,
        "precision": precision,
        "subkind": subkind,
    }


def _words(span: str) -> list[str]:
    return [w.lower().rstrip(".") for w in TOKEN_RE.findall(span.replace("-", " "))]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _absolute(words: list[str], pub: date | None, pub_prec: str | None) -> dict | None:
    months = [MONTHS[w] for w in words if w in MONTHS]
    years = [int(w) for w in words if w.isdigit() and len(w) == 4 and 1800 <= int(w) <= 2100]
    days = [
        int(re.sub(r"\D", "", w))
        for w in words
        if re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", w) and 1 <= int(re.sub(r"\D", "", w)) <= 31
    ]
    if not months:
        if years and len(words) <= 3:
            y = years[0]
            return _result(date(y, 1, 1), date(y, 12, 31), "year", "absolute")
        return None
    m = months[0]
    if years:
        y = years[0]
        if days:
            d = _safe_date(y, m, days[0])
            return _result(d, None, "day", "absolute") if d else None
        return _result(date(y, m, 1), _month_end(y, m), "month", "absolute")
    if pub is None:
        if days:
            return _result(None, None, "unknown", "absolute", norm=f"--{m:02d}-{days[0]:02d}")
        return _result(None, None, "unknown", "absolute", norm=f"--{m:02d}")
    # Without a year, news means the most recent such date: this year, or last year if that is still ahead.
    ahead = (m, days[0] if days else 1) > (pub.month, pub.day + 7)
    y = pub.year - 1 if ahead and pub_prec in (None, "day") else pub.year
    if days:
        d = _safe_date(y, m, days[0])
        return _result(d, None, "day", "absolute") if d else None
    return _result(date(y, m, 1), _month_end(y, m), "month", "absolute")


def _weekday(words: list[str], pub: date | None, pub_prec: str | None) -> dict | None:
    names = [w for w in words if w in WEEKDAYS]
    if not names:
        return None
    if pub is None or pub_prec not in (None, "day"):
        return _result(None, None, "unknown", "weekday")
    back = (pub.weekday() - WEEKDAYS[names[0]]) % 7
    if "next" in words:
        d = pub + timedelta(days=(WEEKDAYS[names[0]] - pub.weekday()) % 7 or 7)
    else:
        d = pub - timedelta(days=back or (7 if "last" in words else 0))
    return _result(d, None, "day", "weekday")


def _offset(words: list[str]) -> int | None:
    """How many units forward (+) or back (-) the words say; None when they name a stretch, not a point."""
    count = next((NUMBERS.get(w, int(w) if w.isdigit() else None) for w in words if w in NUMBERS or w.isdigit()), None)
    if count is None and any(w.endswith("s") and w in UNITS for w in words):
        return None  # "the last years of war" is a stretch of time, not a date
    sign = 1 if ("later" in words or "next" in words) else -1
    if count is not None and any(w in ("ago", "earlier", "prior", "before", "later") for w in words):
        return sign * count
    if "last" in words or "next" in words:
        return sign
    return 0 if "this" in words else None


def _relative(words: list[str], pub: date | None, pub_prec: str | None) -> dict | None:
    unit = next((UNITS[w] for w in words if w in UNITS), None)
    day_word = next((w for w in words if w in DAY_WORDS), None)
    n = DAY_WORDS[day_word] if day_word else _offset(words) if unit else None
    if n is None:
        return None
    unit = "day" if day_word else unit
    if (
        pub is None
        or (unit in ("day", "week") and pub_prec not in (None, "day"))
        or (unit == "month" and pub_prec == "year")
    ):
        return _result(None, None, "unknown", "relative")
    if unit == "day":
        return _result(pub + timedelta(days=n), None, "day", "relative")
    if unit == "week":
        if not any(w in ("last", "next", "this") for w in words):
            return _result(pub + timedelta(weeks=n), None, "day", "relative")
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=n)
        return _result(monday, monday + timedelta(days=6), "day", "relative")
    if unit == "month":
        y, m = _shift_months(pub, n)
        return _result(date(y, m, 1), _month_end(y, m), "month", "relative")
    return _result(date(pub.year + n, 1, 1), date(pub.year + n, 12, 31), "year", "relative")


def _with_dateparser(span: str, pub: date | None) -> dict | None:
    """Last resort for odd absolute forms ("the 1st of December 2017"); only with a year in the span, so
    the year it returns is the text's, not today's."""
    if pub is None or not re.search(_YEAR, span) or not any(w in MONTHS for w in _words(span)):
        return None
    from dateparser.date import DateDataParser

    data = DateDataParser(languages=["en"]).get_date_data(span)
    if data.date_obj is None:
        return None
    d = data.date_obj.date()
    if data.period == "month":
        return _result(d.replace(day=1), _month_end(d.year, d.month), "month", "absolute")
    if data.period == "year":
        return _result(date(d.year, 1, 1), date(d.year, 12, 31), "year", "absolute")
    return _result(d, None, "day", "absolute")


def resolve(span: str, published: str | None, precision: str | None = None) -> dict[str, Any] | None:
    """One expression -> norm_id, date_end, precision, subkind; None when it is not a date we can read."""
    if re.search(r"\d{4}s\b", span):
        return None  # a decade is a period, not a date
    m = ISO_RE.match(span.strip())
    if m:
        d = _safe_date(*map(int, m.groups()))
        return _result(d, None, "day", "absolute") if d else None
    pub = date.fromisoformat(published[:10]) if published else None
    words = _words(span)
    if not words:
        return None
    for rule in (_absolute, _weekday, _relative):
        out = rule(words, pub, precision)
        if out:
            return out
    return _with_dateparser(span, pub)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading function words spaCy includes in DATE spans ("the", "early") but keep the date."""
    while True:
        head = text[start:end].split(" ", 1)
        if len(head) == 2 and head[0].lower() in EDGE_WORDS - {"early", "late", "mid"}:
            start += len(head[0]) + 1
        else:
            return start, end


def _candidates(text: str, doc: Doc) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in SPAN_RE.finditer(text)]
    for ent in doc.ents:
        if ent.label_ == "DATE":
            spans.append(_trim(text, ent.start_char, ent.end_char))
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    return spans


def find_dates(
    text: str, doc: Doc, published: str | None, published_precision: str | None = None
) -> list[dict[str, Any]]:
    """Every resolvable date expression, longest first where spans overlap, as `mentions` rows without ids."""
    chosen: list[dict[str, Any]] = []
    for start, end in _candidates(text, doc):
        if any(start < c["end"] and end > c["start"] for c in chosen):
            continue
        span = text[start:end]
        if span.lower() == "may" or not span.strip():
            continue
        res = resolve(span, published, published_precision)
        if res is None:
            continue
        chosen.append(
            {
                "start": start,
                "end": end,
                "text": span,
                "kind": "date",
                "subkind": res["subkind"],
                "norm_id": res["norm_id"],
                "precision": res["precision"],
                "date_end": res["date_end"],
                "method": res["subkind"],
                "confidence": 0.9 if res["norm_id"] else 0.5,
            }
        )
    return sorted(chosen, key=lambda r: (r["start"], r["end"]))
