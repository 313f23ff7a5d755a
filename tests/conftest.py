"""Shared test helpers: a throw-away data folder the loader can be pointed at."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ailead import data

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def fixture_data(tmp_path, monkeypatch):
    """A copy of tests/fixtures as the data folder; returns its path.

    Tests overwrite ``events.csv`` in the copy with a malformed file.
    """
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("datapackage.json", "countries.csv", "events.csv"):
        shutil.copy(FIXTURES / name, folder / name)
    monkeypatch.setenv(data.DATA_DIR_ENV, str(folder))
    data._package_descriptor.cache_clear()
    yield folder
    data._package_descriptor.cache_clear()
