"""Checks of the built book in _build/html (``make test`` builds it first).

No page may load a script, stylesheet, font, image or frame from another
host, every chart has its spec and the local Vega bundle, and no Altair
random id survives.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO

HTML_DIR = REPO / "_build" / "html"
REMOTE = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.IGNORECASE)


class _Loads(HTMLParser):
    """Collect every URL the browser would fetch while loading the page."""

    LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src", "embed": "src"}

    def __init__(self):
        super().__init__()
        self.loads: list[tuple[str, str]] = []
        self.scripts: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.LOADING and attrs.get(self.LOADING[tag]):
            self.loads.append((tag, attrs[self.LOADING[tag]]))
        if tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            rel = (attrs.get("rel") or "").lower()
            if any(word in rel for word in ("stylesheet", "preload", "icon", "modulepreload", "prefetch", "manifest")):
                self.loads.append(("link", attrs["href"]))
        if tag == "object" and attrs.get("data"):
            self.loads.append(("object", attrs["data"]))
        self._in_style = tag == "style"

    def handle_data(self, data):
        if self._in_style:
            self.loads.extend(("style", url) for url in CSS_URL.findall(data))

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False


def _pages() -> list[Path]:
    if not (HTML_DIR / "index.html").is_file():
        pytest.fail("no built book in _build/html: run `make book` (make test does it first)")
    return sorted(HTML_DIR.rglob("*.html"))


def _parse(page: Path) -> _Loads:
    parser = _Loads()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_no_page_loads_anything_from_another_host():
    offenders = []
    for page in _pages():
        for tag, url in _parse(page).loads:
            if REMOTE.match(url):
                offenders.append(f"{page.relative_to(HTML_DIR)}: <{tag}> {url}")
    assert not offenders, "\n".join(offenders)


def test_no_stylesheet_imports_a_remote_font_or_sheet():
    offenders = []
    for sheet in sorted((HTML_DIR / "_static").rglob("*.css")):
        for url in CSS_URL.findall(sheet.read_text(encoding="utf-8", errors="replace")):
            offenders.append(f"{sheet.relative_to(HTML_DIR)}: {url}")
    assert not offenders, "\n".join(offenders)


def test_every_chart_page_loads_the_local_vega_bundle_first():
    chart_pages = [p for p in _pages() if "ailead-vega-spec" in p.read_text(encoding="utf-8")]
    assert chart_pages, "no page has a chart"
    for page in chart_pages:
        scripts = [s.split("?")[0].rsplit("/", 1)[-1] for s in _parse(page).scripts]
        assert "vega-bundle.js" in scripts and "ailead-charts.js" in scripts, page
        assert scripts.index("vega-bundle.js") < scripts.index("ailead-charts.js"), page


def test_vega_bundle_is_scoped_and_defines_vega_embed():
    bundle = (HTML_DIR / "_static" / "vega-bundle.js").read_text(encoding="utf-8")
    assert bundle.startswith("(function () {")
    assert "window.vegaEmbed" in bundle


def test_no_random_altair_ids_and_no_thebe_cdn_script():
    for page in _pages():
        text = page.read_text(encoding="utf-8")
        assert "altair-viz-" not in text, page
        assert "THEBE_JS_URL" not in text, page


# --- reader tables show words, not internal codes (issue 16) -----------------

#: A claim slug ("anthropic-2026-lock-in-lead") or a snake_case code
#: ("us_lead", "parity_months"); dates such as 2024-01-02 have no letter.
INTERNAL_ID = re.compile(r"^(?=[a-z0-9-]*[a-z])[a-z0-9]+(-[a-z0-9]+){2,}$|^[a-z][a-z0-9]*(_[a-z0-9]+)+$")


def _reader_table_codes(page: Path) -> list[str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = []
    for table in soup.select("table.ailead-table"):
        for cell in table.select("td, th"):
            text = cell.get_text(" ", strip=True)
            if INTERNAL_ID.match(text):
                found.append(text)
    return found


def test_the_internal_id_pattern_catches_codes_but_not_dates_or_words():
    for code in ("anthropic-2026-lock-in-lead", "us_lead", "parity_months", "tokens_in_per_exchange"):
        assert INTERNAL_ID.match(code), code
    for word in ("2024-01-02", "United States", "US lead", "open-weights", "12-24", "Act"):
        assert not INTERNAL_ID.match(word), word


def _table_pages() -> list[str]:
    if not (HTML_DIR / "index.html").is_file():
        return ["index.html"]
    return [
        p.relative_to(HTML_DIR).as_posix()
        for p in sorted(HTML_DIR.rglob("*.html"))
        if "ailead-table" in p.read_text(encoding="utf-8") and not p.relative_to(HTML_DIR).as_posix().startswith("_")
    ]


@pytest.mark.parametrize("page", _table_pages())
def test_no_reader_table_cell_shows_an_internal_code(page):
    codes = _reader_table_codes(HTML_DIR / page)
    assert not codes, f"{page}: {len(codes)} cells show internal codes: {sorted(set(codes))[:10]}"


# --- cite and archive ---------------------------------------------------------


def test_every_page_footer_carries_the_version_and_the_data_date():
    from ailead import publish

    note = publish.footer_note()
    pages = [p for p in _pages() if not p.relative_to(HTML_DIR).as_posix().startswith("_") and p.name != "index.html"]
    assert pages
    # index.html only redirects to the intro.
    missing = [p.relative_to(HTML_DIR).as_posix() for p in pages if note not in p.read_text(encoding="utf-8")]
    assert not missing, f"footer without '{note}': {missing[:5]}"


def test_math_is_served_from_the_books_own_static_folder():
    pages = [p for p in _pages() if 'class="math' in p.read_text(encoding="utf-8")]
    assert pages, "no page has math: the glossary's equation should be one"
    for page in pages:
        scripts = [s for s in _parse(page).scripts if "mathjax" in s.lower() or "tex-" in s.lower()]
        assert scripts, f"{page.name} has math but no MathJax script"
        for src in scripts:
            assert not REMOTE.match(src), src
            target = (page.parent / src.split("?")[0]).resolve()
            assert target.is_file() and "_static" in target.parts, src


def test_no_dollar_sign_became_math():
    # dollarmath stays off: "$5.5 billion" is money.
    for page in _pages():
        text = page.read_text(encoding="utf-8")
        assert r"\(5" not in text and not re.search(r'class="math[^"]*">\s*\\\(\d', text), page.name


# --- every chart states its finding (issue 16, item 2) -------------------------


def _chart_specs(page: Path) -> list[dict]:
    import json

    text = page.read_text(encoding="utf-8")
    return [json.loads(m.replace("<\\/", "</")) for m in re.findall(r'class="ailead-vega-spec">(.*?)</script>', text, flags=re.S)]


def _chart_pages() -> list[str]:
    if not (HTML_DIR / "index.html").is_file():
        return ["index.html"]
    return [p.relative_to(HTML_DIR).as_posix() for p in _pages() if "ailead-vega-spec" in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("page", _chart_pages())
def test_every_chart_has_a_title_and_a_subtitle(page):
    specs = _chart_specs(HTML_DIR / page)
    assert specs
    untitled = [s.get("description", "?")[:60] for s in specs if not (s.get("usermeta", {}).get("ailead", {}).get("subtitle"))]
    assert not untitled, f"{page}: {len(untitled)} of {len(specs)} charts lack a title and subtitle: {untitled[:3]}"
    for spec in specs:
        assert spec["title"]["orient"] == "top" and spec["title"]["text"]


# --- one colour per country throughout (issue 16, item 2) ----------------------


def _country_colour_faults(spec: dict) -> list[str]:
    from ailead import charts

    faults = []

    def walk(node):
        if isinstance(node, dict):
            scale = node.get("scale")
            if isinstance(scale, dict) and isinstance(scale.get("domain"), list) and isinstance(scale.get("range"), list):
                for name, colour in zip(scale["domain"], scale["range"]):
                    expected = charts.COUNTRY_COLORS.get(name)
                    if expected and str(colour).lower() != expected.lower():
                        faults.append(f"{name} drawn {colour}, not {expected}")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk({k: v for k, v in spec.items() if k != "datasets"})
    return faults


def test_the_country_colour_check_sees_a_wrong_colour():
    spec = {"encoding": {"color": {"scale": {"domain": ["China", "Other"], "range": ["#0072B2", "#7F7F7F"]}}}}
    assert _country_colour_faults(spec) == ["China drawn #0072B2, not #D55E00"]


@pytest.mark.parametrize("page", _chart_pages())
def test_every_chart_gives_each_country_its_book_wide_colour(page):
    faults = [f for spec in _chart_specs(HTML_DIR / page) for f in _country_colour_faults(spec)]
    assert not faults, f"{page}: {faults[:5]}"


# --- the glossary defines every technical term (issue 16, item 8) ---------------

GLOSSARY_TERMS = [
    "Lag", "Censoring", "Act world", "Drift world", "TPP", "Performance density", "Effective compute",
    "Distillation", "Open weights", "ECI", "80% interval", "50% interval", "Bootstrap", "CRPS", "PIT",
    "Persistence forecast", "Climatology forecast", "False-positive rate", "Power", "P-value", "Renewal process",
]  # fmt: skip


def test_the_glossary_defines_every_technical_term_with_a_definition():
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((HTML_DIR / "glossary.html").read_text(encoding="utf-8"), "html.parser")
    terms = {}
    for dt in soup.select("dl.glossary dt"):
        dd = dt.find_next_sibling("dd")
        terms[dt.get_text(" ", strip=True).rstrip("¶#").strip()] = dd.get_text(" ", strip=True) if dd else ""
    missing = [t for t in GLOSSARY_TERMS if t not in terms]
    assert not missing, f"glossary lacks {missing}; has {sorted(terms)}"
    assert all(len(terms[t].split()) >= 8 for t in GLOSSARY_TERMS), "a term without a real definition"
    # Rule-based definitions cite the rule.
    for term in ("TPP", "Performance density"):
        assert "BIS" in terms[term] or "FR" in terms[term], term


# --- the bibliography is labelled as the text cites it (issue 16, item 8) -------


def _bibliography_labels() -> dict[str, str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((HTML_DIR / "references.html").read_text(encoding="utf-8"), "html.parser")
    labels = {}
    for citation in soup.select("div.citation"):
        label = citation.select_one("span.label")
        labels[citation["id"]] = label.get_text("", strip=True).removeprefix("[").removesuffix("]")
    return labels


def test_the_bibliography_list_is_labelled_author_year_and_uniquely():
    labels = _bibliography_labels()
    assert len(labels) > 20
    assert len(set(labels.values())) == len(labels), "two entries share a label"
    alpha = [label for label in labels.values() if re.fullmatch(r"[A-Z][A-Za-z]{0,3}\+?\d\d[a-z]?", label)]
    assert not alpha, f"alpha-style labels: {alpha[:5]}"
    assert all(re.search(r", (\d{4}|n\.d\.)[a-z]?$", label) for label in labels.values()), sorted(labels.values())[:5]
    assert not [label for label in labels.values() if "[" in label]


def test_every_citation_in_the_text_reads_as_its_entry_is_labelled():
    from bs4 import BeautifulSoup

    labels = _bibliography_labels()
    checked, wrong = 0, []
    for page in _pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select('a.reference.internal[href*="references.html#"]'):
            target = link["href"].rsplit("#", 1)[-1]
            if target not in labels:
                continue
            text = link.get_text("", strip=True)
            # {cite:p} prints the whole label; {cite:t} prints the author, then the year as the link.
            if text != labels[target] and not labels[target].endswith(", " + text):
                wrong.append(f"{page.name}: {text!r} links to [{labels[target]}]")
            checked += 1
    assert checked > 50
    assert not wrong, wrong[:10]


def test_no_placeholder_title_in_brackets_in_the_list_beyond_the_known_ones():
    from bs4 import BeautifulSoup
    from test_bibliography import BRACKETED_TITLES_LEFT

    soup = BeautifulSoup((HTML_DIR / "references.html").read_text(encoding="utf-8"), "html.parser")
    bracketed = [
        c.get_text(" ", strip=True)
        for c in soup.select("div.citation p")
        if re.search(r"\. \[[^\]]+\]", c.get_text(" ", strip=True))
    ]
    assert len(bracketed) <= len(BRACKETED_TITLES_LEFT), bracketed


def test_chapter_04_typesets_its_model_as_math_not_code():
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((HTML_DIR / "chapters" / "04_two_outcomes_2028.html").read_text(encoding="utf-8"), "html.parser")
    display = [d.get_text() for d in soup.select("div.math")]
    assert any(r"R(\tau)" in d and r"g_s^{-\tau}" in d for d in display), display[:2]
    assert len(soup.select("span.math")) >= 10
    ascii_math = [c.get_text() for c in soup.select("p code") if re.search(r"\w\(t\)\s*=|\^\(-", c.get_text())]
    assert not ascii_math, ascii_math


def test_the_data_page_lists_every_figure_drawn_in_the_book():
    data_page = HTML_DIR / "chapters" / "07_data_sources.html"
    figures = {
        spec["usermeta"]["ailead"]["figure"]
        for page in _chart_pages()
        for spec in _chart_specs(HTML_DIR / page)
        if spec.get("usermeta", {}).get("ailead", {}).get("figure")
    }
    assert figures
    text = data_page.read_text(encoding="utf-8")
    missing = sorted(f for f in figures if f"{f}.json, {f}.svg" not in text)
    assert not missing, f"figures not listed on the data page: {missing}"
