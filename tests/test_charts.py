"""ailead.charts and ailead.mime: one theme, stable stored output, offline rendering."""

from __future__ import annotations

import json
from types import SimpleNamespace

import altair as alt
import pandas as pd
import pytest

from ailead import charts, mime


def _chart():
    frame = pd.DataFrame({"x": [1, 2, 3], "y": [3, 1, 2], "country": [charts.US, charts.CHINA, charts.US]})
    base = alt.Chart(frame).mark_line().encode(x="x:Q", y="y:Q", color=alt.Color("country:N", scale=charts.country_scale()))
    return charts.finish(base, source="Test data", description="A test line chart.")


def test_renderer_stores_the_bare_spec_under_a_valid_mimetype():
    bundle = _chart()._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert set(data) == {charts.VEGALITE_MIMETYPE, "text/plain"}
    # nbformat only accepts JSON mimetypes with "+json"; Altair's own emits "v6.json".
    assert charts.VEGALITE_MIMETYPE.endswith("+json")
    spec = data[charts.VEGALITE_MIMETYPE]
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")
    assert "altair-viz" not in json.dumps(data)


def test_the_same_chart_gives_byte_identical_output():
    first = json.dumps(_chart().to_dict(), sort_keys=True)
    second = json.dumps(_chart().to_dict(), sort_keys=True)
    assert first == second


def test_theme_fixes_one_colour_per_country_and_a_colour_blind_safe_palette():
    spec = _chart().to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"])) == {
        charts.US: charts.COUNTRY_COLORS[charts.US],
        charts.CHINA: charts.COUNTRY_COLORS[charts.CHINA],
        charts.OTHER: charts.COUNTRY_COLORS[charts.OTHER],
    }
    assert spec["config"]["range"]["category"] == charts.OKABE_ITO
    assert charts.COUNTRY_COLORS[charts.US] != charts.COUNTRY_COLORS[charts.CHINA]


def test_an_unlisted_country_gets_the_other_colour():
    scale = charts.country_scale(["France"])
    assert scale.to_dict()["range"] == [charts.COUNTRY_COLORS[charts.OTHER]]


def test_finish_puts_the_source_under_the_chart_and_a_description_on_it():
    spec = _chart().to_dict()
    assert spec["title"]["text"] == ["Source: Test data"]
    assert spec["title"]["orient"] == "bottom"
    assert spec["description"] == "A test line chart."
    assert spec["width"] == "container"


@pytest.mark.parametrize("source, description", [("", "d"), ("s", " ")])
def test_finish_refuses_a_chart_without_source_or_description(source, description):
    with pytest.raises(ValueError):
        charts.finish(alt.Chart(pd.DataFrame({"x": [1]})).mark_point(), source=source, description=description)


def test_chart_html_keeps_the_spec_inert_inside_its_script_element():
    spec = {"description": 'Quote " and <b>', "data": {"values": [{"t": "</script><script>alert(1)</script>"}]}}
    html = mime.chart_html(spec)
    assert html.count("</script>") == 1  # only the element's own end tag
    assert 'aria-label="Quote &quot; and &lt;b&gt;"' in html
    payload = html.split('class="ailead-vega-spec">', 1)[1].rsplit("</script>", 1)[0]
    assert json.loads(payload) == spec


def test_mime_plugin_declines_other_mimetypes_and_accepts_parsed_or_text_specs():
    other = SimpleNamespace(mime_type="text/html", content="<p>x</p>")
    assert mime.VegaLiteMimeRenderer.handle_mime(None, other, False) is None
    spec = _chart().to_dict()
    for content in (spec, json.dumps(spec)):
        data = SimpleNamespace(mime_type=charts.VEGALITE_MIMETYPE, content=content)
        (node,) = mime.VegaLiteMimeRenderer.handle_mime(None, data, False)
        assert node["format"] == "html" and "ailead-vega-spec" in node.astext()


def test_mime_plugin_is_registered_and_preferred_for_html():
    from myst_nb.core.render import get_mime_priority, load_mime_renders

    assert any(p is mime.VegaLiteMimeRenderer for p in load_mime_renders())
    assert get_mime_priority("html", [])[0] == charts.VEGALITE_MIMETYPE


def test_a_long_source_line_wraps_without_losing_words():
    source = "Epoch AI, Epoch Capabilities Index (CC BY 4.0); analysis by the project contributors"
    chart = charts.finish(alt.Chart(pd.DataFrame({"x": [1]})).mark_point(), source=source, description="d")
    lines = chart.to_dict()["title"]["text"]
    assert len(lines) > 1 and all(len(line) <= charts.SOURCE_LINE_CHARACTERS for line in lines)
    assert " ".join(lines) == f"Source: {source}"


def test_chart_tables_write_each_inline_dataset_as_csv():
    spec = {"datasets": {"b": [{"x": 1, "y": "a,b"}], "a": [{"x": 2}, {"x": 3, "z": True}]}}
    tables = mime.chart_tables(spec)
    assert [name for name, _ in tables] == ["a", "b"]
    assert tables[0][1] == "x,z\n2,\n3,True\n"
    assert tables[1][1] == 'x,y\n1,"a,b"\n'


def test_static_svg_is_drawn_at_build_time():
    svg = mime.static_svg(_chart().to_dict())
    assert svg.lstrip().startswith("<svg") and "Source: Test data" in svg


# --- titles, figure ids and tidy downloads (issue 16) ------------------------


def _frame():
    return pd.DataFrame(
        {"date": pd.to_datetime(["2024-01-01", "2024-07-01"]), "lag": [7.5, 4.25], "country": [charts.CHINA, charts.CHINA]}
    )


