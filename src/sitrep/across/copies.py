"""Copy clusters: exact, near (syndicated, trimmed, re-wrapped) and rewritten (synonym-spun) versions.

A copy is not an independent confirmation, so every later count of outlets collapses a copy cluster to one
voice. Three steps, each a pure function so that an engine can run them apart (the Ray engine runs the
first two as group-bys): candidate pairs from shared band keys (`article_keys`, `bucket_pairs`), never from
comparing all pairs; each candidate pair scored on its own (`score_pairs`); clusters and rows from the
scored pairs (`copy_rows`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from sitrep.across.textsig import Features, band_keys, exact_key, sentence_features, usable, word_shingles

NEAR_CONTAINMENT = 0.5
SENTENCE_MATCH = 0.5
REWRITE_SHARE = 0.6
MIN_ALIGNED = 3
#: A band key shared by more articles than this is boilerplate (a standard sign-off, a stock paragraph),
#: not copying: its bucket would add pairs quadratically and every real copy shares other keys too.
#: Exact-text keys are never capped.
MAX_BUCKET = 200
_KIND_RANK = {"exact": 0, "near": 1, "rewrite": 2}

Scored = dict[tuple[str, str], tuple[str, float, list[dict[str, Any]]]]
#: Article rows with their sentence spans (`sentences`: a list of [start, end]), as the case stages read them.
ARTICLES_WITH_SENTENCES = """
    select a.*, coalesce(s.spans, []) as sentences from articles a left join (
        select article_id, list([start, "end"] order by start) as spans from sentences group by article_id
    ) s using (article_id) order by a.article_id
"""


class TextFeatures(NamedTuple):
    """What scoring needs of one article, computed once per article rather than once per pair."""

    text: str
    exact: str
    shingles: set[str]
    spans: list[tuple[int, int]]
    sentences: list[Features]


def text_features(article: Mapping[str, Any]) -> TextFeatures:
    """Features of an article row (`text`, and `sentences`: its spans from the `sentences` table)."""
    text = article.get("text") or ""
    spans = usable(text, article["sentences"])
    feats = [sentence_features(text[s:e]) for s, e in spans]
    return TextFeatures(text, exact_key(text), word_shingles(text), spans, feats)


def bucket_pairs(key: str, members: Iterable[str]) -> list[tuple[str, str]]:
    """The sorted pairs one key's bucket contributes: none from a boilerplate-sized band bucket."""
    ids = sorted(set(members))
    if len(ids) > MAX_BUCKET and not key.startswith("x:"):
        return []
    return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]


def candidate_pairs(keys_by_article: Mapping[str, Iterable[str]]) -> list[tuple[str, str]]:
    """Pairs of articles sharing an exact-text or band key, sorted; the only place pairs are generated."""
    buckets: dict[str, list[str]] = defaultdict(list)
    for aid in sorted(keys_by_article):
        for key in set(keys_by_article[aid]):
            buckets[key].append(aid)
    pairs: set[tuple[str, str]] = set()
    for key, members in buckets.items():
        pairs.update(bucket_pairs(key, members))
    return sorted(pairs)


def article_keys(article: Mapping[str, Any]) -> list[str]:
    text = article.get("text") or ""
    return ["x:" + exact_key(text), *band_keys(text, article["sentences"])]


def _sentence_similarity(fa: Features, fb: Features) -> float:
    """Half shared names/numbers, half shared function-word skeleton; a skeleton of under three bigrams
    (headlines, tables, other languages) says nothing, so it scores zero rather than a free match."""
    (na, sa), (nb, sb) = fa, fb
    skel = len(sa & sb) / len(sa | sb) if min(len(sa), len(sb)) >= 3 else 0.0
    if not na and not nb:
        return skel
    return 0.5 * len(na & nb) / len(na | nb) + 0.5 * skel


def align(fa: list[Features], fb: list[Features], threshold: float = SENTENCE_MATCH) -> list[tuple[int, int, float]]:
    """Monotone alignment of sentences (a DP like LCS, weighted by similarity): spinning keeps the order."""
    n, m = len(fa), len(fb)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    sims: dict[tuple[int, int], float] = {}
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            sim = _sentence_similarity(fa[i], fb[j])
            take = best[i + 1][j + 1] + sim if sim >= threshold else -1.0
            if take >= 0:
                sims[(i, j)] = sim
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    out, i, j = [], 0, 0
    while i < n and j < m:
        matched = sims.get((i, j))
        if matched is not None and best[i][j] == best[i + 1][j + 1] + matched:
            out.append((i, j, round(matched, 3)))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return out


def score_pair(a: Mapping[str, Any], b: Mapping[str, Any]) -> tuple[str | None, float, list[dict[str, Any]]]:
    """(kind, similarity, alignment) for one candidate pair of article rows; kind None when not copies."""
    return score_features(text_features(a), text_features(b))


