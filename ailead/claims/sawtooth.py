"""Is the lag really narrowing or widening? A trend rule calibrated on a
no-trend null that reproduces the lag's sawtooth.

Why a special null
------------------
Between two Chinese frontier releases the daily lag grows by exactly one
month per month; each release drops it to a new level. Monthly means of such
a series are strongly autocorrelated, so an ordinary interval for the slope
of a line through them (or a bootstrap over a dozen monthly means) finds a
"trend" in pure noise far more often than its level promises.

The null
--------
A stationary renewal process fitted to the measured lag itself
(:func:`fit_sawtooth`): the times between Chinese frontier steps are drawn
with replacement from the measured ones, and after each step the lag starts
from a level drawn with replacement from the measured post-step levels, then
grows a month per month. Nothing in it trends: its mean is the same at every
date. :func:`simulate_null` draws such series.

The rule
--------
:func:`trend_test` fits a straight line through the monthly mean lag of a
window (months of lag per year, the same statistic as
:func:`ailead.gap.trend`) and compares it with the slopes of ``n_null``
no-trend series of the same window length. The verdict is *widening* when
the observed slope lies above the central ``level`` of the null slopes,
*narrowing* below it, *no clear trend* inside. :func:`calibration` measures
the rule's false-positive rate and power on synthetic series whose null is
re-estimated from their own history, as the real rule's is.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .. import cache
from ..constants import DAYS_PER_MONTH, DAYS_PER_YEAR

VERDICTS = ("narrowing", "widening", "no clear trend")
#: The central share of no-trend slopes that reads as "no clear trend".
LEVEL = 0.95
#: No-trend series drawn to set the rule's thresholds.
N_NULL = 4000
#: Fewest monthly means a slope is fitted on.
MIN_MONTHS = 6


@dataclass(frozen=True)
class Sawtooth:
    """The measured ingredients of the null: days between frontier steps and
    the lag (months) on the day of each step."""

    intervals_days: np.ndarray
    levels_months: np.ndarray

    def __post_init__(self):
        if len(self.intervals_days) < 2 or len(self.levels_months) < 3:
            raise ValueError("need at least three frontier steps to fit the sawtooth null")
        if np.any(self.intervals_days <= 0):
            raise ValueError("days between frontier steps must be positive")


def _fit_arrays(days: np.ndarray, values: np.ndarray) -> Sawtooth:
    """:func:`fit_sawtooth` on plain arrays: day numbers and lag values with NaNs removed."""
    if len(values) == 0:
        raise ValueError("the lag series has no values")
    step = np.diff(days)
    grew_as_expected = np.abs(np.diff(values) - step / DAYS_PER_MONTH) <= 1e-9
    # A day that breaks the one-month-per-month growth is a step; so is the
    # first measured day after a gap (its level and its date are known).
    is_step = ~grew_as_expected | (step > 1)
    step_days = days[1:][is_step]
    return Sawtooth(intervals_days=np.diff(step_days).astype(float), levels_months=values[1:][is_step])


def fit_sawtooth(lag: pd.Series) -> Sawtooth:
    """Frontier steps read off a daily lag series (months, daily index).

    A step is a day on which the lag did not grow by a day's worth of a
    month since the previous day, or the first measured day after missing
    ones (censored, or before the follower's first model). The time from the
    last step to the end of the data is an unfinished interval and is left
    out, which makes the null's intervals, if anything, slightly short.
    """
    series = lag.dropna()
    days = (series.index - series.index[0]).days.to_numpy() if len(series) else np.array([])
    return _fit_arrays(days, series.to_numpy(dtype=float))


def simulate_null(model: Sawtooth, n_series: int, n_days: int, rng: np.random.Generator) -> np.ndarray:
    """``n_series`` no-trend lag series of ``n_days`` days (months; rows are series).

    Each series starts at a random phase of the sawtooth, drawn from the
    renewal process's own stationary law (the interval in force is picked
    with probability proportional to its length, and the first day falls
    uniformly, on a whole day, inside it), so no burn-in is needed.
    """
    intervals, levels = model.intervals_days, model.levels_months
    n_steps = int(np.ceil(1.5 * n_days / intervals.mean())) + 10
    current = rng.choice(intervals, size=n_series, p=intervals / intervals.sum())
    age = rng.integers(0, current.astype(np.int64)).astype(float)  # whole days, as in the data
    gaps = rng.choice(intervals, size=(n_series, n_steps))
    gaps[:, 0] = current
    times = np.concatenate([-age[:, None], np.cumsum(gaps, axis=1) - age[:, None]], axis=1)
    while np.any(times[:, -1] < n_days):  # rare: extend series that ran short of steps
        extra = np.cumsum(rng.choice(intervals, size=(n_series, n_steps)), axis=1) + times[:, -1:]
        times = np.concatenate([times, extra], axis=1)
    start_levels = rng.choice(levels, size=times.shape)
    day = np.arange(n_days, dtype=float)
    # Index of the last step on or before each day: count each row's steps
    # up to each day. Day d is a whole number, so a step at time t counts
    # from day ceil(t) on; a histogram of those days, summed up, is the count.
    # (A search per day of every row did the same, several times slower.)
    first_day = np.clip(np.ceil(times), 0, n_days).astype(np.int64)
    flat = (first_day + (np.arange(n_series, dtype=np.int64) * (n_days + 1))[:, None]).ravel()
    steps_by_day = np.bincount(flat, minlength=n_series * (n_days + 1)).reshape(n_series, n_days + 1)[:, :n_days]
    last = np.cumsum(steps_by_day, axis=1) - 1
    rows = np.arange(n_series)[:, None]
    return start_levels[rows, last] + (day[None, :] - times[rows, last]) / DAYS_PER_MONTH


def _month_groups(start: pd.Timestamp, n_days: int) -> tuple[np.ndarray, np.ndarray]:
    """Calendar month of each day of a window, and each month's start in years."""
    days = pd.date_range(start, periods=n_days, freq="D")
    months = days.to_period("M")
    codes, uniques = pd.factorize(months, sort=True)
    starts = uniques.to_timestamp()
    years = ((starts - starts[0]).days / DAYS_PER_YEAR).to_numpy()
    return codes, years


