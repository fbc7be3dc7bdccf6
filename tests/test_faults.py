"""Faults: SIGKILL at any point, two builds at once, a full disk or a read-only case folder.

The kill tests run `sitrep.build.build` in a child process on a few hundred small inputs with batches of
four. The child keeps the real reading, cleaning, batching, compaction and case-stage writing, but swaps
the NLP stages for a probe case stage (one spaCy load per kill would cost minutes), so a kill lands on the
code that writes the case. Each run is killed at a different point and the next one resumes; the final
tables must equal those of an uninterrupted run.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from sitrep.case import Case
from sitrep.cli import app

N_INPUTS = 160
CHILD = textwrap.dedent(
    """
    import sys, time
    import duckdb, pyarrow as pa
    import sitrep.registry as registry
    import sitrep.stages as stages

    registry.BUILTIN_STAGE_MODULES = ("sitrep.clean.stage",)  # keep the run fast: no spaCy; a probe writes a case table

    @stages.case_stage("probe", requires=("articles",), assigns=("probe_words",))
    def probe(view):
        rows = view.con.sql(
            "select article_id, len(string_split(text, ' ')) as words from articles order by article_id"
        ).arrow()
        time.sleep(float(sys.argv[3]))
        return {"probe_words": rows}

    from sitrep.build import build
    from sitrep.options import BuildOptions
    summary = build([sys.argv[1]], sys.argv[2], BuildOptions(batch_size=4))
    sys.exit(summary.exit_code)
    """
)


def _inputs(root: Path, n: int = N_INPUTS) -> Path:
    src = root / "inputs"
    src.mkdir()
    for i in range(n):
        body = (
            f"Report number {i} from the coastal province. Officials in district {i % 17} said on day "
            f"{i % 28 + 1} that talks on troop number {i * 7} would resume. Residents counted {i * 3} trucks."
        )
        (src / f"r{i:04d}.txt").write_text(body)
    (src / f"r{n:04d}.txt").write_text((src / "r0000.txt").read_text())  # one duplicate
    (src / "broken.jsonl").write_text('{"text": "A short wire item about the talks."}\n{not json\n')
    return src


def _child(script: Path, src: Path, case: Path, sleep: float = 0.0) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(script), str(src), str(case), str(sleep)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _wait_for(cond, proc: subprocess.Popen, timeout: float = 120) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.005)
    return False


def _tables(case: Path) -> dict:
    return {p.stem: pq.read_table(p) for p in sorted((case / "tables").glob("*.parquet"))}


def _assert_readable(case: Path) -> None:
    """What a killed build leaves: only whole batches, readable tables, a readable inputs record."""
    c = Case(case)
    for shard in c.shard_dirs():
        for f in shard.glob("*.parquet"):
            pq.read_table(f)
    for f in (case / "tables").glob("*.parquet"):
        pq.read_table(f)
    c.known_inputs()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path, dict]:
    root = tmp_path_factory.mktemp("faults")
    script = root / "child.py"
    script.write_text(CHILD)
    src = _inputs(root)
    proc = _child(script, src, root / "reference")
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err.decode()[-2000:]  # the broken JSONL line
    return script, src, _tables(root / "reference")


@pytest.mark.slow
def test_sigkill_at_many_points_then_resume_equals_uninterrupted(corpus, tmp_path: Path) -> None:
    script, src, reference = corpus
    case = tmp_path / "case"
    shards = lambda: len(Case(case).shard_dirs())  # noqa: E731
    kill_points = [
        lambda: shards() >= 3,  # mid-batches
        lambda: shards() >= 15,  # mid-batches, in a resumed run
        lambda: (case / "tables" / "articles.parquet").exists(),  # compacting or running case stages
        lambda: (case / "tables" / "probe_words.parquet").exists(),  # after the case stage, before the marker
    ]
    killed = 0
    for point in kill_points:
        proc = _child(script, src, case, sleep=0.3)
        if _wait_for(point, proc):
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.communicate(timeout=300)
        _assert_readable(case)
    assert killed >= 3, "the build finished before the kill points; make it slower"
    proc = _child(script, src, case)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err.decode()[-2000:]
    final = _tables(case)
    assert final.keys() == reference.keys()
    for name, table in reference.items():
        assert final[name].equals(table), name
    assert final["inputs"].num_rows == N_INPUTS + 4  # the files, the duplicate, the JSONL file and its 2 lines


@pytest.mark.slow
def test_sigkill_at_random_moments(corpus, tmp_path: Path) -> None:
    script, src, reference = corpus
    case = tmp_path / "case"
    for delay in (1.1, 1.6):  # fixed: reproducible; spread over start-up, batches and compaction
        proc = _child(script, src, case, sleep=0.3)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        _assert_readable(case)
    proc = _child(script, src, case)
    proc.communicate(timeout=300)
    final = _tables(case)
    for name, table in reference.items():
        assert final[name].equals(table), name


def test_sigint_leaves_a_readable_case_that_resumes(corpus, tmp_path: Path) -> None:
    script, src, reference = corpus
    case = tmp_path / "case"
    proc = _child(script, src, case)
    assert _wait_for(lambda: len(Case(case).shard_dirs()) >= 5, proc)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0 and b"KeyboardInterrupt" in err
    assert not list((case / "shards").glob(".tmp-*")), "Ctrl-C left a half-written batch"
    _assert_readable(case)
    _child(script, src, case).communicate(timeout=300)
    assert _tables(case)["inputs"].equals(reference["inputs"])


def test_second_build_on_a_locked_case_refuses_clearly(corpus, tmp_path: Path) -> None:
    script, src, reference = corpus
    case = tmp_path / "case"
    first = _child(script, src, case, sleep=120.0)  # holds the lock in a slow case stage
    try:
        assert _wait_for(lambda: (case / "tables" / "articles.parquet").exists(), first)
        result = CliRunner().invoke(app, ["build", str(src), "--out", str(case), "--quiet"])
        assert first.poll() is None, "the first build ended before the second one tried"
    finally:
        first.kill()
        first.communicate(timeout=60)
    assert result.exit_code == 2
    assert "another sitrep build is writing" in " ".join(result.output.split())
    _assert_readable(case)
    _child(script, src, case).communicate(timeout=300)  # the lock died with its holder
    final = _tables(case)
    for name, table in reference.items():
        assert final[name].equals(table), name


def test_opening_a_locked_case_never_sweeps_the_writers_batch(tmp_path: Path) -> None:
    """A waiting build must not remove the half-written batch of the build that holds the lock."""
    case = Case(tmp_path / "case").create()
    pending = case.shards / ".tmp-000003-99999"
    pending.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
        import fcntl, os, sys, time
        fd = os.open({str(case.path / ".lock")!r}, os.O_RDWR | os.O_CREAT)
        fcntl.flock(fd, fcntl.LOCK_EX)
        print('locked', flush=True)
        time.sleep(30)
    """),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout.readline().strip() == b"locked"
        Case(case.path).create()
        with pytest.raises(Exception, match="another sitrep build"), Case(case.path).lock():
            pass
        assert pending.exists()
    finally:
        holder.kill()
        holder.wait()
    with Case(case.path).lock():  # the holder is gone: its leftovers are stale now
        assert not pending.exists()


