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

A chart finished with ``charts.finish(..., figure=, tidy=, title=)`` gets
instead: one CSV named after the figure holding only the data it shows
(units in the column names), a sidecar JSON with its title, subtitle,
source, licence, units and the data date, the source line printed under the
chart and at the foot of its SVG.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
import re

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

    svg = vl_convert.vegalite_to_svg(spec)
    source = _meta(spec).get("source")
    return svg_with_footer(svg, f"Source: {source}") if source and _meta(spec).get("title") else svg


def _meta(spec: dict) -> dict:
    return (spec.get("usermeta") or {}).get("ailead") or {}


_SVG_ROOT = re.compile(r"<svg\b[^>]*>")
_SVG_SIZE = re.compile(r'\b(width|height)="([0-9.]+)"')
_VIEWBOX = re.compile(r'viewBox="([-0-9. ]+)"')
FOOTER_LINE = 15


def svg_with_footer(svg: str, text: str) -> str:
    """``svg`` with ``text`` (wrapped) added in small grey type below the drawing."""
    import textwrap

    from .charts import FONT, SOURCE_LINE_CHARACTERS

    root = _SVG_ROOT.search(svg)
    if root is None:
        raise ValueError("not an SVG document")
    sizes = dict((k, float(v)) for k, v in _SVG_SIZE.findall(root.group(0)))
    if "width" not in sizes or "height" not in sizes:
        raise ValueError("the SVG has no width and height to extend")
    width, height = sizes["width"], sizes["height"]
    lines = textwrap.wrap(text, max(SOURCE_LINE_CHARACTERS, int(width / 6.5)))
    extra = FOOTER_LINE * len(lines) + 8
    new_height = height + extra
    tag = root.group(0)
    tag = re.sub(r'\bheight="[0-9.]+"', f'height="{new_height:g}"', tag, count=1)
    box = _VIEWBOX.search(tag)
    if box:
        x, y, w, h = (float(v) for v in box.group(1).split())
        tag = tag.replace(box.group(0), f'viewBox="{x:g} {y:g} {w:g} {h + extra:g}"')
    font = html.escape(FONT, quote=True)
    spans = "".join(
        f'<text x="5" y="{height + FOOTER_LINE * (i + 1):g}" font-family="{font}" font-size="11" fill="#555555">'
        f"{html.escape(line)}</text>"
        for i, line in enumerate(lines)
    )
    body = svg[: root.start()] + tag + svg[root.end() :]
    closing = body.rindex("</svg>")
    return body[:closing] + f'<g class="ailead-source">{spans}</g>' + body[closing:]


def _csv(records: list[dict], columns: list[str] | None = None, rename: dict[str, str] | None = None) -> str:
    if columns is None:
        columns = []
        for record in records:
            columns.extend(key for key in record if key not in columns)
    rename = rename or {}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([rename.get(c, c) for c in columns])
    for record in records:
        writer.writerow(["" if record.get(c) is None else record.get(c) for c in columns])
    return buffer.getvalue()


def tidy_table(spec: dict) -> str | None:
    """The CSV of the data the chart shows (``finish(tidy=...)``), or ``None``.

    A column with a unit is named "column (unit)".
    """
    tidy = _meta(spec).get("tidy")
    if not tidy:
        return None
    if "dataset" in tidy:
        records = (spec.get("datasets") or {}).get(tidy["dataset"])
        if records is None:
            raise KeyError(f"the chart's tidy data names dataset {tidy['dataset']!r}, which the spec lacks")
    else:
        records = tidy["values"]
    units = _meta(spec).get("units") or {}
    return _csv(records, tidy.get("columns"), {c: f"{c} ({u})" for c, u in units.items()})


LICENCE = "CC BY 4.0"


def sidecar(spec: dict, data_date: str | None = None, producers: list[str] | None = None) -> dict:
    """What a downloaded figure needs to be reused: title, source, licence, units, date."""
    meta = _meta(spec)
    credit = "; ".join(p for p in (producers or []) if p)
    return {
        "figure": meta.get("figure"),
        "title": meta.get("title"),
        "subtitle": meta.get("subtitle"),
        "description": spec.get("description"),
        "source": meta.get("source"),
        "licence": LICENCE + (f", with credit to {credit}" if credit else ""),
        "licence_url": "https://creativecommons.org/licenses/by/4.0/",
        "units": meta.get("units") or {},
        "columns": (meta.get("tidy") or {}).get("columns"),
        "source_tables": list(meta.get("datasets") or []),
        "data_date": data_date,
    }


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


def _data_date() -> str | None:
    from . import publish

    try:
        return publish.data_date()
    except (OSError, KeyError, ValueError):
        return None


def _producers(meta: dict) -> list[str]:
    from . import data as _data

    found = []
    for dataset in meta.get("datasets") or []:
        try:
            producer = str(_data.resource_descriptor(dataset).get("producer", ""))
        except (KeyError, ValueError):
            continue
        if producer and producer not in found:
            found.append(producer)
    return found


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
        meta = _meta(spec)
        figure = meta.get("figure")
        description = str(spec.get("description", "Chart"))
        # A named figure's files keep its name, in a folder per spec digest.
        folder = ["ailead-charts", key] if figure else ["ailead-charts"]
        stem = figure or key
        svg_uri = renderer.write_file([*folder, f"{stem}.svg"], static_svg(spec).encode(), exists_ok=True)
        static = nodes.container(classes=["ailead-static"])
        from .book import pdf_mode

        if pdf_mode():
            static += nodes.image(uri=svg_uri, alt=description)
        else:
            # Lazy: hidden when scripts run, so never fetched then; browsers load
            # lazy images eagerly when scripting is off, where it is shown.
            static += nodes.image(uri=svg_uri, alt=description, loading="lazy")
        source = []
        if meta.get("title") and meta.get("source"):
            # The static SVG carries the source at its foot; the drawn chart does not.
            source.append(nodes.paragraph("", f"Source: {meta['source']}", classes=["ailead-chart-source"]))
        links = nodes.paragraph(classes=["ailead-chart-downloads"])
        links += nodes.inline("", "Download: ")
        items = []
        tidy = tidy_table(spec)
        if tidy is not None:
            uri = renderer.write_file([*folder, f"{stem}.csv"], tidy.encode(), exists_ok=True)
            items.append(_download(uri, f"{stem}.csv (the data shown)" if figure else "the data shown (CSV)"))
        else:
            tables = chart_tables(spec)
            for number, (_name, table) in enumerate(tables, start=1):
                uri = renderer.write_file([*folder, f"{stem}-{number}.csv"], table.encode(), exists_ok=True)
                suffix = f" {number}" if len(tables) > 1 else ""
                items.append(_download(uri, f"chart data{suffix} (CSV)"))
        if figure or tidy is not None or meta.get("title"):
            card = json.dumps(sidecar(spec, _data_date(), _producers(meta)), indent=2, ensure_ascii=False) + "\n"
            uri = renderer.write_file([*folder, f"{stem}.json"], card.encode(), exists_ok=True)
            items.append(_download(uri, "title, source, licence and units (JSON)"))
        for dataset in spec.get("usermeta", {}).get("ailead", {}).get("datasets", []):
            uri = _source_table_uri(renderer, dataset)
            if uri:
                items.append(_download(uri, f"source table {dataset}.csv"))
        items.append(_download(svg_uri, "static image (SVG)"))
        for index, item in enumerate(items):
            if index:
                links += nodes.inline("", " · ")
            links += item
        return output + [static, *source, links]
