"""Every chapter's prose checks hold and its glued values match the reviewed
record in tests/golden/ (regenerate with ``make golden`` after a deliberate change)."""

from __future__ import annotations

import json

import pytest

from ailead.chapters import CHAPTERS, ProseCheckError, golden, load

BUILT = [c for c in CHAPTERS if golden.path(c).exists()]


@pytest.mark.parametrize("chapter", BUILT)
def test_prose_checks_hold(chapter):
    page = load(chapter).page()
    assert page.failed_checks() == []


@pytest.mark.parametrize("chapter", BUILT)
def test_glued_values_match_golden(chapter):
    expected = json.loads(golden.path(chapter).read_text(encoding="utf-8"))
    moved = golden.differences(expected, golden.current(chapter))
    assert not moved, "glued values moved (run `make golden` if intended):\n" + "\n".join(moved)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(golden.EXTRA_PAGES))
def test_extra_pages_hold_their_checks_and_match_golden(name):
    page = golden.page_of(name)
    assert page.failed_checks() == []
    expected = json.loads(golden.path(name).read_text(encoding="utf-8"))
    moved = golden.differences(expected, golden.current(name))
    assert not moved, "glued values moved (run `make golden` if intended):\n" + "\n".join(moved)


def test_golden_differences_report_moves_and_keys():
    assert golden.differences({"a": 1.0, "b": "x"}, {"a": 1.0 + 1e-12, "b": "x"}) == []
    moved = golden.differences({"a": 1.0, "b": "x", "gone": 1}, {"a": 1.01, "b": "y", "new": 2})
    assert moved == ["a: 1.0 -> 1.01", "b: 'x' -> 'y'", "gone: missing now (was 1)", "new: new value 2"]


def test_failed_prose_check_stops_the_glue():
    from ailead.chapters import Page

    page = Page("chx")
    page.check("the lead is positive", False)
    page.check("the data has rows", True)
    with pytest.raises(ProseCheckError, match="the lead is positive"):
        page.glue()


def test_a_glue_key_cannot_be_set_twice():
    from ailead.chapters import Page

    page = Page("chx")
    page.add(x=1)
    with pytest.raises(KeyError, match="set twice"):
        page.add(x=2)


def test_the_figure_list_names_every_figure_of_every_page_once():
    from ailead.chapters import CHAPTERS, figure_list, load

    listed = figure_list()
    assert listed["figure"].is_unique
    drawn = set()
    for chapter in CHAPTERS:
        module = load(chapter)
        pages = [module.page()] + ([module.evaluation_page()] if hasattr(module, "evaluation_page") else [])
        drawn |= {c.to_dict()["usermeta"]["ailead"].get("figure") for p in pages for c in p.charts.values()}
    assert set(listed["figure"]) == drawn - {None}
    for row in listed.itertuples():
        assert row.files.endswith(f"{row.figure}.json, {row.figure}.svg") and row.title
