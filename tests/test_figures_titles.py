"""Charts of chapters 01-03 in the manner of data publishers (issue 16, item 2 and 3).

Every chart states its finding in a title computed from the data, says what it
measures in a subtitle, has a figure id and exports the data it shows (no
plotting layers), gives each country its colour, fits a phone's column, and
draws no bar on a logarithmic axis. Titles are checked against the values the
same page glues into its prose, so a title and its paragraph cannot disagree.
"""

from __future__ import annotations

import functools
import json
import re

import pandas as pd
import pytest

from ailead import charts, wording
from ailead.chapters import ch01, ch02, ch03
from ailead.figures import controls as control_figures
from ailead.figures import gap as gap_figures

PAGES = {"ch01": ch01.page, "ch02": ch02.page, "ch03": ch03.page}
#: Columns that only place a mark or a label: never part of a tidy download.
DRAWING_COLUMNS = {"tau", "label", "labelled", "label_left", "below", "baseline", "dy", "arrow_end", "lower_bound", "row", "left"}


#: Each chapter's charts, by glue key: listed here so that collecting the
#: tests computes nothing (each test computes, once, what it checks).
CHARTS = {
    "ch01": ["fig_frontiers", "fig_lag", "fig_open_closed", "fig_yardsticks"],
    "ch02": ["ec_fig_ceiling", "ec_fig_chips", "ec_fig_interconnect", "ec_fig_timeline"],
    "ch03": ["dist_fig_exchanges", "dist_fig_costs", "dist_fig_delays", "dist_fig_lag_effect"],
}
KEYS = [(chapter, name) for chapter, names in CHARTS.items() for name in names]
IDS = [f"{chapter}:{name}" for chapter, name in KEYS]


@functools.cache
def _spec(chapter, name):
    return PAGES[chapter]().charts[name].to_dict()


class _Specs:
    """(chapter, name, spec) for every chart, computed when first iterated."""

    def __iter__(self):
        return iter([(chapter, name, _spec(chapter, name)) for chapter, name in KEYS])


SPECS = _Specs()


@pytest.fixture
def spec(chapter, name):
    return _spec(chapter, name)


def _meta(spec):
    return spec["usermeta"]["ailead"]


def _title(chapter, name):
    return _meta(_spec(chapter, name))["title"]


def test_every_chapter_has_its_four_charts():
    assert {chapter: sorted(PAGES[chapter]().charts) for chapter in PAGES} == {c: sorted(n) for c, n in CHARTS.items()}


@pytest.mark.parametrize(("chapter", "name"), KEYS, ids=IDS)
def test_each_chart_has_a_finding_title_a_subtitle_and_a_figure_id(chapter, name, spec):
    meta = _meta(spec)
    assert meta["title"].strip() and meta["subtitle"].strip()
    assert meta["title"] != meta["subtitle"]
    assert charts.FIGURE_ID.match(meta["figure"]), meta["figure"]
    assert meta["figure"].startswith(f"fig-{chapter[2:]}-")
    assert spec["title"]["orient"] == "top"
    # The source line stays with the chart (the book prints it at its foot).
    assert meta["source"].strip()


def test_figure_ids_are_unique():
    ids = [_meta(spec)["figure"] for _, _, spec in SPECS]
    assert len(ids) == len(set(ids)), ids


@pytest.mark.parametrize(("chapter", "name"), KEYS, ids=IDS)
def test_the_tidy_data_has_its_columns_and_units_and_no_drawing_columns(chapter, name, spec):
    meta = _meta(spec)
    tidy = meta["tidy"]
    rows = spec["datasets"][tidy["dataset"]] if "dataset" in tidy else tidy["values"]
    assert rows, "a tidy download with no rows"
    columns = tidy["columns"]
    assert all(set(row) <= set(columns) for row in rows)
    assert set(meta["units"]) <= set(columns)
    assert not set(columns) & DRAWING_COLUMNS, set(columns) & DRAWING_COLUMNS


def _walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


@pytest.mark.parametrize(("chapter", "name"), KEYS, ids=IDS)
def test_no_chart_has_a_fixed_pixel_width_or_a_label_at_a_fixed_pixel(chapter, name, spec):
    assert spec.get("width") == "container"
    for node in _walk({k: v for k, v in spec.items() if k != "datasets"}):
        assert not isinstance(node.get("width"), (int, float)), f"{name}: fixed width {node['width']}"
        for channel in ("x", "x2"):
            value = node.get(channel, {}).get("value") if isinstance(node.get(channel), dict) else None
            # 0 is the left edge and "width" the right: both follow the column.
            assert value in (None, 0, "width"), f"{name}: {channel} fixed at {value} px"


