"""Every glossary term a page uses is linked to the glossary where the page
first uses it (issue 16, item 8).

Read on the MyST sources (chapters/*.md and the book's top pages): code cells,
roles (glue, cite, math, term), inline code, link targets and headings are
masked, then the first plain mention of each term must not come before the
page's first ``{term}`` link to it.
"""

from __future__ import annotations

import re

import pytest
from conftest import REPO

TERM = re.compile(r"\{term\}`([^`]+)`")
ROLE = re.compile(r"\{[a-z:]+\}`[^`]*`")


def glossary_terms() -> list[str]:
    text = (REPO / "glossary.md").read_text(encoding="utf-8")
    # The directive's fence is longer than the math fences inside it.
    block = re.search(r"^(`{3,})\{glossary\}\n(.*?)^\1\s*$", text, flags=re.S | re.M).group(2)
    return [line.strip() for line in block.splitlines() if line.strip() and not line.startswith((" ", "\t"))]


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def plain_text(markdown: str) -> str:
    """The prose of a MyST page with everything but running text blanked (offsets kept)."""
    text = re.sub(r"```\{code-cell\}.*?```", _blank, markdown, flags=re.S)
    text = ROLE.sub(_blank, text)
    text = re.sub(r"`[^`]*`", _blank, text)
    text = re.sub(r"\]\([^)]*\)", _blank, text)
    return re.sub(r"^#.*$", _blank, text, flags=re.M)


def first_links(markdown: str) -> dict[str, int]:
    """Offset of the first ``{term}`` link to each term (lower case)."""
    links: dict[str, int] = {}
    for match in TERM.finditer(markdown):
        target = re.search(r"<([^>]+)>\s*$", match.group(1))
        links.setdefault((target.group(1) if target else match.group(1)).strip().lower(), match.start())
    return links


def unlinked_first_uses(markdown: str, terms: list[str]) -> list[str]:
    text, links = plain_text(markdown), first_links(markdown)
    faults = []
    for term in terms:
        # Abbreviations match their case only ("PIT", not "pit"); words any case.
        flags = 0 if term.split()[0].isupper() else re.IGNORECASE
        words = r"\s+".join(re.escape(word) for word in term.split())
        mention = re.search(rf"(?<![\w-]){words}(?![\w-])", text, flags=flags)
        link = links.get(term.lower())
        if mention and (link is None or mention.start() < link):
            faults.append(term)
    return faults


def test_the_check_finds_an_unlinked_first_use_and_accepts_a_linked_one():
    terms = ["Lag", "TPP"]
    assert unlinked_first_uses("The lag is long. Later {term}`lag <Lag>`.", terms) == ["Lag"]
    assert unlinked_first_uses("The {term}`lag <Lag>` is long; the lag again.", terms) == []
    assert unlinked_first_uses("A {glue:text}`lag_x` value, `lag` in code.", terms) == []
    assert unlinked_first_uses("tpp in lower case is not the abbreviation. TPP is.", terms) == ["TPP"]


PAGES = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "chapters").glob("0[1-6]_*.md")) + ["intro.md"]


@pytest.mark.parametrize("page", PAGES)
def test_every_glossary_term_is_linked_where_the_page_first_uses_it(page):
    terms = glossary_terms()
    assert len(terms) >= 20
    faults = unlinked_first_uses((REPO / page).read_text(encoding="utf-8"), terms)
    assert not faults, f"{page}: first use not linked with {{term}}: {faults}"
