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

import re
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


#: Longest line of a chart's title or subtitle before it wraps.
TITLE_CHARACTERS = 70
#: A figure id: "fig-", then lower-case words joined by hyphens.
FIGURE_ID = re.compile(r"^fig-[a-z0-9]+(-[a-z0-9]+)*$")


def _source_title(source: str) -> alt.TitleParams:
    return alt.TitleParams(
        # Wrapped: a source line wider than the plot squeezes it on phones.
        text=textwrap.wrap(f"Source: {source}", SOURCE_LINE_CHARACTERS),
        orient="bottom",
        anchor="start",
        fontSize=11,
        fontWeight="normal",
        color="#555555",
        offset=12,
    )


def _finding_title(title: str, subtitle: str | None) -> alt.TitleParams:
    params = {
        "text": textwrap.wrap(title, TITLE_CHARACTERS),
        "orient": "top",
        "anchor": "start",
        "fontSize": 15,
        "fontWeight": "bold",
        "color": "#222222",
        "offset": 10,
    }
    if subtitle:
        params.update(subtitle=textwrap.wrap(subtitle, TITLE_CHARACTERS), subtitleFontSize=12, subtitleColor="#555555")
    return alt.TitleParams(**params)


def tidy_records(frame: pd.DataFrame) -> list[dict]:
    """A frame's rows as Vega-Lite stores them (dates as ISO text, no NaN)."""
    return alt.utils.sanitize_pandas_dataframe(frame.reset_index(drop=True)).to_dict(orient="records")


def finish(
    chart: alt.TopLevelMixin,
    *,
    source: str,
    description: str,
    datasets: list[str] | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    figure: str | None = None,
    tidy: pd.DataFrame | None = None,
    units: dict[str, str] | None = None,
) -> alt.TopLevelMixin:
    """Add the source line, the title and a text description for screen readers.

    ``source`` is printed at the foot of the chart ("Source: ..."); ``description`` is
    the chart's accessible description (Vega renders it as ``aria-label``).
    ``datasets`` names the tables in ``data/`` behind the chart; the book links
    each one under the chart. Single and layered charts are set to the width of
    the text column.

    In the manner of data publishers, ``title`` states the finding and
    ``subtitle`` what is measured, in which unit; both go at the top. With a
    title, the source line moves out of the title slot: the book prints it under
    the chart and at the foot of the static SVG (:mod:`ailead.mime`). Without
    one, the chart's title slot holds the source line, anchored bottom-left, as
    before (the spec is then the same as it always was).

    ``figure`` (e.g. ``"fig-01-frontiers"``) names the chart's downloads; ``tidy``
    is the data the chart shows, exported as that one CSV instead of every
    plotting layer; ``units`` maps its columns to their units (written into the
    CSV's column names and the sidecar JSON).
    """
    if not source.strip():
        raise ValueError("every chart needs a source line")
    if not description.strip():
        raise ValueError("every chart needs a text description for screen readers")
    if subtitle and not title:
        raise ValueError("a subtitle needs a title (the finding) above it")
    if title is not None and not title.strip():
        raise ValueError("a chart title must state the finding, not be blank")
    if figure is not None and not FIGURE_ID.match(figure):
        raise ValueError(f"figure id {figure!r} must look like 'fig-01-frontiers' (lower case, hyphens)")
    if units and tidy is None:
        raise ValueError("units describe the columns of the tidy data: pass tidy= too")
    if units and tidy is not None:
        unknown = sorted(set(units) - set(tidy.columns))
        if unknown:
            raise KeyError(f"units name columns the tidy data lacks: {', '.join(unknown)}")
    if isinstance(chart, (alt.Chart, alt.LayerChart)):
        # Fill the text column on any screen; Vega re-measures on resize.
        chart = chart.properties(width="container")
    meta: dict = {"datasets": list(datasets or [])}
    if title:
        meta.update(title=title, source=source)
        if subtitle:
            meta["subtitle"] = subtitle
    if figure:
        meta["figure"] = figure
    if tidy is not None:
        records = tidy_records(tidy)
        names = [name for name, rows in (chart.to_dict().get("datasets") or {}).items() if rows == records]
        # The data the chart shows: a dataset of the spec when it is one,
        # else its own rows (so no plotting layer is exported).
        meta["tidy"] = {"dataset": names[0]} if names else {"values": records}
        meta["tidy"]["columns"] = [str(c) for c in tidy.columns]
    if units:
        meta["units"] = {str(k): str(v) for k, v in units.items()}
    return chart.properties(
        title=_finding_title(title, subtitle) if title else _source_title(source),
        description=description,
        usermeta={"ailead": meta},
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


# --- titles that wrap to the width they are drawn at (issue 16, item 2) ----
# Vega does not wrap text. A title wrapped once at TITLE_CHARACTERS runs past
# the edge of a 360 px phone column, so ``fit_title`` stores it wrapped at
# several lengths and lets the chart's own ``width`` signal pick the longest
# lines that fit.

#: Line lengths tried, longest first (characters).
FIT_LINE_CHARACTERS = (TITLE_CHARACTERS, 60, 52, 44, 38, 32)
#: Rough width of one character of the title (15 px bold), in pixels.
TITLE_CHARACTER_PX = 8.4
#: Longest subtitle line: fits a 360 px column at 12 px.
SUBTITLE_CHARACTERS = 52


#: The width a title is wrapped for when the chart has no container to measure (the static SVG).
FIT_FALLBACK_PX = 620
#: The column the chart is drawn in, in pixels. Read from the container, not from the
#: ``width`` signal, which fit-to-width layout changes after the title is measured;
#: ``width`` is named only so the title is rewrapped when the chart is resized.
_AVAILABLE = f"(width < 0 ? 0 : isFinite(containerSize()[0]) ? containerSize()[0] : {FIT_FALLBACK_PX})"


def _wrap_expression(text: str, character_px: float) -> str:
    """A Vega expression giving ``text`` as lines that fit the chart's column."""
    import json

    options = [(n, textwrap.wrap(text, n)) for n in FIT_LINE_CHARACTERS]
    expression = json.dumps(options[-1][1])
    for characters, lines in reversed(options[:-1]):
        expression = f"{_AVAILABLE} >= {characters * character_px:g} ? {json.dumps(lines)} : {expression}"
    return expression


def fit_title(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """``chart`` (finished with a ``title=``) with its title and subtitle rewrapped
    at draw time to the width of the plot, so no line runs past a phone's edge.

    Only single and layered charts have one ``width`` to fit; other charts and
    untitled ones are returned unchanged.
    """
    meta = (chart.to_dict().get("usermeta") or {}).get("ailead") or {}
    if not meta.get("title") or not isinstance(chart, (alt.Chart, alt.LayerChart)):
        return chart
    params = _finding_title(meta["title"], meta.get("subtitle")).to_dict()
    params["text"] = {"expr": _wrap_expression(meta["title"], TITLE_CHARACTER_PX)}
    if meta.get("subtitle"):
        # Vega-Lite takes no expression for a subtitle: it is wrapped once, short enough for a phone.
        params["subtitle"] = textwrap.wrap(meta["subtitle"], SUBTITLE_CHARACTERS)
    return chart.properties(title=alt.TitleParams(**params))
