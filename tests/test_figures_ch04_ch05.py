"""Charts of chapters 04 and 05 in the manner of data publishers (issue 16, items 2, 3 and 6).

Each chart states its finding in a title whose numbers are the chapter's glued
values, says what it measures in a subtitle, carries a book-wide figure id and
one tidy frame, and fits its column (no fixed pixel width). The explorer has a
legend entry and a live readout for the reader's line, a way back to the
starting values, and sliders whose steps reach every value the chapter states.
"""

from __future__ import annotations

import pytest

from ailead import scenarios as sc
from ailead.chapters import ch04, ch05
from ailead.charts import FIGURE_ID
from ailead.figures import scenarios as figures
from ailead.scenarios.explorer import on_step, reachable_step


@pytest.fixture(scope="module")
def p04():
    return ch04.page()


@pytest.fixture(scope="module")
def e04():
    return ch04.evaluation_page(small=True)


@pytest.fixture(scope="module")
def p05():
    return ch05.page()


def _specs(*pages):
    return {key: chart.to_dict() for page in pages for key, chart in page.charts.items()}


def _meta(spec):
    return spec["usermeta"]["ailead"]


def _title(spec) -> str:
    return _meta(spec)["title"]


def _widths(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "width":
                yield value
            yield from _widths(value)
    elif isinstance(node, list):
        for value in node:
            yield from _widths(value)


def test_every_chart_has_a_title_subtitle_figure_id_and_tidy_columns(p04, e04, p05):
    specs = _specs(p04, e04, p05)
    assert len(specs) == 8  # five in chapter 04, three in chapter 05
    ids = []
    for key, spec in specs.items():
        meta = _meta(spec)
        assert meta["title"].strip() and meta["subtitle"].strip(), key
        assert spec["title"]["orient"] == "top", key
        assert FIGURE_ID.match(meta["figure"]), key
        assert meta["figure"].startswith("fig-04-" if key.startswith("sc_") else "fig-05-"), key
        ids.append(meta["figure"])
        tidy = meta["tidy"]
        rows = tidy["values"] if "values" in tidy else spec["datasets"][tidy["dataset"]]
        assert rows, key
        assert set(tidy["columns"]) == set(rows[0]), key
        # No plotting layer in a download: no helper column of the drawing.
        assert not {"tau", "dy", "label", "side", "align", "order"} & set(tidy["columns"]), key
        for column in meta.get("units", {}):
            assert column in tidy["columns"], key
    assert len(set(ids)) == len(ids)


def test_no_chart_has_a_fixed_pixel_width(p04, e04, p05):
    for key, spec in _specs(p04, e04, p05).items():
        widths = list(_widths(spec))
        assert widths, key
        assert all(w == "container" for w in widths if not isinstance(w, dict)), (key, widths)


def test_chapter_04_titles_state_the_glued_numbers(p04, e04):
    v, specs = p04.values, _specs(p04, e04)
    fan = _title(specs["sc_fig_fan"])
    assert f"{v['sc_act_dec_median']:.1f} months if the US acts" in fan
    assert f"{v['sc_drift_dec_median']:.1f} if not" in fan
    prob = _title(specs["sc_fig_prob"])
    assert f"{v['sc_act_dec_p12']:.0f}% of draws if the US acts" in prob
    assert f"{v['sc_drift_dec_p12']:.0f}% if not" in prob
    ev = e04.values
    coverage = _title(specs["sc_fig_coverage"])
    assert f"in {ev['sc_acc_cover_80']:.0f}% of cases" in coverage
    assert f"50% intervals in {ev['sc_acc_cover_50']:.0f}%" in coverage
    verdict = "about right" if ev["sc_acc_cover_80_holds"] == "yes" else "too"
    assert verdict in coverage
    tornado = _title(specs["sc_fig_tornado"])
    if ev["sc_act_top1_short"] == ev.get("sc_drift_top1_short"):
        assert ev["sc_act_top1_short"] in tornado and "both worlds" in tornado.lower()


def test_chapter_05_titles_state_the_glued_numbers(p05):
    v, specs = p05.values, _specs(p05)
    windows = _title(specs["fig_dis_windows"])
    assert windows.startswith(f"{v['dis_pct_narrowing']:.0f}% of windows read as narrowing")
    assert f"{v['dis_pct_widening']:.0f}% as widening" in windows
    sticks = _title(specs["fig_dis_yardsticks"])
    assert f"In {v['dis_arena_last_month']}" in sticks
    assert f"{v['dis_arena_last']:.1f}% apart on Arena" in sticks
    assert f"{v['dis_lag_last']:.1f} months apart" in sticks
    layers = _title(specs["fig_dis_layers"])
    assert f"{v['dis_current_lag']:.1f} months" in layers and f"{v['dis_compute_ratio']:.1f} times" in layers


def test_no_line_of_the_chances_chart_is_flat_and_the_dropped_ones_are_named(p04):
    spec = _specs(p04)["sc_fig_prob"]
    rows = _meta(spec)["tidy"]["values"]
    series = {(r["world"], r["lead"]) for r in rows}
    for world, lead in series:
        peak = max(r["share_of_draws"] for r in rows if (r["world"], r["lead"]) == (world, lead))
        assert peak >= figures.VISIBLE_SHARE, (world, lead)
    sims = ch04.simulations()
    for name in ch04.WORLDS:
        probs = sc.lag_probabilities(sims[name])
        for t in sc.THRESHOLDS:
            drawn = (figures.SCENARIO_LABELS[name], f"{t} months or more") in series
            flat = probs.loc[probs["threshold"] == t, "probability"].max() < figures.VISIBLE_SHARE
            assert drawn != flat
            if flat:
                assert f"{name} world, {t} months or more" in _meta(spec)["subtitle"]


def test_the_worlds_keep_one_colour_each_and_no_country_colour():
    from ailead.charts import COUNTRY_COLORS

    assert len(set(figures.SCENARIO_COLORS.values())) == 2
    assert not set(figures.SCENARIO_COLORS.values()) & set(COUNTRY_COLORS.values())


def test_coverage_axis_labels_are_in_horizon_order_and_singular_for_one_month(e04):
    spec = _specs(e04)["sc_fig_coverage"]
    line = next(layer for layer in spec["layer"] if "field" in layer["encoding"].get("x", {}))
    assert line["encoding"]["x"]["sort"] == ["1 month", "3 months", "6 months", "12 months"]
    assert line["encoding"]["x"]["axis"]["labelAngle"] == 0


# --- the explorer -----------------------------------------------------------------------


def test_reachable_step_keeps_the_preferred_step_when_it_can():
    assert reachable_step(0.005, 0.0, [0.01, 0.1]) == 0.005
    assert reachable_step(0.1, 1.5, [3.3, 4.5]) == 0.1


def test_reachable_step_refines_until_a_stated_value_is_on_the_grid():
    # 0.096 on a 0.005 grid would show as 0.095: the browser rounds to the step.
    assert not on_step(0.096, 0.0, 0.005)
    assert reachable_step(0.005, 0.0, [0.096, 0.04]) == 0.001
    with pytest.raises(ValueError, match="no step"):
        reachable_step(0.1, 0.0, [0.123456789])


def _explorer(p04):
    return _specs(p04)["sc_fig_explore"]


def test_every_slider_reaches_the_values_the_chapter_states(p04):
    spec = _explorer(p04)
    worlds = sc.load()
    stated = {name: sc.slider_values(worlds[name]) for name in ch04.WORLDS}
    ranges = [p for p in spec["params"] if p.get("bind", {}).get("input") == "range"]
    assert len(ranges) == len(sc.SLIDER_NAMES)
    for param in ranges:
        bind = param["bind"]
        assert param["value"] == pytest.approx(stated["drift"][param["name"]])
        for name in ch04.WORLDS:
            assert on_step(stated[name][param["name"]], bind["min"], bind["step"]), (param["name"], name)
    # The act settings the prose lists are printed without rounding.
    v = p04.values
    for key, fmt in (("sc_act_legal", ".3f"), ("sc_act_smuggled", ".3f"), ("sc_act_offshore", ".3f"), ("sc_act_distil", ".2f")):
        assert float(format(v[key], fmt)) == pytest.approx(v[key])


def _scenegraph_texts(spec, settings=None):
    import vl_convert

    spec = dict(spec)
    spec["params"] = [{**p, "value": (settings or {}).get(p["name"], p["value"])} for p in spec["params"]]
    texts = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("marktype") == "text":
                texts.extend(str(item.get("text", "")) for item in node.get("items", []))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(vl_convert.vegalite_to_scenegraph(spec))
    return texts


def test_the_readout_shows_the_december_2028_lead_of_the_readers_line(p04):
    spec = _explorer(p04)
    texts = _scenegraph_texts(spec)
    readout = [t for t in texts if t.startswith(f"{figures.READER_LINE},")]
    assert readout == [f"{figures.READER_LINE}, December 2028: {p04.values['sc_explorer_drift_dec']:.1f} months"]


def test_the_act_button_sets_every_slider_to_the_act_world(p04):
    spec = _explorer(p04)
    presets = _meta(spec)["reset"]["presets"]
    assert [p["label"] for p in presets] == ["Set the sliders to the act world"]
    act = sc.slider_values(sc.load()["act"])
    assert presets[0]["values"] == pytest.approx(act)
    texts = _scenegraph_texts(spec, presets[0]["values"])
    readout = [t for t in texts if t.startswith(f"{figures.READER_LINE},")]
    assert readout == [f"{figures.READER_LINE}, December 2028: {p04.values['sc_explorer_act_dec']:.1f} months"]


def test_the_readers_line_has_a_legend_entry_and_the_chart_asks_for_a_reset(p04):
    spec = _explorer(p04)
    domains = [
        layer["encoding"]["color"]["scale"]["domain"]
        for layer in spec["layer"]
        if "color" in layer.get("encoding", {}) and "scale" in layer["encoding"]["color"]
    ]
    assert domains and all(d[0] == figures.READER_LINE for d in domains)
    assert _meta(spec)["reset"]["label"]
