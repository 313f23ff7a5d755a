"""The series claims are tested on, computed once from the book's tables.

* **capabilities**: the day-by-day ECI lag of the best Chinese model behind
  the US frontier (:func:`ailead.gap.lag_frame`), in months. On some days the
  lag is known only as a bound (:func:`lag_bounds`): *censored* days give a
  lower bound ``[lag, inf)``; days on which the follower was ahead and the
  leader had not matched it by the end of the data give an upper bound
  ``(-inf, -(months from the day to the end of the data)]``. Trend fits
  leave every bounded day out (:func:`ailead.gap.for_trend`).
* **open_models**: the same lag between the best open-weight and the best
  closed model (:func:`ailead.gap.with_groups`).
* **compute**: the US and Chinese shares of AI compute from the snapshot
  nearest a day (:func:`compute_snapshot`).
* **chips**: the export ceiling from the export-control chapter
  (``ailead.controls.ceiling_ratio``): how many times the best US chip's
  total processing performance (TPP) exceeds that of the best chip that may
  legally be sold to China (:func:`chip_advantage_on`).

Also the yardsticks the chapter sets beside the lag: the ECI score gap
(:func:`score_gap`), the US open-weight lag (:func:`us_open_lag`) and the
Arena gap (:func:`yardsticks`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import gap
from ..constants import CHINA, DAYS_PER_MONTH, US, WINDOW_START
from . import noise, sawtooth


@dataclass
class Inputs:
    """The measures a claim is tested against."""

    lag: pd.DataFrame  # gap.lag_frame, US vs China
    open_lag: pd.DataFrame  # gap.lag_frame, closed vs open weights
    data_end: pd.Timestamp
    shares: pd.DataFrame  # compute_shares
    ceiling: pd.DataFrame | None = None  # controls.ceiling_ratio, if available
    models: pd.DataFrame | None = field(default=None, repr=False)  # the ECI table, for the noise draws
    noise_sd: float = 0.0  # ECI score noise (index points), noise.score_noise
    noise_draws: int = noise.NOISE_DRAWS
    null: sawtooth.Sawtooth | None = None  # the trend rule's no-trend null, if given rather than fitted
    trend_cache: dict = field(default_factory=dict, repr=False)
    noisy_cache: dict = field(default_factory=dict, repr=False)
    null_cache: dict = field(default_factory=dict, repr=False)
    window_cache: dict = field(default_factory=dict, repr=False)
    pairs: list = field(init=False, repr=False)  # compute_pairs(shares)

    def __post_init__(self):
        self.pairs = compute_pairs(self.shares)


def build_inputs(
    models: pd.DataFrame,
    shares: pd.DataFrame,
    ceiling: pd.DataFrame | None = None,
    *,
    noise_sd: float | None = None,
    noise_draws: int = noise.NOISE_DRAWS,
    null: sawtooth.Sawtooth | None = None,
) -> Inputs:
    """Compute the day-by-day lags once from the ECI table. ``noise_sd``
    (index points) defaults to :func:`ailead.claims.noise.score_noise` of the
    table, or 0 when it lists no model as several snapshots. ``null`` fixes
    the trend rule's no-trend null for every month measure (default: fitted
    on each measure's own lag, :func:`sawtooth_model`)."""
    data_end = models["release_date"].max()
    lag = gap.lag_frame(models, start=WINDOW_START, end=data_end)
    open_lag = gap.lag_frame(gap.with_groups(models), gap.CLOSED, gap.OPEN, start=WINDOW_START, end=data_end, by="access_group")
    if ceiling is not None:
        ceiling = validate_ceiling(ceiling)
    if noise_sd is None:
        try:
            noise_sd = noise.score_noise(models)["sd"]
        except ValueError:
            noise_sd = 0.0
    return Inputs(
        lag=lag,
        open_lag=open_lag,
        data_end=pd.Timestamp(data_end),
        shares=shares,
        ceiling=ceiling,
        models=models,
        noise_sd=float(noise_sd),
        noise_draws=noise_draws,
        null=null,
    )


CEILING_COLUMNS = ("date", "best_legal_chip", "best_us_chip", "tpp_ratio", "bandwidth_ratio")


