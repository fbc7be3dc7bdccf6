"""The feed reader: an RSS/Atom/RDF feed to one document per item, fetched from the item's link.

A feed is one input however many items it lists, so all its link fetches share one time budget
(`limits.feed_seconds`; each fetch is also cut to what is left of it) and only `limits.feed_items` items are
read. Items past either limit still get a row. A link that turns out to be a feed itself is not expanded, so
a feed that links to itself cannot start a fresh budget. When a link fails, the item's own content stands in.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from sitrep.ingest import InputRow, RawDoc
from sitrep.ingest.decode import InputProblem, sha256, sniff_format
from sitrep.ingest.web import Limits

Item = RawDoc | InputRow


def looks_like_feed(text: str) -> bool:
    """An RSS, Atom or RDF root near the top of the text."""
    head = text[:4096].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def read_feed(source: str, kind: str, text: str, digest: str, size: int, limits: Limits) -> Iterator[Item]:
    """Each feed item: fetch its link; fall back to the item's own content when that fails; then the feed's
    own row summing up what was read."""
    import feedparser

    from sitrep.ingest.readers import is_url  # readers hands feeds to this module: imported here to avoid a cycle

    if limits.feed_items <= 0:
        raise InputProblem("skipped", "feed not expanded (a feed linked from a feed item is read as one page only)")
    feed = feedparser.parse(text)
    site = (feed.feed.get("title") or "").strip() or None
    deadline = time.monotonic() + limits.feed_seconds
    n = over_cap = unfetched = 0
    for i, entry in enumerate(feed.entries):
        link = entry.get("link")
        item_source = link or f"{source}#item{i}"
        if i >= limits.feed_items:
            over_cap += 1
            reason = f"feed has more than {limits.feed_items} items; this one was not read"
            yield InputRow(item_source, "feed-item", "skipped", reason, parent=source)
            continue
        meta = _item_meta(entry, site)
        n += 1
        fetched: list[Item] = []
        if link and is_url(link):
            meta["url"] = link
            fetched = _fetch_item(link, limits, deadline)
            unfetched += not fetched
        yield from _item_docs(source, item_source, entry, meta, fetched, limits)
    yield InputRow(
        source,
        "feed" if kind == "file" else kind,
        "ok" if n else "skipped",
        _feed_summary(n, over_cap, unfetched, limits),
        sha256=digest,
        bytes=size,
    )


def _item_meta(entry: Any, site: str | None) -> dict[str, str]:
    """What the feed says about an item (title, author, the feed's title as outlet, the day it was published)."""
    meta = {"title": entry.get("title"), "author": entry.get("author"), "outlet": site}
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    if published:
        meta["published"] = f"{published.tm_year:04d}-{published.tm_mon:02d}-{published.tm_mday:02d}"
    return {k: v for k, v in meta.items() if v}


def _item_docs(
    source: str, item_source: str, entry: Any, meta: dict[str, str], fetched: list[Item], limits: Limits
) -> Iterator[Item]:
    """The documents an item's link gave, or else the item's own content with a note saying why, or else a row
    saying why there is nothing."""
    docs = [d for d in fetched if isinstance(d, RawDoc)]
    if docs:
        for d in docs:
            d.kind, d.parent = "feed-item", source
            d.meta = {**meta, **d.meta}
            yield d
        return
    linked = "url" in meta
    row = fetched[0] if fetched and isinstance(fetched[0], InputRow) else None
    if linked and not fetched:
        status, reason = "skipped", f"link not fetched: the feed's {limits.feed_seconds:g} s budget was used up"
    elif row:
        status, reason = ("skipped" if row.status == "skipped" else "failed"), row.reason
    else:
        status, reason = "failed", "item has no link or content"
    content = (entry.content[0].get("value", "") if entry.get("content") else "") or entry.get("summary", "")
    if not content.strip():
        yield InputRow(item_source, "feed-item", status, reason, parent=source)
        return
    raw = content.encode()
    d = RawDoc(
        item_source, "feed-item", sniff_format(content), content, sha256(raw), len(raw), parent=source, meta=meta
    )
    if linked:
        d.meta["_note"] = f"feed item content used ({'link failed: ' if row else ''}{reason})"
    yield d


def _fetch_item(link: str, limits: Limits, deadline: float) -> list[Item]:
    """What a feed item's link gives, within what is left of the feed's budget; [] when nothing is left."""
    from sitrep.ingest.readers import read_url  # see read_feed

    left = deadline - time.monotonic()
    if left <= 0:
        return []
    return list(read_url(link, replace(limits, timeout=min(limits.timeout, left), feed_items=0)))


def _feed_summary(n: int, over_cap: int, unfetched: int, limits: Limits) -> str:
    """The feed's own status reason: how many items were read, and what the caps and the budget left out."""
    if not n:
        return "feed with no items"
    why = f"feed: {n} item(s)"
    if over_cap:
        why += f"; {over_cap} more not read (item cap {limits.feed_items})"
    if unfetched:
        why += f"; {unfetched} link(s) not fetched (time budget {limits.feed_seconds:g} s used up)"
    return why
