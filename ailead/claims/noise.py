"""ECI score noise and what it does to the lag.

Epoch's export lists some models several times, one row per dated snapshot
of the same model (``GPT-4 (Mar 2023)``, ``GPT-4 (Jun 2023)``). Snapshots of
one model differ by a few index points; :func:`score_noise` takes their
pooled within-model standard deviation as the size of the noise on a score.
Snapshots can also differ in substance (a later checkpoint may be better),
so the figure, if anything, overstates pure measurement noise.

:func:`noisy_lags` perturbs every score by independent normal noise of that
size (seeded) and recomputes the day-by-day lag with :mod:`ailead.gap`, so
every verdict can be re-read on lags the noise makes equally likely.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .. import gap

#: A snapshot label at the end of a model name: "Gemini 2.5 Pro (May 2025)".
SNAPSHOT = re.compile(r"\s*\((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\)$")
#: Perturbed copies of the ECI table each verdict is re-read on.
NOISE_DRAWS = 200
#: Central share of the perturbed values that makes the noise band.
NOISE_LEVEL = 0.9
NOISE_SEED = 7


def snapshot_groups(models: pd.DataFrame) -> pd.DataFrame:
    """Rows of models listed as several snapshots: every row whose name,
    without a trailing "(Mon YYYY)", is shared with another row and at least
    one of them carries such a label. Adds the column ``base``."""
    base = models["model"].str.replace(SNAPSHOT, "", regex=True)
    dated = models["model"].str.contains(SNAPSHOT)
    frame = models.assign(base=base, dated=dated)
    keep = frame.groupby("base")["dated"].transform("any") & (frame.groupby("base")["model"].transform("size") >= 2)
    return frame[keep].sort_values(["base", "release_date"]).reset_index(drop=True)


def score_noise(models: pd.DataFrame) -> dict:
    """The pooled within-model standard deviation of the ECI scores of
    snapshots of one model (index points), with the models it rests on."""
    groups = snapshot_groups(models)
    if groups["base"].nunique() < 1:
        raise ValueError("no model is listed as several dated snapshots; cannot estimate the score noise")
    scores = groups.groupby("base")["eci_score"]
    squares = float(((groups["eci_score"] - scores.transform("mean")) ** 2).sum())
    dof = int((scores.size() - 1).sum())
    return {
        "sd": float(np.sqrt(squares / dof)),
        "n_models": int(groups["base"].nunique()),
        "n_rows": int(len(groups)),
        "models": tuple(groups["base"].drop_duplicates()),
        "range": float((scores.max() - scores.min()).max()),
    }


def noisy_lags(
    models: pd.DataFrame,
    sd: float,
    leader: str = gap.US,
    follower: str = gap.CHINA,
    *,
    start=None,
    end=None,
    by: str = "country",
    n_draws: int = NOISE_DRAWS,
    seed: int = NOISE_SEED,
) -> tuple[np.ndarray, np.ndarray]:
    """Day-by-day lags (rows: draws, columns: days from ``start`` to ``end``)
    with every score perturbed by normal noise of standard deviation ``sd``,
    and the matching ``censored`` flags (:func:`ailead.gap.lag_frame`)."""
    if sd < 0:
        raise ValueError("the score noise cannot be negative")
    rng = np.random.default_rng(seed)
    first = models["release_date"].min() if start is None else pd.Timestamp(start)
    last = models["release_date"].max() if end is None else pd.Timestamp(end)
    days = gap.day_numbers(pd.date_range(first, last, freq="D"))
    dates, names = models["release_date"].to_numpy(), models["model"].to_numpy()
    base = models["eci_score"].to_numpy(dtype=float)
    lead, follow = ((models[by] == group).to_numpy(dtype=bool) for group in (leader, follower))
    lags, censored = [], []
    for _ in range(n_draws):
        # Same rule as gap.lag_frame, on arrays: this loop is the costly part of chapter 05.
        scores = base + rng.normal(0.0, sd, len(models))
        lead_dates, lead_scores, _ = gap.frontier_arrays(dates[lead], scores[lead], names[lead])
        follow_dates, follow_scores, _ = gap.frontier_arrays(dates[follow], scores[follow], names[follow])
        lag, flags = gap.lag_on_days(days, gap.day_numbers(lead_dates), lead_scores, gap.day_numbers(follow_dates), follow_scores)
        lags.append(lag)
        censored.append(flags)
    return np.array(lags), np.array(censored)


def band(values, level: float = NOISE_LEVEL) -> tuple[float, float]:
    """The central ``level`` of some values (NaNs ignored)."""
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    if len(values) == 0:
        return float("nan"), float("nan")
    tail = (1 - level) / 2
    low, high = np.quantile(values, [tail, 1 - tail])
    return float(low), float(high)
