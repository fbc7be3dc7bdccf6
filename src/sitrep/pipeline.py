"""The per-article work every engine runs: clean, one spaCy pass, the registered article stages.

`process_docs` is a pure function of its documents and options, so the local engine, a process pool and
Ray workers all produce the same rows. Whatever goes wrong with one document becomes that document's
status row; the batch carries on.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sitrep.ids import text_id
from sitrep.ingest import RawDoc
from sitrep.ingest.sources import manifest_entry
from sitrep.stages import ARTICLE_STAGES, ArticleContext, load_builtin, ordered

CLEAN_FIELDS = ("outlet", "url", "title", "author", "published")


@dataclass
class DocResult:
    """One document's input row and, when it became an article, its rows for every per-article table."""

    input: dict[str, Any]
    article_id: str | None = None
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


class InputTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Stop a hostile input from hanging the run; only enforceable in a process's main thread."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum, frame):
        raise InputTimeout(f"took longer than {seconds:g} s")

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _input_row(doc: RawDoc, status: str, reason: str, article_id: str | None = None) -> dict[str, Any]:
    return {
        "source": doc.source,
        "parent": doc.parent,
        "kind": doc.kind,
        "sha256": doc.sha256,
        "bytes": doc.bytes,
        "status": status,
        "reason": reason,
        "article_id": article_id,
    }


def clean_one(doc: RawDoc, manifest: dict, seconds: float) -> DocResult:
    from sitrep.clean.document import clean_document

    try:
        with time_limit(seconds):
            cleaned = clean_document(doc)
    except InputTimeout as exc:
        return DocResult(_input_row(doc, "failed", f"cleaning {exc}"))
    except Exception as exc:  # noqa: BLE001 - one bad document must never stop the run
        return DocResult(_input_row(doc, "failed", f"cleaning failed: {type(exc).__name__}: {exc}"))
    if not cleaned.text.strip():
        return DocResult(_input_row(doc, "skipped", f"no article text found in {doc.format}"))
    fill = manifest_entry(doc, manifest)
    for key in CLEAN_FIELDS:
        if getattr(cleaned, key) is None and fill.get(key):
            setattr(cleaned, key, fill[key])
    if fill.get("published") and cleaned.published_precision is None:
        cleaned.published_precision = "day" if len(fill["published"]) >= 10 else "month"
    aid = text_id(cleaned.text)
    article = {
        "article_id": aid,
        "source": doc.source,
        "outlet": cleaned.outlet,
        "url": cleaned.url,
        "title": cleaned.title,
        "author": cleaned.author,
        "published": cleaned.published,
        "published_precision": cleaned.published_precision,
        "language": cleaned.language,
        "format": cleaned.format,
        "text": cleaned.text,
    }
    blocks = [
        {
            "article_id": aid,
            "order": i,
            "kind": b.kind,
            "reason": b.reason,
            "text": b.text,
            "start": b.start,
            "end": b.end,
        }
        for i, b in enumerate(cleaned.blocks)
    ]
    words = len(cleaned.text.split())
    note = doc.meta.get("_note")
    reason = f"{doc.format}, {words} words" + (f"; {note}" if note else "")
    return DocResult(_input_row(doc, "ok", reason, aid), aid, {"articles": [article], "blocks": blocks})


_NLP = None


def nlp():
    global _NLP
    if _NLP is None:
        from sitrep.language.nlp import load

        _NLP = load()
    return _NLP


_WARM_UP_TEXT = (
    "Officials from two neighbouring countries met in the capital on Monday. "
    "The foreign minister said the talks would resume next week, a spokesman told reporters."
)


def warm_up() -> None:
    """Load everything an article stage loads lazily (model, gazetteer, lexicons) by processing one made-up report.

    Worker processes fork from a process that has done this, so each starts with it all in shared pages.
    """
    doc = RawDoc(source="warm-up", kind="text", format="text", content=_WARM_UP_TEXT, sha256="", bytes=0)
    process_docs([doc], {})


def process_docs(docs: list[RawDoc], options: dict[str, Any]) -> list[DocResult]:
    """Clean each document, parse the batch's bodies once, and run every article stage on each."""
    load_builtin()
    manifest = options.get("manifest") or {}
    seconds = float(options.get("input_seconds", 60.0))
    results = []
    for doc in docs:
        t0 = time.perf_counter()
        res = clean_one(doc, manifest, seconds)
        res.timings["clean"] = time.perf_counter() - t0
        results.append(res)
    stages = ordered(ARTICLE_STAGES)
    todo = [r for r in results if r.article_id]
    if not stages or not todo:
        return results
    t0 = time.perf_counter()
    docs_parsed = list(nlp().pipe([r.rows["articles"][0]["text"] for r in todo], batch_size=32))
    parse_time = (time.perf_counter() - t0) / len(todo)
    for res, parsed in zip(todo, docs_parsed, strict=True):
        res.timings["parse"] = parse_time
        ctx = ArticleContext(article=res.rows["articles"][0], doc=parsed, rows=res.rows)
        for st in stages:
            t1 = time.perf_counter()
            try:
                with time_limit(seconds):
                    out = st.fn(ctx)
            except Exception as exc:  # noqa: BLE001 - a stage bug on one article is reported, not fatal
                res.input["reason"] += f"; stage {st.name} failed: {type(exc).__name__}: {exc}"
                out = {}
            for table, rows in (out or {}).items():
                res.rows.setdefault(table, []).extend(rows)
            res.timings[st.name] = time.perf_counter() - t1
    return results
