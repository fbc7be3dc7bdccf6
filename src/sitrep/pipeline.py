"""The per-article work every engine runs: the registered stages before the parse (clean, metadata), one
spaCy pass over the batch, then the registered stages that read the parse.

`process_docs` is a pure function of its documents and options, so the local engine, a process pool and
Ray workers all produce the same rows. Whatever goes wrong with one document becomes that document's
status row: a stage that raises marks the input failed, naming the stage and the error, and drops every
row of that article, so no table holds half of it; the batch carries on.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sitrep import datafiles
from sitrep.ingest import RawDoc
from sitrep.options import ArticleOptions
from sitrep.stages import ARTICLE_STAGES, ArticleContext, SkipInput, Stage, load_builtin, ordered


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


def _run_stages(stages: list[Stage], ctx: ArticleContext, res: DocResult, seconds: float) -> bool:
    """Run `stages` on one document; on a skip or a failure, set the input's status and drop its rows."""
    for st in stages:
        t0 = time.perf_counter()
        try:
            with time_limit(seconds):
                out = st.fn(ctx)
        except SkipInput as exc:
            return _give_up(res, "skipped", str(exc))
        except Exception as exc:  # noqa: BLE001 - a stage bug on one article is that input's status, not fatal
            return _give_up(res, "failed", f"stage {st.name} failed: {type(exc).__name__}: {exc}")
        finally:
            res.timings[st.name] = res.timings.get(st.name, 0.0) + time.perf_counter() - t0
        for table, rows in (out or {}).items():
            res.rows.setdefault(table, []).extend(rows)
        if not ctx.article and res.rows.get("articles"):
            ctx.article = res.rows["articles"][0]
    return True


def _give_up(res: DocResult, status: str, reason: str) -> bool:
    res.input.update(status=status, reason=reason, article_id=None)
    res.article_id = None
    res.rows = {}
    return False


def clean_one(doc: RawDoc, options: ArticleOptions) -> tuple[DocResult, ArticleContext]:
    """Run the stages that come before the parse (clean, metadata) on one document."""
    res = DocResult(_input_row(doc, "ok", ""))
    ctx = ArticleContext(article={}, doc=None, rows=res.rows, raw=doc, options=options)
    before = [st for st in ordered(ARTICLE_STAGES) if not st.parsed]
    if _run_stages(before, ctx, res, options.input_seconds) and ctx.article:
        res.article_id = ctx.article["article_id"]
        res.input["article_id"] = res.article_id
        note = doc.meta.get("_note")
        words = len(ctx.article["text"].split())
        res.input["reason"] = f"{doc.format}, {words} words" + (f"; {note}" if note else "")
    elif res.input["status"] == "ok":
        _give_up(res, "skipped", f"no stage wrote an article for this {doc.format} input")
    return res, ctx


def needs_parse() -> bool:
    """Whether any registered stage reads the parse (a run with none never loads spaCy)."""
    return any(st.parsed for st in ARTICLE_STAGES.values())


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
    process_docs([doc], ArticleOptions())


def process_docs(docs: list[RawDoc], options: ArticleOptions) -> list[DocResult]:
    """Run the stages before the parse on each document, parse the batch's bodies once, run the rest."""
    load_builtin()
    datafiles.use(options.lexicons)
    prepared = [clean_one(doc, options) for doc in docs]
    _parse_and_run([(res, ctx) for res, ctx in prepared if res.article_id], options.input_seconds)
    return [res for res, _ in prepared]


def rerun_articles(
    stored: list[tuple[dict[str, Any], list[dict[str, Any]]]], options: ArticleOptions
) -> list[DocResult]:
    """Run the stages that read the parse again on articles already in the case, each given as its stored
    row and blocks (after a data file or the model changed): nothing is read or cleaned again, and the
    bodies are parsed once, as in a build. A result whose status is failed keeps no rows."""
    load_builtin()
    datafiles.use(options.lexicons)
    todo = []
    for article, blocks in stored:
        res = DocResult(
            {"status": "ok", "reason": ""}, article["article_id"], {"articles": [article], "blocks": blocks}
        )
        todo.append((res, ArticleContext(article=article, doc=None, rows=res.rows, options=options)))
    _parse_and_run(todo, options.input_seconds)
    return [res for res, _ in todo]


def _parse_and_run(todo: list[tuple[DocResult, ArticleContext]], seconds: float) -> None:
    after = [st for st in ordered(ARTICLE_STAGES) if st.parsed]
    if not after or not todo:
        return
    t0 = time.perf_counter()
    parsed = _parse_all([ctx.article["text"] for _, ctx in todo])
    parse_time = (time.perf_counter() - t0) / len(todo)
    for (res, ctx), doc in zip(todo, parsed, strict=True):
        res.timings["parse"] = parse_time
        if isinstance(doc, Exception):
            _give_up(res, "failed", f"parse failed: {type(doc).__name__}: {doc}")
            continue
        ctx.doc = doc
        _run_stages(after, ctx, res, seconds)


def _parse_all(texts: list[str]) -> list[Any]:
    """The batch's parses in one pass; if that raises, each text alone, so one bad text fails only itself
    (the error in its place) and never the batch and every input after it."""
    model = nlp()  # outside the try: a model that cannot load stops the build, it is no input's fault
    try:
        return list(model.pipe(texts, batch_size=32))
    except Exception:  # noqa: BLE001 - spaCy and its components raise anything; each text is retried
        out: list[Any] = []
        for text in texts:
            try:
                out.append(model(text))
            except Exception as exc:  # noqa: BLE001 - recorded as this input's failure
                out.append(exc)
        return out
