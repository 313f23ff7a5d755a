"""Every window of the data, and why "narrowing" and "widening" can both be
said: the trend of the ECI lag over each window, classified by the trend
rules, and the families of windows placed around the lag's peak and trough."""

from __future__ import annotations

import pandas as pd

from .. import gap
from .assessment import claim_window, last_lag_day
from .measures import Inputs, fitted_trend, fitted_window
from .rules import COMPONENTS, RULES, TREND_DIRECTIONS, WINDOW_CLASSES, Rules, window_class


def window_grid(lag: pd.DataFrame | pd.Series, rules: Rules = RULES, *, n_boot: int = 4000) -> pd.DataFrame:
    """The ECI lag trend over every window of whole months holding at least
    ``rules.min_trend_months`` monthly values, each classified by the trend
    rules (narrowing, stable, widening or unclear).

    ``lag`` is a :func:`ailead.gap.lag_frame`, whose bounded (censored) days
    are left out (:func:`ailead.gap.for_trend`), or a series already fit for
    trends. Windows start and end only in months that hold a value."""
    if isinstance(lag, pd.DataFrame):
        lag = gap.for_trend(lag)
    values = lag.dropna()
    months = values.resample("MS").mean().dropna().index
    last_day = values.index.max()
    rows = []
    for i, start in enumerate(months):
        for j in range(i + rules.min_trend_months - 1, len(months)):
            end_month = months[j]
            end = min(end_month + pd.offsets.MonthEnd(0), last_day)
            fit = gap.trend(values, start, end, level=rules.trend_level, n_boot=n_boot)
            rows.append(
                {
                    "start": start,
                    "end_month": end_month,
                    "months": j - i + 1,
                    "slope": fit["slope_months_per_year"],
                    "ci_low": fit["ci_low"],
                    "ci_high": fit["ci_high"],
                    "class": window_class(fit["ci_low"], fit["ci_high"], rules.trend_band),
                }
            )
    return pd.DataFrame(rows)


def window_shares(grid: pd.DataFrame) -> dict[str, float]:
    """Share of the windows of a :func:`window_grid` in each class."""
    counts = grid["class"].value_counts(normalize=True)
    return {name: float(counts.get(name, 0.0)) for name in WINDOW_CLASSES}


def claim_windows(claims: pd.DataFrame, inputs: Inputs, rules: Rules = RULES) -> pd.DataFrame:
    """The windows actually fitted for trend claims tested on the ECI lag,
    with the class the trend rules give them (for the window chart)."""
    rows = []
    for _, claim in claims.iterrows():
        if claim["direction"] not in TREND_DIRECTIONS or "capabilities" not in COMPONENTS[claim["metric"]]:
            continue
        window = claim_window(claim, rules)
        if window.status != "present":
            continue
        end = last_lag_day(window, inputs, rules)
        if end is None:
            continue
        fitted = fitted_window(inputs, "capabilities", window.start, end, rules.min_trend_months)
        if fitted is None:
            continue
        fit = fitted_trend(inputs, "capabilities", fitted[0], fitted[1], rules.trend_level)
        rows.append(
            {
                "claim": claim["id"],
                "who": claim["who"],
                "direction": claim["direction"],
                "start": fitted[0].to_period("M").to_timestamp(),
                "end_month": fitted[1].to_period("M").to_timestamp(),
                "class": window_class(fit["ci_low"], fit["ci_high"], rules.trend_band),
            }
        )
    return pd.DataFrame(rows, columns=["claim", "who", "direction", "start", "end_month", "class"])


def window_families(grid: pd.DataFrame, lag: pd.Series) -> dict:
    """Three families of windows, placed by the longest lag and the shortest
    lag after it: windows that start in the year up to the longest lag and end
    in the year after the shortest (``around``), windows that start in or after
    the month of the shortest (``after``), and windows that start in or before
    the month of the longest and end more than a year after the shortest
    (``spanning``: they take in the fall and more than a year after it).
    Each with its number of windows and the share in each class.

    ``lag`` is the daily lag (bounds included: the peak and trough are levels);
    ``grid`` is :func:`window_grid`."""
    values = lag.dropna()
    peak = values.idxmax()
    trough = values.loc[peak:].idxmin()
    peak_month, trough_month = (day.to_period("M").to_timestamp() for day in (peak, trough))
    year = pd.DateOffset(months=12)
    families = {
        "around": grid[
            grid["start"].between(peak_month - year, peak_month) & grid["end_month"].between(trough_month, trough_month + year)
        ],
        "after": grid[grid["start"] >= trough_month],
        "spanning": grid[(grid["start"] <= peak_month) & (grid["end_month"] > trough_month + year)],
    }
    out = {"peak": peak, "peak_lag": float(values[peak]), "trough": trough, "trough_lag": float(values[trough])}
    for name, rows in families.items():
        out[f"n_{name}"] = int(len(rows))
        for cls in WINDOW_CLASSES:
            out[f"share_{name}_{cls}"] = float((rows["class"] == cls).mean()) if len(rows) else float("nan")
    return out
