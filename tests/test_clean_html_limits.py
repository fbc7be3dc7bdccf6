"""Pages that would make lxml run for minutes or take gigabytes are read without the parser."""

from __future__ import annotations

import time

import pytest

from sitrep.clean.html import MAX_ATTRIBUTES_PER_TAG, MAX_TAGS, clean_html, too_complex

LEAD = "<p>Ministers met on Monday to talk about the border crossing and the troops stationed there.</p>"


def _one_tag_with(attributes: int) -> str:
    attrs = " ".join(f'a{i}="v"' for i in range(attributes))
    return f"<html><body><div {attrs}>{LEAD}</div></body></html>"


def _flat(tags: int) -> str:
    return f"<html><body>{LEAD}{'<b></b>' * tags}<script>var hidden = 1;</script></body></html>"


@pytest.mark.parametrize("page", [_one_tag_with(80_000), _flat(1_000_000)], ids=["attributes", "tags"])
def test_pathological_markup_is_stripped_fast_and_keeps_its_text(page: str) -> None:
    t0 = time.perf_counter()
    cleaned = clean_html(page)
    assert time.perf_counter() - t0 < 10  # lxml took 4.5 min on the first and 1.35 GB on the second
    assert "Ministers met on Monday" in cleaned.text
    assert "hidden" not in cleaned.text
    assert all("too complex" in b.reason for b in cleaned.blocks)


def test_real_pages_stay_under_the_ceilings() -> None:
    assert too_complex(_one_tag_with(MAX_ATTRIBUTES_PER_TAG // 2)) is None
    assert too_complex(_flat(MAX_TAGS // 4)) is None
    assert too_complex(_flat(MAX_TAGS + 1)) is not None
    assert too_complex(_one_tag_with(MAX_ATTRIBUTES_PER_TAG + 1)) is not None
