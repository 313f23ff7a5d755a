"""Shared test helpers: a throw-away data folder the loader can be pointed at."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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


JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")


def build_small_book(root: Path, title: str, toc: str, pages: dict[str, str], env: dict | None = None) -> Path:
    """Build a throw-away Jupyter Book that loads ``ailead.book``; returns its HTML folder.

    ``pages`` maps file names under ``root`` to their MyST text; ``env``
    defaults to this process's environment. Fails the test with the build's
    last output when the strict build does not pass.
    """
    for name, text in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    (root / "_config.yml").write_text(f"title: {title}\nsphinx:\n  extra_extensions:\n    - ailead.book\n")
    (root / "_toc.yml").write_text(toc)
    result = subprocess.run(
        [str(JUPYTER_BOOK), "build", str(root), "--warningiserror", "--nitpick", "--keep-going"],
        env=os.environ.copy() if env is None else env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root / "_build" / "html"
