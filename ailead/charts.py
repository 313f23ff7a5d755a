"""One look for every chart in the book, and output that is stable and offline.

Importing this module:

* registers and enables the ``ailead`` Altair theme (readable type, the
  Okabe-Ito colour-blind-safe palette, one fixed colour per country);
* registers and enables the ``ailead`` renderer, which emits the bare
  Vega-Lite spec under the ``application/vnd.vegalite.v6+json`` mimetype.
  Altair's default HTML renderer writes a random element id on every run
  (stored outputs never match, so nbval fails) and loads Vega from a public
  CDN (charts are blank offline). The book renders this mimetype with its own
  bundled Vega instead (see :mod:`ailead.mime`).
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

VEGALITE_MIMETYPE = "application/vnd.vegalite.v6+json"

# Okabe & Ito (2008), a palette distinguishable with the common colour-vision
# deficiencies.
OKABE_ITO = [
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow
    "#000000",  # black
]

US = "United States of America"
CHINA = "China"
OTHER = "Other"

#: The same colour for a country in every chapter.
COUNTRY_COLORS = {US: "#0072B2", CHINA: "#D55E00", OTHER: "#7F7F7F"}

#: Colours for the direction of an export-control action or a claim.
DIRECTION_COLORS = {
    "tighten": "#0072B2",
    "loosen": "#E69F00",
    "enforce": "#009E73",
}

# Family names are quoted: Vega passes this string to the canvas font
# shorthand to measure labels, and an unquoted name with a digit or space
# makes the whole shorthand invalid (labels are then measured too narrow).
FONT = '"Helvetica Neue", Helvetica, Arial, sans-serif'


def country_scale(countries: list[str] | None = None) -> alt.Scale:
    """An Altair colour scale pinning each country to its book-wide colour."""
    names = list(countries) if countries else list(COUNTRY_COLORS)
    return alt.Scale(domain=names, range=[COUNTRY_COLORS.get(n, COUNTRY_COLORS[OTHER]) for n in names])


def direction_scale(directions: list[str] | None = None) -> alt.Scale:
    names = list(directions) if directions else list(DIRECTION_COLORS)
    return alt.Scale(domain=names, range=[DIRECTION_COLORS[n] for n in names])


def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": 620, "continuousHeight": 320, "stroke": None},
            "range": {"category": OKABE_ITO},
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 13,
                "titleFontWeight": "normal",
                "gridColor": "#e6e6e6",
                "domainColor": "#888888",
                "tickColor": "#888888",
            },
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "top", "columnPadding": 16, "labelLimit": 320},
            "title": {"fontSize": 11, "fontWeight": "normal", "color": "#555555"},
            "text": {"fontSize": 11},
        }
    }


alt.theme.register("ailead", enable=True)(_theme)


def _render(spec: dict, **_options) -> dict:
    description = spec.get("description", "chart")
    return {VEGALITE_MIMETYPE: spec, "text/plain": f"<chart: {description}>"}


alt.renderers.register("ailead", _render)
alt.renderers.enable("ailead")


#: Longest line of a chart's source note before it wraps.
SOURCE_LINE_CHARACTERS = 60


def finish(chart: alt.TopLevelMixin, *, source: str, description: str, datasets: list[str] | None = None) -> alt.TopLevelMixin:
    """Add the source line under a chart and a text description for screen readers.

    ``source`` is printed under the chart ("Source: ..."); ``description`` is
    the chart's accessible description (Vega renders it as ``aria-label``).
    Titles belong in the figure caption, so the chart's own title slot holds
    the source line, anchored bottom-left. Single and layered charts are set
    to the width of the text column. ``datasets`` names the tables in
    ``data/`` behind the chart; the book links each one under the chart.
    """
    if not source.strip():
        raise ValueError("every chart needs a source line")
    if not description.strip():
        raise ValueError("every chart needs a text description for screen readers")
    if isinstance(chart, (alt.Chart, alt.LayerChart)):
        # Fill the text column on any screen; Vega re-measures on resize.
        chart = chart.properties(width="container")
    return chart.properties(
        title=alt.TitleParams(
            # Wrapped: a source line wider than the plot squeezes it on phones.
            text=textwrap.wrap(f"Source: {source}", SOURCE_LINE_CHARACTERS),
            orient="bottom",
            anchor="start",
            fontSize=11,
            fontWeight="normal",
            color="#555555",
            offset=12,
        ),
        description=description,
        usermeta={"ailead": {"datasets": list(datasets or [])}},
    )


def month_rules(months) -> alt.LayerChart:
    """Dashed horizontal reference lines, labelled "N months" at the left edge.

    Used to mark the lead Anthropic proposes (12 and 24 months) on any chart
    whose y axis is in months.
    """
    refs = pd.DataFrame({"months": list(months), "label": [f"{m:g} months" for m in months]})
    rules = alt.Chart(refs).mark_rule(color="#555555", strokeDash=[2, 2]).encode(y="months:Q")
    labels = (
        alt.Chart(refs)
        .mark_text(align="left", dx=3, dy=-6, color="#555555", fontSize=10)
        .encode(y="months:Q", x=alt.value(0), text="label:N")
    )
    return rules + labels