def _small_inputs(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"a{i}.txt").write_text(f"Officials in district {i} said on Monday that talks would resume soon.")
    return src


def test_full_disk_is_a_clear_error_and_the_case_resumes(tmp_path: Path, monkeypatch) -> None:
    import sitrep.case as case_mod

    src, case = _small_inputs(tmp_path), tmp_path / "case"
    real = case_mod.pq.write_table

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(args[1]))

    monkeypatch.setattr(case_mod.pq, "write_table", full)
    result = CliRunner().invoke(app, ["build", str(src), "--out", str(case), "--quiet"])
    assert result.exit_code == 2
    said = " ".join(result.output.split())  # rich wraps long lines
    assert "cannot write the case folder" in said and "No space left on device" in said
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not list((case / "shards").glob(".tmp-*"))
    monkeypatch.setattr(case_mod.pq, "write_table", real)
    result = CliRunner().invoke(app, ["build", str(src), "--out", str(case), "--quiet"])
    assert result.exit_code == 0, result.output
    assert pq.read_table(case / "tables" / "articles.parquet").num_rows == 3


def test_read_only_case_folder_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    src, case = _small_inputs(tmp_path), tmp_path / "case"
    assert CliRunner().invoke(app, ["build", str(src), "--out", str(case), "--quiet"]).exit_code == 0
    (src / "new.txt").write_text("A new report says the convoy reached the border crossing on Friday.")
    if os.geteuid() == 0:  # root ignores permission bits: make the folder refuse writes the way a RO mount does
        real_mkdir = Path.mkdir

        def read_only(self, *args, **kwargs):
            if str(self).startswith(str(case)) and not self.exists():
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))
            return real_mkdir(self, *args, **kwargs)

        monkeypatch.setattr(Path, "mkdir", read_only)
    else:
        for p in [case, *case.rglob("*")]:
            p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        result = CliRunner().invoke(app, ["build", str(src), "--out", str(case), "--quiet"])
    finally:
        for p in [case, *case.rglob("*")]:
            p.chmod(0o755 if p.is_dir() else 0o644)
    assert result.exit_code == 2
    said = " ".join(result.output.split())  # rich wraps long lines
    assert "cannot write the case folder" in said
    assert "Read-only" in said or "Permission denied" in said
    assert pq.read_table(case / "tables" / "articles.parquet").num_rows == 3  # the old case still reads


