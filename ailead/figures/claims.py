"""Charts for chapter 05: every public claim about the gap scored against the data."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import gap
from ..charts import COUNTRY_COLORS, country_scale, finish
from ..claims import RULES, Rules
from .gap import EPOCH_CREDIT, knots

#: One colour per window class (Okabe-Ito; grey for no clear answer).
CLASS_COLORS = {"narrowing": "#56B4E9", "stable": "#009E73", "widening": "#E69F00", "unclear": "#DDDDDD"}
PANEL_WIDTH = 600


def _class_scale() -> alt.Scale:
    return alt.Scale(domain=list(CLASS_COLORS), range=list(CLASS_COLORS.values()))


def window_chart(grid: pd.DataFrame, claims: pd.DataFrame, rules: Rules = RULES) -> alt.LayerChart:
    """Every window of a year or more, coloured by what its lag trend says,
    with the windows of the trend claims marked on top. ``grid`` is
    :func:`ailead.claims.window_grid` (censored days already left out)."""
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
    x = alt.X("yearmonth(end):T", title="Window ends (month)")
    y = alt.Y("yearmonth(start):T", title="Window starts (month)", sort="descending")
    level = round(100 * rules.trend_level)
    rect = (
        alt.Chart(cells)
        .mark_rect()
        .encode(
            x=x,
            y=y,
            color=alt.Color("trend:N", scale=_class_scale(), title="Lag trend over the window"),
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
    return finish(
        chart,
        source=EPOCH_CREDIT,
        description=(
            f"Grid of every window of {rules.min_trend_months} or more monthly values of the lag, from the first "
            "month in which the lag is known exactly (not only as a lower bound) to the latest release. Each cell is "
            "coloured by "
            "whether the trend of the lag over that window reads as narrowing, stable, widening or unclear. "
            "Black diamonds mark the windows of the claims about a trend."
        ),
        datasets=["frontier_models", "claims"],
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
US_OPEN_BEHIND = "Best US open-weight model behind the best Chinese model"


def yardsticks_chart(lag: pd.Series, open_lag: pd.Series, scores: pd.Series, table: pd.DataFrame) -> alt.VConcatChart:
    """Three yardsticks of one gap: months of lag, ECI points, Arena percent."""
    domain = [lag.dropna().index.min().strftime("%Y-%m-%d"), lag.index.max().strftime("%Y-%m-%d")]
    x = alt.X("date:T", title=None, scale=alt.Scale(domain=domain))
    first = lag.dropna().index.min()
    months = pd.concat([_lag_points(lag, CHINA_BEHIND), _lag_points(open_lag, US_OPEN_BEHIND, start=first)], ignore_index=True)
    top = (
        alt.Chart(months)
        .mark_line(strokeWidth=2)
        .encode(
            x=x,
            y=alt.Y("value:Q", title="Lag (months)"),
            color=alt.Color(
                "series:N",
                title=None,
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
        .properties(width=PANEL_WIDTH, height=190)
    )
    middle = (
        alt.Chart(_steps(scores, "ECI score gap"))
        .mark_line(interpolate="step-after", strokeWidth=2, color="#555555")
        .encode(
            x=x,
            y=alt.Y("value:Q", title="ECI points (US best - China best)"),
            tooltip=[alt.Tooltip("date:T", title="From"), alt.Tooltip("value:Q", title="ECI points", format=".1f")],
        )
        .properties(width=PANEL_WIDTH, height=130)
    )
    arena = pd.DataFrame({"date": table["date"].dt.strftime("%Y-%m-%d"), "arena_gap_pct": table["arena_gap_pct"]})
    bottom_base = alt.Chart(arena).encode(
        x=alt.X("date:T", title="Date", scale=alt.Scale(domain=domain)),
        y=alt.Y("arena_gap_pct:Q", title="Arena score gap (%)", scale=alt.Scale(zero=True)),
        tooltip=[alt.Tooltip("date:T", title="Month"), alt.Tooltip("arena_gap_pct:Q", title="Arena gap (%)", format=".2f")],
    )
    bottom = (
        bottom_base.mark_line(strokeDash=[2, 2], color="#555555") + bottom_base.mark_point(filled=True, size=60, color="#555555")
    ).properties(width=PANEL_WIDTH, height=110)
    chart = alt.vconcat(top, middle, bottom, spacing=12).resolve_scale(x="shared", color="independent")
    return finish(
        chart,
        source=f"{EPOCH_CREDIT}; Stanford HAI, AI Index 2025 and 2026 (Arena figures)",
        description=(
            "Three panels sharing a time axis. Top: months the best Chinese model trailed the US frontier, and months "
            "the best US open-weight model trailed the best Chinese model. Middle: the gap between the best US and "
            "best Chinese scores on the Epoch Capabilities Index, in index points. Bottom: the gap on Chatbot Arena "
            "reported by the AI Index, in percent, at three dates."
        ),
        datasets=["frontier_models", "arena_gap"],
    )


def layers_chart(
    lag: pd.Series, shares: pd.DataFrame, ceiling: pd.DataFrame | None, names: dict | None = None
) -> alt.VConcatChart:
    """Capabilities, compute and chips on one time axis (``names``: chip id ->
    name shown in tooltips)."""
    names = names or {}
    countries = [gap.US, gap.CHINA]
    points = shares[shares["country"].isin(countries)]
    dates = [lag.dropna().index.min(), max(lag.index.max(), points["date"].max())]
    if ceiling is not None and len(ceiling):
        dates[0] = min(dates[0], ceiling["date"].min())
    domain = [d.strftime("%Y-%m-%d") for d in dates]
    x = alt.X("date:T", title=None, scale=alt.Scale(domain=domain))
    top = (
        alt.Chart(_lag_points(lag, CHINA_BEHIND))
        .mark_line(strokeWidth=2, color=COUNTRY_COLORS[gap.CHINA])
        .encode(
            x=x,
            y=alt.Y("value:Q", title="Capability lag (months)"),
            tooltip=[alt.Tooltip("date:T", title="Date"), alt.Tooltip("value:Q", title="Lag (months)", format=".1f")],
        )
        .properties(width=PANEL_WIDTH, height=150)
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
            y=alt.Y("share_pct:Q", title="Share of AI compute (%)", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("country:N", scale=country_scale(countries), title=None),
            shape=alt.Shape(
                "confidence:N",
                title="Confidence",
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
        .properties(width=PANEL_WIDTH, height=150)
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
            .mark_line(interpolate="step-after", strokeWidth=2, color="#555555")
            .encode(
                x=alt.X("date:T", title="Date", scale=alt.Scale(domain=domain)),
                y=alt.Y("tpp_pct:Q", title="Best legal chip, % of best US chip", scale=alt.Scale(domain=[0, 100])),
                tooltip=[
                    alt.Tooltip("date:T", title="From"),
                    alt.Tooltip("best_legal_chip:N", title="Best chip legal for China"),
                    alt.Tooltip("best_us_chip:N", title="Best US chip"),
                    alt.Tooltip("tpp_pct:Q", title="TPP, % of best US chip", format=".0f"),
                ],
            )
            .properties(width=PANEL_WIDTH, height=130)
        )
        panels.append(bottom)
        datasets += ["accelerators", "chip_export_status", "export_controls"]
        description += (
            " Bottom: the total processing performance of the best chip that could legally be sold to China, as a "
            "percentage of the best US chip's, as the export rules changed."
        )
    chart = alt.vconcat(*panels, spacing=12).resolve_scale(x="shared", color="independent", shape="independent")
    return finish(
        chart,
        source=f"{EPOCH_CREDIT}; compute shares and chip ceiling as sourced in the book's tables",
        description=description,
        datasets=datasets,
    )
