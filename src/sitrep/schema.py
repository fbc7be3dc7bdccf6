"""Every table a case holds, column by column: the contract between stages, CLI, web app and engines.

Stages hand each other plain row dicts; this module is the one place that says which columns a table has,
their Arrow types and what they mean. `docs/data-model.md` is generated from it (`python -m sitrep.schema`)
and a test keeps the two in step, so the documentation cannot drift from the code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pyarrow as pa

STR = pa.string()
INT = pa.int64()
FLOAT = pa.float64()
BOOL = pa.bool_()
STRS = pa.list_(pa.string())
EVIDENCE = pa.list_(
    pa.struct(
        [
            ("article_id", STR),
            ("outlet", STR),
            ("sentence", STR),
            ("start", INT),
            ("end", INT),
            ("side", STR),
        ]
    )
)
ALIGNMENT = pa.list_(pa.struct([("original_sentence", STR), ("copy_sentence", STR), ("similarity", FLOAT)]))


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    doc: str


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    stage: str
    per_article: bool = field(default=True)

    @property
    def arrow(self) -> pa.Schema:
        return pa.schema([(c.name, c.type) for c in self.columns])

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _t(name: str, stage: str, doc: str, key: tuple[str, ...], cols: Iterable[tuple], per_article=True) -> Table:
    return Table(name, doc, key, tuple(Column(*c) for c in cols), stage, per_article)


TABLES: dict[str, Table] = {}


def register(table: Table) -> Table:
    """Add a table to the contract; plug-ins that add stages declare their tables through this."""
    TABLES[table.name] = table
    return table


register(
    _t(
        "inputs",
        "ingest",
        "One row per input: file, URL, feed, JSONL line or WARC record, with its fate.",
        ("source",),
        [
            (
                "source",
                STR,
                "Absolute path or URL; `PATH#L12` for a JSONL line, `PATH#<WARC-Record-ID>` for a WARC record.",
            ),
            ("parent", STR, "The container input (JSONL file, WARC file, feed) this one came from, else null."),
            ("kind", STR, "file, folder (unlistable or symlinked), url, feed, jsonl-record, warc-record, feed-item."),
            ("sha256", STR, "SHA-256 of the raw bytes read or fetched (null when nothing could be read)."),
            ("bytes", INT, "Size of the raw input in bytes (null when nothing could be read)."),
            ("status", STR, "ok, duplicate, skipped or failed."),
            (
                "reason",
                STR,
                "Plain-language reason for any status but ok; for ok a short note (e.g. `html, 812 words`).",
            ),
            ("article_id", STR, "The article this input produced (ok) or repeats (duplicate); else null."),
        ],
    )
)

register(
    _t(
        "articles",
        "clean",
        "One row per distinct article body.",
        ("article_id",),
        [
            (
                "article_id",
                STR,
                "Stable id: first 16 hex digits of SHA-256 of the whitespace-normalised, lower-cased body.",
            ),
            ("source", STR, "The input (see `inputs.source`) the article was first read from."),
            (
                "outlet",
                STR,
                "Publishing outlet: manifest/JSONL value, else site name in the page or text, else URL host.",
            ),
            ("url", STR, "Canonical URL where known."),
            ("title", STR, "Headline."),
            ("author", STR, "Byline author(s), as written."),
            ("published", STR, "Publication date as ISO `YYYY-MM-DD` (month/year precision padded with 01), or null."),
            ("published_precision", STR, "day, month, year, or null when no date is stated."),
            ("language", STR, "ISO 639-1 language code (guessed from stop words; `en` is the model's language)."),
            ("format", STR, "html or text: how the body was extracted."),
            ("text", STR, "The clean body. Every character offset in other tables points into this string."),
        ],
    )
)

register(
    _t(
        "blocks",
        "clean",
        "The blocks an input was split into, kept or dropped, each with why.",
        ("article_id", "order"),
        [
            ("article_id", STR, "Article the block belongs to."),
            ("order", INT, "Position of the block in the input, from 0."),
            ("kind", STR, "body, title, byline, dateline, boilerplate, related, comments, off_topic."),
            ("reason", STR, "The rule that gave the label, in words a reader can audit."),
            ("text", STR, "The block's text as it appeared in the input."),
            ("start", INT, "For body blocks: offset of the block in `articles.text`; else null."),
            ("end", INT, "For body blocks: end offset (exclusive) in `articles.text`; else null."),
        ],
    )
)

register(
    _t(
        "mentions",
        "language",
        "Actor, place and date mentions found in article bodies.",
        ("article_id", "start", "end", "kind"),
        [
            ("mention_id", STR, "Stable id: hash of article_id, kind, start and end."),
            ("article_id", STR, "Article the mention is in."),
            ("start", INT, "Start character offset into `articles.text`."),
            ("end", INT, "End character offset (exclusive) into `articles.text`."),
            ("text", STR, "The mention as written."),
            ("kind", STR, "actor, place or date."),
            (
                "subkind",
                STR,
                "actor: state, person, group, igo, org, media; place: country, city, region, feature; "
                "date: absolute, relative, weekday.",
            ),
            (
                "norm_id",
                STR,
                "Canonical id: actor id (e.g. `USA`, `person:wang-yi`), place id "
                "(`geonames:170654`, `country:KEN`, `feature:...`) or ISO date.",
            ),
            ("name", STR, "Canonical display name of what the mention refers to."),
            ("actor", STR, "For people and bodies: the state or group they act for (actor id); for states, itself."),
            (
                "sector",
                STR,
                "government, military, diplomatic, intelligence, media, rebel, igo, ... where the text says.",
            ),
            ("lat", FLOAT, "Place latitude (WGS84)."),
            ("lon", FLOAT, "Place longitude (WGS84)."),
            ("country", STR, "ISO 3166-1 alpha-3 country of a place."),
            ("geonames_id", INT, "GeoNames id of a place, where known."),
            ("precision", STR, "For dates: day, month, year or unknown (year not anchored)."),
            ("date_end", STR, "For date ranges (e.g. `last month`): last day of the range, ISO."),
            ("method", STR, "How it was resolved: alias, demonym, title, appositive, coref, gazetteer, relative, ..."),
            ("confidence", FLOAT, "0..1 confidence in the resolution."),
        ],
    )
)

register(
    _t(
        "actors",
        "language",
        "One row per canonical actor seen in the case.",
        ("actor_id",),
        [
            ("actor_id", STR, "Canonical id: ISO alpha-3 for states, `group:...`, `igo:...`, `person:...`."),
            ("name", STR, "Display name."),
            ("kind", STR, "state, person, group, igo, org, media."),
            ("affiliation", STR, "For people and bodies: the actor id they act for."),
            ("sector", STR, "Most frequent sector seen for the actor."),
            ("aliases", STRS, "Every surface form seen in the case, sorted."),
            ("mention_count", INT, "Number of mentions in the case."),
            ("article_count", INT, "Number of articles mentioning it."),
        ],
        per_article=False,
    )
)

register(
    _t(
        "places",
        "language",
        "One row per resolved place seen in the case.",
        ("place_id",),
        [
            ("place_id", STR, "Canonical place id (see `mentions.norm_id`)."),
            ("name", STR, "Display name."),
            ("feature", STR, "country, city, region, feature (river, crossing, base, ...)."),
            ("country", STR, "ISO 3166-1 alpha-3."),
            ("lat", FLOAT, "Latitude (WGS84)."),
            ("lon", FLOAT, "Longitude (WGS84)."),
            ("geonames_id", INT, "GeoNames id where known."),
            ("aliases", STRS, "Every surface form seen in the case, sorted."),
            ("mention_count", INT, "Number of mentions in the case."),
            ("article_count", INT, "Number of articles mentioning it."),
        ],
        per_article=False,
    )
)

register(
    _t(
        "statements",
        "extract",
        "Who said what: direct and indirect quotes and paraphrases.",
        ("statement_id",),
        [
            ("statement_id", STR, "Stable id: hash of article_id and cue offsets."),
            ("article_id", STR, "Article the statement is in."),
            ("outlet", STR, "Reporting outlet (the article's)."),
            ("reporter", STR, "Who the article says reported it, in an attribution chain (e.g. another newspaper)."),
            ("reporter_actor", STR, "Actor id of the reporter, where resolved."),
            ("reporter_start", INT, "Reporter span start offset (the outlet or report as written), else null."),
            ("reporter_end", INT, "Reporter span end offset."),
            ("speaker", STR, "Speaker span as written (`a senior White House official`, `Kuleba`)."),
            ("speaker_start", INT, "Speaker span start offset (null when the speaker is resolved from context)."),
            ("speaker_end", INT, "Speaker span end offset."),
            ("speaker_person", STR, "Actor id of the person speaking, where named."),
            ("speaker_actor", STR, "Actor id the speaker speaks for (state, group, body)."),
            ("anonymous", BOOL, "True when the speaker is unnamed (`a source`, `officials`)."),
            ("cue", STR, "The cue verb or phrase (`said`, `warned`, `according to`)."),
            ("cue_start", INT, "Cue start offset."),
            ("cue_end", INT, "Cue end offset."),
            (
                "content",
                STR,
                'What was said, as written; a quote its cue interrupts (`"X," she said. "Y."`) is one '
                "span over both parts.",
            ),
            ("content_start", INT, "Content start offset."),
            ("content_end", INT, "Content end offset."),
            ("kind", STR, "direct, indirect or mixed."),
            ("sentence_start", INT, "Offset of the sentence holding the cue."),
            ("sentence_end", INT, "End offset of that sentence."),
            ("date", STR, "When it was said (ISO), where the text anchors it."),
            ("date_precision", STR, "day, month, year, unknown."),
            ("confidence", FLOAT, "0..1."),
        ],
    )
)

register(
    _t(
        "events",
        "extract",
        "Who did, demanded, offered, refused, denied or threatened what of whom.",
        ("event_id",),
        [
            ("event_id", STR, "Stable id: hash of article_id, type and anchor offsets."),
            ("article_id", STR, "Article the event is in."),
            ("type", STR, "PLOVER event type (AGREE ... ASSAULT) or DENY."),
            ("mode", STR, "PLOVER mode, where it applies."),
            ("context", STR, "PLOVER context, where it applies."),
            ("source_actor", STR, "Actor id of who acts (or demands, offers...)."),
            ("source_text", STR, "Source actor as written."),
            ("target_actor", STR, "Actor id of whom it is done to or demanded of."),
            ("target_text", STR, "Target as written."),
            ("location", STR, "Place id (see `places`)."),
            ("location_text", STR, "Place as written."),
            ("date", STR, "ISO date, where anchored."),
            ("date_precision", STR, "day, month, year, unknown."),
            (
                "modality",
                STR,
                "happened, intends-or-offers, demands, threatens, refuses, denies, predicts, hopes; "
                "`conditional` for an event parsed out of a condition clause.",
            ),
            ("negated", BOOL, "True when the text negates the event."),
            ("condition", STR, "The condition clause as written (`if Iran leaves Syria`)."),
            ("condition_event_id", STR, "Event id of the condition parsed as its own event."),
            ("content_event_id", STR, "For demands, offers and refusals: the event demanded/offered/refused."),
            ("statement_id", STR, "The statement this event was said in, when it is something a speaker said."),
            ("trigger", STR, "The verb or noun that signals the event."),
            ("sentence", STR, "The whole sentence."),
            ("sentence_start", INT, "Sentence start offset."),
            ("sentence_end", INT, "Sentence end offset."),
            ("anchor", STR, "Shortest quote that supports the event."),
            ("anchor_start", INT, "Anchor start offset."),
            ("anchor_end", INT, "Anchor end offset."),
            ("confidence", FLOAT, "0..1."),
        ],
    )
)

register(
    _t(
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
    )
)

register(
    _t(
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
    )
)

register(
    _t(
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
    )
)

register(
    _t(
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
    )
)

register(
    _t(
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
    )
)

register(
    _t(
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
    )
)


def coerce_rows(table: str, rows: Iterable[Mapping]) -> pa.Table:
    """Rows to an Arrow table of the declared schema; unknown keys are an error so typos fail loudly."""
    spec = TABLES[table]
    rows = list(rows)
    names = set(spec.names)
    for row in rows:
        extra = set(row) - names
        if extra:
            raise KeyError(f"table {table!r} has no column(s) {sorted(extra)}")
    return pa.Table.from_pylist([{n: r.get(n) for n in spec.names} for r in rows], schema=spec.arrow)


def markdown() -> str:
    out = [
        "# Data model",
        "",
        "Generated from `src/sitrep/schema.py` by `python -m sitrep.schema > docs/data-model.md`; "
        "a test fails when the two differ.",
        "",
        "A case folder holds one Parquet file per table (`CASE/tables/NAME.parquet`). "
        "Offsets are character offsets into `articles.text`. Query them with DuckDB, e.g. "
        "`duckdb -c \"select * from 'CASE/tables/events.parquet'\"`.",
        "",
    ]
    for t in TABLES.values():
        scope = "per article" if t.per_article else "whole case"
        out += [
            f"## `{t.name}`",
            "",
            f"{t.doc} Written by stage `{t.stage}` ({scope}); key: {', '.join(f'`{k}`' for k in t.key)}.",
            "",
            "| column | type | meaning |",
            "|---|---|---|",
        ]
        out += [f"| `{c.name}` | {c.type} | {c.doc.replace('|', '/')} |" for c in t.columns]
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(markdown(), end="")
