"""The one way sitrep makes a stable id: the first 16 hex digits of SHA-256 over the id's parts.

Ids are hashes of content, not counters, so re-runs, engines and workers agree on them without talking to
each other. The parts are joined by `sep`; the separators differ by table only because the ids were pinned
in cases (and tests) before this helper existed, and changing one would re-key every row of that table.
"""

from __future__ import annotations

import hashlib

#: Separator of statement, event and mention-free ids (`statement_id`, `event_id`, `place_id` ...).
PIPE = "|"
#: Separator of claim, contradiction and presence-member ids.
UNIT = "\x1f"
#: Separator of mention ids.
COLON = ":"


def stable_id(*parts: object, sep: str = PIPE) -> str:
    """16 hex digits of SHA-256 over `sep.join(str(p) for p in parts)`."""
    return hashlib.sha256(sep.join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def text_id(text: str) -> str:
    """The id of a body of text, the same whatever the white space or letter case it was copied with."""
    return stable_id(" ".join(text.lower().split()))
