"""Scoring the forecast: rolling-origin backtest against baselines, and a hindcast.

Rolling origins
---------------
Origins are the first day of every month from January 2024 to the last
whose 12-month target lies wholly inside the data. For horizon ``h`` the
target is the mean measured daily lag over the calendar month that starts
``h - 1`` months after the origin (h = 1 is the origin's own month).
Every forecast for an origin uses only the models released before it:
:func:`forecast` cuts the table at the origin before anything is fitted
(the trend line, China's distance, the renewal fits, the noise estimate,
the daily lag the baselines read), so a row on or after the origin cannot
reach it; the tests poison those rows and see no change. The capability
fit and the policy inputs are not used here: the backtest scores the
status-quo forecast (:data:`.policy.STATUS_QUO`), because every policy
input in ``scenario_parameters.csv`` was published in 2025-2026, after most
origins, and describes the years after the data. ECI scores and compute
estimates are Epoch AI's current vintage; Epoch revises past scores as it
adds benchmarks, and earlier vintages are not available, so the backtest
cannot replay what was measured on each origin day.

Forecasters (each gives an ensemble of values):

* ``model``: :func:`.engine.simulate_days` from the state on the day
  before the origin; the value of a draw is its mean over the target month.
* ``persistence``: the last measured lag plus every change over the same
  distance seen before the origin (the last value alone while fewer than
  :data:`MIN_PAIRS` such changes exist).
* ``last_value``: plain persistence, the last measured lag alone (a point
  forecast: its CRPS is its absolute error, and its intervals have no width).
* ``climatology``: every daily lag measured before the origin.
* ``trailing_mean``: the mean daily lag over the year before the origin,
  plus every past deviation of the lag that distance ahead from its
  trailing-year mean.
* ``linear_trend``: an OLS line through the monthly mean lag (censored days
  left out, :func:`ailead.gap.for_trend`) extended to the target month,
  plus the residuals of the months around the line.

Scores: CRPS from ``scoringrules.crps_ensemble`` (the quantile-decomposition
estimator, exact for the ensemble's empirical distribution), the
absolute error of the ensemble's median, and whether the measured value
lies inside the central 50% and 80% intervals (quantile rule of NumPy).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scoringrules

from ... import gap
from ...constants import WINDOW_START
from . import engine

HORIZONS = (1, 3, 6, 12)
FORECASTERS = ("model", "persistence", "last_value", "climatology", "trailing_mean", "linear_trend")
FIRST_ORIGIN = pd.Timestamp("2024-01-01")
#: Fewest past pairs before a baseline's spread is read from them.
MIN_PAIRS = 30
#: Draws of the model per origin.
BACKTEST_DRAWS = 2000
COLUMNS = ["origin", "horizon_months", "forecaster", "crps", "abs_error", "in_50", "in_80"]


def crps(observed: float, ensemble) -> float:
    """CRPS of the ensemble's empirical distribution (``scoringrules``,
    quantile-decomposition estimator; a one-member ensemble scores its
    absolute error)."""
    values = np.asarray(ensemble, dtype=float)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return float("nan")
    return float(scoringrules.crps_ensemble(float(observed), values, estimator="qd"))


def target_month(origin, horizon: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of the month a horizon's target averages over."""
    first = pd.Timestamp(origin) + pd.DateOffset(months=horizon - 1)
    return first, first + pd.DateOffset(months=1) - pd.Timedelta(days=1)


def measured_lag(models: pd.DataFrame, end=None) -> pd.Series:
    """Daily measured lag since 2023 (``ailead.gap``)."""
    return gap.lag_frame(models, start=WINDOW_START, end=end)["lag_months"]


def target(lag: pd.Series, origin, horizon: int) -> float:
    first, last = target_month(origin, horizon)
    return float(lag.loc[first:last].mean())


def origins(models: pd.DataFrame, first=FIRST_ORIGIN, horizon: int = max(HORIZONS)) -> pd.DatetimeIndex:
    """Monthly origins from ``first`` whose ``horizon`` target is wholly inside the data."""
    last_day = pd.Timestamp(models["release_date"].max())
    candidates = pd.date_range(first, last_day, freq="MS")
    keep = [o for o in candidates if target_month(o, horizon)[1] <= last_day]
    return pd.DatetimeIndex(keep, name="origin")


def _pairs(series: pd.Series, distance: int) -> np.ndarray:
    """Changes ``series[t + distance] - series[t]`` over its days (a daily index)."""
    values = series.to_numpy(dtype=float)
    if distance >= len(values):
        return np.empty(0)
    change = values[distance:] - values[:-distance] if distance > 0 else np.zeros(len(values))
    return change[np.isfinite(change)]


