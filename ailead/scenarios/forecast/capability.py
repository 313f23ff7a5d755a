"""Capability from effective compute: ECI on log10 training compute and time.

The fit is ordinary least squares over the scored models that have a
training-compute estimate::

    eci = a + slope * log10(compute) + time_coef * years + residual

``slope`` is in ECI points per tenfold compute; the time term absorbs
algorithmic progress (more capability for the same physical compute), so
``slope * log10(compute) + time_coef * years`` is capability from effective
compute. Standard errors are the usual OLS ones (residual variance times the
diagonal of the inverse normal matrix).

The **catch-up term** is how far Chinese releases beat the score a fit on
every other country's models predicts from their compute and date: the mean
Chinese residual, with its standard error. It holds whatever lets Chinese
labs do better than their compute (distillation of US outputs among it);
the act world's disruption scales its positive part.

The **observation noise** of an ECI score is estimated from the frontier
steps of each country: between two neighbouring steps the frontier is taken
as locally linear, so each step's distance from the straight line through
its neighbours is noise with variance ``sigma**2 * (1 + w**2 + (1 - w)**2)``
(``w`` the step's position between them in time); the pooled estimate is the
root mean square of those distances scaled by that factor.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ... import gap
from ...constants import CHINA, DAYS_PER_YEAR, US, WINDOW_START


@dataclass(frozen=True)
class CapabilityFit:
    """Result of :func:`fit`. ``coef`` is (intercept, slope, time_coef)."""

    coef: tuple[float, float, float]
    se: tuple[float, float, float]
    residual_sd: float
    n: int

    @property
    def slope(self) -> float:
        return self.coef[1]

    @property
    def slope_se(self) -> float:
        return self.se[1]

    def predict(self, log10_compute, years) -> np.ndarray:
        a, b, c = self.coef
        return a + b * np.asarray(log10_compute, dtype=float) + c * np.asarray(years, dtype=float)


def years_since(dates, origin=WINDOW_START) -> np.ndarray:
    """Years (of 365.25 days) from ``origin`` to each date."""
    return ((pd.DatetimeIndex(pd.to_datetime(dates)) - pd.Timestamp(origin)).days / DAYS_PER_YEAR).to_numpy(dtype=float)


def with_compute(models: pd.DataFrame) -> pd.DataFrame:
    """Scored models that have a training-compute estimate."""
    out = models.dropna(subset=["training_compute_flop", "eci_score"]).copy()
    out = out[out["training_compute_flop"] > 0]
    out["log10_compute"] = np.log10(out["training_compute_flop"].astype(float))
    out["years"] = years_since(out["release_date"])
    return out


def _normal_equations(columns: list[np.ndarray], y: np.ndarray) -> tuple[list[float], list[list[float]]]:
    """OLS coefficients and the inverse normal matrix for three regressors.

    Written with element-wise sums and the 3x3 adjugate rather than a
    matrix product or LAPACK: BLAS picks its kernel by CPU, and its last
    digits would then differ between machines, which strict notebook checks
    would see (the same reason as :func:`ailead.gap._slope_per_year`).
    """
    m = [[float((a * b).sum()) for b in columns] for a in columns]
    r = [float((a * y).sum()) for a in columns]
    (a, b, c), (d, e, f), (g, h, i) = m
    cof = [
        [e * i - f * h, -(d * i - f * g), d * h - e * g],
        [-(b * i - c * h), a * i - c * g, -(a * h - b * g)],
        [b * f - c * e, -(a * f - c * d), a * e - b * d],
    ]
    det = a * cof[0][0] + b * cof[0][1] + c * cof[0][2]
    if abs(det) <= 1e-10 * abs(a * e * i):
        raise ValueError("the capability regressors are collinear (one compute value or one date)")
    inverse = [[cof[j][k] / det for j in range(3)] for k in range(3)]  # adjugate = cofactors transposed
    coef = [sum(inverse[k][j] * r[j] for j in range(3)) for k in range(3)]
    return coef, inverse


def fit(models: pd.DataFrame) -> CapabilityFit:
    """OLS of ECI on log10 compute and time (see the module docstring)."""
    rows = with_compute(models)
    if len(rows) < 4:
        raise ValueError(f"need at least 4 scored models with training compute to fit capability, got {len(rows)}")
    columns = [np.ones(len(rows)), rows["log10_compute"].to_numpy(dtype=float), rows["years"].to_numpy(dtype=float)]
    y = rows["eci_score"].to_numpy(dtype=float)
    coef, inverse = _normal_equations(columns, y)
    resid = y - sum(c * v for c, v in zip(coef, columns))
    dof = len(rows) - 3
    sigma2 = float((resid * resid).sum()) / dof
    return CapabilityFit(
        coef=tuple(float(v) for v in coef),
        se=tuple(float(np.sqrt(sigma2 * inverse[i][i])) for i in range(3)),
        residual_sd=float(np.sqrt(sigma2)),
        n=len(rows),
    )


def out_of_sample(models: pd.DataFrame, split="2025-01-01") -> dict:
    """Fit on models released before ``split``, predict the ones from it on.

    Returns the slope of the early fit with its standard error, the number
    of models on each side, the mean absolute error and root mean square
    error of the predictions, and the in-sample residual SD for comparison.
    """
    split = pd.Timestamp(split)
    early = models[models["release_date"] < split]
    late = with_compute(models[models["release_date"] >= split])
    if late.empty:
        raise ValueError(f"no scored models with compute released on or after {split.date()}")
    model = fit(early)
    error = late["eci_score"].to_numpy(dtype=float) - model.predict(late["log10_compute"], late["years"])
    return {
        "slope": model.slope,
        "slope_se": model.slope_se,
        "n_fit": model.n,
        "n_test": len(late),
        "mae": float(np.mean(np.abs(error))),
        "rmse": float(np.sqrt(np.mean(error**2))),
        "bias": float(np.mean(error)),
        "in_sample_sd": model.residual_sd,
    }


def catch_up(models: pd.DataFrame, follower: str = CHINA) -> dict:
    """Mean points by which ``follower``'s releases beat their compute-predicted score.

    The prediction comes from a fit on every *other* country's models, so
    the follower's own over- or under-performance does not pull the line.
    """
    rows = with_compute(models)
    others, own = rows[rows["country"] != follower], rows[rows["country"] == follower]
    if len(own) < 2:
        raise ValueError(f"need at least 2 {follower} models with compute to estimate catch-up, got {len(own)}")
    model = fit(others)
    resid = own["eci_score"].to_numpy(dtype=float) - model.predict(own["log10_compute"], own["years"])
    return {
        "points": float(resid.mean()),
        "se": float(resid.std(ddof=1) / np.sqrt(len(resid))),
        "n": len(resid),
        "slope": model.slope,
        "slope_se": model.slope_se,
    }


def _step_distances(steps: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    t = years_since(steps["release_date"])
    s = steps["eci_score"].to_numpy(dtype=float)
    if len(t) < 3:
        return np.empty(0), np.empty(0)
    w = (t[1:-1] - t[:-2]) / np.where(t[2:] > t[:-2], t[2:] - t[:-2], np.nan)
    w = np.nan_to_num(w, nan=0.5)
    distance = s[1:-1] - ((1 - w) * s[:-2] + w * s[2:])
    return distance, 1 + w**2 + (1 - w) ** 2


def observation_noise(models: pd.DataFrame, countries=(US, CHINA)) -> float:
    """Pooled ECI observation noise (points) from the countries' frontier steps.

    The first step of each country is left out: it is where the table
    begins, not a move of the frontier.
    """
    distances, factors = [], []
    for country in countries:
        d, f = _step_distances(gap.frontier(models, country).iloc[1:])
        distances.append(d)
        factors.append(f)
    d, f = np.concatenate(distances), np.concatenate(factors)
    if len(d) < 2:
        raise ValueError("need at least 2 interior frontier steps to estimate observation noise")
    return float(np.sqrt(np.mean(d**2 / f)))


def report(models: pd.DataFrame, split="2025-01-01") -> dict:
    """The capability figures the chapter quotes: the slope on all scored
    models with compute (points per tenfold compute, with its standard
    error), the out-of-sample check (:func:`out_of_sample`), the catch-up
    term (:func:`catch_up`) and the observation noise (:func:`observation_noise`)."""
    fit_all = fit(models)
    return {
        "slope": fit_all.slope,
        "slope_se": fit_all.slope_se,
        "time_points_per_year": fit_all.coef[2],
        "n": fit_all.n,
        "residual_sd": fit_all.residual_sd,
        "out_of_sample": out_of_sample(models, split),
        "catch_up": catch_up(models),
        "observation_noise": observation_noise(models),
    }
