"""MyST-NB plugin: render stored Vega-Lite outputs with the book's own Vega.

Registered under the ``myst_nb.mime_renderers`` entry point (see
``pyproject.toml``). Every plugin sees every output, so anything that is not
Vega-Lite is declined with ``None``.
"""

from __future__ import annotations

import html
import json

from docutils import nodes

from .charts import VEGALITE_MIMETYPE

_HTML_BUILDERS = ("html", "dirhtml", "singlehtml", "readthedocs")


def _script_safe(spec: dict) -> str:
    # Inside <script> only "</" and "<!--" can end or confuse the element.
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def chart_html(spec: dict) -> str:
    """The HTML the book emits for one chart: a container and its spec.

    ``static/ailead-charts.js`` finds each container and draws it with
    vega-embed; the description doubles as the container's accessible label.
    """
    label = html.escape(str(spec.get("description", "Chart")), quote=True)
    return (
        f'<figure class="ailead-chart" role="img" aria-label="{label}">'
        f'<div class="ailead-vega"></div>'
        f'<script type="application/json" class="ailead-vega-spec">{_script_safe(spec)}</script>'
        f"</figure>"
    )


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
        return [nodes.raw("", chart_html(spec), format="html")]