def baselines(known_lag: pd.Series, known_frame: pd.DataFrame, origin, horizon: int) -> dict[str, np.ndarray]:
    """The five baseline ensembles for one origin and horizon.

    ``known_lag`` is the daily lag measured from models released before the
    origin, up to the day before it; ``known_frame`` its ``gap.lag_frame``.
    """
    origin = pd.Timestamp(origin)
    lag = known_lag.dropna()
    if lag.empty:
        raise ValueError(f"no measured lag before {origin.date()}")
    first, last = target_month(origin, horizon)
    middle = first + (last - first) / 2
    distance = int(round((middle - lag.index[-1]).days))
    daily = known_lag.loc[lag.index[0] :]

    last_value = float(lag.iloc[-1])
    changes = _pairs(daily, distance)
    persistence = last_value + changes if changes.size >= MIN_PAIRS else np.array([last_value])

    climatology = lag.to_numpy(dtype=float)

    year = daily.loc[lag.index[-1] - pd.Timedelta(days=364) :].dropna()
    centre = float(year.mean())
    rolling = daily.rolling(365, min_periods=90).mean().to_numpy()
    values = daily.to_numpy(dtype=float)
    if distance < len(values):
        deviations = values[distance:] - rolling[:-distance] if distance > 0 else values - rolling
        deviations = deviations[np.isfinite(deviations)]
    else:
        deviations = np.empty(0)
    trailing = centre + deviations if deviations.size >= MIN_PAIRS else year.to_numpy(dtype=float)

    monthly = gap.for_trend(known_frame).dropna().resample("MS").mean().dropna()
    if len(monthly) >= 3:
        x = ((monthly.index - monthly.index[0]).days / 365.25).to_numpy()
        y = monthly.to_numpy(dtype=float)
        dx = x - x.mean()  # element-wise sums, not polyfit's LAPACK (CPU-independent digits)
        slope = float((dx * (y - y.mean())).sum() / (dx * dx).sum())
        intercept = float(y.mean() - slope * x.mean())
        at = (first + pd.Timedelta(days=14) - monthly.index[0]).days / 365.25
        residuals = monthly.to_numpy(dtype=float) - (intercept + slope * x)
        trend = intercept + slope * at + residuals
    else:
        trend = np.array([last_value])
    return {
        "persistence": persistence,
        "last_value": np.array([last_value]),
        "climatology": climatology,
        "trailing_mean": trailing,
        "linear_trend": trend,
    }


def forecast(models: pd.DataFrame, origin, horizons=HORIZONS, n: int = BACKTEST_DRAWS, seed: int = 0, **calibration) -> dict:
    """Every forecaster's ensemble for one origin: ``{(forecaster, h): values}``.

    Only models released before ``origin`` are read.
    """
    origin = pd.Timestamp(origin)
    known = models[models["release_date"] < origin]
    state_day = origin - pd.Timedelta(days=1)
    frame = gap.lag_frame(known, start=WINDOW_START, end=state_day)
    cal = engine.calibrate(known, state_day, **calibration)
    months = [target_month(origin, h) for h in horizons]
    days = np.concatenate([np.arange((a - state_day).days, (b - state_day).days + 1) for a, b in months])
    lag = engine.simulate_days(cal, days, n, seed)
    out, at = {}, 0
    for h, (a, b) in zip(horizons, months):
        width = (b - a).days + 1
        block = lag[:, at : at + width]
        counted = np.isfinite(block).sum(axis=1)
        values = np.where(counted > 0, np.nansum(block, axis=1) / np.maximum(counted, 1), np.nan)
        at += width
        out[("model", h)] = values[np.isfinite(values)]
        for name, ensemble in baselines(frame["lag_months"], frame, origin, h).items():
            out[(name, h)] = ensemble
    return out


def score(observed: float, ensemble) -> dict:
    values = np.asarray(ensemble, dtype=float)
    values = values[np.isfinite(values)]
    q10, q25, q50, q75, q90 = np.quantile(values, [0.1, 0.25, 0.5, 0.75, 0.9])
    return {
        "crps": crps(observed, values),
        "abs_error": float(abs(q50 - observed)),
        "in_50": bool(q25 <= observed <= q75),
        "in_80": bool(q10 <= observed <= q90),
    }


def rolling_backtest(
    models: pd.DataFrame | None = None,
    *,
    n: int = BACKTEST_DRAWS,
    seed: int = 0,
    first=FIRST_ORIGIN,
    per_horizon: bool = False,
    **calibration,
) -> pd.DataFrame:
    """One row per origin, horizon and forecaster (columns :data:`COLUMNS`).

    Origins run from ``first`` to the last whose 12-month target lies inside
    the data, the same origins for every horizon. ``per_horizon=True`` reads
    "a full horizon" per horizon instead: each horizon keeps every origin
    whose own target month is inside the data (more origins for the short
    horizons, among them the most recent ones).
    """
    if models is None:
        from .policy import models as load_models

        models = load_models()
    lag = measured_lag(models)
    last_day = pd.Timestamp(models["release_date"].max())
    rows = []
    for origin in origins(models, first, min(HORIZONS) if per_horizon else max(HORIZONS)):
        horizons = tuple(h for h in HORIZONS if target_month(origin, h)[1] <= last_day)
        ensembles = forecast(models, origin, horizons, n, seed, **calibration)
        for h in horizons:
            observed = target(lag, origin, h)
            for name in FORECASTERS:
                rows.append({"origin": origin, "horizon_months": h, "forecaster": name, **score(observed, ensembles[(name, h)])})
    return pd.DataFrame(rows, columns=COLUMNS)


