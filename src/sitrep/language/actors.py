"""Actor mentions in one article: states, bodies, groups, international bodies, outlets and people.

Lists find what the world agrees on (names, demonyms, capitals, groups, leaders) in one automaton pass;
the article itself says who everyone else is, through the title or appositive next to a name
("Russian Foreign Minister X", "X, the president's envoy"). The parse then decides the two questions a list cannot:
is "Nairobi" a government speaking or a city, and who is "he" in "he said".
"""

from __future__ import annotations

import bisect
from typing import Any

from spacy.tokens import Doc, Span, Token

from sitrep.language.actor_lexicon import (
    AUTOMATON,
    BODIES,
    LONGEST_BODY,
    LONGEST_TITLE,
    TITLE_WORDS,
    TITLES,
    Entry,
    leader_by_surname,
    slug,
    surname_key,
)

LOCATIVE_PREPS = frozenset(
    "in into from to at near across inside outside throughout within toward towards around through via "
    "between along off onto out over under beyond across".split()
)
# Verbs whose direct object is a territory, not a party: "leave Syria", "invade Iraq".
MOTION_VERBS = frozenset(
    "leave enter invade occupy quit exit visit reach cross tour flee abandon liberate withdraw return "
    "travel arrive bomb attack".split()
)
ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent", "compound", "amod"})
TITLE_POS = frozenset({"PROPN", "NOUN", "ADJ", "PART", "ADP"})
PRONOUNS = {"he": "he", "she": "she"}
COREF_SENTENCES = 2
KIND_TO_SUBKIND = {
    "state": "state",
    "demonym": "state",
    "capital": "state",
    "seat": "state",
    "igo": "igo",
    "group": "group",
    "media": "media",
    "leader": "person",
}
METHOD = {
    "state": "alias",
    "demonym": "demonym",
    "capital": "metonym",
    "seat": "metonym",
    "igo": "alias",
    "group": "alias",
    "media": "alias",
    "leader": "leader-list",
}


