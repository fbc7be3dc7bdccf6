"""The language stages: per article, every actor, place and date mention; per case, the actors table.

A country name is both a party and a territory. The per-article stage keeps one actor mention for it and
adds the place mention only where the parse says it is used as a place ("in Syria", "leave Syria"), so a
map shows where things happen and the network shows who acts, without double counting either.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from spacy.tokens import Doc

from sitrep.ids import COLON, stable_id
from sitrep.language.actor_case import actor_table
from sitrep.language.actors import find_actors, is_locative
from sitrep.language.dates import find_dates
from sitrep.language.places import find_places
from sitrep.stages import ArticleContext, CaseView, article_stage, case_stage


def mention_id(article_id: str, kind: str, start: int, end: int) -> str:
    """The id of a mention: where it is and what kind, so a re-run gives each mention the same id."""
    return stable_id(article_id, kind, start, end, sep=COLON)


def article_countries(actors: list[dict[str, Any]]) -> list[str]:
    """State codes by how often the article names them (first seen breaks ties): where it is about."""
    states = [r["norm_id"] for r in actors if r["subkind"] == "state" and r["norm_id"]]
    counts = Counter(states)
    first = {c: i for i, c in reversed(list(enumerate(states)))}
    return sorted(counts, key=lambda c: (-counts[c], first[c]))


def keep_place(place: dict[str, Any], actors: list[dict[str, Any]], doc) -> bool:
    """A place overlapping an actor mention survives only when that actor is a state name used as a place."""
    for a in actors:
        if a["start"] < place["end"] and place["start"] < a["end"]:
            country_as_place = a["subkind"] == "state" and a["method"] == "alias"
            if not (country_as_place and is_locative(doc, a["start"], a["end"])):
                return False
    return True


def _guessed_person_on_place(actor: dict[str, Any], places: list[dict[str, Any]]) -> bool:
    """The model tags some place names as people; a gazetteer hit beats a name nothing else vouches for."""
    if actor["subkind"] != "person" or actor["method"] not in ("ner", "unresolved"):
        return False
    return any(p["start"] < actor["end"] and actor["start"] < p["end"] for p in places)


@article_stage("sentences", requires=("articles.article_id", "articles.text"), assigns=("sentences",), order=50)
def sentences(ctx: ArticleContext) -> dict[str, list[dict[str, Any]]]:
    """The parse's sentences, stored once, so the case stages cut text where statements and events do."""
    aid = ctx.article["article_id"]
    return {"sentences": [{"article_id": aid, "start": s, "end": e} for s, e in sentence_spans(ctx.parse)]}


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a parse, white space at either end left out, empty ones dropped."""
    text, out = doc.text, []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end))
    return out


@article_stage(
    "language",
    requires=("articles.article_id", "articles.text", "articles.published", "articles.published_precision"),
    assigns=("mentions",),
    order=100,
)
def language(ctx: ArticleContext) -> dict[str, list[dict[str, Any]]]:
    article, doc = ctx.article, ctx.parse
    text = article["text"]
    actors = find_actors(text, doc)
    dates = find_dates(text, doc, article.get("published"), article.get("published_precision"))
    places = find_places(text, doc, article_countries(actors))
    actors = [a for a in actors if not _guessed_person_on_place(a, places)]
    places = [p for p in places if keep_place(p, actors, doc)]
    aid = article["article_id"]
    rows = [
        {**r, "article_id": aid, "mention_id": mention_id(aid, r["kind"], r["start"], r["end"])}
        for r in actors + dates + places
    ]
    rows.sort(key=lambda r: (r["start"], r["end"], r["kind"]))
    return {"mentions": rows}


@case_stage("actors", requires=("mentions",), assigns=("actors",), order=100)
def actors(case: CaseView) -> dict[str, list[dict[str, Any]]]:
    """Aggregate actor mentions into the actors table. Mentions are left as the article stage resolved them:
    statements and events were built from those, so rewriting them here would make the two disagree."""
    query = "select * from mentions where kind = 'actor' order by article_id, start, \"end\", kind"
    return {"actors": actor_table(case.con.sql(query).to_arrow_table().to_pylist())}
