"""Charts for the chapter on the two 2028 outcomes (the scenario model).

Every chart states its finding in its title (numbers passed in by
:mod:`ailead.chapters.ch04`, the same values the chapter glues), says what it
measures in its subtitle, and exports the data it shows as one tidy CSV named
after the figure. The act and drift worlds keep one colour each on every
chart; neither is a country's colour (blue is the US, vermillion China).
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from .. import scenarios as sc
from .. import wording
from ..charts import OKABE_ITO, finish, fit_title, month_rules
from ..presentation.scenarios import LABELS, SHORT_LABELS

MODEL_CREDIT = "scenario model and sourced inputs by the project contributors; measured lag: Epoch AI, ECI (CC BY 4.0)"
DATASETS = ["scenario_parameters", "distillation_parameters", "frontier_models"]
LEAD_TITLE = "US lead over China (months)"
LAG_MEASURE = "Lag of China's best model behind the US frontier on Epoch AI's capabilities index"

#: How each scenario is named and coloured on every chart of the chapter.
SCENARIO_LABELS = {"act": "Act", "drift": "Drift"}
#: Okabe-Ito bluish green and reddish purple: the country colours (blue, vermillion) stay the countries'.
SCENARIO_COLORS = {"act": OKABE_ITO[2], "drift": OKABE_ITO[5]}
MEASURED_COLOR = "#555555"
#: Date axes drop labels that would touch (month names beside years at phone widths).
DATE_AXIS = alt.Axis(labelOverlap="greedy", labelSeparation=8)
#: A line of the probability chart is drawn only if its share reaches this somewhere.
VISIBLE_SHARE = 0.01


def scenario_scale() -> alt.Scale:
    names = list(SCENARIO_LABELS)
    return alt.Scale(domain=[SCENARIO_LABELS[n] for n in names], range=[SCENARIO_COLORS[n] for n in names])


def _iso(dates) -> list[str]:
    return pd.DatetimeIndex(dates).strftime("%Y-%m-%d").tolist()


def _references(months=sc.THRESHOLDS) -> alt.LayerChart:
    return month_rules(months)


def _wrapped(label: str, width: int = 30) -> str:
    """A long axis label on several lines (Vega splits it at the newlines)."""
    return "\n".join(textwrap.wrap(label, width))


def fan_chart(fans: dict[str, pd.DataFrame], history: pd.Series, medians: dict[str, float]) -> alt.LayerChart:
    """Median, 50% and 80% bands of the lead for each scenario, after the
    measured monthly lag. ``fans`` maps a scenario name to :func:`ailead.scenarios.fan`
    output; ``history`` is the measured lag averaged by month; ``medians``
    each world's median in December 2028 (the chapter's glued values)."""
    frames = []
    for name, frame in fans.items():
        out = frame.round(2).reset_index()
        out["date"] = _iso(out["date"])
        out["scenario"] = SCENARIO_LABELS[name]
        frames.append(out)
    bands = pd.DataFrame(pd.concat(frames, ignore_index=True))
    color = alt.Color("scenario:N", scale=scenario_scale(), legend=None)
    x = alt.X("date:T", title=None, axis=DATE_AXIS)
    base = alt.Chart(bands).encode(x=x, color=color)
    outer = base.mark_area(opacity=0.15).encode(y=alt.Y("q10:Q", title=LEAD_TITLE), y2="q90:Q")
    inner = base.mark_area(opacity=0.3).encode(y="q25:Q", y2="q75:Q")
    median = base.mark_line(strokeWidth=2.5).encode(
        y="q50:Q",
        tooltip=[
            alt.Tooltip("scenario:N", title="World"),
            alt.Tooltip("date:T", title="Month"),
            alt.Tooltip("q50:Q", title="Median lead (months)", format=".1f"),
            alt.Tooltip("q10:Q", title="10th percentile", format=".1f"),
            alt.Tooltip("q90:Q", title="90th percentile", format=".1f"),
        ],
    )
    past = pd.DataFrame({"date": _iso(history.index), "lag_months": history.round(2).to_numpy(), "series": "Measured"})
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
    # Direct labels: each world at the end of its median, the measured line at its start.
    last = bands[bands["date"] == bands["date"].max()]
    ends = pd.DataFrame(
        {
            "date": last["date"],
            "q50": last["q50"],
            "scenario": last["scenario"],
            "label": [f"{s}: {v:.1f}" for s, v in zip(last["scenario"], last["q50"])],
            "dy": [-12 if s == SCENARIO_LABELS["act"] else 16 for s in last["scenario"]],
        }
    )
    end_labels = [
        alt.Chart(ends[ends["scenario"] == SCENARIO_LABELS[name]])
        .mark_text(align="right", dy=dy, fontSize=12, fontWeight="bold")
        .encode(x="date:T", y="q50:Q", text="label:N", color=color)
        for name, dy in (("act", -12), ("drift", 16))
    ]
    peak = past.loc[[past["lag_months"].idxmax()]]
    start_label = (
        alt.Chart(peak.assign(label="Measured"))
        .mark_text(align="left", dx=6, dy=-2, fontSize=12, color=MEASURED_COLOR)
        .encode(x="date:T", y="lag_months:Q", text="label:N")
    )
    chart = alt.layer(outer, inner, median, measured, _references(), *end_labels, start_label).properties(height=340)
    month = wording.month(sc.END)
    tidy = pd.concat(
        [
            past.rename(columns={"lag_months": "median"}).assign(series="Measured (monthly mean)"),
            bands.rename(columns={"q50": "median", "scenario": "series"}).assign(
                series=lambda f: f["series"].map({v: f"{v} world (forecast)" for v in SCENARIO_LABELS.values()})
            ),
        ],
        ignore_index=True,
    )[["date", "series", "median", "q10", "q25", "q75", "q90"]]
    return fit_title(
        finish(
            chart,
            source=MODEL_CREDIT,
            datasets=DATASETS,
            title=f"Median lead in {month}: {medians['act']:.1f} months if the US acts, {medians['drift']:.1f} if not",
            subtitle=(
                f"{LAG_MEASURE}, in months. Lines: medians of the draws; bands: the middle 50% and 80%. "
                "Not validated: the forecast fails part of its acceptance criteria."
            ),
            figure="fig-04-fan",
            tidy=tidy,
            units={c: "months" for c in ("median", "q10", "q25", "q75", "q90")},
            description=(
                f"Fan chart of the US lead in months from the model's start to {month}, for the act and drift "
                "worlds: a line for the median of the draws, a darker band for the middle 50% and a lighter band "
                "for the middle 80%. A grey line before the start shows the measured lag by month since 2023, and "
                f"dashed lines mark 12 and 24 months. The medians end at {medians['act']:.1f} months (act) and "
                f"{medians['drift']:.1f} months (drift)."
            ),
        )
    )


def _threshold_label(months: int) -> str:
    return f"{months} months or more"


def probability_chart(probs: dict[str, pd.DataFrame], ends: dict[str, dict[int, float]]) -> alt.LayerChart:
    """Share of draws with a lead of at least 12 and at least 24 months, by
    month. ``ends`` maps a world to its shares in December 2028 (percent, by
    threshold: the chapter's glued values). A line that stays below
    :data:`VISIBLE_SHARE` throughout is not drawn (the subtitle says so)."""
    frames, flat = [], []
    for name, frame in probs.items():
        for threshold, group in frame.groupby("threshold", sort=True):
            if group["probability"].max() < VISIBLE_SHARE:
                flat.append(f"{SCENARIO_LABELS[name].lower()} world, {threshold} months or more")
                continue
            out = group.copy()
            out["date"] = _iso(out["date"])
            out["world"] = SCENARIO_LABELS[name]
            out["lead"] = _threshold_label(int(threshold))
            out["probability"] = out["probability"].round(3)
            frames.append(out[["date", "world", "lead", "probability"]])
    data = pd.concat(frames, ignore_index=True)
    leads = [_threshold_label(t) for t in sc.THRESHOLDS]
    chart = (
        alt.Chart(data)
        .mark_line(strokeWidth=2)
        .encode(
            x=alt.X("date:T", title=None, axis=DATE_AXIS),
            y=alt.Y("probability:Q", title="Share of draws", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("world:N", scale=scenario_scale(), title="World"),
            strokeDash=alt.StrokeDash("lead:N", title="Lead", scale=alt.Scale(domain=leads, range=[[1, 0], [5, 3]])),
            tooltip=[
                alt.Tooltip("world:N", title="World"),
                alt.Tooltip("lead:N", title="Lead"),
                alt.Tooltip("date:T", title="Month"),
                alt.Tooltip("probability:Q", title="Share of draws", format=".0%"),
            ],
        )
        .properties(height=260)
    )
    month = wording.month(sc.END)
    not_drawn = f" Not drawn, below {VISIBLE_SHARE:.0%} throughout: {'; '.join(flat)}." if flat else ""
    t = sc.THRESHOLDS[0]
    return fit_title(
        finish(
            chart,
            source=MODEL_CREDIT,
            datasets=DATASETS,
            title=(
                f"A lead of {t} months or more in {month}: {ends['act'][t]:.0f}% of draws if the US acts, "
                f"{ends['drift'][t]:.0f}% if not"
            ),
            subtitle=f"Share of the draws in which the US lead is at least 12 or 24 months, by month. Not validated.{not_drawn}",
            figure="fig-04-chances",
            tidy=data.rename(columns={"probability": "share_of_draws"}),
            units={"share_of_draws": "fraction of draws"},
            description=(
                "Lines of the share of model draws in which the US lead is at least 12 months (solid) and at least "
                f"24 months (dashed), by month to {month}, for the act and drift worlds.{not_drawn}"
            ),
        )
    )


def tornado_chart(
    tornados: dict[str, pd.DataFrame],
    date_label: str,
    description: str | None = None,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    figure: str | None = None,
) -> alt.LayerChart:
    """One-at-a-time swings of every uncertain input: one chart, a row per
    input and a bar pair per world (its colour), from the world's central
    lead to the lead with the input at the low (pale) or high (full) end."""
    rows = []
    for name, frame in tornados.items():
        for r in frame.itertuples():
            for end, value, lead in (("low end", r.low, r.lead_at_low), ("high end", r.high, r.lead_at_high)):
                rows.append(
                    {
                        "input": LABELS[r.parameter],
                        "world": SCENARIO_LABELS[name],
                        "input_at": end,
                        "input_value": round(float(value), 4),
                        "lead": round(float(lead), 2),
                        "lead_central": round(float(r.lead_central), 2),
                        "swing": round(float(r.swing), 2),
                    }
                )
    data = pd.DataFrame(rows)
    order = data.groupby("input", sort=False)["swing"].max().sort_values(ascending=False, kind="stable").index.tolist()
    labels = {s: _wrapped(s).replace("\n", "|") for s in order}
    shown = data.assign(input_label=data["input"].map(labels))
    chart = (
        alt.Chart(shown)
        .mark_bar()
        .encode(
            y=alt.Y(
                "input_label:N",
                sort=[labels[s] for s in order],
                title=None,
                axis=alt.Axis(labelExpr="split(datum.label, '|')", labelLimit=190, labelPadding=6, labelFontSize=11),
            ),
            yOffset=alt.YOffset("world:N", scale=alt.Scale(domain=list(SCENARIO_LABELS.values()))),
            x=alt.X("lead:Q", title=LEAD_TITLE, scale=alt.Scale(zero=False)),
            x2="lead_central:Q",
            color=alt.Color("world:N", scale=scenario_scale(), title="World"),
            opacity=alt.Opacity(
                "input_at:O",
                sort=["low end", "high end"],
                title="Input at the",
                scale=alt.Scale(domain=["low end", "high end"], range=[0.4, 1.0]),
                legend=alt.Legend(symbolFillColor="#555555", symbolStrokeColor="#555555"),
            ),
            tooltip=[
                alt.Tooltip("input:N", title="Input"),
                alt.Tooltip("world:N", title="World"),
                alt.Tooltip("input_at:N", title="Set to the"),
                alt.Tooltip("input_value:Q", title="Value", format=".3~g"),
                alt.Tooltip("lead:Q", title="Lead (months)", format=".1f"),
                alt.Tooltip("lead_central:Q", title="Lead, every input drawn (months)", format=".1f"),
            ],
        )
        .properties(height=alt.Step(16))
    )
    return fit_title(
        finish(
            chart,
            source=MODEL_CREDIT,
            datasets=DATASETS,
            title=title or f"What moves the lead in {date_label} most",
            subtitle=subtitle,
            figure=figure,
            tidy=data,
            units={"lead": "months", "lead_central": "months", "swing": "months"},
            description=description
            or (
                f"Tornado chart: for each uncertain input and each world, a bar from the central lead in {date_label} "
                "to the lead with that input at the low end of its range and another to the lead at the high end, "
                "all other inputs central. Inputs are sorted by the size of the swing, largest at the top."
            ),
        )
    )


#: The reader's line on the explorer, and its name in the legend.
READER_LINE = "Your settings"
READER_COLOR = "#000000"


def explorer_chart(
    scenarios: dict, sliders: list, calculations: list[tuple[str, str]], presets: dict[str, dict[str, float]] | None = None
) -> alt.LayerChart:
    """The central path recomputed in the reader's browser from slider values.

    The calculation is :func:`ailead.scenarios.explorer_calculations`, the
    same formula as :func:`ailead.scenarios.lead_months`; the two scenarios'
    central paths are drawn for reference. A text mark reads out the reader's
    lead in December 2028 as the sliders move. ``presets`` (world -> slider
    settings, :func:`ailead.scenarios.slider_values`) become buttons that set
    every slider to a world's values, beside a reset button. Vega-Lite binds
    no button, and a bound parameter cannot follow another one (its
    expression is compiled to an initial value only), so the buttons are
    drawn by ``static/ailead-charts.js`` from ``usermeta`` ``reset``.
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
    series = [READER_LINE] + [f"{SCENARIO_LABELS[n]} world, central" for n in scenarios]
    color = alt.Color(
        "series:N",
        title=None,
        legend=alt.Legend(columns=1),
        scale=alt.Scale(domain=series, range=[READER_COLOR] + [SCENARIO_COLORS[n] for n in scenarios]),
    )
    dash = alt.StrokeDash("series:N", title=None, scale=alt.Scale(domain=series, range=[[1, 0]] + [[5, 3]] * len(scenarios)))
    user = alt.Chart(grid)
    for name, expression in calculations:
        user = user.transform_calculate(**{name: expression})
    user = user.transform_calculate(series=f"'{READER_LINE}'")
    line = user.mark_line(strokeWidth=3).encode(
        x=alt.X("date:T", title=None, axis=DATE_AXIS),
        y=alt.Y("lead:Q", title=LEAD_TITLE, scale=alt.Scale(domain=[0, 30], clamp=True)),
        color=color,
        strokeDash=dash,
        tooltip=[
            alt.Tooltip("date:T", title="Month"),
            alt.Tooltip("lead:Q", title="Lead with your settings (months)", format=".1f"),
        ],
    )
    month = wording.month(sc.END)
    # Filtered on tau: Vega parses the shared date field into a date object.
    last_tau = float(grid["tau"].iloc[-1])
    readout = (
        user.transform_filter(alt.datum.tau >= last_tau)
        .transform_calculate(readout=f"'{READER_LINE}, {month}: ' + format(datum.lead, '.1f') + ' months'")
        .mark_text(align="left", baseline="top", fontSize=13, fontWeight="bold", color=READER_COLOR)
        .encode(x=alt.value(6), y=alt.value(6), text="readout:N")
    )
    frames = []
    for name, scenario in scenarios.items():
        path = sc.central_path(scenario)
        frames.append(
            pd.DataFrame(
                {"date": _iso(path.index), "lead": path.round(2).to_numpy(), "series": f"{SCENARIO_LABELS[name]} world, central"}
            )
        )
    paths = pd.concat(frames, ignore_index=True)
    reference = alt.Chart(paths).mark_line(strokeWidth=1.5).encode(x="date:T", y="lead:Q", color=color, strokeDash=dash)
    chart = alt.layer(reference, line.add_params(*params), readout, _references()).properties(height=320)
    ends = paths[paths["date"] == paths["date"].max()].set_index("series")["lead"]
    finished = fit_title(
        finish(
            chart,
            source=MODEL_CREDIT,
            datasets=DATASETS,
            title="Try your own assumptions: the US lead in the simplified compute model",
            subtitle=(
                f"US lead over China in months to {month}, computed in your browser from the sliders below the chart; "
                "dashed: the central paths of the two worlds. A simplification, not the forecast above."
            ),
            figure="fig-04-explorer",
            tidy=paths,
            units={"lead": "months"},
            description=(
                f"Interactive line chart: a black line shows the US lead in months to {month} computed from the "
                "slider settings below the chart (legal imports, smuggling, offshore access, distillation share, US frontier "
                "compute growth, growth of the US stock of chips and shared algorithmic progress), with its value in "
                f"{month} written at the top left; dashed coloured lines show the central paths of the act world "
                f"(ending at {ends.iloc[0]:.1f} months) and the drift world (ending at {ends.iloc[-1]:.1f} months), and "
                "dashed grey lines mark 12 and 24 months. The sliders start at the drift values, so the black line "
                "starts on the drift path."
            ),
        )
    )
    meta = finished.to_dict()["usermeta"]
    meta["ailead"]["reset"] = {
        "label": "Reset the sliders",
        "presets": [
            {"label": f"Set the sliders to the {SCENARIO_LABELS[name].lower()} world", "values": dict(values)}
            for name, values in (presets or {}).items()
        ],
    }
    return finished.properties(usermeta=meta)


# --- The forecast of the lag (issue 13) ---------------------------------------------------

FORECAST_CREDIT = "forecast model and rolling backtest by the project contributors; measured lag: Epoch AI, ECI (CC BY 4.0)"
FORECAST_DATASETS = ["frontier_models", "scenario_parameters"]
COVERAGE_COLORS = {"50%": OKABE_ITO[4], "80%": OKABE_ITO[0]}


def _coverage_verdict(measured: float, holds: bool, nominal: float) -> str:
    if holds:
        return "about right"
    return "too narrow" if measured < nominal else "too wide"


def coverage_chart(backtest: pd.DataFrame, pooled: dict[int, tuple[float, bool]]) -> alt.LayerChart:
    """Share of rolling-backtest origins whose measured lag fell inside the
    model's central 50% and 80% intervals, by horizon, against the intended
    share (dashed lines). ``backtest`` is :func:`ailead.scenarios.rolling_backtest`
    output; ``pooled`` maps 80 and 50 to the pooled coverage and whether it
    passes its acceptance criterion (the chapter's glued values)."""
    model = backtest[backtest["forecaster"] == "model"]
    rows = []
    for h, group in model.groupby("horizon_months"):
        for level, column in (("50%", "in_50"), ("80%", "in_80")):
            rows.append(
                {
                    "horizon": wording.count(int(h), "month"),
                    "horizon_months": int(h),
                    "interval": level,
                    "share_inside": round(float(group[column].mean()), 4),
                    "intended": float(level[:-1]) / 100,
                    "origins": len(group),
                }
            )
    frame = pd.DataFrame(rows)
    color = alt.Color(
        "interval:N", title="Interval", scale=alt.Scale(domain=list(COVERAGE_COLORS), range=list(COVERAGE_COLORS.values()))
    )
    horizons = [wording.count(int(h), "month") for h in sorted(frame["horizon_months"].unique())]
    x = alt.X("horizon:O", sort=horizons, title="Forecast horizon", axis=alt.Axis(labelAngle=0))
    y = alt.Y("share_inside:Q", title="Share of origins inside", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1]))
    lines = (
        alt.Chart(frame)
        .mark_line(strokeWidth=2, point=alt.OverlayMarkDef(size=70, filled=True))
        .encode(
            x=x,
            y=y,
            color=color,
            tooltip=[
                alt.Tooltip("horizon:N", title="Horizon"),
                alt.Tooltip("interval:N", title="Interval"),
                alt.Tooltip("share_inside:Q", title="Inside", format=".0%"),
                alt.Tooltip("intended:Q", title="Intended", format=".0%"),
                alt.Tooltip("origins:Q", title="Origins"),
            ],
        )
    )
    intended = pd.DataFrame({"interval": list(COVERAGE_COLORS), "intended": [0.5, 0.8]})
    intended["label"] = [f"{i} intended" for i in intended["interval"]]
    rules = alt.Chart(intended).mark_rule(strokeDash=[4, 3], strokeWidth=1.5).encode(y="intended:Q", color=color)
    labels = (
        alt.Chart(intended)
        .mark_text(align="right", dy=-7, fontSize=11)
        .encode(y="intended:Q", x=alt.value("width"), text="label:N", color=color)
    )
    chart = alt.layer(rules, labels, lines).properties(height=280)
    c80, holds80 = pooled[80]
    c50, holds50 = pooled[50]
    return fit_title(
        finish(
            chart,
            source=FORECAST_CREDIT,
            datasets=FORECAST_DATASETS,
            title=(
                f"The 80% intervals held the measured lag in {100 * c80:.0f}% of cases: "
                f"{_coverage_verdict(c80, holds80, 0.8)}; the 50% intervals in {100 * c50:.0f}%"
            ),
            subtitle=(
                "Rolling backtest: share of forecast origins whose measured lag fell inside the model's central "
                "50% and 80% intervals, by horizon, in %. Dashed: the share each interval should hold."
            ),
            figure="fig-04-coverage",
            tidy=frame[["horizon_months", "interval", "share_inside", "intended", "origins"]],
            units={"horizon_months": "months", "share_inside": "fraction of origins", "intended": "fraction of origins"},
            description=(
                "Lines with points: for each forecast horizon (1, 3, 6 and 12 months), the share of backtest origins whose "
                "measured lag fell inside the model's central 50% and 80% intervals; dashed lines mark the intended 50% "
                "and 80%."
            ),
        )
    )


