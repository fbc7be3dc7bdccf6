"""`sitrep eval geo` on a GeoWebNews slice, and the AUC definition on numbers worked by hand."""

from __future__ import annotations

import math

import pytest
from rich.table import Table

from sitrep.eval.geo import auc, evaluate, read_gold, table


def test_auc_is_zero_when_perfect_and_one_at_the_antipode():
    assert auc([0.0, 0.0, 0.0]) == 0
    assert auc([20039.0, 20039.0]) == pytest.approx(1.0, abs=1e-4)  # ln(e + 1) of the max
    half = math.log(101) / math.log(20039) / 2  # trapezoid from ln(1)=0 up to ln(101)
    assert auc([100.0, 0.0]) == pytest.approx(half)


def test_reader_keeps_only_toponyms_with_coordinates(tmp_path):
    xml = tmp_path / "mini.xml"
    xml.write_text(
        "<articles><article><text>Rain in Oslo and in Rome.</text><toponyms>"
        "<toponym><extractedName>Oslo</extractedName><start>8</start><end>12</end>"
        "<latitude>59.9</latitude><longitude>10.7</longitude></toponym>"
        "<toponym><extractedName>Rome</extractedName><start>20</start><end>24</end>"
        "<latitude/><longitude/></toponym></toponyms></article></articles>",
        encoding="utf-8",
    )
    [article] = read_gold(xml)
    assert [t["name"] for t in article["toponyms"]] == ["Oslo"]


def test_geowebnews_slice_has_sane_figures(gold_dir):
    data = gold_dir / "geowebnews" / "GWN.xml"
    if not data.is_file():
        pytest.skip(f"GeoWebNews gold set absent ({data})")
    result = evaluate(data, limit=10)
    assert set(result) >= {"toponym_recall", "accuracy_161km", "median_error_km", "mean_error_km", "auc"}
    assert result["articles"] == 10
    # 2026-11-25 on these 10 articles: recall 0.439 (72 of 164), accuracy@161 km 0.722, AUC 0.297; the floors
    # allow a few toponyms of drift (the full set is pinned in tests/gate/pins.json)
    assert result["toponym_recall"] >= 0.40
    assert result["accuracy_161km"] >= 0.65
    assert result["auc"] <= 0.35
    assert isinstance(table(result), Table)
