"""Nothing in the folder a user builds from runs as code, whatever the engine (hardening issue, item 1).

A journalist may run `sitrep build . --processes 2` inside an unpacked leak. A file there named like a
standard-library module must never be imported by the build or its workers.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.engines.isolation import isolated_imports, safe_sys_path

# Modules the forkserver and workers import after start-up; each plant writes a marker if it is ever run.
PLANTED = ("concurrent", "json", "typing_extensions", "numpy", "spacy")

ARTICLE = (
    "Ministers meet over the border crossing\n\n"
    "KABUL, March 3 (Wire) - The foreign minister of Ruritania said on Tuesday that his government would "
    "reopen the border crossing if the neighbouring state withdrew its troops from the valley.\n"
)


def _plant(folder: Path, marker: Path) -> None:
    for name in PLANTED:
        (folder / f"{name}.py").write_text(
            f"import pathlib\npathlib.Path({str(marker)!r}).write_text({name!r})\nraise SystemExit(97)\n"
        )


@pytest.mark.slow
def test_two_process_build_never_imports_from_the_input_folder(tmp_path: Path) -> None:
    leak = tmp_path / "leak"
    leak.mkdir()
    marker = tmp_path / "RAN"
    _plant(leak, marker)
    (leak / "article.txt").write_text(ARTICLE)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSAFEPATH")}
    sitrep = Path(sys.executable).with_name("sitrep")
    cmd = [str(sitrep)] if sitrep.exists() else [sys.executable, "-P", "-m", "sitrep.cli"]
    done = subprocess.run(
        [*cmd, "build", ".", "--out", str(tmp_path / "case"), "--processes", "2", "--quiet"],
        cwd=leak,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert not marker.exists(), f"planted module {marker.read_text()!r} ran; stderr: {done.stderr[-2000:]}"
    assert done.returncode in (0, 1), done.stderr[-2000:]


def test_safe_sys_path_drops_every_spelling_of_the_working_directory(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    kept = "/usr/lib/python3/dist-packages"
    path = ["", ".", str(tmp_path), str(tmp_path) + "/", kept]
    assert safe_sys_path(path) == [kept]


def test_isolated_imports_sets_safe_path_for_children_and_restores_everything(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PYTHONSAFEPATH", raising=False)
    monkeypatch.setattr(sys, "path", ["", *sys.path])
    before = list(sys.path)
    with isolated_imports():
        assert "" not in sys.path
        child = subprocess.run(
            [sys.executable, "-c", "import sys; print(repr(sys.path[0]))"], capture_output=True, text=True, check=True
        )
        assert child.stdout.strip() != "''"
    assert sys.path == before
    assert "PYTHONSAFEPATH" not in os.environ


@pytest.mark.slow
def test_ray_workers_have_no_working_directory_on_their_path(tmp_path: Path, monkeypatch) -> None:
    ray = pytest.importorskip("ray")
    from sitrep.engines.ray import RayEngine

    monkeypatch.chdir(tmp_path)
    if ray.is_initialized():
        pytest.skip("Ray already started by another test in this process")
    engine = RayEngine(processes=1)
    try:

        @ray.remote
        def where() -> tuple[list[str], str]:
            return list(sys.path), os.getcwd()

        path, cwd = ray.get(where.remote())
    finally:
        engine.close()
    here = os.path.realpath(tmp_path)
    assert here not in {os.path.realpath(p) for p in path if p}
    assert os.path.realpath(cwd) != here


def _descendants(pid: int) -> set[int]:
    """Every process whose parent chain reaches `pid` (from /proc), plus orphans that were its children."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.add(child)
            todo.append(child)
    return out


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc (Linux)")
def test_killing_a_two_process_build_leaves_no_process_behind(tmp_path: Path) -> None:
    """SIGKILL to the build while its forkserver loads: the server (and the workers it would fork) die with
    it (PR_SET_PDEATHSIG) instead of loading on as orphans."""
    import signal
    import time

    pile = tmp_path / "pile"
    pile.mkdir()
    for i in range(200):
        (pile / f"a{i}.txt").write_text(f"Report {i}\n\n{ARTICLE} Officials counted {i} trucks at the crossing.\n")
    sitrep = Path(sys.executable).with_name("sitrep")
    cmd = [str(sitrep)] if sitrep.exists() else [sys.executable, "-m", "sitrep.cli"]
    build = subprocess.Popen(
        [*cmd, "build", str(pile), "--out", str(tmp_path / "case"), "--processes", "2", "--batch-size", "2", "--quiet"]
    )
    deadline = time.monotonic() + 120
    seen: set[int] = set()
    while time.monotonic() < deadline and len(seen) < 2 and build.poll() is None:
        seen |= _descendants(build.pid)  # resource tracker and forkserver: killed while the server loads spaCy
        time.sleep(0.2)
    assert build.poll() is None, "the build ended before it could be killed"
    seen |= _descendants(build.pid)
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    time.sleep(1.0)  # the kernel's signal is immediate; loading spaCy takes longer than this
    alive = {p for p in seen if Path(f"/proc/{p}").exists() and "zombie" not in _state(p)}
    assert not alive, f"left behind: {alive}"


def _state(pid: int) -> str:
    try:
        return "zombie" if (Path(f"/proc/{pid}") / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z" else "alive"
    except OSError:
        return "zombie"