def monthly_slopes(series: np.ndarray, codes: np.ndarray, years: np.ndarray) -> np.ndarray:
    """OLS slope (months per year) of the monthly means of each row."""
    # Days come in date order, so each month is one contiguous run of columns.
    starts = np.flatnonzero(np.r_[True, np.diff(codes) != 0])
    counts = np.diff(np.r_[starts, len(codes)]).astype(float)
    means = np.add.reduceat(series, starts, axis=1) / counts
    x = years - years.mean()
    # Element-wise sums, not a matrix product: BLAS kernels differ between
    # CPUs in their last digits, which strict notebook checks would see.
    return ((means - means.mean(axis=1, keepdims=True)) * x).sum(axis=1) / (x * x).sum()


@lru_cache(maxsize=64)
@cache.disk_cached
def _null_slopes(model_key: tuple, start: pd.Timestamp, n_days: int, n_null: int, seed: int) -> np.ndarray:
    model = Sawtooth(np.array(model_key[0]), np.array(model_key[1]))
    codes, years = _month_groups(start, n_days)
    rng = np.random.default_rng(seed)
    return monthly_slopes(simulate_null(model, n_null, n_days, rng), codes, years)


def _window(lag: pd.Series, start, end) -> pd.Series:
    window = lag.loc[pd.Timestamp(start) : pd.Timestamp(end)]
    full = pd.date_range(window.index.min(), window.index.max(), freq="D")
    return window.reindex(full)


def trend_test(
    lag: pd.Series, start, end, *, level: float = LEVEL, n_null: int = N_NULL, seed: int = 0, model: Sawtooth | None = None
) -> dict:
    """The slope of the monthly mean lag over [start, end] against the
    no-trend null (see the module docstring).

    ``lag`` is the daily lag in months (NaN where unknown); the null is
    fitted on the whole series unless ``model`` is given. Returns the slope,
    the null's central ``level`` range, a two-sided p-value and the verdict.
    """
    model = fit_sawtooth(lag) if model is None else model
    window = _window(lag, start, end)
    observed = window.dropna()
    months = observed.resample("MS").mean().dropna()
    if len(months) < MIN_MONTHS:
        raise ValueError(f"need at least {MIN_MONTHS} months of lag to test a trend, got {len(months)}")
    codes, years = _month_groups(window.index[0], len(window))
    keep = ~np.isnan(window.to_numpy())
    # Months without any measured day drop out of the fit, as in the data.
    present = np.unique(codes[keep])
    remap = -np.ones(len(years), dtype=int)
    remap[present] = np.arange(len(present))
    slope = float(monthly_slopes(window.to_numpy()[keep][None, :], remap[codes[keep]], years[present])[0])
    key = (tuple(model.intervals_days.tolist()), tuple(model.levels_months.tolist()))
    null = _null_slopes(key, window.index[0], len(window), n_null, seed)
    tail = (1 - level) / 2
    low, high = (float(q) for q in np.quantile(null, [tail, 1 - tail]))
    verdict = reading(slope, low, high)
    p_value = float(min(1.0, 2 * min(np.mean(null >= slope), np.mean(null <= slope))))
    return {
        "slope_months_per_year": slope,
        "null_low": low,
        "null_high": high,
        "level": level,
        "p_value": p_value,
        "verdict": verdict,
        "months": int(len(months)),
    }


