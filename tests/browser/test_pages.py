"""Every page of the built book in a real browser (Debian's Chromium, headless).

Serves ``_build/html`` on a loopback port and, for each page, checks that the
console stays free of errors, that every chart container holds a rendered SVG
or canvas, and that no request leaves the local server. Saves a screenshot of
each page under ``_build/screenshots/`` and writes the page weights and chart
render times to ``_build/browser-report.json``.

Without Chromium the tests skip locally (with how to install it); under CI
(``CI`` set) a missing browser is a failure.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import threading
import time
from urllib.parse import urlparse

import pytest
from conftest import REPO

HTML_DIR = REPO / "_build" / "html"
SHOTS = REPO / "_build" / "screenshots"
REPORT = REPO / "_build" / "browser-report.json"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _require_browser() -> str:
    path = _chromium()
    if path is None:
        message = "Chromium not found: install it with `apt-get install chromium` to run the browser tests"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:  # pragma: no cover - it is pinned in requirements.txt
        pytest.fail("playwright is missing from the environment")
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    if not (HTML_DIR / "index.html").is_file():
        pytest.fail("no built book in _build/html: run `make book` first")
    handler = functools.partial(_QuietHandler, directory=str(HTML_DIR))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    executable = _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def _pages() -> list[str]:
    pages = []
    for path in sorted(HTML_DIR.rglob("*.html")):
        relative = path.relative_to(HTML_DIR).as_posix()
        if relative.startswith(("_static/", "_sources/")) or relative in {"genindex.html", "search.html"}:
            continue
        pages.append(relative)
    return pages


PAGES = _pages() if (HTML_DIR / "index.html").is_file() else ["index.html"]
_measurements: dict[str, dict] = {}


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_offline_without_errors(page, site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    local_host = urlparse(site).netloc
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.route("**/*", _local_only(local_host, foreign))
    # Page weight: everything the page itself fetched, shared _static assets
    # (the theme, the Vega bundle) counted once in the report instead.
    own_bytes: list[int] = []

    def weigh(response):
        path = urlparse(response.url).path
        if urlparse(response.url).netloc == local_host and "/_static/" not in path:
            try:
                own_bytes.append(len(response.body()))
            except Exception:  # a redirect or aborted response has no body
                pass

    tab.on("response", weigh)
    started = time.perf_counter()
    tab.goto(f"{site}/{page}", wait_until="load")
    charts = tab.locator("div.ailead-vega").count()
    if charts:
        tab.wait_for_function(
            "() => [...document.querySelectorAll('div.ailead-vega')].every(el => el.querySelector('svg, canvas'))",
            timeout=30_000,
        )
    rendered_after = time.perf_counter() - started
    drawn = tab.locator("div.ailead-vega svg, div.ailead-vega canvas").count()
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / (page.replace("/", "__").removesuffix(".html") + ".png")), full_page=True)
    context.close()

    _measurements[page] = {
        "html_bytes": (HTML_DIR / page).stat().st_size,
        "page_bytes_without_shared_static": sum(own_bytes),
        "charts": charts,
        "seconds_until_charts_rendered": round(rendered_after, 3),
        "external_requests": len(foreign),
    }
    REPORT.write_text(json.dumps(_report(), indent=2) + "\n")
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not errors, f"console errors: {errors}"
    assert drawn >= charts


def _report() -> dict:
    bundle = HTML_DIR / "_static" / "vega-bundle.js"
    return {
        "vega_bundle_bytes": bundle.stat().st_size if bundle.exists() else None,
        "pages": dict(sorted(_measurements.items())),
    }


CHART_PAGES = (
    [p for p in PAGES if p.startswith("chapters/") and "ailead-vega-spec" in (HTML_DIR / p).read_text(encoding="utf-8")]
    if (HTML_DIR / "index.html").is_file()
    else []
)


@pytest.mark.slow
@pytest.mark.parametrize("page", CHART_PAGES[:1])
def test_readers_without_javascript_get_the_static_images(page, site, browser):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{site}/{page}", wait_until="load")
    images = tab.locator(".ailead-static img")
    assert images.count() == tab.locator("script.ailead-vega-spec").count() > 0
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        assert image.is_visible()
        tab.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle(), timeout=10_000)
    assert not tab.locator("div.ailead-chart").first.is_visible()
    context.close()


@pytest.mark.slow
@pytest.mark.parametrize("page", CHART_PAGES[:1])
def test_printing_keeps_the_drawn_charts_and_drops_their_menus(page, site, browser):
    tab = browser.new_page()
    tab.goto(f"{site}/{page}", wait_until="load")
    tab.wait_for_selector("div.ailead-vega svg")
    tab.emulate_media(media="print")
    assert tab.locator("div.ailead-vega svg").first.is_visible()
    assert not tab.locator(".ailead-chart-downloads").first.is_visible()
    tab.close()


# --- issue 16: phone width, math, dark mode, the PDF ---------------------------

PHONE = {"width": 390, "height": 844}


def _wait_for_charts(tab):
    if tab.locator("div.ailead-vega").count():
        tab.wait_for_function(
            "() => [...document.querySelectorAll('div.ailead-vega')].every(el => el.querySelector('svg, canvas'))",
            timeout=30_000,
        )


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_no_page_scrolls_sideways_on_a_phone(page, site, browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(f"{site}/{page}", wait_until="load")
    _wait_for_charts(tab)
    tab.wait_for_timeout(300)  # Vega re-measures "container" widths after layout
    width = tab.evaluate("() => document.documentElement.scrollWidth")
    wide = tab.evaluate(
        """() => [...document.querySelectorAll('.bd-article *')]
              .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
              .filter(el => !el.closest('table.ailead-table, pre, .highlight, .MathJax, mjx-container'))
              .slice(0, 5).map(el => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right))"""
    )
    context.close()
    assert width <= PHONE["width"], f"{page} is {width} px wide at {PHONE['width']} px; widest: {wide}"


@pytest.mark.slow
def test_reader_tables_scroll_inside_their_own_box_on_a_phone(site, browser):
    pages = [p for p in PAGES if "ailead-table" in (HTML_DIR / p).read_text(encoding="utf-8")]
    assert pages
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    tab = context.new_page()
    checked = 0
    for page in pages:
        tab.goto(f"{site}/{page}", wait_until="load")
        boxes = tab.evaluate(
            """() => [...document.querySelectorAll('table.ailead-table')].map(t => {
                 const r = t.getBoundingClientRect(), s = getComputedStyle(t);
                 return {right: r.right, overflow: s.overflowX, scroll: t.scrollWidth, client: t.clientWidth};
               })"""
        )
        for box in boxes:
            checked += 1
            assert box["right"] <= PHONE["width"] + 1, f"{page}: a table sticks out of the page ({box})"
            if box["scroll"] > box["client"]:
                assert box["overflow"] in ("auto", "scroll"), f"{page}: a wide table does not scroll ({box})"
    context.close()
    assert checked


@pytest.mark.slow
def test_reader_tables_fit_their_column_on_a_desktop(site, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    tab = context.new_page()
    offenders = []
    for page in [p for p in PAGES if "ailead-table" in (HTML_DIR / p).read_text(encoding="utf-8")]:
        tab.goto(f"{site}/{page}", wait_until="load")
        offenders += [
            f"{page}: {box}"
            for box in tab.evaluate(
                """() => [...document.querySelectorAll('table.ailead-table')].map(t => {
                     const column = t.closest('.bd-article, article, main').getBoundingClientRect();
                     return {right: Math.round(t.getBoundingClientRect().right), column: Math.round(column.right),
                             content: Math.round(t.scrollWidth), width: Math.round(column.width)};
                   }).filter(b => b.right > b.column + 1 || b.content > b.width + 1)"""
            )
        ]
    context.close()
    assert not offenders, offenders


def _local_only(local_host: str, foreign: list[str]):
    """A route handler that lets through only the local server (and data:, blob:)."""

    def guard(route):
        url = route.request.url
        if urlparse(url).scheme in {"data", "blob"} or urlparse(url).netloc == local_host:
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    return guard


MATH_PAGES = (
    [p for p in PAGES if 'class="math' in (HTML_DIR / p).read_text(encoding="utf-8")]
    if (HTML_DIR / "index.html").is_file()
    else []
)


@pytest.mark.slow
def test_math_is_typeset_offline(site, browser):
    assert MATH_PAGES, "no page with math (the glossary has an equation)"
    for page in MATH_PAGES:
        context = browser.new_context()
        tab = context.new_page()
        foreign: list[str] = []
        tab.route("**/*", _local_only(urlparse(site).netloc, foreign))
        tab.goto(f"{site}/{page}", wait_until="load")
        expected = tab.locator("span.math, div.math").count()
        tab.wait_for_function("n => document.querySelectorAll('mjx-container').length >= n", arg=expected, timeout=20_000)
        # Typeset: no raw TeX delimiters left, and each formula drawn with glyphs.
        assert tab.locator("mjx-container mjx-math").count() >= expected
        raw = tab.evaluate("() => [...document.querySelectorAll('span.math, div.math')].map(e => e.innerText).join(' ')")
        assert "\\(" not in raw and "\\[" not in raw and "\\frac" not in raw
        context.close()
        assert not foreign, f"{page}: requests to other hosts: {foreign}"


def _luminance(css_colour: str) -> tuple[float, float]:
    """(relative luminance, alpha) of an rgb()/rgba() colour."""
    parts = [float(v) for v in css_colour[css_colour.index("(") + 1 : css_colour.index(")")].replace("/", ",").split(",")]
    r, g, b = parts[:3]
    alpha = parts[3] if len(parts) > 3 else 1.0
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255, alpha


@pytest.mark.slow
@pytest.mark.parametrize("page", CHART_PAGES[:2])
def test_charts_stay_legible_in_dark_mode(page, site, browser):
    context = browser.new_context(color_scheme="dark")
    tab = context.new_page()
    # The theme's own switch: pydata-sphinx-theme reads the mode from localStorage.
    tab.add_init_script("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")
    tab.goto(f"{site}/{page}", wait_until="load")
    _wait_for_charts(tab)
    assert tab.evaluate("() => document.documentElement.dataset.theme") == "dark"
    page_bg, _ = _luminance(tab.evaluate("() => getComputedStyle(document.body).backgroundColor"))
    assert page_bg < 0.3, "the page did not switch to dark mode"
    backgrounds = tab.evaluate(
        "() => [...document.querySelectorAll('div.ailead-vega')].map(el => getComputedStyle(el).backgroundColor)"
    )
    assert backgrounds
    for colour in backgrounds:
        light, alpha = _luminance(colour)
        assert alpha > 0.9 and light > 0.9, f"a chart sits on {colour} in dark mode"
    context.close()


PDF = HTML_DIR / "book.pdf"


def _toc_pages() -> list[str]:
    import yaml

    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part.get("chapters", [])]
    return files


def _title(docname: str) -> str:
    from bs4 import BeautifulSoup

    built = HTML_DIR / (docname + ".html")
    heading = BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser").select_one("article h1, main h1, h1")
    return " ".join(heading.get_text(" ", strip=True).replace("#", "").split())


@pytest.mark.slow
def test_the_pdf_holds_every_chapter_in_order_with_version_and_no_code_bars():
    _require_browser()  # the PDF is printed by Chromium; without it `make book` skips it
    assert PDF.is_file() and PDF.stat().st_size > 0, "no _build/html/book.pdf: `make book` prints it"
    assert PDF.stat().st_mtime >= (HTML_DIR / "index.html").stat().st_mtime - 600, "the PDF is older than the HTML book"
    from pypdf import PdfReader

    reader = PdfReader(str(PDF))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    flat = text.replace("- ", "-")
    titles = [_title(doc) for doc in _toc_pages()]
    assert len(titles) == len(_toc_pages()) == len(set(titles))
    # The introduction ends with the contents list (every later title, in
    # order); each chapter then opens with its title, in the same order.
    # Search from the end of the contents list, each title after the last.
    position = 0
    for title in titles[1:]:
        position = flat.find(title, position)
        assert position >= 0, f"the contents list lacks {title!r}"
        position += len(title)
    for title in titles[1:]:
        found = flat.find(title, position)
        assert found >= 0, f"the PDF lacks the chapter {title!r}, or it is out of order"
        position = found + len(title)
    from ailead import publish

    assert publish.footer_note() in flat, "the PDF does not carry the version and data date"
    assert "Show code cell" not in flat
    # Charts print as their static SVG: the PDF build links the print sheet.
    single = REPO / "_build" / "pdf" / "_build" / "singlehtml" / (_toc_pages()[0] + ".html")
    assert "ailead-pdf.css" in single.read_text(encoding="utf-8")
