"""Casualty figures as a sentence states them: how many of whom were killed or wounded, and how sure.

"at least 22 people killed", "Seventeen civilians including eight children were killed", "killing 15
civilians", "4 killed and 12 injured". A figure is exact, a lower bound ("at least", "more than", "over") or
rough ("nearly", "about", "dozens"); only exact figures and bounds can contradict one another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.across.wordlists import alternation, word_lists

_WORDS = word_lists("casualties.tsv")
_NUMBER_WORDS = {p: int(k.split(":")[1]) for k, ps in _WORDS.items() if k.startswith("number:") for p in ps}
_CATEGORY = {p: k.split(":")[1] for k, ps in _WORDS.items() if k.startswith("category:") for p in ps}
_OUTCOME = {p: k.split(":")[1] for k, ps in _WORDS.items() if k.startswith("outcome:") for p in ps}
_VERB = {p: k.split(":")[1] for k, ps in _WORDS.items() if k.startswith("verb:") for p in ps}

_NUM = r"\d{1,3}(?:,\d{3})+|\d+|" + alternation(_NUMBER_WORDS)
_BOUND = r"(?P<bound>" + alternation(_WORDS["bound"]) + r"|" + alternation(_WORDS["rough"]) + r")\s+"
_COUNTED = r"(?P<n>" + _NUM + r")\s+(?:[a-z-]+\s+){0,2}?(?P<who>" + alternation(_CATEGORY) + r")\b"
# "17 civilians were killed", "at least 22 people killed in strikes"
_NOUN_FIRST = re.compile(
    r"(?:" + _BOUND + r")?\b" + _COUNTED + r"[^.;:]{0,60}?\b(?P<what>" + alternation(_OUTCOME) + r")\b", re.I
)
# "killed at least 15 civilians", "killing 15 civilians", "wounding 12 people"
_VERB_FIRST = re.compile(r"\b(?P<what>" + alternation(_VERB) + r")\s+(?:" + _BOUND + r")?" + _COUNTED, re.I)
_NUMBER_START = re.compile(r"(?:" + _BOUND + r")?\b(?:" + _NUM + r")\b", re.I)


@dataclass(frozen=True)
class Figure:
    category: str  # civilians, people, children, fighters, soldiers
    outcome: str  # killed, wounded
    n: int
    kind: str  # exact, at-least, rough

    def clashes_with(self, other: Figure) -> bool:
        """Two accounts of one toll that cannot both hold; a rough figure clashes with nothing."""
        if (self.category, self.outcome) != (other.category, other.outcome) or "rough" in (self.kind, other.kind):
            return False
        if self.kind == other.kind == "exact":
            return self.n != other.n
        if self.kind == "at-least" and other.kind == "exact":
            return self.n > other.n
        if self.kind == "exact" and other.kind == "at-least":
            return other.n > self.n
        return False


def _number(text: str) -> int | None:
    text = text.lower().replace(",", "")
    return int(text) if text.isdigit() else _NUMBER_WORDS.get(text)


def figures(sentence: str) -> list[Figure]:
    """Every casualty figure in the sentence, in order; one number can only count one group."""
    found: dict[int, Figure] = {}
    for m in _VERB_FIRST.finditer(sentence):
        _add(found, m, _VERB[m.group("what").lower()])
    for start in _NUMBER_START.finditer(sentence):  # overlapping: "6 civilians among at least 22 people killed"
        noun_first = _NOUN_FIRST.match(sentence, start.start())
        if noun_first:
            _add(found, noun_first, _OUTCOME[noun_first.group("what").lower()])
    return [found[k] for k in sorted(found)]


def _add(found: dict[int, Figure], m: re.Match[str], outcome: str) -> None:
    n = _number(m.group("n"))
    if n is None or n > 100_000 or m.start("n") in found or re.fullmatch(r"(19|20)\d\d", m.group("n")):
        return
    bound = " ".join((m.group("bound") or "").lower().split())
    kind = "rough" if bound in _WORDS["rough"] else "at-least" if bound else "exact"
    found[m.start("n")] = Figure(_CATEGORY[m.group("who").lower()], outcome, n, kind)


_WEAKNESS = {"exact": 0, "at-least": 1, "rough": 2}


def reported_tolls(sentence: str) -> list[Figure]:
    """One figure per group and outcome as the sentence reports it (see `one_per_group`)."""
    return one_per_group(figures(sentence))


def one_per_group(found: list[Figure]) -> list[Figure]:
    """The same number told twice keeps its weakest form (a headline's "kill 56" and the body's "at least 56"
    are a bound), and a group given two different numbers (a part and a whole, two places) gives none, since
    which one counts is unclear."""
    by_group: dict[tuple[str, str], list[Figure]] = {}
    for f in found:
        by_group.setdefault((f.category, f.outcome), []).append(f)
    out = []
    for group in by_group.values():
        if len({f.n for f in group}) == 1:
            out.append(max(group, key=lambda f: _WEAKNESS[f.kind]))
    return out


def counts(found: list[Figure]) -> list[tuple[str, str, int]]:
    """(category, outcome, n) of every exact or lower-bound figure: what two reports can share."""
    return [(f.category, f.outcome, f.n) for f in found if f.kind != "rough"]
