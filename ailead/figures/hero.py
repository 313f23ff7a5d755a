"""The book's one-glance chart (issue 16, item 1): the measured lag and the
two 2028 worlds against the lead the essay claims.

It draws only numbers the chapters already compute: chapter 01's daily lag
(:func:`ailead.gap.lag_frame`) and chapter 04's fans
(:func:`ailead.scenarios.lag_fan` of :func:`ailead.chapters.ch04.simulations`,
cached), so it runs no simulation of its own.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import wording
from ..charts import finish, fit_title
from .gap import knots
from .scenarios import SCENARIO_COLORS

#: Names of the series, as the legend, the labels and the download show them.
MEASURED = "Measured"
WORLD_LABELS = {"act": "Forecast if the US acts", "drift": "Forecast if it does not"}
MEASURED_COLOR = "#333333"
BAND_COLOR = "#9e9e9e"
SOURCE = (
    "Epoch AI, Epoch Capabilities Index (CC BY 4.0); claimed lead: Anthropic (May 2026); "
    "scenario model and sourced inputs by the project contributors"
)
DATASETS = ["frontier_models", "claims", "scenario_parameters", "distillation_parameters"]
#: Units of the columns of the figure's download.
UNITS = {"lag_months": "months", "low_80_months": "months", "high_80_months": "months"}


def hero_data(daily: pd.Series, fans: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The data the hero chart shows, one row per date and series: the
    measured lag (at the days where its slope changes, which draw the same
    line as every day) and each world's median with its 80% interval."""
    measured = knots(daily)
    frames = [
        pd.DataFrame(
            {
                "date": pd.DatetimeIndex(measured.index),
                "series": MEASURED,
                "lag_months": measured.to_numpy(),
                "low_80_months": float("nan"),
                "high_80_months": float("nan"),
            }
        )
    ]
    for name, fan in fans.items():
        frames.append(
            pd.DataFrame(
                {
                    "date": pd.DatetimeIndex(fan.index),
                    "series": WORLD_LABELS[name],
                    "lag_months": fan["q50"].to_numpy(),
                    "low_80_months": fan["q10"].to_numpy(),
                    "high_80_months": fan["q90"].to_numpy(),
                }
            )
        )
    out = pd.concat(frames, ignore_index=True)
    out["date"] = out["date"].dt.strftime("%Y-%m-%d")
    for column in UNITS:
        out[column] = out[column].astype(float).round(2)
    return out


def hero_chart(daily: pd.Series, fans: dict[str, pd.DataFrame], low: float, high: float) -> alt.LayerChart:
    """The measured lag, then each world's median and 80% interval to
    December 2028, over a band marking the claimed ``low``-``high`` months."""
    tidy = hero_data(daily, fans)
    latest = float(daily.dropna().iloc[-1])
    ends = {name: float(fan["q50"].iloc[-1]) for name, fan in fans.items()}
    domain = [MEASURED, *(WORLD_LABELS[n] for n in fans)]
    colors = [MEASURED_COLOR, *(SCENARIO_COLORS[n] for n in fans)]
    color = alt.Color(
        "series:N",
        scale=alt.Scale(domain=domain, range=colors),
        title=None,
        legend=alt.Legend(orient="top", direction="vertical"),
    )
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year"))
    band = pd.DataFrame({"low": [low], "high": [high], "label": [f"Claimed lead: {wording.claim_band(low, high)}"]})
    claimed = alt.Chart(band).mark_rect(color=BAND_COLOR, opacity=0.18).encode(y="low:Q", y2="high:Q")
    claimed_label = (
        alt.Chart(band)
        .mark_text(align="left", baseline="top", dx=4, dy=4, color="#444444", fontSize=11)
        .encode(y="high:Q", x=alt.value(0), text="label:N")
    )
    base = alt.Chart(tidy).encode(x=x, color=color)
    intervals = (
        base.transform_filter(alt.datum.series != MEASURED)
        .mark_area(opacity=0.22)
        .encode(y="low_80_months:Q", y2="high_80_months:Q")
    )
    lines = base.mark_line(strokeWidth=2.2).encode(
        y=alt.Y("lag_months:Q", title="Months China trails the US", scale=alt.Scale(domainMin=0)),
        tooltip=[
            alt.Tooltip("series:N", title="Series"),
            alt.Tooltip("date:T", title="Date"),
            alt.Tooltip("lag_months:Q", title="Lag (median for a forecast), months", format=".1f"),
            alt.Tooltip("low_80_months:Q", title="80% interval from", format=".1f"),
            alt.Tooltip("high_80_months:Q", title="80% interval to", format=".1f"),
        ],
    )
    last = tidy.groupby("series", sort=False).tail(1).copy()
    last["label"] = [f"{v:.0f} months" for v in last["lag_months"]]
    end_labels = (
        alt.Chart(last)
        .mark_text(align="right", baseline="bottom", dy=-6, fontSize=11, fontWeight="bold")
        .encode(x="date:T", y="lag_months:Q", text="label:N", color=color)
    )
    chart = (claimed + claimed_label + intervals + lines + end_labels).properties(height=340)
    # Title and subtitle rewrapped to the plot's width, so no line runs past a phone's edge.
    return fit_title(
        finish(
            chart,
            source=SOURCE,
            datasets=DATASETS,
            title=wording.hero_title(latest, ends["act"], ends["drift"], low, high),
            subtitle=(
                "How many months China's best model trails the US frontier on Epoch AI's capabilities index: "
                "measured each day, then the forecast's median and 80% interval in each world to December 2028. "
                "The shaded band is the lead the essay says can be locked in."
            ),
            figure="fig-00-hero",
            tidy=tidy,
            units=UNITS,
            description=(
                f"Line chart in months. The measured lag of China's best model behind the US frontier runs from "
                f"{tidy['date'].iloc[0]} to {wording.iso_date(daily.dropna().index[-1])}, ending at {latest:.1f} months. "
                f"From there two forecast fans run to December 2028: a median of {ends['act']:.1f} months if the US acts "
                f"and {ends['drift']:.1f} months if it does not, each with a shaded 80% interval. A grey band marks "
                f"the claimed lead of {wording.claim_band(low, high)}."
            ),
        )
    )