def skill(backtest: pd.DataFrame) -> pd.DataFrame:
    """Means over origins by horizon and forecaster, with the model's CRPS
    over the best baseline's (``crps_ratio``) on the model's rows."""
    means = backtest.groupby(["horizon_months", "forecaster"], sort=False)[["crps", "abs_error", "in_50", "in_80"]].mean()
    means = means.reset_index()
    best = means[means["forecaster"] != "model"].groupby("horizon_months")["crps"].min()
    means["best_baseline_crps"] = means["horizon_months"].map(best)
    means["crps_ratio"] = means["crps"] / means["best_baseline_crps"]
    return means


# --- Hindcast from the 2023 start ---------------------------------------------


def hindcast(models: pd.DataFrame | None = None, n: int = 2000, seed: int = 0, levels=(0.1, 0.9)) -> pd.DataFrame:
    """Simulate both frontiers from China's first model in 2023 to the last data day.

    The inputs are fitted on the whole table (an in-sample check of the
    model's shape, not a forecast): the US step sizes, the reset lags of
    China's whole history, the renewal fits and the noise. The state is the data
    on the start day. Returns, for the share of days with a lag of at least
    12 months, the mean lag and the longest lag: the measured value, the
    simulated 10th, 50th and 90th percentiles, and whether the measured
    value lies inside the 10th-90th range.
    """
    if models is None:
        from .policy import models as load_models

        models = load_models()
    full = engine.calibrate(models, window_months=None)
    lag = measured_lag(models)
    start = lag.dropna().index[0]
    early = engine.calibrate(models, start, window_months=None)
    cal = full.with_(
        state_day=early.state_day,
        lead_days=early.lead_days,
        lead_scores=early.lead_scores,
        follow_best=early.follow_best,
        us_wait=early.us_wait,
        cn_wait=early.cn_wait,
        lag_today=early.lag_today,
    )
    end = full.state_day
    days = np.arange(1, (end - start).days + 1)
    sim = engine.simulate_days(cal, days, n, seed)
    sim = np.column_stack([np.full(n, early.lag_today), sim])
    filled = np.where(np.isnan(sim), -np.inf, sim)
    stats = {
        "share_ge_12": ((filled >= 12).mean(axis=1), float((lag.loc[start:end].dropna() >= 12).mean())),
        "mean_lag": (np.nanmean(sim, axis=1), float(lag.loc[start:end].mean())),
        "longest_lag": (np.nanmax(sim, axis=1), float(lag.loc[start:end].max())),
    }
    rows = []
    for name, (values, measured) in stats.items():
        p10, p50, p90 = np.quantile(values, [levels[0], 0.5, levels[1]])
        rows.append(
            {"statistic": name, "measured": measured, "p10": p10, "p50": p50, "p90": p90, "inside": bool(p10 <= measured <= p90)}
        )
    return pd.DataFrame(rows)


# --- Acceptance (issue 13, item 3) ----------------------------------------------


def acceptance(backtest: pd.DataFrame, hindcast_table: pd.DataFrame, robustness_table: pd.DataFrame) -> pd.DataFrame:
    """Every acceptance criterion with the measured figure and whether it holds.

    Columns: ``criterion``, ``measured``, ``bound`` (in words) and ``holds``.
    Coverage is pooled over every origin and horizon.
    """
    table = skill(backtest).set_index(["horizon_months", "forecaster"])
    rows = []
    for h in HORIZONS:
        ratio = float(table.at[(h, "model"), "crps_ratio"])
        bound = 0.8 if h <= 3 else 1.0
        rows.append(
            {
                "criterion": f"CRPS ratio to the best baseline, {h} months",
                "measured": ratio,
                "bound": f"<= {bound}",
                "holds": ratio <= bound,
            }
        )
    model = backtest[backtest["forecaster"] == "model"]
    for column, (low, high) in (("in_80", (0.7, 0.9)), ("in_50", (0.4, 0.6))):
        share = float(model[column].mean())
        rows.append(
            {
                "criterion": f"coverage of the {column[3:]}% interval",
                "measured": share,
                "bound": f"{low}-{high}",
                "holds": low <= share <= high,
            }
        )
    for _, row in hindcast_table.iterrows():
        rows.append(
            {
                "criterion": f"hindcast {row['statistic']} inside its 10th-90th range",
                "measured": float(row["measured"]),
                "bound": f"{row['p10']:.3g}-{row['p90']:.3g}",
                "holds": bool(row["inside"]),
            }
        )
    act = robustness_table[robustness_table["scenario"] == "act"]["p_ge_12"]
    spread = float(act.max() - act.min())
    rows.append(
        {
            "criterion": "act: spread of P(lag >= 12) across variants",
            "measured": spread,
            "bound": "<= 0.10",
            "holds": spread <= 0.10,
        }
    )
    return pd.DataFrame(rows, columns=["criterion", "measured", "bound", "holds"])
