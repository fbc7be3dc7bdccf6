"""The plain-text line labeller as a rule table: each header or body line gets the first rule that fires.

A rule reads one line (with its neighbours and what the header has shown so far) and returns why it fires, or
None; `RULES` lists them in the order they are tried, each with the label it gives, so the order of the
decisions can be read (and audited) as data. A line no rule claims is article text. The byline and dateline
rules also record what they found (author, date, outlet) for the article's metadata.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypedDict

from sitrep.clean import phrases
from sitrep.clean.dates import FoundDate
from sitrep.clean.lines import Line, ends_sentence
from sitrep.clean.markdown import is_rule, link_share
from sitrep.clean.meta import byline_author, dateline

SHORT_PHRASE_LINE = 25  # words: a boilerplate phrase only counts on a line this short
SHORT_ONLY_LINE = 8  # ... and a `short_only` category's phrase on a line this short
PHOTO_CREDIT = re.compile(r"\b(?:credit|credits|photo|photograph|image|picture|source)\s*:\s*\S", re.I)
RELATED_ARROW = re.compile(r"^\s*(?:>>|»|→|▶|►)")
COPYRIGHT = re.compile(r"^\s*(?:©|\(c\))|(?:©|\(c\))\s*(?:19|20)\d\d", re.I)
SEPARATORS = re.compile(r"\s(?:>|\||/|»|·|•)\s")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


class Header(TypedDict, total=False):
    """What the header lines say about the article; the first of each found wins."""

    title: str
    author: str
    outlet: str  # named beside a dateline
    masthead: str  # a short name line at the top of the page
    date: FoundDate


@dataclass
class LineAt:
    """One line in its place: the rules look at its neighbours, and the header rules fill `found`."""

    lines: list[Line]
    i: int
    found: Header

    @property
    def line(self) -> Line:
        return self.lines[self.i]

    @property
    def text(self) -> str:
        return self.lines[self.i].text

    @property
    def words(self) -> int:
        return self.lines[self.i].words


Rule = Callable[[LineAt], str | None]


def line_key(text: str) -> str:
    """A line as compared with another: curly quotes straightened, case and spacing ignored."""
    return " ".join(text.translate(_QUOTES).lower().split())


def only_weak_words(text: str, weak: list[str]) -> bool:
    """True when nothing but share/navigation words (and numbers) is left once they are taken out."""
    rest = phrases.normalise(text)
    for word in sorted(weak, key=len, reverse=True):
        rest = re.sub(rf"(?:^| ){re.escape(phrases.normalise(word))}(?= |$)", " ", rest)
    return not re.sub(r"\d+", " ", rest).strip()


def _byline(at: LineAt) -> str | None:
    author = byline_author(at.text)
    if not author:
        return None
    at.found.setdefault("author", author)
    return f"byline naming '{author}'"


def _dateline(at: LineAt) -> str | None:
    dated = dateline(at.text, at.found.get("author"))
    if not dated:
        return None
    date, outlet = dated
    at.found.setdefault("date", date)
    if outlet:
        at.found.setdefault("outlet", outlet)
    beside = f" beside the outlet '{outlet}'" if outlet else ""
    return f"short line stating the date {date.iso}{beside}"


def _separator(at: LineAt) -> str | None:
    return "separator line" if is_rule(at.line.raw) else None


def _menu(at: LineAt) -> str | None:
    short_items = SEPARATORS.search(at.text) and at.words <= 12 and not ends_sentence(at.text)
    return "navigation: short items between separators (menu or breadcrumb)" if short_items else None


def _taxonomy(at: LineAt) -> str | None:
    label = at.text.split(":", 1)[0] if ":" in at.text else ""
    if label and phrases.is_exactly(phrases.vocabulary()["taxonomy_labels"], label):
        return f"taxonomy line ('{label}:')"
    return None


def _no_words(at: LineAt) -> str | None:
    return "markup only, no words" if not at.text else None


def _related(at: LineAt) -> str | None:
    """A related-stories header (`Read more:`, `>> ...`) or a teaser of another story (`Related: Title`)."""
    text = at.text
    if at.words > 25:
        return None
    if RELATED_ARROW.match(text):
        return "teaser line opening with an arrow"
    markers = phrases.vocabulary()["related_markers"]
    exact = phrases.is_exactly(markers, text)
    if exact:
        return f"related-stories header '{exact}'"
    if text.endswith(":") and phrases.starts_with(phrases.vocabulary()["related_lead"], text):
        return f"related-stories header '{text}'"
    head = text.split(":", 1)[0] if ":" in text else ""
    if head and phrases.is_exactly(markers, head) and not ends_sentence(text[len(head) + 1 :] or "."):
        return f"teaser of another story ('{head}:')"
    if head and phrases.is_exactly(markers, head) and at.words <= 15:
        return f"teaser of another story ('{head}:')"
    return None


def _copyright(at: LineAt) -> str | None:
    return "copyright notice" if COPYRIGHT.search(at.text) and at.words <= SHORT_PHRASE_LINE else None


def _boilerplate_lead(at: LineAt) -> str | None:
    lead = phrases.starts_with(phrases.vocabulary()["lead"], at.text)
    return f"paragraph opening with boilerplate phrase '{lead}'" if lead else None


def _strong_phrase(at: LineAt) -> str | None:
    """A short line with a phrase of a strong category (subscribe, cookies, ...); some categories only count
    on very short lines."""
    if at.words > SHORT_PHRASE_LINE:
        return None
    vocab = phrases.vocabulary()
    for category, words in vocab["strong"].items():
        if category in vocab["short_only"] and at.words > SHORT_ONLY_LINE:
            continue
        phrase = phrases.find(words, at.text)
        if phrase:
            return f"short line matching {category} phrase '{phrase}'"
    return None


def _photo_credit(at: LineAt) -> str | None:
    return "photo credit line" if at.words <= SHORT_PHRASE_LINE and PHOTO_CREDIT.search(at.text) else None


def _weak_words_only(at: LineAt) -> str | None:
    weak_only = at.words <= 6 and only_weak_words(at.text, phrases.vocabulary()["weak"])
    return "short line made only of share/navigation words" if weak_only else None


def _link_text(at: LineAt) -> str | None:
    share = link_share(at.line.raw)
    return f"navigation: {share:.0%} of the line is link text" if share >= 0.5 and at.words <= 30 else None


def _caption_before_credit(at: LineAt) -> str | None:
    text = at.text
    nxt = at.lines[at.i + 1].text if at.i + 1 < len(at.lines) else ""
    repeated = at.words >= 4 and nxt != text and nxt.startswith(text) and PHOTO_CREDIT.search(nxt[len(text) :])
    return "photo caption repeated in the credit line that follows" if repeated else None


def _repeat(at: LineAt) -> str | None:
    repeats = at.words >= 4 and at.i > 0 and line_key(at.lines[at.i - 1].text) == line_key(at.text)
    return "repeats the line before" if repeats else None


RULES: tuple[tuple[str, Rule], ...] = (
    ("byline", _byline),
    ("dateline", _dateline),
    ("boilerplate", _separator),
    ("boilerplate", _menu),
    ("boilerplate", _taxonomy),
    ("boilerplate", _no_words),
    ("related", _related),
    ("boilerplate", _copyright),
    ("boilerplate", _boilerplate_lead),
    ("boilerplate", _strong_phrase),
    ("boilerplate", _photo_credit),
    ("boilerplate", _weak_words_only),
    ("boilerplate", _link_text),
    ("boilerplate", _caption_before_credit),
    ("boilerplate", _repeat),
)


def label_line(lines: list[Line], i: int, found: Header) -> tuple[str, str]:
    """(label, reason) of line `i` from the first rule that fires; article text when none does."""
    at = LineAt(lines, i, found)
    for label, rule in RULES:
        reason = rule(at)
        if reason:
            return label, reason
    return "body", "article text"
