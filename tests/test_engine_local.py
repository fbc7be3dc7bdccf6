"""Worker processes of the local engine write the same tables as one process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq


def _rows(path: Path) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, default=str) for r in pq.read_table(path).to_pylist())


def test_two_processes_write_the_one_process_tables(demo_dir: Path, tmp_path: Path) -> None:
    from sitrep.build import build
    from sitrep.options import BuildOptions

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for src in sorted(demo_dir.iterdir())[:8]:
        if src.is_file():
            shutil.copy(src, corpus / src.name)
    one = build([str(corpus)], tmp_path / "one", BuildOptions(batch_size=2))
    two = build([str(corpus)], tmp_path / "two", BuildOptions(batch_size=2, processes=2))
    assert two.counts == one.counts
    assert one.counts.get("ok", 0) >= 5
    names = sorted(p.name for p in (tmp_path / "one" / "tables").glob("*.parquet"))
    assert names == sorted(p.name for p in (tmp_path / "two" / "tables").glob("*.parquet"))
    for name in names:
        assert _rows(tmp_path / "two" / "tables" / name) == _rows(tmp_path / "one" / "tables" / name), name
