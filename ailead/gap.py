"""How far the follower's frontier trails the leader's, in months.

Definitions used throughout the book:

* A group's **frontier** on day *t* is the best ECI score among its models
  released on or before *t* (a running maximum, a step function).
* The **lag** on day *t* is the time between *t* and the first day the
  leader's frontier reached the follower's frontier of day *t* (a tie counts
  as reached). It is measured in months of 365.25/12 days.
* If the leader reached that score only *after* *t*, the follower was ahead on
  day *t* and the lag is negative (minus the months the leader then needed).
  If the leader never reached it in the data, the lag is missing (NaN).
* Before the follower's first model the lag is missing: there is nothing to
  compare.
* If the leader's *earliest* model in the data already beat the follower's
  score, the true match date may lie before the data begin, so the lag is a
  lower bound; such days are flagged ``censored``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .constants import CHINA, DAYS_PER_MONTH, US
from .constants import WINDOW_START as WINDOW_START  # re-exported: callers write gap.WINDOW_START

OPEN = "Open weights"
CLOSED = "Closed"


def with_groups(models: pd.DataFrame) -> pd.DataFrame:
    """Add ``access_group`` (open weights or closed; unknown access dropped
    from that grouping) so the same lag code can compare open with closed."""
    frame = models.copy()
    frame["access_group"] = frame["open_weights"].map({True: OPEN, False: CLOSED})
    return frame


def frontier(models: pd.DataFrame, country: str | None = None, *, by: str = "country", group: str | None = None) -> pd.DataFrame:
    """The running best ECI score of one group, one row per model that moved it.

    ``frontier(models, "China")`` selects on the ``country`` column;
    ``frontier(models, by="access_group", group="Open weights")`` on another.
    Returns columns ``release_date``, ``eci_score`` (the new best) and ``model``
    in date order. Models released on the same day are taken best first, so a
    tie on one day moves the frontier once.
    """
    wanted = group if group is not None else country
    if wanted is None:
        raise ValueError("name the country (or group) whose frontier you want")
    mask = (models[by] == wanted).to_numpy(dtype=bool)
    dates, scores, names = frontier_arrays(
        models["release_date"].to_numpy()[mask],
        models["eci_score"].to_numpy(dtype=float)[mask],
        models["model"].to_numpy()[mask],
    )
    return pd.DataFrame({"release_date": dates, "eci_score": scores, "model": pd.array(names, dtype=models["model"].dtype)})


def frontier_arrays(dates: np.ndarray, scores: np.ndarray, names: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`frontier` on plain arrays of one group's models: the dates,
    scores and names of the models that moved its best score.

    NumPy rather than a pandas sort, because the noise bands recompute the
    frontier hundreds of times; it runs several times faster.
    """
    # Date first, then best score first, then name (np.lexsort's last key leads).
    order = np.lexsort((names, -scores, dates))
    dates, scores, names = dates[order], scores[order], names[order]
    best = pd.Series(scores).cummax().to_numpy()
    moved = scores > np.concatenate(([-np.inf], best[:-1]))
    return dates[moved], scores[moved], names[moved]


def daily_best(steps: pd.DataFrame, days: pd.DatetimeIndex) -> tuple[np.ndarray, np.ndarray]:
    """Best score and index of the frontier step in force on each day.

    ``steps`` is :func:`frontier` output. Before the first step the score is
    NaN and the index -1.
    """
    position = np.searchsorted(steps["release_date"].to_numpy(), days.to_numpy(), side="right") - 1
    if steps.empty:
        return np.full(len(days), np.nan), position
    best = np.where(position >= 0, steps["eci_score"].to_numpy()[np.clip(position, 0, None)], np.nan)
    return best, position


def match_to_leader(lead_steps: pd.DataFrame, scores) -> tuple[np.ndarray, np.ndarray]:
    """For each score, the leader's first frontier step that reached it.

    The one frontier-matching rule of the book (a tie counts as reached).
    ``lead_steps`` is :func:`frontier` output, whose scores strictly rise.
    Returns ``(position, matched)``: the step's index (clipped into range,
    so it can index arrays even where unmatched) and whether the leader
    ever reached the score. NaN scores are never matched.
    """
    return first_reaching(lead_steps["eci_score"].to_numpy(dtype=float), scores)


