"""The Ray engine writes the same tables as the local engine, and Parquet files of articles are inputs."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sitrep.ingest import InputRow, RawDoc
from sitrep.ingest.sources import read_source
from sitrep.ingest.web import Limits


def _rows(path: Path) -> list[str]:
    """A table's rows as canonical JSON lines, sorted: the comparison ignores row order, nothing else."""
    return sorted(json.dumps(r, sort_keys=True, default=str) for r in pq.read_table(path).to_pylist())


# Part of the demo corpus with each thing an engine could get wrong: a syndicated copy pair, a spun rewrite,
# HTML, JSON Lines records and metadata only the manifest gives; the first 30 s are fixed start-up costs.
DEMO_PART = ("09_", "10_", "13_", "14_", "15_", "19_", "25_", "wire.jsonl", "manifest.csv")


@pytest.mark.slow
def test_ray_engine_writes_the_local_engines_tables(demo_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("ray", reason="the Ray engine needs the optional extra: pip install 'sitrep[ray]'")
    from sitrep.build import build
    from sitrep.options import BuildOptions

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for src in demo_dir.iterdir():
        if src.name.startswith(DEMO_PART):
            shutil.copy(src, corpus / src.name)
    manifest = corpus / "manifest.csv"
    local = build([str(corpus)], tmp_path / "local", BuildOptions(manifest=manifest, batch_size=3))
    ray = build(
        [str(corpus)], tmp_path / "ray", BuildOptions(manifest=manifest, batch_size=3, engine="ray", processes=2)
    )
    assert ray.counts == local.counts
    names = sorted(p.name for p in (tmp_path / "local" / "tables").glob("*.parquet"))
    assert "articles.parquet" in names
    assert names == sorted(p.name for p in (tmp_path / "ray" / "tables").glob("*.parquet"))
    for name in names:
        assert _rows(tmp_path / "ray" / "tables" / name) == _rows(tmp_path / "local" / "tables" / name), name


def test_parquet_of_articles_reads_row_by_row(tmp_path: Path) -> None:
    path = tmp_path / "articles.parquet"
    pq.write_table(
        pa.table(
            {
                "text": ["Officials met in the capital on Monday.", None, "  "],
                "html": [None, "<html><body><p>A page about the talks.</p></body></html>", None],
                "outlet": ["Example Wire", None, None],
                "published": [datetime.date(2018, 5, 1), None, None],
            }
        ),
        path,
    )
    items = list(read_source(str(path), Limits()))
    docs = [i for i in items if isinstance(i, RawDoc)]
    rows = [i for i in items if isinstance(i, InputRow)]
    assert [(d.source.rsplit("#", 1)[1], d.format) for d in docs] == [("row0", "text"), ("row1", "html")]
    assert docs[0].meta == {"outlet": "Example Wire", "published": "2018-05-01"}
    assert [(r.status, r.source.rsplit("#", 1)[-1]) for r in rows] == [("failed", "row2"), ("ok", str(path))]
