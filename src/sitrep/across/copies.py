"""Copy clusters: exact, near (syndicated, trimmed, re-wrapped) and rewritten (synonym-spun) versions.

A copy is not an independent confirmation, so every later count of outlets collapses a copy cluster to one
voice. Candidate pairs come from shared band keys (`textsig.band_keys`), never from comparing all pairs;
each candidate pair is then scored on its own (`score_pair`), so the two steps can run apart at scale.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sitrep.across.textsig import band_keys, exact_key, sentence_features, sentences, word_shingles

NEAR_CONTAINMENT = 0.5
SENTENCE_MATCH = 0.5
REWRITE_SHARE = 0.6
MIN_ALIGNED = 3
_KIND_RANK = {"exact": 0, "near": 1, "rewrite": 2}


def candidate_pairs(keys_by_article: Mapping[str, Iterable[str]]) -> list[tuple[str, str]]:
    """Pairs of articles sharing an exact-text or band key, sorted; the only place pairs are generated."""
    buckets: dict[str, list[str]] = defaultdict(list)
    for aid in sorted(keys_by_article):
        for key in set(keys_by_article[aid]):
            buckets[key].append(aid)
    pairs: set[tuple[str, str]] = set()
    for members in buckets.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pairs.add((a, b) if a < b else (b, a))
    return sorted(pairs)


def article_keys(text: str) -> list[str]:
    return ["x:" + exact_key(text), *band_keys(text)]


def _sentence_similarity(fa, fb) -> float:
    """Half shared names/numbers, half shared function-word skeleton; a skeleton of under three bigrams
    (headlines, tables, other languages) says nothing, so it scores zero rather than a free match."""
    (na, sa), (nb, sb) = fa, fb
    skel = len(sa & sb) / len(sa | sb) if min(len(sa), len(sb)) >= 3 else 0.0
    if not na and not nb:
        return skel
    return 0.5 * len(na & nb) / len(na | nb) + 0.5 * skel


def align(text_a: str, text_b: str, threshold: float = SENTENCE_MATCH) -> list[tuple[int, int, float]]:
    """Monotone alignment of sentences (a DP like LCS, weighted by similarity): spinning keeps the order."""
    sa, sb = sentences(text_a), sentences(text_b)
    fa = [sentence_features(text_a[s:e]) for s, e in sa]
    fb = [sentence_features(text_b[s:e]) for s, e in sb]
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
        sim = sims.get((i, j))
        if sim is not None and best[i][j] == best[i + 1][j + 1] + sim:
            out.append((i, j, round(sim, 3)))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return out


def score_pair(text_a: str, text_b: str) -> tuple[str | None, float, list[dict[str, Any]]]:
    """(kind, similarity, alignment) for one candidate pair; kind None when they are not copies."""
    if exact_key(text_a) == exact_key(text_b):
        return "exact", 1.0, []
    wa, wb = word_shingles(text_a), word_shingles(text_b)
    if wa and wb:
        containment = len(wa & wb) / min(len(wa), len(wb))
        if containment >= NEAR_CONTAINMENT:
            return "near", round(containment, 3), []
    pairs = align(text_a, text_b)
    na, nb = len(sentences(text_a)), len(sentences(text_b))
    if not pairs or min(na, nb) == 0:
        return None, 0.0, []
    share = len(pairs) / min(na, nb)
    if len(pairs) < MIN_ALIGNED or share < REWRITE_SHARE:
        return None, round(share, 3), []
    spans_a, spans_b = sentences(text_a), sentences(text_b)
    alignment = [
        {"original_sentence": text_a[slice(*spans_a[i])], "copy_sentence": text_b[slice(*spans_b[j])],
         "similarity": sim}
        for i, j, sim in pairs
    ]
    return "rewrite", round(share, 3), alignment


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
    ids = sorted(by_id)
    keys = {aid: article_keys(by_id[aid].get("text") or "") for aid in ids}
    scored: dict[tuple[str, str], tuple] = {}
    for a, b in candidate_pairs(keys):
        kind, sim, alignment = score_pair(by_id[a]["text"] or "", by_id[b]["text"] or "")
        if kind:
            scored[(a, b)] = (kind, sim, alignment)
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
                row.update(_relation(by_id, scored, original, aid))
            rows.append(row)
    return sorted(rows, key=lambda r: r["article_id"])


def _relation(by_id, scored, original: str, aid: str) -> dict[str, Any]:
    """How `aid` copies the original: scored directly when possible, else via the pair that joined it."""
    pair = (min(original, aid), max(original, aid))
    if pair not in scored:
        kind, sim, alignment = score_pair(by_id[original]["text"] or "", by_id[aid]["text"] or "")
        if kind:
            scored[pair] = (kind, sim, alignment)
    if pair in scored:
        kind, sim, alignment = scored[pair]
    else:
        links = sorted((k for k in scored if aid in k),
                       key=lambda k: (_KIND_RANK[scored[k][0]], -scored[k][1], k))
        kind, sim, alignment = scored[links[0]]
    if kind == "rewrite" and pair[0] != original:
        alignment = [{"original_sentence": x["copy_sentence"], "copy_sentence": x["original_sentence"],
                      "similarity": x["similarity"]} for x in alignment]
    return {"kind": kind, "similarity": sim, "alignment": alignment or None}