def test_report_and_export_on_a_full_disk_say_so_and_leave_no_temp_file(tmp_path: Path, monkeypatch) -> None:
    src, case = _small_inputs(tmp_path), tmp_path / "case"
    assert CliRunner().invoke(app, ["build", str(src), "--out", str(case), "--quiet"]).exit_code == 0
    real_write = Path.write_text

    def full(self, *args, **kwargs):
        if self.name.endswith(".tmp") or self.suffix in (".jsonl", ".csv"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full)
    result = CliRunner().invoke(app, ["report", str(case)])
    said = " ".join(result.output.split())
    assert result.exit_code == 2 and "cannot write the report" in said and "No space left on device" in said
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not list(case.glob("report.html*"))

    import duckdb

    from sitrep import export as export_mod

    def full_copy(*args, **kwargs):  # what DuckDB's COPY raises when the disk fills
        raise duckdb.IOException("IO Error: Could not write file: No space left on device")

    monkeypatch.setattr(export_mod, "export_case", full_copy)
    result = CliRunner().invoke(app, ["export", str(case), "--format", "jsonl", "--out", str(tmp_path / "out")])
    said = " ".join(result.output.split())
    assert result.exit_code == 2 and "cannot export" in said and "No space left on device" in said, said
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_missing_model_is_not_called_a_disk_problem(tmp_path: Path, monkeypatch) -> None:
    from sitrep import pipeline
    from sitrep.language import nlp as nlp_mod

    src, case = _small_inputs(tmp_path), tmp_path / "case"
    monkeypatch.setenv("SITREP_SPACY_MODEL", "no_such_model_here")
    nlp_mod.load.cache_clear()
    monkeypatch.setattr(pipeline, "_NLP", None)
    try:
        result = CliRunner().invoke(app, ["build", str(src), "--out", str(case), "--quiet"])
    finally:
        nlp_mod.load.cache_clear()
    said = " ".join(result.output.split())
    assert result.exit_code == 2
    assert "spaCy model 'no_such_model_here' is not installed" in said and "case folder" not in said