def validate_ceiling(ceiling: pd.DataFrame) -> pd.DataFrame:
    """Check the export-control chapter's ceiling table and sort it by date."""
    missing = [c for c in CEILING_COLUMNS if c not in ceiling.columns]
    if missing:
        raise ValueError(f"ceiling table lacks columns {missing}")
    frame = ceiling.copy()
    frame["date"] = pd.to_datetime(frame["date"])
    ratio = pd.to_numeric(frame["tpp_ratio"], errors="coerce")
    if ((ratio < 0) | (ratio > 1)).any():
        raise ValueError("tpp_ratio must lie between 0 and 1 (best legal chip over best US chip)")
    frame["tpp_ratio"] = ratio
    return frame.sort_values("date", kind="stable").reset_index(drop=True)


def months_between(first, second) -> float:
    return (pd.Timestamp(second) - pd.Timestamp(first)).days / DAYS_PER_MONTH


# --- The lag ---------------------------------------------------------------------


def lag_series(inputs: Inputs, measure: str) -> pd.DataFrame:
    """The lag frame of a month measure (``capabilities`` or ``open_models``)."""
    return inputs.lag if measure == "capabilities" else inputs.open_lag


def trend_series(inputs: Inputs, measure: str) -> pd.Series:
    """The daily lag to fit trends on: bounded (censored) days left out."""
    return gap.for_trend(lag_series(inputs, measure))


def lag_bounds(frame: pd.DataFrame, day, data_end=None) -> tuple[float, float, str]:
    """What the lag on ``day`` is known to be, as ``(low, high, kind)``.

    ``frame`` is a :func:`ailead.gap.lag_frame`; ``data_end`` the last day of
    the data (default: the frame's last day). ``kind`` is

    * ``"exact"``: low == high == the lag;
    * ``"at least"``: a censored day, ``(lag, inf)``;
    * ``"at most"``: the follower's best was above every score the leader
      reached up to ``data_end``, so the leader matched it, if ever, after
      the data end: ``(-inf, -(months from day to data_end))``, the mirror
      of a censored day;
    * ``"none"``: no follower model yet, or a day outside the frame: NaN.
    """
    day = pd.Timestamp(day)
    if day not in frame.index:
        return math.nan, math.nan, "none"
    row = frame.loc[day]
    lag = row["lag_months"]
    if pd.isna(lag):
        if pd.isna(row["follower_best"]) or not pd.isna(row["leader_match_date"]):
            return math.nan, math.nan, "none"
        end = frame.index.max() if data_end is None else pd.Timestamp(data_end)
        return -math.inf, -max(months_between(day, end), 0.0), "at most"
    if bool(row["censored"]):
        return float(lag), math.inf, "at least"
    return float(lag), float(lag), "exact"


def trend_window(series: pd.Series, start, end, min_months: int) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The window actually fitted: ``[start, end]``, extended backwards until
    it holds ``min_months`` monthly values (None if the data are too short).

    ``series`` is the lag to fit on, :func:`ailead.gap.for_trend` of a lag
    frame: months with only bounded (censored) days hold no value."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    values = series.dropna()
    if values.empty:
        return None
    first = values.index.min()
    while True:
        months = values.loc[start:end].resample("MS").mean().dropna()
        if len(months) >= min_months:
            # Start on the first day with a value, so the window shown is the one fitted.
            return max(start, values.loc[start:end].index.min()), end
        if start <= first:
            return None
        # Step back one month at a time, to the first of that month.
        start = max((start - pd.DateOffset(months=1)).to_period("M").to_timestamp(), first)


def fitted_window(inputs: Inputs, measure: str, start, end, min_months: int) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """:func:`trend_window` of a month measure, computed once per window."""
    key = (measure, pd.Timestamp(start), pd.Timestamp(end), min_months)
    if key not in inputs.window_cache:
        inputs.window_cache[key] = trend_window(trend_series(inputs, measure), start, end, min_months)
    return inputs.window_cache[key]


def fitted_trend(inputs: Inputs, measure: str, start, end, level: float) -> dict:
    """:func:`ailead.gap.trend` of a month measure over ``[start, end]``,
    computed once per window and interval level."""
    key = (measure, pd.Timestamp(start), pd.Timestamp(end), level)
    if key not in inputs.trend_cache:
        inputs.trend_cache[key] = gap.trend(trend_series(inputs, measure), start, end, level=level)
    return inputs.trend_cache[key]