def _is_word_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def _line_is_shouting(text: str, start: int) -> bool:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", start)
    line = text[lo : hi if hi >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 8 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def lexicon_matches(text: str) -> list[tuple[int, int, str, Entry]]:
    """Non-overlapping list matches, longest first: "Syrian Democratic Forces" beats "Syrian"."""
    found = []
    for end_idx, (alias, entry) in AUTOMATON.iter(text):
        start, end = end_idx - len(alias) + 1, end_idx + 1
        if not _is_word_boundary(text, start, end):
            continue
        if len(alias) <= 2 and (_line_is_shouting(text, start) or text[end : end + 2] == " @"):
            continue  # a headline in capitals, or "RT @user" in a quoted tweet
        found.append((start, end, alias, entry))
    chosen: list[tuple[int, int, str, Entry]] = []
    for m in sorted(found, key=lambda m: (-(m[1] - m[0]), m[0])):
        if all(m[1] <= c[0] or m[0] >= c[1] for c in chosen):
            chosen.append(m)
    return sorted(chosen)


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _climb_conj(tok: Token) -> Token:
    while tok.dep_ in ("conj", "appos") and tok.head is not tok:
        tok = tok.head
    return tok


def is_locative(doc: Doc, start: int, end: int) -> bool:
    """A territory, not a party: object of a locative preposition or of a motion verb ("leave Syria"),
    or a possessor/compound inside such a phrase ("in Syria's south", "in north Syria")."""
    span = _tokens(doc, start, end)
    if span is None:
        return False
    tok = _climb_conj(span.root)
    if tok.dep_ in ("poss", "compound", "nmod") and tok.head.dep_ in ("pobj", "dobj"):
        tok = _climb_conj(tok.head)
    if tok.dep_ == "pobj":
        prep = tok.head
        return prep.lower_ in LOCATIVE_PREPS or (
            prep.lower_ == "of"
            and prep.head.lower_
            in ("north", "south", "east", "west", "parts", "part", "rest", "territory", "border", "capital")
        )
    return tok.dep_ == "dobj" and tok.head.lemma_ in MOTION_VERBS


def _acts(doc: Doc, start: int, end: int) -> bool:
    """A capital standing for its government: subject, possessor, agent, or joined to one."""
    span = _tokens(doc, start, end)
    if span is None:
        return False
    tok = _climb_conj(span.root)
    if tok.dep_ == "pobj" and tok.head.lower_ in ("by", "with", "between"):
        return True
    return tok.dep_ in ("nsubj", "nsubjpass", "poss") or (
        tok.dep_ == "dobj" and tok.head.lemma_ in ("urge", "ask", "warn", "accuse", "tell", "call", "press", "pressure")
    )


def _body_extension(text: str, end: int) -> tuple[int, str] | None:
    """'Syrian' + ' army' -> the state acting through a body; returns the new end and the body's sector."""
    if end >= len(text) or text[end] != " ":
        return None
    words = text[end + 1 : end + 1 + 60].split()
    for n in range(min(LONGEST_BODY, len(words)), 0, -1):
        cand = [w.strip(".,;:'\"’”)") for w in words[:n]]
        cand[-1] = cand[-1].removesuffix("'s").removesuffix("’s")
        phrase = " ".join(cand).lower()
        if phrase in BODIES and all(cand):
            new_end = end + 1 + text[end + 1 :].find(cand[-1]) + len(cand[-1])
            return new_end, BODIES[phrase]
    return None


def _row(
    start: int,
    end: int,
    text: str,
    subkind: str,
    norm_id: str | None,
    name: str | None,
    actor: str | None,
    sector: str | None,
    method: str,
    confidence: float,
) -> dict[str, Any]:
    return {
        "start": start,
        "end": end,
        "text": text[start:end],
        "kind": "actor",
        "subkind": subkind,
        "norm_id": norm_id,
        "name": name,
        "actor": actor,
        "sector": sector,
        "method": method,
        "confidence": confidence,
    }


def _list_mentions(text: str, doc: Doc) -> list[dict[str, Any]]:
    rows = []
    for start, end, _alias, e in lexicon_matches(text):
        if len(_alias) <= 2 and e.kind in ("group", "media", "igo"):
            span = _tokens(doc, start, end)
            if span is None or span.root.pos_ != "PROPN":
                continue
        if e.kind == "capital" and (is_locative(doc, start, end) or not _acts(doc, start, end)):
            continue
        sector, method = e.sector, METHOD[e.kind]
        if e.kind in ("state", "demonym"):
            ext = _body_extension(text, end)
            if ext:
                end, sector, method = ext[0], ext[1], "body"
        conf = 0.9 if e.kind in ("capital", "seat") else 0.95
        rows.append(_row(start, end, text, KIND_TO_SUBKIND[e.kind], e.actor_id, e.name, e.actor, sector, method, conf))
    return rows


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


def _affiliation(window: Span, title_end_char: int, actor_rows: list[dict], starts: list[int]):
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
    i = span.start
    while i < span.end - 1 and span.doc[i].lower_ in TITLE_WORDS:
        i += 1
    return span.doc[i : span.end]


def _person_spans(doc: Doc, taken: list[tuple[int, int]]) -> list[Span]:
    def free(s: Span) -> bool:
        return all(s.end_char <= a or s.start_char >= b for a, b in taken)

    out = [_strip_titles(_first_line(e)) for e in doc.ents if e.label_ == "PERSON"]
    return [s for s in out if s.text.strip() and free(s) and any(c.isupper() for c in s.text)]


def _person_rows(text: str, doc: Doc, list_rows: list[dict]) -> tuple[list[dict], dict[str, str]]:
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
            span = _tokens(doc, r["start"], r["end"])
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
        rows.append(_row(start, end, text, "person", norm_id, canon, actor, sector, method, conf))
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


def _coref_rows(text: str, doc: Doc, people: list[dict], titles: dict[str, str]) -> list[dict]:
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
            _row(
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


def find_actors(text: str, doc: Doc) -> list[dict[str, Any]]:
    """Every actor mention in the article (columns of `mentions` except ids), sorted by offset."""
    list_rows = _list_mentions(text, doc)
    people, titles = _person_rows(text, doc, list_rows)
    others = [r for r in list_rows if r["subkind"] != "person"]
    coref = _coref_rows(text, doc, people, titles)
    return sorted(others + people + coref, key=lambda r: (r["start"], r["end"]))
