"""HTML pages through trafilatura: body paragraphs, comments kept apart, and the page's metadata.

Settings were chosen on the article-extraction benchmark (`sitrep eval extraction`): favouring precision
and pruning comment sections before extracting the body scored best (token F1 0.964 against 0.953 for
trafilatura's defaults); tables stay in (dropping them lost recall). Comments are extracted in the same
pass into their own blocks so users can see what was left out of the body.
"""

from __future__ import annotations

import trafilatura

from sitrep.clean import Block, Cleaned
from sitrep.clean.assemble import assemble
from sitrep.clean.dates import parse_published
from sitrep.clean.meta import host_outlet

SETTINGS = {"favor_precision": True, "include_tables": True}


def extract_body(html: str, url: str | None = None) -> str:
    """The body as trafilatura gives it with our settings (what the benchmark scores)."""
    return trafilatura.extract(html, url=url, include_comments=False, **SETTINGS) or ""


def clean_html(html: str, url: str | None = None) -> Cleaned:
    doc = trafilatura.bare_extraction(html, url=url, include_comments=True, with_metadata=True, **SETTINGS)
    if doc is None:
        return Cleaned(text="", format="html", url=url)
    blocks = []
    if doc.title:
        blocks.append(Block("title", "page title (trafilatura metadata)", " ".join(doc.title.split())))
    blocks += [Block("body", "main text (trafilatura)", p) for p in _paragraphs(doc.text)]
    dropped = "comment section (trafilatura), kept out of the body"
    blocks += [Block("comments", dropped, p) for p in _paragraphs(doc.comments)]
    date = parse_published(doc.date) if doc.date else None
    return Cleaned(
        text=assemble(blocks),
        format="html",
        title=doc.title or None,
        author=doc.author or None,
        outlet=doc.sitename or host_outlet(doc.url or url),
        url=doc.url or url,
        published=date.iso if date else None,
        published_precision=date.precision if date else None,
        blocks=blocks,
    )


def _paragraphs(text: str | None) -> list[str]:
    return [" ".join(line.split()) for line in (text or "").split("\n") if line.strip()]
