"""Join the body blocks into the body text and give each its offsets into it.

Every later offset (mentions, quotes, events) points into this one string, so it is built in one place:
body blocks in input order, separated by a blank line.
"""

from __future__ import annotations

from sitrep.clean import Block

SEPARATOR = "\n\n"


def assemble(blocks: list[Block]) -> str:
    """The body text; sets start/end on body blocks and clears them on the others."""
    parts: list[str] = []
    pos = 0
    for block in blocks:
        if block.kind != "body":
            block.start = block.end = None
            continue
        if parts:
            pos += len(SEPARATOR)
        block.start, block.end = pos, pos + len(block.text)
        parts.append(block.text)
        pos = block.end
    return SEPARATOR.join(parts)
