"""When a frontier moves: a gamma renewal process of frontier steps.

Each country's frontier moves at the release of a model that beats it.
The times between those steps are taken as independent gamma variables
(a renewal process). The Poisson process is the special case shape = 1;
the gamma keeps it as a possibility while letting the data say whether
steps come more regularly (shape > 1) or in bursts (shape < 1), and,
unlike a Poisson process, it makes the time already waited since the last
step matter: the first simulated step is drawn from the gamma conditional
on exceeding the time elapsed since the country's last step on the last
data day. Fitted on the frontier steps before 2026 the shapes are close to
1 (the coefficient of variation of the gaps is about 0.8 for China and 1.1
for the US), so the choice matters little in practice.

The fit is by maximum likelihood with the wait since the last step as a
right-censored observation. The first step of each country is where the
table begins, not a move, so the gap that starts there is left out. With
fewer than :data:`MIN_GAPS` complete gaps the shape is fixed at 1 (Poisson)
and the rate is (gaps + 1/2) / exposure.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, special, stats

#: Complete gaps needed before the gamma shape is estimated.
MIN_GAPS = 4


@dataclass(frozen=True)
class Renewal:
    """Gamma gaps between frontier steps, in days."""

    shape: float
    scale: float
    gaps: int

    @property
    def mean_days(self) -> float:
        return self.shape * self.scale

    def sample(self, rng: np.random.Generator, elapsed: float, n: int, horizon_days: float) -> np.ndarray:
        """Step days after the state day (day 0), ``n`` rows, NaN-padded.

        Days are whole numbers >= 1. The first gap is conditional on the
        ``elapsed`` days already waited; steps past ``horizon_days`` are NaN.
        Each draw has its own scale, ``scale * exp(se * z)`` with ``se`` the
        relative standard error of a mean gap, ``1 / sqrt(gaps * shape)``
        (parameter uncertainty: a dozen gaps pin the rate down only
        roughly). Consumes a fixed number of random numbers for given ``n``
        and horizon, so common random numbers hold across parameter changes.
        """
        if not np.isfinite(self.scale) or self.scale <= 0:
            return np.full((n, 1), np.nan)
        se = 1 / np.sqrt(max(self.gaps, 0.5) * self.shape)
        scale = self.scale * np.exp(se * rng.standard_normal(n))[:, None]
        k = int(np.ceil(horizon_days / self.mean_days * 1.5 + 10))
        u = rng.random(n)
        gaps = rng.gamma(self.shape, 1.0, (n, k - 1)) * scale
        floor = special.gammainc(self.shape, elapsed / scale[:, 0])  # CDF at the wait so far
        first = special.gammaincinv(self.shape, floor + u * (1 - floor)) * scale[:, 0] - elapsed
        first = np.where(np.isfinite(first), first, scale[:, 0] * self.shape)
        times = np.cumsum(np.column_stack([np.maximum(first, 0.0), gaps]), axis=1)
        while np.any(times[:, -1] <= horizon_days):  # rare: extend the short rows
            more = np.cumsum(rng.gamma(self.shape, 1.0, (n, k)) * scale, axis=1) + times[:, -1:]
            times = np.column_stack([times, more])
        days = np.maximum(np.ceil(times), 1.0)
        return np.where(days <= horizon_days, days, np.nan)


def gaps_and_wait(step_dates, state_day) -> tuple[np.ndarray, float]:
    """Complete gaps (days) between steps after the table's first, and the
    days from the last step to ``state_day``."""
    dates = pd.DatetimeIndex(pd.to_datetime(step_dates)).sort_values()
    if len(dates) == 0:
        return np.empty(0), float("nan")
    wait = float((pd.Timestamp(state_day) - dates[-1]).days)
    gaps = np.diff(dates[1:].asi8) / 86_400e9 if len(dates) > 2 else np.empty(0)
    return np.asarray(gaps, dtype=float), wait


def fit(step_dates, state_day) -> Renewal:
    """Maximum-likelihood gamma renewal fit (see the module docstring)."""
    gaps, wait = gaps_and_wait(step_dates, state_day)
    gaps = np.maximum(gaps, 0.5)  # two steps on one day: half a day apart
    wait = max(wait, 0.0) if np.isfinite(wait) else 0.0
    exposure = gaps.sum() + wait
    if len(gaps) < MIN_GAPS:
        if exposure <= 0:
            return Renewal(1.0, float("nan"), len(gaps))
        return Renewal(1.0, exposure / (len(gaps) + 0.5), len(gaps))

    def negative_log_likelihood(theta):
        shape, scale = np.exp(theta)
        ll = stats.gamma.logpdf(gaps, shape, scale=scale).sum()
        if wait > 0:
            ll += np.log(max(special.gammaincc(shape, wait / scale), 1e-300))
        return -ll

    start = np.log([1.0, exposure / len(gaps)])
    best = optimize.minimize(negative_log_likelihood, start, method="Nelder-Mead", options={"xatol": 1e-6, "fatol": 1e-9})
    shape, scale = np.exp(best.x)
    return Renewal(float(shape), float(scale), len(gaps))
