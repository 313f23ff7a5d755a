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

    def guard(route):
        url = route.request.url
        if urlparse(url).scheme in {"data", "blob"} or urlparse(url).netloc == local_host:
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    tab.route("**/*", guard)
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