@pytest.mark.parametrize(("chapter", "name"), KEYS, ids=IDS)
def test_no_bar_is_drawn_on_a_logarithmic_axis(chapter, name, spec):
    for node in _walk({k: v for k, v in spec.items() if k != "datasets"}):
        mark = node.get("mark")
        kind = mark.get("type") if isinstance(mark, dict) else mark
        if kind != "bar":
            continue
        for channel in ("x", "y"):
            scale = (node.get("encoding", {}).get(channel) or {}).get("scale") or {}
            assert scale.get("type") != "log", f"{name}: bars on a log {channel} axis"


@pytest.mark.parametrize(("chapter", "name"), KEYS, ids=IDS)
def test_each_country_keeps_its_colour_and_no_other_series_borrows_it(chapter, name, spec):
    country_colours = {c.lower() for c in charts.COUNTRY_COLORS.values()}
    for node in _walk({k: v for k, v in spec.items() if k != "datasets"}):
        scale = node.get("scale")
        if not (isinstance(scale, dict) and isinstance(scale.get("domain"), list) and isinstance(scale.get("range"), list)):
            continue
        for series, colour in zip(scale["domain"], scale["range"]):
            if not isinstance(colour, str) or not colour.startswith("#"):
                continue
            if series in charts.COUNTRY_COLORS:
                assert colour.lower() == charts.COUNTRY_COLORS[series].lower(), f"{name}: {series} drawn {colour}"
            elif series == gap_figures.COUNTRY_LAG:
                assert colour.lower() == charts.COUNTRY_COLORS[charts.CHINA].lower()
            elif series not in ("tighten",):  # direction colours are the book's shared scale
                assert colour.lower() not in country_colours - {charts.COUNTRY_COLORS[charts.OTHER].lower()}, (
                    f"{name}: {series!r} drawn in a country's colour {colour}"
                )


# --- titles say what the page's prose says ----------------------------------------


def test_ch01_lag_title_states_the_glued_latest_lag_and_its_date():
    values = ch01.page().values
    title = _title("ch01", "fig_lag")
    assert f"by {values['lag_latest']:.1f} months on {wording.long_date(values['data_end'])}" in title
    assert wording.position(values["lag_latest"], 12, 24) in title


def test_ch01_frontier_title_says_the_us_stayed_ahead_only_when_the_lag_never_reached_zero():
    values = ch01.page().values
    title = _title("ch01", "fig_frontiers")
    assert ("stayed ahead" in title) == (values["lag_min"] > 0)
    assert wording.month(values["window_start"]) in title


def test_ch01_open_closed_title_states_the_glued_share_of_days():
    values = ch01.page().values
    assert f"on {values['oc_within3']:.0f}% of days" in _title("ch01", "fig_open_closed")


def test_ch01_yardstick_title_spans_the_published_values_in_months():
    rows = pd.read_csv("data/gap_yardsticks.csv")
    months = rows[rows["unit"] == "months"]
    central = months["value"].fillna(months["value_low"]).tolist() + months["value"].fillna(months["value_high"]).tolist()
    assert f"{min(central):g} to {max(central):g} months" in _title("ch01", "fig_yardsticks")


def test_ch02_titles_state_the_glued_ceiling_and_action_counts():
    values = ch02.page().values
    ceiling = _title("ch02", "ec_fig_ceiling")
    assert ch02.page().plain_values()["ec_end_date"] in ceiling and f"the {values['ec_latest_legal']}," in ceiling
    assert f"{values['ec_latest_tpp_pct']:.0f}%" in ceiling and values["ec_latest_leader"] in ceiling
    timeline = _title("ch02", "ec_fig_timeline")
    for administration in ("biden", "trump"):
        counts = {d: values[f"ec_{administration}_{d}"] for d in ("tighten", "loosen", "enforce")}
        top = max(counts, key=counts.get)
        assert f"{wording.PAST_TENSE[top]}" in timeline
        assert f"({counts[top]} of {sum(counts.values())})" in timeline


