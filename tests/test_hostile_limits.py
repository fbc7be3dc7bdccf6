"""Inputs that used to stop a whole build: an article too long for spaCy, a text the parser chokes on."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from sitrep.build import build
from sitrep.options import BuildOptions

GOOD = (
    "Envoys Meet Over Ceasefire\n\nThe envoys of two neighbouring states met on Monday in the port city to "
    "discuss a ceasefire. The foreign minister said the talks would resume next week.\n"
)


def _inputs(case: Path) -> dict[str, dict]:
    return {Path(r["source"]).name: r for r in pq.read_table(case / "tables" / "inputs.parquet").to_pylist()}


@pytest.mark.slow
def test_an_article_over_spacys_limit_is_cut_with_a_note_and_the_batch_survives(tmp_path: Path) -> None:
    pile = tmp_path / "pile"
    pile.mkdir()
    paragraphs = [
        f"In session {i} the committee heard witness {i * 7 % 1000} on item {i * 13 % 997}, and the chair said "
        f"the budget line {i * 31 % 1009} would be cut by {i % 90 + 5} per cent before the vote on day {i}. " * 3
        for i in range(1, 3400)
    ]
    (pile / "huge.txt").write_text("A Very Long Record\n\n" + "\n\n".join(paragraphs))  # ~1.3 MB
    (pile / "good.txt").write_text(GOOD)
    summary = build([str(pile)], tmp_path / "case", BuildOptions(batch_size=4))
    rows = _inputs(tmp_path / "case")
    assert rows["good.txt"]["status"] == "ok"
    assert rows["huge.txt"]["status"] == "ok"
    assert "body cut to its first" in rows["huge.txt"]["reason"]
    texts = pq.read_table(tmp_path / "case" / "tables" / "articles.parquet").column("text").to_pylist()
    assert max(len(t) for t in texts) <= 200_000
    assert summary.counts.get("ok") == 2


def test_a_text_the_parser_raises_on_fails_alone(tmp_path: Path, monkeypatch) -> None:
    from sitrep import pipeline

    real = pipeline.nlp()

    class Choking:
        """The real model, except that it raises on one text, as spaCy does on texts it cannot take."""

        def pipe(self, texts, batch_size=32):
            for text in texts:
                yield self(text)

        def __call__(self, text):
            if "POISON" in text:
                raise ValueError("[E088] text too long")
            return real(text)

    monkeypatch.setattr(pipeline, "nlp", lambda: Choking())
    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "bad.txt").write_text(GOOD.replace("Monday", "Monday POISON"))
    (pile / "good.txt").write_text(GOOD)
    build([str(pile)], tmp_path / "case", BuildOptions(batch_size=4))
    rows = _inputs(tmp_path / "case")
    assert rows["good.txt"]["status"] == "ok"
    assert rows["bad.txt"]["status"] == "failed" and "parse failed" in rows["bad.txt"]["reason"]


@pytest.mark.slow
def test_ctrl_c_stops_a_two_process_build_within_two_seconds(tmp_path: Path) -> None:
    """The pool is terminated, not drained: queued batches are dropped and redone by the next build."""
    import os
    import signal
    import subprocess
    import sys
    import time

    pile = tmp_path / "pile"
    pile.mkdir()
    for i in range(600):
        (pile / f"a{i}.txt").write_text(GOOD.replace("Monday", f"Monday, day {i},"))
    case = tmp_path / "case"
    build_cmd = "import sys; sys.argv[0] = 'sitrep'; from sitrep.cli import app; app()"
    args = ["build", str(pile), "--out", str(case), "--processes", "2", "--batch-size", "24", "--quiet"]
    proc = subprocess.Popen(
        [sys.executable, "-c", build_cmd, *args],
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as a terminal's foreground job
        env={k: v for k, v in os.environ.items() if k != "PYTHONSAFEPATH"},
    )
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None and len(list((case / "shards").glob("0*"))) < 2:
        time.sleep(0.2)
    assert proc.poll() is None, "the build ended before it could be interrupted"
    t0 = time.monotonic()
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=30)
    assert time.monotonic() - t0 < 2.0
    assert proc.returncode == 130
