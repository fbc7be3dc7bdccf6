"""Shared fixtures: where the seeds, gold sets and the demo corpus are, skipping clearly when absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEMO = REPO / "src" / "sitrep" / "data" / "demo"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip("shared seeds not present (../shared/seeds)")
    return path


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip("shared gold sets not present (../shared/data)")
    return path


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return DEMO
