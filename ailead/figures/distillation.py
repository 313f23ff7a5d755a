"""Charts for the distillation chapter: reported campaigns, their cost, the
timing of Chinese catch-up, and what the distillation term does to the lag."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import wording
from ..charts import COUNTRY_COLORS, OKABE_ITO, country_scale, finish, fit_title, month_rules
from ..constants import CHINA, CLAIM_THRESHOLDS

NOT_ATTRIBUTED = "Not attributed to a country"
#: Source lines are kept short: a line wider than the chart makes Vega's
#: fit-to-width shrink the plot itself on a phone.
EPOCH_CREDIT = "Epoch AI, Epoch Capabilities Index (CC BY 4.0)"

#: Shorter names for accused parties whose full description is too long for
#: an axis label (the tooltip and the table keep the full wording).
SHORT_NAMES = {
    "anthropic-2026-alibaba": "Alibaba/Qwen-linked operators",
    "google-gtig-2026-extraction": "Unnamed actors, one campaign",
}

#: The left end of the exchanges axis (below the smallest stated count).
EXCHANGES_AXIS_LOW = 50_000
#: How far past a lower-bound value the "at least" arrow reaches (a factor,
#: since the axis is logarithmic).
ARROW_FACTOR = 1.8


def readable_count(value: float) -> str:
    """150000 -> '150,000'; 3400000 -> '3.4 million'; 13000000 -> '13 million'."""
    value = float(value)
    if value >= 1e9:
        number, unit = value / 1e9, " billion"
    elif value >= 1e6:
        number, unit = value / 1e6, " million"
    else:
        return f"{value:,.0f}"
    text = f"{number:.1f}".rstrip("0").rstrip(".")
    return text + unit


def readable_usd(value: float) -> str:
    """Dollar amounts for labels: '$174,000', '$1.3 million', '$191 million'."""
    value = float(value)
    if value < 1e6:
        return f"${round(value, -3):,.0f}"
    return "$" + readable_count(round(value, -5))


def exchanges_frame(incidents: pd.DataFrame) -> pd.DataFrame:
    """One row per incident that states an exchange count, with chart fields."""
    rows = incidents[incidents["exchanges"].notna()].copy()
    country = rows["accused_country"].fillna(NOT_ATTRIBUTED)
    target = rows["accuser"].map(lambda a: "Gemini" if str(a).startswith("Google") else "Claude")
    lower = rows["figure_kind"] == "lower_bound"
    exchanges = rows["exchanges"].astype(float)
    qualifier = rows["figure_kind"].map({"lower_bound": "at least ", "estimate": "about ", "exact": ""})
    accused = rows["id"].map(SHORT_NAMES).fillna(rows["accused"])
    frame = pd.DataFrame(
        {
            "campaign": accused + " vs " + target + " (" + rows["date"].dt.strftime("%b %Y") + ")",
            "exchanges": exchanges,
            "arrow_end": exchanges.where(~lower, exchanges * ARROW_FACTOR),
            "lower_bound": lower,
            "label": qualifier.fillna("") + exchanges.map(readable_count),
            "country": country,
            "reported_by": rows["accuser"],
            "figure_kind": rows["figure_kind"].str.replace("_", " "),
        }
    )
    return frame.sort_values("exchanges", ascending=False).reset_index(drop=True)


def exchanges_tidy(data: pd.DataFrame) -> pd.DataFrame:
    """The counts the exchanges chart shows, without its drawing columns."""
    return data[["campaign", "reported_by", "country", "exchanges", "figure_kind"]]


def exchanges_chart(incidents: pd.DataFrame) -> alt.LayerChart:
    """Exchanges per reported campaign as dots on a log axis (a dot marks a
    count, not a length from zero, so the log axis is honest); a lower bound
    continues as a dashed arrow labelled 'at least'."""
    data = exchanges_frame(incidents)
    order = data["campaign"].tolist()
    countries = sorted(data["country"].unique(), key=lambda c: (c != CHINA, c))
    # Names sit above their rows rather than on the axis, so the dots keep the
    # full width on a phone.
    y = alt.Y("campaign:N", sort=order, title=None, axis=None)
    x_scale = alt.Scale(type="log", domain=[EXCHANGES_AXIS_LOW, 1e9])
    color = alt.Color(
        "country:N", scale=country_scale(countries), title="Accused party's country", legend=alt.Legend(direction="vertical")
    )
    tooltip = [
        alt.Tooltip("campaign:N", title="Campaign"),
        alt.Tooltip("reported_by:N", title="Reported by"),
        alt.Tooltip("exchanges:Q", title="Exchanges stated", format=","),
        alt.Tooltip("figure_kind:N", title="Kind of figure"),
    ]
    base = alt.Chart(data).encode(y=y)
    dots = base.mark_point(filled=True, size=110, opacity=1).encode(
        x=alt.X(
            "exchanges:Q",
            scale=x_scale,
            title="Exchanges with the targeted model (log scale)",
            axis=alt.Axis(format="~s", values=[1e5, 1e6, 1e7, 1e8, 1e9], labelExpr="replace(datum.label, 'G', 'B')"),
        ),
        color=color,
        tooltip=tooltip,
    )
    open_end = (
        base.transform_filter("datum.lower_bound")
        .mark_rule(strokeDash=[4, 3], strokeWidth=2)
        .encode(x=alt.X("exchanges:Q", scale=x_scale), x2="arrow_end:Q", color=color)
    )
    arrow = (
        base.transform_filter("datum.lower_bound")
        .mark_point(shape="triangle-right", filled=True, size=60)
        .encode(x=alt.X("arrow_end:Q", scale=x_scale), color=color)
    )
    labels = base.mark_text(align="left", dx=8, fontSize=11, color="#333333").encode(
        x=alt.X("arrow_end:Q", scale=x_scale),
        text="label:N",
    )
    names = base.mark_text(align="left", baseline="bottom", dy=-10, fontSize=12, color="#222222").encode(
        x=alt.value(0), text="campaign:N"
    )
    chart = (open_end + arrow + dots + labels + names).properties(height=46 * len(data))
    return fit_title(
        finish(
            chart,
            source="Anthropic and Google disclosures; accusers' own counts",
            datasets=["distillation_incidents"],
            title=wording.exchanges_title(len(data), data["label"].iloc[-1], data["label"].iloc[0]),
            subtitle=(
                "Exchanges with the targeted model stated for each reported distillation campaign, log scale; "
                "a count stated as a minimum continues as a dashed arrow"
            ),
            figure="fig-03-exchanges",
            tidy=exchanges_tidy(data),
            units={"exchanges": "exchanges, as stated"},
            description=(
                "Dot plot on a logarithmic axis, one dot per reported distillation campaign that states a count of "
                "exchanges: "
                + "; ".join(f"{c}: {l}" for c, l in zip(data["campaign"], data["label"]))
                + ". Counts stated as 'more than' a number are lower bounds, drawn as a dot that continues as a dashed arrow."
            ),
        )
    )


def cost_frame(campaigns: dict[str, pd.DataFrame], training: pd.DataFrame) -> pd.DataFrame:
    """Rows for the cost chart: each campaign's low/central/high list-price
    cost, then each reported training cost (low = central = high)."""
    rows = []
    for name, costs in campaigns.items():
        by_case = costs.set_index("case")["cost_usd"]
        rows.append(
            {
                "item": name,
                "group": "Distillation campaign at Claude list prices",
                "low": by_case["low"],
                "central": by_case["central"],
                "high": by_case["high"],
                "kind": "range (low to high, dot = central)",
            }
        )
    kinds = {"exact": "as stated (partial scope)", "estimate": "estimate", "lower_bound": "lower bound (or more)"}
    for _, row in training.sort_values("value").iterrows():
        value = float(row["value"])
        rows.append(
            {
                "item": row["model_or_subject"],
                "group": "Reported cost of training a model",
                "low": value,
                "central": value,
                "high": value,
                "kind": kinds[row["kind"]],
            }
        )
    frame = pd.DataFrame(rows)
    # Labels of the largest values go to the left of the mark, where there is room.
    frame["label_left"] = frame["low"] >= 1e8
    qualifier = {"lower bound (or more)": "at least ", "estimate": "about "}
    frame["label"] = [
        f"{readable_usd(r.low)} to {readable_usd(r.high)}"
        if r.low != r.high
        else qualifier.get(r.kind, "") + readable_usd(r.central)
        for r in frame.itertuples()
    ]
    for column in ("low", "central", "high"):
        frame[column] = frame[column].round(0)
    return frame


def cost_chart(campaigns: dict[str, pd.DataFrame], training: pd.DataFrame) -> alt.LayerChart:
    """Campaign cost ranges beside reported training costs, on one log axis."""
    data = cost_frame(campaigns, training)
    order = data["item"].tolist()
    x_scale = alt.Scale(type="log", domain=[1e5, 3e9])
    groups = ["Distillation campaign at Claude list prices", "Reported cost of training a model"]
    # Neither group is a country's: training costs are grey, not US blue (some are Chinese models').
    group_scale = alt.Scale(domain=groups, range=[OKABE_ITO[3], "#555555"])
    color = alt.Color("group:N", title=None, scale=group_scale, legend=alt.Legend(direction="vertical"))
    shapes = ["range (low to high, dot = central)", "as stated (partial scope)", "estimate", "lower bound (or more)"]
    base = alt.Chart(data).encode(y=alt.Y("item:N", sort=order, title=None, axis=None))
    ranges = base.mark_rule(strokeWidth=6, opacity=0.6).encode(
        x=alt.X(
            "low:Q",
            scale=x_scale,
            title="US dollars (log scale)",
            axis=alt.Axis(format="$~s", values=[1e5, 1e6, 1e7, 1e8, 1e9], labelExpr="replace(datum.label, 'G', 'B')"),
        ),
        x2="high:Q",
        color=alt.Color("group:N", scale=group_scale, title=None, legend=alt.Legend(direction="vertical")),
    )
    tooltip = [
        alt.Tooltip("item:N", title="Item"),
        alt.Tooltip("low:Q", title="Low (USD)", format="$,.0f"),
        alt.Tooltip("central:Q", title="Central (USD)", format="$,.0f"),
        alt.Tooltip("high:Q", title="High (USD)", format="$,.0f"),
        alt.Tooltip("kind:N", title="Kind of figure"),
    ]
    # One layer per kind of figure, each with its own fixed shape (the kind is
    # also spelled out in the labels: "at least", "about"). The square is an
    # SVG path because vl-convert (which draws the static SVG) collapsed the
    # plot to a few pixels at narrow fit-to-width sizes with the built-in
    # "square" symbol.
    square = "M-1,-1H1V1H-1Z"
    points = [
        base.transform_filter(alt.datum.kind == kind)
        .mark_point(filled=True, size=90, opacity=1, shape=shape)
        .encode(x=alt.X("central:Q", scale=x_scale), color=color, tooltip=tooltip)
        for kind, shape in zip(shapes, ["circle", square, "diamond", "triangle-right"])
    ]
    labels = (
        base.transform_filter("!datum.label_left")
        .mark_text(align="left", dx=9, fontSize=10, color="#333333")
        .encode(x=alt.X("high:Q", scale=x_scale), text="label:N")
    )
    left_labels = (
        base.transform_filter("datum.label_left")
        .mark_text(align="right", dx=-9, fontSize=10, color="#333333")
        .encode(x=alt.X("low:Q", scale=x_scale), text="label:N")
    )
    names = base.mark_text(align="left", baseline="bottom", dy=-8, fontSize=11, color="#222222").encode(
        x=alt.value(0), text="item:N"
    )
    chart = alt.layer(ranges, *points, labels, left_labels, names).properties(height=42 * len(data))
    campaign_rows = data[data["group"] == groups[0]]
    training_rows = data[data["group"] == groups[1]]
    below = int((training_rows["central"] > campaign_rows["central"].max()).sum())
    return fit_title(
        finish(
            chart,
            source="Anthropic prices; reported costs; assumed token counts",
            datasets=["distillation_cost_inputs", "distillation_parameters", "distillation_incidents"],
            title=wording.campaign_cost_title([readable_usd(v) for v in campaign_rows["central"]], below, len(training_rows)),
            subtitle=(
                "List-price cost of each reported campaign in US dollars, low to high assumptions (dot: central case), "
                "beside reported costs of training a model; log scale"
            ),
            figure="fig-03-costs",
            tidy=data.drop(columns=["label", "label_left"]),
            units={"low": "US dollars", "central": "US dollars", "high": "US dollars"},
            description=(
                "Dot and range chart on a logarithmic dollar axis. Orange rows give the list-price cost of the reported "
                "distillation campaigns, from low to high assumptions with a dot at the central case; grey rows give "
                "reported training costs of models: " + "; ".join(f"{i}: {l}" for i, l in zip(data["item"], data["label"])) + "."
            ),
        )
    )


def delay_chart(table: pd.DataFrame, median: float) -> alt.LayerChart:
    """Months from the US first reaching a score to the Chinese model that
    reached it, for each Chinese frontier move, with the median marked."""
    used = table[table["matched"] & ~table["censored"]].reset_index(drop=True)
    data = pd.DataFrame(
        {
            "date": used["release_date"].dt.strftime("%Y-%m-%d"),
            "delay_months": used["delay_months"].round(2),
            "chinese_model": used["follower_model"],
            "us_model": used["leader_model"],
            "us_date": used["leader_date"].dt.strftime("%Y-%m-%d"),
        }
    )
    # Only the fastest, the slowest and the latest catch-up are named (the rest
    # crowd together; their names are in the tooltips); the latest sits at the
    # right edge, so its name goes to its left.
    named = data.loc[sorted({data["delay_months"].idxmin(), data["delay_months"].idxmax(), data["date"].idxmax()})].copy()
    named["left"] = named["date"] == data["date"].max()
    x = alt.X("date:T", title="Release of the Chinese model", axis=alt.Axis(format="%b %Y", tickCount=5, labelOverlap=True))
    points = (
        alt.Chart(data)
        .mark_point(filled=True, size=70, color=COUNTRY_COLORS[CHINA])
        .encode(
            x=x,
            y=alt.Y("delay_months:Q", title="Months after the US first reached that score", scale=alt.Scale(domain=[0, 16])),
            tooltip=[
                alt.Tooltip("chinese_model:N", title="Chinese model"),
                alt.Tooltip("date:T", title="Released"),
                alt.Tooltip("us_model:N", title="First US model at that score"),
                alt.Tooltip("us_date:T", title="US model released"),
                alt.Tooltip("delay_months:Q", title="Delay (months)", format=".1f"),
            ],
        )
    )
    names = alt.layer(
        *(
            alt.Chart(named[named["left"] == left])
            .mark_text(align="right" if left else "left", dx=-7 if left else 7, dy=-7, fontSize=10, color="#333333")
            .encode(x="date:T", y="delay_months:Q", text="chinese_model:N")
            for left in (False, True)
        )
    )
    rule_data = pd.DataFrame({"median": [round(float(median), 2)], "label": [f"median {median:.1f} months"]})
    rule = alt.Chart(rule_data).mark_rule(color="#555555", strokeDash=[4, 3]).encode(y="median:Q")
    rule_label = (
        alt.Chart(rule_data)
        .mark_text(align="left", dx=4, dy=10, color="#555555", fontSize=10)
        .encode(y="median:Q", x=alt.value(0), text="label:N")
    )
    chart = (points + names + rule + rule_label).properties(height=300)
    delays = used["delay_months"]
    return fit_title(
        finish(
            chart,
            source=EPOCH_CREDIT,
            datasets=["frontier_models"],
            title=wording.delay_title(median),
            subtitle=(
                "For each Chinese model that moved China's ECI frontier, the months since a US model first reached "
                "the same score; dashed: the median"
            ),
            figure="fig-03-delays",
            tidy=data,
            units={"date": "release date, YYYY-MM-DD", "delay_months": "months", "us_date": "YYYY-MM-DD"},
            description=(
                f"Scatter of the {len(used)} Chinese models that moved China's ECI frontier since 2023 and whose US match "
                "date lies inside the data: release date against the months since a US model first reached the same "
                f"score. A dashed line marks the median, {median:.1f} months. The delays run from {delays.min():.1f} to "
                f"{delays.max():.1f} months."
            ),
        )
    )


def lag_effect_chart(
    curves: pd.DataFrame, headline: tuple[float, float], default_delay: str = "central", reference_months=CLAIM_THRESHOLDS
) -> alt.LayerChart:
    """:func:`ailead.distillation.distilled_lag` against the follower's own lag
    for a few shares; a radio button picks the delay. ``headline`` is an own
    lag and the lag it becomes at the central share and delay (the title)."""
    data = curves[["lag_own", "lag", "share", "delay", "delay_value"]].copy()
    data["lag"] = data["lag"].round(3)
    data["lag_own"] = data["lag_own"].round(3)
    delay_labels = list(dict.fromkeys(data["delay"]))
    share_labels = list(dict.fromkeys(data["share"]))
    pick = alt.param(
        name="delay_case",
        value=default_delay,
        bind=alt.binding_radio(
            options=delay_labels,
            labels=[f"{label} ({data.loc[data['delay'] == label, 'delay_value'].iloc[0]:.1f} months)" for label in delay_labels],
            name="Distillation delay: ",
        ),
    )
    # No country's colour: the shares run from grey (none) to black (all).
    palette = ["#9E9E9E", OKABE_ITO[2], OKABE_ITO[5], "#222222"]
    lines = (
        alt.Chart(data)
        .mark_line(strokeWidth=2.5)
        .encode(
            x=alt.X("lag_own:Q", title="Months behind without distillation"),
            y=alt.Y("lag:Q", title="Months behind with distillation"),
            color=alt.Color(
                "share:N",
                title="Share from distillation",
                legend=alt.Legend(direction="vertical"),
                scale=alt.Scale(domain=share_labels, range=palette[: len(share_labels)]),
                sort=share_labels,
            ),
            tooltip=[
                alt.Tooltip("share:N", title="Share"),
                alt.Tooltip("delay_value:Q", title="Delay (months)", format=".1f"),
                alt.Tooltip("lag_own:Q", title="Own lag (months)", format=".0f"),
                alt.Tooltip("lag:Q", title="Lag with distillation (months)", format=".1f"),
            ],
        )
        .add_params(pick)
        .transform_filter(alt.datum.delay == pick)
    )
    chart = (lines + month_rules(reference_months)).properties(height=320)
    return fit_title(
        finish(
            chart,
            source="the book's distillation term and parameter table",
            datasets=["distillation_parameters"],
            title=wording.lag_effect_title(*headline),
            subtitle=(
                "The follower's lag in months with distillation against its lag without it, one line per share "
                "of its progress absorbed by distillation; buttons choose the delay"
            ),
            figure="fig-03-lag-effect",
            tidy=data,
            units={"lag_own": "months", "lag": "months", "delay_value": "months"},
            description=(
                "Lines of the follower's lag with distillation against its own lag without it, one line per share "
                "absorbed (" + ", ".join(share_labels) + "). Each line follows the diagonal up to the delay and then "
                "rises more slowly, the more slowly the larger the share; at a share of one the lag stays at the delay. "
                "Dashed lines mark 12 and 24 months, Anthropic's proposed lead. Radio buttons choose the delay."
            ),
        )
    )
