"""The "data as of" line of each chapter: the latest date of the data it reads
(issue 15, item 7)."""

from __future__ import annotations

import csv
import re

import pytest
from conftest import REPO

from ailead import chapters
from ailead.chapters import DATASETS_OF, book_data_as_of, chapter_data_as_of, data_as_of


def _column_max(table: str, column: str) -> str:
    with (REPO / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return max(row[column] for row in csv.DictReader(handle) if row[column])


def test_data_as_of_is_the_latest_data_date_read_straight_from_the_files():
    assert f"{data_as_of('frontier_models'):%Y-%m-%d}" == _column_max("frontier_models", "release_date")
    # Claims are dated by when they were made, not by the window they are about.
    assert f"{data_as_of('claims'):%Y-%m-%d}" == _column_max("claims", "date")
    # Pages' access dates do not date the data.
    assert f"{data_as_of('sources'):%Y-%m-%d}" == _column_max("sources", "published")
    both = max(_column_max("gap_yardsticks", c) for c in ("published", "as_of"))
    later = max(both, _column_max("frontier_releases_after_index", "release_date"))
    assert f"{data_as_of('gap_yardsticks', 'frontier_releases_after_index'):%Y-%m-%d}" == later


def test_data_as_of_needs_dated_rows():
    with pytest.raises(ValueError, match="no dated rows"):
        data_as_of("scenario_parameters")
    with pytest.raises(ValueError, match="name the datasets"):
        data_as_of()
    with pytest.raises(KeyError, match="no dataset list"):
        chapter_data_as_of("ch99")


@pytest.mark.parametrize("chapter", chapters.CHAPTERS)
def test_every_table_a_chapter_loads_is_in_its_list(chapter):
    source = (REPO / "ailead" / "chapters" / f"{chapter}.py").read_text(encoding="utf-8")
    loaded = set(re.findall(r'data\.load\("([a-z_]+)"\)', source)) - set(chapters.NOT_DATA_TABLES)
    assert loaded <= set(DATASETS_OF[chapter])
    assert not set(DATASETS_OF[chapter]) & set(chapters.NOT_DATA_TABLES)


def test_chapter_and_book_dates_are_the_latest_of_their_tables():
    assert chapter_data_as_of("ch01") == max(data_as_of(name) for name in DATASETS_OF["ch01"])
    assert book_data_as_of() >= max(chapter_data_as_of(c) for c in DATASETS_OF)
