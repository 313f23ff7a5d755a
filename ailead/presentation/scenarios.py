"""The scenario model as readers see it: names of its inputs and levers,
and the rows of the chapter's tables.

:mod:`ailead.scenarios` returns numbers and frames keyed by parameter names;
this module turns those names into words. Labels and number formats of the
tables themselves are in ``ailead/tables/specs.yaml`` (``scenarios.*``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from .. import scenarios as sc
from .. import wording

#: Every model input (and the derived levers) as a table or axis label.
LABELS = {
    sc.US_GROWTH: "US frontier compute growth (x per year)",
    sc.STOCK_GROWTH: "US installed compute growth (x per year)",
    sc.ALGO_GROWTH: "Algorithmic efficiency growth (x per year)",
    sc.SHARED: "Share of US algorithmic progress China obtains",
    sc.START_RATIO: "China's installed compute relative to the US (start)",
    sc.DOMESTIC: "Domestic accelerators (share of US additions)",
    sc.LEGAL: "Legal chip imports (share of US additions)",
    sc.SMUGGLED: "Smuggled chips (share of US additions)",
    sc.OFFSHORE: "Remote/offshore access (share of US additions)",
    sc.RETAINED: "Share of distillation that survives disruption",
    sc.DISTIL_SHARE: "Distillation share today",
    sc.DISTIL_DELAY: "Distillation delay (months)",
    sc.MEASURED_LAG: "Measured lag at the start (months)",
    "slope": "ECI points per tenfold compute (fitted)",
    "catch_up": "China's catch-up beyond its compute (ECI points, fitted)",
    sc.TOTAL_FLOW: "China's compute additions, all four components (share of US additions)",
    sc.DISTIL_FROM_NOW: "Distillation share from now on",
}

#: The same inputs named for use inside a sentence.
SHORT_LABELS = {
    sc.US_GROWTH: "US frontier compute growth",
    sc.STOCK_GROWTH: "how fast the US stock of AI chips grows",
    sc.ALGO_GROWTH: "the pace of algorithmic progress",
    sc.SHARED: "how much algorithmic progress China shares",
    sc.START_RATIO: "how much compute China already has",
    sc.DOMESTIC: "domestic chips",
    sc.LEGAL: "legal chip imports",
    sc.SMUGGLED: "smuggled chips",
    sc.OFFSHORE: "offshore and remote access",
    sc.RETAINED: "how much distillation survives disruption",
    sc.DISTIL_SHARE: "today's distillation share",
    sc.DISTIL_DELAY: "the distillation delay",
    sc.MEASURED_LAG: "where today's lag really stands",
    "slope": "how many ECI points a tenfold compute buys",
    "catch_up": "how far China's releases beat their compute",
}

#: The extreme levers of :func:`ailead.scenarios.lever_reach`, in words.
LEVER_NAMES = {
    sc.NO_FLOW: "no Chinese compute additions",
    sc.NO_DISTILLATION: "no distillation",
}


def lever_names(levers: str) -> str:
    """A :func:`~ailead.scenarios.lever_reach` row's ``levers`` in words."""
    return " and ".join(LEVER_NAMES[name] for name in levers.split("+"))


def reach_verdict(frame: pd.DataFrame, target: float = 24) -> str:
    """:func:`~ailead.scenarios.lever_reach` in one clause, capitalised to open a sentence."""
    singles, together = frame[frame["size"] == 1], frame[frame["size"] == frame["size"].max()]
    if singles["reaches"].any():
        which = wording.join([lever_names(n) for n in singles.loc[singles["reaches"], "levers"]], last="or")
        text = f"{which} alone would bring the lead to {target:g} months"
    elif len(frame) > len(singles) and together["reaches"].all():
        text = f"no single lever below reaches {target:g} months; only the levers together do"
    else:
        text = f"{target:g} months is out of reach of the levers below, alone or together"
    return wording.capitalise(text)


def inputs_rows(scenarios: Mapping[str, sc.Scenario]) -> pd.DataFrame:
    """:func:`~ailead.scenarios.parameter_table` with each input named (table ``scenarios.inputs``)."""
    frame = sc.parameter_table(scenarios)
    return frame.assign(label=frame["parameter"].map(LABELS))


def requirement_cell(value: float, met: bool) -> str:
    """One cell of the requirements table: the value a lever needs, or why none is given.

    ``met`` says the central lead already reaches the target; the cell then
    gives the value at which it would stop doing so.
    """
    if met:
        return "met at any value" if math.isnan(value) else f"met; breaks even at {value:.3g}"
    return "out of reach by this lever alone" if math.isnan(value) else f"{value:.3g}"