def noisy_lag(inputs: Inputs, measure: str) -> tuple[np.ndarray, np.ndarray]:
    """:func:`ailead.claims.noise.noisy_lags` of a month measure on the days of
    its lag frame, drawn once (rows: draws). Without the ECI table or with no
    noise, one row: the lag itself."""
    if measure not in inputs.noisy_cache:
        frame = lag_series(inputs, measure)
        if inputs.models is None or inputs.noise_sd == 0 or inputs.noise_draws == 0:
            lags = frame["lag_months"].to_numpy(dtype=float)[None, :]
            censored = frame["censored"].to_numpy(dtype=bool)[None, :]
        else:
            models = inputs.models if measure == "capabilities" else gap.with_groups(inputs.models)
            groups = (US, CHINA, "country") if measure == "capabilities" else (gap.CLOSED, gap.OPEN, "access_group")
            lags, censored = noise.noisy_lags(
                models,
                inputs.noise_sd,
                groups[0],
                groups[1],
                start=frame.index[0],
                end=frame.index[-1],
                by=groups[2],
                n_draws=inputs.noise_draws,
            )
        inputs.noisy_cache[measure] = (lags, censored)
    return inputs.noisy_cache[measure]


def lag_mean(frame: pd.DataFrame, start, end, data_end=None) -> tuple[float, float, str, bool]:
    """What the mean lag over the days ``[start, end]`` is known to be, as
    ``(low, high, kind, averaged)``, ``kind`` as in :func:`lag_bounds`;
    ``averaged`` is False when the lag on ``end`` alone was read.

    Days before the follower's first model hold nothing and are skipped. If
    any day of the window is known only as a lower bound (censored), the mean
    is a lower bound (``"at least"``); if any day is known only as an upper
    bound (the follower ahead and not yet matched), the window mean is not
    defined and the lag on ``end`` is read instead (:func:`lag_bounds`)."""
    rows = frame.loc[pd.Timestamp(start) : pd.Timestamp(end)]
    has_follower = rows["follower_best"].notna()
    rows = rows[has_follower]
    if rows.empty:
        return math.nan, math.nan, "none", False
    if rows["lag_months"].isna().any():
        return (*lag_bounds(frame, end, data_end), False)
    mean = float(rows["lag_months"].mean())
    if rows["censored"].astype(bool).any():
        return mean, math.inf, "at least", True
    return mean, mean, "exact", True


def noisy_lag_mean(inputs: Inputs, measure: str, start, end) -> np.ndarray:
    """The window mean of :func:`lag_mean` on every noise draw (NaN where a
    draw has a day the mean cannot use)."""
    frame = lag_series(inputs, measure)
    lags, _ = noisy_lag(inputs, measure)
    days = (frame.index >= pd.Timestamp(start)) & (frame.index <= pd.Timestamp(end)) & frame["follower_best"].notna().to_numpy()
    window = lags[:, days]
    if window.shape[1] == 0:
        return np.full(len(lags), np.nan)
    means = window.mean(axis=1)  # NaN when any day is unknown, as lag_mean
    return means


def _monthly_slopes(values: np.ndarray, codes: np.ndarray, years: np.ndarray) -> np.ndarray:
    """OLS slope (months per year) of the calendar-month means of each row of
    day values with NaNs, as :func:`ailead.claims.sawtooth.trend_test` fits
    one series: months without a value drop out, and a row with fewer than
    ``sawtooth.MIN_MONTHS`` months left gives NaN. All rows at once (the noise
    draws), as a fit weighted 1 for present months and 0 for absent ones."""
    starts = np.flatnonzero(np.r_[True, np.diff(codes) != 0])
    known = ~np.isnan(values)
    counts = np.add.reduceat(known, starts, axis=1).astype(float)
    sums = np.add.reduceat(np.where(known, values, 0.0), starts, axis=1)
    present = counts > 0
    means = np.where(present, sums / np.where(present, counts, 1.0), 0.0)
    weight = present.astype(float)
    n_months = weight.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        x = years[None, :] - (weight * years).sum(axis=1, keepdims=True) / n_months
        centred = means - (weight * means).sum(axis=1, keepdims=True) / n_months
        slopes = (weight * centred * x).sum(axis=1) / (weight * x * x).sum(axis=1)
    return np.where(n_months[:, 0] >= sawtooth.MIN_MONTHS, slopes, np.nan)


