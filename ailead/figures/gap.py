"""Charts for the chapter on the size of the lead (ECI frontiers and lag)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import gap
from ..charts import COUNTRY_COLORS, country_scale, finish, month_rules
from ..scenarios import THRESHOLDS

EPOCH_CREDIT = "Epoch AI, Epoch Capabilities Index (CC BY 4.0); analysis by the project contributors"
LAG_TITLE = "Lag of the follower's best model (months)"
#: Frontier moves smaller than this (ECI points) are marked but not named,
#: so names do not pile up where releases crowd together.
LABEL_MIN_JUMP = 2.0


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
    last step is drawn to the date of the data."""
    frames = []
    for country in countries:
        steps = gap.frontier(models, country).assign(country=country, moved=True)
        jump = steps["eci_score"].diff().fillna(float("inf"))
        steps["label"] = steps["model"].where(jump >= LABEL_MIN_JUMP, "")
        tail = steps.iloc[[-1]].assign(release_date=pd.Timestamp(end), moved=False, label="")
        frames.append(pd.concat([steps, tail], ignore_index=True))
    return pd.concat(frames, ignore_index=True)


def frontier_chart(models: pd.DataFrame, end) -> alt.LayerChart:
    countries = [gap.US, gap.CHINA]
    steps = frontier_steps(models, countries, end)
    steps["date"] = steps["release_date"].dt.strftime("%Y-%m-%d")
    steps = steps.drop(columns="release_date")
    base = alt.Chart(steps).encode(
        x=alt.X("date:T", title="Release date"),
        y=alt.Y("eci_score:Q", title="Best ECI score to date (index points)", scale=alt.Scale(zero=False)),
        color=alt.Color("country:N", scale=country_scale(countries), title=None),
    )
    line = base.mark_line(interpolate="step-after", strokeWidth=2)
    points = (
        base.transform_filter("datum.moved")
        .mark_point(filled=True, size=45)
        .encode(
            tooltip=[
                alt.Tooltip("model:N", title="Model"),
                alt.Tooltip("date:T", title="Released"),
                alt.Tooltip("eci_score:Q", title="ECI", format=".1f"),
            ]
        )
    )
    labels = base.transform_filter("datum.moved").mark_text(align="left", dx=5, dy=-7, fontSize=9, angle=0).encode(text="label:N")
    chart = (line + points + labels).properties(height=380)
    return finish(
        chart,
        source=EPOCH_CREDIT,
        datasets=["frontier_models"],
        description=(
            "Step lines of the best ECI score reached by US and by Chinese models since 2023, "
            "with each model that raised its country's frontier marked (and named where the jump was "
            "large)."
        ),
    )


def lag_chart(frame: pd.DataFrame, reference_months=THRESHOLDS) -> alt.LayerChart:
    """The daily lag, censored days drawn lighter, with reference lines."""
    data = frame.loc[knots(frame["lag_months"]).index].reset_index()
    data = pd.DataFrame(
        {
            "date": data["date"].dt.strftime("%Y-%m-%d"),
            "lag_months": data["lag_months"].round(2),
            "chinese_model": data["follower_model"],
            "us_model_matched": data["leader_model"],
            "measure": data["censored"].map({True: "lower bound (censored)", False: "measured"}),
        }
    )
    line = (
        alt.Chart(data)
        .mark_line(strokeWidth=2, color=COUNTRY_COLORS[gap.CHINA])
        .encode(
            x=alt.X("date:T", title="Date"),
            y=alt.Y("lag_months:Q", title=LAG_TITLE),
            strokeDash=alt.StrokeDash(
                "measure:N",
                title=None,
                scale=alt.Scale(domain=["measured", "lower bound (censored)"], range=[[1, 0], [4, 3]]),
            ),
            tooltip=[
                alt.Tooltip("date:T", title="Date"),
                alt.Tooltip("lag_months:Q", title="Lag (months)", format=".1f"),
                alt.Tooltip("chinese_model:N", title="Best Chinese model"),
                alt.Tooltip("us_model_matched:N", title="First US model at that score"),
            ],
        )
    )
    chart = (line + month_rules(reference_months)).properties(height=300)
    return finish(
        chart,
        source=EPOCH_CREDIT,
        datasets=["frontier_models"],
        description=(
            "Line of how many months the US frontier was ahead of China's best model on each day, "
            "with dashed reference lines at 12 and 24 months, the range of Anthropic's proposed lead. "
            "Days on which the lag is only a lower bound are drawn dashed."
        ),
    )


