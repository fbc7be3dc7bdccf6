"""One article's walk over its event words: frames first, then the clauses under them, each read once.

A frame verb (`demanded`, `hopes`, `refused`, `denied`, `threatened`) makes an event of its own whose content is
the event in the clause it governs; an offer (`vowed to`, `will ... if`) or a modal (`should`, `must`) changes
the modality of the event it governs; a condition clause becomes its own event, linked by id. The walk is
memoised so a clause read as a frame's content is not read again on its own.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitrep.extract import senses
from sitrep.extract.arguments import FIRST_PERSON, ArgumentReader, Row, Source
from sitrep.extract.conditions import Condition, find_condition
from sitrep.extract.lexicon import FRAME_MODALITY, FRAME_TYPE, EventWord
from sitrep.extract.modality import (
    DEMAND_MODALS,
    anonymity_aside,
    content_of,
    mentioned_act,
    modality_of,
    negated,
    reported_clause,
    subordinate,
    trailing_participles,
)
from sitrep.extract.resolve import Mentions, date_near
from sitrep.extract.statements import subject
from sitrep.ids import stable_id

INTENT_VERBS = {"seek", "try", "attempt", "aim", "strive", "endeavour", "endeavor", "plan", "intend"}
OBJECT_CONTROL = {
    "lobby",
    "push",
    "demand",
    "urge",
    "ask",
    "press",
    "order",
    "call",
    "request",
    "appeal",
    "tell",
    "force",
}


def demanded_thing(verb: Token) -> Token | None:
    """What a demand asks for when it names no act of ours (`called for immediate access`, `called for action
    by the UN`): the object of its `for`."""
    return next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children), None)


class EventWalker(ArgumentReader):
    """One article's walk: memoised so a clause read as a frame's content is not read again on its own."""

    def __init__(self, doc: Doc, article: Row, mentions: Mentions, statements: list[Row]) -> None:
        super().__init__(doc, mentions, statements)
        self.article = article
        self.built: dict[int, Row | None] = {}
        self.content_modality: dict[int, str] = {}  # a frame's content clause -> the modality the frame gave it
        self.denied: list[tuple[int, int]] = []  # token ranges a denial covers: nothing inside them is done
        self.modal_demands: set[str] = set()  # `should`/`must` events, which their speaker demands
        self.rows: list[Row] = []

    def in_denial(self, tok: Token) -> bool:
        """Inside what a denial covers: nothing there is done, offered or demanded."""
        return any(start <= tok.i <= end for start, end in self.denied)

    def build(
        self, tok: Token, source: Source | None = None, modality: str | None = None, parent: bool = False
    ) -> Row | None:
        """The event a token stands for, read once: a frame with its content, an act with its modality, or a
        spoken `must` as a demand. `source` and `modality` come from a governing frame, `parent` marks an event
        that stands only as another's content or condition."""
        if tok.i in self.built:
            return self.built[tok.i]
        if modality is None and tok.dep_ == "conj" and tok.head.i in self.content_modality:
            # `refused to let planes land and evacuate them`: both verbs are what was refused
            modality, parent = self.content_modality[tok.head.i], True
            self.content_modality[tok.i] = modality
        if modality is None and self.in_denial(tok):
            modality, parent = "denies", True
        self.built[tok.i] = None
        is_verb = tok.pos_ in ("VERB", "AUX")
        word, frame, neg = self.read_word(tok)
        stmt = self.statement_at(tok)
        if word is None and frame is None:
            return self.modal_request(tok, stmt) if is_verb and modality is None else None
        source = source or self.source_of(tok, stmt)
        if frame is not None and frame != "say" and (frame in FRAME_TYPE or frame == "offer"):
            return self.framed(tok, frame, word, source, stmt, parent)
        if word is None:
            return None
        cond = find_condition(tok) or (self.terms_condition(tok) if word.type == "AGREE" else None)
        mod = modality or modality_of(tok, cond is not None)
        if neg and modality is None and self.named(source) and mod in ("intends-or-offers", "predicts"):
            refused = self.emit(tok, word, source, "refuses", False, stmt, cond, parent=True)
            return self.frame_event(tok, "REJECT", None, source, "refuses", refused, stmt, tok)
        return self.emit(tok, word, source, mod, neg, stmt, cond, parent)

    def terms_condition(self, tok: Token) -> Condition | None:
        """`reached an agreement that the fighters would leave in exchange for a halt to the shelling`: the
        condition in an agreement's terms is the agreement's own."""
        noun = self.carried.get(tok.i, tok)
        for clause in (c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX")):
            found = find_condition(clause)
            if found is not None:
                return found
        return None

    def read_word(self, tok: Token) -> tuple[EventWord | None, str | None, bool]:
        """(event word, frame, negated) for a token, remembering the noun a support verb carries: it lends the
        verb its prepositions and is not read again as an event of its own."""
        word, frame, neg, noun = senses.read_word(tok)
        if noun is not None:
            self.carried[tok.i] = noun
            self.built.setdefault(noun.i, None)
        return word, frame, neg

    def framed(
        self, tok: Token, frame: str, word: EventWord | None, source: Source, stmt: Row | None, parent: bool
    ) -> Row | None:
        """A frame: its content clause read with the frame's modality; its own event unless it is an offer."""
        content_tok = content_of(tok, frame)
        if frame == "deny":
            content_tok = self.mark_denied(tok, content_tok)
        if frame == "demand" and content_tok is not None and anonymity_aside(tok, content_tok):
            return None
        # an offer or demand inside what someone denies is denied, not made (`denied reports that X offered Y`)
        frame_mod = "denies" if self.in_denial(tok) else FRAME_MODALITY[frame]
        content = self.read_content(tok, content_tok, source, frame_mod) if content_tok is not None else None
        if frame == "offer":
            if content is None and tok.lemma_.lower() in INTENT_VERBS:
                return None  # `seeking to get out of trouble`: an aim with no act of ours is no offer
            if content is None and self.named(source):
                offer_mod = "denies" if frame_mod == "denies" else "intends-or-offers"
                return self.frame_event(tok, "AGREE", word, source, offer_mod, None, stmt, tok)
            return content
        # A demand whose clause names no event of ours still demands it (`demanded that the US cancel plans`);
        # a hope needs an event or an object to be one.
        clause = content_tok if frame == "demand" and content_tok is not None and content_tok.pos_ == "VERB" else None
        asked = demanded_thing(tok) if frame == "demand" else None  # `called for immediate access`
        if (
            not self.named(source)
            or frame in ("demand", "hope")
            and content is None
            and clause is None
            and asked is None
            and not any(c.dep_ == "dobj" for c in tok.children)
        ):
            return None
        row = self.frame_event(tok, FRAME_TYPE[frame], word, source, frame_mod, content, stmt, tok)
        if content_tok is not None and row["target_actor"] is None and not row["target_text"]:
            row["target_actor"], row["target_text"] = self.clause_target(content_tok, source)
        return row

    def mark_denied(self, tok: Token, content_tok: Token | None) -> Token | None:
        """Record what a denial covers and return its content: the clause it governs, or the clause on a denied
        report (`denied reports that X had passed a message`) with the participles that go on telling it."""
        reported = reported_clause(tok)
        content_tok = content_tok or reported
        if content_tok is not None:
            self.denied.append((content_tok.left_edge.i, content_tok.right_edge.i))
        if reported is not None:
            self.denied.extend(trailing_participles(tok, reported))
        return content_tok

    def read_content(self, tok: Token, content_tok: Token, source: Source, frame_mod: str) -> Row | None:
        """The event a frame governs, read with the frame's modality. A subjectless `to`-clause is done by the
        frame's source (`vowed to withdraw`), or after a verb of urging by its object (`urged X to withdraw`)."""
        inherit: Source | None = source
        if content_tok.dep_ in ("xcomp", "advcl") and not any(c.dep_.startswith("nsubj") for c in content_tok.children):
            dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if dobj is not None and tok.lemma_.lower() in OBJECT_CONTROL:
                inherit = self.actor(dobj, None)
        else:
            inherit = None
        content = self.build(content_tok, inherit, frame_mod, parent=True)
        self.content_modality[content_tok.i] = frame_mod
        return content

    def modal_request(self, tok: Token, stmt: Row | None) -> Row | None:
        """`S said X must drop barriers`: a `must`/`should` clause in a named speaker's words is the speaker's
        demand on X even when the act demanded is not one of our event words."""
        auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if not auxes & DEMAND_MODALS or stmt is None or not stmt.get("speaker_actor") or negated(tok):
            return None
        subj = subject(tok)
        if subj is not None and subj.pos_ == "PRON" and subj.lower_ in FIRST_PERSON:
            return None  # `we must be careful`: the speaker's own resolve, not a demand on anyone
        if not stmt["content_start"] <= tok.idx < stmt["content_end"]:
            return None
        cue = self.doc.char_span(stmt["cue_start"], stmt["cue_end"], alignment_mode="expand")
        if cue is None:
            return None
        source = (stmt["speaker_actor"], stmt["speaker"], None)
        row = self.row(cue.root, "REQUEST", None, source, "demands", False, stmt, None, None, 0.8)
        row["target_actor"], row["target_text"] = self.clause_target(tok, source)
        self.conditioned(row, find_condition(tok), None)  # `If X, Y should go`: the demand holds if X
        self.built[tok.i] = row
        self.rows.append(row)
        return row

    def frame_event(
        self,
        tok: Token,
        etype: str,
        word: EventWord | None,
        source: Source,
        modality: str,
        content: Row | None,
        stmt: Row | None,
        trigger: Token,
    ) -> Row:
        """A frame's own event (a demand, refusal, denial, threat or offer), linked to its content and aimed,
        when it names no target, at whoever the content is about."""
        row = self.row(trigger, etype, word, source, modality, False, stmt, None, None, 0.85)
        if content is not None:
            row["content_event_id"] = content["event_id"]
            if row["target_actor"] is None:
                other = content["source_actor"] != row["source_actor"] and content["source_actor"]
                doer = content["source_text"] and content["source_text"] != row["source_text"]
                if other or row["type"] == "ACCUSE" and doer:  # `condemned X's attack`: aimed at who did it
                    row["target_actor"], row["target_text"] = content["source_actor"], content["source_text"]
                elif row["target_text"] is None or content["target_actor"] is not None:
                    row["target_actor"], row["target_text"] = content["target_actor"], content["target_text"]
            row["anchor_end"] = max(row["anchor_end"], content["anchor_end"])
            row["anchor_start"] = min(row["anchor_start"], content["anchor_start"])
            row["anchor"] = self.article["text"][row["anchor_start"] : row["anchor_end"]]
        self.conditioned(row, find_condition(trigger), content)
        self.built[tok.i] = row
        self.rows.append(row)
        return row

    @staticmethod
    def conditioned(row: Row, cond: Condition | None, content: Row | None) -> None:
        """A position holds on the condition its act is offered, threatened or demanded on: `pressed X to do more
        if she wanted to win`, `would not support X if he loses` put the condition on the demand or refusal."""
        if cond is not None:
            row["condition"] = cond.text
        elif content is not None and content.get("condition"):
            row["condition"], row["condition_event_id"] = content["condition"], content.get("condition_event_id")

    def emit(
        self,
        tok: Token,
        word: EventWord,
        source: Source,
        modality: str,
        neg: bool,
        stmt: Row | None,
        cond: Condition | None,
        parent: bool,
    ) -> Row | None:
        """An act with its condition (read as its own event); an act by no named actor on no named target
        stands only as another event's content, or as a speaker's demand."""
        cond_row = None
        if cond is not None:
            cond_row = self.build(cond.head, None, "conditional", parent=True)
        row = self.row(tok, word.type, word, source, modality, neg, stmt, cond, cond_row, 0.7 if parent else 0.8)
        spoken_demand = modality == "demands" and stmt is not None and stmt.get("speaker_actor")
        if not parent and not self.named(source) and not self.named_target(row) and not spoken_demand:
            return None
        if spoken_demand and not parent:
            self.modal_demands.add(row["event_id"])
        self.built[tok.i] = row
        self.rows.append(row)
        return row

    def row(
        self,
        tok: Token,
        etype: str,
        word: EventWord | None,
        source: Source,
        modality: str,
        neg: bool,
        stmt: Row | None,
        cond: Condition | None,
        cond_row: Row | None,
        base: float,
    ) -> Row:
        """The event row: where, whom and when from the parse, an anchor reaching the phrases that filled
        them (in the same sentence), and a confidence from how much the text names."""
        src, src_text, src_phrase = source
        sent = tok.sent
        loc, loc_text, tgt, tgt_text, last = self.where(tok, word or EventWord(etype, None, None), src)
        spans = [(tok.idx, tok.idx + len(tok.text))]
        for ph in (src_phrase, last):
            if ph is not None and ph.sent == sent:
                spans.append((ph.start_char, ph.end_char))
        a_start, a_end = min(s for s, _ in spans), max(e for _, e in spans)
        date, precision = date_near(sent, tok.idx, self.mentions)
        confidence = base + (0.1 if src else 0) + (0.05 if tgt or loc else 0) - subordinate(tok) - mentioned_act(tok)
        text = self.article["text"]
        return {
            "event_id": stable_id(self.article["article_id"], etype, tok.idx, a_start, a_end),
            "article_id": self.article["article_id"],
            "type": etype,
            "mode": word.mode if word else None,
            "context": word.context if word else None,
            "source_actor": src,
            "source_text": src_text,
            "target_actor": tgt,
            "target_text": tgt_text,
            "location": loc,
            "location_text": loc_text,
            "date": date,
            "date_precision": precision if date else None,
            "modality": modality,
            "negated": neg,
            "condition": cond.text if cond else None,
            "condition_event_id": cond_row["event_id"] if cond_row else None,
            "content_event_id": None,
            "statement_id": stmt["statement_id"] if stmt else None,
            "trigger": tok.text,
            "sentence": sent.text,
            "sentence_start": sent.start_char,
            "sentence_end": sent.end_char,
            "anchor": text[a_start:a_end],
            "anchor_start": a_start,
            "anchor_end": a_end,
            "confidence": round(min(confidence, 0.95), 3),
        }

    def speaker_demands(self) -> None:
        """`X should leave`, said by S: S demands it (REQUEST by the speaker, content the modal event)."""
        for row in list(self.rows):
            if row["event_id"] not in self.modal_demands:
                continue
            stmt = next(s for s in self.statements if s["statement_id"] == row["statement_id"])
            if not stmt.get("speaker_actor"):
                continue
            tok = self.doc.char_span(stmt["cue_start"], stmt["cue_end"], alignment_mode="expand")
            if tok is None or self.built.get(tok.root.i):
                continue  # `agreed that X should ...`: the cue is an act of its own, not a demand
            source = (stmt["speaker_actor"], stmt["speaker"], None)
            req = self.row(tok.root, "REQUEST", None, source, "demands", False, stmt, None, None, 0.85)
            req["content_event_id"] = row["event_id"]
            req["event_id"] = stable_id(req["event_id"], row["event_id"])
            req["target_actor"], req["target_text"] = row["source_actor"], row["source_text"]
            self.conditioned(req, None, row)
            if row["sentence_start"] == req["sentence_start"]:
                req["anchor_start"] = min(req["anchor_start"], row["anchor_start"])
                req["anchor_end"] = max(req["anchor_end"], row["anchor_end"])
                req["anchor"] = self.article["text"][req["anchor_start"] : req["anchor_end"]]
            self.rows.append(req)
