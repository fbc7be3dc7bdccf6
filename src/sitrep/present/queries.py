"""The SQL pieces and labels every view shares: dates shown only as precisely as stated, display names for
ids, what to call an article's source, which outlet an article counts for, and the events joined to them."""

from __future__ import annotations

from typing import Any

from sitrep.caseview import CaseView


def date_label(date: str | None, precision: str | None) -> str:
    """Show only as much of a date as the text states, so a padded `-01` never reads as a real day."""
    if not date:
        return "undated"
    if precision == "month":
        return f"{date[:7]} (month)"
    if precision == "year":
        return f"{date[:4]} (year)"
    if precision == "unknown":
        return f"{date} (year not anchored)"
    return date[:10]


def names(db: CaseView) -> dict[str, str]:
    """Display names for actor and place ids, so no view shows a bare id when a name is known."""
    out = {r["id"]: r["name"] for r in db.rows("select actor_id as id, name from actors", needs=("actors",))}
    out.update({r["id"]: r["name"] for r in db.rows("select place_id as id, name from places", needs=("places",))})
    return out


def source_label_sql(alias: str = "a") -> str:
    """What to call an article's source in the views: its outlet, else its title, else its file name.

    Many inputs (plain files, pasted text) carry no outlet; showing "unknown outlet" for all of them would
    make distinct sources look like one, so readers get something that tells them apart.
    """
    return (
        f"coalesce(nullif({alias}.outlet, ''), '“' || nullif(left({alias}.title, 48), '') || "
        f"case when length({alias}.title) > 48 then '…”' else '”' end, "
        f"nullif(regexp_extract({alias}.source, '[^/\\\\]+$'), ''), 'unknown outlet')"
    )


def source_labels(db: CaseView) -> dict[str, str]:
    """article_id -> source label, for rows (contradiction evidence) that carry only an article id."""
    rows = db.rows(f"select article_id, {source_label_sql()} as label from articles a", needs=("articles",))
    return {r["article_id"]: r["label"] for r in rows}


def indep_sql(db: CaseView) -> str:
    """Per article, the outlet it counts for: a syndicated or exact copy counts as its original's outlet."""
    if db.has("copies"):
        return (
            f"select a.article_id, {source_label_sql()} as outlet, "
            f"coalesce(case when c.kind in ('exact', 'near') then {source_label_sql('o')} end, "
            f"{source_label_sql()}) as indep from articles a left join copies c on c.article_id = a.article_id "
            "left join articles o on o.article_id = c.original_id"
        )
    return f"select article_id, {source_label_sql()} as outlet, {source_label_sql()} as indep from articles a"


def event_rows(db: CaseView, where: str = "true", params: list | None = None) -> list[dict[str, Any]]:
    """Events with their article's source label, title and the outlet they count for, in timeline order;
    `where` (with `params`) picks some of them."""
    return db.rows(
        f"select e.*, {source_label_sql()} as outlet, a.title, i.indep from events e "
        "join articles a on a.article_id = e.article_id "
        f"join ({indep_sql(db)}) i on i.article_id = e.article_id where {where} "
        "order by e.date nulls last, a.outlet, e.article_id, e.sentence_start",
        params,
        needs=("events", "articles"),
    )
