"""ailead.publish and the citation files: version, data date, BibTeX (issue 16)."""

from __future__ import annotations

import re
import tomllib

import pandas as pd
import pytest
import yaml
from conftest import REPO

from ailead import publish


def test_citation_cff_exists_and_its_version_is_pyprojects():
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert cff["cff-version"] == "1.2.0"
    assert cff["title"] and cff["authors"] and cff["message"]
    assert str(cff["version"]) == project["version"] == publish.version()


def test_the_data_date_is_the_latest_release_in_the_frontier_table():
    frame = pd.read_csv(REPO / "data" / "frontier_models.csv", parse_dates=["release_date"])
    assert publish.data_date() == frame["release_date"].max().strftime("%Y-%m-%d")


def test_a_bad_release_date_names_file_row_and_column(tmp_path):
    table = tmp_path / "models.csv"
    table.write_text("model,release_date\na,2024-01-02\nb,2 March 2024\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"models\.csv, row 3, column release_date: '2 March 2024'"):
        publish.data_date(table)


def test_a_table_without_dates_has_no_data_date(tmp_path):
    table = tmp_path / "models.csv"
    table.write_text("model,release_date\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no rows"):
        publish.data_date(table)
    table.write_text("model\na\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no column"):
        publish.data_date(table)


def test_bibtex_is_built_from_the_citation_file_version_and_date():
    meta = {
        "title": "A book on 50% & more",
        "authors": [{"name": "The contributors"}],
        "version": "9.8.7",
        "license": "CC-BY-4.0",
    }
    entry = publish.bibtex(meta, "2031-05-06")
    assert entry.startswith("@software{ailead2031,\n")
    fields = dict(re.findall(r"^  (\w+)\s+= \{(.*)\},?$", entry, flags=re.MULTILINE))
    assert fields["author"] == "{The contributors}"
    assert fields["title"] == r"{A book on 50\% \& more}"
    assert fields["year"] == "2031" and fields["version"] == "9.8.7"
    assert "2031-05-06" in fields["note"]
    assert entry.count("{") == entry.count("}")


def test_person_authors_are_given_then_family_names():
    meta = {"title": "T", "authors": [{"given-names": "Ada", "family-names": "Lovelace"}, {"name": "Org"}], "version": "1"}
    assert publish.plain_citation(meta, "2030-01-01") == "Ada Lovelace, Org (2030). T. Version 1, capability data to 2030-01-01."


def test_the_footer_note_carries_version_and_data_date():
    assert publish.footer_note("2026-04-16") == f"Version {publish.version()}, capability data to 2026-04-16."


def test_without_the_frontier_table_the_footer_gives_the_version_alone(fixture_data):
    assert not publish.has_data_table()
    assert publish.footer_note() == f"Version {publish.version()}."
