"""The two policy paths to December 2028, and how robust their answer is.

A policy path changes only the scores of China's simulated releases, by::

    shift(tau) = (1 - retained) * max(catch_up, 0) - slope * log10(R(tau) / R0)

points of extra distance below the US line: the first term is the act
world's disruption of distillation applied to the catch-up term (retained
is 1 in the drift world), the second China's compute moving away from the
status quo (:mod:`.compute`), converted to points with the fitted slope of
ECI on log10 compute (:mod:`.capability`). ``slope`` and ``catch_up`` are
drawn per draw from normals with their standard errors. Release timing, the
US frontier and the calibration are the same in both worlds, and so are the
random numbers (common random numbers), so the two worlds differ only where
their assumptions differ.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
from scipy import stats

from ... import data
from ...constants import N_DRAWS, SEED
from . import capability, compute, engine

SCENARIOS = ("act", "drift")
#: The status quo: China's releases keep their calibrated distance (what the backtest scores).
STATUS_QUO = "status_quo"
END = pd.Timestamp("2028-12-01")
THRESHOLDS = (12, 24)


@lru_cache(maxsize=1)
def _tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    return data.load("frontier_models"), data.load("scenario_parameters")


def models() -> pd.DataFrame:
    """The capabilities table (validated, cached; copy before editing)."""
    return _tables()[0]


@lru_cache(maxsize=16)
def calibration(window_months=engine.WINDOW_MONTHS, noise=0.0) -> engine.Calibration:
    """The simulator's inputs on the last data day (cached)."""
    return engine.calibrate(models(), window_months=window_months, noise=noise)


@lru_cache(maxsize=4)
def _capability():
    table = models()
    return capability.fit(table), capability.catch_up(table)


def monthly_grid(state_day, end=END) -> pd.DatetimeIndex:
    """First day of every month after ``state_day`` up to ``end``."""
    return pd.date_range(pd.Timestamp(state_day) + pd.Timedelta(days=1), pd.Timestamp(end), freq="MS", name="date")


def make_shift(values: dict[str, np.ndarray], slope, catch_up):
    """``tau -> extra points`` of distance for China's releases (rows: draws)."""
    retained = np.asarray(values[compute.RETAINED], dtype=float)[:, None]
    slope = np.asarray(slope, dtype=float).reshape(-1, 1)
    catch_up = np.maximum(np.asarray(catch_up, dtype=float).reshape(-1, 1), 0.0)

    def shift(tau):
        return (1 - retained) * catch_up - slope * compute.log10_ratio_change(values, tau)

    return shift


#: The drawn inputs besides the table's rows (normals from the capability fit).
FITTED_INPUTS = ("slope", "catch_up")


def policy_inputs(
    scenario: str, n: int, seed: int, correlation: float = compute.SHARED_SOURCE_CORRELATION, fixed: dict | None = None
) -> dict:
    """Drawn inputs of a policy path: the table's rows plus ``slope`` and ``catch_up``.

    ``fixed`` maps input names to a value every draw then takes (the
    one-at-a-time swings of :func:`tornado`); the other inputs keep their draws.
    """
    rows = compute.path_rows(_tables()[1], scenario)
    rng = np.random.default_rng([seed, 1])  # own stream: the frontier draws stay common
    values = compute.draw(rows, compute.uniforms(rng, n, correlation))
    fit, catch = _capability()
    z = rng.standard_normal((n, 2))
    values["slope"] = fit.slope + fit.slope_se * z[:, 0]
    values["catch_up"] = catch["points"] + catch["se"] * z[:, 1]
    for name, value in (fixed or {}).items():
        if name not in values:
            raise ValueError(f"unknown input {name!r}; expected one of {sorted(values)}")
        values[name] = np.full(n, float(value))
    return values


def policy_shift(
    scenario: str, n: int, seed: int, correlation: float = compute.SHARED_SOURCE_CORRELATION, fixed: dict | None = None
):
    """The function ``tau -> extra points`` for ``scenario`` (None: status quo)."""
    if scenario == STATUS_QUO:
        return None
    values = policy_inputs(scenario, n, seed, correlation, fixed)
    return make_shift(values, values["slope"], values["catch_up"])


