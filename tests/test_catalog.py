"""The data page lists every table of datapackage.json with its facts."""

from __future__ import annotations

import csv

from ailead import catalog, data


def test_one_row_per_table_with_counted_rows_and_metadata():
    table = catalog.datasets()
    resources = data.package()["resources"]
    assert table["name"].tolist() == [r["name"] for r in resources]
    for resource, row in zip(resources, table.itertuples()):
        with open(data.data_dir() / resource["path"], encoding="utf-8", newline="") as handle:
            counted = sum(1 for _ in csv.DictReader(handle))
        assert row.rows == counted
        assert row.licence and row.producer and row.accessed


def test_markdown_links_every_file_for_download():
    text = catalog.markdown(link_prefix="../data/")
    for resource in data.package()["resources"]:
        assert f"{{download}}`{resource['path']} <../data/{resource['path']}>`" in text


def test_pipes_in_titles_cannot_break_the_table():
    assert catalog._cell("a | b\nc") == "a \\| b c"
