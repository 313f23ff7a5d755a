"""The forecast engine of the lag (ailead.scenarios.forecast): known answers, the same
lag rule as ailead.gap, no look-ahead, CRPS, seeds and monotonicity."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from ailead import gap
from ailead.constants import CHINA, DAYS_PER_MONTH, US
from ailead.scenarios.forecast import capability, compute, engine, evaluate, policy, releases

REFERENCE = Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "epoch_capabilities_index.csv"


@pytest.fixture(scope="module")
def models():
    return policy.models().copy()


@pytest.fixture(scope="module")
def cal():
    return policy.calibration()


def _table(rows):
    return pd.DataFrame(rows, columns=["model", "country", "release_date", "eci_score"]).assign(
        release_date=lambda f: pd.to_datetime(f["release_date"])
    )


# --- Known answers -------------------------------------------------------------


def test_without_chinese_releases_the_lag_grows_one_month_per_month(cal):
    days = np.arange(1, 400)
    lag = engine.simulate_days(cal, days, n=200, seed=1, china_steps=False)
    expected = cal.lag_today + days / DAYS_PER_MONTH
    assert np.allclose(lag, expected[None, :])


def test_identical_frontiers_give_zero_lag():
    # Both frontiers rise every day: the lag is zero every day.
    days = np.arange(1, 60, dtype=float)[None, :]
    scores = 100.0 + days
    lag = engine.lag_on_days([0.0], [100.0], 100.0, days, scores, days, scores, np.arange(0, 59))
    assert np.array_equal(lag, np.zeros((1, 59)))


def test_identical_stepped_frontiers_lag_only_by_the_time_since_their_common_step():
    # With steps, the book's rule (ailead.gap) gives zero on each step day and
    # the days since the common step in between.
    steps = np.array([[5.0, 20.0, 40.0]])
    scores = np.array([[101.0, 102.5, 104.0]])
    days = np.arange(0, 60)
    lag = engine.lag_on_days([-10.0], [100.0], 100.0, steps, scores, steps, scores, days)
    last_step = np.array([max([-10.0] + [s for s in steps[0] if s <= d]) for d in days])
    assert np.allclose(lag[0], (days - last_step) / DAYS_PER_MONTH)
    assert np.all(lag[0, steps[0].astype(int)] == 0)


def test_a_follower_that_never_moves_is_matched_to_the_first_leader_step_reaching_it():
    lag = engine.lag_on_days([-61, -31], [100.0, 110.0], 105.0, [[np.nan]], [[np.nan]], [[np.nan]], [[np.nan]], [0, 10])
    assert np.allclose(lag, [[31 / DAYS_PER_MONTH, 41 / DAYS_PER_MONTH]])


# --- The simulator's lag is ailead.gap's lag -------------------------------------


@pytest.mark.parametrize("extra", [0.0, 8.0, -12.0])
def test_simulated_lag_equals_gap_lag_frame_on_the_same_frontiers(models, cal, extra):
    grid = policy.monthly_grid(cal.state_day)
    days = (grid - cal.state_day).days.to_numpy()
    draws = engine.draw_releases(cal, days.max(), 6, seed=4, shift=lambda tau: extra + 0 * tau)
    lag = engine.lag_on_days(
        cal.lead_days, cal.lead_scores, cal.follow_best, draws.us_days, draws.us_scores, draws.cn_days, draws.cn_scores, days
    )
    base = models[["model", "country", "release_date", "eci_score"]]
    for i in range(6):
        table = pd.concat([base, engine.as_models(cal, draws, i)], ignore_index=True)
        expected = gap.lag_frame(table, start=grid[0], end=grid[-1])["lag_months"].reindex(grid).to_numpy()
        assert np.array_equal(np.isnan(expected), np.isnan(lag[i]))
        assert np.allclose(expected[~np.isnan(expected)], lag[i][~np.isnan(expected)], atol=1e-9)


def test_negative_lag_when_the_follower_moves_ahead_matches_gap():
    history = _table([("u0", US, "2024-01-01", 100.0), ("c0", CHINA, "2024-01-01", 95.0)])
    state = pd.Timestamp("2024-01-01")
    us_days, us_scores = np.array([[40.0, 90.0]]), np.array([[103.0, 120.0]])
    cn_days, cn_scores = np.array([[10.0]]), np.array([[110.0]])
    days = np.arange(0, 120)
    lag = engine.lag_on_days([0.0], [100.0], 95.0, us_days, us_scores, cn_days, cn_scores, days)
    sim = _table([("u1", US, "2024-02-10", 103.0), ("u2", US, "2024-03-31", 120.0), ("c1", CHINA, "2024-01-11", 110.0)])
    expected = gap.lag_frame(pd.concat([history, sim]), start=state, end=state + pd.Timedelta(days=119))["lag_months"]
    assert np.allclose(expected.to_numpy(), lag[0], equal_nan=True)
    assert lag[0, 20] < 0


# --- Calibration and the first simulated month ----------------------------------


def test_simulation_starts_from_the_state_on_the_last_data_day(models, cal):
    measured = gap.lag_frame(models, start=cal.state_day, end=cal.state_day)["lag_months"].iloc[0]
    assert cal.state_day == models["release_date"].max()
    assert cal.lag_today == pytest.approx(measured)
    last_china_step = gap.frontier(models, CHINA)["release_date"].iloc[-1]
    assert cal.cn_wait == (cal.state_day - last_china_step).days
    sim = policy.simulate("status_quo", n=300, seed=0)
    first = sim.columns[0]
    no_step = cal.lag_today + (first - cal.state_day).days / DAYS_PER_MONTH
    assert sim[first].max() <= no_step + 1e-9  # the lag can at most have grown day by day
    assert np.isclose(sim[first], no_step).mean() > 0.5


def test_first_gap_is_conditional_on_the_wait_and_poisson_is_memoryless():
    rng = np.random.default_rng(0)
    poisson = releases.Renewal(1.0, 50.0, 10)
    fresh = poisson.sample(rng, 0.0, 8000, 400)[:, 0]
    waited = poisson.sample(rng, 200.0, 8000, 400)[:, 0]
    assert np.nanmin(fresh) >= 1
    assert abs(np.nanmean(fresh) - np.nanmean(waited)) < 3.0  # no memory
    regular = releases.Renewal(8.0, 10.0, 10)  # mean 80 days, regular
    assert np.nanmean(regular.sample(rng, 70.0, 8000, 400)[:, 0]) < 0.5 * np.nanmean(regular.sample(rng, 0.0, 8000, 400)[:, 0])


def test_renewal_fit_recovers_a_known_gamma():
    rng = np.random.default_rng(2)
    dates = pd.Timestamp("2020-01-01") + pd.to_timedelta(np.cumsum(rng.gamma(3.0, 20.0, 400)).round(), unit="D")
    fit = releases.fit(dates, dates[-1])
    assert fit.shape == pytest.approx(3.0, rel=0.2)
    assert fit.mean_days == pytest.approx(60.0, rel=0.1)
    few = releases.fit(dates[:3], dates[2] + pd.Timedelta(days=30))
    assert few.shape == 1.0


# --- No look-ahead -----------------------------------------------------------------


@pytest.mark.parametrize("origin", ["2024-07-01", "2025-03-01"])
def test_poisoning_rows_on_or_after_the_origin_changes_no_forecast(models, origin):
    origin = pd.Timestamp(origin)
    clean = evaluate.forecast(models, origin, n=300, seed=0)
    poisoned = models.copy()
    later = poisoned["release_date"] >= origin
    poisoned.loc[later, "eci_score"] = 299.0 - poisoned.loc[later, "eci_score"]
    poisoned.loc[later, "training_compute_flop"] = 1e29
    poisoned.loc[later, "country"] = np.where(poisoned.loc[later, "country"] == US, CHINA, US)
    extra = poisoned.iloc[[0, 1]].assign(
        model=["fake 1", "fake 2"], release_date=origin, eci_score=[250.0, 1.0], country=[CHINA, US]
    )
    poisoned = pd.concat([poisoned, extra], ignore_index=True)
    dirty = evaluate.forecast(poisoned, origin, n=300, seed=0)
    assert clean.keys() == dirty.keys()
    for key in clean:
        assert np.array_equal(clean[key], dirty[key]), key


def test_targets_and_origins(models):
    found = evaluate.origins(models)
    assert found[0] == pd.Timestamp("2024-01-01")
    last_day = models["release_date"].max()
    assert evaluate.target_month(found[-1], 12)[1] <= last_day
    assert evaluate.target_month(found[-1] + pd.DateOffset(months=1), 12)[1] > last_day
    lag = pd.Series(np.arange(100.0), index=pd.date_range("2024-01-01", periods=100))
    assert evaluate.target(lag, "2024-01-01", 1) == pytest.approx(np.arange(31).mean())
    assert evaluate.target(lag, "2024-01-01", 3) == pytest.approx(np.arange(60, 91).mean())


# --- CRPS ------------------------------------------------------------------------------


def test_crps_matches_reference_values():
    # Two-member ensemble {0, 1}, observation 0: E|X-y| - E|X-X'|/2 = 0.5 - 0.25.
    assert evaluate.crps(0.0, [0.0, 1.0]) == pytest.approx(0.25)
    # A point forecast scores its absolute error.
    assert evaluate.crps(3.0, [5.0]) == pytest.approx(2.0)
    # Closed form for a normal forecast: sigma * (z(2Phi(z)-1) + 2phi(z) - 1/sqrt(pi)).
    m, sigma, y = 20_000, 2.0, 1.0
    ensemble = sigma * stats.norm.ppf((np.arange(m) + 0.5) / m)
    z = y / sigma
    exact = sigma * (z * (2 * stats.norm.cdf(z) - 1) + 2 * stats.norm.pdf(z) - 1 / np.sqrt(np.pi))
    assert evaluate.crps(y, ensemble) == pytest.approx(exact, abs=1e-3)


def test_score_intervals():
    values = np.arange(1, 101, dtype=float)
    assert evaluate.score(50.0, values)["in_50"] and evaluate.score(50.0, values)["in_80"]
    assert not evaluate.score(15.0, values)["in_50"] and evaluate.score(15.0, values)["in_80"]
    assert not evaluate.score(5.0, values)["in_80"]
    assert evaluate.score(50.0, values)["abs_error"] == pytest.approx(0.5)


# --- Seeds and monotonicity ---------------------------------------------------------


def test_seeds_are_reproducible():
    first = policy.simulate("act", n=400, seed=3)
    again = policy.simulate("act", n=400, seed=3)
    other = policy.simulate("act", n=400, seed=4)
    pd.testing.assert_frame_equal(first, again)
    assert not first.equals(other)


def _lead(cal, shift, n=400, seed=5):
    days = np.arange(30, 1000, 30)
    lag = engine.simulate_days(cal, days, n, seed, shift)
    return np.where(np.isnan(lag), -np.inf, lag)  # no match: China ahead


def test_more_chinese_compute_never_lengthens_the_lead(cal):
    values = policy.policy_inputs("act", 400, 5)
    more = dict(values)
    for channel in compute.CHANNELS:
        more[channel] = values[channel] * 3
    more[compute.START_RATIO] = values[compute.START_RATIO]
    base = _lead(cal, policy.make_shift(values, values["slope"], values["catch_up"]))
    richer = _lead(cal, policy.make_shift(more, values["slope"], values["catch_up"]))
    assert np.all(richer <= base)
    assert np.any(richer < base)


def test_more_disruption_of_distillation_never_shortens_the_lead(cal):
    values = policy.policy_inputs("act", 400, 5)
    values["catch_up"] = np.abs(values["catch_up"]) + 1.0
    weak, strong = dict(values), dict(values)
    weak[compute.RETAINED] = np.full(400, 0.9)
    strong[compute.RETAINED] = np.full(400, 0.2)
    lead_weak = _lead(cal, policy.make_shift(weak, values["slope"], values["catch_up"]))
    lead_strong = _lead(cal, policy.make_shift(strong, values["slope"], values["catch_up"]))
    assert np.all(lead_strong >= lead_weak)
    assert np.any(lead_strong > lead_weak)


# --- China's compute and the copula ---------------------------------------------------


def test_ratio_moves_from_the_start_towards_the_flow():
    values = {compute.START_RATIO: np.array([0.2]), compute.STOCK_GROWTH: np.array([3.0])}
    for i, channel in enumerate(compute.CHANNELS):
        values[channel] = np.array([0.01 * (i + 1)])  # f = 0.1
    change = compute.log10_ratio_change(values, [0.0, 1.0, 50.0])
    assert change[0, 0] == pytest.approx(0.0)
    assert change[0, 1] == pytest.approx(np.log10((0.1 + 0.1 / 3) / 0.2))
    assert change[0, 2] == pytest.approx(np.log10(0.5))


def test_channels_are_drawn_dependent_or_independent():
    rng = np.random.default_rng(0)
    dependent = compute.uniforms(rng, 20_000, 0.5)
    independent = compute.uniforms(np.random.default_rng(0), 20_000, 0.0)
    z = lambda u: stats.norm.ppf(u)  # noqa: E731
    assert np.corrcoef(z(dependent[compute.DOMESTIC]), z(dependent[compute.REMOTE]))[0, 1] == pytest.approx(0.5, abs=0.03)
    assert abs(np.corrcoef(z(independent[compute.DOMESTIC]), z(independent[compute.REMOTE]))[0, 1]) < 0.03
    assert abs(np.corrcoef(z(dependent[compute.DOMESTIC]), z(dependent[compute.START_RATIO]))[0, 1]) < 0.03


def test_policy_rows_are_read_with_clear_errors():
    table = policy._tables()[1]
    act = compute.path_rows(table, "act")
    assert act[compute.LEGAL] == (0.0, 0.0, 0.02)
    with pytest.raises(ValueError, match="scenario_parameters.csv: expected one row for parameter"):
        compute.path_rows(table[table["parameter"] != compute.REMOTE], "act")
    with pytest.raises(ValueError, match="unknown scenario"):
        compute.path_rows(table, "hope")


def test_triangular_quantiles():
    assert compute.triangular([0.0, 1.0], 1.0, 2.0, 4.0).tolist() == pytest.approx([1.0, 4.0])
    assert compute.triangular([0.3], 2.0, 2.0, 2.0).tolist() == [2.0]


# --- Capability from effective compute ----------------------------------------------------


def test_capability_fit_recovers_known_coefficients():
    rng = np.random.default_rng(1)
    n = 200
    log_c = rng.uniform(22, 26, n)
    dates = pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 1000, n), unit="D")
    years = capability.years_since(dates)
    eci = 10 + 9.0 * log_c + 4.0 * years + rng.normal(0, 1.0, n)
    table = pd.DataFrame({"training_compute_flop": 10**log_c, "eci_score": eci, "release_date": dates, "country": "X"})
    fit = capability.fit(table)
    assert fit.slope == pytest.approx(9.0, abs=3 * fit.slope_se)
    assert fit.coef[2] == pytest.approx(4.0, abs=3 * fit.se[2])
    assert fit.residual_sd == pytest.approx(1.0, rel=0.15)


def test_catch_up_measures_how_far_the_follower_beats_its_compute():
    rng = np.random.default_rng(3)
    n = 120
    log_c = rng.uniform(22, 26, n)
    country = np.where(np.arange(n) % 3 == 0, CHINA, US)
    dates = pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 1000, n), unit="D")
    eci = 5 * log_c + np.where(country == CHINA, 6.0, 0.0) + rng.normal(0, 0.5, n)
    table = pd.DataFrame({"training_compute_flop": 10**log_c, "eci_score": eci, "release_date": dates, "country": country})
    assert capability.catch_up(table)["points"] == pytest.approx(6.0, abs=0.4)


def test_observation_noise_is_zero_on_a_straight_frontier_and_found_on_a_noisy_one():
    dates = pd.date_range("2023-03-01", periods=30, freq="45D")
    straight = _table([(f"u{i}", US, d, 100.0 + i) for i, d in enumerate(dates)])
    assert capability.observation_noise(straight, countries=(US,)) == pytest.approx(0.0, abs=1e-9)
    rng = np.random.default_rng(0)
    noisy = _table([(f"u{i}", US, d, 100.0 + 5 * i + rng.normal(0, 1.0)) for i, d in enumerate(dates)])
    assert capability.observation_noise(noisy, countries=(US,)) == pytest.approx(1.0, rel=0.35)


def test_capability_on_the_book_data(models):
    fit = capability.fit(models)
    assert fit.n == int(models["training_compute_flop"].notna().sum())
    check = capability.out_of_sample(models)
    assert check["n_fit"] + check["n_test"] == fit.n
    assert 0 < capability.observation_noise(models) < 5


@pytest.mark.skipif(not REFERENCE.exists(), reason="Epoch reference copy not present")
def test_slope_agrees_with_epochs_reference_export(models):
    ref = pd.read_csv(REFERENCE)
    ref = ref.rename(
        columns={"ECI Score": "eci_score", "Training compute (FLOP)": "training_compute_flop", "Release date": "release_date"}
    )
    ref["release_date"] = pd.to_datetime(ref["release_date"], errors="coerce")
    ref = ref.dropna(subset=["release_date"]).assign(country=ref["Country"])
    ours, theirs = capability.fit(models), capability.fit(ref)
    assert abs(ours.slope - theirs.slope) < 3 * np.hypot(ours.slope_se, theirs.slope_se)


# --- The published tables (heavier) --------------------------------------------------------


@pytest.mark.slow
def test_rolling_backtest_has_the_named_columns_and_rows(models):
    frame = evaluate.rolling_backtest(models, n=300)
    assert list(frame.columns) == ["origin", "horizon_months", "forecaster", "crps", "abs_error", "in_50", "in_80"]
    assert set(frame["horizon_months"]) == {1, 3, 6, 12}
    assert set(frame["forecaster"]) == {"model", "persistence", "last_value", "climatology", "trailing_mean", "linear_trend"}
    assert list(frame["origin"].drop_duplicates()) == list(evaluate.origins(models))
    assert len(frame) == len(evaluate.origins(models)) * 4 * 6
    assert frame["crps"].notna().all()


@pytest.mark.slow
def test_robustness_table():
    frame = policy.robustness(n=500)
    assert list(frame.columns) == ["variant", "scenario", "p_ge_12", "p_ge_24", "median"]
    assert len(frame) == 2 * len(policy.VARIANTS)
    assert (frame["p_ge_24"] <= frame["p_ge_12"]).all()


@pytest.mark.slow
def test_hindcast_reports_the_three_statistics(models):
    frame = evaluate.hindcast(models, n=300)
    assert list(frame["statistic"]) == ["share_ge_12", "mean_lag", "longest_lag"]
    lag = evaluate.measured_lag(models).dropna()
    assert frame.set_index("statistic").at["longest_lag", "measured"] == pytest.approx(lag.max())
    assert (frame["p10"] <= frame["p90"]).all()


# --- The scenario API -----------------------------------------------------------------------


def test_simulate_grid_runs_monthly_from_the_month_after_the_last_data_day(cal):
    sim = policy.simulate("drift", n=50, seed=0, end="2027-03-01")
    assert sim.shape[0] == 50
    assert sim.columns[0] == (cal.state_day + pd.offsets.MonthBegin(1))
    assert sim.columns[-1] == pd.Timestamp("2027-03-01")
    assert (sim.columns.to_series().diff().dropna().dt.days.between(28, 31)).all()
    assert sim.attrs["lag_today"] == pytest.approx(cal.lag_today)
    with pytest.raises(ValueError, match="unknown scenario"):
        policy.simulate("hope", n=10)


def test_the_worlds_share_their_release_draws_and_differ_only_by_policy(cal):
    one = engine.draw_releases(cal, 900, 300, seed=2, shift=lambda tau: 3.0 + tau)
    other = engine.draw_releases(cal, 900, 300, seed=2, shift=None)
    for name in ("us_days", "us_scores", "cn_days"):
        assert np.array_equal(getattr(one, name), getattr(other, name), equal_nan=True), name
    valid = np.isfinite(one.cn_days)
    tau = one.cn_days[valid] / 365.25
    assert np.allclose(other.cn_scores[valid] - one.cn_scores[valid], 3.0 + tau)
    result = policy.difference(n=300, seed=2)
    assert result["q10"] <= result["q50"] <= result["q90"]
    assert 0 <= result["share_longer"] <= 1


def test_outcome_counts_china_ahead_as_below_every_threshold():
    sim = pd.DataFrame({pd.Timestamp("2028-12-01"): [np.nan, 5.0, 12.0, 30.0]})
    out = policy.outcome(sim)
    assert out == {"p_ge_12": 0.5, "p_ge_24": 0.25, "median": 8.5}


def test_acceptance_reads_every_criterion_from_the_tables():
    rows = []
    for h in evaluate.HORIZONS:
        for name, value in zip(evaluate.FORECASTERS, [1.0, 2.0, 5.0, 1.5, 3.0, 4.0]):
            rows.append({"origin": pd.Timestamp("2024-01-01"), "horizon_months": h, "forecaster": name, "crps": value})
    backtest = pd.DataFrame(rows).assign(abs_error=1.0, in_50=True, in_80=False)
    edge = pd.concat(
        [backtest.assign(origin=pd.Timestamp("2024-01-01") + pd.DateOffset(months=k), in_80=k < 7) for k in range(10)]
    )
    empty_hindcast = pd.DataFrame(columns=["statistic"])
    one_variant = pd.DataFrame({"scenario": ["act"], "p_ge_12": [0.5]})
    edge_table = evaluate.acceptance(edge, empty_hindcast, one_variant).set_index("criterion")
    assert edge_table.at["coverage of the 80% interval", "measured"] == pytest.approx(0.7)
    assert edge_table.at["coverage of the 80% interval", "holds"]
    hind = pd.DataFrame([{"statistic": "mean_lag", "measured": 7.9, "p10": 6.0, "p50": 8.0, "p90": 9.0, "inside": True}])
    robust = pd.DataFrame({"variant": ["a", "b", "a"], "scenario": ["act", "act", "drift"], "p_ge_12": [0.5, 0.58, 0.1]})
    table = evaluate.acceptance(backtest, hind, robust).set_index("criterion")
    assert table.at["CRPS ratio to the best baseline, 1 months", "measured"] == pytest.approx(1.0 / 1.5)
    assert table.at["CRPS ratio to the best baseline, 1 months", "holds"]  # 0.67 <= 0.8
    assert table.at["CRPS ratio to the best baseline, 6 months", "holds"]
    assert not table.at["coverage of the 80% interval", "holds"]
    assert not table.at["coverage of the 50% interval", "holds"]  # 100% is too many
    assert table.at["act: spread of P(lag >= 12) across variants", "measured"] == pytest.approx(0.08)
    assert table.at["hindcast mean_lag inside its 10th-90th range", "holds"]


@pytest.mark.slow
def test_per_horizon_origins_keep_every_target_inside_the_data(models):
    frame = evaluate.rolling_backtest(models, n=200, per_horizon=True)
    last_day = models["release_date"].max()
    for (origin, h), _ in frame.groupby(["origin", "horizon_months"]):
        assert evaluate.target_month(origin, h)[1] <= last_day
    common = evaluate.origins(models)
    assert set(frame.loc[frame["horizon_months"] == 12, "origin"]) == set(common)
    assert frame.loc[frame["horizon_months"] == 1, "origin"].nunique() > len(common)


# --- Targeted checks (from a mutation run over ailead/scenarios/forecast) -------------------------------


def _synthetic_calibration(**changes):
    base = engine.Calibration(
        state_day=pd.Timestamp("2025-01-01"),
        lead_days=np.array([-400.0, -200.0, -100.0, -10.0]),
        lead_scores=np.array([100.0, 110.0, 120.0, 130.0]),
        follow_best=90.0,
        us_renewal=releases.Renewal(1.0, 1e9, 10),  # the US never moves
        cn_renewal=releases.Renewal(4.0, 10.0, 10),
        us_wait=0.0,
        cn_wait=0.0,
        us_sizes=np.array([0.0]),
        reset_lags=np.array([6.0]),
        reset_bandwidth=0.0,
        noise=0.0,
        noise_estimate=1.0,
        window_months=12,
        lag_today=float("nan"),
    )
    return base.with_(**changes)


def test_a_chinese_release_scores_the_us_frontier_a_reset_lag_earlier():
    cal = _synthetic_calibration()
    draws = engine.draw_releases(cal, 300, 50, seed=0)
    valid = np.isfinite(draws.cn_days)
    assert valid.any()
    reference_day = draws.cn_days[valid] - 6.0 * DAYS_PER_MONTH
    position = np.searchsorted(cal.lead_days, reference_day, side="right") - 1
    expected = cal.lead_scores[np.clip(position, 0, None)]
    assert np.allclose(draws.cn_scores[valid], expected)
    shifted = engine.draw_releases(cal, 300, 50, seed=0, shift=lambda tau: 2.0 + 0 * tau)
    assert np.allclose(shifted.cn_scores[valid], expected - 2.0)


def test_the_frontier_level_lookup():
    days = np.array([[-10.0, 5.0, 20.0, np.nan]])
    levels = np.array([[1.0, 2.0, 3.0, 3.0]])
    query = np.array([[-20.0, -10.0, 4.0, 5.0, 19.0, 20.0, 22.0, np.nan]])
    found = engine._level_at(days, levels, query)
    assert np.allclose(found, [[1.0, 1.0, 1.0, 2.0, 2.0, 3.0, 3.0, np.nan]], equal_nan=True)


def test_reset_lags_come_from_the_window_including_its_first_day():
    state = pd.Timestamp("2025-12-31")
    window_start = state - pd.DateOffset(months=12)
    rows = [("u0", US, "2023-01-01", 100.0), ("u1", US, "2023-06-01", 150.0), ("c0", CHINA, "2023-02-01", 80.0)]
    rows += [
        (f"c{i}", CHINA, day, 80.0 + 5 * i) for i, day in enumerate([window_start, "2025-06-01", "2025-09-01", "2025-12-01"], 1)
    ]
    cal = engine.calibrate(_table(rows), state, window_months=12)
    assert cal.reset_lags.size == 4
    lag = gap.lag_frame(_table(rows), start="2023-02-01", end=state)["lag_months"]
    steps = pd.to_datetime([window_start, "2025-06-01", "2025-09-01", "2025-12-01"])
    assert np.allclose(cal.reset_lags, lag.loc[steps].to_numpy())
    few = engine.calibrate(_table(rows), state, window_months=3)
    assert few.reset_lags.size == engine.MIN_STEPS  # widened to the last three steps


def test_baselines_on_a_steadily_growing_lag():
    days = pd.date_range("2023-01-01", "2024-12-31", freq="D")
    lag = pd.Series(2.0 + np.arange(len(days)) / DAYS_PER_MONTH, index=days)
    frame = pd.DataFrame({"lag_months": lag, "censored": False})
    origin = pd.Timestamp("2025-01-01")
    out = evaluate.baselines(lag, frame, origin, 3)
    first, last = evaluate.target_month(origin, 3)
    distance = round(((first + (last - first) / 2) - days[-1]).days)
    assert np.allclose(out["persistence"], lag.iloc[-1] + distance / DAYS_PER_MONTH)
    assert np.array_equal(out["last_value"], [lag.iloc[-1]])
    assert np.array_equal(out["climatology"], lag.to_numpy())
    monthly = lag.resample("MS").mean()
    x = (monthly.index - monthly.index[0]).days / 365.25
    slope, intercept = np.polyfit(x, monthly.to_numpy(), 1)
    at = (first + pd.Timedelta(days=14) - monthly.index[0]).days / 365.25
    assert np.median(out["linear_trend"]) == pytest.approx(intercept + slope * at, abs=0.05)
    assert np.median(out["linear_trend"]) > lag.iloc[-1]
    assert np.median(out["trailing_mean"]) > lag.iloc[-365:].mean()


def test_observation_noise_scales_each_distance_by_its_position():
    dates = pd.to_datetime(["2023-01-01", "2023-02-01", "2023-03-01", "2023-04-01", "2023-05-01", "2023-06-01"])
    # Steps after the first: a straight line with one step 1.2 points high.
    t = capability.years_since(dates[1:])
    scores = 100 + 50 * t
    scores[2] += 1.2
    rows = [("u_first", US, dates[0], 50.0)] + [(f"u{i}", US, d, s) for i, (d, s) in enumerate(zip(dates[1:], scores))]
    table = _table(rows)
    distances, factors = capability._step_distances(gap.frontier(table, US).iloc[1:])
    expected = np.sqrt(np.mean(distances**2 / factors))
    w = (t[1:-1] - t[:-2]) / (t[2:] - t[:-2])
    assert np.allclose(factors, 1 + w**2 + (1 - w) ** 2)
    assert capability.observation_noise(table, countries=(US,)) == pytest.approx(expected)
    assert distances[1] == pytest.approx(1.2, abs=1e-9)


def test_poisson_fallback_rate_and_silverman_bandwidth():
    dates = pd.to_datetime(["2024-01-01", "2024-02-01", "2024-05-11"])
    fit = releases.fit(dates, pd.Timestamp("2024-06-30"))  # one gap of 100 days, a wait of 50
    assert fit.shape == 1.0 and fit.scale == pytest.approx(150 / 1.5)
    values = np.array([2.0, 2.0, 2.0, 2.0, 2.0, 9.0])  # no interquartile spread: the SD is used
    assert engine.silverman(values) == pytest.approx(0.9 * values.std(ddof=1) * 6 ** (-0.2))
    spread = np.array([1.0, 2.0, 3.0, 4.0, 30.0])
    iqr = (4.0 - 2.0) / 1.34
    assert engine.silverman(spread) == pytest.approx(0.9 * min(spread.std(ddof=1), iqr) * 5 ** (-0.2))
    assert engine.silverman(np.array([3.0])) == 0.0


def test_triangular_mode_sits_at_its_quantile():
    # F(mode) = (mode - low) / (high - low) for a triangular distribution.
    assert compute.triangular([0.25], 0.0, 1.0, 4.0)[0] == pytest.approx(1.0)
    assert compute.triangular([0.5], 1.0, 1.0, 3.0)[0] == pytest.approx(3.0 - np.sqrt(2.0))
    assert compute.triangular([0.25], 1.0, 2.0, 5.0)[0] == pytest.approx(2.0)


def test_capability_fit_matches_least_squares():
    rng = np.random.default_rng(7)
    x = np.column_stack([np.ones(30), rng.uniform(22, 26, 30), rng.uniform(0, 3, 30)])
    y = x @ [5.0, 8.0, 3.0] + rng.normal(0, 2.0, 30)
    dates = pd.Timestamp("2023-01-01") + pd.to_timedelta(x[:, 2] * 365.25, unit="D")
    table = pd.DataFrame({"training_compute_flop": 10 ** x[:, 1], "eci_score": y, "release_date": dates, "country": US})
    fit = capability.fit(table)
    design = np.column_stack([np.ones(30), np.log10(table["training_compute_flop"]), capability.years_since(dates)])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    resid = y - design @ coef
    cov = resid @ resid / 27 * np.linalg.inv(design.T @ design)
    assert np.allclose(fit.coef, coef) and np.allclose(fit.se, np.sqrt(np.diag(cov)))
    with pytest.raises(ValueError, match="collinear"):
        capability.fit(table.assign(training_compute_flop=1e24))


def test_implied_us_rate():
    cal = _synthetic_calibration(us_sizes=np.array([1.0, 3.0]), us_renewal=releases.Renewal(2.0, 30.0, 10))
    assert cal.us_rate == pytest.approx(2.0 * 365.25 / 60.0)


def test_catch_up_needs_two_follower_models():
    rows = pd.DataFrame(
        {
            "training_compute_flop": [1e23, 1e24, 1e25, 1e26, 1e24, 1e25],
            "eci_score": [100.0, 110.0, 120.0, 131.0, 115.0, 126.0],
            "release_date": pd.to_datetime(["2023-01-01", "2023-06-01", "2024-01-01", "2024-06-01", "2023-07-01", "2024-02-01"]),
            "country": [US, US, US, US, CHINA, CHINA],
        }
    )
    assert capability.catch_up(rows)["n"] == 2
    with pytest.raises(ValueError, match="at least 2 China models"):
        capability.catch_up(rows.iloc[:5])


def test_interval_edges_count_as_inside():
    values = np.arange(0.0, 11.0)  # 10th percentile 1, 25th 2.5, 75th 7.5, 90th 9
    assert evaluate.score(1.0, values)["in_80"] and evaluate.score(9.0, values)["in_80"]
    assert evaluate.score(2.5, values)["in_50"] and evaluate.score(7.5, values)["in_50"]
    assert not evaluate.score(2.4, values)["in_50"]


def test_persistence_spread_needs_enough_past_changes():
    origin = pd.Timestamp("2025-01-01")
    first, last = evaluate.target_month(origin, 1)
    end = origin - pd.Timedelta(days=1)
    distance = round(((first + (last - first) / 2) - end).days)
    for pairs, members in ((evaluate.MIN_PAIRS, evaluate.MIN_PAIRS), (evaluate.MIN_PAIRS - 1, 1)):
        days = pd.date_range(end=end, periods=distance + pairs, freq="D")
        lag = pd.Series(np.linspace(1.0, 3.0, len(days)), index=days)
        out = evaluate.baselines(lag, pd.DataFrame({"lag_months": lag, "censored": False}), origin, 1)
        assert out["persistence"].size == members
