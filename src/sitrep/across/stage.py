"""The across-sources stages: copies, then claims with the contradictions within them, then outlet signals.

Each stage reads whole tables through DuckDB, hands plain rows to the pure functions of its module and
returns rows sorted by key, so the same case always gives the same tables.
"""

from __future__ import annotations

from typing import Any

from sitrep.across.claims import build_claims
from sitrep.across.contradictions import find_contradictions
from sitrep.across.copies import ARTICLES_WITH_SENTENCES, find_copies
from sitrep.across.outlets import article_signals, outlet_signals, read_ratings
from sitrep.across.presence import find_accounts
from sitrep.stages import CaseView, case_stage


def _rows(case: CaseView, table: str, order: str) -> list[dict[str, Any]]:
    if table not in case.tables:
        return []
    return case.con.sql(f"select * from {table} order by {order}").to_arrow_table().to_pylist()


@case_stage(
    "copies",
    requires=("articles.article_id", "articles.published", "articles.text", "sentences"),
    assigns=("copies",),
    order=200,
)
def copies(case: CaseView) -> dict[str, list[dict[str, Any]]]:
    return {"copies": find_copies(case.con.sql(ARTICLES_WITH_SENTENCES).to_arrow_table().to_pylist())}


def _claim_inputs(case: CaseView) -> tuple[list, ...]:
    statements = _rows(case, "statements", "statement_id")
    articles = case.con.sql(ARTICLES_WITH_SENTENCES).to_arrow_table().to_pylist()
    mentions = _rows(case, "mentions", 'article_id, start, "end", kind')
    return (
        _rows(case, "events", "event_id"),
        statements,
        _rows(case, "copies", "article_id"),
        articles,
        _rows(case, "actors", "actor_id"),
        _rows(case, "places", "place_id"),
        find_accounts(articles, mentions, statements),
    )


@case_stage(
    "claims",
    requires=("events", "statements", "copies", "articles", "sentences", "mentions", "actors", "places"),
    assigns=("claims", "claim_members", "contradictions"),
    order=300,
)
def claims(case: CaseView) -> dict[str, list[dict[str, Any]]]:
    """Claims and the contradictions within them in one pass: the checks need the claim grouping, and
    grouping again in a later stage cost as much as grouping did."""
    inputs = _claim_inputs(case)
    claim_rows, members, by_claim = build_claims(*inputs)
    _, _, copy_rows, articles, actors, places, _ = inputs
    found = find_contradictions(by_claim, articles, copy_rows, places, actors, claim_rows)
    contested = {c for row in found for c in row["claim_ids"]}
    for row in claim_rows:
        if row["claim_id"] in contested:
            row["status"] = "contested"
    return {"claims": claim_rows, "claim_members": members, "contradictions": found}


@case_stage(
    "outlets",
    requires=(
        "articles.article_id",
        "articles.outlet",
        "articles.author",
        "articles.published",
        "blocks",
        "copies",
        "claims",
        "claim_members",
    ),
    assigns=("outlets", "article_signals"),
    order=400,
)
def outlets(case: CaseView) -> dict[str, list[dict[str, Any]]]:
    articles = case.con.sql("select article_id, outlet, author, published from articles order by article_id")
    blocks = _rows(case, "blocks", 'article_id, "order"')
    members = _rows(case, "claim_members", "claim_id, member_id")
    claim_rows = _rows(case, "claims", "claim_id")
    signals = article_signals(
        articles.to_arrow_table().to_pylist(), blocks, _rows(case, "copies", "article_id"), members, claim_rows
    )
    ratings = read_ratings(case.options.ratings)
    outlet_rows = outlet_signals(signals, blocks, members, claim_rows, ratings)
    return {"outlets": outlet_rows, "article_signals": signals}