def sawtooth_model(inputs: Inputs, measure: str) -> sawtooth.Sawtooth | None:
    """The no-trend null fitted on a month measure's whole trend series (None
    if it holds too few frontier steps to fit)."""
    if inputs.null is not None:
        return inputs.null
    key = ("model", measure)
    if key not in inputs.null_cache:
        try:
            inputs.null_cache[key] = sawtooth.fit_sawtooth(trend_series(inputs, measure))
        except ValueError:
            inputs.null_cache[key] = None
    return inputs.null_cache[key]


def calibrated_trend(inputs: Inputs, measure: str, start, end, level: float = sawtooth.LEVEL) -> dict | None:
    """:func:`ailead.claims.sawtooth.trend_test` of a month measure over
    ``[start, end]`` (None if the null cannot be fitted or the window holds
    too few months), with the slope's noise band: ``noise_low`` and
    ``noise_high`` bound the central :data:`ailead.claims.noise.NOISE_LEVEL`
    of the slopes fitted on the noise draws, and ``noise_readings`` are the
    readings at those two ends against the same null range."""
    key = ("calibrated", measure, pd.Timestamp(start), pd.Timestamp(end), level)
    if key in inputs.trend_cache:
        return inputs.trend_cache[key]
    model = sawtooth_model(inputs, measure)
    result = None
    if model is not None:
        series = trend_series(inputs, measure)
        try:
            result = sawtooth.trend_test(series, start, end, level=level, model=model)
        except ValueError:
            result = None
    if result is not None:
        frame = lag_series(inputs, measure)
        lags, censored = noisy_lag(inputs, measure)
        values = np.where(censored, np.nan, lags)
        window = series.loc[pd.Timestamp(start) : pd.Timestamp(end)].dropna()
        days = (frame.index >= window.index.min()) & (frame.index <= window.index.max())
        codes, years = sawtooth._month_groups(window.index.min(), int(days.sum()))
        slopes = _monthly_slopes(values[:, days], codes, years)
        low, high = noise.band(slopes)
        if math.isnan(low):  # no draw could be fitted: the noise band is the slope itself
            low = high = result["slope_months_per_year"]
        result = dict(result)
        result.update(
            noise_low=low,
            noise_high=high,
            noise_readings=tuple(sawtooth.reading(s, result["null_low"], result["null_high"]) for s in (low, high)),
        )
    inputs.trend_cache[key] = result
    return result


# --- Compute and chips -------------------------------------------------------------

_CONFIDENCE_RANK = {"high": 0, "medium": 1, "low": 2}


def compute_pairs(shares: pd.DataFrame) -> list[tuple]:
    """Every snapshot in which the US and Chinese shares were measured
    together (same date and measure), as ``(date, confidence rank, source,
    US share, Chinese share)``; a lower rank is higher confidence."""
    rows = shares[shares["country"].isin([US, CHINA])]
    pairs = []
    for (date, _measure), group in rows.groupby(["date", "measure"], sort=True):
        by_country = group.set_index("country")
        if US in by_country.index and CHINA in by_country.index:
            us, cn = by_country.loc[US], by_country.loc[CHINA]
            rank = _CONFIDENCE_RANK.get(str(us["confidence"]), 3) + _CONFIDENCE_RANK.get(str(cn["confidence"]), 3)
            source = str(us["id"]).rsplit("-", 1)[0]  # e.g. "pilz-2025" from "pilz-2025-us"
            pairs.append((pd.Timestamp(date), rank, source, float(us["share"]), float(cn["share"])))
    return pairs


def nearest_snapshot(pairs: list[tuple], day, max_months: float) -> dict | None:
    """The pair of :func:`compute_pairs` nearest ``day``: ties go to the
    earlier snapshot, then to the higher-confidence one. None if no pair
    lies within ``max_months``."""
    near = [(abs(months_between(day, pair[0])), *pair) for pair in pairs]
    near = [p for p in near if p[0] <= max_months]
    if not near:
        return None
    distance, date, _rank, source, us_share, cn_share = sorted(near)[0]
    return {
        "date": date,
        "source": source,
        "us_share": us_share,
        "china_share": cn_share,
        "ratio": us_share / cn_share,
        "distance_months": distance,
    }


