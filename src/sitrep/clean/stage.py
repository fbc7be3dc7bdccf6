"""The stages before the parse: `clean` (body, blocks, what the page states) and `metadata` (one merge of
container, page and manifest into the article row).

They are registered like every other stage, so a plug-in can replace or follow them and a failure in them
is reported like any other stage's; they run before the batch's one spaCy pass because the parse needs
the body they produce.
"""

from __future__ import annotations

from typing import Any

from sitrep.clean import Cleaned
from sitrep.clean.document import METADATA_FIELDS, clean_body, container_meta, merge_metadata
from sitrep.ids import text_id
from sitrep.ingest import RawDoc
from sitrep.ingest.sources import manifest_entry
from sitrep.stages import ArticleContext, SkipInput, article_stage

#: The longest body parsed. spaCy refuses texts over 1,000,000 characters and needs about 1 GB per 100,000
#: for the parser; a news article is rarely a tenth of this. A longer body (a book, a log dump) is cut at
#: the last paragraph break before the limit, and its status says so.
MAX_BODY_CHARS = 200_000


def _cut(cleaned: Cleaned, raw: RawDoc) -> None:
    """Keep the body up to the last paragraph break before MAX_BODY_CHARS; blocks past it go too."""
    full = len(cleaned.text)
    end = cleaned.text.rfind("\n\n", 0, MAX_BODY_CHARS)
    end = end if end > MAX_BODY_CHARS // 2 else MAX_BODY_CHARS
    cleaned.text = cleaned.text[:end]
    cleaned.blocks = [b for b in cleaned.blocks if b.start is None or b.start < end]
    for b in cleaned.blocks:
        if b.end is not None and b.end > end:
            b.end = end
            b.text = cleaned.text[b.start : end] if b.start is not None else b.text
    note = f"body cut to its first {end:,} of {full:,} characters (limit {MAX_BODY_CHARS:,})"
    raw.meta["_note"] = f"{raw.meta['_note']}; {note}" if raw.meta.get("_note") else note


@article_stage("clean", assigns=("articles", "blocks"), order=10, parsed=False)
def clean(ctx: ArticleContext) -> dict[str, list[dict[str, Any]]]:
    """The article row with what the page itself states (the `metadata` stage merges the rest) and its blocks."""
    raw = ctx.raw
    assert raw is not None, "clean runs before the parse, on a raw document"
    cleaned = clean_body(raw)
    if not cleaned.text.strip():
        raise SkipInput(f"no article text found in {raw.format}")
    if len(cleaned.text) > MAX_BODY_CHARS:
        _cut(cleaned, raw)
    aid = text_id(cleaned.text)
    article = {
        "article_id": aid,
        "source": raw.source,
        **{k: getattr(cleaned, k) for k in (*METADATA_FIELDS, "published", "published_precision")},
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
    return {"articles": [article], "blocks": blocks}


@article_stage("metadata", requires=("articles",), assigns=("articles",), order=20, parsed=False)
def metadata(ctx: ArticleContext) -> dict[str, list[dict[str, Any]]]:
    """Settle the article's outlet, URL, title, author and date from every source, in place: the row is
    the one `clean` wrote, and a second row for the same article would only have to be merged again."""
    raw = ctx.raw
    assert raw is not None, "metadata runs before the parse, on a raw document"
    fill = manifest_entry(raw, ctx.options.manifest)
    ctx.article.update(merge_metadata(ctx.article, container_meta(raw), fill))
    return {}
