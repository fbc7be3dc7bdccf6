"""Clean one raw document: dispatch on its format, let the container's metadata win, guess the language,
and guess its language."""

from __future__ import annotations

from sitrep.clean import Cleaned
from sitrep.clean.dates import parse_published
from sitrep.clean.html import clean_html
from sitrep.clean.language import guess_language
from sitrep.clean.meta import host_outlet
from sitrep.clean.text import clean_text
from sitrep.ingest import RawDoc


def clean_document(doc: RawDoc) -> Cleaned:
    meta = {k: v.strip() for k, v in doc.meta.items() if isinstance(v, str) and v.strip()}
    url = meta.get("url")
    if doc.format == "html":
        cleaned = clean_html(doc.content, url=url)
    else:
        cleaned = clean_text(doc.content, title=meta.get("title"))
    cleaned.url = url or cleaned.url
    cleaned.title = meta.get("title") or cleaned.title
    cleaned.author = meta.get("author") or cleaned.author
    cleaned.outlet = meta.get("outlet") or cleaned.outlet or host_outlet(cleaned.url)
    given = parse_published(meta["published"]) if meta.get("published") else None
    if given:
        cleaned.published, cleaned.published_precision = given.iso, given.precision
    cleaned.language = guess_language(cleaned.text) if cleaned.text else None
    return cleaned
