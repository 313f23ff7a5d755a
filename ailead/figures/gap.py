"""Charts for the chapter on the size of the lead (ECI frontiers and lag).

Every chart states its finding in its title (computed from the data it
draws, see :mod:`ailead.wording`), says what it measures in its subtitle,
and exports the data it shows as one tidy table (``finish(tidy=)``).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import gap, wording
from ..charts import COUNTRY_COLORS, OKABE_ITO, country_scale, finish, fit_title, month_rules
from ..scenarios import THRESHOLDS

EPOCH_CREDIT = "Epoch AI, Epoch Capabilities Index (CC BY 4.0); analysis by the project contributors"
#: The y axis of every chart of China's lag, in plain words.
LAG_TITLE = "Months China's best model trailed the US"
#: The open-weights comparison: a neutral colour (not a country's).
OPEN_COLOR = "#555555"
COUNTRY_LAG = "China behind the US"
OPEN_LAG = "Open weights behind closed"
#: Colours of the publishers of other lags (none of them a country's colour).
PUBLISHER_COLORS = [OKABE_ITO[2], OKABE_ITO[3], OKABE_ITO[5], OKABE_ITO[7]]
#: The day, month and year axis format the book's date axes use.
DATE_AXIS = alt.Axis(format="%b %Y", labelAngle=0, tickCount=5, labelOverlap=True)
LAG_UNITS = {"date": "YYYY-MM-DD", "lag_months": "months"}


def knots(series: pd.Series) -> pd.Series:
    """The days where a daily lag series changes slope, plus its ends.

    Between two jumps the lag grows by exactly one day per day, so a line
    through these points draws the same shape as the full daily series at a
    fraction of the page weight.
    """
    values = series.dropna()
    if len(values) < 3:
        return values
    step = values.diff()
    regular = (step - 1 / gap.DAYS_PER_MONTH).abs() < 1e-9
    keep = ~regular | ~regular.shift(-1, fill_value=False)
    keep.iloc[0] = keep.iloc[-1] = True
    return values[keep]


def frontier_steps(models: pd.DataFrame, countries: list[str], end) -> pd.DataFrame:
    """Frontier step points per country, carried forward to ``end`` so the
    last step is drawn to the date of the data (``moved`` is False on that
    carried point, which is no release)."""
    frames = []
    for country in countries:
        steps = gap.frontier(models, country).assign(country=country, moved=True)
        tail = steps.iloc[[-1]].assign(release_date=pd.Timestamp(end), moved=False)
        frames.append(pd.concat([steps, tail], ignore_index=True))
    return pd.concat(frames, ignore_index=True)


def frontier_tidy(models: pd.DataFrame, countries: list[str]) -> pd.DataFrame:
    """The models that moved a frontier: the data the frontier chart shows."""
    frames = [gap.frontier(models, country).assign(country=country) for country in countries]
    steps = pd.concat(frames, ignore_index=True)
    return pd.DataFrame(
        {
            "date": steps["release_date"].dt.strftime("%Y-%m-%d"),
            "country": steps["country"],
            "model": steps["model"],
            "eci_score": steps["eci_score"].round(2),
        }
    )


def end_labels(last: pd.DataFrame, value: str, series: str, gap_px: int = 11) -> pd.DataFrame:
    """Direct labels at the right end of two or more lines that never overprint:
    the line ending highest is labelled above its end, the others below theirs
    (``dy`` in pixels), so two labels are always on opposite sides of the gap
    between the lines. ``last`` has one row per line."""
    ranked = last.sort_values(value, ascending=False, kind="stable").reset_index(drop=True)
    ranked["dy"] = [-gap_px if i == 0 else gap_px for i in range(len(ranked))]
    ranked["baseline"] = ["bottom" if i == 0 else "top" for i in range(len(ranked))]
    return ranked[[series, value, "date", "dy", "baseline"]]


def _end_label_layer(labels: pd.DataFrame, x, y, series: str, colors: dict[str, str]) -> alt.LayerChart:
    layers = []
    for row in labels.itertuples():
        frame = labels[labels[series] == getattr(row, series)]
        layers.append(
            alt.Chart(frame)
            .mark_text(
                align="right",
                baseline=row.baseline,
                dy=row.dy,
                fontSize=12,
                fontWeight="bold",
                color=colors[getattr(row, series)],
            )
            .encode(x=x, y=y, text=f"{series}:N")
        )
    return alt.layer(*layers)


def frontier_chart(models: pd.DataFrame, end) -> alt.LayerChart:
    """The best ECI score each country has reached, as step lines with each
    model that moved a frontier marked; the country is named at each line's
    end (no legend) and each model in its tooltip."""
    countries = [gap.US, gap.CHINA]
    steps = frontier_steps(models, countries, end)
    steps["date"] = steps["release_date"].dt.strftime("%Y-%m-%d")
    steps = steps.drop(columns="release_date")
    steps["eci_score"] = steps["eci_score"].round(2)
    x = alt.X("date:T", title=None, axis=DATE_AXIS)
    y = alt.Y("eci_score:Q", title="Best score to date (ECI points)", scale=alt.Scale(zero=False))
    base = alt.Chart(steps).encode(x=x, y=y, color=alt.Color("country:N", scale=country_scale(countries), legend=None))
    line = base.mark_line(interpolate="step-after", strokeWidth=2)
    points = (
        base.transform_filter("datum.moved")
        .mark_point(filled=True, size=40)
        .encode(
            tooltip=[
                alt.Tooltip("model:N", title="Model"),
                alt.Tooltip("country:N", title="Country"),
                alt.Tooltip("date:T", title="Released", format="%-d %b %Y"),
                alt.Tooltip("eci_score:Q", title="ECI", format=".1f"),
            ]
        )
    )
    last = steps[~steps["moved"]].assign(name=lambda f: f["country"].map(wording.country_short))
    names = {wording.country_short(c): COUNTRY_COLORS[c] for c in countries}
    labels = _end_label_layer(end_labels(last, "eci_score", "name"), x, y, "name", names)
    chart = alt.layer(line, points, labels).properties(height=340)
    lag = gap.lag_frame(models, start=gap.WINDOW_START, end=pd.Timestamp(end))["lag_months"]
    tidy = frontier_tidy(models, countries)
    return fit_title(
        finish(
            chart,
            source=EPOCH_CREDIT,
            datasets=["frontier_models"],
            title=wording.frontier_title(float(lag.min()), lag.dropna().index.min()),
            subtitle="Best Epoch Capabilities Index score each country's models had reached by each date, in ECI points; dots mark the models that raised it",
            figure="fig-01-frontiers",
            tidy=tidy,
            units={"date": "release date, YYYY-MM-DD", "eci_score": "ECI points"},
            description=(
                "Step lines of the best ECI score reached by US and by Chinese models since 2023, "
                "with a dot for each model that raised its country's frontier (its name in the tooltip)."
            ),
        )
    )


def lag_tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """The daily lag at its knots: the data the lag chart shows."""
    data = frame.loc[knots(frame["lag_months"]).index].reset_index()
    return pd.DataFrame(
        {
            "date": data["date"].dt.strftime("%Y-%m-%d"),
            "lag_months": data["lag_months"].round(2),
            "chinese_model": data["follower_model"],
            "us_model_matched": data["leader_model"],
            "measure": data["censored"].map({True: "lower bound (censored)", False: "measured"}),
        }
    )


def lag_chart(frame: pd.DataFrame, reference_months=THRESHOLDS) -> alt.LayerChart:
    """The daily lag, censored days drawn dashed, with reference lines."""
    data = lag_tidy(frame)
    line = (
        alt.Chart(data)
        .mark_line(strokeWidth=2, color=COUNTRY_COLORS[gap.CHINA])
        .encode(
            x=alt.X("date:T", title=None, axis=DATE_AXIS),
            y=alt.Y("lag_months:Q", title=LAG_TITLE),
            strokeDash=alt.StrokeDash(
                "measure:N",
                title=None,
                scale=alt.Scale(domain=["measured", "lower bound (censored)"], range=[[1, 0], [4, 3]]),
            ),
            tooltip=[
                alt.Tooltip("date:T", title="Date", format="%-d %b %Y"),
                alt.Tooltip("lag_months:Q", title="Lag (months)", format=".1f"),
                alt.Tooltip("chinese_model:N", title="Best Chinese model"),
                alt.Tooltip("us_model_matched:N", title="First US model at that score"),
            ],
        )
    )
    chart = (line + month_rules(reference_months)).properties(height=300)
    latest = frame["lag_months"].dropna()
    low, high = min(reference_months), max(reference_months)
    return fit_title(
        finish(
            chart,
            source=EPOCH_CREDIT,
            datasets=["frontier_models"],
            title=wording.lag_title(float(latest.iloc[-1]), latest.index[-1], low, high),
            subtitle=(
                "Months since a US model first reached the score of China's best model, each day; "
                f"dashed lines at {low:g} and {high:g} months, the lead Anthropic proposes"
            ),
            figure="fig-01-lag",
            tidy=data,
            units={**LAG_UNITS},
            description=(
                "Line of how many months the US frontier was ahead of China's best model on each day, "
                f"with dashed reference lines at {low:g} and {high:g} months, the range of Anthropic's proposed lead. "
                "Days on which the lag is only a lower bound are drawn dashed."
            ),
        )
    )


def comparison_tidy(country_lag: pd.Series, open_lag: pd.Series) -> pd.DataFrame:
    frames = []
    for name, values in ((COUNTRY_LAG, country_lag), (OPEN_LAG, open_lag)):
        points = knots(values)
        frames.append(
            pd.DataFrame(
                {"date": points.index.strftime("%Y-%m-%d"), "comparison": name, "lag_months": points.round(2).to_numpy()}
            )
        )
    return pd.concat(frames, ignore_index=True)


def comparison_chart(country_lag: pd.Series, open_lag: pd.Series, within3_percent: float) -> alt.LayerChart:
    """China's lag behind the US (vermillion, drawn on top) and the open-weights
    lag behind closed models (a wider grey line beneath, so both stay visible
    where they coincide), named in a legend: their ends lie too close for
    direct labels."""
    data = comparison_tidy(country_lag, open_lag)
    colors = {COUNTRY_LAG: COUNTRY_COLORS[gap.CHINA], OPEN_LAG: OPEN_COLOR}
    x = alt.X("date:T", title=None, axis=DATE_AXIS)
    y = alt.Y("lag_months:Q", title="Months behind")
    tooltip = [
        alt.Tooltip("comparison:N", title="Comparison"),
        alt.Tooltip("date:T", title="Date", format="%-d %b %Y"),
        alt.Tooltip("lag_months:Q", title="Lag (months)", format=".1f"),
    ]
    color = alt.Color(
        "comparison:N",
        title=None,
        scale=alt.Scale(domain=list(colors), range=list(colors.values())),
        legend=alt.Legend(orient="top", direction="vertical", symbolType="stroke", symbolStrokeWidth=3),
    )
    under = (
        alt.Chart(data)
        .transform_filter(alt.datum.comparison == OPEN_LAG)
        .mark_line(strokeWidth=4, opacity=0.55)
        .encode(x=x, y=y, color=color, tooltip=tooltip)
    )
    over = (
        alt.Chart(data)
        .transform_filter(alt.datum.comparison == COUNTRY_LAG)
        .mark_line(strokeWidth=1.75)
        .encode(x=x, y=y, color=color, tooltip=tooltip)
    )
    chart = alt.layer(under, over).properties(height=280)
    return fit_title(
        finish(
            chart,
            source=EPOCH_CREDIT,
            datasets=["frontier_models"],
            title=wording.open_closed_title(within3_percent),
            subtitle=(
                "Months the best Chinese model trailed the US frontier, and months the best open-weights model "
                "(any country) trailed the best closed model, each day"
            ),
            figure="fig-01-open-closed",
            tidy=data,
            units={**LAG_UNITS},
            description=(
                "Two lines over time: the lag of the best Chinese model behind the US frontier (vermillion), and the lag "
                "of the best open-weight model behind the best closed model (grey), both in months."
            ),
        )
    )


YARDSTICK_CREDIT = (
    "Epoch AI (ECI, CC BY 4.0); NIST CAISI; DeepSeek; as tabulated in data/gap_yardsticks.csv; "
    "analysis by the project contributors"
)
BOOK_LAG = "This book's ECI lag"


def yardstick_marks(rows: pd.DataFrame) -> pd.DataFrame:
    """The published lags in months, one row each: the data the points and bars show."""
    timed = rows[rows["in_time"]]
    return pd.DataFrame(
        {
            "date": timed["as_of"].dt.strftime("%Y-%m-%d").to_numpy(),
            "publisher": timed["publisher"].to_numpy(),
            # A published value is a point; a range published without one is only a bar.
            "value": timed["value"].astype(float).to_numpy(),
            "low": timed["value_low"].astype(float).fillna(timed["value"]).to_numpy(),
            "high": timed["value_high"].astype(float).fillna(timed["value"]).to_numpy(),
        }
    )


def yardstick_chart(models: pd.DataFrame, rows: pd.DataFrame) -> alt.LayerChart:
    """Published lags in months (points, with their published range as a bar)
    over the book's daily ECI lag. Yardsticks in other units (percent,
    rating or index points) are left out: no sourced method turns them into
    months, so they are only in the table."""
    frame = gap.lag_frame(models, start=gap.WINDOW_START, end=models["release_date"].max())
    line_points = knots(frame["lag_months"])
    line_data = pd.DataFrame(
        {"date": line_points.index.strftime("%Y-%m-%d"), "lag_months": line_points.round(2).to_numpy(), "series": BOOK_LAG}
    )
    marks = yardstick_marks(rows)
    publishers = list(dict.fromkeys(marks["publisher"]))
    publisher_color = alt.Color(
        "publisher:N",
        title=None,
        scale=alt.Scale(domain=publishers, range=PUBLISHER_COLORS[: len(publishers)]),
        # Long names end in an ellipsis rather than run past a phone's edge (the tooltip has them in full).
        legend=alt.Legend(orient="top", direction="vertical", labelLimit=250),
    )
    x = alt.X("date:T", title=None, axis=DATE_AXIS)
    line = (
        alt.Chart(line_data)
        .mark_line(strokeWidth=1.5, color=COUNTRY_COLORS[gap.CHINA], opacity=0.45)
        .encode(x=x, y=alt.Y("lag_months:Q", title=LAG_TITLE))
    )
    line_label = (
        alt.Chart(line_data.tail(1))
        .mark_text(align="right", baseline="bottom", dy=-24, fontSize=11, color=COUNTRY_COLORS[gap.CHINA])
        .encode(x=x, y="lag_months:Q", text="series:N")
    )
    bars = alt.Chart(marks).mark_rule(strokeWidth=3, opacity=0.6).encode(x=x, y="low:Q", y2="high:Q", color=publisher_color)
    points = (
        alt.Chart(marks)
        .transform_filter("isValid(datum.value)")
        .mark_point(filled=True, size=90, opacity=1)
        .encode(
            x=x,
            y="value:Q",
            color=publisher_color,
            tooltip=[
                alt.Tooltip("publisher:N", title="Publisher"),
                alt.Tooltip("date:T", title="As of", format="%b %Y"),
                alt.Tooltip("value:Q", title="Published (months)", format="g"),
                alt.Tooltip("low:Q", title="Low", format="g"),
                alt.Tooltip("high:Q", title="High", format="g"),
            ],
        )
    )
    chart = (line + line_label + bars + points).properties(height=300)
    tidy = pd.concat(
        [
            marks.assign(series="published"),
            line_data.rename(columns={"lag_months": "value"}).assign(publisher="", low=float("nan"), high=float("nan")),
        ],
        ignore_index=True,
    )[["date", "series", "publisher", "value", "low", "high"]]
    return fit_title(
        finish(
            chart,
            source=YARDSTICK_CREDIT,
            datasets=["gap_yardsticks", "frontier_models"],
            # A published value where there is one, else the published range.
            title=wording.yardstick_title(marks["value"].fillna(marks["low"]).min(), marks["value"].fillna(marks["high"]).max()),
            subtitle=(
                "Published estimates of how many months China trails the US (dots for a value, bars for a range), "
                "at the date each describes, over this book's daily ECI lag"
            ),
            figure="fig-01-yardsticks",
            tidy=tidy,
            units={"date": "YYYY-MM-DD", "value": "months", "low": "months", "high": "months"},
            description=(
                "Faint vermillion line of the book's daily ECI lag of China's best model behind the US frontier, with one "
                "coloured point per published estimate in months (Epoch AI, CAISI) at the date it describes, "
                "and a bar for a published range (Epoch AI's smallest and largest daily lag; DeepSeek's own range, "
                "published without a single value)."
            ),
        )
    )
