"""Who an unnamed group is, from the article around it: `the army`, `the regime`, `the coalition`, `the brigade`.

News names an actor once in full (`the Syrian army`, `the US-led coalition`) and then by its head noun alone.
`Antecedents` remembers, per head noun, the actor each full naming resolved to, and hands the latest one back
for a later bare use. The organs of a state that a war story is about (`the regime`, `government forces`,
`the army`) fall back, when never named in full, on the state the article names most: that is whose regime or
army a report means when it does not say.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from spacy.tokens import Doc, Token

from sitrep.extract.agents import nonstate
from sitrep.extract.lexicon import group_heads
from sitrep.extract.resolve import Mentions

Row = dict[str, Any]
# State organs that, unnamed, are the article's own state's (`the regime`, `government forces`, `the army`).
STATE_ORGANS = {"regime", "government", "army", "military", "troops", "soldiers", "authorities", "air force"}
ORGAN_MODIFIERS = {"regime", "government", "army", "military"}  # `regime forces`, `government troops`
MIN_STATE_MENTIONS = 3  # a state named fewer times than this is no article's focus


class Antecedents:
    """Per head noun, the actors earlier full namings resolved to; and the state the article names most."""

    def __init__(self, doc: Doc, mentions: Mentions):
        self.named: dict[str, list[tuple[int, Row]]] = {}
        states: Counter[str] = Counter()
        for m in mentions.rows:
            if m.get("kind") == "actor" and m.get("subkind") == "state" and m.get("actor"):
                states[m["actor"]] += 1
        top = states.most_common(2)
        clear = top and top[0][1] >= MIN_STATE_MENTIONS and (len(top) == 1 or top[0][1] > top[1][1])
        self.home = top[0][0] if clear else None
        self.by_text = {m["text"]: m for m in mentions.rows if m.get("kind") == "actor" and m.get("actor")}
        for tok in doc:
            if tok.pos_ not in ("NOUN", "PROPN") or tok.lower_ not in group_heads():
                continue
            start = min((c.left_edge.idx for c in tok.lefts if c.dep_ != "det"), default=tok.idx)
            found = [m for m in mentions.overlapping(start, tok.idx + len(tok.text), "actor") if m.get("actor")]
            if nonstate(tok):  # `the Syrian rebels` ... `the rebels`: not the Syrian state
                found = [m for m in found if m.get("subkind") != "state"]
            if found:
                self.named.setdefault(tok.lower_, []).append((tok.i, found[-1]))

    def resolve(self, tok: Token) -> Row | None:
        """The actor a bare group noun stands for: its last full naming before it, else for a state organ
        (`the regime`, `government forces`) the article's own state."""
        earlier = [m for i, m in self.named.get(tok.lower_, []) if i < tok.i]
        if earlier:
            return earlier[-1]
        if self.home is None:
            return None
        organ = tok.lower_ in STATE_ORGANS or tok.lemma_.lower() in STATE_ORGANS
        organ = organ or any(c.dep_ in ("compound", "amod") and c.lower_ in ORGAN_MODIFIERS for c in tok.lefts)
        if not organ or any(c.lower_.startswith(("pro-", "anti-")) for c in tok.lefts):
            return None
        return {"norm_id": self.home, "actor": self.home, "text": tok.text, "subkind": "state", "start": tok.idx}

    def lost_apostrophe(self, mention: Row) -> Row:
        """`Assads forces`, `Russias policy`: scraped text that lost its apostrophes turns a possessive into a
        name no list knows; when the article names the same actor without the `s`, it is that actor."""
        text = mention.get("text") or ""
        if mention.get("actor") or not text.endswith("s") or len(text) < 4:
            return mention
        return self.by_text.get(text[:-1], mention)
