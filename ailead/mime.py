"""MyST-NB plugin: render stored Vega-Lite outputs with the book's own Vega.

Registered under the ``myst_nb.mime_renderers`` entry point (see
``pyproject.toml``). Every plugin sees every output, so anything that is not
Vega-Lite is declined with ``None``.

Each chart becomes, in the HTML:

* a container that ``static/ailead-charts.js`` fills with the interactive
  chart, using the locally served Vega bundle;
* a static SVG made at build time by vl-convert, shown when printing and to
  readers without JavaScript;
* download links: the exact data drawn (one CSV per inline dataset of the
  spec), the source tables named in the spec's ``usermeta`` (copied from
  ``data/``), and the SVG.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os

from docutils import nodes
from sphinx import addnodes

from .charts import VEGALITE_MIMETYPE

_HTML_BUILDERS = ("html", "dirhtml", "singlehtml", "readthedocs")


def _canonical(spec: dict) -> str:
    return json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def spec_digest(spec: dict) -> str:
    return hashlib.sha256(_canonical(spec).encode()).hexdigest()[:16]


def _script_safe(spec: dict) -> str:
    # Inside <script> only "</" and "<!--" can end or confuse the element.
    return _canonical(spec).replace("</", "<\\/").replace("<!--", "<\\!--")


def chart_html(spec: dict) -> str:
    """The HTML the book emits for one interactive chart: a container and its spec.

    The description is both the container's accessible label and a visually
    hidden paragraph, so screen readers announce what the chart shows.
    """
    description = html.escape(str(spec.get("description", "Chart")), quote=True)
    return (
        f'<div class="ailead-chart" role="figure" aria-label="{description}">'
        f'<p class="ailead-sr-only">{description}</p>'
        f'<div class="ailead-vega"></div>'
        f'<script type="application/json" class="ailead-vega-spec">{_script_safe(spec)}</script>'
        f"</div>"
    )


def chart_tables(spec: dict) -> list[tuple[str, str]]:
    """The data a chart draws, as (name, CSV text) pairs, one per inline dataset."""
    tables = []
    datasets = spec.get("datasets") or {}
    if not datasets and isinstance(spec.get("data"), dict) and "values" in spec["data"]:
        datasets = {"data": spec["data"]["values"]}
    for name, records in sorted(datasets.items()):
        columns: list[str] = []
        for record in records:
            columns.extend(key for key in record if key not in columns)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
        tables.append((name, buffer.getvalue()))
    return tables


def static_svg(spec: dict) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(spec)


def _download(uri: str, label: str) -> addnodes.download_reference:
    return addnodes.download_reference(
        "", "", nodes.inline("", label), reftarget=uri, refexplicit=True, refdomain="", reftype="download"
    )


def _source_table_uri(renderer, dataset: str) -> str | None:
    """A srcdir-relative URI for a table in data/, so Sphinx copies it."""
    from myst_nb._compat import get_env_app

    from . import data as _data

    env = renderer.renderer.sphinx_env
    if env is None:
        return None
    path = _data.data_dir() / _data.resource_descriptor(dataset)["path"]
    return "/" + os.path.relpath(path, get_env_app(env).srcdir)


class VegaLiteMimeRenderer:
    """Render ``application/vnd.vegalite.v6+json`` before any other mimetype."""

    # 0 ranks it before every built-in type (myst-nb's own example plugin uses 1).
    mime_priority_overrides = [(builder, VEGALITE_MIMETYPE, 0) for builder in _HTML_BUILDERS]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type != VEGALITE_MIMETYPE:
            return None
        content = data.content
        # A "+json" payload may arrive already parsed.
        spec = content if isinstance(content, dict) else json.loads(content)
        output = [nodes.raw("", chart_html(spec), format="html")]
        if not hasattr(renderer, "write_file"):
            return output
        key = spec_digest(spec)
        description = str(spec.get("description", "Chart"))
        svg_uri = renderer.write_file(["ailead-charts", f"{key}.svg"], static_svg(spec).encode(), exists_ok=True)
        static = nodes.container(classes=["ailead-static"])
        # Lazy: hidden when scripts run, so never fetched then; browsers load
        # lazy images eagerly when scripting is off, where it is shown.
        static += nodes.image(uri=svg_uri, alt=description, loading="lazy")
        links = nodes.paragraph(classes=["ailead-chart-downloads"])
        links += nodes.inline("", "Download: ")
        items = []
        for number, (_name, table) in enumerate(chart_tables(spec), start=1):
            uri = renderer.write_file(["ailead-charts", f"{key}-{number}.csv"], table.encode(), exists_ok=True)
            suffix = f" {number}" if len(chart_tables(spec)) > 1 else ""
            items.append(_download(uri, f"chart data{suffix} (CSV)"))
        for dataset in spec.get("usermeta", {}).get("ailead", {}).get("datasets", []):
            uri = _source_table_uri(renderer, dataset)
            if uri:
                items.append(_download(uri, f"source table {dataset}.csv"))
        items.append(_download(svg_uri, "static image (SVG)"))
        for index, item in enumerate(items):
            if index:
                links += nodes.inline("", " · ")
            links += item
        return output + [static, links]
