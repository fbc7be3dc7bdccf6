"""The plain-text cleaner: label each line of a copy-pasted page and keep the article body.

Why our own code: HTML extractors (trafilatura, readability, jusText, boilerpipe) work on the DOM and
need tags, link density and markup to decide; once a page has been copied as plain text (what analysts
mostly collect, and what our seeds are) that structure is gone and no maintained tool labels the lines
of such a text. So we apply the same ideas to lines: boilerplate phrase lists and short-line rules
(web-corpus line filters), link density on markdown links, jusText-like stop-word density through an
off-topic check, boilerpipe-like end-of-text and comment-start markers, and say for each line which rule
fired so a reader can audit it.
"""

from __future__ import annotations

import re

from sitrep.clean import Block, Cleaned, phrases
from sitrep.clean.assemble import assemble
from sitrep.clean.comments import thread_start
from sitrep.clean.line_rules import SEPARATORS, Header, label_line, line_key, only_weak_words
from sitrep.clean.lines import Line, ends_sentence, split_lines
from sitrep.clean.markdown import is_heading
from sitrep.clean.meta import byline_author, dateline, normalise_outlet
from sitrep.clean.offtopic import shared_shares

_LONG = 20  # words: a line this long is prose
_NOTHING_SHARED = 0.03  # content-word share under which a paragraph is off-topic on its own
_LITTLE_SHARED = 0.12  # ... and under which it is off-topic when a second sign agrees
_FEW_NAMES_SHARED = 0.3


def clean_text(content: str, title: str | None = None) -> Cleaned:
    """Label the lines of a plain text; the body is what stays `body`.

    `title` (from the container) marks the lines that repeat it as title even when not first.
    """
    lines = split_lines(content)
    labels: list[tuple[str, str] | None] = [None] * len(lines)
    found: Header = {}
    _label_title(lines, labels, title, found)
    skip = {i for i, lab in enumerate(labels) if lab}
    start = thread_start(lines, skip)
    end = start[0] if start else len(lines)
    done: list[tuple[str, str]] = []  # every line labelled, the header's labels kept
    for i, label in enumerate(labels):
        if label:
            done.append(label)
        elif start is not None and i >= end:
            inside = f"inside the comment thread begun at line {end + 1}"
            done.append(("comments", start[1] if i == end else inside))
        else:
            done.append(label_line(lines, i, found))
    _label_related_runs(lines, done, end)
    _label_tail(lines, done, end)
    _label_off_topic(lines, done, found.get("title") or "")
    blocks = [Block(kind, reason, line.text) for line, (kind, reason) in zip(lines, done, strict=True)]
    date = found.get("date")
    return Cleaned(
        text=assemble(blocks),
        format="text",
        title=found.get("title"),
        author=found.get("author"),
        outlet=normalise_outlet(found.get("outlet") or found.get("masthead")),
        published=date.iso if date else None,
        published_precision=date.precision if date else None,
        blocks=blocks,
    )


def _label_title(lines: list[Line], labels: list[tuple[str, str] | None], given: str | None, found: Header) -> None:
    """The headline is the first header line that reads like one (a markdown heading, or four to thirty
    words not ending in a full stop); shorter lines above or beside it are the masthead or a section
    menu. Repeats of the headline before the prose are title too."""
    header = range(_first_prose(lines))
    if given:
        found["title"] = " ".join(given.split())
    for i in header:
        line = lines[i]
        if given:
            break
        if SEPARATORS.search(line.text) or byline_author(line.text) or dateline(line.text):
            continue
        if is_heading(line.raw) or (4 <= line.words <= 30 and not line.text.endswith(".")):
            found["title"] = line.text
            note = " (markdown heading)" if is_heading(line.raw) else ""
            labels[i] = ("title", "first headline-like line of the header" + note)
            break
    if found.get("title"):
        key = line_key(found["title"])
        for i in header:
            if not labels[i] and line_key(lines[i].text) == key:
                labels[i] = ("title", "repeats the headline")
    for i in header:
        line = lines[i]
        if labels[i] or not _masthead_like(line) or byline_author(line.text) or dateline(line.text):
            continue
        if only_weak_words(line.text, phrases.vocabulary()["weak"]):
            continue
        labels[i] = ("boilerplate", "masthead: short name line in the page header")
        found.setdefault("masthead", line.text)


