"""The fast array paths give what their plain definitions give: the noise
draws' lag against :func:`ailead.gap.lag_frame`, the vectorised noise slopes
against one fit per draw, and the null series against a search per day."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ailead import gap
from ailead.claims import measures, noise
from ailead.claims import sawtooth as st
from ailead.constants import CHINA, DAYS_PER_MONTH, US


def models_with_ties():
    rows = [
        ("us-0", US, "2023-01-01", 100.0),
        ("us-1", US, "2023-03-01", 110.0),
        ("us-1b", US, "2023-03-01", 115.0),  # same day, better: the frontier moves once
        ("cn-0", CHINA, "2023-02-01", 95.0),  # below the leader's first model: censored
        ("cn-1", CHINA, "2023-05-01", 112.0),
        ("us-2", US, "2023-09-01", 130.0),
        ("cn-2", CHINA, "2023-10-01", 140.0),  # ahead of every US model: never matched
    ]
    frame = pd.DataFrame(rows, columns=["model", "country", "release_date", "eci_score"])
    frame["release_date"] = pd.to_datetime(frame["release_date"])
    frame["model"] = frame["model"].astype("string")
    return frame


def lag_from_arrays(models):
    lead = gap.frontier(models, US)
    follow = gap.frontier(models, CHINA)
    days = pd.date_range(models["release_date"].min(), models["release_date"].max(), freq="D")
    return gap.lag_on_days(
        gap.day_numbers(days),
        gap.day_numbers(lead["release_date"]),
        lead["eci_score"].to_numpy(),
        gap.day_numbers(follow["release_date"]),
        follow["eci_score"].to_numpy(),
    )


def test_lag_on_days_equals_the_lag_frame_including_censored_and_unmatched_days():
    models = models_with_ties()
    frame = gap.lag_frame(models)
    lag, censored = lag_from_arrays(models)
    assert np.array_equal(lag, frame["lag_months"].to_numpy(), equal_nan=True)
    assert np.array_equal(censored, frame["censored"].to_numpy(dtype=bool))
    assert censored.any() and np.isnan(lag).any() and (~np.isnan(lag)).any()


def test_the_frontier_takes_the_best_of_a_day_once_and_keeps_the_name_type():
    steps = gap.frontier(models_with_ties(), US)
    assert steps["model"].tolist() == ["us-0", "us-1b", "us-2"]
    assert steps["model"].dtype == "string"


def test_noisy_lags_are_lag_frames_of_the_perturbed_scores():
    models = models_with_ties()
    lags, censored = noise.noisy_lags(models, 5.0, n_draws=4, seed=3)
    rng = np.random.default_rng(3)
    for row in range(4):
        noisy = models.assign(eci_score=models["eci_score"] + rng.normal(0.0, 5.0, len(models)))
        frame = gap.lag_frame(noisy)
        assert np.array_equal(lags[row], frame["lag_months"].to_numpy(), equal_nan=True)
        assert np.array_equal(censored[row], frame["censored"].to_numpy(dtype=bool))


def test_vectorised_noise_slopes_equal_one_fit_per_draw():
    codes, years = st._month_groups(pd.Timestamp("2024-01-01"), 400)
    rng = np.random.default_rng(0)
    values = rng.normal(size=(5, 400)).cumsum(axis=1)
    values[1, 40:200] = np.nan  # whole months missing drop out
    values[2, ::3] = np.nan  # scattered missing days
    values[3, 60:] = np.nan  # two months left: too few to fit
    values[4, :] = np.nan
    slopes = measures._monthly_slopes(values, codes, years)

    def one_fit(row):
        keep = ~np.isnan(row)
        present = np.unique(codes[keep])
        if len(present) < st.MIN_MONTHS:
            return np.nan
        remap = -np.ones(len(years), dtype=int)
        remap[present] = np.arange(len(present))
        return st.monthly_slopes(row[keep][None, :], remap[codes[keep]], years[present])[0]

    expected = np.array([one_fit(row) for row in values])
    assert np.isnan(slopes[3]) and np.isnan(slopes[4])
    assert slopes[:3] == pytest.approx(expected[:3], rel=1e-12)


def test_null_series_follow_their_last_step_on_every_day():
    model = st.Sawtooth(np.array([20.0, 35.0, 50.0]), np.array([1.0, 4.0, 9.0]))
    series = st.simulate_null(model, 6, 300, np.random.default_rng(5))
    # Every day either climbs a month per month from the day before or
    # restarts at one of the measured levels (a new step).
    change = np.diff(series, axis=1)
    climbing = np.isclose(change, 1 / DAYS_PER_MONTH)
    restart = np.isin(np.round(series[:, 1:], 9), np.round(model.levels_months, 9))
    assert np.all(climbing | restart)
    assert (~climbing).sum() >= 6  # steps happen


def test_the_lag_frame_names_the_models_in_force_from_their_first_day():
    frame = gap.lag_frame(models_with_ties())
    assert frame.at[pd.Timestamp("2023-02-01"), "follower_model"] == "cn-0"  # the follower's first step
    assert pd.isna(frame.at[pd.Timestamp("2023-01-31"), "follower_model"])  # before any Chinese model
    assert frame.at[pd.Timestamp("2023-05-01"), "leader_model"] == "us-1b"


def test_a_lag_on_a_straight_line_has_a_trend_interval_of_zero_width():
    days = pd.date_range("2023-01-01", "2024-12-31", freq="D")
    month_start = days.to_period("M").to_timestamp()
    years = (month_start - month_start[0]).days / 365.25
    lag = pd.Series(6.0 * np.asarray(years), index=days)  # six months of lag gained a year, exactly
    result = gap.trend(lag, n_boot=200)
    assert result["slope_months_per_year"] == pytest.approx(6.0)
    assert result["ci_low"] == pytest.approx(6.0) and result["ci_high"] == pytest.approx(6.0)
    assert result["verdict"] == "widening"
