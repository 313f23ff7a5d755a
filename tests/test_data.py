"""ailead.data: valid tables load typed; every malformed file is named precisely."""

from __future__ import annotations

import hashlib
import shutil

import pandas as pd
import pytest
from conftest import FIXTURES, REPO

from ailead import data

# fixture file -> (row, column, rule) a person would point at. Rows count the
# header as row 1, as a spreadsheet does.
MALFORMED = {
    "missing_column.csv": (1, "note", "missing-column"),
    "extra_column.csv": (1, "extra", "extra-column"),
    "bad_date.csv": (3, "date", "type-error"),
    "impossible_date.csv": (3, "date", "type-error"),
    "duplicate_key.csv": (3, "id", "primary-key"),
    "empty_source_url.csv": (3, "source_url", "constraint:required"),
    "non_http_source_url.csv": (3, "source_url", "constraint:pattern"),
    "javascript_url.csv": (3, "source_url", "constraint:pattern"),
    "number_out_of_range.csv": (3, "share", "constraint:maximum"),
    "unknown_category.csv": (3, "direction", "constraint:enum"),
    "byte_order_mark.csv": (1, "id", "byte-order-mark"),
    "wrong_delimiter.csv": (1, "id", "delimiter"),
    "blank_line.csv": (3, "(whole row)", "blank-row"),
    "spreadsheet_formula.csv": (3, "note", "unsafe-text"),
    "formula_after_minus.csv": (3, "note", "unsafe-text"),
    "script_tag.csv": (3, "note", "unsafe-text"),
    "empty_file.csv": (1, "id", "empty-file"),
    "unknown_foreign_key.csv": (3, "country", "foreign-key"),
    "not_an_integer.csv": (3, "count", "type-error"),
    "not_utf8.csv": (3, "note", "encoding"),
    "bad_id_pattern.csv": (3, "id", "constraint:pattern"),
    "short_row.csv": (3, "flag", "missing-cell"),
}


def test_every_fixture_in_the_corpus_has_an_expectation():
    on_disk = {p.name for p in (FIXTURES / "bad").glob("*.csv")}
    assert on_disk == set(MALFORMED)
    assert len(on_disk) >= 15


@pytest.mark.parametrize("fixture", sorted(MALFORMED))
def test_malformed_file_is_named_by_file_row_column_and_rule(fixture, fixture_data):
    row, column, rule = MALFORMED[fixture]
    shutil.copy(FIXTURES / "bad" / fixture, fixture_data / "events.csv")
    with pytest.raises(data.DataValidationError) as caught:
        data.load("events")
    first = caught.value.problems[0]
    assert (first.file, first.row, first.column, first.rule) == ("data/events.csv", row, column, rule)
    message = str(caught.value)
    assert "data/events.csv" in message and f"row {row}" in message and f"'{column}'" in message
    assert caught.value.dataset == "events"


def test_malformed_file_is_left_untouched(fixture_data):
    shutil.copy(FIXTURES / "bad" / "script_tag.csv", fixture_data / "events.csv")
    before = (fixture_data / "events.csv").read_bytes()
    with pytest.raises(data.DataValidationError):
        data.load("events")
    assert (fixture_data / "events.csv").read_bytes() == before


def test_missing_file_names_file_and_dataset(fixture_data):
    (fixture_data / "events.csv").unlink()
    with pytest.raises(data.DataValidationError) as caught:
        data.load("events")
    assert "data/events.csv" in str(caught.value)
    assert "'events'" in str(caught.value)
    assert caught.value.problems[0].rule == "missing-file"


def test_unknown_dataset_lists_the_known_ones(fixture_data):
    with pytest.raises(KeyError, match="countries, events"):
        data.load("nope")


def test_valid_table_loads_with_typed_columns(fixture_data):
    events = data.load("events")
    assert list(events.columns) == ["id", "date", "country", "direction", "share", "count", "flag", "note", "source_url"]
    assert events["date"].dtype == "datetime64[ns]"
    assert events["date"].iloc[0] == pd.Timestamp("2022-10-07")
    assert events["share"].dtype == "float64" and pd.isna(events["share"].iloc[1])
    assert str(events["count"].dtype) == "Int64" and events["count"].tolist() == [3, 0, 12]
    assert str(events["flag"].dtype) == "boolean" and pd.isna(events["flag"].iloc[2])
    assert events["note"].iloc[0] == "A rule, with a comma"
    # A text cell that is a plain negative number is not a formula.
    assert events["note"].iloc[2] == "-5"


def test_every_boolean_spelling_the_schema_accepts_loads(fixture_data):
    text = (fixture_data / "events.csv").read_text()
    text = text.replace(",true,", ",TRUE,").replace(",false,", ",0,")
    (fixture_data / "events.csv").write_text(text)
    assert data.load("events")["flag"].tolist()[:2] == [True, False]


def _tree_digest(folder):
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_loading_every_project_table_writes_nothing():
    folder = data.data_dir()
    before = _tree_digest(folder)
    for resource in data.package()["resources"]:
        data.load(resource["name"])
    assert _tree_digest(folder) == before


@pytest.mark.parametrize("resource", [r["name"] for r in data.package()["resources"]])
def test_project_table_is_valid_and_fully_described(resource):
    descriptor = data.resource_descriptor(resource)
    for key in ("title", "description", "producer", "accessed", "licenses", "sources"):
        assert descriptor.get(key), f"{resource}: datapackage.json lacks '{key}'"
    fields = {f["name"]: f for f in descriptor["schema"]["fields"]}
    # Every table cites a source_url; the source registry itself is keyed by
    # the address (url) that the other tables' source columns point to.
    column = "url" if resource == "sources" else "source_url"
    if resource == "sources":
        assert descriptor["schema"]["primaryKey"] == "url"
    url = fields.get(column)
    assert url is not None, f"{resource}: no {column} column"
    assert url["constraints"].get("required") is True
    assert url["constraints"]["pattern"].startswith("^https?://")
    table = data.load(resource)
    assert len(table) > 0
    assert table[column].notna().all()


def test_project_data_folder_is_inside_the_repository(monkeypatch):
    monkeypatch.delenv(data.DATA_DIR_ENV, raising=False)
    assert data.data_dir() == REPO / "data"
