"""Metadata a plain text states about itself: byline author, dateline outlet and date, URL host.

These read single short lines near the top of a copy-paste ("By Jane Doe", "Daily Planet, July 16, 2018");
anything longer or sentence-like is article text and is left alone, so nothing is guessed from prose.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from sitrep.clean.dates import FoundDate, find_date, strip_times

_NAME_WORD = r"[A-Z][\w'’.\-]*"
_PARTICLE = r"(?:and|&|de|del|della|da|di|van|von|der|al|el|bin|ibn|la|le|du|dos|ter)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{_PARTICLE}))*"
_BYLINE = re.compile(rf"^(?:written\s+by|words\s+by|by|author:?|posted\s+by)\s+({_NAME})(.*)$", re.I)
_DATE_WORDS = re.compile(
    r"\b(?:published|updated|posted|last\s+updated|on|at|date|dated|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun)\b\.?:?",
    re.I,
)
_TAIL_OK = re.compile(r"^\s*(?:$|[,(|/–—-]|\bfor\b|\bin\b)")


def byline_author(line: str) -> str | None:
    """The name in a byline line ("By Jane Doe", "by Jane Doe (Home)", "By Jane Doe, Reuters"), else None."""
    if len(line.split()) > 12 or line.rstrip().endswith((".", "!", "?")) and not _ends_in_initial(line):
        return None
    m = _BYLINE.match(line.strip())
    if not m or not _TAIL_OK.match(m.group(2)):
        return None
    name = m.group(1).strip(" .,")
    words = name.split()
    if not 1 <= len(words) <= 6 or not words[0][0].isupper():
        return None
    return name


def dateline(line: str, author: str | None = None) -> tuple[FoundDate, str | None] | None:
    """A short line that is mostly a date: returns the date and the outlet named beside it, if any."""
    text = line.strip()
    if len(text.split()) > 12 or text.endswith((".", "!", "?")):
        return None
    date = find_date(text)
    if not date:
        return None
    rest = strip_times(text[: date.start] + " " + text[date.end :])
    rest = _DATE_WORDS.sub(" ", rest)
    rest = rest.strip(" ,|:;–—-·•()[]")
    if len(rest.split()) > 6:
        return None
    return date, _outlet_name(rest, author)


def host_outlet(url: str | None) -> str | None:
    """The site's host name, without `www.`: the outlet when the text names none."""
    if not url:
        return None
    host = urlparse(url).hostname or ""
    host = host.removeprefix("www.")
    return host or None


def normalise_outlet(name: str | None) -> str | None:
    """One spelling per outlet, so a masthead in capitals and a dateline in title case count as one source.

    A tagline after a dash or bar is dropped ("Daily X - Breaking News 24/7" is Daily X); a name in
    capitals is title-cased, keeping short words that are likely acronyms (BBC, RT) as they are.
    """
    if not name:
        return None
    name = re.split(r"\s+[-|–—:]\s+", name.strip(), maxsplit=1)[0].strip()
    if name.isupper() and len(name) > 4:
        name = " ".join(w if len(w) <= 3 else w.capitalize() for w in name.split())
    return name or None


def _outlet_name(rest: str, author: str | None) -> str | None:
    words = rest.split()
    if not 1 <= len(words) <= 5 or not all(w[0].isupper() or w[0].isdigit() or w in "&" for w in words):
        return None
    if author and rest.lower() == author.lower():  # "By X, date": X is the author, not an outlet
        return None
    return rest


def _ends_in_initial(line: str) -> bool:
    return bool(re.search(r"\b[A-Z]\.$", line.rstrip()))
