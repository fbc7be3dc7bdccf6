"""docs/data-model.md is generated from schema.py; this keeps the documentation true to the code."""

from pathlib import Path

from sitrep import schema
from sitrep.stages import load_builtin

DOC = Path(__file__).resolve().parents[1] / "docs" / "data-model.md"


def test_data_model_doc_matches_schema() -> None:
    load_builtin()
    assert DOC.read_text() == schema.markdown(), "regenerate: python -m sitrep.schema > docs/data-model.md"


def test_every_column_is_documented() -> None:
    for table in schema.TABLES.values():
        assert table.doc and set(table.key) <= set(table.names)
        for col in table.columns:
            assert col.doc.strip(), f"{table.name}.{col.name} has no description"
