"""Charts for chapter 05: every public claim about the gap scored against the data."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from .. import gap
from ..charts import COUNTRY_COLORS, country_scale, finish, fit_title
from ..claims import RULES, Rules
from .gap import EPOCH_CREDIT, knots

#: One colour per window class (Okabe-Ito; grey for no clear answer).
CLASS_COLORS = {"narrowing": "#56B4E9", "stable": "#009E73", "widening": "#E69F00", "unclear": "#DDDDDD"}
#: Panels of the stacked charts fill the text column; their y labels sit inside
#: the plot (over the grid lines) and their units in the panel title, so the
#: stack is as wide as the column at any width.
PANEL_WIDTH = "container"


def _inside_axis(**extra) -> alt.Axis:
    return alt.Axis(
        title=None,
        labelAlign="left",
        labelBaseline="bottom",
        labelPadding=-4,
        labelOffset=-2,
        ticks=False,
        domain=False,
        minExtent=0,
        maxExtent=0,
        **extra,
    )


def _panel_title(text: str) -> alt.TitleParams:
    import textwrap

    return alt.TitleParams(
        textwrap.wrap(text, NARROW_SUBTITLE_CHARACTERS), anchor="start", fontSize=12, fontWeight="bold", color="#333333", offset=4
    )


#: Labels within 20 px of either end are aligned flush, so none sticks out of the column.
DATE_AXIS = alt.Axis(labelOverlap="greedy", labelSeparation=8, labelFlush=20, labelBound=True)
#: Pixels of room at each end of a shared time axis, so points at its ends stay inside the column.
X_PADDING = 6
#: Stacked panels have no single width to refit a title to, so their title and
#: subtitle are wrapped for the narrowest column (360 px).
NARROW_TITLE_CHARACTERS = 34
NARROW_SUBTITLE_CHARACTERS = 44


def _narrow_title(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    import textwrap

    meta = chart.to_dict()["usermeta"]["ailead"]
    title = chart.title.to_dict()
    title["text"] = textwrap.wrap(meta["title"], NARROW_TITLE_CHARACTERS)
    title["subtitle"] = textwrap.wrap(meta["subtitle"], NARROW_SUBTITLE_CHARACTERS)
    return chart.properties(title=alt.TitleParams(**title))


def _class_scale() -> alt.Scale:
    return alt.Scale(domain=list(CLASS_COLORS), range=list(CLASS_COLORS.values()))


def window_chart(
    grid: pd.DataFrame, claims: pd.DataFrame, rules: Rules = RULES, shares: dict[str, float] | None = None
) -> alt.LayerChart:
    """Every window of a year or more, coloured by what its lag trend says,
    with the windows of the trend claims marked on top. ``grid`` is
    :func:`ailead.claims.window_grid` (censored days already left out);
    ``shares`` the percent of windows in each class (the chapter's glued
    values, computed from ``grid`` when not given)."""
    cells = pd.DataFrame(
        {
            "start": grid["start"].dt.strftime("%Y-%m"),
            "end": grid["end_month"].dt.strftime("%Y-%m"),
            "months": grid["months"],
            "slope": grid["slope"].round(1),
            "ci_low": grid["ci_low"].round(1),
            "ci_high": grid["ci_high"].round(1),
            "trend": grid["class"],
        }
    )
    x = alt.X("yearmonth(end):T", title="Window ends", axis=alt.Axis(labelOverlap="greedy", labelSeparation=8))
    y = alt.Y("yearmonth(start):T", title="Window starts", sort="descending")
    level = round(100 * rules.trend_level)
    rect = (
        alt.Chart(cells)
        .mark_rect()
        .encode(
            x=x,
            y=y,
            color=alt.Color("trend:N", scale=_class_scale(), title="Trend reads as"),
            tooltip=[
                alt.Tooltip("start:N", title="Window starts"),
                alt.Tooltip("end:N", title="Window ends"),
                alt.Tooltip("months:Q", title="Months with a value"),
                alt.Tooltip("slope:Q", title="Trend (months of lag per year)", format="+.1f"),
                alt.Tooltip("ci_low:Q", title=f"{level}% interval, low", format="+.1f"),
                alt.Tooltip("ci_high:Q", title=f"{level}% interval, high", format="+.1f"),
                alt.Tooltip("trend:N", title="Reads as"),
            ],
        )
    )
    marks = pd.DataFrame(
        {
            "start": claims["start"].dt.strftime("%Y-%m"),
            "end": claims["end_month"].dt.strftime("%Y-%m"),
            "who": claims["who"],
            "claim": claims["claim"],
            "says": claims["direction"],
        }
    )
    # Claims whose windows fall in neighbouring cells get their labels on
    # alternate sides, so that none is printed over another.
    # Near the right edge labels go to the left of their diamond.
    marks = marks.sort_values(["start", "end", "claim"]).reset_index(drop=True)
    sides, previous = [], None
    for _, mark in marks.iterrows():
        months = (pd.Period(mark["start"], "M"), pd.Period(mark["end"], "M"))
        close = previous is not None and all(abs((a - b).n) <= 2 for a, b in zip(months, previous[0]))
        sides.append("below" if close and previous[1] == "above" else "above")
        previous = (months, sides[-1])
    marks["side"] = sides
    last_months = sorted(cells["end"].unique())[-4:]
    marks["align"] = ["right" if end in last_months else "left" for end in marks["end"]]
    centre_x = alt.X("yearmonth(end):T", bandPosition=0.5)
    centre_y = alt.Y("yearmonth(start):T", sort="descending", bandPosition=0.5)
    points = (
        alt.Chart(marks)
        .mark_point(shape="diamond", size=90, filled=True, color="black", opacity=1)
        .encode(
            x=centre_x,
            y=centre_y,
            tooltip=[
                alt.Tooltip("who:N", title="Who"),
                alt.Tooltip("claim:N", title="Claim"),
                alt.Tooltip("says:N", title="Says the gap is"),
            ],
        )
    )
    layers = [rect, points]
    for side, dy in (("above", -9), ("below", 11)):
        for align, dx in (("left", 8), ("right", -8)):
            layers.append(
                alt.Chart(marks)
                .transform_filter((alt.datum.side == side) & (alt.datum.align == align))
                .mark_text(align=align, dx=dx, dy=dy, fontSize=10, fontWeight="bold")
                .encode(x=centre_x, y=centre_y, text="who:N")
            )
    chart = alt.layer(*layers).properties(height=420)
    if shares is None:
        shares = {k: 100 * v for k, v in grid["class"].value_counts(normalize=True).items()}
    return fit_title(
        finish(
            chart,
            source=EPOCH_CREDIT,
            title=(
                f"{shares.get('narrowing', 0):.0f}% of windows read as narrowing, {shares.get('widening', 0):.0f}% as "
                "widening: the answer depends on the window"
            ),
            subtitle=(
                f"What the trend of the capability lag (months of lag per year, {level}% interval) says over every window "
                f"of {rules.min_trend_months} months or more, by the month it starts and ends; diamonds: the windows of "
                "the claims about a trend"
            ),
            figure="fig-05-windows",
            tidy=cells.rename(columns={"months": "months_with_a_value", "slope": "trend", "trend": "reads_as"}),
            units={"trend": "months of lag per year", "ci_low": "months of lag per year", "ci_high": "months of lag per year"},
            description=(
                f"Grid of every window of {rules.min_trend_months} or more monthly values of the lag, from the first "
                "month in which the lag is known exactly (not only as a lower bound) to the latest release. Each cell is "
                "coloured by "
                "whether the trend of the lag over that window reads as narrowing, stable, widening or unclear. "
                "Black diamonds mark the windows of the claims about a trend."
            ),
            datasets=["frontier_models", "claims"],
        )
    )


def _lag_points(series: pd.Series, name: str, start=None) -> pd.DataFrame:
    points = knots(series.loc[start:] if start is not None else series)
    return pd.DataFrame({"date": points.index.strftime("%Y-%m-%d"), "value": points.round(2).to_numpy(), "series": name})


def _steps(series: pd.Series, name: str) -> pd.DataFrame:
    """Only the days a step series changes, plus its last day."""
    values = series.dropna()
    keep = values.ne(values.shift()) | (values.index == values.index[-1])
    values = values[keep]
    return pd.DataFrame({"date": values.index.strftime("%Y-%m-%d"), "value": values.round(2).to_numpy(), "series": name})


CHINA_BEHIND = "Best Chinese model behind the US frontier"


def _two_lines(label: str) -> str:
    """``label`` as a Vega array literal of two lines (split at the middle word)."""
    words = label.split()
    half = len(words) // 2
    return json.dumps([" ".join(words[:half]), " ".join(words[half:])])


US_OPEN_BEHIND = "Best US open-weight model behind the best Chinese model"


def yardsticks_chart(
    lag: pd.Series, open_lag: pd.Series, scores: pd.Series, table: pd.DataFrame, headline: dict | None = None
) -> alt.VConcatChart:
    """Three yardsticks of one gap: months of lag, ECI points, Arena percent.
    ``headline`` holds the chapter's glued ``arena_last``, ``arena_last_month``
    and ``lag_last`` for the title (computed from ``table`` when not given)."""
    domain = [lag.dropna().index.min().strftime("%Y-%m-%d"), lag.index.max().strftime("%Y-%m-%d")]
    x = alt.X("date:T", title=None, scale=alt.Scale(domain=domain, padding=X_PADDING), axis=DATE_AXIS)
    first = lag.dropna().index.min()
    months = pd.concat([_lag_points(lag, CHINA_BEHIND), _lag_points(open_lag, US_OPEN_BEHIND, start=first)], ignore_index=True)
    top = (
        alt.Chart(months)
        .mark_line(strokeWidth=2, clip=True)
        .encode(
            x=x,
            y=alt.Y("value:Q", axis=_inside_axis()),
            color=alt.Color(
                "series:N",
                title=None,
                legend=alt.Legend(
                    direction="vertical",
                    labelLimit=0,
                    # Two lines, so the longer name fits a phone's column.
                    labelExpr=f"datum.label == '{US_OPEN_BEHIND}' ? {_two_lines(US_OPEN_BEHIND)} : datum.label",
                ),
                scale=alt.Scale(domain=[CHINA_BEHIND, US_OPEN_BEHIND], range=[COUNTRY_COLORS[gap.CHINA], COUNTRY_COLORS[gap.US]]),
            ),
            strokeDash=alt.StrokeDash(
                "series:N", legend=None, scale=alt.Scale(domain=[CHINA_BEHIND, US_OPEN_BEHIND], range=[[1, 0], [5, 3]])
            ),
            tooltip=[
                alt.Tooltip("series:N", title="Series"),
                alt.Tooltip("date:T", title="Date"),
                alt.Tooltip("value:Q", title="Lag (months)", format=".1f"),
            ],
        )
        .properties(width=PANEL_WIDTH, height=190, title=_panel_title("Capability lag, months"))
    )
    middle = (
        alt.Chart(_steps(scores, "ECI score gap"))
        .mark_line(interpolate="step-after", strokeWidth=2, color="#555555", clip=True)
        .encode(
            x=x,
            y=alt.Y("value:Q", axis=_inside_axis()),
            tooltip=[alt.Tooltip("date:T", title="From"), alt.Tooltip("value:Q", title="ECI points", format=".1f")],
        )
        .properties(width=PANEL_WIDTH, height=130, title=_panel_title("Score gap, ECI points (best US minus best Chinese)"))
    )
    arena = pd.DataFrame({"date": table["date"].dt.strftime("%Y-%m-%d"), "arena_gap_pct": table["arena_gap_pct"]})
    bottom_base = alt.Chart(arena).encode(
        x=alt.X("date:T", title=None, scale=alt.Scale(domain=domain, padding=X_PADDING), axis=DATE_AXIS),
        y=alt.Y("arena_gap_pct:Q", scale=alt.Scale(zero=True), axis=_inside_axis()),
        tooltip=[alt.Tooltip("date:T", title="Month"), alt.Tooltip("arena_gap_pct:Q", title="Arena gap (%)", format=".2f")],
    )
    bottom = (
        bottom_base.mark_line(strokeDash=[2, 2], color="#555555", clip=True)
        + bottom_base.mark_point(filled=True, size=60, color="#555555")
    ).properties(width=PANEL_WIDTH, height=110, title=_panel_title("Arena score gap, %"))
    chart = alt.vconcat(top, middle, bottom, spacing=16).resolve_scale(x="shared", color="independent").properties(padding=0)
    if headline is None:
        headline = {
            "arena_last": float(table["arena_gap_pct"].iloc[-1]),
            "arena_last_month": table["date"].iloc[-1].strftime("%B %Y"),
            "lag_last": float(table["eci_lag_months"].iloc[-1]),
        }
    tidy = pd.concat(
        [
            months.assign(unit="months"),
            _steps(scores, "ECI score gap").assign(unit="ECI points"),
            arena.rename(columns={"arena_gap_pct": "value"}).assign(series="Arena score gap", unit="percent"),
        ],
        ignore_index=True,
    )[["date", "series", "value", "unit"]]
    return _narrow_title(
        finish(
            chart,
            source=f"{EPOCH_CREDIT}; Stanford HAI, AI Index 2025 and 2026 (Arena figures)",
            title=(
                f"In {headline['arena_last_month']} the best models were {headline['arena_last']:.1f}% apart on Arena, "
                f"yet {headline['lag_last']:.1f} months apart on the index"
            ),
            subtitle=(
                "One gap, three yardsticks: the lag of China's best model behind the US frontier in months (and of the "
                "best US open-weight model behind China's best), the score gap in ECI points, the Arena gap in %"
            ),
            figure="fig-05-yardsticks",
            tidy=tidy,
            description=(
                "Three panels sharing a time axis. Top: months the best Chinese model trailed the US frontier, and months "
                "the best US open-weight model trailed the best Chinese model. Middle: the gap between the best US and "
                "best Chinese scores on the Epoch Capabilities Index, in index points. Bottom: the gap on Chatbot Arena "
                "reported by the AI Index, in percent, at three dates."
            ),
            datasets=["frontier_models", "arena_gap"],
        )
    )


def layers_chart(
    lag: pd.Series,
    shares: pd.DataFrame,
    ceiling: pd.DataFrame | None,
    names: dict | None = None,
    headline: dict | None = None,
) -> alt.VConcatChart:
    """Capabilities, compute and chips on one time axis (``names``: chip id ->
    name shown in tooltips). ``headline`` holds the chapter's glued
    ``current_lag`` (months) and ``compute_ratio`` for the title."""
    names = names or {}
    countries = [gap.US, gap.CHINA]
    points = shares[shares["country"].isin(countries)]
    dates = [lag.dropna().index.min(), max(lag.index.max(), points["date"].max())]
    if ceiling is not None and len(ceiling):
        dates[0] = min(dates[0], ceiling["date"].min())
    domain = [d.strftime("%Y-%m-%d") for d in dates]
    x = alt.X("date:T", title=None, scale=alt.Scale(domain=domain, padding=X_PADDING), axis=DATE_AXIS)
    top = (
        alt.Chart(_lag_points(lag, CHINA_BEHIND))
        .mark_line(strokeWidth=2, color=COUNTRY_COLORS[gap.CHINA], clip=True)
        .encode(
            x=x,
            y=alt.Y("value:Q", axis=_inside_axis()),
            tooltip=[alt.Tooltip("date:T", title="Date"), alt.Tooltip("value:Q", title="Lag (months)", format=".1f")],
        )
        .properties(width=PANEL_WIDTH, height=150, title=_panel_title("Capabilities: China's lag behind the US frontier, months"))
    )
    share_data = pd.DataFrame(
        {
            "date": points["date"].dt.strftime("%Y-%m-%d"),
            "country": points["country"],
            "share_pct": (100 * points["share"]).round(1),
            "source": points["id"].str.rsplit("-", n=1).str[0],
            "confidence": points["confidence"],
        }
    )
    middle = (
        alt.Chart(share_data)
        .mark_point(filled=True, size=70)
        .encode(
            x=x,
            y=alt.Y("share_pct:Q", scale=alt.Scale(domain=[0, 100]), axis=_inside_axis()),
            color=alt.Color("country:N", scale=country_scale(countries), title=None, legend=alt.Legend(orient="top")),
            shape=alt.Shape(
                "confidence:N",
                title="Confidence",
                legend=alt.Legend(orient="bottom"),
                scale=alt.Scale(domain=["high", "medium", "low"], range=["circle", "square", "triangle"]),
            ),
            tooltip=[
                alt.Tooltip("country:N", title="Country"),
                alt.Tooltip("share_pct:Q", title="Share (%)", format=".0f"),
                alt.Tooltip("source:N", title="Source row"),
                alt.Tooltip("date:T", title="Published"),
                alt.Tooltip("confidence:N", title="Confidence"),
            ],
        )
        .properties(width=PANEL_WIDTH, height=150, title=_panel_title("Compute: share of AI supercomputer performance, %"))
    )
    panels = [top, middle]
    datasets = ["frontier_models", "compute_shares"]
    description = (
        "Panels sharing a time axis. Top: months the best Chinese model trailed the US frontier on the Epoch "
        "Capabilities Index. Next: the US and Chinese shares of AI compute from the sourced snapshots, marked by "
        "confidence."
    )
    if ceiling is not None and len(ceiling):
        frame = ceiling.sort_values("date")
        last = frame.iloc[[-1]].assign(date=pd.Timestamp(dates[1]))
        frame = pd.concat([frame, last], ignore_index=True)
        # No listed chip legal: drawn at zero, as the verdict rules read it.
        none = frame["best_legal_chip"].isna() & frame["tpp_ratio"].isna()
        chips = pd.DataFrame(
            {
                "date": frame["date"].dt.strftime("%Y-%m-%d"),
                "tpp_pct": (100 * frame["tpp_ratio"].where(~none, 0.0)).round(1),
                "best_legal_chip": frame["best_legal_chip"]
                .map(lambda chip: names.get(chip, chip), na_action="ignore")
                .fillna("none in the table"),
                "best_us_chip": frame["best_us_chip"].map(lambda chip: names.get(chip, chip)),
            }
        )
        bottom = (
            alt.Chart(chips)
            .mark_line(interpolate="step-after", strokeWidth=2, color="#555555", clip=True)
            .encode(
                x=alt.X("date:T", title=None, scale=alt.Scale(domain=domain, padding=X_PADDING), axis=DATE_AXIS),
                y=alt.Y("tpp_pct:Q", scale=alt.Scale(domain=[0, 100]), axis=_inside_axis()),
                tooltip=[
                    alt.Tooltip("date:T", title="From"),
                    alt.Tooltip("best_legal_chip:N", title="Best chip legal for China"),
                    alt.Tooltip("best_us_chip:N", title="Best US chip"),
                    alt.Tooltip("tpp_pct:Q", title="TPP, % of best US chip", format=".0f"),
                ],
            )
            .properties(
                width=PANEL_WIDTH,
                height=130,
                title=_panel_title("Chips: best chip legal for China, % of the best US chip's performance"),
            )
        )
        panels.append(bottom)
        datasets += ["accelerators", "chip_export_status", "export_controls"]
        description += (
            " Bottom: the total processing performance of the best chip that could legally be sold to China, as a "
            "percentage of the best US chip's, as the export rules changed."
        )
    chart = (
        alt.vconcat(*panels, spacing=16).resolve_scale(x="shared", color="independent", shape="independent").properties(padding=0)
    )
    tidy = [_lag_points(lag, CHINA_BEHIND).assign(unit="months")]
    tidy.append(
        share_data.rename(columns={"share_pct": "value"}).assign(
            series=lambda f: "Share of AI compute: " + f["country"], unit="percent"
        )
    )
    if ceiling is not None and len(ceiling):
        tidy.append(
            chips.rename(columns={"tpp_pct": "value"}).assign(series="Best legal chip, % of best US chip (TPP)", unit="percent")
        )
    tidy = pd.concat(tidy, ignore_index=True)[["date", "series", "value", "unit"]]
    if headline is None:
        headline = {"current_lag": float(lag.dropna().iloc[-1]), "compute_ratio": float("nan")}
    return _narrow_title(
        finish(
            chart,
            source=f"{EPOCH_CREDIT}; compute shares and chip ceiling as sourced in the book's tables",
            title=(
                f"A capability lag of {headline['current_lag']:.1f} months beside a US compute share "
                f"{headline['compute_ratio']:.1f} times China's"
            ),
            subtitle=(
                "Capabilities, compute and chips on one time axis: the lag in months, each country's share of AI "
                "supercomputer performance in %, and the best chip legal for China as a % of the best US chip"
            ),
            figure="fig-05-layers",
            tidy=tidy,
            description=description,
            datasets=datasets,
        )
    )
