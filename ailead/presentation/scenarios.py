"""The scenario model as readers see it: names of its inputs and levers,
and the rows of the chapter's tables.

:mod:`ailead.scenarios` returns numbers and frames keyed by parameter names;
this module turns those names into words. Labels and number formats of the
tables themselves are in ``ailead/tables/specs.yaml`` (``scenarios.*``).
"""

from __future__ import annotations

import re
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


def inputs_rows(scenarios: Mapping[str, sc.Scenario]) -> pd.DataFrame:
    """:func:`~ailead.scenarios.parameter_table` with each input named (table ``scenarios.inputs``)."""
    frame = sc.parameter_table(scenarios)
    return frame.assign(label=frame["parameter"].map(LABELS))


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


def criterion_label(criterion: str) -> str:
    """An acceptance criterion of :func:`~ailead.scenarios.acceptance` in words."""
    crps = re.fullmatch(r"CRPS ratio to the best baseline, (\d+) months", criterion)
    if crps:
        ahead = wording.count(int(crps.group(1)), "month")
        return f"Forecast error {ahead} ahead (CRPS), as a ratio to the best simple baseline's"
    coverage = re.fullmatch(r"coverage of the (\d+)% interval", criterion)
    if coverage:
        return f"Share of measured lags inside the forecast's {coverage.group(1)}% interval"
    hindcast = re.fullmatch(r"hindcast (\w+) inside its 10th-90th range", criterion)
    if hindcast:
        return f"Hindcast: the measured {HINDCAST_LABELS[hindcast.group(1)]} inside the 10th-90th percentile range of the draws"
    if criterion == "act: spread of P(lag >= 12) across variants":
        return "If the US acts: spread of the chance of a lag of at least 12 months across the model's variants"
    raise KeyError(f"no reader label for the acceptance criterion {criterion!r}")


def acceptance_rows(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`~ailead.scenarios.acceptance` in words (table ``scenarios.acceptance``)."""
    out = table.copy()
    out["label"] = out["criterion"].map(criterion_label)
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
