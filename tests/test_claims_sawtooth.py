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


# --- Wiring into the claims package (issue 14) -----------------------------------

import ailead.claims as cl  # noqa: E402
from ailead import gap  # noqa: E402
from ailead.distillation import timing  # noqa: E402


def test_the_package_exports_the_calibrated_trend_verdict():
    model = st.Sawtooth(np.array([30.0, 60.0, 90.0, 45.0]), np.array([2.0, 4.0, 6.0, 3.0]))
    base = pd.Series(st.simulate_null(model, 1, 730, np.random.default_rng(5))[0], index=pd.date_range("2024-01-01", periods=730))
    rising = base + 20 * np.arange(730) / 365.25
    end = rising.index[-1]
    # Fitted on its own steps, a lag rising 20 months a year reads as widening.
    assert cl.trend_verdict(rising, end - pd.DateOffset(months=24), end) == "widening"
    assert cl.trend_verdict(rising, end - pd.DateOffset(months=24), end) in cl.READINGS


def _mirror_world(swap: bool):
    """Two countries whose roles can be swapped: the same releases, the
    leader's and the follower's scores trading places."""
    rows = [
        ("a0", "A", "2022-06-01", 90.0),
        ("a1", "A", "2023-01-01", 100.0),
        ("b1", "B", "2023-03-01", 95.0),
        ("a2", "A", "2023-06-01", 110.0),
        ("b2", "B", "2023-09-01", 105.0),
        ("a3", "A", "2024-01-01", 120.0),
        ("b3", "B", "2024-02-15", 112.0),
        ("a4", "A", "2024-06-30", 125.0),
    ]
    frame = pd.DataFrame(rows, columns=["model", "country", "release_date", "eci_score"])
    frame["release_date"] = pd.to_datetime(frame["release_date"])
    if swap:
        frame["country"] = frame["country"].map({"A": "B", "B": "A"})
    return frame


def test_swapping_the_countries_swaps_the_trend_verdicts():
    # The lag of B behind A, and the lead of B over A (the negated lag), read
    # as mirror images under the calibrated rule with the mirrored null.
    lag = gap.lag_months(_mirror_world(False), "A", "B")
    model = st.Sawtooth(np.array([30.0, 60.0, 90.0, 45.0]), np.array([2.0, 4.0, 6.0, 3.0]))
    mirror = st.Sawtooth(model.intervals_days, -model.levels_months)
    for trend in (-15.0, 0.0, 15.0):
        tilted = lag + trend * np.arange(len(lag)) / 365.25
        start, end = "2023-03-01", "2024-06-30"
        forward = st.trend_test(tilted, start, end, model=model)
        backward = st.trend_test(-tilted, start, end, model=mirror)
        assert forward["slope_months_per_year"] == pytest.approx(-backward["slope_months_per_year"])
        swap = {"narrowing": "widening", "widening": "narrowing", "no clear trend": "no clear trend"}
        assert backward["verdict"] == swap[forward["verdict"]]
    for reading in cl.READINGS:
        for direction, mirrored in (("narrowing", "widening"), ("widening", "narrowing"), ("stable", "stable")):
            swapped_reading = {"narrowing": "widening", "widening": "narrowing"}.get(reading, reading)
            assert cl.claim_trend_verdict(direction, reading, 0.5, band=1.0) == cl.claim_trend_verdict(
                mirrored, swapped_reading, -0.5, band=1.0
            )


def test_claim_trend_verdicts_on_each_reading():
    assert cl.claim_trend_verdict("narrowing", "narrowing", -5.0, band=1.0) == cl.SUPPORTED
    assert cl.claim_trend_verdict("narrowing", "widening", 5.0, band=1.0) == cl.CONTRADICTED
    assert cl.claim_trend_verdict("narrowing", "no clear trend", -5.0, band=1.0) == cl.MIXED
    assert cl.claim_trend_verdict("stable", "no clear trend", 0.5, band=1.0) == cl.SUPPORTED
    assert cl.claim_trend_verdict("stable", "no clear trend", 1.5, band=1.0) == cl.MIXED
    assert cl.claim_trend_verdict("stable", "narrowing", -5.0, band=1.0) == cl.CONTRADICTED
    with pytest.raises(ValueError, match="unknown trend reading"):
        cl.claim_trend_verdict("stable", "sideways", 0.0, band=1.0)


