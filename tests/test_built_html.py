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
