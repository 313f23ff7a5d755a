"""Drawing the uncertain inputs, simulating the lead, and summarising the draws.

:func:`simulate` draws every uncertain parameter from a triangular
distribution over its low, central (mode) and high values, independently
across parameters, with common random numbers: the same seed gives the same
uniform number to a parameter in every scenario, so two worlds differ only
where their assumptions differ.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import triang

from ..constants import DAYS_PER_YEAR, N_DRAWS, SEED
from .model import PARAMETERS, THRESHOLDS, Scenario, lead_months

#: The quantiles of the fan chart.
QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)


def _scenario(scenario) -> Scenario:
    if isinstance(scenario, str):
        from .inputs import get

        return get(scenario)
    return scenario


def triangular(u, low, mode, high):
    """Inverse CDF of the triangular distribution (``low <= mode <= high``),
    by :data:`scipy.stats.triang`.

    ``u`` are uniform numbers in [0, 1). Works when the mode sits at either
    end, and returns ``low`` everywhere when the range is empty.
    """
    u = np.asarray(u, dtype=float)
    width = high - low
    if width <= 0:
        return np.full_like(u, low)
    return triang.ppf(u, (mode - low) / width, loc=low, scale=width)


def draw(scenario: Scenario, n: int, seed: int = SEED) -> dict[str, np.ndarray]:
    """``n`` draws of every parameter (triangular over low, central, high).

    One uniform column per name in :data:`PARAMETERS`, in that order, so a
    seed gives a parameter the same uniform numbers in every scenario.
    """
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise ValueError(f"the number of draws must be a positive integer, got {n!r}")
    uniforms = np.random.default_rng(seed).random((int(n), len(PARAMETERS)))
    out = {}
    for column, name in enumerate(PARAMETERS):
        p = scenario.parameters[name]
        out[name] = triangular(uniforms[:, column], p.low, p.central, p.high)
    return out


def simulate(scenario, n: int = N_DRAWS, seed: int = SEED) -> pd.DataFrame:
    """Draw the uncertain parameters and return the lead on the monthly grid.

    ``scenario`` is ``"act"``, ``"drift"`` or a :class:`Scenario`. Returns a
    long frame with columns ``date``, ``draw`` and ``lead_months``, ordered by
    draw then date. The same seed gives the same frame.
    """
    scenario = _scenario(scenario)
    dates = scenario.dates()
    tau = scenario.years(dates)[None, :]
    values = {name: column[:, None] for name, column in draw(scenario, n, seed).items()}
    lead = lead_months(tau, values)
    return pd.DataFrame(
        {
            "date": np.tile(dates.to_numpy(), n),
            "draw": np.repeat(np.arange(n), len(dates)),
            "lead_months": lead.ravel(),
        }
    )


def central_path(scenario) -> pd.Series:
    """The lead with every parameter at its central value, by date."""
    scenario = _scenario(scenario)
    dates = scenario.dates()
    return pd.Series(lead_months(scenario.years(dates), scenario.central()), index=dates, name="lead_months")


def lead_at(scenario: Scenario, date=None, **values: float) -> float:
    """The central lead on one date (default: the end), with some values changed."""
    date = scenario.end if date is None else pd.Timestamp(date)
    central = scenario.central()
    unknown = set(values) - set(central)
    if unknown:
        raise KeyError(f"unknown parameters: {', '.join(sorted(unknown))}")
    central.update(values)
    # The same years as Scenario.years, for one date without building an index.
    tau = (date - scenario.start).days / DAYS_PER_YEAR
    return float(lead_months(tau, central))


# --- Summaries ----------------------------------------------------------------


def _matrix(sim: pd.DataFrame) -> pd.DataFrame:
    """Draws in rows, dates in columns."""
    return sim.pivot(index="draw", columns="date", values="lead_months")


def fan(sim: pd.DataFrame, quantiles=QUANTILES) -> pd.DataFrame:
    """Quantiles of the lead by date (columns ``q10``, ``q25``, ...)."""
    matrix = _matrix(sim)
    values = np.quantile(matrix.to_numpy(), quantiles, axis=0).T
    columns = [f"q{round(100 * q):02d}" for q in quantiles]
    return pd.DataFrame(values, index=pd.DatetimeIndex(matrix.columns, name="date"), columns=columns)


def probabilities(sim: pd.DataFrame, thresholds=THRESHOLDS) -> pd.DataFrame:
    """Share of draws with a lead of at least each threshold, by date."""
    matrix = _matrix(sim)
    frames = [
        pd.DataFrame({"date": matrix.columns, "threshold": t, "probability": (matrix.to_numpy() >= t).mean(axis=0)})
        for t in thresholds
    ]
    return pd.concat(frames, ignore_index=True)


def summary(sim: pd.DataFrame, dates, thresholds=THRESHOLDS, level: float = 0.8) -> pd.DataFrame:
    """Median, central interval and threshold probabilities on chosen dates."""
    matrix = _matrix(sim)
    tail = (1 - level) / 2
    rows = []
    for date in pd.DatetimeIndex(dates):
        if date not in matrix.columns:
            raise KeyError(f"{date.date()} is not on the simulated grid")
        values = matrix[date].to_numpy()
        row = {
            "date": date,
            "median": float(np.median(values)),
            "low": float(np.quantile(values, tail)),
            "high": float(np.quantile(values, 1 - tail)),
        }
        for t in thresholds:
            row[f"p_at_least_{t}"] = float((values >= t).mean())
        rows.append(row)
    return pd.DataFrame(rows)
