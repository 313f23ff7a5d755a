"""The simulator: both frontiers move in steps; the lag comes from ``ailead.gap``.

Calibration (:func:`calibrate`) uses only models released on or before the
state day. Simulation (:func:`draw_releases`, :func:`simulate_days`) draws,
per draw:

* the step days of each frontier from its gamma renewal process
  (:mod:`.releases`), the first conditional on the wait since that
  country's last step on the state day;
* at each US step, a rise of the US frontier drawn from the measured US
  step sizes (bootstrap); the US frontier is the running maximum;
* parameter uncertainty: each draw has its own renewal rates (see
  :meth:`.releases.Renewal.sample`) and its own bootstrap replicate of the
  measured step sizes and reset lags, which its steps are then drawn from;
* at each Chinese step, a score equal to the US frontier a *reset lag*
  earlier, the reset lag drawn from the lags measured on the days of
  China's frontier steps over the calibration window (a smoothed bootstrap:
  a measured lag plus a normal kernel of Silverman's bandwidth, because
  three to a dozen values are too few to stand for every possible lag),
  minus a policy path's extra distance (zero for the status quo); China's
  frontier is the running maximum, starting from its best score on the
  state day;
* optionally, extra ECI observation noise on every simulated score (none by
  default: the measured step sizes and reset lags already carry the noise
  of the scores they were measured on; see :func:`calibrate`).

The lag on each day is then found with :func:`ailead.gap.match_to_leader`,
the rule that measures the real lag, applied to every draw at once: each
draw's leader steps (the real US frontier up to the state day followed by
its simulated steps) are shifted by ``draw * offset`` points and laid end to
end, so one sorted array holds every draw's frontier and a follower score
shifted by the same amount can only be matched inside its own draw
(:func:`lag_on_days`; the tests check it against :func:`ailead.gap.lag_frame`
on the same simulated releases).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from ... import gap
from ...constants import CHINA, DAYS_PER_MONTH, DAYS_PER_YEAR, US
from . import capability, releases

#: Default months of Chinese frontier steps the reset lags are read from.
WINDOW_MONTHS = 12
#: Fewest Chinese steps the reset lags come from (the window is widened to reach them).
MIN_STEPS = 3


@dataclass(frozen=True)
class Calibration:
    """Everything the simulator needs, as known on ``state_day``."""

    state_day: pd.Timestamp
    lead_days: np.ndarray  # US frontier step days, relative to the state day (<= 0)
    lead_scores: np.ndarray
    follow_best: float  # China's best score on the state day (NaN before its first model)
    us_renewal: releases.Renewal
    cn_renewal: releases.Renewal
    us_wait: float  # days since the last US step
    cn_wait: float
    us_sizes: np.ndarray  # points the US frontier moved at each step
    reset_lags: np.ndarray  # months: the lag on the day of each Chinese step in the window
    reset_bandwidth: float  # months: kernel of the smoothed bootstrap of the reset lags
    noise: float  # extra ECI observation noise added to simulated scores (points)
    noise_estimate: float  # the observation noise of the measured scores (points), for reference
    window_months: float | None
    lag_today: float

    def with_(self, **changes) -> Calibration:
        return replace(self, **changes)

    @property
    def us_rate(self) -> float:
        """Implied points per year of the US frontier (mean step over mean gap)."""
        return float(self.us_sizes.mean() * DAYS_PER_YEAR / self.us_renewal.mean_days) if self.us_sizes.size else 0.0


def step_sizes(steps: pd.DataFrame) -> np.ndarray:
    """Points gained at each frontier step. The move from the table's first
    model is left out (the table's start, not a step) unless fewer than
    three other moves exist."""
    sizes = np.diff(steps["eci_score"].to_numpy(dtype=float))
    return sizes[1:] if len(sizes) > 3 else sizes


def silverman(values: np.ndarray) -> float:
    """Silverman's rule-of-thumb bandwidth (0 for fewer than two values)."""
    values = np.asarray(values, dtype=float)
    if values.size < 2:
        return 0.0
    sd = values.std(ddof=1)
    iqr = np.subtract(*np.quantile(values, [0.75, 0.25])) / 1.34
    spread = min(sd, iqr) if iqr > 0 else sd
    return float(0.9 * spread * values.size ** (-0.2))


def calibrate(
    models: pd.DataFrame, state_day=None, *, window_months: float | None = WINDOW_MONTHS, noise: float = 0.0
) -> Calibration:
    """Estimate the simulator's inputs from models released on or before ``state_day``.

    ``state_day`` defaults to the last release in ``models``.
    ``window_months`` is how far back China's steps are read for the reset
    lags (widened to :data:`MIN_STEPS` steps; ``None``: whole history).
    ``noise`` (points) is observation noise *added* to every simulated
    score. The step sizes and reset lags are measured on observed scores,
    so they already carry the noise of those scores; the default adds none,
    and adding the estimate (:func:`.capability.observation_noise`, kept in
    ``noise_estimate``) would count it twice. The robustness variants add 1
    and 2 points to show what more noise would do.
    """
    state_day = pd.Timestamp(models["release_date"].max() if state_day is None else state_day)
    known = models[models["release_date"] <= state_day]
    lead = gap.frontier(known, US)
    follow = gap.frontier(known, CHINA)
    if lead.empty:
        raise ValueError(f"no US model released on or before {state_day.date()}")
    if follow.empty:
        raise ValueError(f"no Chinese model released on or before {state_day.date()}")
    frame = gap.lag_frame(known, start=follow["release_date"].iloc[0], end=state_day)

    moves = follow.iloc[1:] if len(follow) > 1 else follow
    if window_months is not None:
        start = state_day - pd.DateOffset(months=int(window_months))
        inside = moves[moves["release_date"] >= start]
        moves = inside if len(inside) >= MIN_STEPS else moves.iloc[-MIN_STEPS:]
    resets = frame["lag_months"].reindex(pd.DatetimeIndex(moves["release_date"])).to_numpy(dtype=float)
    resets = resets[np.isfinite(resets)]
    if resets.size == 0:
        raise ValueError(f"no Chinese frontier step with a measured lag on or before {state_day.date()}")
    try:
        noise_estimate = capability.observation_noise(known)
    except ValueError:
        noise_estimate = float("nan")
    _, us_wait = releases.gaps_and_wait(lead["release_date"], state_day)
    _, cn_wait = releases.gaps_and_wait(follow["release_date"], state_day)
    return Calibration(
        state_day=state_day,
        lead_days=(lead["release_date"] - state_day).dt.days.to_numpy(dtype=float),
        lead_scores=lead["eci_score"].to_numpy(dtype=float),
        follow_best=float(follow["eci_score"].max()),
        us_renewal=releases.fit(lead["release_date"], state_day),
        cn_renewal=releases.fit(follow["release_date"], state_day),
        us_wait=us_wait,
        cn_wait=cn_wait,
        us_sizes=step_sizes(lead),
        reset_lags=resets,
        reset_bandwidth=silverman(resets),
        noise=float(noise),
        noise_estimate=float(noise_estimate),
        window_months=window_months,
        lag_today=float(frame["lag_months"].iloc[-1]),
    )


# --- The lag of simulated frontiers, with ailead.gap's matching rule ---------


def lag_on_days(lead_days, lead_scores, follow_best, us_days, us_scores, cn_days, cn_scores, eval_days) -> np.ndarray:
    """Lag in months on ``eval_days`` for every draw.

    ``lead_days``/``lead_scores``: the real leader frontier steps before the
    simulation (shared by every draw); ``follow_best``: the follower's best
    score then (NaN: none yet). ``us_*``/``cn_*``: (draws, events) arrays of
    simulated release days (NaN: no release) and scores, days sorted within
    each row. Days are whole numbers on one scale. Returns (draws, days).
    """
    us_days, cn_days = np.atleast_2d(us_days).astype(float), np.atleast_2d(cn_days).astype(float)
    us_scores, cn_scores = np.atleast_2d(us_scores).astype(float), np.atleast_2d(cn_scores).astype(float)
    eval_days = np.asarray(eval_days, dtype=float)
    n = max(len(us_days), len(cn_days))
    us_days, us_scores = np.broadcast_to(us_days, (n, us_days.shape[1])), np.broadcast_to(us_scores, (n, us_scores.shape[1]))
    cn_days, cn_scores = np.broadcast_to(cn_days, (n, cn_days.shape[1])), np.broadcast_to(cn_scores, (n, cn_scores.shape[1]))
    lead_days, lead_scores = np.asarray(lead_days, dtype=float), np.asarray(lead_scores, dtype=float)

    finite = [v[np.isfinite(v)] for v in (lead_scores, us_scores, cn_scores, np.atleast_1d(follow_best))]
    span = max((np.abs(v).max() for v in finite if v.size), default=1.0)
    floor = -2.0 * span - 10.0  # stands for "no step yet"
    offset = 6.0 * span + 40.0

    # Follower: best score on each day (running maximum of its releases).
    cn_valid = np.isfinite(cn_days)
    start = follow_best if np.isfinite(follow_best) else floor
    cn_levels = np.maximum.accumulate(np.column_stack([np.full(n, start), np.where(cn_valid, cn_scores, floor)]), axis=1)
    released = (np.where(cn_valid, cn_days, np.inf)[:, :, None] <= eval_days[None, None, :]).sum(axis=1)
    follower = np.take_along_axis(cn_levels, released, axis=1)
    follower = np.where(follower > floor, follower, np.nan)

    # Leader: real steps, then the running maximum of the simulated releases.
    base = lead_scores.max() if lead_scores.size else floor
    us_valid = np.isfinite(us_days)
    us_levels = np.maximum.accumulate(np.column_stack([np.full(n, base), np.where(us_valid, us_scores, floor)]), axis=1)[:, 1:]
    levels = np.column_stack([np.broadcast_to(lead_scores, (n, lead_scores.size)), us_levels])
    days = np.column_stack([np.broadcast_to(lead_days, (n, lead_days.size)), np.where(us_valid, us_days, np.inf)])
    width = levels.shape[1]
    if width == 0:
        return np.full((n, eval_days.size), np.nan)
    shift = (np.arange(n) * offset)[:, None]
    lead_steps = pd.DataFrame({"eci_score": (levels + shift).ravel()})
    position, matched = gap.match_to_leader(lead_steps, (follower + shift).ravel())
    position = position.reshape(n, -1)
    matched = matched.reshape(n, -1) & (position < (np.arange(n)[:, None] + 1) * width)
    match_day = days.ravel()[position]
    lag = (eval_days[None, :] - match_day) / DAYS_PER_MONTH
    return np.where(matched & np.isfinite(match_day), lag, np.nan)


# --- Drawing the frontiers -----------------------------------------------------


@dataclass(frozen=True)
class Draws:
    """Simulated releases of one run (days relative to the state day)."""

    us_days: np.ndarray
    us_scores: np.ndarray
    cn_days: np.ndarray
    cn_scores: np.ndarray


def _level_at(days: np.ndarray, levels: np.ndarray, query: np.ndarray) -> np.ndarray:
    """Each row's frontier level on the query days (its first level before its first step).

    ``days`` (rows sorted, non-finite at the end) and ``levels`` are one
    frontier per row; ``query`` has one row per frontier too.
    """
    n = days.shape[0]
    finite = np.isfinite(days)
    low = min(np.nanmin(np.where(finite, days, np.nan)), np.nanmin(query)) if finite.any() else 0.0
    high = max(np.nanmax(np.where(finite, days, np.nan)) if finite.any() else 0.0, np.nanmax(query))
    span = high - low + 10.0
    row = (np.arange(n) * 2 * span)[:, None]
    flat = (np.where(finite, days, high + 5.0) + row).ravel()
    position = np.searchsorted(flat, (np.nan_to_num(query, nan=low - 5.0) + row).ravel(), side="right") - 1
    position = position.reshape(query.shape)
    first = (np.arange(n) * days.shape[1])[:, None]
    value = levels.ravel()[np.maximum(position, first)]  # before the first step: the first level (a lower bound)
    return np.where(np.isfinite(query), value, np.nan)


def _replicate_draws(rng: np.random.Generator, values: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """Values drawn with replacement from one bootstrap replicate of
    ``values`` per row (parameter uncertainty: each draw sees the measured
    values as one possible sample of them)."""
    n, k = shape
    replicate = rng.integers(0, values.size, (n, values.size))
    pick = rng.integers(0, values.size, (n, k))
    return values[np.take_along_axis(replicate, pick, axis=1)]


def draw_releases(
    cal: Calibration,
    horizon_days: float,
    n: int,
    seed: int,
    shift: Callable[[np.ndarray], np.ndarray] | None = None,
    *,
    china_steps: bool = True,
) -> Draws:
    """Release days and scores of both countries for ``n`` draws.

    US: at each step the frontier rises by a step size drawn from the
    measured ones; the released score is that level plus any extra noise.
    China: each release scores what the US frontier (real, then simulated)
    stood at a reset lag earlier, the lag drawn from those measured on
    China's step days, minus ``shift(tau)`` (extra points of distance for a
    release ``tau`` years after the state day, one row per draw), plus any
    extra noise. Random numbers are drawn in a fixed order, so the
    same seed gives the same draws whatever ``shift``, the noise or
    ``china_steps``.
    """
    rng = np.random.default_rng(seed)
    us_days = cal.us_renewal.sample(rng, cal.us_wait, n, horizon_days)
    cn_days = cal.cn_renewal.sample(rng, cal.cn_wait, n, horizon_days)
    sizes = cal.us_sizes if cal.us_sizes.size else np.zeros(1)
    us_step = _replicate_draws(rng, sizes, us_days.shape)
    resets = _replicate_draws(rng, cal.reset_lags, cn_days.shape)
    resets = resets + cal.reset_bandwidth * rng.standard_normal(cn_days.shape)  # smoothed bootstrap
    us_z = rng.standard_normal(us_days.shape)
    cn_z = rng.standard_normal(cn_days.shape)

    base = cal.lead_scores.max()
    us_valid = np.isfinite(us_days)
    us_true = base + np.cumsum(np.where(us_valid, us_step, 0.0), axis=1)
    us_scores = us_true + cal.noise * us_z

    # The US frontier each draw would show (real steps, then the simulated ones).
    hist = cal.lead_days.size
    days = np.column_stack([np.broadcast_to(cal.lead_days, (n, hist)), np.where(us_valid, us_days, np.nan)])
    floor = -np.inf
    observed = np.maximum.accumulate(np.where(us_valid, us_scores, floor), axis=1)
    levels = np.column_stack([np.broadcast_to(cal.lead_scores, (n, hist)), np.maximum(observed, base)])
    reference = _level_at(days, levels, cn_days - resets * DAYS_PER_MONTH)

    tau = np.nan_to_num(cn_days) / DAYS_PER_YEAR
    extra = shift(tau) if shift is not None else 0.0
    cn_scores = reference - extra + cal.noise * cn_z
    cn_days = np.where(np.isfinite(cn_scores), cn_days, np.nan)
    if not china_steps:
        cn_days = np.full_like(cn_days, np.nan)
    return Draws(us_days, us_scores, cn_days, cn_scores)


def simulate_days(cal: Calibration, eval_days, n: int = 2000, seed: int = 0, shift=None, *, china_steps: bool = True):
    """Lag (months) on ``eval_days`` (days after the state day), draws by days."""
    eval_days = np.asarray(eval_days, dtype=float)
    d = draw_releases(cal, float(eval_days.max()), n, seed, shift, china_steps=china_steps)
    return lag_on_days(cal.lead_days, cal.lead_scores, cal.follow_best, d.us_days, d.us_scores, d.cn_days, d.cn_scores, eval_days)


def as_models(cal: Calibration, draws: Draws, i: int) -> pd.DataFrame:
    """Draw ``i``'s simulated releases as rows of a models table (for
    checking the simulator against :func:`ailead.gap.lag_frame`)."""
    rows = []
    for country, days, scores in ((US, draws.us_days[i], draws.us_scores[i]), (CHINA, draws.cn_days[i], draws.cn_scores[i])):
        for k, (day, score) in enumerate(zip(days, scores)):
            if np.isfinite(day):
                rows.append(
                    {
                        "model": f"sim {country} {k}",
                        "country": country,
                        "release_date": cal.state_day + pd.Timedelta(days=int(day)),
                        "eci_score": float(score),
                    }
                )
    return pd.DataFrame(rows, columns=["model", "country", "release_date", "eci_score"])
