"""Incremental builds equal clean ones.

A small book using the project's Sphinx extension is built, then a static
stylesheet and the page's image and download are changed and the book is
built twice more, as two `make book` runs would. The tree in _build/html must
then be byte-for-byte the one a clean build of the same sources gives: the
edited stylesheet arrives (with its new checksum in every page) and the
image and download the page no longer uses are gone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES

JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="{}"/></svg>\n'


def _build(root: Path, env: dict) -> None:
    # The flags of the Makefile's book target.
    result = subprocess.run(
        [str(JUPYTER_BOOK), "build", str(root), "--warningiserror", "--nitpick", "--keep-going"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _page(stem: str) -> str:
    return f"# Probe\n\n![a picture]({stem}.svg)\n\nGet {{download}}`the table <{stem}.csv>`.\n"


@pytest.mark.slow
def test_two_builds_after_an_edit_give_the_tree_of_a_clean_build(tmp_path):
    root = tmp_path / "book"
    (root / "_static").mkdir(parents=True)
    data = tmp_path / "data"
    data.mkdir()
    for name in ("datapackage.json", "countries.csv", "events.csv"):
        shutil.copy(FIXTURES / name, data / name)
    (root / "_config.yml").write_text(
        "title: incremental probe\n"
        "sphinx:\n  extra_extensions:\n    - ailead.book\n"
        "  config:\n    html_static_path: [_static]\n    html_css_files: [probe.css]\n"
    )
    (root / "_toc.yml").write_text("format: jb-book\nroot: page\n")
    for stem, colour in (("one", "red"), ("two", "blue")):
        (root / f"{stem}.svg").write_text(SVG.format(colour))
        (root / f"{stem}.csv").write_text(f"x\n{stem}\n")
    css = root / "_static" / "probe.css"
    css.write_text("body { color: #111; }\n")
    (root / "page.md").write_text(_page("one"))
    env = {**os.environ, "AILEAD_DATA_DIR": str(data)}
    html = root / "_build" / "html"

    _build(root, env)
    before = _tree(html)
    assert any(name.startswith("_images/one") for name in before)

    css.write_text("body { color: #222; }\n")
    (root / "page.md").write_text(_page("two"))
    _build(root, env)
    _build(root, env)
    incremental = _tree(html)

    shutil.rmtree(root / "_build")
    _build(root, env)
    clean = _tree(html)

    assert incremental["_static/probe.css"] == b"body { color: #222; }\n"
    assert not [name for name in incremental if "/one." in name or name.startswith("_images/one")]
    assert sorted(incremental) == sorted(clean)
    differing = [name for name in clean if incremental[name] != clean[name]]
    assert not differing, differing


@pytest.mark.slow
def test_a_static_edit_alone_reaches_the_build(tmp_path):
    root = tmp_path / "book"
    (root / "_static").mkdir(parents=True)
    (root / "_config.yml").write_text(
        "title: static probe\n"
        "sphinx:\n  extra_extensions:\n    - ailead.book\n"
        "  config:\n    html_static_path: [_static]\n    html_css_files: [probe.css]\n"
    )
    (root / "_toc.yml").write_text("format: jb-book\nroot: page\n")
    (root / "page.md").write_text("# Probe\n\nText.\n")
    css = root / "_static" / "probe.css"
    css.write_text("p { margin: 0; }\n")
    env = dict(os.environ)
    _build(root, env)
    page = (root / "_build" / "html" / "page.html").read_text()
    css.write_text("p { margin: 1em; }\n")
    _build(root, env)
    assert (root / "_build" / "html" / "_static" / "probe.css").read_text() == "p { margin: 1em; }\n"
    # Every page links the stylesheet with its checksum, so pages change too.
    assert (root / "_build" / "html" / "page.html").read_text() != page