def test_ch02_chip_title_names_the_legal_chips_in_order():
    title = _title("ch02", "ec_fig_chips")
    values = ch02.page().values
    positions = [title.index(chip) for chip in ("A800", "H800", "H20", values["ec_latest_legal"])]
    assert positions == sorted(positions)


def test_ch03_titles_state_the_glued_median_delay_costs_and_lag_effect():
    values = ch03.page().values
    assert f"median {values['dist_delay_median']:.1f} months" in _title("ch03", "dist_fig_delays")
    effect = _title("ch03", "dist_fig_lag_effect")
    assert f"a {values['dist_claimed_low']:g}-month lag to {values['dist_lag_after_central']:.1f} months" in effect
    assert f"give back {values['dist_restored_central']:.1f} months" in effect
    assert f"${values['dist_feb_cost_central_m']:.1f} million" in _title("ch03", "dist_fig_costs")
    assert wording.count(values["dist_n_with_counts"], "reported campaign") in _title("ch03", "dist_fig_exchanges")


# --- the faults named in the issue ---------------------------------------------------


def _layers(spec):
    return [node for node in _walk(spec.get("layer", [])) if "mark" in node]


def test_ch01_open_weights_chart_draws_china_vermillion_on_top_of_the_wider_grey_line():
    spec = ch01.page().charts["fig_open_closed"].to_dict()
    lines = [
        layer
        for layer in _layers(spec)
        if (layer["mark"].get("type") if isinstance(layer["mark"], dict) else layer["mark"]) == "line"
    ]
    filters = [json.dumps(layer.get("transform", [])) for layer in lines]
    china = next(i for i, f in enumerate(filters) if gap_figures.COUNTRY_LAG in f)
    open_weights = next(i for i, f in enumerate(filters) if gap_figures.OPEN_LAG in f)
    assert china > open_weights, "China's line must be drawn after (over) the other"
    assert lines[open_weights]["mark"]["strokeWidth"] > lines[china]["mark"]["strokeWidth"]
    scale = lines[china]["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"]))[gap_figures.COUNTRY_LAG] == charts.COUNTRY_COLORS[charts.CHINA]


def test_ch01_frontier_chart_names_only_the_countries_and_puts_them_on_opposite_sides():
    spec = ch01.page().charts["fig_frontiers"].to_dict()
    texts = [
        layer
        for layer in _layers(spec)
        if (layer["mark"].get("type") if isinstance(layer["mark"], dict) else layer["mark"]) == "text"
    ]
    assert len(texts) == 2
    assert sorted(layer["mark"]["dy"] > 0 for layer in texts) == [False, True]


def test_end_labels_put_the_higher_line_above_and_the_others_below():
    last = pd.DataFrame({"name": ["a", "b"], "value": [1.0, 1.2], "date": ["2026-01-01", "2026-01-01"]})
    labels = gap_figures.end_labels(last, "value", "name").set_index("name")
    assert labels.at["b", "dy"] < 0 < labels.at["a", "dy"]


def test_ch03_exchanges_are_dots_with_a_dashed_arrow_per_lower_bound():
    spec = ch03.page().charts["dist_fig_exchanges"].to_dict()
    kinds = [layer["mark"]["type"] for layer in _layers(spec)]
    assert "bar" not in kinds and "point" in kinds
    rows = next(iter(spec["datasets"].values()))
    assert all(row["arrow_end"] > row["exchanges"] for row in rows if row["lower_bound"])


def test_chips_that_would_overprint_share_one_label():
    chips = pd.DataFrame(
        {
            "chip": ["B200", "GB200", "GB300", "H100", "X"],
            "country": [charts.US] * 4 + [charts.CHINA],
            "tpp": [36000.0, 40000.0, 60000.0, 15832.0, 40000.0],
            "bandwidth": [8.0, 8.0, 8.0, 3.35, 8.0],
        }
    )
    out = control_figures.with_cluster_labels(chips, "bandwidth", 0.1).set_index("chip")
    assert out.at["B200", "label"] == "B200 / GB200 / GB300" and out.at["B200", "labelled"]
    assert not out.at["GB200", "labelled"] and not out.at["GB300", "labelled"]
    # Another row, or another country, is another label.
    assert out.at["H100", "label"] == "H100" and out.at["X", "label"] == "X"
    assert out.at["GB300", "label_left"] and not out.at["H100", "label_left"]


