"""The case folder: committed batches, compacted tables, and the lock that keeps two builds apart.

Layout::

    CASE/case.json              format version
    CASE/.lock                  held (flock) by the build that is writing
    CASE/shards/NNNNNN/T.parquet  one committed batch of per-article rows, every per-article table
    CASE/tables/T.parquet       the tables users, the report and the app read

A batch becomes visible only when its folder is renamed into `shards/`, so a build killed at any point
leaves either a whole batch or none, and the next build resumes after the last whole one. `tables/` is
rewritten from the shards (and the whole-case stages) file by file through temp-and-rename, with rows in a
fixed order, so re-running on the same inputs rewrites identical tables.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from sitrep.schema import TABLES, coerce_rows

FORMAT_VERSION = 1
#: In each batch folder: the digest of every data file and the model version its rows were made with.
VERSIONS = "versions.json"


#: The errors that mean the case folder cannot be written (full, read-only, over quota, no permission, I/O).
DISK_ERRNOS = frozenset({errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EIO, errno.EFBIG})


class CaseError(Exception):
    """A case folder problem the user can act on (locked, read-only, not a case)."""


class Case:
    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self.shards = self.path / "shards"
        self.tables = self.path / "tables"

    # -- creation and locking -------------------------------------------------------------------------
    def create(self) -> Case:
        try:
            self.shards.mkdir(parents=True, exist_ok=True)
            self.tables.mkdir(parents=True, exist_ok=True)
            meta = self.path / "case.json"
            if not meta.exists():
                _atomic_write_bytes(meta, json.dumps({"format": FORMAT_VERSION}).encode())
        except OSError as exc:
            raise CaseError(f"cannot write the case folder {self.path}: {exc.strerror or exc}") from exc
        return self

    def exists(self) -> bool:
        return (self.path / "case.json").exists()

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Refuse a second writer instead of interleaving two builds' batches."""
        try:
            fd = os.open(self.path / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise CaseError(f"cannot write the case folder {self.path}: {exc.strerror or exc}") from exc
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise CaseError(
                    f"another sitrep build is writing to {self.path}; wait for it to finish and run again"
                ) from exc
            # Only the lock holder may sweep half-written batches: before it, they may be another build's.
            for stale in self.shards.glob(".tmp-*"):
                shutil.rmtree(stale, ignore_errors=True)
            yield
        finally:
            os.close(fd)

    @contextmanager
    def writes(self) -> Iterator[None]:
        """Turn a full disk or a folder gone read-only mid-build into one message naming the case.

        Whatever was committed before the failure stays; the next build resumes from it.
        """
        try:
            yield
        except (OSError, duckdb.IOException) as exc:
            if isinstance(exc, OSError) and exc.errno not in DISK_ERRNOS:
                raise  # not the disk: a missing model, a network error, a bug say so themselves
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise CaseError(
                f"cannot write the case folder {self.path}: {why}; batches committed so far are kept, "
                "run the build again once there is room"
            ) from exc

    # -- batches ----------------------------------------------------------------------------------------
    def shard_dirs(self) -> list[Path]:
        if not self.shards.exists():
            return []
        return sorted(p for p in self.shards.iterdir() if p.is_dir() and not p.name.startswith("."))

    def commit_batch(self, rows: Mapping[str, list[dict[str, Any]]], versions: Mapping[str, str]) -> Path:
        """Write every per-article table of one batch and what its rows were made with (`sitrep.versions`),
        then make it visible in one rename."""
        seq = len(self.shard_dirs())
        tmp = self.shards / f".tmp-{seq:06d}-{os.getpid()}"
        tmp.mkdir(parents=True)
        try:
            for name, spec in TABLES.items():
                if spec.per_article:
                    pq.write_table(coerce_rows(name, rows.get(name, [])), tmp / f"{name}.parquet")
            (tmp / VERSIONS).write_text(json.dumps(dict(sorted(versions.items())), indent=1))
            final = self.shards / f"{seq:06d}"
            os.rename(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return final

    def versions(self, shard: Path) -> dict[str, str]:
        """What a batch's rows were made with; empty for a batch committed before versions were recorded."""
        path = shard / VERSIONS
        return dict(json.loads(path.read_text())) if path.exists() else {}

    def latest_shards(self) -> dict[str, Path]:
        """The batch that last wrote each article: its rows there are the article's rows (see `compact`)."""
        files = self.shard_glob("articles")
        if not files:
            return {}
        query = "select article_id, max(parse_dirpath(filename)) from read_parquet(?, filename=true) group by 1"
        return {aid: Path(d) for aid, d in duckdb.connect().execute(query, [files]).fetchall()}

    def shard_glob(self, table: str) -> list[str]:
        return [str(d / f"{table}.parquet") for d in self.shard_dirs() if (d / f"{table}.parquet").exists()]

    def known_inputs(self) -> dict[str, dict[str, Any]]:
        """Latest status row per input source across committed batches."""
        files = self.shard_glob("inputs")
        if not files:
            return {}
        con = duckdb.connect()
        rows = con.execute(
            "select source, sha256, status, article_id from read_parquet(?, filename=true) order by filename",
            [files],
        ).fetchall()
        return {src: {"sha256": sha, "status": st, "article_id": aid} for src, sha, st, aid in rows}

    def known_article_ids(self) -> set[str]:
        files = self.shard_glob("articles")
        if not files:
            return set()
        con = duckdb.connect()
        return {r[0] for r in con.execute("select article_id from read_parquet(?)", [files]).fetchall()}

    # -- final tables --------------------------------------------------------------------------------------
    def compact(self) -> None:
        """Rewrite each per-article table from the shards, in key order, latest input row winning.

        An article's rows come from the one batch that last wrote it: a re-run after a data file changed
        commits the article anew, and a row the new data no longer produces must not survive from the old batch.
        """
        con = duckdb.connect()
        articles = self.shard_glob("articles")
        for name, spec in TABLES.items():
            if not spec.per_article:
                continue
            files = self.shard_glob(name)
            out = self.tables / f"{name}.parquet"
            tmp = out.with_suffix(".parquet.tmp")
            if not files:
                pq.write_table(coerce_rows(name, []), tmp)
            else:
                cols = ", ".join(f'"{c}"' for c in spec.names)
                keys = ", ".join(f'"{k}"' for k in spec.key)
                rows, params = "read_parquet(?, filename=true, union_by_name=true)", [files]
                if name != "inputs" and "article_id" in spec.names and articles:
                    latest = (
                        "select article_id, max(parse_dirpath(filename)) as _shard from read_parquet(?, filename=true)"
                    )
                    rows = f"(select t.* from {rows} t join ({latest} group by 1) l on t.article_id = l.article_id "
                    rows += "and parse_dirpath(t.filename) = l._shard)"
                    params.append(articles)
                reader = con.sql(
                    f"select {cols} from (select *, row_number() over (partition by {keys} "
                    f"order by filename desc) as _rn from {rows}) where _rn = 1 order by {keys}",
                    params=params,
                ).to_arrow_reader(100_000)
                # Streamed, and cast to the declared schema: DuckDB's own COPY marks a column NOT NULL or
                # not depending on the data, so a resumed build would differ in schema from a fresh one.
                with pq.ParquetWriter(tmp, spec.arrow) as writer:
                    for batch in reader:
                        writer.write_table(pa.Table.from_batches([batch]).cast(spec.arrow))
            os.replace(tmp, out)

    def write_table(self, name: str, data: pa.Table | list[dict[str, Any]]) -> None:
        table = data if isinstance(data, pa.Table) else coerce_rows(name, data)
        spec = TABLES.get(name)
        if spec is not None:
            table = table.select(spec.names).cast(spec.arrow)
            idx = pa.compute.sort_indices(table, [(k, "ascending") for k in spec.key])
            table = table.take(idx)
        out = self.tables / f"{name}.parquet"
        tmp = out.with_suffix(".parquet.tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, out)

    def table_names(self) -> list[str]:
        if not self.tables.exists():
            return []
        present = {p.stem for p in self.tables.glob("*.parquet")}
        known = [n for n in TABLES if n in present]
        return known + sorted(present - set(known))

    def read(self, name: str) -> pa.Table:
        path = self.tables / f"{name}.parquet"
        if not path.exists():
            return coerce_rows(name, []) if name in TABLES else pa.table({})
        return pq.read_table(path)

    def connect(self) -> duckdb.DuckDBPyConnection:
        """A DuckDB connection with one view per table present, for stages, the report and the app."""
        con = duckdb.connect()
        present = self.table_names()
        for name in present:
            path = str(self.tables / f"{name}.parquet").replace("'", "''")
            con.execute(f"create view \"{name}\" as select * from read_parquet('{path}')")
        for name in TABLES.keys() - set(present):
            con.register(name, coerce_rows(name, []))  # a table no stage wrote yet reads as empty
        return con


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write then rename; the temporary name is this process's own, so two first builds racing to create
    one case do not remove each other's file (which read as a disk error)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