def _titled(**extra):
    frame = _frame()
    line = alt.Chart(frame).mark_line().encode(x="date:T", y="lag:Q")
    band = alt.Chart(pd.DataFrame({"low": [12], "high": [24]})).mark_rect(opacity=0.1).encode(y="low:Q", y2="high:Q")
    options = dict(
        source="Epoch AI",
        description="The lag over time.",
        title="The lag fell by three months",
        subtitle="Lag of China's best model behind the US frontier, months",
        figure="fig-01-lag",
        tidy=frame,
        units={"lag": "months"},
    )
    options.update(extra)
    return charts.finish(line + band, **options)


def test_a_titled_chart_has_title_and_subtitle_at_the_top_and_keeps_the_source_in_its_metadata():
    spec = _titled().to_dict()
    assert spec["title"]["orient"] == "top"
    assert spec["title"]["text"] == ["The lag fell by three months"]
    assert spec["title"]["subtitle"] == ["Lag of China's best model behind the US frontier, months"]
    meta = spec["usermeta"]["ailead"]
    assert meta["source"] == "Epoch AI" and meta["figure"] == "fig-01-lag"
    assert spec["width"] == "container"


def test_finish_without_the_new_options_gives_the_same_spec_as_before():
    spec = _chart().to_dict()
    assert spec["usermeta"] == {"ailead": {"datasets": []}}
    assert "subtitle" not in spec["title"]


@pytest.mark.parametrize(
    "extra, error",
    [
        ({"title": None}, ValueError),  # a subtitle without a title
        ({"title": " "}, ValueError),
        ({"figure": "Figure 1"}, ValueError),
        ({"figure": "fig_01_lag"}, ValueError),
        ({"units": {"tau": "days"}}, KeyError),
        ({"tidy": None}, ValueError),  # units without tidy data
    ],
)
def test_finish_refuses_bad_titles_figure_ids_and_units(extra, error):
    with pytest.raises(error):
        _titled(**extra)


def test_the_tidy_data_names_the_charts_own_dataset_instead_of_copying_it():
    spec = _titled().to_dict()
    tidy = spec["usermeta"]["ailead"]["tidy"]
    assert tidy["dataset"] in spec["datasets"]
    assert spec["datasets"][tidy["dataset"]][0]["lag"] == 7.5


def test_tidy_data_that_is_not_drawn_as_such_travels_in_the_metadata():
    other = _frame().assign(lag_rounded=lambda f: f["lag"].round())
    spec = _titled(tidy=other, units=None).to_dict()
    values = spec["usermeta"]["ailead"]["tidy"]["values"]
    assert [row["lag_rounded"] for row in values] == [8.0, 4.0]


def test_tidy_csv_holds_only_the_data_shown_with_units_in_the_column_names():
    table = mime.tidy_table(_titled().to_dict())
    header, *rows = table.splitlines()
    assert header == "date,lag (months),country"
    assert len(rows) == 2 and rows[1].endswith(",4.25,China")
    assert "low" not in table  # the shaded band is a plotting layer, not data shown


def test_a_chart_without_tidy_data_has_no_tidy_csv():
    assert mime.tidy_table(_chart().to_dict()) is None


class _Renderer:
    """What handle_mime needs of myst-nb's renderer: write_file, no Sphinx env."""

    def __init__(self):
        self.files: dict[str, bytes] = {}
        self.renderer = SimpleNamespace(sphinx_env=None)

    def write_file(self, path, content, overwrite=False, exists_ok=False):
        self.files["/".join(path)] = content
        return "/" + "/".join(path)


def _handled(spec):
    renderer = _Renderer()
    data = SimpleNamespace(mime_type=charts.VEGALITE_MIMETYPE, content=spec)
    nodes = mime.VegaLiteMimeRenderer.handle_mime(renderer, data, False)
    return renderer.files, nodes


def test_a_figure_gets_one_csv_one_svg_and_one_sidecar_named_after_it():
    spec = _titled(datasets=["frontier_models"]).to_dict()
    files, nodes = _handled(spec)
    names = sorted(path.rsplit("/", 1)[1] for path in files)
    assert names == ["fig-01-lag.csv", "fig-01-lag.json", "fig-01-lag.svg"]
    card = json.loads(next(v for k, v in files.items() if k.endswith(".json")))
    assert card["title"] == "The lag fell by three months"
    assert card["subtitle"].endswith("months") and card["source"] == "Epoch AI"
    assert card["licence"].startswith("CC BY 4.0, with credit to Epoch AI")
    assert card["units"] == {"lag": "months"}
    assert len(card["data_date"]) == 10 and card["data_date"][4] == "-"
    text = " ".join(node.astext() for node in nodes)
    assert "Source: Epoch AI" in text and "fig-01-lag.csv" in text


def test_a_chart_without_figure_id_keeps_its_hash_named_downloads():
    files, _nodes = _handled(_chart().to_dict())
    key = mime.spec_digest(_chart().to_dict())
    assert sorted(files) == sorted([f"ailead-charts/{key}.svg", f"ailead-charts/{key}-1.csv"])


def test_the_static_svg_of_a_titled_chart_carries_the_source_at_its_foot():
    svg = mime.static_svg(_titled().to_dict())
    assert "The lag fell by three months" in svg
    footer = svg.split('class="ailead-source"', 1)[1]
    assert "Source: Epoch AI" in footer


def test_svg_footer_extends_height_and_view_box():
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="0 0 100 50"><rect/></svg>'
    out = mime.svg_with_footer(svg, "Source: somebody")
    assert 'height="73"' in out and 'viewBox="0 0 100 73"' in out
    assert out.endswith("</g></svg>") and ">Source: somebody</text>" in out
    with pytest.raises(ValueError):
        mime.svg_with_footer("<p>no svg</p>", "x")
