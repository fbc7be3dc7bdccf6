"""The quality gate: every pinned evaluation figure (tests/gate/pins.json) still holds.

Each source in pins.json is one command run once per session: a `sitrep eval KIND --json`, or a gold article
set built into a case, exported to JSONL and scored with the shared scorer (`../shared/tools/score_*.py --json`).
Every figure taken from it is one test, so a failure names the figure, its pin and what was measured. A source
skips, with the path it missed, only when `../shared` or its data file is absent.

A drop is measured against `value - tolerance` (or a rise against `value + tolerance` where lower is better).
The runs are deterministic, so the tolerance absorbs only dependency drift in a fresh install; a change that
moves a figure past it re-pins the figure in pins.json, with the reason, in the same commit. The full gate takes
about 80 s on one core (the article builds and the GeoWebNews and PolNeAR evals are most of it).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PINS_FILE = Path(__file__).parent / "gate" / "pins.json"
PINS = json.loads(PINS_FILE.read_text(encoding="utf-8"))
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EPSILON = 1e-9  # pins are rounded to the figures' own precision; this only keeps float noise out


def check(name: str, pin: dict, measured: float | None) -> str | None:
    """The failure message when `measured` is worse than `pin` by more than its tolerance, else None."""
    if measured is None:
        return f"{name}: pinned {pin['value']}, but the run reported no such figure"
    value, tolerance = pin["value"], pin["tolerance"]
    if pin.get("better", "higher") == "lower":
        if measured > value + tolerance + EPSILON:
            return (
                f"{name} rose to {measured:g}: pinned {value:g} (lower is better), tolerance {tolerance:g}, "
                f"so at most {value + tolerance:g} passes"
            )
    elif measured < value - tolerance - EPSILON:
        return (
            f"{name} fell to {measured:g}: pinned {value:g}, tolerance {tolerance:g}, "
            f"so at least {value - tolerance:g} passes"
        )
    return None


def lookup(result: dict, key: str) -> float | None:
    """`result[a][b]...` for the dotted key `a.b...`, or None when any part is missing."""
    node: object = result
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node if isinstance(node, int | float) and not isinstance(node, bool) else None


def _sitrep() -> list[str]:
    script = Path(sys.executable).with_name("sitrep")
    found = str(script) if script.exists() else shutil.which("sitrep")
    return [found] if found else [sys.executable, "-m", "sitrep.cli"]


def _run(argv: list[str], what: str) -> str:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        pytest.fail(f"{what}: exit {done.returncode}\n{done.stderr[-3000:]}", pytrace=False)
    return done.stdout


def measure(source: dict, scratch: Path) -> dict:
    """Run one pins.json source and return its figures (the JSON the command printed)."""
    if "run" in source:
        argv = _sitrep() + [a.replace("{shared}", str(SHARED)) for a in source["run"]]
        return json.loads(_run(argv, source["command"]))
    articles, gold = SHARED / source["articles"], SHARED / source["gold"]
    case, export = scratch / "case", scratch / "export"
    _run(_sitrep() + ["build", str(articles), "--out", str(case), "--quiet"], f"building {articles.name}")
    _run(_sitrep() + ["export", str(case), "--format", "jsonl", "--out", str(export)], f"exporting {articles.name}")
    scorer = [sys.executable, str(SHARED / source["score"]), str(export), str(gold), str(articles), "--json"]
    result = json.loads(_run(scorer, source["command"]))
    if "contradiction_precision" in result:  # derived: contradictions with no gold disagreement behind them
        precision = result["contradiction_precision"] or 0.0  # None when there are no contradictions at all
        result["false_contradictions"] = round(result["contradictions"] * (1 - precision))
    return result


def _needs(source: dict) -> list[Path]:
    paths = [SHARED / source[k] for k in ("needs", "articles", "gold", "score") if k in source]
    return paths


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    """Source name -> its figures, each source run at most once for the whole module."""
    cache: dict[str, dict] = {}

    def get(name: str) -> dict:
        if name not in cache:
            if not SHARED.is_dir():
                pytest.skip(f"../shared is absent ({SHARED}): no gold data to hold the pinned figures against")
            source = PINS["sources"][name]
            missing = [str(p) for p in _needs(source) if not p.exists()]
            if missing:
                pytest.skip(f"gold data for {name} absent: {', '.join(missing)}")
            try:
                cache[name] = measure(source, tmp_path_factory.mktemp(name))
            except pytest.fail.Exception as failed:  # remember it: one failing run, every figure of it fails
                cache[name] = {"__failed__": str(failed)}
        if "__failed__" in cache[name]:
            pytest.fail(cache[name]["__failed__"], pytrace=False)
        return cache[name]

    return get


@pytest.mark.slow
@pytest.mark.gate
@pytest.mark.parametrize("name", sorted(PINS["figures"], key=lambda n: (PINS["figures"][n]["source"], n)))
def test_pinned_figure_holds(name, figures):
    pin = PINS["figures"][name]
    measured = lookup(figures(pin["source"]), pin["key"])
    message = check(name, pin, measured)
    if message:
        pytest.fail(f"{message}\ncommand: {PINS['sources'][pin['source']]['command']}", pytrace=False)


# The comparison itself, on numbers worked by hand: a drop past the tolerance fails, one within it passes.


def test_a_drop_beyond_the_tolerance_fails_and_one_within_passes():
    pin = {"value": 0.80, "tolerance": 0.01, "better": "higher"}
    assert check("x.f1", pin, 0.80) is None
    assert check("x.f1", pin, 0.95) is None  # a gain never fails
    assert check("x.f1", pin, 0.791) is None
    assert check("x.f1", pin, 0.79) is None  # exactly at the floor passes
    message = check("x.f1", pin, 0.789)
    assert message and "x.f1" in message and "0.8" in message and "0.789" in message


def test_lower_is_better_figures_fail_on_a_rise():
    pin = {"value": 0.40, "tolerance": 0.015, "better": "lower"}
    assert check("x.misleading", pin, 0.10) is None
    assert check("x.misleading", pin, 0.415) is None
    assert check("x.misleading", pin, 0.42) is not None
    assert check("x.false", {"value": 0, "tolerance": 0, "better": "lower"}, 1) is not None


def test_a_figure_the_run_no_longer_reports_fails():
    assert lookup({"a": {"b": 0.5}}, "a.b") == 0.5
    assert lookup({"a": {"b": 0.5}}, "a.c") is None
    assert lookup({"a": None}, "a") is None
    assert "no such figure" in check("x.gone", {"value": 0.5, "tolerance": 0.01}, None)


def test_pins_are_complete_and_their_tolerances_small():
    assert PINS["date"]
    for name, pin in PINS["figures"].items():
        assert pin["source"] in PINS["sources"], name
        assert name == f"{pin['source']}.{pin['key']}"
        assert pin["better"] in {"higher", "lower"} and pin["why"], name
        share = isinstance(pin["value"], float) and pin["value"] <= 1.0
        assert 0 <= pin["tolerance"] <= (0.02 if share else 0.05 * max(1, pin["value"])), name
        if pin["better"] == "higher":  # a floor at or below zero could never fail
            assert pin["value"] - pin["tolerance"] > 0, f"{name}: its floor cannot fail"
    for name, source in PINS["sources"].items():
        assert source["command"] and ("run" in source or {"score", "articles", "gold"} <= set(source)), name
        assert any(pin["source"] == name for pin in PINS["figures"].values()), f"{name} pins nothing"