def test_both_chip_charts_draw_their_chips_with_the_one_helper():
    marks = []
    for name in ("ec_fig_chips", "ec_fig_interconnect"):
        spec = ch02.page().charts[name].to_dict()
        points = [
            layer["mark"] for layer in _layers(spec) if isinstance(layer["mark"], dict) and layer["mark"]["type"] == "point"
        ]
        marks.append([m for m in points if m.get("size") == 90])
    assert marks[0] and marks[0][0] == marks[1][0]


# --- titles fit a phone's column ------------------------------------------------------


def _drawn_title_lines(spec: dict, width: int) -> list[str]:
    """The title lines Vega draws in a column ``width`` pixels wide."""
    import vl_convert

    text = json.dumps(spec).replace('"width": "container"', f'"width": {width}').replace("containerSize()[0]", str(width))
    svg = vl_convert.vegalite_to_svg(json.loads(text))
    title = re.search(r'<g class="mark-group role-title".*?</g></g>', svg, flags=re.S)
    assert title, "no title in the SVG"
    return [re.sub(r"<[^>]+>", "", line) for line in re.findall(r"<tspan[^>]*>(.*?)</tspan>", title.group(0))] or re.findall(
        r">([^<>]+)</text>", title.group(0)
    )


def _split(lines: list[str], title: str) -> tuple[list[str], list[str]]:
    """The drawn lines cut into the title's and the subtitle's."""
    words = title.split()
    for n in range(1, len(lines) + 1):
        if " ".join(lines[:n]).split() == words:
            return lines[:n], lines[n:]
    raise AssertionError(f"the drawn lines {lines} do not start with the title {title!r}")


def test_a_long_title_is_drawn_in_shorter_lines_in_a_phone_column():
    spec = ch01.page().charts["fig_lag"].to_dict()
    meta = _meta(spec)
    wide, _ = _split(_drawn_title_lines(spec, 620), meta["title"])
    narrow, subtitle = _split(_drawn_title_lines(spec, 360), meta["title"])
    assert len(narrow) > len(wide)
    # 15 px bold type is about 8.4 px a character, 12 px type about 6.5: both within 360 px.
    assert max(len(line) for line in narrow) * charts.TITLE_CHARACTER_PX <= 360
    assert subtitle and max(len(line) for line in subtitle) * 6.5 <= 360
    assert " ".join(subtitle).split() == meta["subtitle"].split()


def test_fit_title_leaves_an_untitled_chart_alone():
    import altair as alt

    chart = charts.finish(alt.Chart(pd.DataFrame({"x": [1]})).mark_point(), source="s", description="d")
    assert charts.fit_title(chart).to_dict()["title"] == chart.to_dict()["title"]


# --- the title writers' other branches ------------------------------------------------


def test_title_writers_say_the_opposite_when_the_data_do():
    assert "matched or passed" in wording.frontier_title(0.0, "2023-06-01")
    assert "stayed ahead" in wording.frontier_title(0.5, "2023-06-01")
    assert "within the 12 to 24 months" in wording.lag_title(13.04, "2026-04-16", 12, 24)
    assert "13.0 months" in wording.lag_title(13.04, "2026-04-16", 12, 24)
    assert "often parted from" in wording.open_closed_title(40)
    assert "all short" not in wording.yardstick_title(3, 14)
    assert "all short of the 12 months" in wording.yardstick_title(3, 8)
    assert (
        wording.ceiling_title("2026-06-29", None, "GB300", None)
        == "On 29 June 2026 no listed chip could legally be sold to China"
    )
    assert (
        wording.chip_path_title(["H20"], "Apr 2024", "Apr 2024")
        == "The best chip China could legally buy stayed the H20 from Apr 2024"
    )
    assert " through " not in wording.chip_path_title(["A800", "H200"], "Nov 2022", "Mar 2026")


def test_the_actions_title_weighs_each_administrations_majority():
    totals = pd.DataFrame(
        {"tighten": [8, 3, 2], "loosen": [0, 9, 2], "enforce": [0, 4, 3]}, index=pd.Index(["A", "B", "C"], name="administration")
    )
    title = wording.actions_title(totals)
    assert title.startswith("A's executive actions tightened chip exports to China (8 of 8)")
    assert "B's mostly loosened them (9 of 16)" in title
    # 3 of 7 is the largest share but no majority.
    assert "C's most often enforced the export rules (3 of 7)" in title