def simulate(
    scenario_name: str,
    n: int = N_DRAWS,
    seed: int = SEED,
    end=END,
    *,
    window_months=engine.WINDOW_MONTHS,
    noise: float = 0.0,
    correlation: float = compute.SHARED_SOURCE_CORRELATION,
    fixed: dict | None = None,
) -> pd.DataFrame:
    """Lag (months) on the first of every month to ``end``, one row per draw.

    ``scenario_name`` is ``"act"``, ``"drift"`` or ``"status_quo"``. The
    simulation starts from the state on the last data day (its lag and the
    time since each country's last frontier step). ``window_months``,
    ``noise`` and ``correlation`` select the variants of :func:`robustness`;
    ``fixed`` holds inputs at one value (:func:`tornado`).
    ``frame.attrs`` holds the state day and the measured lag on it. A NaN
    is a month in which China's frontier is ahead of every US score of the
    simulation (the lag is then undefined, as in :mod:`ailead.gap`).
    """
    if scenario_name not in (*SCENARIOS, STATUS_QUO):
        raise ValueError(f"unknown scenario {scenario_name!r}; expected one of {(*SCENARIOS, STATUS_QUO)}")
    cal = calibration(window_months, noise)
    grid = monthly_grid(cal.state_day, end)
    if grid.empty:
        raise ValueError(f"end {pd.Timestamp(end).date()} is not after the last data day {cal.state_day.date()}")
    shift = policy_shift(scenario_name, n, seed, correlation, fixed)
    lag = engine.simulate_days(cal, (grid - cal.state_day).days.to_numpy(), n, seed, shift)
    frame = pd.DataFrame(lag, columns=grid)
    frame.index.name = "draw"
    frame.attrs.update({"scenario": scenario_name, "state_day": cal.state_day, "lag_today": cal.lag_today})
    return frame


def outcome(sim: pd.DataFrame, date=None, thresholds=THRESHOLDS) -> dict:
    """Chance of at least each threshold and the median lag on ``date``
    (default: the last month). A draw in which China leads (no US match,
    NaN) counts as below every threshold and as the lowest value."""
    column = sim.columns[-1] if date is None else pd.Timestamp(date)
    values = sim[column].to_numpy(dtype=float)
    filled = np.where(np.isnan(values), -np.inf, values)
    out = {f"p_ge_{t}": float(np.mean(filled >= t)) for t in thresholds}
    out["median"] = float(np.median(filled))
    return out


#: The variants of :func:`robustness`: name -> keyword arguments of :func:`simulate`.
VARIANTS = {
    "baseline (12-month window, no extra noise, dependent inputs)": {},
    "calibration window 6 months": {"window_months": 6},
    "calibration window 24 months": {"window_months": 24},
    "calibration window full history": {"window_months": None},
    "observation noise 0 (as measured)": {"noise": 0.0},
    "observation noise +1 point": {"noise": 1.0},
    "observation noise +2 points": {"noise": 2.0},
    "independent Chinese inputs": {"correlation": 0.0},
}


def robustness(n: int = N_DRAWS, seed: int = SEED, end=END) -> pd.DataFrame:
    """The answer under each variant: columns ``variant``, ``scenario``,
    ``p_ge_12``, ``p_ge_24``, ``median`` (lag on ``end``)."""
    rows = []
    for variant, options in VARIANTS.items():
        for scenario in SCENARIOS:
            sim = simulate(scenario, n, seed, end, **options)
            rows.append({"variant": variant, "scenario": scenario, **outcome(sim)})
    return pd.DataFrame(rows, columns=["variant", "scenario", "p_ge_12", "p_ge_24", "median"])


def difference(n: int = N_DRAWS, seed: int = SEED, end=END, levels=(0.1, 0.5, 0.9)) -> dict:
    """Act minus drift on ``end``, draw by draw (common random numbers).

    Returns the quantiles of the difference in months (keys ``q10``, ``q50``,
    ``q90`` for the default levels) and the share of draws in which acting
    lengthens the lead. A draw in which China leads (NaN) counts as the
    lowest value in both worlds.
    """
    act, drift = (simulate(s, n, seed, end)[pd.Timestamp(end)].to_numpy(dtype=float) for s in SCENARIOS)
    both = np.isfinite(act) & np.isfinite(drift)
    gain = act[both] - drift[both]
    out = {f"q{round(100 * q)}": float(np.quantile(gain, q)) for q in levels}
    out["share_longer"] = float(np.mean(np.where(np.isnan(act), -np.inf, act) > np.where(np.isnan(drift), -np.inf, drift)))
    return out


