"""The events eval: lenient JSON reading, the alias table, and a small PLOVER slice end to end."""

from __future__ import annotations

from sitrep.eval.events import evaluate, found, gold_type, read_records, table


def test_reads_trailing_commas_and_skips_document_records(tmp_path):
    path = tmp_path / "gold.txt"
    path.write_text('[{"event": "DOCUMENT", "id": "x",},\n {"event": "DEMAND", "text": "A asked B.",},\n]')
    records = read_records(path)
    assert [r["event"] for r in records] == ["DEMAND"]


def test_old_names_map_to_current_types():
    assert gold_type("DEMAND") == "REQUEST"
    assert gold_type("DISAPPROVE") == "ACCUSE"
    assert gold_type("FIGHT") == "ASSAULT"
    assert gold_type("AGREE") == "AGREE"


def test_actor_match_is_mutual_containment():
    assert found("Senior Hungarian officials", ["hungarian"])
    assert not found("Romania", ["hungarian"])
    assert not found(None, ["hungarian"])


def test_plover_slice(gold_dir):
    result = evaluate(gold_dir / "plover" / "PLOVER_GSR_CAMEO.txt", limit=20, mentions="entities")
    assert result["n_records"] == 20
    # 18 of 20 on 2026-11-25; the floor allows two more misses (the full file is pinned in tests/gate/pins.json)
    assert result["type_accuracy"] >= 0.8
    assert result["source_accuracy"] >= 0.8
    assert sum(v["n"] for v in result["per_type"].values()) == 20
    assert table(result).row_count == len(result["per_type"])


def test_plover_view_reads_future_and_framed_acts_as_plover_does():
    from sitrep.eval.events import plover_view

    def view(etype: str, modality: str) -> str | None:
        return plover_view({"type": etype, "modality": modality})

    assert view("AID", "predicts") == "AGREE"  # "cooperative actions reported in future tense"
    assert view("PROTEST", "intends-or-offers") == "THREATEN"  # `will boycott unless ...`
    assert view("RETREAT", "demands") == "REQUEST"
    assert view("REJECT", "intends-or-offers") == "REJECT"
    assert view("ASSAULT", "happened") == "ASSAULT"