def requirement_rows(scenario: sc.Scenario, targets=sc.THRESHOLDS, date=None) -> pd.DataFrame:
    """:func:`~ailead.scenarios.requirements` in words (table ``scenarios.requirements``):
    for each lever its name, central value and, per target, what it would
    have to be alone (columns ``target_<t>``)."""
    base = sc.lead_at(scenario, date)
    raw = sc.requirements(scenario, targets, date)
    out = raw.assign(label=raw["lever"].map(LABELS))
    for target in targets:
        out[f"target_{target}"] = [requirement_cell(v, base >= target) for v in raw[f"needed_for_{target}"]]
    return out


# --- The forecast of the lag (issue 13) ---------------------------------------------------

#: The forecasters of the rolling backtest, as readers see them.
FORECASTER_LABELS = {
    "model": "the model",
    "persistence": "persistence with past changes",
    "last_value": "last value (plain persistence)",
    "climatology": "climatology",
    "trailing_mean": "trailing-year mean",
    "linear_trend": "linear trend",
}

#: The robustness variants, in words.
VARIANT_LABELS = {
    "baseline (12-month window, no extra noise, dependent inputs)": "as published (12-month window)",
    "calibration window 6 months": "6-month calibration window",
    "calibration window 24 months": "24-month calibration window",
    "calibration window full history": "full-history calibration window",
    "observation noise 0 (as measured)": "no extra observation noise",
    "observation noise +1 point": "1 extra point of observation noise",
    "observation noise +2 points": "2 extra points of observation noise",
    "independent Chinese inputs": "independent Chinese inputs",
}

#: The hindcast statistics, in words.
HINDCAST_LABELS = {
    "share_ge_12": "share of days with a lag of at least 12 months",
    "mean_lag": "mean lag (months)",
    "longest_lag": "longest lag (months)",
}


def variant_label(variant: str) -> str:
    return VARIANT_LABELS[variant]


def lag_outcome_rows(sims: Mapping[str, pd.DataFrame], dates, thresholds=sc.THRESHOLDS) -> pd.DataFrame:
    """For each world and date, the median lag, its 80% interval and the
    chance of each threshold (table ``scenarios.outcomes``, whose labels
    mark the chances not validated)."""
    frames = []
    for name, sim in sims.items():
        frame = sc.lag_summary(sim, dates, thresholds)
        frame.insert(0, "scenario", name)
        frames.append(frame)
    table = pd.concat(frames, ignore_index=True)
    table["month"] = table["date"].map(wording.month)
    table["interval"] = [wording.span(lo, hi) for lo, hi in zip(table["low"], table["high"])]
    return table


def skill_rows(skill: pd.DataFrame) -> pd.DataFrame:
    """:func:`~ailead.scenarios.skill` with forecasters named (table ``scenarios.skill``):
    every forecaster by horizon, its mean CRPS, the model's CRPS over it,
    and the two coverages."""
    out = skill.copy()
    model = out[out["forecaster"] == "model"].set_index("horizon_months")["crps"]
    out["model_ratio"] = out["horizon_months"].map(model) / out["crps"]
    out["label"] = out["forecaster"].map(FORECASTER_LABELS)
    return out.sort_values(["horizon_months", "crps"], kind="stable").reset_index(drop=True)


def acceptance_rows(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`~ailead.scenarios.acceptance` in words (table ``scenarios.acceptance``)."""
    out = table.copy()
    out["verdict"] = ["passes" if h else "fails" for h in out["holds"]]
    return out


def robustness_rows(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`~ailead.scenarios.robustness` in words (table ``scenarios.robustness``,
    whose labels mark the chances not validated)."""
    out = table.copy()
    out["label"] = out["variant"].map(VARIANT_LABELS)
    return out


def hindcast_rows(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`~ailead.scenarios.hindcast` in words (table ``scenarios.hindcast``)."""
    out = table.copy()
    scale = out["statistic"].map({"share_ge_12": 100.0}).fillna(1.0)
    for column in ("measured", "p10", "p50", "p90"):
        out[column] = out[column] * scale
    out["label"] = out["statistic"].map(HINDCAST_LABELS).str.replace("share of days", "% of days", regex=False)
    out["verdict"] = ["inside" if v else "outside" for v in out["inside"]]
    return out
