"""The `extract` article stage: statements first, then events that point into them."""

from __future__ import annotations

from typing import Any

from sitrep.extract.events import find_events
from sitrep.extract.resolve import Mentions
from sitrep.extract.statements import find_statements
from sitrep.stages import ArticleContext, article_stage


def extract(doc, article: dict[str, Any], mentions: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Statements and events of one parsed article, given its mentions (shared by the stage and the evals)."""
    index = Mentions(mentions)
    statements = find_statements(doc, article, index)
    events = find_events(doc, article, index, statements)
    return {"statements": statements, "events": events}


@article_stage(
    "extract",
    requires=("articles.article_id", "articles.text", "articles.outlet", "mentions"),
    assigns=("statements", "events"),
    order=200,
)
def extract_stage(ctx: ArticleContext) -> dict[str, list[dict[str, Any]]]:
    return extract(ctx.parse, ctx.article, ctx.rows.get("mentions", []))
