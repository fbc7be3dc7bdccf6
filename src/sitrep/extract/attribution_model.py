"""A learned attribution tagger: Source / Cue / Content tags for the tokens of a sentence (a CRF).

The rules in `statements` find a statement from a known cue and the parse around it; they miss stance and
belief cues, nominal cues and odd word orders. PolNeAR labels every token as source, cue, content or none, so
attribution is a tag sequence, and a linear-chain CRF over spaCy features (in the manner of the BBC's Citron)
learns it from `../shared/data/polnear/train` (`sitrep train attribution`). The model ships as package data
(`data/models/attribution.crfsuite`, with the cue lemmas seen in training in `attribution_cues.txt`); see
docs/models/attribution.md. It is consulted only for sentences the rules found nothing in, so the rules'
statements are unchanged.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from spacy.tokens import Span, Token

from sitrep.datafiles import words

MODEL = "models/attribution.crfsuite"
CUES = "models/attribution_cues.txt"
QUOTE_MARKS = frozenset({'"', "“", "”", "``", "''"})
Features = dict[str, str | float]


def _quote_state(sent: Span) -> list[int]:
    """1 for tokens inside a quotation in this sentence, else 0 (quote marks toggle)."""
    inside, out = 0, []
    for tok in sent:
        if tok.text in QUOTE_MARKS:
            inside ^= 1
        out.append(inside)
    return out


def _cue_arm(tok: Token, cues: frozenset[str]) -> tuple[str, int] | None:
    """(dependency of the branch under the nearest cue ancestor, depth): `nsubj` for the speaker's words,
    `ccomp` for the clause said. None when no ancestor within 8 steps is a cue."""
    cur = tok
    for depth in range(8):
        parent = cur.head
        if parent is cur:
            return None
        if parent.lemma_.lower() in cues and parent.pos_ in ("VERB", "NOUN"):
            return cur.dep_, min(depth, 3)
        cur = parent
    return None


def _window(sent: Span, k: int, cues: frozenset[str]) -> Features:
    out: Features = {}
    for off in (-2, -1, 1, 2):
        j = k + off
        if 0 <= j < len(sent):
            tok = sent[j]
            out[f"{off}w"] = tok.lower_
            out[f"{off}pos"] = tok.pos_
            out[f"{off}dep"] = tok.dep_
            out[f"{off}cue"] = str(tok.lemma_.lower() in cues)
        else:
            out[f"{off}w"] = "<pad>"
    return out


def token_features(sent: Span, k: int, quoted: list[int], cue_at: list[int], cues: frozenset[str]) -> Features:
    """What the tagger sees of the k-th token: its word, parse, entity, quote state, and where the cues are."""
    tok, n = sent[k], len(sent)
    lemma, head_cue = tok.lemma_.lower(), tok.head.lemma_.lower() in cues
    f: Features = {
        "b": 1.0,
        "w": tok.lower_,
        "lem": lemma,
        "pos": tok.pos_,
        "tag": tok.tag_,
        "dep": tok.dep_,
        "hl": tok.head.lemma_.lower(),
        "hp": tok.head.pos_,
        "hd": f"{tok.dep_}|{tok.head.pos_}",
        "ent": tok.ent_type_ or "-",
        "shape": tok.shape_[:4],
        "suf": tok.lower_[-3:],
        "q": str(quoted[k]),
        "cue": str(lemma in cues),
        "hcue": str(head_cue),
        "pos_rel": str(min(4, k * 5 // max(n, 1))),
        "dep_hcue": f"{tok.dep_}|{head_cue}",
        "ent_dep": f"{tok.ent_type_ or '-'}|{tok.dep_}",
        "q_cue": f"{quoted[k]}|{bool(cue_at)}",
    }
    if cue_at:
        d = min((c - k for c in cue_at), key=abs)
        f["cd"] = str(max(-6, min(6, d)))
        f["side"] = "before" if d > 0 else "after" if d < 0 else "at"
    else:
        f["cd"] = "none"
    arm = _cue_arm(tok, cues)
    if arm is None:
        f["arm"] = "none"
    else:
        f["anc_cue"], f["arm"], f["arm_pos"] = str(arm[1]), arm[0], f"{arm[0]}|{tok.pos_}"
    f.update(_window(sent, k, cues))
    return f


def sentence_features(sent: Span, cues: frozenset[str]) -> list[Features]:
    quoted = _quote_state(sent)
    cue_at = [k for k, t in enumerate(sent) if t.lemma_.lower() in cues and t.pos_ in ("VERB", "NOUN")]
    return [token_features(sent, k, quoted, cue_at, cues) for k in range(len(sent))]


@cache
def learned_cues() -> frozenset[str]:
    """Cue lemmas of the shipped model (the lexicon's and those PolNeAR's annotators marked often)."""
    return words(CUES)


@cache
def _tagger():  # pycrfsuite.Tagger; untyped library
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(files("sitrep.data").joinpath(MODEL)))
    return tagger


def worth_tagging(sent: Span) -> bool:
    """Only sentences with a cue word or a quote mark can hold an attribution: the rest are not tagged."""
    cues = learned_cues()
    return any(t.text in QUOTE_MARKS or t.lemma_.lower() in cues for t in sent)


def tag(sent: Span) -> list[str]:
    """BIO tags (B-Source, I-Cue, ..., O) for the tokens of `sent`."""
    return list(_tagger().tag(sentence_features(sent, learned_cues())))


def tagged_spans(sent: Span, tags: list[str], label: str) -> list[Span]:
    """The token spans tagged `label`, a new span at every B- tag."""
    out: list[Span] = []
    start: int | None = None
    for k, t in enumerate([*tags, "O"]):
        begins = t == f"B-{label}" or (t == f"I-{label}" and start is None)
        if start is not None and (begins or t != f"I-{label}"):
            out.append(sent[start:k])
            start = None
        if begins:
            start = k
    return out
