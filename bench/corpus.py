"""A benchmark corpus of any size from a small one: the demo reports, reshuffled, remixed and re-bylined.

Each variant keeps one base report's furniture (navigation, headline, byline, links) in place and fills its
body paragraph slots with a shuffled mix of its own paragraphs and paragraphs from other reports, under a
different outlet name. So no two variants have the same body (nothing dedupes, every article id differs),
the text keeps the shape and noise of real copy, and the copy detector sees occasional overlap rather than
one huge cluster per base report, which would turn the benchmark into a measure of pair scoring.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from sitrep.ingest.sources import expand, read_source
from sitrep.ingest.web import Limits

DEMO = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "data" / "demo"
BODY_WORDS = 20
NOT_REPORTS = {".md", ".csv"}  # a corpus folder's README and manifest describe reports; they are not ones
_FIRST = (
    "Northern",
    "Coastal",
    "Evening",
    "Morning",
    "Central",
    "Valley",
    "Harbour",
    "Union",
    "Metro",
    "River",
    "Summit",
    "Border",
    "Plains",
    "Lakeside",
    "Highland",
    "Frontier",
    "Island",
    "Delta",
)
_SECOND = (
    "Ledger",
    "Dispatch",
    "Sentinel",
    "Chronicle",
    "Gazette",
    "Observer",
    "Tribune",
    "Record",
    "Bulletin",
    "Herald",
    "Courier",
    "Times",
    "Journal",
    "Review",
    "Post",
    "Star",
    "Wire",
    "Report",
)
_HTML_P = re.compile(r"<p\b[^>]*>.*?</p>", re.S | re.I)
_TAGS = re.compile(r"<[^>]+>")


@dataclass
class Base:
    """One report of the base pool, split into paragraph slots (html: `<p>` elements, text: blank lines)."""

    format: str
    parts: list[str]
    body_slots: list[int]
    outlet: str | None
    meta: dict[str, str]


def _words(part: str) -> int:
    return len(_TAGS.sub(" ", part).split())


def _split(doc_format: str, content: str) -> list[str]:
    """Paragraphs and the text between them, so that joining the parts gives the content back."""
    if doc_format == "html":
        parts, last = [], 0
        for m in _HTML_P.finditer(content):
            parts += [content[last : m.start()], m.group(0)]
            last = m.end()
        return parts + [content[last:]]
    return re.split(r"(\n\s*\n)", content)


def load_pool(folders: list[Path]) -> list[Base]:
    """Every document sitrep's readers find in the folders, with the outlet its cleaner recognises."""
    from sitrep.clean.document import clean_document

    pool = []
    for src in expand([str(f) for f in folders]):
        if not isinstance(src, str) or Path(src).suffix.lower() in NOT_REPORTS:
            continue
        for item in read_source(src, Limits()):
            if not hasattr(item, "content"):
                continue
            parts = _split(item.format, item.content)
            slots = [i for i, p in enumerate(parts) if _words(p) >= BODY_WORDS]
            if len(slots) < 2:
                continue
            outlet = item.meta.get("outlet") or clean_document(item).outlet
            pool.append(Base(item.format, parts, slots, outlet, dict(item.meta)))
    return pool


def _outlet_name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_SECOND)}"


def _body(base: Base, same_kind: list[Base], mix: float, rng: random.Random) -> list[str]:
    body = [base.parts[i] for i in base.body_slots]
    for k in range(len(body)):
        if same_kind and rng.random() < mix:
            other = rng.choice(same_kind)
            body[k] = other.parts[rng.choice(other.body_slots)]
    rng.shuffle(body)
    return body


def variant(
    pool: list[Base], index: int, mix: float, rng: random.Random, seen: set[str]
) -> tuple[str, str, dict[str, str]]:
    """(format, content, meta) of variant `index`: base report index mod pool size, body reshuffled.

    A body already drawn is drawn again (a short base has few orders): the outlet name alone may not reach
    the cleaned text, and two equal texts would be one article.
    """
    base = pool[index % len(pool)]
    same_kind = [b for b in pool if b.format == base.format and b is not base]
    for _ in range(100):
        body = _body(base, same_kind, mix, rng)
        if "".join(body) not in seen:
            break
    seen.add("".join(body))
    parts = list(base.parts)
    for slot, para in zip(base.body_slots, body, strict=True):
        parts[slot] = para
    content = "".join(parts)
    meta = dict(base.meta)
    new_outlet = _outlet_name(rng)
    if base.outlet:
        content = re.sub(re.escape(base.outlet), new_outlet, content, flags=re.I)
    if meta.get("outlet"):
        meta["outlet"] = new_outlet
    if meta.get("url"):
        meta["url"] = f"{meta['url']}?variant={index}"
    return base.format, content, meta


def write_corpus(out: Path, n: int, folders: list[Path] | None = None, mix: float = 0.5, seed: int = 7) -> int:
    """Write `n` variants to `out` (one file each, so reading streams); returns the number written."""
    pool = load_pool(folders or [DEMO])
    if not pool:
        raise ValueError("no usable documents (two or more body paragraphs) in the corpus folders")
    rng, seen = random.Random(seed), set()
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        fmt, content, meta = variant(pool, i, mix, rng, seen)
        stem = out / f"{i:07d}"
        if meta:
            record = {"html" if fmt == "html" else "text": content, **meta}
            stem.with_suffix(".jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
        else:
            stem.with_suffix(".html" if fmt == "html" else ".txt").write_text(content, encoding="utf-8")
    return n
