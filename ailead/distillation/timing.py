"""Does the follower catch up a fixed delay after the leader? Catch-up
delays on the capabilities index and a permutation test of their regularity."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats

from .. import gap
from ..constants import CHINA, DAYS_PER_MONTH, N_DRAWS, SEED, US, WINDOW_START


def catch_up_delays(models: pd.DataFrame, leader: str = US, follower: str = CHINA, start=None) -> pd.DataFrame:
    """For every model that moved the follower's frontier, how long before
    its release the leader's frontier first reached the same score.

    Frontiers are :func:`ailead.gap.frontier` (running best ECI score) and
    the matching is :func:`ailead.gap.match_to_leader`. One row per follower
    frontier step released on or after ``start``, with ``delay_months``
    (release date minus the leader's first date at or above that score,
    months of 365.25/12 days; a tie counts as reached). When the leader's
    *first* model in the data already beats the score, the true date is
    unknown and the row is flagged ``censored`` (its delay is a lower
    bound). If the leader never reached the score, ``matched`` is False and
    the delay missing (the follower led).
    """
    lead = gap.frontier(models, leader)
    follow = gap.frontier(models, follower)
    if start is not None:
        follow = follow[follow["release_date"] >= pd.Timestamp(start)].reset_index(drop=True)
    position, matched = gap.match_to_leader(lead, follow["eci_score"].to_numpy())
    leader_date = pd.Series(pd.NaT, index=follow.index, dtype="datetime64[ns]")
    leader_model = pd.Series(None, index=follow.index, dtype="object")
    if len(lead):
        leader_date[:] = np.where(matched, lead["release_date"].to_numpy()[position], np.datetime64("NaT"))
        leader_model[:] = np.where(matched, lead["model"].to_numpy()[position], None)
    delay = (follow["release_date"] - leader_date).dt.days / DAYS_PER_MONTH
    return pd.DataFrame(
        {
            "follower_model": follow["model"],
            "release_date": follow["release_date"],
            "eci_score": follow["eci_score"],
            "leader_model": leader_model,
            "leader_date": leader_date,
            "delay_months": delay.astype(float),
            "matched": matched,
            "censored": matched & (position == 0),
        }
    )


def timing_test(follower_months, leader_months, *, n_perm: int = N_DRAWS, seed: int = SEED, exact_max: int = 7) -> dict:
    """Are the follower's catch-up delays more regular than random timing gives?

    ``follower_months[i]`` is when the follower reached score *i* and
    ``leader_months[i]`` when the leader first did (both in months on any
    common origin, follower times in increasing order). If the follower
    distils the leader with a fixed lag, the delays ``follower - leader``
    are nearly constant; their sample standard deviation (the *spread*) is
    the statistic.

    Null of random timing: the follower keeps its first date and its own
    gaps between releases, but the order of those gaps is shuffled, which
    breaks any link to the leader's dates while keeping the follower's
    release rhythm. The test is :func:`scipy.stats.permutation_test`
    (one sample, ``permutation_type="pairings"``, one-sided "less"). With at
    most ``exact_max`` gaps (or when every ordering fits in ``n_perm``)
    every ordering is enumerated and the p-value is the exact share of
    orderings with a spread at or below the observed one; otherwise
    ``n_perm`` seeded shuffles are drawn and p = (1 + count) / (1 + n_perm).
    A small p-value means the delays are more regular than the follower's
    rhythm alone explains.
    """
    follower = np.asarray(follower_months, dtype=float)
    leader = np.asarray(leader_months, dtype=float)
    if follower.shape != leader.shape or follower.ndim != 1:
        raise ValueError("follower and leader times must be two 1-D arrays of the same length")
    if len(follower) < 3:
        raise ValueError("need at least three catch-up events to test their timing")
    if np.any(np.diff(follower) < 0):
        raise ValueError("follower times must be in increasing order")
    gaps = np.diff(follower)

    def spread(order, axis=-1):
        """Sample standard deviation of the delays for gaps in the order given."""
        order = np.moveaxis(np.asarray(order, dtype=float), axis, -1)
        first = np.zeros((*order.shape[:-1], 1))
        times = follower[0] + np.concatenate([first, np.cumsum(order, axis=-1)], axis=-1)
        return np.std(times - leader, ddof=1, axis=-1)

    exact = len(gaps) <= exact_max or math.factorial(len(gaps)) <= n_perm
    result = stats.permutation_test(
        (gaps,),
        spread,
        permutation_type="pairings",
        vectorized=True,
        n_resamples=np.inf if exact else n_perm,
        alternative="less",
        rng=np.random.default_rng(seed),
    )
    null = result.null_distribution
    return {
        "events": int(len(follower)),
        "observed_spread": float(result.statistic),
        "null_median_spread": float(np.median(null)),
        "null_low_spread": float(np.quantile(null, 0.05)),
        "p_value": float(result.pvalue),
        "method": "exact" if exact else "monte carlo",
        "n_null": int(len(null)),
    }


def delay_signal(models: pd.DataFrame, start=WINDOW_START, *, n_perm: int = N_DRAWS, seed: int = SEED) -> dict:
    """Catch-up delays of China behind the US since ``start`` and their timing test.

    Censored rows (the US date is unknown) and rows the US never matched are
    left out of the summary and the test. Returns the table (all rows), the
    summary of the delays used, and :func:`timing_test` output.
    """
    table = catch_up_delays(models, start=start)
    used = table[table["matched"] & ~table["censored"]]
    if len(used) < 3:
        raise ValueError("fewer than three usable catch-up events")
    origin = pd.Timestamp("2000-01-01")
    follower = ((used["release_date"] - origin).dt.days / DAYS_PER_MONTH).to_numpy()
    leader = ((used["leader_date"] - origin).dt.days / DAYS_PER_MONTH).to_numpy()
    delays = used["delay_months"].to_numpy()
    shortest = used.loc[used["delay_months"].idxmin()]
    return {
        "table": table,
        "n_used": int(len(used)),
        "n_censored": int(table["censored"].sum()),
        "median": float(np.median(delays)),
        "q1": float(np.quantile(delays, 0.25)),
        "q3": float(np.quantile(delays, 0.75)),
        "min": float(delays.min()),
        "max": float(delays.max()),
        "min_model": shortest["follower_model"],
        "min_leader_model": shortest["leader_model"],
        "leaders_reused": int(used["leader_model"].duplicated().sum()),
        "steps_per_leader": steps_per_leader(used),
        "test": timing_test(follower, leader, n_perm=n_perm, seed=seed),
    }


def steps_per_leader(used: pd.DataFrame) -> pd.Series:
    """How many follower frontier steps were matched to each leader model
    (rows of :func:`catch_up_delays`), in the order the leaders were first
    matched. A count above one means the follower's frontier rose several
    times while the leader's stayed on one model."""
    counts = used.groupby("leader_model", sort=False).size()
    return counts.rename("follower_steps").astype(int)


