"""The article view: the clean text cut into highlighted runs, with an anchor at every cited sentence.

Mentions, event anchors and cited sentences overlap freely, so the text is cut at every boundary and each
run carries the set of marks covering it. Runs are plain data; the template escapes the text, so an article
that contains markup shows it as text.
"""

from __future__ import annotations

from typing import Any

from sitrep.caseview import CaseView
from sitrep.present.queries import date_label


def anchor_id(article_id: str, start: int | None) -> str:
    """The fragment every fact links to: `a-<article_id>-<sentence start>`."""
    return f"a-{article_id}-{start if start is not None else 0}"


def article(db: CaseView, article_id: str) -> dict[str, Any] | None:
    rows = db.rows("select * from articles where article_id = ?", [article_id], needs=("articles",))
    if not rows:
        return None
    art = rows[0]
    art["date"] = date_label(art["published"], art["published_precision"])
    text = art["text"] or ""
    mentions = db.rows(
        'select * from mentions where article_id = ? order by start, "end"', [article_id], needs=("mentions",)
    )
    events = db.rows(
        "select * from events where article_id = ? order by sentence_start, anchor_start",
        [article_id],
        needs=("events",),
    )
    statements = db.rows(
        "select * from statements where article_id = ? order by sentence_start",
        [article_id],
        needs=("statements",),
    )
    blocks = db.rows('select * from blocks where article_id = ? order by "order"', [article_id], needs=("blocks",))
    sentences = {(e["sentence_start"], e["sentence_end"]) for e in events}
    sentences |= {(s["sentence_start"], s["sentence_end"]) for s in statements}
    for ev in db.rows("select unnest(evidence) as e from contradictions", needs=("contradictions",)):
        if ev["e"]["article_id"] == article_id:
            sentences.add((ev["e"]["start"], ev["e"]["end"]))
    marks: list[tuple[int, int, str, str]] = []
    for m in mentions:
        marks.append((m["start"], m["end"], f"m-{m['kind']}", f"{m['kind']}: {m['name'] or m['text']}"))
    for e in events:
        if e["anchor_start"] is not None:
            marks.append((e["anchor_start"], e["anchor_end"], "ev", f"event {e['type']} ({e['modality'] or ''})"))
    for s in statements:
        if s["content_start"] is not None:
            marks.append((s["content_start"], s["content_end"], "said", f"said by {s['speaker'] or 'unknown'}"))
    art["runs"] = runs(text, marks, sorted(s for s in sentences if s[0] is not None and s[1] is not None))
    art["mentions"], art["events"], art["statements"], art["blocks"] = mentions, events, statements, blocks
    return art


def runs(text: str, marks: list[tuple[int, int, str, str]], sentences: list[tuple[int, int]]) -> list[dict]:
    """Cut `text` at every mark and sentence boundary; a run knows its marks and any anchor opening there."""
    n = len(text)
    cuts = {0, n}
    for s, e, *_ in marks:
        cuts.update((max(0, min(s, n)), max(0, min(e, n))))
    opens: dict[int, int] = {}
    for s, e in sentences:
        s, e = max(0, min(s, n)), max(0, min(e, n))
        cuts.update((s, e))
        opens[s] = max(opens.get(s, s), e)
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:], strict=False):
        if a == b:
            continue
        cover = [(cls, title) for s, e, cls, title in marks if s <= a and b <= e]
        out.append(
            {
                "text": text[a:b],
                "start": a,
                "end": b,
                "cls": " ".join(sorted({c for c, _ in cover})),
                "title": "; ".join(sorted({t for _, t in cover})),
                "anchor_end": opens.get(a),
            }
        )
    return out
