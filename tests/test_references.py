"""The bibliography and the glossary against the book's prose and data.

Every entry of references.bib must be cited somewhere and point to an address
the project's data record (a table's source columns, data/datapackage.json's
sources or the verification notes), so no reference can be made up; every
citation and every glossary link in the prose must resolve.
"""

from __future__ import annotations

import csv
import json
import re

import pytest
from conftest import REPO

CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
TERM = re.compile(r"\{term\}`([^`]+)`")
URL = re.compile(r"https?://[^\s)\]|>\"'`]+")


def parse_bib(text: str) -> dict[str, dict[str, str]]:
    """Entries of a BibTeX file written one field per line: key -> fields."""
    entries = {}
    for match in re.finditer(r"^@(\w+)\{([^,\s]+),\n(.*?)^\}", text, flags=re.M | re.S):
        fields = dict(re.findall(r"^\s*(\w+)\s*=\s*\{(.*)\},?\s*$", match.group(3), flags=re.M))
        entries[match.group(2)] = {"type": match.group(1).lower(), **{k.lower(): v for k, v in fields.items()}}
    return entries


def _prose() -> dict[str, str]:
    """The Markdown a reader sees, by page: every notebook's Markdown cells and
    the book's Markdown pages."""
    pages = {}
    for path in sorted((REPO / "chapters").glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        pages[path.name] = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    for path in sorted(REPO.glob("*.md")):
        if path.name != "README.md":
            pages[path.name] = path.read_text(encoding="utf-8")
    return pages


def cited_keys(text: str) -> set[str]:
    """Keys of every ``{cite}`` role, without pre- or post-text such as ``{87 FR 62186}``."""
    return {re.sub(r"\{[^}]*\}", "", key).strip() for group in CITE.findall(text) for key in group.split(",")}


def _recorded_addresses() -> tuple[set[str], str]:
    """Addresses in the tables and the package descriptor, and the notes' text."""
    urls = set()
    for path in sorted((REPO / "data").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                urls |= {value.strip() for value in row.values() if value and URL.fullmatch(value.strip())}
    package = json.loads((REPO / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        urls |= {source["path"] for source in resource.get("sources", []) if source.get("path")}
    notes = "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "notes").glob("*.md")))
    return urls, notes


@pytest.fixture(scope="module")
def bib():
    return parse_bib((REPO / "references.bib").read_text(encoding="utf-8"))


def test_parse_bib_reads_fields_on_a_small_example():
    text = "@misc{a2024x,\n  author = {{Org}},\n  title  = {{[A title]}},\n  url    = {https://x.example/p}\n}\n"
    assert parse_bib(text) == {
        "a2024x": {"type": "misc", "author": "{Org}", "title": "{[A title]}", "url": "https://x.example/p"}
    }
    assert cited_keys("see {cite:p}`a, b` and {cite}`c` and {cite:p}`d{87 FR 62186}`") == {"a", "b", "c", "d"}


def test_every_entry_has_the_fields_the_style_needs(bib):
    assert len(bib) >= 5
    for key, entry in bib.items():
        assert entry["type"] == "misc", key
        for field in ("author", "title", "howpublished", "url"):
            assert entry.get(field), f"{key}: no {field}"
        # A year only where the data give one; a title the book supplies is bracketed.
        if "year" in entry:
            assert re.fullmatch(r"(19|20)\d\d", entry["year"]), key


def test_every_address_is_recorded_in_the_data(bib):
    urls, notes = _recorded_addresses()
    missing = [f"{key}: {e['url']}" for key, e in bib.items() if e["url"] not in urls and e["url"] not in notes]
    assert not missing, "\n".join(missing)


def test_every_entry_is_cited_and_every_citation_resolves(bib):
    pages = _prose()
    cited = set().union(*(cited_keys(text) for text in pages.values()))
    assert not cited - set(bib), f"cited but not in references.bib: {sorted(cited - set(bib))}"
    assert not set(bib) - cited, f"in references.bib but never cited: {sorted(set(bib) - cited)}"


@pytest.mark.parametrize(
    "chapter", ["01_gap_today", "02_export_controls", "03_distillation", "04_two_outcomes_2028", "05_dissenting_view"]
)
def test_each_analysis_chapter_cites_its_sources(chapter):
    assert cited_keys(_prose()[f"{chapter}.ipynb"]), chapter


def glossary_terms() -> set[str]:
    text = (REPO / "glossary.md").read_text(encoding="utf-8")
    # The directive's fence is longer than the math fences inside it.
    block = re.search(r"^(`{3,})\{glossary\}\n(.*?)^\1\s*$", text, flags=re.S | re.M).group(2)
    return {line.strip().lower() for line in block.splitlines() if line.strip() and not line.startswith((" ", "\t"))}


def test_every_glossary_link_resolves():
    terms = glossary_terms()
    assert {"tpp", "eci", "distillation", "open weights", "crps", "renewal process"} <= terms
    broken = []
    for page, text in _prose().items():
        for target in TERM.findall(text):
            name = re.search(r"<([^>]+)>\s*$", target)
            term = (name.group(1) if name else target).strip().lower()
            if term not in terms:
                broken.append(f"{page}: {target}")
    assert not broken, broken


def _plain(value: str) -> str:
    """A BibTeX field as a reader sees it: braces and LaTeX escapes removed."""
    return re.sub(r"\\([$&%#_])", r"\1", value.replace("{", "").replace("}", ""))


def test_every_entry_names_the_registry_publisher_and_title(bib):
    """references.bib agrees with data/sources.csv (run tools/sync_references.py
    after changing the registry); a copy names the original's publisher and
    says it was read through a copy."""
    with (REPO / "data" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        registry = {row["url"]: row for row in csv.DictReader(handle)}
    wrong = []
    for key, entry in bib.items():
        row = registry.get(entry["url"])
        if row is None:
            wrong.append(f"{key}: {entry['url']} is not in sources.csv")
            continue
        if _plain(entry["title"]) != row["title"]:
            wrong.append(f"{key}: title {_plain(entry['title'])!r} != registry {row['title']!r}")
        published = _plain(entry["howpublished"])
        if row["kind"] == "copy" and row["original_publisher"]:
            expected = f"{row['original_publisher']}, read through a copy at {row['publisher']}"
        else:
            expected = row["publisher"]
        if published != expected:
            wrong.append(f"{key}: howpublished {published!r} != {expected!r}")
    assert not wrong, "\n".join(wrong)


def test_plain_removes_braces_and_escapes():
    assert _plain(r"{{Nvidia writes off \$5.5 billion \& more}}") == "Nvidia writes off $5.5 billion & more"