def reading(slope: float, low: float, high: float) -> str:
    """The rule's reading of a slope against the null's central range."""
    if np.isnan(slope):
        raise ValueError("no slope to read")
    return "widening" if slope > high else ("narrowing" if slope < low else "no clear trend")


def trend_verdict(lag: pd.Series, start, end) -> str:
    """``"narrowing"``, ``"widening"`` or ``"no clear trend"`` for the lag
    over [start, end], by :func:`trend_test`."""
    return trend_test(lag, start, end)["verdict"]


def _slope_and_null(
    values: np.ndarray, codes: np.ndarray, years: np.ndarray, model: Sawtooth, n_null: int, rng
) -> tuple[float, np.ndarray]:
    slope = float(monthly_slopes(values[None, :], codes, years)[0])
    null = monthly_slopes(simulate_null(model, n_null, len(values), rng), codes, years)
    return slope, null


def calibration(
    model: Sawtooth,
    *,
    window_months: int,
    history_days: int,
    trends=(-6.0, -3.0, 0.0, 3.0, 6.0),
    n_series: int = 1000,
    n_null: int = 500,
    level: float = LEVEL,
    seed: int = 1,
) -> pd.DataFrame:
    """How often the rule reads each verdict on synthetic lag histories.

    Each synthetic history (``history_days`` long, like the measured one) is
    a no-trend series from ``model`` plus a true trend (months per year,
    over the whole history). The rule then re-fits its null on that history,
    as it does on the real one, draws ``n_null`` null windows and judges the
    last ``window_months``. Returns one row per true trend with the share of
    each verdict; at trend 0 the share not "no clear trend" is the
    false-positive rate, elsewhere the share in the right direction is the
    power. With fewer null draws than the real rule's :data:`N_NULL`, the
    thresholds are noisier, which if anything raises the false-positive rate.
    """
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2000-01-01")
    index = pd.date_range(start, periods=history_days, freq="D")
    window_start = index[-1] - pd.DateOffset(months=window_months) + pd.Timedelta(days=1)
    first = int((window_start - start).days)
    codes, years = _month_groups(window_start, history_days - first)
    base = simulate_null(model, n_series, history_days, rng)
    days = np.arange(history_days, dtype=float)
    elapsed = days / DAYS_PER_YEAR
    tail = (1 - level) / 2
    rows = []
    for trend in trends:
        counts = dict.fromkeys(VERDICTS, 0)
        for i in range(n_series):
            series = base[i] + trend * elapsed
            try:
                own = _fit_arrays(days, series)
            except ValueError:
                own = model  # too few steps in this history to re-fit: use the generating null
            slope, null = _slope_and_null(series[first:], codes, years, own, n_null, rng)
            low, high = np.quantile(null, [tail, 1 - tail])
            counts["widening" if slope > high else ("narrowing" if slope < low else "no clear trend")] += 1
        rows.append({"window_months": window_months, "true_trend": float(trend), **{v: counts[v] / n_series for v in VERDICTS}})
    return pd.DataFrame(rows)


def bootstrap_rule_rates(
    model: Sawtooth,
    *,
    window_months: int,
    n_series: int = 1000,
    level: float = 0.9,
    n_boot: int = 4000,
    seed: int = 1,
) -> dict:
    """How often the older rule, :func:`ailead.gap.trend`'s block-bootstrap
    interval (``level``, the whole interval on one side of zero), reads a
    trend in no-trend series of ``model`` judged over ``window_months``
    months: the shares of ``widening`` and ``narrowing``, and their sum, the
    false-positive rate, for comparison with :func:`calibration`."""
    from .. import gap  # local: gap does not depend on this module

    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2000-01-01")
    end = start + pd.DateOffset(months=window_months) - pd.Timedelta(days=1)
    index = pd.date_range(start, end, freq="D")
    series = simulate_null(model, n_series, len(index), rng)
    counts = dict.fromkeys(VERDICTS, 0)
    for i in range(n_series):
        fit = gap.trend(pd.Series(series[i], index=index), n_boot=n_boot, level=level, seed=seed + i)
        counts[fit["verdict"]] += 1
    rates = {verdict: counts[verdict] / n_series for verdict in VERDICTS}
    return {"window_months": window_months, **rates, "false_positive": rates["widening"] + rates["narrowing"]}
