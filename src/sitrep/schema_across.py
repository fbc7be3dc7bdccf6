"""The tables the across-sources stages write: copies, claims and their members, contradictions, outlets
and per-article signals. `sitrep.schema` registers them after the per-article tables."""

from __future__ import annotations

from sitrep.columns import ALIGNMENT, BOOL, EVIDENCE, FLOAT, INT, STR, STRS, Table, declare

ACROSS: tuple[Table, ...] = (
    declare(
        "copies",
        "across",
        "Each article's copy cluster and the likely original.",
        ("article_id",),
        [
            ("article_id", STR, "The article."),
            ("cluster_id", STR, "Copy cluster (id of its likely original)."),
            ("original_id", STR, "Likely original: earliest dated, else most complete."),
            ("kind", STR, "original, exact, near (syndicated/trimmed), rewrite (spun), or unique."),
            (
                "similarity",
                FLOAT,
                "Similarity to the original (Jaccard of shingles for near, aligned share for rewrite).",
            ),
            ("alignment", ALIGNMENT, "For rewrites: aligned sentence pairs original/copy that show it."),
        ],
        per_article=False,
    ),
    declare(
        "claims",
        "across",
        "Events and statements that assert the same thing, across articles.",
        ("claim_id",),
        [
            ("claim_id", STR, "Stable id: hash of the claim key."),
            ("summary", STR, "One line built from the fields."),
            ("type", STR, "Event type, or PRESENCE for accounts of how large an actor's forces in a place are."),
            ("source_actor", STR, "Actor id."),
            ("target_actor", STR, "Actor id."),
            ("location", STR, "Place id."),
            ("modality", STR, "As in events."),
            ("first_date", STR, "Earliest date among members."),
            ("last_date", STR, "Latest date among members."),
            ("n_members", INT, "Member events/statements."),
            ("n_articles", INT, "Distinct articles."),
            ("n_outlets", INT, "Independent outlets (copies count once)."),
            ("anonymous_only", BOOL, "True when every member rests on an anonymous source."),
            ("status", STR, "corroborated, single-source, contested."),
        ],
        per_article=False,
    ),
    declare(
        "claim_members",
        "across",
        "Which events and statements make up a claim.",
        ("claim_id", "member_id"),
        [
            ("claim_id", STR, "Claim."),
            ("member_id", STR, "Event or statement id."),
            ("member_kind", STR, "event, statement, or sentence (a presence account said outside any statement)."),
            ("article_id", STR, "Article of the member."),
            ("outlet", STR, "Outlet of the article."),
            ("independent", BOOL, "False when the article is a copy of another member's article."),
            (
                "grouped_by",
                STR,
                "Why the member is in the claim: the shared claim key, or for an incident the evidence it joined on.",
            ),
        ],
        per_article=False,
    ),
    declare(
        "contradictions",
        "across",
        "Where accounts disagree, with the sentences on each side.",
        ("contradiction_id",),
        [
            ("contradiction_id", STR, "Stable id."),
            ("kind", STR, "scope, conditions, numbers, polarity, time, attribution."),
            (
                "summary",
                STR,
                "What differs, in names, then the claim it is about (`part (Port Royal) vs whole (Beland) — "
                "Aland offers to withdraw from Beland`).",
            ),
            (
                "claim_ids",
                STRS,
                "Claims involved, the most widely reported first (one pair of condition sentences bears "
                "on every claim told near them, and is reported once).",
            ),
            ("article_ids", STRS, "Articles involved."),
            ("evidence", EVIDENCE, "The sentences on each side (side a / side b)."),
        ],
        per_article=False,
    ),
    declare(
        "outlets",
        "across",
        "Signals per outlet, with no verdict.",
        ("outlet",),
        [
            ("outlet", STR, "Outlet name."),
            ("n_articles", INT, "Articles from the outlet."),
            ("named_author_share", FLOAT, "Share of articles with a named author."),
            ("dated_share", FLOAT, "Share of articles with a stated date."),
            ("dropped_share", FLOAT, "Share of input text dropped as boilerplate, related links or comments."),
            ("anonymous_claim_share", FLOAT, "Share of its claims that rest on anonymous sources only."),
            ("copied_share", FLOAT, "Share of its articles that copy or spin another article."),
            ("off_topic_blocks", INT, "Off-topic insertions found in its articles."),
            ("rating", STR, "User-supplied rating, if a ratings file was given."),
            ("rating_source", STR, "Who gave that rating."),
        ],
        per_article=False,
    ),
    declare(
        "article_signals",
        "across",
        "Signals per article (the evidence behind `outlets`), with no verdict.",
        ("article_id",),
        [
            ("article_id", STR, "The article."),
            ("outlet", STR, "Its outlet (`(unknown outlet)` when none is known)."),
            ("has_author", BOOL, "A named author (byline) was found."),
            ("has_date", BOOL, "A publication date was stated."),
            ("dropped_share", FLOAT, "Share of input text dropped as boilerplate, related links or comments."),
            ("anonymous_share", FLOAT, "Share of the claims it carries that rest on anonymous sources only."),
            ("copy_kind", STR, "Its `copies.kind` (original, exact, near, rewrite, unique)."),
            ("off_topic_blocks", INT, "Off-topic insertions found in it."),
        ],
        per_article=False,
    ),
)
