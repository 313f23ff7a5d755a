"""Charts for the chapter on the two 2028 outcomes (the scenario model)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import scenarios as sc
from ..charts import DIRECTION_COLORS, finish, month_rules
from ..presentation.scenarios import LABELS

MODEL_CREDIT = "scenario model and sourced inputs by the project contributors; measured lag: Epoch AI, ECI (CC BY 4.0)"
DATASETS = ["scenario_parameters", "distillation_parameters", "frontier_models"]
LEAD_TITLE = "US lead over China (months)"

#: How each scenario is named and coloured on every chart of the chapter.
SCENARIO_LABELS = {"act": "Act", "drift": "Drift"}
SCENARIO_COLORS = {"act": DIRECTION_COLORS["tighten"], "drift": DIRECTION_COLORS["loosen"]}
MEASURED_COLOR = "#555555"


def scenario_scale() -> alt.Scale:
    names = list(SCENARIO_LABELS)
    return alt.Scale(domain=[SCENARIO_LABELS[n] for n in names], range=[SCENARIO_COLORS[n] for n in names])


def _iso(dates) -> list[str]:
    return pd.DatetimeIndex(dates).strftime("%Y-%m-%d").tolist()


def _references(months=sc.THRESHOLDS) -> alt.LayerChart:
    return month_rules(months)


def fan_chart(fans: dict[str, pd.DataFrame], history: pd.Series) -> alt.LayerChart:
    """Median, 50% and 80% bands of the lead for each scenario, after the
    measured monthly lag. ``fans`` maps a scenario name to :func:`ailead.scenarios.fan`
    output; ``history`` is the measured lag averaged by month."""
    frames = []
    for name, frame in fans.items():
        out = frame.round(2).reset_index()
        out["date"] = _iso(out["date"])
        out["scenario"] = SCENARIO_LABELS[name]
        frames.append(out)
    bands = pd.DataFrame(pd.concat(frames, ignore_index=True))
    color = alt.Color("scenario:N", scale=scenario_scale(), title=None)
    base = alt.Chart(bands).encode(x=alt.X("date:T", title="Date"), color=color)
    outer = base.mark_area(opacity=0.15).encode(y=alt.Y("q10:Q", title=LEAD_TITLE), y2="q90:Q")
    inner = base.mark_area(opacity=0.3).encode(y="q25:Q", y2="q75:Q")
    median = base.mark_line(strokeWidth=2.5).encode(
        y="q50:Q",
        tooltip=[
            alt.Tooltip("scenario:N", title="Scenario"),
            alt.Tooltip("date:T", title="Month"),
            alt.Tooltip("q50:Q", title="Median lead (months)", format=".1f"),
            alt.Tooltip("q10:Q", title="10th percentile", format=".1f"),
            alt.Tooltip("q90:Q", title="90th percentile", format=".1f"),
        ],
    )
    past = pd.DataFrame(
        {"date": _iso(history.index), "lag_months": history.round(2).to_numpy(), "series": "Measured (monthly mean)"}
    )
    measured = (
        alt.Chart(past)
        .mark_line(color=MEASURED_COLOR, strokeWidth=1.5)
        .encode(
            x="date:T",
            y="lag_months:Q",
            tooltip=[
                alt.Tooltip("date:T", title="Month"),
                alt.Tooltip("lag_months:Q", title="Measured lag (months)", format=".1f"),
            ],
        )
    )
    chart = (outer + inner + median + measured + _references()).properties(height=340)
    return finish(
        chart,
        source=MODEL_CREDIT,
        datasets=DATASETS,
        description=(
            "Fan chart of the US lead in months from the model's start to December 2028, for the act and drift "
            "scenarios: a line for the median of 10,000 draws, a darker band for the middle 50% and a lighter band "
            "for the middle 80%. A grey line before the start shows the measured lag by month since 2023, and "
            "dashed lines mark 12 and 24 months."
        ),
    )


def probability_chart(probs: dict[str, pd.DataFrame]) -> alt.Chart:
    """Share of draws with a lead of at least 12 and at least 24 months, by month."""
    frames = []
    for name, frame in probs.items():
        out = frame.copy()
        out["date"] = _iso(out["date"])
        out["scenario"] = SCENARIO_LABELS[name]
        out["threshold"] = out["threshold"].map(lambda t: f"at least {t} months")
        out["probability"] = out["probability"].round(3)
        frames.append(out)
    data = pd.concat(frames, ignore_index=True)
    chart = (
        alt.Chart(data)
        .mark_line(strokeWidth=2)
        .encode(
            x=alt.X("date:T", title="Date"),
            y=alt.Y("probability:Q", title="Share of draws", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("scenario:N", scale=scenario_scale(), title=None),
            strokeDash=alt.StrokeDash("threshold:N", title=None, scale=alt.Scale(range=[[1, 0], [5, 3]])),
            tooltip=[
                alt.Tooltip("scenario:N", title="Scenario"),
                alt.Tooltip("threshold:N", title="Lead"),
                alt.Tooltip("date:T", title="Month"),
                alt.Tooltip("probability:Q", title="Share of draws", format=".0%"),
            ],
        )
        .properties(height=260)
    )
    return finish(
        chart,
        source=MODEL_CREDIT,
        datasets=DATASETS,
        description=(
            "Lines of the share of model draws in which the US lead is at least 12 months (solid) and at least "
            "24 months (dashed), by month to December 2028, for the act and drift scenarios."
        ),
    )


def tornado_chart(tornados: dict[str, pd.DataFrame], date_label: str, description: str | None = None) -> alt.VConcatChart:
    """One-at-a-time swings of every uncertain input, one panel per scenario."""
    panels = []
    for name, frame in tornados.items():
        rows = []
        for r in frame.itertuples():
            for end, value, lead in (("low end of range", r.low, r.lead_at_low), ("high end of range", r.high, r.lead_at_high)):
                rows.append(
                    {
                        "label": LABELS[r.parameter],
                        "end": end,
                        "value": round(float(value), 4),
                        "lead": round(float(lead), 2),
                        "central_lead": round(float(r.lead_central), 2),
                        "swing": round(float(r.swing), 2),
                    }
                )
        data = pd.DataFrame(rows)
        order = frame["parameter"].map(LABELS).tolist()
        panel = (
            alt.Chart(data, title=alt.TitleParams(f"{SCENARIO_LABELS[name]}: lead in {date_label}", anchor="start", fontSize=12))
            .mark_bar(height=12)
            .encode(
                y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=330)),
                x=alt.X("lead:Q", title=LEAD_TITLE, scale=alt.Scale(zero=False)),
                x2="central_lead:Q",
                color=alt.Color(
                    "end:N",
                    title=None,
                    scale=alt.Scale(domain=["low end of range", "high end of range"], range=["#56B4E9", "#CC79A7"]),
                ),
                tooltip=[
                    alt.Tooltip("label:N", title="Input"),
                    alt.Tooltip("end:N", title="Set to"),
                    alt.Tooltip("value:Q", title="Value", format=".3~g"),
                    alt.Tooltip("lead:Q", title="Lead (months)", format=".1f"),
                    alt.Tooltip("central_lead:Q", title="Lead, all central (months)", format=".1f"),
                ],
            )
            .properties(width=300, height=alt.Step(18))
        )
        panels.append(panel)
    chart = alt.vconcat(*panels, spacing=24)
    return finish(
        chart,
        source=MODEL_CREDIT,
        datasets=DATASETS,
        description=description
        or (
            f"Tornado charts, one per scenario: for each uncertain input, a bar from the central lead in {date_label} "
            "to the lead with that input at the low end of its range and another to the lead at the high end, "
            "all other inputs central. Inputs are sorted by the size of the swing, largest at the top."
        ),
    )


def explorer_chart(scenarios: dict, sliders: list, calculations: list[tuple[str, str]]) -> alt.LayerChart:
    """The central path recomputed in the reader's browser from slider values.

    The calculation is :func:`ailead.scenarios.explorer_calculations`, the
    same formula as :func:`ailead.scenarios.lead_months`; the two scenarios'
    central paths are drawn for reference.
    """
    first = next(iter(scenarios.values()))
    dates = first.dates()
    grid = pd.DataFrame({"date": _iso(dates), "tau": first.years(dates).round(6)})
    params = [
        alt.param(
            name=s.param,
            value=s.value,
            bind=alt.binding_range(min=s.minimum, max=s.maximum, step=s.step, name=f"{LABELS[s.parameter]} "),
        )
        for s in sliders
    ]
    user = alt.Chart(grid)
    for name, expression in calculations:
        user = user.transform_calculate(**{name: expression})
    user = (
        user.mark_line(color="#000000", strokeWidth=3)
        .encode(
            x=alt.X("date:T", title="Date"),
            y=alt.Y("lead:Q", title=LEAD_TITLE, scale=alt.Scale(domain=[0, 30], clamp=True)),
            tooltip=[
                alt.Tooltip("date:T", title="Month"),
                alt.Tooltip("lead:Q", title="Lead with your settings (months)", format=".1f"),
            ],
        )
        .add_params(*params)
    )
    frames = []
    for name, scenario in scenarios.items():
        path = sc.central_path(scenario)
        frames.append(
            pd.DataFrame({"date": _iso(path.index), "lead": path.round(2).to_numpy(), "scenario": SCENARIO_LABELS[name]})
        )
    reference = (
        alt.Chart(pd.concat(frames, ignore_index=True))
        .mark_line(strokeWidth=1.5, strokeDash=[5, 3])
        .encode(x="date:T", y="lead:Q", color=alt.Color("scenario:N", scale=scenario_scale(), title="Central path"))
    )
    chart = (reference + user + _references()).properties(height=320)
    return finish(
        chart,
        source=MODEL_CREDIT,
        datasets=DATASETS,
        description=(
            "Interactive line chart: a black line shows the US lead in months to December 2028 computed from the "
            "slider settings below the chart (legal imports, smuggling, offshore access, distillation share, US frontier "
            "compute growth, growth of the US stock of chips and shared algorithmic progress); dashed coloured lines "
            "show the central paths of the act and "
            "drift scenarios, and dashed grey lines mark 12 and 24 months. The sliders start at the drift values."
        ),
    )


# --- The forecast of the lag (issue 13) ---------------------------------------------------

FORECAST_CREDIT = "forecast model and rolling backtest by the project contributors; measured lag: Epoch AI, ECI (CC BY 4.0)"
FORECAST_DATASETS = ["frontier_models", "scenario_parameters"]
COVERAGE_COLORS = {"50%": "#56B4E9", "80%": "#0072B2"}


def coverage_chart(backtest: pd.DataFrame) -> alt.LayerChart:
    """Share of rolling-backtest origins whose measured lag fell inside the
    model's central 50% and 80% intervals, by horizon, against the nominal
    share (ticks). ``backtest`` is :func:`ailead.scenarios.rolling_backtest` output."""
    model = backtest[backtest["forecaster"] == "model"]
    rows = []
    for h, group in model.groupby("horizon_months"):
        for level, column in (("50%", "in_50"), ("80%", "in_80")):
            rows.append(
                {
                    "horizon": f"{h} months",
                    "order": int(h),
                    "interval": level,
                    "coverage": round(float(group[column].mean()), 4),
                    "nominal": float(level[:-1]) / 100,
                    "origins": len(group),
                }
            )
    frame = pd.DataFrame(rows)
    color = alt.Color(
        "interval:N", title="Interval", scale=alt.Scale(domain=list(COVERAGE_COLORS), range=list(COVERAGE_COLORS.values()))
    )
    x = alt.X("horizon:N", sort=alt.SortField("order"), title="Horizon")
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=x,
            xOffset="interval:N",
            y=alt.Y(
                "coverage:Q",
                title="Share of origins inside the interval",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            color=color,
            tooltip=[
                alt.Tooltip("horizon:N", title="Horizon"),
                alt.Tooltip("interval:N", title="Interval"),
                alt.Tooltip("coverage:Q", title="Inside", format=".0%"),
                alt.Tooltip("origins:Q", title="Origins"),
            ],
        )
    )
    ticks = alt.Chart(frame).mark_tick(color="black", thickness=2, size=18).encode(x=x, xOffset="interval:N", y="nominal:Q")
    chart = (bars + ticks).properties(height=280)
    return finish(
        chart,
        source=FORECAST_CREDIT,
        datasets=FORECAST_DATASETS,
        description=(
            "Grouped bars: for each forecast horizon, the share of backtest origins whose measured lag fell inside the "
            "model's central 50% and 80% intervals; black ticks mark the nominal 50% and 80%."
        ),
    )


def lag_tornado_chart(
    tornados: dict[str, pd.DataFrame], centrals: dict[str, float], ranges: dict[str, dict], date_label: str
) -> alt.VConcatChart:
    """The tornado of the forecast model: :func:`ailead.scenarios.lag_tornado`
    per world, drawn from the median with every input drawn (``centrals``)."""
    adapted = {}
    for name, frame in tornados.items():
        adapted[name] = frame.assign(
            low=[ranges[name][p][0] for p in frame["parameter"]],
            high=[ranges[name][p][1] for p in frame["parameter"]],
            lead_at_low=frame["median_at_low"],
            lead_at_high=frame["median_at_high"],
            lead_central=centrals[name],
        )
    description = (
        f"Tornado charts, one per world: for each drawn input of the forecast model, a bar from the median lag in {date_label} "
        "with every input drawn to the median with that input held at the low end of its range and another to the "
        "median at the high end. Inputs are sorted by the size of the swing, largest at the top."
    )
    return tornado_chart(adapted, date_label, description)