def score_features(a: TextFeatures, b: TextFeatures) -> tuple[str | None, float, list[dict[str, Any]]]:
    if a.exact == b.exact:
        return "exact", 1.0, []
    wa, wb = a.shingles, b.shingles
    if wa and wb:
        containment = len(wa & wb) / min(len(wa), len(wb))
        if containment >= NEAR_CONTAINMENT:
            return "near", round(containment, 3), []
    if min(len(a.spans), len(b.spans)) < MIN_ALIGNED:
        # too few sentences to align MIN_ALIGNED of them: the alignment could only say "not a rewrite"
        return None, 0.0, []
    pairs = align(a.sentences, b.sentences)
    if not pairs:
        return None, 0.0, []
    share = len(pairs) / min(len(a.spans), len(b.spans))
    if len(pairs) < MIN_ALIGNED or share < REWRITE_SHARE:
        return None, round(share, 3), []
    alignment = [
        {
            "original_sentence": a.text[slice(*a.spans[i])],
            "copy_sentence": b.text[slice(*b.spans[j])],
            "similarity": sim,
        }
        for i, j, sim in pairs
    ]
    return "rewrite", round(share, 3), alignment


def features(articles: Mapping[str, Mapping[str, Any]], feats: dict[str, TextFeatures], aid: str) -> TextFeatures:
    """One article's features, computed on first use: an article is in many pairs."""
    if aid not in feats:
        feats[aid] = text_features(articles[aid])
    return feats[aid]


def score_pairs(pairs: Iterable[tuple[str, str]], articles: Mapping[str, Mapping[str, Any]]) -> Scored:
    """The copy pairs among `pairs` (a < b) of article rows by id, keyed by pair; features are computed
    once per article."""
    feats: dict[str, TextFeatures] = {}
    scored: Scored = {}
    for a, b in pairs:
        kind, sim, alignment = score_features(features(articles, feats, a), features(articles, feats, b))
        if kind:
            scored[(a, b)] = (kind, sim, alignment)
    return scored


def _original_rank(article: Mapping[str, Any]) -> tuple:
    """Earliest dated first, undated last; then the longest (most complete); then id for determinism."""
    published = article.get("published")
    return (published is None, published or "", -len(article.get("text") or ""), article["article_id"])


def _clusters(ids: list[str], edges: list[tuple[str, str]]) -> dict[str, list[str]]:
    parent = {a: a for a in ids}

    def root(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = defaultdict(list)
    for a in ids:
        groups[root(a)].append(a)
    return groups


def find_copies(articles: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One `copies` row per article: its cluster, the likely original and how it copies that original."""
    by_id = {a["article_id"]: a for a in articles}
    keys = {aid: article_keys(a) for aid, a in by_id.items()}
    return copy_rows(by_id.values(), score_pairs(candidate_pairs(keys), by_id))


def copy_rows(articles: Iterable[Mapping[str, Any]], scored: Scored) -> list[dict[str, Any]]:
    """Clusters from the scored copy pairs, however they were scored, and one row per article."""
    by_id = {a["article_id"]: a for a in articles}
    ids = sorted(by_id)
    scored = dict(scored)
    feats: dict[str, TextFeatures] = {}
    rows = []
    for members in _clusters(ids, sorted(scored)).values():
        original = min((by_id[m] for m in members), key=_original_rank)["article_id"]
        for aid in sorted(members):
            row = {"article_id": aid, "cluster_id": original, "original_id": original, "alignment": None}
            if len(members) == 1:
                row.update(cluster_id=aid, original_id=None, kind="unique", similarity=None)
            elif aid == original:
                row.update(kind="original", similarity=1.0)
            else:
                row.update(_relation(by_id, feats, scored, original, aid))
            rows.append(row)
    return sorted(rows, key=lambda r: r["article_id"])


def _relation(
    articles: Mapping[str, Mapping[str, Any]], feats: dict[str, TextFeatures], scored: Scored, original: str, aid: str
) -> dict[str, Any]:
    """How `aid` copies the original: scored directly when possible, else via the pair that joined it."""
    pair = (min(original, aid), max(original, aid))
    if pair not in scored:
        kind, sim, alignment = score_features(features(articles, feats, pair[0]), features(articles, feats, pair[1]))
        if kind:
            scored[pair] = (kind, sim, alignment)
    if pair in scored:
        kind, sim, alignment = scored[pair]
    else:
        links = sorted((k for k in scored if aid in k), key=lambda k: (_KIND_RANK[scored[k][0]], -scored[k][1], k))
        kind, sim, alignment = scored[links[0]]
    if kind == "rewrite" and pair[0] != original:
        alignment = [
            {
                "original_sentence": x["copy_sentence"],
                "copy_sentence": x["original_sentence"],
                "similarity": x["similarity"],
            }
            for x in alignment
        ]
    return {"kind": kind, "similarity": sim, "alignment": alignment or None}