def lag_tornado_chart(
    tornados: dict[str, pd.DataFrame], centrals: dict[str, float], ranges: dict[str, dict], date_label: str
) -> alt.LayerChart:
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
    tops = {name: frame["parameter"].iloc[0] for name, frame in tornados.items()}
    if len(set(tops.values())) == 1:
        top = SHORT_LABELS[next(iter(tops.values()))]
        title = f"In both worlds the {date_label} lag moves most with {top}"
    else:
        title = "; ".join(f"{SCENARIO_LABELS[n]} world: {SHORT_LABELS[p]}" for n, p in tops.items())
        title = f"What moves the {date_label} lag most. {title}"
    title = title[0].upper() + title[1:]
    description = (
        f"Tornado chart, a row per drawn input of the forecast model and a pair of bars per world: from the median "
        f"lag in {date_label} with every input drawn to the median with that input held at the low end of its range "
        "(pale) and at the high end (full colour). Inputs are sorted by the larger swing of the two worlds, largest at the top."
    )
    return tornado_chart(
        adapted,
        date_label,
        description,
        title=title,
        subtitle=(
            f"Median lag in {date_label} in months, with one input at the low (pale) or high (full) end of its "
            "range and every other input drawn as usual; bars start at each world's median."
        ),
        figure="fig-04-tornado",
    )
