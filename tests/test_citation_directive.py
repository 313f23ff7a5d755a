"""The ``ailead-citation`` directive and the footer note in a small book (issue 16)."""

from __future__ import annotations

import os
import re

import pytest
from conftest import build_small_book

from ailead import publish


@pytest.mark.slow
def test_the_citation_block_renders_bibtex_from_citation_cff_and_links_the_pdf(tmp_path):
    root = tmp_path / "book"
    env = {k: v for k, v in os.environ.items() if k not in ("AILEAD_DATA_DIR", "AILEAD_PDF")}
    html = build_small_book(
        root,
        "citation probe",
        "format: jb-book\nroot: page\nchapters:\n  - file: sub/other\n",
        {"page.md": "# Probe\n\n```{ailead-citation}\n```\n", "sub/other.md": "# Other\n\n```{ailead-citation}\n```\n"},
        env=env,
    )
    page = (html / "page.html").read_text(encoding="utf-8")
    other = (html / "sub" / "other.html").read_text(encoding="utf-8")
    assert "How to cite" in page
    version, date = publish.version(), publish.data_date()
    assert f"Version {version}, capability data to {date}" in page  # the plain citation and the footer
    assert page.count(publish.footer_note()) >= 2
    block = re.sub(r"<[^>]+>", "", page.split("ailead-bibtex", 1)[1].split("</pre>", 1)[0])
    assert "@software{ailead" + date[:4] in block
    assert f"version  = {{{version}}}" in block
    assert 'href="book.pdf"' in page and 'href="../book.pdf"' in other
