"""People in one article: who a name is, what title the article gives them, and who `he` or `the minister` is.

A name is resolved to one id per person (a full name, then its surname alone, then the leaders list); the
title or appositive next to it ("Russian Foreign Minister X", "X, the president's envoy") says whom they act
for. A pronoun or titled subject resumes the last compatible person within two sentences, or nobody: a wrong
speaker is worse than an unknown one.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span

from sitrep.language.actor_lexicon import (
    LONGEST_TITLE,
    TITLE_WORDS,
    TITLES,
    leader_by_surname,
    slug,
    surname_key,
)
from sitrep.language.actor_row import actor_row

TITLE_POS = frozenset({"PROPN", "NOUN", "ADJ", "PART", "ADP"})
PRONOUNS = {"he": "he", "she": "she"}
COREF_SENTENCES = 2


def _title_window(doc: Doc, first: int) -> Span | None:
    """Tokens just before a name that can form a title phrase ("Ruto's envoy to Somalia")."""
    i = first
    while i > 0:
        t = doc[i - 1]
        if t.is_sent_end or t.is_punct and t.text not in ("-", "’s", "'s"):
            break
        if t.text != "-" and t.pos_ not in TITLE_POS or t.lower_ in ("by", "with", "said"):
            break
        i -= 1
        if first - i >= 9:
            break
    return doc[i:first] if i < first else None


def _find_title(words: list[str]) -> tuple[int, int, str] | None:
    """Longest known title inside the window, as (first word, last word + 1, title)."""
    best = None
    for i in range(len(words)):
        for n in range(min(LONGEST_TITLE, len(words) - i), 0, -1):
            phrase = " ".join(words[i : i + n])
            if phrase in TITLES and (best is None or n > best[1] - best[0]):
                best = (i, i + n, phrase)
                break
    return best


def _affiliation(window: Span, title_end_char: int, actor_rows: list[dict], starts: list[int]) -> dict | None:
    """Who a titled person acts for: a possessor wins ("Ruto's UN envoy" is Kenya's), else the first
    actor named before the title ("Russian Foreign Minister")."""
    lo = bisect.bisect_left(starts, window.start_char)
    inside = [r for r in actor_rows[lo:] if r["start"] < title_end_char and r["end"] <= window.end_char]
    if not inside:
        return None
    for r in inside:
        nxt = window.doc.char_span(r["end"], min(r["end"] + 2, len(window.doc.text)), alignment_mode="expand")
        if nxt is not None and nxt[0].text in ("'s", "’s"):
            return r
    return inside[0]


def _describe(span: Span | None, actor_rows: list[dict], starts: list[int]) -> dict | None:
    """The title a phrase gives (its longest known title), whom it acts for and in which sector; a title
    naming an armed group puts the person in that group's sector."""
    if span is None or not len(span):
        return None
    toks = [t for t in span if t.text != "-"]
    found = _find_title([t.lower_ for t in toks])
    if not found:
        return None
    title = found[2]
    end_char = toks[found[1] - 1].idx + len(toks[found[1] - 1])
    aff = _affiliation(span, end_char, actor_rows, starts)
    actor = aff["actor"] if aff else None
    sector = TITLES[title]
    if aff and aff["subkind"] == "group":
        sector = aff["sector"]
    return {"title": title, "actor": actor, "sector": sector}


def _appositive(doc: Doc, ent_end: int) -> Span | None:
    """', the Russian foreign minister,' right after a name."""
    if ent_end >= len(doc) or doc[ent_end].text != ",":
        return None
    j = ent_end + 1
    while j < len(doc) and j - ent_end < 10 and not doc[j].is_punct and not doc[j].is_sent_start:
        j += 1
    return doc[ent_end + 1 : j] if j > ent_end + 1 else None


def _first_line(span: Span) -> Span:
    """Names never run across a line break; the model's do in comment threads and bylines."""
    end = span.start + 1
    while end < span.end and "\n" not in span.doc[end - 1].whitespace_ and not span.doc[end].is_space:
        end += 1
    return span.doc[span.start : end]


def _strip_titles(span: Span) -> Span:
    """The name without the title words the model tags with it (`President X` is X), keeping the last word."""
    i = span.start
    while i < span.end - 1 and span.doc[i].lower_ in TITLE_WORDS:
        i += 1
    return span.doc[i : span.end]


def _person_spans(doc: Doc, taken: list[tuple[int, int]]) -> list[Span]:
    """The model's person names, cut to one line and stripped of titles, where no list match already is."""

    def free(s: Span) -> bool:
        return all(s.end_char <= a or s.start_char >= b for a, b in taken)

    out = [_strip_titles(_first_line(e)) for e in doc.ents if e.label_ == "PERSON"]
    return [s for s in out if s.text.strip() and free(s) and any(c.isupper() for c in s.text)]


def person_rows(text: str, doc: Doc, list_rows: list[dict]) -> tuple[list[dict], dict[str, str]]:
    """People named in the article, each resolved to one id and carrying the title it was given."""
    actor_rows = list_rows
    starts = [r["start"] for r in actor_rows]
    taken = [(r["start"], r["end"]) for r in list_rows]
    described: dict[str, dict] = {}
    mentions: list[tuple[int, int, str, str, str]] = []  # start, end, norm_id, name, method

    def note(norm_id: str, desc: dict | None, how: str) -> str:
        if desc and norm_id not in described:
            described[norm_id] = {**desc, "method": how}
        return how if desc else ""

    for r in list_rows:
        if r["subkind"] == "person":
            span = doc.char_span(r["start"], r["end"], alignment_mode="expand")
            w = _title_window(doc, span.start) if span is not None else None
            note(r["norm_id"], _describe(w, actor_rows, starts), "title")
            mentions.append((r["start"], r["end"], r["norm_id"], r["name"], r["method"]))
    full: dict[str, tuple[str, str]] = {}
    spans = _person_spans(doc, taken)
    for s in spans:
        if len(s) >= 2:
            name = s.text.removesuffix("'s").removesuffix("’s")
            full.setdefault(surname_key(name), ("person:" + slug(name), name))
    leaders = leader_by_surname()
    for s in spans:
        name = s.text.removesuffix("'s").removesuffix("’s")
        key = surname_key(name)
        if len(s) >= 2:
            norm_id, canon, how = "person:" + slug(name), name, "ner"
        elif key in full:
            (norm_id, canon), how = full[key], "surname"
        elif key in leaders:
            norm_id, canon, how = leaders[key].actor_id, leaders[key].name, "leader-list"
        else:
            norm_id, canon, how = "person:" + slug(name), name, "unresolved"
        desc = _describe(_title_window(doc, s.start), actor_rows, starts)
        how = note(norm_id, desc, "title") or how
        if not desc:
            note(norm_id, _describe(_appositive(doc, s.end), actor_rows, starts), "appositive")
        mentions.append((s.start_char, s.start_char + len(name), norm_id, canon, how))
    leader_entries = {e.actor_id: e for e in leaders.values()}
    rows = []
    for start, end, norm_id, canon, how in sorted(mentions):
        d = described.get(norm_id)
        lead = leader_entries.get(norm_id)
        actor = (d or {}).get("actor") or (lead.actor if lead else None)
        sector = (d or {}).get("sector") or (lead.sector if lead else None)
        method = d["method"] if d and how in ("ner", "title") else how
        conf = {"unresolved": 0.4, "surname": 0.8}.get(method, 0.9)
        rows.append(actor_row(start, end, text, "person", norm_id, canon, actor, sector, method, conf))
    titles = {k: d["title"] for k, d in described.items()}
    titles.update({k: e.role for k, e in leader_entries.items() if k not in titles and e.role})
    return rows, titles


def _pick(cands: list[dict], word: str, gender: dict[str, str]) -> dict | None:
    """The most recent person of the pronoun's known gender; else the only person in reach; else nobody,
    because a wrong speaker is worse than an unknown one. Genders are learnt from unambiguous cases."""
    if word not in PRONOUNS:
        return cands[0] if cands else None
    fits = [p for p in cands if gender.get(p["norm_id"], PRONOUNS[word]) == PRONOUNS[word]]
    known = [p for p in fits if p["norm_id"] in gender]
    if known:
        return known[0]
    if len({p["norm_id"] for p in fits}) == 1:
        gender[fits[0]["norm_id"]] = PRONOUNS[word]
        return fits[0]
    return None


def coref_rows(text: str, doc: Doc, people: list[dict], titles: dict[str, str]) -> list[dict]:
    """'he said' / 'the minister added' -> the last compatible person in reach (same or previous two
    sentences); only subjects, because that is where a speaker or an agent is resumed."""
    if not people:
        return []
    sent_starts = [s.start_char for s in doc.sents]
    starts = [p["start"] for p in people]
    gender: dict[str, str] = {}
    rows = []
    for tok in doc:
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        titled = (
            tok.lower_ in TITLE_WORDS
            and tok.pos_ == "NOUN"
            and any(c.lower_ == "the" for c in tok.children)
            and not any(c.pos_ == "PROPN" for c in tok.children)
        )
        if tok.lower_ not in PRONOUNS and not titled:
            continue
        here = bisect.bisect_right(sent_starts, tok.idx) - 1
        floor = sent_starts[max(0, here - COREF_SENTENCES)]
        cands = [p for p in reversed(people[: bisect.bisect_left(starts, tok.idx)]) if p["start"] >= floor]
        if titled:
            cands = [p for p in cands if tok.lower_ in titles.get(p["norm_id"], "").split()]
        p = _pick(cands, tok.lower_, gender)
        if p is None:
            continue
        first = next(iter(tok.subtree)) if titled else tok
        rows.append(
            actor_row(
                first.idx,
                tok.idx + len(tok),
                text,
                "person",
                p["norm_id"],
                p["name"],
                p["actor"],
                p["sector"],
                "coref",
                0.6,
            )
        )
    return rows
