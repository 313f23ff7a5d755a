"""tools/sync_references.py: references.bib fields rewritten from the registry."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import REPO

spec = importlib.util.spec_from_file_location("sync_references", REPO / "tools" / "sync_references.py")
sync_references = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sync_references)

BIB = """@misc{a2025x,
  author       = {{Org}},
  title        = {Old title},
  howpublished = {News report},
  url          = {https://copy.example/p}
}

@misc{b2025y,
  author       = {{Org}},
  title        = {Kept},
  url          = {https://b.example/q}
}
"""

ROWS = {
    "https://copy.example/p": {
        "title": "Costs $5 & 10% more",
        "publisher": "Mirror",
        "kind": "copy",
        "original_publisher": "Wire",
    },
    "https://b.example/q": {"title": "Kept", "publisher": "Outlet B", "kind": "reporting", "original_publisher": ""},
}


def test_sync_rewrites_title_and_publisher_escaping_markup():
    out = sync_references.sync(BIB, ROWS)
    assert "  title        = {{Costs \\$5 \\& 10\\% more}},\n" in out
    assert "  howpublished = {{Wire, read through a copy at Mirror}},\n" in out
    # A missing howpublished is added; the other fields stay as they were.
    assert "  howpublished = {{Outlet B}},\n  author       = {{Org}},\n  title        = {{Kept}}," in out
    assert out.count("url          = {") == 2
    assert sync_references.unescape("{{Costs \\$5 \\& 10\\% more}}") == "Costs $5 & 10% more"
    assert sync_references.sync(out, ROWS) == out


def test_sync_refuses_an_address_the_registry_lacks():
    with pytest.raises(ValueError, match="which data/sources.csv lacks"):
        sync_references.sync(BIB, {})
