"""The data page lists every table of datapackage.json with its facts,
as plain text that no markup in the descriptor can turn into markup."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, build_small_book
from docutils import nodes
from sphinx import addnodes

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


def test_table_links_every_file_for_download():
    [table] = catalog.table_nodes(lambda file: f"/data/{file}")
    targets = [n["reftarget"] for n in table.findall(addnodes.download_reference)]
    assert targets == [f"/data/{r['path']}" for r in data.package()["resources"]]


def test_metadata_becomes_text_nodes_only(fixture_data):
    descriptor = json.loads((fixture_data / "datapackage.json").read_text())
    descriptor["resources"][1]["description"] = "See <b>this</b> and {download}`x </etc/passwd>`."
    descriptor["resources"][1]["title"] = "| pipes | and *stars*"
    (fixture_data / "datapackage.json").write_text(json.dumps(descriptor))
    data._package_descriptor.cache_clear()
    parts = catalog.description_nodes() + catalog.table_nodes(lambda file: None)
    texts = [t.astext() for part in parts for t in part.findall(nodes.Text)]
    assert any("See <b>this</b> and {download}`x </etc/passwd>`." in t for t in texts)
    assert "| pipes | and *stars*" in texts
    described = [p.astext() for part in parts for p in part.findall(nodes.paragraph) if "See <b>" in p.astext()]
    assert described == ["events.csv. See <b>this</b> and {download}`x </etc/passwd>`."]
    assert not any(isinstance(n, (nodes.raw, addnodes.download_reference)) for part in parts for n in part.findall())


# The book has to build this page for real: a description carrying a MyST
# directive, a role and HTML must come out literally in the HTML.
HOSTILE = (
    "Before.\n\n```{literalinclude} /etc/os-release\n```\n\n"
    "A role: {download}`secret </etc/hostname>` and <script>alert('x')</script> "
    "and a [link](javascript:alert(1))."
)


@pytest.mark.slow
def test_descriptor_markup_is_shown_literally_in_the_built_page(tmp_path):
    root = tmp_path / "book"
    folder = tmp_path / "data"
    root.mkdir()
    folder.mkdir()
    for name in ("countries.csv", "events.csv"):
        shutil.copy(FIXTURES / name, folder / name)
    descriptor = json.loads((FIXTURES / "datapackage.json").read_text())
    descriptor["resources"][1]["description"] = HOSTILE
    descriptor["resources"][1]["title"] = "Events {sub}`x` <i>it</i>"
    descriptor["resources"][1]["sources"] = [
        {"title": "{ref}`nope` <u>u</u>", "path": "https://example.org/events"},
        {"title": "local", "path": "http://127.0.0.1/secret"},
    ]
    (folder / "datapackage.json").write_text(json.dumps(descriptor))
    html = build_small_book(
        root,
        "escape probe",
        "format: jb-book\nroot: page\n",
        {"page.md": "# Data\n\n```{ailead-datasets}\n```\n\n```{ailead-descriptions}\n```\n"},
        env={**os.environ, "AILEAD_DATA_DIR": str(folder)},
    )
    page = (html / "page.html").read_text(encoding="utf-8")
    # Shown, escaped, as written (whitespace collapsed to single spaces).
    assert "```{literalinclude} /etc/os-release ```" in page
    assert "{download}`secret &lt;/etc/hostname&gt;`" in page
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in page
    assert "[link](javascript:alert(1))" in page
    assert "Events {sub}`x` &lt;i&gt;it&lt;/i&gt;" in page
    assert "{ref}`nope` &lt;u&gt;u&lt;/u&gt;" in page
    # Not executed: no included host file, no download of it, no live markup.
    os_release = Path("/etc/os-release")
    if os_release.is_file():
        assert "PRETTY_NAME" not in page
    assert "<script>alert" not in page and "<i>it</i>" not in page
    assert 'href="javascript:' not in page
    assert not list(html.rglob("hostname"))
    # A non-public source address is printed, never linked.
    assert 'href="http://127.0.0.1' not in page
    assert 'href="https://example.org/events"' in page
    # The data files themselves are offered for download.
    assert list((root / "_build" / "html" / "_downloads").rglob("events.csv"))
