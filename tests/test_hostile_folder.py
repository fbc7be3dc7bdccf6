"""The hardening issue's acceptance run: one folder holding every hostile input found, and a good article.

The build must finish in under two minutes with a status row for every input, the good article `ok`, exit
code 1 (some inputs failed) and a peak RSS under 1.5 GB; nothing in the folder may run as code.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

GOOD = (
    "Envoys Meet Over Ceasefire\n\nThe envoys of two neighbouring states met on Monday in the port city to "
    "discuss a ceasefire. The foreign minister said the talks would resume next week if the shelling stopped.\n"
)


def _warc(n: int, gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(n):
        body = (
            f"<html><body><p>Report {i}: the convoy reached the border crossing at dawn on day {i}.</p></body></html>"
        )
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        writer.write_record(
            writer.create_warc_record(
                f"https://news.example/{i}", "response", payload=io.BytesIO(body.encode()), http_headers=headers
            )  # fmt: skip
        )
    return buf.getvalue()


def _pile(root: Path, marker: Path) -> Path:
    pile = root / "pile"
    (pile / "sub").mkdir(parents=True)
    (pile / "good.txt").write_text(GOOD)
    (pile / "concurrent.py").write_text(f"import pathlib\npathlib.Path({str(marker)!r}).write_text('ran')\n")
    long_body = "\n\n".join(
        f"In session {i} the committee heard witness {i * 7 % 1000} on item {i * 13 % 997} and the chair said "
        f"the line {i * 31 % 1009} would be cut by {i % 90 + 5} per cent before the vote on day {i}. " * 3
        for i in range(1, 3300)
    )
    (pile / "long.txt").write_text("A Long Record\n\n" + long_body)  # ~1.25 MB, over spaCy's 1,000,000
    lines = ['{"text": "A wire item with a lone \\ud800 surrogate about the talks in the capital."}', "[" * 50_000]
    lines += [f'{{"text": "Wire item {i}: the envoys met again to discuss the ceasefire terms."}}' for i in range(20)]
    (pile / "wire.jsonl").write_text("\n".join(lines))
    (pile / os.fsdecode(b"r\xe9sum\xe9.txt")).write_text(GOOD.replace("Monday", "Tuesday"))
    (pile / "loop1").symlink_to(pile / "loop2")
    (pile / "loop2").symlink_to(pile / "loop1")
    os.mkfifo(pile / "pipe.txt")
    (pile / "zero.txt").symlink_to("/dev/zero")
    (pile / "linked").symlink_to(pile / "sub")
    (pile / "sub" / "inner.txt").write_text(GOOD.replace("port city", "hill town"))
    (pile / "cut.warc.gz").write_bytes(_warc(4, True)[:-60])
    (pile / "cut.warc").write_bytes(_warc(3, False)[:-40])
    attrs = " ".join(f'a{i}="v"' for i in range(80_000))
    page = "<p>{}</p>".format(GOOD.replace("envoys", "generals"))
    (pile / "attrs.html").write_text(f"<html><body><div {attrs}>{page}</div></body></html>")
    flat = "<p>{}</p>".format(GOOD.replace("envoys", "mayors"))
    (pile / "flat.html").write_text(f"<html><body>{flat}{'<b></b>' * 1_000_000}</body></html>")
    text = ("“The convoy left,” she said — ‘before dawn’. " * 40).encode()
    (pile / "stray.txt").write_bytes(b"Convoy Report\n\n" + text[:300] + b"\x92" + text[300:])
    (pile / "wide.txt").write_bytes(GOOD.replace("Monday", "Wednesday").encode("utf-32"))
    (pile / "nested.jsonl.gz").write_bytes(gzip.compress(b"{" * 10 + b"\n"))
    return pile


# Runs the build as its own child and prints the peak RSS (KiB) over the build and every process it reaped
# (its workers): this test's own RUSAGE_CHILDREN would also count earlier tests' children (Ray's, say).
MEASURE = (
    "import resource, subprocess, sys; rc = subprocess.call(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(rc)"
)


@pytest.mark.slow
def test_a_hostile_folder_builds_to_the_end_with_a_row_for_everything(tmp_path: Path) -> None:
    marker = tmp_path / "RAN"
    pile = _pile(tmp_path, marker)
    case = tmp_path / "case"
    code = "import sys; sys.argv[0] = 'sitrep'; from sitrep.cli import app; app()"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONSAFEPATH"}
    build = [sys.executable, "-P", "-c", code, "build", ".", "--out", str(case), "--processes", "2", "--quiet"]
    t0 = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *build], cwd=pile, env=env, capture_output=True, text=True, timeout=300
    )
    took = time.monotonic() - t0
    peak_mb = int(done.stdout.strip().splitlines()[-1]) / 1024
    assert not marker.exists()
    assert done.returncode == 1, done.stderr[-3000:]
    assert took < 120, took
    assert peak_mb < 1536, peak_mb
    rows = {Path(r["source"]).name: r for r in pq.read_table(case / "tables" / "inputs.parquet").to_pylist()}
    named = {p.name for p in pile.iterdir()} - {"sub"}
    named = {n.encode("utf-8", "surrogateescape").decode("latin-1") if "\udce9" in n else n for n in named}
    missing = named - set(rows)
    assert not missing, (missing, json.dumps(sorted(rows), ensure_ascii=False))
    assert rows["good.txt"]["status"] == "ok"
    assert rows["long.txt"]["status"] == "ok" and "body cut" in rows["long.txt"]["reason"]
    assert rows["loop1"]["status"] == "failed"
    assert rows["pipe.txt"]["status"] == rows["zero.txt"]["status"] == "skipped"
    assert rows["linked"]["status"] == "skipped"
    assert rows["cut.warc.gz"]["status"] == "ok" and "cut short" in rows["cut.warc.gz"]["reason"]
    assert rows["attrs.html"]["status"] == rows["flat.html"]["status"] == "ok"
