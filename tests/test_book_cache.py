"""The execution cache is keyed on data/ and ailead/: editing a CSV re-executes.

Builds a one-page book with the project's own Sphinx extension twice, editing
a data value in between, and checks that the rebuilt page shows the new value.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest
from conftest import FIXTURES

from ailead import book

JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")


def test_digest_changes_when_any_input_changes(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a.csv").write_text("x\n1\n")
    first = book.inputs_digest([folder])
    (folder / "a.csv").write_text("x\n2\n")
    second = book.inputs_digest([folder])
    (folder / "b.json").write_text("{}")
    third = book.inputs_digest([folder])
    (folder / "notes.txt").write_text("not an input")
    assert len({first, second, third}) == 3
    assert book.inputs_digest([folder]) == third


def _page() -> nbformat.NotebookNode:
    code = textwrap.dedent(
        """\
        from ailead import data, report
        events = data.load("events")
        report.glue_values(total_count=int(events["count"].sum()))
        """
    )
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# Cache probe\n\nTotal: {glue:text}`total_count`."),
            nbformat.v4.new_code_cell(code),
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def _pasted_total(html: str) -> str:
    return html.split("Total: ", 1)[1].split(".", 1)[0].replace('<span class="pasted-text">', "").replace("</span>", "")


def _build(root: Path, env: dict) -> str:
    result = subprocess.run(
        [str(JUPYTER_BOOK), "build", str(root), "--warningiserror", "--keep-going"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return (root / "_build" / "html" / "page.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_editing_a_data_value_rebuilds_the_page(tmp_path):
    root = tmp_path / "book"
    folder = tmp_path / "data"
    root.mkdir()
    folder.mkdir()
    for name in ("datapackage.json", "countries.csv", "events.csv"):
        shutil.copy(FIXTURES / name, folder / name)
    (root / "_config.yml").write_text(
        "title: cache probe\nexecute:\n  execute_notebooks: cache\nsphinx:\n  extra_extensions:\n    - ailead.book\n"
    )
    (root / "_toc.yml").write_text("format: jb-book\nroot: page\n")
    nbformat.write(_page(), root / "page.ipynb")
    env = {k: v for k, v in os.environ.items() if k != book.EXECUTE_ENV} | {"AILEAD_DATA_DIR": str(folder)}

    # Fixture counts are 3, 0 and 12.
    assert _pasted_total(_build(root, env)) == "15"
    events = folder / "events.csv"
    events.write_text(events.read_text().replace(",enforce,1,12,", ",enforce,1,40,"))
    assert _pasted_total(_build(root, env)) == "43"
    # Only one keyed cache survives: stale keys are pruned.
    caches = [p for p in (root / "_build" / ".jupyter_cache").iterdir() if p.is_dir()]
    assert len(caches) == 1


def test_stored_mode_only_turns_execution_off_and_refuses_other_words(monkeypatch):
    class Config:
        nb_execution_mode = "cache"

    config = Config()
    monkeypatch.delenv(book.EXECUTE_ENV, raising=False)
    book._stored_outputs_mode(None, config)
    assert config.nb_execution_mode == "cache"
    monkeypatch.setenv(book.EXECUTE_ENV, "stored")
    book._stored_outputs_mode(None, config)
    assert config.nb_execution_mode == "off"
    monkeypatch.setenv(book.EXECUTE_ENV, "off")
    with pytest.raises(ValueError, match="stored"):
        book._stored_outputs_mode(None, Config())


@pytest.mark.slow
def test_a_stored_mode_build_shows_the_stored_outputs_without_executing(tmp_path):
    root = tmp_path / "book"
    root.mkdir()
    (root / "_config.yml").write_text(
        "title: stored probe\nexecute:\n  execute_notebooks: cache\nsphinx:\n  extra_extensions:\n    - ailead.book\n"
    )
    (root / "_toc.yml").write_text("format: jb-book\nroot: page\n")
    nb = _page()
    # Executing this cell would fail the strict build; its stored output is shown instead.
    nb.cells[1] = nbformat.v4.new_code_cell(
        "raise SystemExit('executed')", outputs=[nbformat.v4.new_output("stream", name="stdout", text="stored output\n")]
    )
    nb.cells[0] = nbformat.v4.new_markdown_cell("# Stored probe")
    nbformat.write(nb, root / "page.ipynb")
    env = {**os.environ, book.EXECUTE_ENV: "stored"}
    assert "stored output" in _build(root, env)
