"""The explorer of chapter 04 and the width of the chapter 04 and 05 charts, in Chromium.

The readout follows a moved slider, the reset and act-world buttons set the
sliders, readers without JavaScript get a text about the still
image, and on a phone every drawn chart of the two chapters is no wider than
its column (so nothing is scaled down or cut off).
"""

from __future__ import annotations

import pytest

from ailead import scenarios as sc
from ailead.figures.scenarios import READER_LINE

from .test_pages import PHONE, _wait_for_charts, browser, site  # noqa: F401

PAGE = "chapters/04_two_outcomes_2028.html"
READOUT = (
    f"[...document.querySelectorAll('div.ailead-vega text')].map(t => t.textContent).find(t => t.startsWith('{READER_LINE},'))"
)


def _explorer(tab):
    return tab.locator("div.ailead-vega", has=tab.locator("input[name='sc_legal']"))


def _december(name: str) -> str:
    return f"{READER_LINE}, December 2028: {sc.central_path(sc.load()[name]).iloc[-1]:.1f} months"


def _readout(tab) -> str:
    return tab.evaluate(f"() => {READOUT}")


def _set_slider(tab, name: str, value: float) -> None:
    tab.evaluate(
        "([name, value]) => { const el = document.querySelector(`input[name='${name}']`);"
        " el.value = value; el.dispatchEvent(new Event('input', {bubbles: true})); }",
        [name, value],
    )


@pytest.mark.slow
def test_the_readout_follows_the_sliders_and_the_reset_restores_them(site, browser):  # noqa: F811
    tab = browser.new_page()
    tab.goto(f"{site}/{PAGE}", wait_until="load")
    _wait_for_charts(tab)
    explorer = _explorer(tab)
    assert explorer.count() == 1
    tab.wait_for_function(f"() => !!({READOUT})", timeout=10_000)
    assert _readout(tab) == _december("drift")
    legal = tab.locator("input[name='sc_legal']")
    stated = str(sc.slider_values(sc.load()["drift"])["sc_legal"])
    assert legal.input_value() == stated  # the browser did not round it to the step
    _set_slider(tab, "sc_legal", 0.0)
    tab.wait_for_function(f"() => ({READOUT}) !== {_december('drift')!r}", timeout=5_000)
    moved = _readout(tab)
    assert moved != _december("drift")
    explorer.get_by_role("button", name="Reset the sliders").click()
    tab.wait_for_function(f"() => ({READOUT}) === {_december('drift')!r}", timeout=5_000)
    assert legal.input_value() == stated
    # The act world's values, then the starting (drift) values again.
    explorer.get_by_role("button", name="Set the sliders to the act world").click()
    tab.wait_for_function(f"() => ({READOUT}) === {_december('act')!r}", timeout=5_000)
    assert float(legal.input_value()) == sc.slider_values(sc.load()["act"])["sc_legal"]
    explorer.get_by_role("button", name="Reset the sliders").click()
    tab.wait_for_function(f"() => ({READOUT}) === {_december('drift')!r}", timeout=5_000)
    tab.close()


@pytest.mark.slow
def test_without_javascript_the_text_describes_the_still_image(site, browser):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{site}/{PAGE}", wait_until="load")
    note = tab.locator(".ailead-no-js")
    assert note.count() == 1 and note.is_visible()
    assert "still image" in note.inner_text()
    context.close()
    tab = browser.new_page()
    tab.goto(f"{site}/{PAGE}", wait_until="load")
    assert not tab.locator(".ailead-no-js").is_visible()
    tab.close()


@pytest.mark.slow
@pytest.mark.parametrize("page", [PAGE, "chapters/05_dissenting_view.html"])
@pytest.mark.parametrize("width", [360, PHONE["width"], 620])
def test_every_drawn_chart_fits_its_column(page, width, site, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
    tab = context.new_page()
    tab.goto(f"{site}/{page}", wait_until="load")
    _wait_for_charts(tab)
    tab.wait_for_timeout(300)
    sizes = tab.evaluate(
        "() => [...document.querySelectorAll('div.ailead-vega')].map(el => {"
        " const svg = el.querySelector('svg'); return [svg.getAttribute('width') * 1, el.clientWidth,"
        " (el.closest('.ailead-chart').getAttribute('aria-label') || '').slice(0, 50)]; })"
    )
    assert sizes
    wide = [(drawn, column, name) for drawn, column, name in sizes if drawn > column + 1]
    assert not wide, f"{page} at {width} px: charts wider than their column: {wide}"
    context.close()
