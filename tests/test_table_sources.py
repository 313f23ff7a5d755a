"""Source columns of reader tables read "Publisher: Title", linked, from the
registry data/sources.csv (issue 15, item 3)."""

from __future__ import annotations

import csv
import re

import pandas as pd
import pytest
from conftest import REPO

from ailead import tables

#: Specs whose source column is not yet flagged: none, and none may be added.
NOT_YET_FLAGGED: set[str] = set()


@pytest.fixture
def registry(monkeypatch):
    frame = pd.DataFrame(
        [
            ["https://a.example/1", "Agency A", "Rule on chips & things", "primary", None],
            ["https://copy.example/2", "Mirror Site", "A story", "copy", "Wire Service"],
            ["https://b.example/3", "Outlet B", "A very long headline " * 5, "reporting", None],
        ],
        columns=["url", "publisher", "title", "kind", "original_publisher"],
    ).set_index("url")
    monkeypatch.setattr(tables, "_registry", lambda: frame)
    return frame


def test_a_primary_source_is_named_by_publisher_and_title_and_escaped(registry):
    assert tables.source_link("https://a.example/1") == '<a href="https://a.example/1">Agency A: Rule on chips &amp; things</a>'


def test_a_copy_names_the_original_publisher_and_the_copy(registry):
    html = tables.source_link("https://copy.example/2")
    assert ">Wire Service: A story, read through a copy at Mirror Site<" in html


def test_a_long_title_is_cut_at_a_word(registry):
    text = re.search(r">(.*)<", tables.source_link("https://b.example/3")).group(1)
    title = text.removeprefix("Outlet B: ")
    assert title.endswith("…")
    assert len(title) <= tables.SOURCE_TITLE_CHARS
    assert ("A very long headline " * 5).startswith(title[:-1])
    assert not title[:-1].endswith(" ")


def test_an_address_missing_from_the_registry_is_named_by_its_site(registry):
    assert tables.source_link("https://www.unknown.example/p") == '<a href="https://www.unknown.example/p">unknown.example</a>'


def test_render_links_source_columns_and_leaves_other_addresses_as_hosts(registry):
    frame = pd.DataFrame({"Source": ["https://a.example/1", None], "Other": ["https://a.example/1", "https://z.example/x"]})
    html = tables.render(frame, sources={"Source"}).data
    assert ">Agency A: Rule on chips &amp; things</a>" in html
    assert ">a.example</a>" in html and ">z.example</a>" in html
    assert "<td>–</td>" in html
    with pytest.raises(KeyError, match="lacks"):
        tables.render(frame, sources={"Missing"})


def test_shorten_keeps_short_text():
    assert tables.shorten("short") == "short"
    assert tables.shorten("one two three", limit=9) == "one two…"


def test_every_source_column_of_every_spec_is_flagged():
    unflagged = {
        name
        for name, spec in tables.specs().items()
        for column, options in spec["columns"].items()
        if column.startswith("source_url") and not (options or {}).get("source")
    }
    assert unflagged == NOT_YET_FLAGGED, "flag the source column with `source: true` (and re-run the chapter)"


def test_every_cited_address_of_the_real_registry_renders():
    with (REPO / "data" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        html = tables.source_link(row["url"])
        publisher = row["original_publisher"] if row["kind"] == "copy" and row["original_publisher"] else row["publisher"]
        assert f">{tables.html.escape(publisher)}: " in html, row["url"]
        text = re.search(r">(.*)</a>$", html).group(1)
        assert text != tables.urlparse(row["url"]).netloc.removeprefix("www."), row["url"]
