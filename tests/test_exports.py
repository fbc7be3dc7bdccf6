"""GeoJSON, GEXF and PLOVER exports: valid, located, cited, and stable across runs."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from fixtures.hostile.synthetic import build_case
from sitrep.caseview import CaseView
from sitrep.present.interchange import write_geojson, write_gexf, write_plover


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    return CaseView.open(build_case(tmp_path_factory.mktemp("case")))


def test_geojson_points_are_lon_lat(case, tmp_path):
    data = json.loads(write_geojson(case, tmp_path / "e.geojson").read_text())
    assert data["type"] == "FeatureCollection" and data["features"]
    for f in data["features"]:
        assert f["geometry"]["coordinates"] == [12.25, 45.5]  # [lon, lat]
        assert f["properties"]["article_id"] and f["properties"]["sentence_start"] is not None


def test_gexf_is_valid_xml_with_weighted_edges(case, tmp_path):
    root = ET.parse(write_gexf(case, tmp_path / "n.gexf")).getroot()
    ns = {"g": "http://gexf.net/1.3"}
    nodes = {n.get("id") for n in root.iterfind(".//g:node", ns)}
    edges = list(root.iterfind(".//g:edge", ns))
    assert nodes == {"FRE", "SYL"}
    offer = [e for e in edges if e.get("label") == "offers"]
    assert offer and offer[0].get("weight") == "1"  # a syndicated copy does not count twice


def test_plover_records(case, tmp_path):
    lines = write_plover(case, tmp_path / "p.jsonl").read_text().splitlines()
    recs = [json.loads(x) for x in lines]
    assert len(recs) == 6
    keys = {"id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "text", "cite_info"}
    assert all(keys <= set(r) for r in recs)
    demand = next(r for r in recs if r["event"] == ["DEMAND"])
    assert demand["actor"][0]["id"] == "FRE" and demand["recipient"][0]["id"] == "SYL"
    assert demand["event_loc"]["lat"] == 45.5 and demand["cite_info"]["sentence_start"] is not None


def test_exports_are_deterministic(case, tmp_path):
    for writer in (write_geojson, write_gexf, write_plover):
        assert writer(case, tmp_path / "a").read_bytes() == writer(case, tmp_path / "b").read_bytes()


def test_exports_cope_with_missing_tables(tmp_path):
    case = CaseView.open(build_case(tmp_path / "c", skip=("events", "places", "actors")))
    assert json.loads(write_geojson(case, tmp_path / "g").read_text())["features"] == []
    assert write_plover(case, tmp_path / "p").read_text() == ""
    ET.parse(write_gexf(case, tmp_path / "x"))
