"""HTML pages through trafilatura: body paragraphs, comments kept apart, and the page's metadata.

Settings were chosen on the article-extraction benchmark (`sitrep eval extraction`): favouring precision
and pruning comment sections before extracting the body scored best (token F1 0.964 against 0.953 for
trafilatura's defaults); tables stay in (dropping them lost recall). Comments are extracted in the same
pass into their own blocks so users can see what was left out of the body.
"""

from __future__ import annotations

import html as htmllib
import re
from typing import TypedDict

import trafilatura
from trafilatura.settings import Document

from sitrep.clean import Block, Cleaned
from sitrep.clean.assemble import assemble
from sitrep.clean.dates import parse_published
from sitrep.clean.meta import host_outlet
from sitrep.clean.text import clean_text


class Settings(TypedDict):
    """Our trafilatura options, typed so each call is checked against trafilatura's own signature."""

    favor_precision: bool
    include_tables: bool


SETTINGS: Settings = {"favor_precision": True, "include_tables": True}


def extract_body(html: str, url: str | None = None) -> str:
    """The body as trafilatura gives it with our settings (what the benchmark scores)."""
    return trafilatura.extract(html, url=url, include_comments=False, **SETTINGS) or ""


# lxml's cost grows with the tag count and with the square of one element's attributes, in C where no time
# limit reaches it (an 869 KB page of 80,000 attributes took 4.5 minutes; 1M flat tags took 1.35 GB). The
# largest page of the extraction benchmark has 1,737 tags and 169 attributes on one tag: these ceilings are
# far above real pages. A page over them is read by stripping its markup, never parsed.
MAX_TAGS = 25_000
MAX_ATTRIBUTES_PER_TAG = 1_000
_LONG_TAG = re.compile(r"<[A-Za-z][^<>]{4000,}>")
_HIDDEN = re.compile(r"<(script|style|template)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_MARKUP = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
_BLOCK_END = re.compile(r"</?(p|div|br|h[1-6]|li|tr|article|section|header|footer|blockquote)\b", re.I)


def too_complex(html: str) -> str | None:
    """Why this page must not go to lxml (too many tags, or one tag with too many attributes), else None."""
    tags = html.count("<")
    if tags > MAX_TAGS:
        return f"{tags:,} tags (over {MAX_TAGS:,})"
    for tag in _LONG_TAG.finditer(html):
        attributes = tag.group(0).count("=")
        if attributes > MAX_ATTRIBUTES_PER_TAG:
            return f"a tag with {attributes:,} attributes (over {MAX_ATTRIBUTES_PER_TAG:,})"
    return None


def stripped_text(html: str) -> str:
    """Visible text by regular expressions alone, block ends as line breaks: no parser, linear time."""
    text = _BLOCK_END.sub(lambda m: "\n\n" + m.group(0), _HIDDEN.sub(" ", html))
    return htmllib.unescape(_MARKUP.sub(" ", text))


def clean_html(html: str, url: str | None = None) -> Cleaned:
    why = too_complex(html)
    if why:
        cleaned = clean_text(stripped_text(html))
        cleaned.format, cleaned.url = "html", url
        note = f"markup too complex to parse safely ({why}): tags stripped, read as plain text"
        for block in cleaned.blocks:
            block.reason = f"{block.reason}; {note}"
        return cleaned
    doc = trafilatura.bare_extraction(html, url=url, include_comments=True, with_metadata=True, **SETTINGS)
    if not isinstance(doc, Document):  # None when nothing was extracted (a dict only if asked for one)
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
