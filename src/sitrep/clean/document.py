"""Clean one raw document: dispatch on its format and guess its language; and merge the metadata its
container, its page and the manifest give, in one place and by one rule."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sitrep.clean import Cleaned
from sitrep.clean.dates import parse_published
from sitrep.clean.html import clean_html
from sitrep.clean.langid import guess_language
from sitrep.clean.meta import host_outlet
from sitrep.clean.text import clean_text
from sitrep.ingest import RawDoc

METADATA_FIELDS = ("url", "title", "author", "outlet")


def container_meta(doc: RawDoc) -> dict[str, str]:
    """What the container (JSONL fields, WARC headers, feed item) says about the document, blanks dropped."""
    return {k: v.strip() for k, v in doc.meta.items() if isinstance(v, str) and v.strip()}


def clean_body(doc: RawDoc) -> Cleaned:
    """Body, blocks, language and what the page itself states. The container's URL and title are only hints
    here (trafilatura resolves links with the URL; the title marks the headline line of a plain text): which
    value the article keeps is decided by `merge_metadata` alone."""
    meta = container_meta(doc)
    if doc.format == "html":
        cleaned = clean_html(doc.content, url=meta.get("url"))
    else:
        cleaned = clean_text(doc.content, title=meta.get("title"))
    cleaned.language = guess_language(cleaned.text) if cleaned.text else None
    return cleaned


def merge_metadata(
    page: Mapping[str, Any], container: Mapping[str, str], manifest: Mapping[str, str]
) -> dict[str, Any]:
    """The one merge of every source of metadata, so a field means the same whichever source filled it.

    The container wins (a JSONL record or WARC header was written by whoever collected the page), then what
    the page states, then the manifest, which only fills what the others leave open; the outlet falls back
    to the URL's host. Every date becomes ISO with its precision; a date no rule can read is dropped rather
    than stored raw in a column documented as ISO.
    """
    sources = (container, page, manifest)
    out: dict[str, Any] = {k: next((s[k] for s in sources if s.get(k)), None) for k in METADATA_FIELDS}
    out["outlet"] = out["outlet"] or host_outlet(out["url"])
    out["published"] = out["published_precision"] = None
    for source in sources:
        given = _date(source)
        if given is not None:
            out["published"], out["published_precision"] = given
            break
    return out


def _date(source: Mapping[str, Any]) -> tuple[str, str] | None:
    if source.get("published_precision") and source.get("published"):
        return source["published"], source["published_precision"]  # the page's own date, already read
    found = parse_published(source["published"]) if source.get("published") else None
    return (found.iso, found.precision) if found else None


def clean_document(doc: RawDoc, manifest: Mapping[str, str] | None = None) -> Cleaned:
    """What the `clean` and `metadata` stages make of one document, in one call (for tests, evals, bench)."""
    cleaned = clean_body(doc)
    page = {k: getattr(cleaned, k) for k in (*METADATA_FIELDS, "published", "published_precision")}
    for key, value in merge_metadata(page, container_meta(doc), manifest or {}).items():
        setattr(cleaned, key, value)
    return cleaned