# --- How strong is the timing evidence? ---------------------------------------

#: The book's evidence-strength rule for a one-sided p-value: "strong" below
#: the first bound, "moderate" below the second, "weak" below the third,
#: "none" otherwise.
EVIDENCE_BOUNDS = (("strong", 0.01), ("moderate", 0.05), ("weak", 0.10))
NO_EVIDENCE = "none"


def evidence_strength(p_value: float) -> str:
    """Grade a p-value by :data:`EVIDENCE_BOUNDS` (each bound exclusive)."""
    if pd.isna(p_value) or not 0 <= p_value <= 1:
        raise ValueError("a p-value must lie between 0 and 1")
    for grade, bound in EVIDENCE_BOUNDS:
        if p_value < bound:
            return grade
    return NO_EVIDENCE


# --- How fragile is the timing evidence? (issue 14) ---------------------------

#: The grade when leave-one-out subsets do not agree.
INCONCLUSIVE = "inconclusive"


def leave_one_out(follower_months, leader_months, *, n_perm: int = N_DRAWS, seed: int = SEED) -> np.ndarray:
    """:func:`timing_test`'s p-value with each catch-up event left out in turn
    (element *i*: event *i* dropped). Needs at least four events, so that
    every subset keeps the three the test needs."""
    follower = np.asarray(follower_months, dtype=float)
    leader = np.asarray(leader_months, dtype=float)
    if len(follower) < 4:
        raise ValueError("need at least four catch-up events to leave one out")
    keep = ~np.eye(len(follower), dtype=bool)
    return np.array([timing_test(follower[k], leader[k], n_perm=n_perm, seed=seed)["p_value"] for k in keep])


def robust_grade(p_values) -> str:
    """The :func:`evidence_strength` grade every p-value agrees on, otherwise
    :data:`INCONCLUSIVE`."""
    grades = {evidence_strength(p) for p in p_values}
    if not grades:
        raise ValueError("no p-values to grade")
    return grades.pop() if len(grades) == 1 else INCONCLUSIVE


def timing_robustness(signal: dict, *, n_perm: int = N_DRAWS, seed: int = SEED) -> dict:
    """Leave-one-out p-values of a :func:`delay_signal` (its usable events),
    their range, which event moves p most either way, and the robust grade
    over the full sample and every subset."""
    table = signal["table"]
    used = table[table["matched"] & ~table["censored"]].reset_index(drop=True)
    origin = pd.Timestamp("2000-01-01")
    follower = ((used["release_date"] - origin).dt.days / DAYS_PER_MONTH).to_numpy()
    leader = ((used["leader_date"] - origin).dt.days / DAYS_PER_MONTH).to_numpy()
    p_values = leave_one_out(follower, leader, n_perm=n_perm, seed=seed)
    return {
        "p_values": p_values,
        "p_min": float(p_values.min()),
        "p_max": float(p_values.max()),
        "min_dropped": used.at[int(p_values.argmin()), "follower_model"],
        "max_dropped": used.at[int(p_values.argmax()), "follower_model"],
        "grades": tuple(sorted({evidence_strength(p) for p in p_values})),
        "grade": robust_grade([signal["test"]["p_value"], *p_values]),
    }