def _first_prose(lines: list[Line]) -> int:
    return next((i for i, line in enumerate(lines) if line.words >= _LONG), len(lines))


def _masthead_like(line: Line) -> bool:
    name = re.split(r"\s+[-|–—]\s+", line.text, maxsplit=1)[0]  # "Name - Breaking News 24/7"
    words = name.split()
    return (
        1 <= len(words) <= 4 and ":" not in name and not ends_sentence(line.text) and all(w[0].isupper() for w in words)
    )


def _label_related_runs(lines: list[Line], labels: list, end: int) -> None:
    """Short lines right after a related-stories header, and runs of two or more headline-like lines,
    list other stories."""
    for i in range(1, end):
        if labels[i][0] == "body" and labels[i - 1][0] == "related" and _short_item(lines[i]):
            labels[i] = ("related", "short line in the list under a related-stories header")
    i = 0
    while i < end:
        j = i
        while j < end and labels[j][0] == "body" and _headline_like(lines[j]):
            j += 1
        if j - i >= 2:
            for k in range(i, j):
                labels[k] = ("related", "headline-like line in a list of other stories' headlines")
        i = max(j, i + 1)


def _short_item(line: Line) -> bool:
    return line.words <= 15 and not ends_sentence(line.text)


def _label_tail(lines: list[Line], labels: list, end: int) -> None:
    """Past the article's last prose paragraph and the boilerplate after it, short lines are page furniture;
    past a closing notice (copyright, disclaimer, "originally published") that has more article above it
    than below, everything is."""
    markers = phrases.vocabulary()["end_markers"]
    body_before = 0
    for i in range(end):
        kind = labels[i][0]
        if kind == "body":
            body_before += lines[i].words
            continue
        if kind != "boilerplate" or not body_before or not phrases.find(markers, lines[i].text):
            continue
        after = [k for k in range(i + 1, end) if labels[k][0] == "body"]
        if sum(lines[k].words for k in after) < body_before:
            for k in after:
                labels[k] = ("boilerplate", f"follows the closing notice at line {i + 1}")
        break
    prose = [i for i in range(end) if labels[i][0] == "body" and lines[i].words >= _LONG]
    last_prose = prose[-1] if prose else None
    if last_prose is None:
        return
    furniture = False
    for i in range(last_prose + 1, end):
        kind = labels[i][0]
        if kind in ("boilerplate", "related"):
            furniture = True
        elif kind == "body" and furniture:
            labels[i] = ("related", "short line after the article's end (page tail: other stories, captions)")


def _label_off_topic(lines: list[Line], labels: list, title: str) -> None:
    """A paragraph about another story: it shares (almost) no content words with the article, or few
    words and few names while a headline of its own sits glued on top of it, or it opens "In other news"."""
    body = [i for i, lab in enumerate(labels) if lab[0] == "body"]
    shares = shared_shares([lines[i].text for i in body], title)
    other_story = phrases.vocabulary()["other_story_lead"]
    for i, share in zip(body, shares, strict=True):
        prev = i - 1
        glued = (
            prev >= 0 and labels[prev][0] == "body" and lines[prev].para == lines[i].para and (_short_item(lines[prev]))
        )
        lead = phrases.starts_with(other_story, lines[i].text)
        if lead:
            reason = f"opens with '{lead}': a paragraph about another story"
        elif share is None:
            continue
        elif share[0] <= _NOTHING_SHARED:
            reason = f"shares only {share[0]:.0%} of its content words with the rest of the article"
        elif share[0] <= _LITTLE_SHARED and share[1] <= _FEW_NAMES_SHARED and glued:
            reason = (
                f"shares only {share[0]:.0%} of its content words and {share[1]:.0%} of its names with the"
                " rest of the article, under a headline of its own"
            )
        else:
            continue
        labels[i] = ("off_topic", reason)
        if glued:
            labels[prev] = ("off_topic", "headline of the off-topic paragraph below it")


def _headline_like(line: Line) -> bool:
    text = line.text
    if not 3 <= line.words <= 20 or ends_sentence(text) or text.endswith(","):
        return False
    long_words = [w for w in text.split() if len(w) > 3]
    if not long_words:
        return False
    return sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.6