def first_reaching(lead_best: np.ndarray, scores) -> tuple[np.ndarray, np.ndarray]:
    """:func:`match_to_leader` on the leader's rising step scores as an array."""
    scores = np.asarray(scores, dtype=float)
    position = np.searchsorted(lead_best, np.nan_to_num(scores, nan=np.inf), side="left")
    matched = (position < len(lead_best)) & ~np.isnan(scores)
    return np.clip(position, 0, max(len(lead_best) - 1, 0)), matched


def lag_frame(
    models: pd.DataFrame,
    leader: str = US,
    follower: str = CHINA,
    start=None,
    end=None,
    *,
    by: str = "country",
) -> pd.DataFrame:
    """Day-by-day lag with what explains it.

    Columns: ``lag_months``, ``follower_best``, ``follower_model``,
    ``leader_match_date`` (first day the leader's frontier reached
    ``follower_best``), ``leader_model`` and ``censored``. The index is every
    day from ``start`` (default: the first release in the table) to ``end``
    (default: the last release in the table).
    """
    lead_steps = frontier(models, by=by, group=leader)
    follow_steps = frontier(models, by=by, group=follower)
    first = models["release_date"].min() if start is None else pd.Timestamp(start)
    last = models["release_date"].max() if end is None else pd.Timestamp(end)
    days = pd.date_range(first, last, freq="D", name="date")

    follower_best, follow_pos = daily_best(follow_steps, days)
    match_idx, matched = match_to_leader(lead_steps, follower_best)
    lead_dates = lead_steps["release_date"].to_numpy()
    match_date = np.where(matched, lead_dates[match_idx] if len(lead_dates) else np.datetime64("NaT"), np.datetime64("NaT"))
    match_date = pd.to_datetime(match_date)

    lag = (days - match_date).days / DAYS_PER_MONTH
    follow_models = follow_steps["model"].to_numpy()
    lead_models = lead_steps["model"].to_numpy()
    frame = pd.DataFrame(
        {
            "lag_months": np.asarray(lag, dtype="float64"),
            "follower_best": follower_best,
            "follower_model": np.where(
                follow_pos >= 0, follow_models[np.clip(follow_pos, 0, None)] if len(follow_models) else None, None
            ),
            "leader_match_date": match_date,
            "leader_model": np.where(matched, lead_models[match_idx] if len(lead_models) else None, None),
            "censored": matched & (match_idx == 0),
        },
        index=days,
    )
    return frame