def comparison_chart(series: dict[str, pd.Series]) -> alt.Chart:
    """Several lag series on one axis (e.g. US-China and closed-open)."""
    frames = []
    for name, values in series.items():
        points = knots(values)
        frames.append(
            pd.DataFrame(
                {"date": points.index.strftime("%Y-%m-%d"), "lag_months": points.round(2).to_numpy(), "comparison": name}
            )
        )
    data = pd.concat(frames, ignore_index=True)
    chart = (
        alt.Chart(data)
        .mark_line(strokeWidth=2)
        .encode(
            x=alt.X("date:T", title="Date"),
            y=alt.Y("lag_months:Q", title=LAG_TITLE),
            color=alt.Color("comparison:N", title=None),
            tooltip=[
                alt.Tooltip("comparison:N", title="Comparison"),
                alt.Tooltip("date:T", title="Date"),
                alt.Tooltip("lag_months:Q", title="Lag (months)", format=".1f"),
            ],
        )
        .properties(height=280)
    )
    return finish(
        chart,
        source=EPOCH_CREDIT,
        datasets=["frontier_models"],
        description=(
            "Two lines over time: the lag of the best Chinese model behind the US frontier, and the lag "
            "of the best open-weight model behind the best closed model, both in months."
        ),
    )


YARDSTICK_CREDIT = (
    "Epoch AI (ECI, CC BY 4.0); NIST CAISI; DeepSeek; as tabulated in data/gap_yardsticks.csv; "
    "analysis by the project contributors"
)


def yardstick_chart(models: pd.DataFrame, rows: pd.DataFrame) -> alt.LayerChart:
    """Published lags in months (points, with their published range as a bar)
    over the book's daily ECI lag. Yardsticks in other units (percent,
    rating or index points) are left out: no sourced method turns them into
    months, so they are only in the table."""
    frame = gap.lag_frame(models, start=gap.WINDOW_START, end=models["release_date"].max())
    line_points = knots(frame["lag_months"])
    line_data = pd.DataFrame(
        {
            "date": line_points.index.strftime("%Y-%m-%d"),
            "lag_months": line_points.round(2).to_numpy(),
            "series": "This book's ECI lag",
        }
    )
    timed = rows[rows["in_time"]]
    marks = pd.DataFrame(
        {
            "date": timed["as_of"].dt.strftime("%Y-%m-%d").to_numpy(),
            "publisher": timed["publisher"].to_numpy(),
            # A published value is a point; a range published without one is only a bar.
            "value": timed["value"].astype(float).to_numpy(),
            "low": timed["value_low"].astype(float).fillna(timed["value"]).to_numpy(),
            "high": timed["value_high"].astype(float).fillna(timed["value"]).to_numpy(),
        }
    )
    x = alt.X("date:T", title="Date measured")
    line = (
        alt.Chart(line_data)
        .mark_line(strokeWidth=1.5, color="#999999")
        .encode(x=x, y=alt.Y("lag_months:Q", title="Lag of China's best model (months)"))
    )
    bars = (
        alt.Chart(marks)
        .mark_rule(strokeWidth=3, opacity=0.5)
        .encode(x=x, y="low:Q", y2="high:Q", color=alt.Color("publisher:N", title=None))
    )
    points = (
        alt.Chart(marks)
        .transform_filter("isValid(datum.value)")
        .mark_point(filled=True, size=90)
        .encode(
            x=x,
            y="value:Q",
            color=alt.Color("publisher:N", title=None),
            tooltip=[
                alt.Tooltip("publisher:N", title="Publisher"),
                alt.Tooltip("date:T", title="As of"),
                alt.Tooltip("value:Q", title="Published (months)", format="g"),
                alt.Tooltip("low:Q", title="Low", format="g"),
                alt.Tooltip("high:Q", title="High", format="g"),
            ],
        )
    )
    chart = (line + bars + points).properties(height=300)
    return finish(
        chart,
        source=YARDSTICK_CREDIT,
        datasets=["gap_yardsticks", "frontier_models"],
        description=(
            "Grey line of the book's daily ECI lag of China's best model behind the US frontier, with one "
            "coloured point per published estimate in months (Epoch AI, CAISI) at the date it describes, "
            "and a bar for a published range (Epoch AI's smallest and largest daily lag; DeepSeek's own range, "
            "published without a single value)."
        ),
    )