def compute_snapshot(shares: pd.DataFrame, day, max_months: float) -> dict | None:
    """US and Chinese shares from the same source and date, nearest ``day``.

    Only pairs measured together are used, so the ratio compares like with
    like. Ties go to the earlier snapshot, then to the higher-confidence one.
    Returns None if no pair lies within ``max_months``.
    """
    return nearest_snapshot(compute_pairs(shares), day, max_months)


def chip_advantage_on(ceiling: pd.DataFrame | None, day) -> dict | None:
    """The export ceiling in force on ``day`` (the last row dated on or
    before it) and the US chip advantage it leaves: ``advantage`` = best US
    chip TPP / best legal chip TPP.

    A row with no legal chip (``best_legal_chip`` missing, ratio NaN, as
    ``ailead.controls.ceiling_ratio`` reports it) means none of the listed
    chips could be sold: a ratio of 0 and an unbounded US advantage. Level
    tests read that as larger than any factor; trend tests treat it as not
    measurable. None before the first row, without a ceiling table, or when
    a legal chip's performance is unknown."""
    if ceiling is None:
        return None
    rows = ceiling[ceiling["date"] <= pd.Timestamp(day)]
    if rows.empty:
        return None
    row = rows.iloc[-1]
    ratio, legal = row["tpp_ratio"], row["best_legal_chip"]
    if pd.isna(ratio):
        if not pd.isna(legal):
            return None  # a legal chip of unknown performance
        ratio = 0.0  # no chip in the table could legally be sold
    advantage = math.inf if ratio <= 0 else 1.0 / float(ratio)
    return {
        "date": pd.Timestamp(row["date"]),
        "best_legal_chip": None if pd.isna(legal) else str(legal),
        "best_us_chip": row["best_us_chip"],
        "tpp_ratio": float(ratio),
        "advantage": advantage,
    }


# --- Yardsticks beside the lag -----------------------------------------------------


def score_gap(models: pd.DataFrame, start=WINDOW_START, end=None) -> pd.Series:
    """US best ECI score minus China's best, each day (index points; positive
    when the US is ahead). NaN before either country's first model."""
    end = models["release_date"].max() if end is None else end
    days = pd.date_range(start, end, freq="D", name="date")
    us_best, _ = gap.daily_best(gap.frontier(models, US), days)
    china_best, _ = gap.daily_best(gap.frontier(models, CHINA), days)
    return pd.Series(us_best - china_best, index=days, name="score_gap")


US_OPEN = "US open weights"


def us_open_lag(models: pd.DataFrame, start=WINDOW_START, end=None) -> pd.Series:
    """Months the best US open-weight model trailed the best Chinese model
    (negative: the US open-weight frontier was ahead)."""
    frame = models.copy()
    us_open = (frame["country"] == US) & (frame["open_weights"] == True)  # noqa: E712 (nullable boolean)
    frame["group"] = np.where(us_open.fillna(False), US_OPEN, np.where(frame["country"] == CHINA, CHINA, None))
    end = models["release_date"].max() if end is None else end
    return gap.lag_months(frame, CHINA, US_OPEN, start=start, end=end, by="group")


ARENA_MEASURE = "Arena"


def yardsticks(lag: pd.Series, scores: pd.Series, arena: pd.DataFrame) -> pd.DataFrame:
    """At each date of the AI Index's Arena figures: the Arena gap (percent),
    the ECI score gap (points) and the ECI time lag (months), the last two
    rounded to the tenth the Arena figures are compared at."""
    rows = arena[arena["measure"].str.contains(ARENA_MEASURE) & (arena["unit"] == "percent")].sort_values("date")
    return pd.DataFrame(
        {
            "date": pd.DatetimeIndex(rows["date"]),
            "arena_gap_pct": rows["gap"].to_numpy(),
            "eci_score_gap_points": [round(float(scores.get(d, math.nan)), 1) for d in rows["date"]],
            "eci_lag_months": [round(float(lag.get(d, math.nan)), 1) for d in rows["date"]],
        }
    )


def same_direction(table: pd.DataFrame, first: str, second: str) -> float:
    """Share of consecutive steps in which two columns moved the same way."""
    a, b = np.sign(np.diff(table[first].to_numpy())), np.sign(np.diff(table[second].to_numpy()))
    if len(a) == 0:
        raise ValueError("need at least two dates")
    return float(np.mean(a == b))
