"""ailead.claims.sawtooth: the trend rule and its no-trend null."""

import numpy as np
import pandas as pd
import pytest

from ailead.claims import sawtooth as st
from ailead.constants import DAYS_PER_MONTH


def sawtooth_series(step_days, levels, n_days, start="2024-01-01"):
    """A lag that starts at levels[k] on step_days[k] and grows a month per month."""
    index = pd.date_range(start, periods=n_days, freq="D")
    values = np.empty(n_days)
    for k, (day, level) in enumerate(zip(step_days, levels)):
        stop = step_days[k + 1] if k + 1 < len(step_days) else n_days
        values[day:stop] = level + np.arange(stop - day) / DAYS_PER_MONTH
    return pd.Series(values, index=index)


def test_fit_reads_steps_intervals_and_levels():
    lag = sawtooth_series([0, 40, 100, 130], [5.0, 2.0, 6.0, 1.0], 200)
    model = st.fit_sawtooth(lag)
    # The first day opens the series and is not a step; the others are.
    assert model.intervals_days.tolist() == [60.0, 30.0]
    assert model.levels_months.tolist() == [2.0, 6.0, 1.0]


def test_fit_counts_the_first_day_after_a_gap_as_a_step():
    lag = sawtooth_series([0, 40, 100, 130], [5.0, 2.0, 6.0, 1.0], 200)
    lag.iloc[90:100] = np.nan  # e.g. censored days
    lag.iloc[100:] = 6.0 + np.arange(100) / DAYS_PER_MONTH
    lag.iloc[130:] = 1.0 + np.arange(70) / DAYS_PER_MONTH
    model = st.fit_sawtooth(lag)
    assert model.levels_months.tolist() == [2.0, 6.0, 1.0]


def test_fit_needs_three_steps():
    with pytest.raises(ValueError, match="three frontier steps"):
        st.fit_sawtooth(sawtooth_series([0, 50], [3.0, 1.0], 100))


def test_null_series_grow_a_month_per_month_and_restart_at_measured_levels():
    model = st.Sawtooth(np.array([30.0, 60.0, 90.0]), np.array([1.0, 4.0, 7.0]))
    series = st.simulate_null(model, 50, 400, np.random.default_rng(3))
    growth = np.diff(series, axis=1)
    grew = np.isclose(growth, 1 / DAYS_PER_MONTH)
    restarts = series[:, 1:][~grew]
    assert np.isin(np.round(restarts, 9), [1.0, 4.0, 7.0]).all()
    # Steps come no faster than the shortest interval allows.
    assert (~grew).sum(axis=1).max() <= 400 // 30 + 1


def test_null_has_no_trend():
    model = st.Sawtooth(np.array([30.0, 60.0, 150.0]), np.array([1.0, 4.0, 9.0]))
    series = st.simulate_null(model, 4000, 365, np.random.default_rng(0))
    codes, years = st._month_groups(pd.Timestamp("2001-01-01"), 365)
    slopes = st.monthly_slopes(series, codes, years)
    assert abs(slopes.mean()) < 4 * slopes.std() / np.sqrt(len(slopes))
    # Stationary: the first and last days have the same mean level.
    assert abs(series[:, 0].mean() - series[:, -1].mean()) < 0.2


def test_monthly_slopes_recover_a_straight_line():
    codes, years = st._month_groups(pd.Timestamp("2001-01-01"), 365)
    days = np.arange(365)
    line = 2.0 + 3.0 * days / 365.25  # 3 months of lag per year
    assert st.monthly_slopes(line[None, :], codes, years)[0] == pytest.approx(3.0, abs=0.05)


def test_rule_reads_strong_trends_and_their_mirror():
    model = st.Sawtooth(np.array([30.0, 60.0, 90.0, 45.0]), np.array([2.0, 4.0, 6.0, 3.0]))
    base = pd.Series(st.simulate_null(model, 1, 730, np.random.default_rng(5))[0], index=pd.date_range("2024-01-01", periods=730))
    years = np.arange(730) / 365.25
    end = base.index[-1]
    up = base + 20 * years
    down = base - 20 * years
    start = end - pd.DateOffset(months=24)
    assert st.trend_test(up, start, end, model=model)["verdict"] == "widening"
    assert st.trend_test(down, start, end, model=model)["verdict"] == "narrowing"
    flat = st.trend_test(base, start, end, model=model)
    assert flat["null_low"] < 0 < flat["null_high"]


def test_rule_needs_six_months():
    lag = sawtooth_series([0, 40, 100, 130], [5.0, 2.0, 6.0, 1.0], 200)
    with pytest.raises(ValueError, match="at least 6 months"):
        st.trend_test(lag, lag.index[0], lag.index[100])


def test_calibration_false_positive_rate_and_power_at_a_fixed_seed():
    # 200 series: a cheap version of the chapter's 1,000-series figure. The
    # false-positive rate must stay at most 10% within two standard errors.
    model = st.Sawtooth(np.array([98.0, 25.0, 192.0, 60.0, 120.0, 361.0]), np.array([6.4, 3.0, 3.4, 1.1, 4.2, 5.5, 7.6]))
    table = st.calibration(model, window_months=12, history_days=1050, trends=(0.0, 6.0), n_series=200, n_null=200, seed=1)
    null, trend = table.iloc[0], table.iloc[1]
    assert 1 - null["no clear trend"] <= 0.10 + 2 * np.sqrt(0.1 * 0.9 / 200)
    assert trend["widening"] >= 0.7