def test_bootstrap_rule_cries_wolf_on_the_same_null():
    model = st.Sawtooth(np.array([98.0, 25.0, 192.0, 60.0, 120.0, 361.0]), np.array([6.4, 3.0, 3.4, 1.1, 4.2, 5.5, 7.6]))
    old = st.bootstrap_rule_rates(model, window_months=12, n_series=100, n_boot=500, seed=2)
    assert old["false_positive"] == pytest.approx(old["widening"] + old["narrowing"])
    # Far above the 10% a 90% interval promises (the issue measured 43%).
    assert old["false_positive"] > 0.2


def test_score_noise_is_the_pooled_spread_of_snapshots():
    rows = [
        ("M (Mar 2025)", "A", "2025-03-01", 100.0),
        ("M (May 2025)", "A", "2025-05-01", 102.0),
        ("N", "B", "2025-01-01", 90.0),
        ("N (Jun 2025)", "B", "2025-06-01", 94.0),
        ("Lone", "A", "2025-01-01", 80.0),
        ("Lone 2", "A", "2025-02-01", 70.0),
    ]
    frame = pd.DataFrame(rows, columns=["model", "country", "release_date", "eci_score"])
    result = cl.score_noise(frame)
    # Squared deviations 1 + 1 and 4 + 4 over 1 + 1 degrees of freedom.
    assert result["sd"] == pytest.approx(np.sqrt(10 / 2))
    assert result["models"] == ("M", "N") and result["n_rows"] == 4
    with pytest.raises(ValueError, match="several dated snapshots"):
        cl.score_noise(frame[frame["model"].str.startswith("Lone")])


def test_noisy_lags_without_noise_are_the_lag():
    frame = _mirror_world(False)
    lags, censored = cl.noisy_lags(frame, 0.0, "A", "B", n_draws=3)
    exact = gap.lag_frame(frame, "A", "B")
    assert np.allclose(lags[1], exact["lag_months"].to_numpy(), equal_nan=True)
    assert (censored[2] == exact["censored"].to_numpy()).all()
    with pytest.raises(ValueError, match="cannot be negative"):
        cl.noisy_lags(frame, -1.0, "A", "B", n_draws=1)


def test_current_lag_is_the_mean_of_the_last_days():
    frame = _mirror_world(False)
    lag = gap.lag_months(frame, "A", "B")
    current = gap.current_lag(frame, "A", "B", days=30)
    assert current["value"] == pytest.approx(lag.iloc[-30:].mean())
    assert current["last_day"] == pytest.approx(lag.iloc[-1]) and current["start"] == lag.index[-30]
    with pytest.raises(ValueError, match="at least one day"):
        gap.current_lag(frame, "A", "B", days=0)


def test_leave_one_out_grade_on_constructed_cases():
    assert timing.robust_grade([0.001, 0.005]) == "strong"
    assert timing.robust_grade([0.02, 0.03, 0.049]) == "moderate"
    assert timing.robust_grade([0.02, 0.07]) == timing.INCONCLUSIVE
    assert timing.robust_grade([0.5, 0.2]) == timing.NO_EVIDENCE
    with pytest.raises(ValueError, match="no p-values"):
        timing.robust_grade([])
    # Four catch-ups with an exactly fixed delay: every subset of three is as
    # regular as can be, and each is graded on its own exact p-value.
    follower = np.array([3.0, 7.0, 12.0, 20.0])
    p_values = timing.leave_one_out(follower, follower - 2.0)
    assert len(p_values) == 4
    exact = [timing.timing_test(np.delete(follower, i), np.delete(follower, i) - 2.0)["p_value"] for i in range(4)]
    assert p_values.tolist() == exact
    with pytest.raises(ValueError, match="at least four"):
        timing.leave_one_out(follower[:3], follower[:3] - 2.0)


def test_a_zero_day_interval_between_steps_is_refused():
    with pytest.raises(ValueError, match="positive"):
        st.Sawtooth(np.array([0.0, 10.0]), np.array([1.0, 2.0, 3.0]))
    st.Sawtooth(np.array([1.0, 10.0]), np.array([1.0, 2.0, 3.0]))  # one day is allowed


def test_exactly_the_minimum_number_of_months_can_be_tested():
    model = st.Sawtooth(np.array([20.0, 30.0, 45.0]), np.array([1.0, 2.0, 3.0]))
    days = pd.date_range("2024-01-01", "2024-06-30", freq="D")
    lag = pd.Series(np.linspace(3.0, 9.0, len(days)), index=days)
    result = st.trend_test(lag, days[0], days[-1], model=model, n_null=50)
    assert result["months"] == st.MIN_MONTHS == 6
    with pytest.raises(ValueError, match="at least 6 months"):
        st.trend_test(lag, days[0], pd.Timestamp("2024-05-31"), model=model, n_null=50)