def lag_on_days(
    day_numbers: np.ndarray, lead_days: np.ndarray, lead_scores: np.ndarray, follow_days: np.ndarray, follow_scores: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``lag_months`` and ``censored`` of :func:`lag_frame` from frontier
    steps alone (all dates as whole day numbers), for callers that recompute
    the lag many times, such as the noise draws; same rule, same values."""
    position = np.searchsorted(follow_days, day_numbers, side="right") - 1
    follower_best = np.where(position >= 0, follow_scores[np.clip(position, 0, None)] if len(follow_scores) else np.nan, np.nan)
    match_idx, matched = first_reaching(np.asarray(lead_scores, dtype=float), follower_best)
    if len(lead_days) == 0:
        return np.full(len(day_numbers), np.nan), np.zeros(len(day_numbers), dtype=bool)
    lag = np.where(matched, (day_numbers - lead_days[match_idx]) / DAYS_PER_MONTH, np.nan)
    return lag, matched & (match_idx == 0)


def day_numbers(dates) -> np.ndarray:
    """Dates as whole days since 1970 (int64), the unit of :func:`lag_on_days`."""
    return np.asarray(dates, dtype="datetime64[ns]").astype("datetime64[D]").astype(np.int64)


def lag_months(
    models: pd.DataFrame,
    leader: str = US,
    follower: str = CHINA,
    start=None,
    end=None,
    *,
    by: str = "country",
) -> pd.Series:
    """Months the leader's frontier was ahead of the follower's, for every day.

    See the module docstring for what negative and missing values mean.
    """
    return lag_frame(models, leader, follower, start, end, by=by)["lag_months"].rename("lag_months")


def for_trend(frame: pd.DataFrame) -> pd.Series:
    """The daily lag to fit trends on: censored days left out.

    On censored days the lag is only a lower bound; keeping them would tilt
    every fitted slope towards widening. Means and extremes keep them (as
    lower bounds), trends do not.
    """
    return frame["lag_months"].where(~frame["censored"].astype(bool)).rename("lag_months")


def summarize(lag: pd.Series, start=None, end=None) -> dict:
    """Mean, minimum, maximum and latest lag over a window, with their dates."""
    window = lag.loc[start:end].dropna()
    if window.empty:
        raise ValueError("no lag values in the requested window")
    return {
        "mean": float(window.mean()),
        "min": float(window.min()),
        "min_date": window.idxmin(),
        "max": float(window.max()),
        "max_date": window.idxmax(),
        "latest": float(window.iloc[-1]),
        "latest_date": window.index[-1],
        "start": window.index[0],
        "end": window.index[-1],
    }


def _slope_per_year(years: np.ndarray, values: np.ndarray) -> np.ndarray:
    """OLS slopes of each row of ``values`` on ``years`` (vectorised).

    Written with element-wise sums rather than a matrix product: BLAS picks
    its kernel by CPU, and its last digits would then differ between
    machines, which strict notebook checks would see.
    """
    x = years - years.mean()
    return ((values - values.mean(axis=-1, keepdims=True)) * x).sum(axis=-1) / (x * x).sum()


def trend(
    lag: pd.Series,
    start=None,
    end=None,
    *,
    n_boot: int = 4000,
    block_months: int = 6,
    level: float = 0.9,
    seed: int = 0,
) -> dict:
    """Months of lag gained (+) or lost (-) per year, with a bootstrap interval.

    The daily lag is averaged by calendar month first (days are not
    independent observations). The interval comes from a moving-block
    bootstrap of the residuals around the fitted line, which keeps the
    month-to-month persistence of the lag; ``seed`` makes it reproducible.
    The verdict is *narrowing* when the whole interval is below zero,
    *widening* when it is above zero, and *no clear trend* otherwise.
    """
    monthly = lag.loc[start:end].dropna().resample("MS").mean().dropna()
    if len(monthly) < 2 * block_months:
        raise ValueError(f"need at least {2 * block_months} months of lag to fit a trend, got {len(monthly)}")
    years = ((monthly.index - monthly.index[0]).days / 365.25).to_numpy()
    values = monthly.to_numpy()
    slope = float(_slope_per_year(years, values))
    fitted = values.mean() + slope * (years - years.mean())
    residuals = values - fitted

    rng = np.random.default_rng(seed)
    n = len(values)
    blocks_needed = -(-n // block_months)
    starts = rng.integers(0, n - block_months + 1, size=(n_boot, blocks_needed))
    index = (starts[:, :, None] + np.arange(block_months)).reshape(n_boot, -1)[:, :n]
    boot = _slope_per_year(years, fitted + residuals[index])
    low, high = np.quantile(boot, [(1 - level) / 2, 1 - (1 - level) / 2])
    if high < 0:
        verdict = "narrowing"
    elif low > 0:
        verdict = "widening"
    else:
        verdict = "no clear trend"
    return {
        "slope_months_per_year": slope,
        "ci_low": float(low),
        "ci_high": float(high),
        "level": level,
        "verdict": verdict,
        "months": n,
    }


#: The Arena comparisons quoted in the text: first, middle and last published
#: percentage gaps (rows of ``data/arena_gap.csv``).
ARENA_POINTS = {"first": "arena_pct_2024_01", "mid": "arena_pct_2025_02", "last": "arena_pct_2026_03"}


def external_check(models: pd.DataFrame, published: pd.DataFrame, publisher: str = "Epoch AI") -> pd.DataFrame:
    """The project's lag statistics beside a publisher's, over the same window.

    ``published`` is the ``published_gap_estimates`` table. Returns one row
    per statistic with both values, their difference and, for the extremes,
    the day and the pair of models that set the project's value.
    """
    rows = published[published["publisher"] == publisher]
    if rows.empty:
        raise ValueError(f"no published estimates from {publisher!r}")
    start, end = rows["window_start"].iloc[0], rows["window_end"].iloc[0]
    frame = lag_frame(models, start=start, end=end)
    stats = summarize(frame["lag_months"])
    out = []
    for _, row in rows.iterrows():
        name = row["statistic"]
        day = stats.get(f"{name}_date")
        out.append(
            {
                "statistic": name,
                "published_months": float(row["value_months"]),
                "project_months": stats[name],
                "difference_months": stats[name] - float(row["value_months"]),
                "date": day,
                "chinese_model": frame.at[day, "follower_model"] if day is not None else None,
                "us_model_matched": frame.at[day, "leader_model"] if day is not None else None,
            }
        )
    return pd.DataFrame(out)


#: Units of ``arena_gap.csv`` in words.
UNIT_WORDS = {"percent": "percent", "elo_points": "Elo points", "percentage_points": "percentage points"}


def arena_rows(arena: pd.DataFrame) -> pd.DataFrame:
    """The ``arena_gap`` table in its own row order, with the unit in words
    (``unit_words``)."""
    out = arena.reset_index(drop=True).copy()
    out["unit_words"] = [UNIT_WORDS.get(unit, str(unit).replace("_", " ")) for unit in out["unit"]]
    return out


def coincidence(first: pd.Series, second: pd.Series) -> dict:
    """How far two daily lag series agree over the days both are defined."""
    both = pd.concat([first, second], axis=1, keys=["first", "second"]).dropna()
    if len(both) < 2:
        raise ValueError("the two series share fewer than two days")
    difference = both["first"] - both["second"]
    return {
        "days": int(len(both)),
        "correlation": float(both["first"].corr(both["second"])),
        "mean_first": float(both["first"].mean()),
        "mean_second": float(both["second"].mean()),
        "mean_abs_difference": float(difference.abs().mean()),
        "share_within_3_months": float((difference.abs() <= 3).mean()),
    }


def first_at_or_above(models: pd.DataFrame, score: float, group: str, *, by: str = "country") -> pd.Series | None:
    """The first model of ``group`` (by release date) scoring at least ``score``."""
    hits = models[(models[by] == group) & (models["eci_score"] >= score)]
    if hits.empty:
        return None
    return hits.sort_values(["release_date", "model"]).iloc[0]


def count_above(models: pd.DataFrame, score: float, day, group: str, *, by: str = "country") -> int:
    """How many models of ``group`` released by ``day`` scored above ``score``."""
    released = models[(models[by] == group) & (models["release_date"] <= pd.Timestamp(day))]
    return int((released["eci_score"] > score).sum())


def open_share_of_frontier_movers(models: pd.DataFrame, group: str, *, by: str = "country") -> float:
    """Share of the models that moved ``group``'s frontier which publish their weights
    (models whose access is unknown are left out)."""
    movers = frontier(models, by=by, group=group)["model"]
    access = models.set_index("model").loc[movers, "open_weights"].dropna()
    if access.empty:
        raise ValueError(f"no frontier model of {group!r} has known access")
    return float(access.astype(bool).mean())


# --- The current lag (issue 14): one definition for every chapter ---

#: The current lag is the mean daily lag over this many days up to the last
#: day of the data (one release moves the lag on a single day by months).
CURRENT_LAG_DAYS = 90


def current_lag(models: pd.DataFrame, leader: str = US, follower: str = CHINA, *, days: int = CURRENT_LAG_DAYS) -> dict:
    """The book's one "current lag": the mean of :func:`lag_months` over the
    ``days`` days ending on the last release date in ``models``.

    Returns ``value`` (months), ``start`` and ``end`` (the days averaged),
    ``last_day`` (the lag on the last day alone, for comparison) and
    ``days``. Raises ``ValueError`` if any of those days has no lag or only
    a bound (censored), since the mean would then not be a lag.
    """
    if days < 1:
        raise ValueError("the current lag needs at least one day")
    end = pd.Timestamp(models["release_date"].max())
    start = end - pd.Timedelta(days=days - 1)
    frame = lag_frame(models, leader, follower, start=start, end=end)
    if frame["lag_months"].isna().any() or frame["censored"].astype(bool).any():
        raise ValueError(f"the lag is not known exactly on every day from {start.date()} to {end.date()}")
    return {
        "value": float(frame["lag_months"].mean()),
        "start": start,
        "end": end,
        "last_day": float(frame["lag_months"].iloc[-1]),
        "days": int(days),
    }


# --- other yardsticks and releases after the index (issue 15, items 4-5) ---

#: Units of ``gap_yardsticks.csv`` that measure a lag in time. Only these
#: can be set beside the book's ECI lag; the others (percent, Elo points,
#: index points) are score differences that no sourced method turns into months.
TIME_UNITS = ("months",)


def yardstick_rows(yardsticks: pd.DataFrame) -> pd.DataFrame:
    """The ``gap_yardsticks`` table in publication order, with

    * ``central``: the published value, or the midpoint of a published range
      when only a range was given (DeepSeek's 3-6 months);
    * ``score_difference``: ``us_value - china_value`` where a row publishes
      two scores and no gap (Artificial Analysis), in the row's own unit;
    * ``in_time``: whether the unit is a time lag (see :data:`TIME_UNITS`).
    """
    out = yardsticks.sort_values(["published", "id"]).reset_index(drop=True).copy()
    midpoint = (out["value_low"] + out["value_high"]) / 2
    out["central"] = out["value"].where(out["value"].notna(), midpoint)
    out["score_difference"] = out["us_value"] - out["china_value"]
    out["in_time"] = out["unit"].isin(TIME_UNITS)
    return out


def lag_on(models: pd.DataFrame, day) -> float:
    """The book's ECI lag (months) on one day inside the data."""
    day = pd.Timestamp(day)
    end = models["release_date"].max()
    if day > end:
        raise ValueError(f"{day.date()} is after the last release in the index ({end.date()})")
    return float(lag_frame(models, start=WINDOW_START, end=end).at[day, "lag_months"])


def lag_bounds_after_index(models: pd.DataFrame, releases: pd.DataFrame, end, *, follower: str = CHINA) -> dict:
    """The latest lag on ``end`` under the two extremes for releases the index
    has not scored yet.

    * **None moved China's frontier** (upper bound): the index's lag carried
      forward with :func:`lag_frame` to ``end``; it grows a month per month
      from the index's last release.
    * **China's latest release matched the US frontier of its day** (lower
      bound): on that day the lag is at least zero; from then on it grows a
      month per month, so on ``end`` it is at least the months since that
      release. No ECI score is assumed for any model.

    ``releases`` is the ``frontier_releases_after_index`` table; releases
    after ``end`` are ignored.
    """
    end = pd.Timestamp(end)
    index_end = models["release_date"].max()
    if end < index_end:
        raise ValueError(f"end {end.date()} is before the index's last release ({index_end.date()})")
    later = releases[(releases["release_date"] > index_end) & (releases["release_date"] <= end)]
    followers = later[later["country"] == follower].sort_values(["release_date", "model"])
    if followers.empty:
        raise ValueError(f"no {follower} release after the index's last release ({index_end.date()}) and by {end.date()}")
    latest = followers.iloc[-1]
    carried = lag_frame(models, start=WINDOW_START, end=end)["lag_months"]
    return {
        "index_end": index_end,
        "lag_index_end": float(carried.at[index_end]),
        "upper": float(carried.iloc[-1]),
        "matched_model": latest["model"],
        "matched_date": latest["release_date"],
        "lower": (end - latest["release_date"]).days / DAYS_PER_MONTH,
        "end": end,
    }
