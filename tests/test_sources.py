"""The source registry, data/sources.csv, against the tables that cite it.

Every address cited by a table (source_url, source_url_2) or by references.bib
has exactly one registry row; every such column is a foreign key into the
registry, enforced when a table is loaded; an empty second source stays
allowed; and each row's kind is consistent with its original_* columns.
"""

from __future__ import annotations

import csv
import re
import shutil
from urllib.parse import urlparse

import pytest
from conftest import REPO

from ailead import data

SOURCE_COLUMNS = ("source_url", "source_url_2")
PLACEHOLDERS = {"", "tbd", "todo", "unknown", "n/a", "na", "none", "title", "untitled", "publisher", "?", "-"}


def _rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _cited_by_tables(folder):
    """Address -> set of 'table.column' that cite it, read straight from the CSV files."""
    cited = {}
    for path in sorted(folder.glob("*.csv")):
        if path.stem == "sources":
            continue
        for row in _rows(path):
            for column in SOURCE_COLUMNS:
                if row.get(column):
                    cited.setdefault(row[column], set()).add(f"{path.stem}.{column}")
    return cited


def _bib_urls():
    text = (REPO / "references.bib").read_text(encoding="utf-8")
    return set(re.findall(r"^\s*url\s*=\s*\{([^}]*)\}", text, flags=re.M))


@pytest.fixture(scope="module")
def registry():
    return _rows(REPO / "data" / "sources.csv")


def test_registry_lists_every_cited_address_once_and_nothing_else(registry):
    urls = [row["url"] for row in registry]
    assert len(urls) == len(set(urls)), "duplicate addresses in sources.csv"
    cited = set(_cited_by_tables(REPO / "data")) | _bib_urls()
    assert not cited - set(urls), f"cited but not in sources.csv: {sorted(cited - set(urls))}"
    assert not set(urls) - cited, f"in sources.csv but cited nowhere: {sorted(set(urls) - cited)}"
    assert urls == sorted(urls), "sources.csv rows should be sorted by url"


def test_every_source_column_is_a_foreign_key_into_the_registry():
    for resource in data.package()["resources"]:
        if resource["name"] == "sources":
            continue
        names = {f["name"] for f in resource["schema"]["fields"]}
        keys = {
            fk["fields"]
            for fk in resource["schema"].get("foreignKeys", [])
            if fk["reference"] == {"resource": "sources", "fields": "url"}
        }
        expected = {column for column in SOURCE_COLUMNS if column in names}
        assert "source_url" in expected, resource["name"]
        assert keys == expected, f"{resource['name']}: foreign keys {sorted(keys)}, source columns {sorted(expected)}"


def test_registry_schema_keys_and_enumerates():
    schema = data.resource_descriptor("sources")["schema"]
    fields = {f["name"]: f for f in schema["fields"]}
    assert schema["primaryKey"] == "url"
    assert fields["kind"]["constraints"]["enum"] == ["primary", "reporting", "copy"]
    assert fields["url"]["constraints"]["pattern"].startswith("^https?://")
    assert fields["original_url"]["constraints"]["pattern"].startswith("^https?://")
    assert fields["published"]["type"] == fields["accessed"]["type"] == "date"
    table = data.load("sources")
    assert len(table) == len(_rows(REPO / "data" / "sources.csv"))


def test_publishers_and_titles_are_real_text_not_placeholders(registry):
    for row in registry:
        for column in ("publisher", "title"):
            value = row[column].strip()
            assert value.lower() not in PLACEHOLDERS, f"{row['url']}: {column} is a placeholder"
            assert value.lower() != urlparse(row["url"]).netloc.lower(), f"{row['url']}: {column} is just the host"
            assert "not re-read" not in value, f"{row['url']}: {column} is a placeholder"
        # A bracketed title is a description the project supplies; it must be
        # wholly bracketed so a reader can tell it from the work's own title.
        if row["title"].startswith("["):
            assert row["title"].endswith("]"), row["url"]


def test_kind_matches_the_original_columns(registry):
    for row in registry:
        if row["kind"] == "copy":
            assert row["original_publisher"], f"{row['url']}: a copy must name the original's publisher"
            assert row["original_url"] != row["url"], row["url"]
        else:
            assert not row["original_url"] and not row["original_publisher"], f"{row['url']}: only a copy has an original"


def test_dates_are_in_order(registry):
    for row in registry:
        assert row["accessed"] in {"2026-11-27", "2026-12-01"}, row["url"]
        if row["published"]:
            assert row["published"] <= row["accessed"], row["url"]


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of the project's data folder the loader is pointed at."""
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder)
    monkeypatch.setenv(data.DATA_DIR_ENV, str(folder))
    data._package_descriptor.cache_clear()
    yield folder
    data._package_descriptor.cache_clear()


def _rewrite(path, edit):
    rows = _rows(path)
    header = list(rows[0])
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_an_address_missing_from_the_registry_fails_naming_file_row_and_column(data_copy):
    bad = "https://not-in-the-registry.example/page"

    def edit(rows):
        rows[2]["source_url_2"] = bad

    _rewrite(data_copy / "export_controls.csv", edit)
    with pytest.raises(data.DataValidationError) as caught:
        data.load("export_controls")
    problems = caught.value.problems
    assert [p.rule for p in problems] == ["foreign-key"]
    assert problems[0].file.endswith("export_controls.csv")
    assert problems[0].row == 4  # header is row 1, so rows[2] is row 4
    assert "source_url_2" in problems[0].column
    assert bad in problems[0].message


def test_an_empty_second_source_is_allowed_but_an_empty_first_is_not(data_copy):
    def clear_second(rows):
        for row in rows:
            row["source_url_2"] = ""

    _rewrite(data_copy / "claims.csv", clear_second)
    table = data.load("claims")
    assert table["source_url_2"].isna().all()

    def clear_first(rows):
        rows[0]["source_url"] = ""

    _rewrite(data_copy / "claims.csv", clear_first)
    with pytest.raises(data.DataValidationError) as caught:
        data.load("claims")
    assert [(p.row, p.column, p.rule) for p in caught.value.problems] == [(2, "source_url", "constraint:required")]


def test_removing_a_registry_row_breaks_every_table_that_cites_it(data_copy):
    cited = _cited_by_tables(data_copy)
    url, users = max(cited.items(), key=lambda item: len({u.split(".")[0] for u in item[1]}))
    tables = sorted({u.split(".")[0] for u in users})
    assert len(tables) >= 2

    def drop(rows):
        rows[:] = [row for row in rows if row["url"] != url]

    _rewrite(data_copy / "sources.csv", drop)
    for table in tables:
        with pytest.raises(data.DataValidationError) as caught:
            data.load(table)
        assert {p.rule for p in caught.value.problems} == {"foreign-key"}, table


def test_each_registry_row_was_read_on_the_page_it_describes():
    registry = data.load("sources")
    differs = registry[registry["source_url"] != registry["url"]]
    assert differs.empty, f"source_url differs from url for {list(differs['url'])}"
