"""The queries behind every view, shared by the HTML report, the web app and the CSV buttons.

The SQL pieces all views use are in `queries`, the positions board in `positions`.

Each function returns plain dicts (JSON-able) so templates, CSV and tests read the same thing. Every fact
carries `article_id` and `start` (a sentence offset) so the page can link it to the sentence it came from.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sitrep.caseview import CaseView
from sitrep.present.positions import positions, top_stances
from sitrep.present.queries import date_label, event_rows, names, source_label_sql, source_labels


def articles_index(db: CaseView) -> list[dict[str, Any]]:
    rows = db.rows(
        f"select article_id, title, {source_label_sql()} as outlet, published, published_precision, url, "
        "source from articles a order by published nulls last, outlet, article_id",
        needs=("articles",),
    )
    for r in rows:
        r["date"] = date_label(r["published"], r["published_precision"])
    return rows


def overview(db: CaseView) -> dict[str, Any]:
    """The few lines a newcomer reads first, every figure computed from the tables."""
    arts = articles_index(db)
    dated = sorted(r["published"] for r in arts if r["published"])
    outlets = db.rows(
        f"select {source_label_sql()} as outlet, a.outlet is not null as named, count(*) as n from articles a "
        "group by all order by n desc, outlet",
        needs=("articles",),
    )
    actors = db.rows(
        "select actor_id, name, kind, article_count, mention_count from actors "
        "order by article_count desc, mention_count desc, actor_id limit 8",
        needs=("actors",),
    )
    claims = db.rows(
        "select claim_id, summary, status, n_outlets, n_articles, anonymous_only from claims "
        "order by n_outlets desc, n_articles desc, claim_id limit 6",
        needs=("claims",),
    )
    disputes = sorted(contradictions(db), key=lambda c: -len(c["article_ids"] or []))[:5]
    counts = {t: db.rows(f'select count(*) as n from "{t}"', needs=(t,)) for t in ("events", "statements")}
    return {
        "n_articles": len(arts),
        "n_undated": sum(1 for r in arts if not r["published"]),
        "first_date": dated[0] if dated else None,
        "last_date": dated[-1] if dated else None,
        "outlets": outlets,
        "actors": actors,
        "claims": claims,
        "contradictions": disputes,
        "positions": [{**card, "top": top_stances(card)} for card in positions(db)[:8]],
        "n_events": counts["events"][0]["n"] if counts["events"] else 0,
        "n_statements": counts["statements"][0]["n"] if counts["statements"] else 0,
    }


def facts(db: CaseView) -> list[dict[str, Any]]:
    """Events and statements as one list, the rows of the timeline, the search and the filters."""
    nm = names(db)
    out = []
    for e in event_rows(db):
        out.append(
            {
                "kind": "event",
                "id": e["event_id"],
                "type": e["type"] or "",
                "modality": e["modality"] or "",
                "actor": e["source_actor"] or "",
                "actor_name": nm.get(e["source_actor"] or "", e["source_text"] or ""),
                "target_name": nm.get(e["target_actor"] or "", e["target_text"] or ""),
                "place": e["location"] or "",
                "place_name": nm.get(e["location"] or "", e["location_text"] or ""),
                "date": e["date"],
                "precision": e["date_precision"],
                "when": date_label(e["date"], e["date_precision"]),
                "condition": e["condition"],
                "text": e["anchor"] or e["sentence"] or "",
                "outlet": e["outlet"],
                "article_id": e["article_id"],
                "start": e["sentence_start"],
            }
        )
    statements = db.rows(
        f"select s.*, {source_label_sql()} as a_outlet from statements s "
        "join articles a on a.article_id = s.article_id "
        "order by s.date nulls last, a.outlet, s.article_id, s.sentence_start",
        needs=("statements", "articles"),
    )
    for s in statements:
        who = s["speaker_person"] or s["speaker_actor"] or ""
        out.append(
            {
                "kind": "statement",
                "id": s["statement_id"],
                "type": "STATEMENT",
                "modality": s["kind"] or "",
                "actor": s["speaker_actor"] or who,
                "actor_name": nm.get(who, s["speaker"] or who) + (" (anonymous)" if s["anonymous"] else ""),
                "target_name": "",
                "place": "",
                "place_name": "",
                "date": s["date"],
                "precision": s["date_precision"],
                "when": date_label(s["date"], s["date_precision"]),
                "condition": None,
                "text": f"{s['cue'] or ''}: {s['content'] or ''}".strip(": "),
                "outlet": s["a_outlet"],
                "article_id": s["article_id"],
                "start": s["sentence_start"],
            }
        )
    out.sort(key=lambda f: (f["date"] or "9999", f["outlet"] or "", f["article_id"], f["start"] or 0, f["id"]))
    return out


def timeline(db: CaseView) -> dict[str, list[dict[str, Any]]]:
    """Dated items in order, undated ones apart: a relative date the text never anchors is not guessed."""
    items = facts(db)
    dated = [f for f in items if f["date"] and f["precision"] != "unknown"]
    undated = [f for f in items if not (f["date"] and f["precision"] != "unknown")]
    return {"dated": dated, "undated": undated}


def map_places(db: CaseView) -> list[dict[str, Any]]:
    """Places with coordinates and the events located there (events first, then mere mentions)."""
    places = db.rows(
        "select place_id, name, feature, country, lat, lon, mention_count, article_count from places "
        "where lat is not null and lon is not null order by place_id",
        needs=("places",),
    )
    by_place = defaultdict(list)
    for f in facts(db):
        if f["kind"] == "event" and f["place"]:
            by_place[f["place"]].append(f)
    for p in places:
        p["events"] = by_place.get(p["place_id"], [])
    return sorted(places, key=lambda p: (-len(p["events"]), -(p["mention_count"] or 0), p["place_id"]))


def claims(db: CaseView) -> list[dict[str, Any]]:
    """Claims with the sentences of every member, so agreement can be checked against the text itself."""
    rows = db.rows("select * from claims order by n_outlets desc, n_articles desc, claim_id", needs=("claims",))
    members = db.rows(
        f"select m.claim_id, m.member_kind, {source_label_sql()} as outlet, m.independent, m.article_id, m.grouped_by, "
        "coalesce(e.sentence_start, s.sentence_start) as start, "
        "coalesce(e.sentence_end, s.sentence_end) as end_, "
        "coalesce(e.sentence, substr(a.text, s.sentence_start + 1, s.sentence_end - s.sentence_start)) "
        "as sentence "
        "from claim_members m join articles a on a.article_id = m.article_id "
        f"left join ({_opt(db, 'events')}) e on e.event_id = m.member_id "
        f"left join ({_opt(db, 'statements')}) s on s.statement_id = m.member_id "
        "order by m.claim_id, m.outlet, m.article_id, start",
        needs=("claims", "claim_members", "articles"),
    )
    by_claim = defaultdict(list)
    for m in members:
        by_claim[m["claim_id"]].append(m)
    for c in rows:
        c["members"] = by_claim.get(c["claim_id"], [])
        c["outlets"] = sorted({m["outlet"] for m in c["members"] if m["outlet"]})
    return rows


def _opt(db: CaseView, table: str) -> str:
    """A subquery over `table`, or an empty one with the columns the claims query needs."""
    if db.has(table):
        return f"select * from {table}"
    key = "event_id" if table == "events" else "statement_id"
    return (
        f"select null::varchar as {key}, null::bigint as sentence_start, null::bigint as sentence_end, "
        "null::varchar as sentence where false"
    )


def contradictions(db: CaseView) -> list[dict[str, Any]]:
    rows = db.rows(
        "select contradiction_id, kind, summary, claim_ids, article_ids, evidence from contradictions "
        "order by contradiction_id",
        needs=("contradictions",),
    )
    labels = source_labels(db)
    for r in rows:
        for e in r["evidence"] or []:
            e["outlet"] = e["outlet"] or labels.get(e["article_id"])
        ev = sorted(r["evidence"] or [], key=lambda e: (e["side"] or "", e["outlet"] or "", e["article_id"]))
        r["sides"] = {side: [e for e in ev if (e["side"] or "a") == side] for side in ("a", "b")}
    return rows


def outlets(db: CaseView) -> dict[str, list[dict[str, Any]]]:
    return {
        "outlets": db.rows("select * from outlets order by n_articles desc, outlet", needs=("outlets",)),
        "copies": db.rows(
            f"select c.article_id, c.kind, c.similarity, c.original_id, {source_label_sql()} as outlet, "
            f"a.title, {source_label_sql('o')} as original_outlet, o.title as original_title from copies c "
            "join articles a on a.article_id = c.article_id "
            "left join articles o on o.article_id = c.original_id "
            "where c.kind not in ('original', 'unique') order by c.kind, a.outlet, c.article_id",
            needs=("copies", "articles"),
        ),
    }


def inputs(db: CaseView) -> list[dict[str, Any]]:
    return db.rows("select * from inputs order by status, source", needs=("inputs",))


def facets(db: CaseView) -> dict[str, list]:
    """Choices for the filter menus, from the facts themselves so every choice matches something."""
    items = facts(db)
    return {
        "actors": sorted(
            {(f["actor"], f["actor_name"].removesuffix(" (anonymous)")) for f in items if f["actor"]},
            key=lambda a: a[1].lower(),
        ),
        "outlets": sorted({f["outlet"] for f in items if f["outlet"]}),
        "types": sorted({f["type"] for f in items if f["type"]}),
    }


def search(
    db: CaseView,
    q: str = "",
    actor: str = "",
    outlet: str = "",
    type: str = "",
    date_from: str = "",
    date_to: str = "",
) -> list[dict[str, Any]]:
    """Filter events and statements. Full-text search would need DuckDB's fts extension, which `INSTALL fts`
    fetches from the network; sitrep runs offline, so text matching is a case-insensitive ILIKE per word."""
    ids = None
    if q.strip():
        words = q.split()
        cond = " and ".join("txt ilike ?" for _ in words)
        params = [f"%{w}%" for w in words]
        union = []
        if db.has("events"):
            union.append(
                "select event_id as id, concat_ws(' ', sentence, source_text, target_text, "
                "location_text, condition, type) as txt from events"
            )
        if db.has("statements"):
            union.append("select statement_id as id, concat_ws(' ', speaker, cue, content) as txt from statements")
        if not union:
            return []
        ids = {r["id"] for r in db.rows(f"select id from ({' union all '.join(union)}) where {cond}", params)}
    out = []
    for f in facts(db):
        if ids is not None and f["id"] not in ids:
            continue
        if (actor and f["actor"] != actor) or (outlet and f["outlet"] != outlet) or (type and f["type"] != type):
            continue
        if date_from and (not f["date"] or f["date"] < date_from):
            continue
        if date_to and (not f["date"] or f["date"][: len(date_to)] > date_to):
            continue
        out.append(f)
    return out
