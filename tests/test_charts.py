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