def capability_report(split="2025-01-01") -> dict:
    """:func:`.capability.report` on the book's capabilities table."""
    return capability.report(models(), split)


#: Quantiles of the fitted inputs' normals taken as their low and high ends in :func:`tornado`.
TORNADO_LEVELS = (0.1, 0.9)


def input_ranges(scenario: str) -> dict[str, tuple[float, float]]:
    """Low and high end of every drawn input of ``scenario``: the table's
    low and high for its rows, the 10th and 90th percentiles of the normal
    for the fitted slope and catch-up term."""
    rows = compute.path_rows(_tables()[1], scenario)
    out = {name: (low, high) for name, (low, _, high) in rows.items()}
    fit, catch = _capability()
    z = stats.norm.ppf(TORNADO_LEVELS)
    out["slope"] = tuple(float(fit.slope + fit.slope_se * q) for q in z)
    out["catch_up"] = tuple(float(catch["points"] + catch["se"] * q) for q in z)
    return out


def tornado(scenario: str, n: int = 2000, seed: int = SEED, end=END) -> pd.DataFrame:
    """One input at a time: the median lag on ``end`` with each drawn input
    held at its low and at its high end while every other input keeps its
    draws (same random numbers throughout). Columns ``parameter``,
    ``median_at_low``, ``median_at_high``, ``swing`` (absolute difference),
    largest swing first; inputs without a range are left out."""
    rows = []
    for name, (low, high) in input_ranges(scenario).items():
        if high <= low:
            continue
        at = [outcome(simulate(scenario, n, seed, end, fixed={name: v}))["median"] for v in (low, high)]
        rows.append({"parameter": name, "median_at_low": at[0], "median_at_high": at[1], "swing": abs(at[1] - at[0])})
    frame = pd.DataFrame(rows, columns=["parameter", "median_at_low", "median_at_high", "swing"])
    return frame.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


# --- Summaries of a simulation (draws in rows, months in columns) ---------------------------

#: Quantiles of the fan.
FAN_QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)


def _filled(sim: pd.DataFrame) -> np.ndarray:
    """The lag with China-ahead months (NaN) as the lowest value."""
    values = sim.to_numpy(dtype=float)
    return np.where(np.isnan(values), -np.inf, values)


def fan(sim: pd.DataFrame, quantiles=FAN_QUANTILES) -> pd.DataFrame:
    """Quantiles of the lag by month (columns ``q10``, ``q25``, ...); a
    quantile that falls on a China-ahead draw is NaN."""
    with np.errstate(invalid="ignore"):  # interpolating next to -inf gives NaN, kept as NaN
        values = np.quantile(_filled(sim), quantiles, axis=0).T
    values = np.where(np.isfinite(values), values, np.nan)
    columns = [f"q{round(100 * q):02d}" for q in quantiles]
    return pd.DataFrame(values, index=pd.DatetimeIndex(sim.columns, name="date"), columns=columns)


def probabilities(sim: pd.DataFrame, thresholds=THRESHOLDS) -> pd.DataFrame:
    """Share of draws with a lag of at least each threshold, by month
    (long: ``date``, ``threshold``, ``probability``)."""
    filled = _filled(sim)
    frames = [
        pd.DataFrame({"date": pd.DatetimeIndex(sim.columns), "threshold": t, "probability": (filled >= t).mean(axis=0)})
        for t in thresholds
    ]
    return pd.concat(frames, ignore_index=True)


def summary(sim: pd.DataFrame, dates, thresholds=THRESHOLDS, level: float = 0.8) -> pd.DataFrame:
    """Median, central ``level`` interval and threshold chances on ``dates``
    (columns ``date``, ``median``, ``low``, ``high``, ``p_at_least_<t>``)."""
    tail = (1 - level) / 2
    rows = []
    for date in pd.DatetimeIndex(dates):
        if date not in sim.columns:
            raise KeyError(f"{date.date()} is not on the simulated grid")
        values = np.where(np.isnan(sim[date].to_numpy(dtype=float)), -np.inf, sim[date].to_numpy(dtype=float))
        row = {"date": date, "median": float(np.median(values))}
        with np.errstate(invalid="ignore"):  # next to a China-ahead draw: NaN
            row["low"], row["high"] = (float(np.quantile(values, q)) for q in (tail, 1 - tail))
        for t in thresholds:
            row[f"p_at_least_{t}"] = float((values >= t).mean())
        rows.append(row)
    return pd.DataFrame(rows)
