"""The ``ailead-citation`` directive and the footer note in a small book (issue 16)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ailead import publish

JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")


@pytest.mark.slow
def test_the_citation_block_renders_bibtex_from_citation_cff_and_links_the_pdf(tmp_path):
    root = tmp_path / "book"
    (root / "sub").mkdir(parents=True)
    (root / "_config.yml").write_text("title: citation probe\nsphinx:\n  extra_extensions:\n    - ailead.book\n")
    (root / "_toc.yml").write_text("format: jb-book\nroot: page\nchapters:\n  - file: sub/other\n")
    (root / "page.md").write_text("# Probe\n\n```{ailead-citation}\n```\n")
    (root / "sub" / "other.md").write_text("# Other\n\n```{ailead-citation}\n```\n")
    env = {k: v for k, v in os.environ.items() if k not in ("AILEAD_DATA_DIR", "AILEAD_PDF")}
    result = subprocess.run(
        [str(JUPYTER_BOOK), "build", str(root), "--warningiserror", "--nitpick", "--keep-going"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    page = (root / "_build" / "html" / "page.html").read_text(encoding="utf-8")
    other = (root / "_build" / "html" / "sub" / "other.html").read_text(encoding="utf-8")
    assert "How to cite" in page
    version, date = publish.version(), publish.data_date()
    assert f"Version {version}, data to {date}" in page  # the plain citation and the footer
    assert page.count(publish.footer_note()) >= 2
    block = re.sub(r"<[^>]+>", "", page.split("ailead-bibtex", 1)[1].split("</pre>", 1)[0])
    assert "@software{ailead" + date[:4] in block
    assert f"version  = {{{version}}}" in block
    assert 'href="book.pdf"' in page and 'href="../book.pdf"' in other
