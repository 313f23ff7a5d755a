"""ailead.scenarios: hand-computed answers, invariants and validation.

Every expected number below is worked out by hand from the formula in the
module docstring, on inputs chosen so the logarithms come out round.
"""

from __future__ import annotations

import dataclasses
import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from ailead import data
from ailead import scenarios as sc
from ailead.constants import CHINA, DAYS_PER_MONTH, US
from ailead.distillation import distilled_lag
from ailead.figures import scenarios as figures

START = pd.Timestamp("2026-01-01")


def hand(**values) -> sc.Scenario:
    """A small scenario, every input fixed, defaults chosen for round answers:
    US frontier compute 4x a year and the US stock 4x, algorithms 2x (so
    effective compute 8x), China at a fifth of US compute and adding the same
    fifth, all algorithmic progress shared, no distillation, a measured lag
    of 6 months."""
    central = {
        sc.US_GROWTH: 4.0,
        sc.STOCK_GROWTH: 4.0,
        sc.ALGO_GROWTH: 2.0,
        sc.SHARED: 1.0,
        sc.START_RATIO: 0.2,
        sc.DOMESTIC: 0.2,
        sc.LEGAL: 0.0,
        sc.SMUGGLED: 0.0,
        sc.OFFSHORE: 0.0,
        sc.RETAINED: 1.0,
        sc.DISTIL_SHARE: 0.0,
        sc.DISTIL_DELAY: 3.0,
        sc.MEASURED_LAG: 6.0,
    }
    central.update(values)
    parameters = {name: sc.Parameter(name, v, v, v) for name, v in central.items()}
    return sc.Scenario("hand", parameters, START, pd.Timestamp("2028-12-01"))


def ranged(scenario: sc.Scenario, **ranges) -> sc.Scenario:
    """A copy with some parameters given (low, central, high) ranges."""
    parameters = dict(scenario.parameters)
    for name, (low, central, high) in ranges.items():
        parameters[name] = sc.Parameter(name, central, low, high)
    return sc.Scenario(scenario.name, parameters, scenario.start, scenario.end)


# --- Known answers ------------------------------------------------------------


def test_equal_effective_compute_gives_zero_lag():
    assert sc.ratio_to_lag_months(1.0, 4.5) == 0.0
    # China holding the same compute as the US and adding as much: the ratio
    # alone implies no lag, and a measured lag of 0 stays 0 throughout.
    even = hand(**{sc.START_RATIO: 1.0, sc.DOMESTIC: 1.0, sc.MEASURED_LAG: 0.0})
    assert sc.calibration(even.central())["raw_lag_months"] == 0.0
    assert np.allclose(sc.central_path(even), 0.0, atol=1e-12)


def test_a_tenfold_deficit_at_4_5x_a_year_is_about_18_4_months():
    # 12 * ln 10 / ln 4.5 = 12 * 2.302585 / 1.504077 = 18.371
    assert sc.ratio_to_lag_months(10.0, 4.5) == pytest.approx(18.371, abs=1e-3)
    # Growth of 10x a year turns a tenfold deficit into exactly one year.
    assert sc.ratio_to_lag_months(10.0, 10.0) == pytest.approx(12.0)
    # The follower ahead by the same factor: the same lag, negative.
    assert sc.ratio_to_lag_months(0.1, 10.0) == pytest.approx(-12.0)


def test_a_stalled_follower_falls_back_one_month_per_month():
    # China adds nothing and there is no algorithmic progress: the US stock
    # grows 4x a year, so the ratio falls 4x a year and the lag grows by
    # 12 * ln 4 / ln 4 = 12 months a year.
    stalled = hand(**{sc.DOMESTIC: 0.0, sc.ALGO_GROWTH: 1.0})
    tau = np.array([0.0, 0.5, 1.0, 2.0])
    assert np.allclose(sc.lead_months(tau, stalled.central()), 6.0 + 12.0 * tau)


def test_no_chinese_additions_with_shared_algorithms():
    # Ratio falls 4x a year against effective growth of 8x: 12 * ln 4 / ln 8 = 8 months a year.
    values = hand(**{sc.DOMESTIC: 0.0}).central()
    assert sc.lead_months(1.0, values) == pytest.approx(6.0 + 8.0)


def test_unshared_algorithmic_progress_widens_the_lag():
    # Constant compute ratio; China gets none of the 2x-a-year algorithmic
    # progress: 12 * ln 2 / ln 8 = 4 months a year.
    values = hand(**{sc.SHARED: 0.0}).central()
    assert sc.lead_months(1.0, values) == pytest.approx(6.0 + 4.0)
    values = hand(**{sc.SHARED: 0.5}).central()
    assert sc.lead_months(1.0, values) == pytest.approx(6.0 + 2.0)


def test_the_stock_ratio_moves_from_its_start_towards_the_flow():
    # 0.2 at the start, adding 0.05 of US additions, US growth 4x:
    # after one year 0.05 + 0.15 / 4 = 0.0875; after two 0.05 + 0.15 / 16.
    assert sc.stock_ratio(0.0, 0.2, 0.05, 4.0) == pytest.approx(0.2)
    assert sc.stock_ratio(1.0, 0.2, 0.05, 4.0) == pytest.approx(0.0875)
    assert sc.stock_ratio(2.0, 0.2, 0.05, 4.0) == pytest.approx(0.05 + 0.15 / 16)


def test_the_stock_dilutes_at_its_own_growth_rate_not_the_frontiers():
    # China adds nothing; the US stock doubles each year while the frontier
    # grows 4x and algorithms 2x (G = 8). The ratio halves in a year, which
    # is 12 * ln 2 / ln 8 = 4 months of lead, not the 8 a 4x stock would give.
    values = hand(**{sc.DOMESTIC: 0.0, sc.STOCK_GROWTH: 2.0}).central()
    assert sc.stock_ratio(1.0, 0.2, 0.0, 2.0) == pytest.approx(0.1)
    assert sc.lead_months(1.0, values) == pytest.approx(6.0 + 4.0)
    # The frontier's pace alone no longer moves the stock: with the stock at
    # 4x, the lead gains 12 * ln 4 / ln G whatever g_c is (G = 2 g_c here).
    for g_c in (2.0, 4.0, 8.0):
        values = hand(**{sc.DOMESTIC: 0.0, sc.US_GROWTH: g_c}).central()
        assert sc.lead_months(1.0, values) == pytest.approx(6.0 + 12 * math.log(4) / math.log(2 * g_c))


def test_compute_within_cap_on_round_numbers():
    # g_c 4, g_a 2, phi 1: bound 4 * 2 = 8. A stock growing 8x keeps a
    # stalled follower's loss at 12 ln 8 / ln 8 = 12 months a year; 9x would not.
    assert sc.compute_within_cap(hand(**{sc.STOCK_GROWTH: 8.0}))
    assert not sc.compute_within_cap(hand(**{sc.STOCK_GROWTH: 9.0}))
    # With no sharing (phi 0) the bound is g_c alone: 4.
    assert not sc.compute_within_cap(hand(**{sc.STOCK_GROWTH: 5.0, sc.SHARED: 0.0}))
    assert sc.compute_within_cap(hand(**{sc.STOCK_GROWTH: 4.0, sc.SHARED: 0.0}))
    # Half shared: the bound is 4 * 2 ** 0.5 = 5.66.
    assert sc.compute_within_cap(hand(**{sc.STOCK_GROWTH: 5.6, sc.SHARED: 0.5}))
    assert not sc.compute_within_cap(hand(**{sc.STOCK_GROWTH: 5.7, sc.SHARED: 0.5}))
    stalled = hand(**{sc.STOCK_GROWTH: 8.0, sc.DOMESTIC: 0.0})
    assert sc.lead_months(1.0, stalled.central()) == pytest.approx(6.0 + 12.0)
    assert all(sc.compute_within_cap(world) for world in sc.load().values())


def test_calibration_factor_on_round_numbers():
    # A tenth of the compute at 10x a year is 12 months: if 12 are measured,
    # no correction is needed.
    values = hand(**{sc.START_RATIO: 0.1, sc.US_GROWTH: 5.0, sc.ALGO_GROWTH: 2.0, sc.MEASURED_LAG: 12.0}).central()
    result = sc.calibration(values)
    assert result["raw_lag_months"] == pytest.approx(12.0)
    assert result["offset_months"] == pytest.approx(0.0, abs=1e-12)
    assert result["efficiency_factor"] == pytest.approx(1.0)
    # Measured 6: China does as well as if it had sqrt(10) times its compute.
    values[sc.MEASURED_LAG] = 6.0
    result = sc.calibration(values)
    assert result["offset_months"] == pytest.approx(-6.0)
    assert result["efficiency_factor"] == pytest.approx(math.sqrt(10.0))


def test_own_lag_today_inverts_the_distillation_term():
    # Measured 7, share 0.5, delay 3: own = 7 + 1 * 4 = 11, and 11 - 0.5 * 8 = 7.
    assert sc.own_lag_today(7.0, 0.5, 3.0) == pytest.approx(11.0)
    assert distilled_lag(11.0, 0.5, 3.0) == pytest.approx(7.0)
    # Below the delay distillation has no effect, in either direction.
    assert sc.own_lag_today(2.0, 0.5, 3.0) == pytest.approx(2.0)
    with pytest.raises(ValueError):
        sc.own_lag_today(7.0, 1.0, 3.0)


def test_cutting_distillation_widens_the_lead_at_most_a_month_per_month():
    # Constant ratio; today's share 0.5 and delay 3 put the own lag at
    # 7 + 4 = 11 for a measured 7. Cutting distillation entirely moves the
    # lead towards 11, but no faster than one month per month.
    cut = hand(**{sc.MEASURED_LAG: 7.0, sc.DISTIL_SHARE: 0.5, sc.RETAINED: 0.0}).central()
    tau = np.array([0.0, 1 / 12, 2 / 12, 0.5, 1.0])
    assert np.allclose(sc.lead_months(tau, cut), [7.0, 8.0, 9.0, 11.0, 11.0])
    # Halving it: the lead settles at 11 - 0.25 * 8 = 9.
    half = hand(**{sc.MEASURED_LAG: 7.0, sc.DISTIL_SHARE: 0.5, sc.RETAINED: 0.5}).central()
    assert sc.lead_months(1.0, half) == pytest.approx(9.0)


def test_todays_distillation_share_is_absorbed_by_calibration():
    # With nothing changing, the lead stays at the measured lag whatever
    # today's share: the share only decides how much of it is own lag.
    for share in (0.0, 0.3, 0.6):
        values = hand(**{sc.DISTIL_SHARE: share, sc.MEASURED_LAG: 9.0}).central()
        assert np.allclose(sc.lead_months(np.linspace(0, 3, 7), values), 9.0)


# --- Invariants -----------------------------------------------------------------


def _many_values(n=400, seed=1):
    """Random but valid inputs, to check invariants across the space."""
    rng = np.random.default_rng(seed)
    return {
        sc.US_GROWTH: rng.uniform(1.5, 8, n),
        sc.STOCK_GROWTH: rng.uniform(1.5, 8, n),
        sc.ALGO_GROWTH: rng.uniform(1, 6, n),
        sc.SHARED: rng.uniform(0, 1, n),
        sc.START_RATIO: rng.uniform(0.01, 1, n),
        sc.DOMESTIC: rng.uniform(0, 0.3, n),
        sc.LEGAL: rng.uniform(0, 0.3, n),
        sc.SMUGGLED: rng.uniform(0, 0.3, n),
        sc.OFFSHORE: rng.uniform(0, 0.3, n),
        sc.RETAINED: rng.uniform(0, 1, n),
        sc.DISTIL_SHARE: rng.uniform(0, 0.9, n),
        sc.DISTIL_DELAY: rng.uniform(0, 8, n),
        sc.MEASURED_LAG: rng.uniform(-2, 20, n),
    }


TAU = np.linspace(0, 3, 37)


def _leads_over(name, grid, values):
    out = []
    for x in grid:
        v = {k: a[:, None] for k, a in values.items()}
        v[name] = np.full_like(values[name], x)[:, None]
        out.append(sc.lead_months(TAU[None, :], v))
    return np.array(out)


def test_more_smuggled_compute_never_increases_the_lead():
    leads = _leads_over(sc.SMUGGLED, np.linspace(0, 0.5, 26), _many_values())
    assert np.all(np.diff(leads, axis=0) <= 1e-9)
    assert np.any(np.diff(leads, axis=0) < -1e-3)  # and it does reduce it somewhere


@pytest.mark.parametrize("name", [sc.LEGAL, sc.OFFSHORE, sc.DOMESTIC])
def test_more_of_any_chinese_compute_never_increases_the_lead(name):
    leads = _leads_over(name, np.linspace(0, 0.5, 11), _many_values(seed=2))
    assert np.all(np.diff(leads, axis=0) <= 1e-9)


def test_more_distillation_from_now_on_never_increases_the_lead():
    leads = _leads_over(sc.RETAINED, np.linspace(0, 1, 21), _many_values(seed=3))
    assert np.all(np.diff(leads, axis=0) <= 1e-9)
    assert np.any(np.diff(leads, axis=0) < -1e-3)


def test_more_shared_algorithmic_progress_never_increases_the_lead():
    leads = _leads_over(sc.SHARED, np.linspace(0, 1, 11), _many_values(seed=4))
    assert np.all(np.diff(leads, axis=0) <= 1e-9)


def test_the_lead_starts_at_the_measured_lag_and_widens_at_most_a_month_per_month():
    values = {k: a[:, None] for k, a in _many_values(seed=5).items()}
    leads = sc.lead_months(TAU[None, :], values)
    assert np.allclose(leads[:, 0], values[sc.MEASURED_LAG][:, 0])
    step_years = TAU[1] - TAU[0]
    assert np.all(np.diff(leads, axis=1) <= 12 * step_years + 1e-9)


def test_simulated_smuggling_shift_lowers_every_draw():
    base = hand()
    low = ranged(base, **{sc.SMUGGLED: (0.0, 0.02, 0.05), sc.US_GROWTH: (3.5, 4.0, 5.0)})
    high = ranged(base, **{sc.SMUGGLED: (0.05, 0.07, 0.1), sc.US_GROWTH: (3.5, 4.0, 5.0)})
    a = sc.simulate(low, n=300, seed=9)["lead_months"].to_numpy()
    b = sc.simulate(high, n=300, seed=9)["lead_months"].to_numpy()
    assert np.all(b <= a + 1e-9)


# --- Drawing and simulating --------------------------------------------------------


def test_triangular_quantiles_on_round_numbers():
    # low 0, mode 1, high 4: the mode sits at the 25% quantile.
    assert sc.triangular(np.array([0.0]), 0.0, 1.0, 4.0)[0] == pytest.approx(0.0)
    assert sc.triangular(np.array([0.25]), 0.0, 1.0, 4.0)[0] == pytest.approx(1.0)
    assert sc.triangular(np.array([1.0]), 0.0, 1.0, 4.0)[0] == pytest.approx(4.0)
    # Median: right branch, 4 - sqrt(0.5 * 4 * 3) = 4 - sqrt(6).
    assert sc.triangular(np.array([0.5]), 0.0, 1.0, 4.0)[0] == pytest.approx(4 - math.sqrt(6))
    # A collapsed range is a constant; a mode at an end still works.
    assert np.all(sc.triangular(np.array([0.1, 0.9]), 2.0, 2.0, 2.0) == 2.0)
    assert sc.triangular(np.array([0.0, 1.0]), 0.0, 0.0, 1.0).tolist() == [0.0, 1.0]


def test_simulate_returns_a_long_frame_on_a_monthly_grid_to_december_2028():
    sim = sc.simulate(hand(), n=7, seed=0)
    assert list(sim.columns) == ["date", "draw", "lead_months"]
    dates = pd.DatetimeIndex(sim["date"].unique())
    assert dates[0] == START and dates[-1] == pd.Timestamp("2028-12-01")
    assert len(dates) == 36 and (dates.day == 1).all()
    assert sorted(sim["draw"].unique()) == list(range(7))
    assert len(sim) == 7 * 36


def test_the_same_seed_gives_the_same_draws_and_another_seed_does_not():
    scenario = ranged(hand(), **{sc.SMUGGLED: (0.0, 0.02, 0.05), sc.MEASURED_LAG: (4.0, 6.0, 9.0)})
    first = sc.simulate(scenario, n=200, seed=42)
    again = sc.simulate(scenario, n=200, seed=42)
    other = sc.simulate(scenario, n=200, seed=43)
    pd.testing.assert_frame_equal(first, again)
    assert not np.allclose(first["lead_months"], other["lead_months"])


def test_common_random_numbers_across_scenarios():
    # The same parameter gets the same uniform numbers in any scenario.
    one = ranged(hand(), **{sc.DISTIL_DELAY: (1.0, 3.0, 5.0), sc.SMUGGLED: (0.0, 0.01, 0.02)})
    two = ranged(hand(), **{sc.DISTIL_DELAY: (1.0, 3.0, 5.0), sc.SMUGGLED: (0.1, 0.2, 0.3)})
    d1, d2 = sc.draw(one, 100, seed=5), sc.draw(two, 100, seed=5)
    assert np.array_equal(d1[sc.DISTIL_DELAY], d2[sc.DISTIL_DELAY])
    assert np.all(d2[sc.SMUGGLED] > d1[sc.SMUGGLED])


@pytest.mark.parametrize("n", [0, -5, 2.5, True])
def test_the_number_of_draws_must_be_a_positive_integer(n):
    with pytest.raises(ValueError, match="positive integer"):
        sc.simulate(hand(), n=n)


def test_summary_counts_thresholds_on_a_known_sample():
    dates = pd.DatetimeIndex(["2027-01-01"])
    sim = pd.DataFrame({"date": dates.repeat(5), "draw": range(5), "lead_months": [5.0, 11.0, 12.0, 20.0, 30.0]})
    row = sc.summary(sim, dates).iloc[0]
    assert row["median"] == 12.0
    assert row["p_at_least_12"] == pytest.approx(3 / 5)
    assert row["p_at_least_24"] == pytest.approx(1 / 5)


def _eleven_draws(dates):
    """Draws 0, 1, ..., 10 on every date (shuffled): the p-th quantile is 10 p."""
    leads = np.array([3.0, 7.0, 0.0, 10.0, 5.0, 1.0, 9.0, 2.0, 8.0, 4.0, 6.0])
    return pd.DataFrame(
        {
            "date": np.tile(dates.to_numpy(), len(leads)),
            "draw": np.repeat(np.arange(len(leads)), len(dates)),
            "lead_months": np.repeat(leads, len(dates)) + np.tile(np.arange(len(dates)), len(leads)),
        }
    )


def test_the_summary_interval_leaves_half_the_rest_in_each_tail():
    dates = pd.date_range("2027-01-01", periods=2, freq="MS")
    sim = _eleven_draws(dates)
    rows = sc.summary(sim, dates).set_index("date")
    # 80%: the 10th and 90th percentiles of 0..10 are 1 and 9 (the second month is one higher).
    assert rows["low"].tolist() == pytest.approx([1.0, 2.0])
    assert rows["high"].tolist() == pytest.approx([9.0, 10.0])
    assert rows["median"].tolist() == pytest.approx([5.0, 6.0])
    # 50%: the quartiles, 2.5 and 7.5.
    half = sc.summary(sim, dates[:1], level=0.5).iloc[0]
    assert (half["low"], half["high"]) == pytest.approx((2.5, 7.5))
    # No draw reaches 12 months in either month.
    assert rows["p_at_least_12"].tolist() == [0.0, 0.0]
    with pytest.raises(KeyError, match="not on the simulated grid"):
        sc.summary(sim, [pd.Timestamp("2030-01-01")])


def test_fan_and_probabilities_on_known_draws():
    dates = pd.date_range("2027-01-01", periods=2, freq="MS")
    sim = _eleven_draws(dates)
    bands = sc.fan(sim)
    assert list(bands.columns) == ["q10", "q25", "q50", "q75", "q90"]
    assert bands.loc[dates[0]].tolist() == pytest.approx([1.0, 2.5, 5.0, 7.5, 9.0])
    assert bands.loc[dates[1]].tolist() == pytest.approx([2.0, 3.5, 6.0, 8.5, 10.0])
    probs = sc.probabilities(sim, thresholds=(9, 10)).set_index(["threshold", "date"])["probability"]
    # At least 9: draws 9 and 10 in the first month (2 of 11), 8..10 shifted to 9..11 in the second (3 of 11).
    assert probs.loc[9].tolist() == pytest.approx([2 / 11, 3 / 11])
    assert probs.loc[10].tolist() == pytest.approx([1 / 11, 2 / 11])


def _sourced(scenario, name, url, confidence):
    parameters = dict(scenario.parameters)
    parameters[name] = dataclasses.replace(parameters[name], source_url=url, confidence=confidence)
    return dataclasses.replace(scenario, parameters=parameters)


def test_parameter_table_merges_rows_only_when_values_and_sources_agree():
    # Same value in both worlds, but the act row cites another page: two
    # rows, each with its own source, not one "both" row with the act's.
    act = _sourced(hand(), sc.SHARED, "https://example.org/essay", "low")
    drift = _sourced(hand(), sc.SHARED, "https://example.org/measured", "low")
    table = sc.parameter_table({"act": act, "drift": drift})
    shared = table[table["parameter"] == sc.SHARED]
    assert shared[["scenario", "source_url"]].values.tolist() == [
        ["act", "https://example.org/essay"],
        ["drift", "https://example.org/measured"],
    ]
    # Same value and source, different confidence: still two rows.
    act = _sourced(hand(), sc.SHARED, "https://example.org/measured", "medium")
    table = sc.parameter_table({"act": act, "drift": drift})
    assert table.loc[table["parameter"] == sc.SHARED, "confidence"].tolist() == ["medium", "low"]
    # Everything equal: one row, "both", with that source.
    act = _sourced(hand(), sc.SHARED, "https://example.org/measured", "low")
    table = sc.parameter_table({"act": act, "drift": drift})
    shared = table[table["parameter"] == sc.SHARED]
    assert shared[["scenario", "source_url"]].values.tolist() == [["both", "https://example.org/measured"]]


def test_the_published_inputs_table_shows_the_source_of_the_sharing_assumption_in_each_world():
    table = sc.parameter_table(sc.load())
    shared = table[table["parameter"] == sc.SHARED].set_index("scenario")
    loaded = sc.load()
    assert set(shared.index) == {"act", "drift"}
    for name in ("act", "drift"):
        assert shared.at[name, "source_url"] == loaded[name].parameters[sc.SHARED].source_url


# --- Validation ------------------------------------------------------------------


@pytest.mark.parametrize("growth", [-4.5, 0.0, 0.8])
def test_a_negative_growth_rate_raises_a_clear_error(growth):
    with pytest.raises(ValueError, match=r"'us_frontier_compute_growth'.*growth"):
        sc.Parameter(sc.US_GROWTH, 4.5, growth, 5.0)


def test_a_range_whose_low_end_exceeds_its_high_end_raises():
    with pytest.raises(ValueError, match=r"'china_smuggled_share_of_us_compute'.*low end \(0.06\) exceeds the high end \(0.02\)"):
        sc.Parameter(sc.SMUGGLED, 0.04, 0.06, 0.02)


def test_a_central_value_outside_its_range_raises():
    with pytest.raises(ValueError, match="outside its range"):
        sc.Parameter(sc.SMUGGLED, 0.5, 0.0, 0.1)


@pytest.mark.parametrize(
    "name, value",
    [(sc.SHARED, 1.2), (sc.SMUGGLED, -0.1), (sc.DISTIL_SHARE, 1.0), (sc.DISTIL_DELAY, -1.0), (sc.START_RATIO, 0.0)],
)
def test_impossible_values_raise(name, value):
    with pytest.raises(ValueError, match=name):
        sc.Parameter(name, value, value, value)


@pytest.mark.parametrize(
    "name, value",
    [
        (sc.US_GROWTH, 1.0),
        (sc.STOCK_GROWTH, 1.0),
        (sc.ALGO_GROWTH, 1.0),
        (sc.SHARED, 0.0),
        (sc.SHARED, 1.0),
        (sc.RETAINED, 0.0),
        (sc.RETAINED, 1.0),
        (sc.DISTIL_SHARE, 0.0),
        (sc.DISTIL_DELAY, 0.0),
        *[(name, 0.0) for name in sc.COMPONENTS],
    ],
)
def test_the_ends_of_each_allowed_range_are_accepted(name, value):
    # No growth, no sharing, nothing retained, no share, no delay, no
    # compute from a channel: each is a possible world, not an error.
    p = sc.Parameter(name, value, value, value)
    assert (p.low, p.central, p.high) == (value, value, value)


@pytest.mark.parametrize("name", [sc.US_GROWTH, sc.STOCK_GROWTH, sc.ALGO_GROWTH])
def test_a_growth_factor_just_below_one_is_rejected(name):
    with pytest.raises(ValueError, match="at least 1"):
        sc.Parameter(name, 2.0, 0.999, 3.0)


def test_ratio_to_lag_months_needs_a_growing_leader_and_a_positive_ratio():
    with pytest.raises(ValueError, match="growth"):
        sc.ratio_to_lag_months(10.0, 1.0)
    with pytest.raises(ValueError, match="growth"):
        sc.ratio_to_lag_months(10.0, -4.5)
    with pytest.raises(ValueError, match="positive"):
        sc.ratio_to_lag_months(0.0, 4.5)


def test_a_leader_that_does_not_grow_is_rejected_when_the_scenario_is_built():
    # Each factor passes its own rule (>= 1), but G = g_c * g_a = 1 turns no
    # ratio into months: the Scenario must refuse it up front, naming why.
    with pytest.raises(ValueError, match=r"effective compute growth .* must exceed 1.*1 x 1 = 1"):
        hand(**{sc.US_GROWTH: 1.0, sc.ALGO_GROWTH: 1.0})


def test_the_growth_check_uses_the_low_ends_of_the_ranges():
    # Central values 4 x 2 are fine, but the ranges reach 1 x 1.
    with pytest.raises(ValueError, match="must exceed 1"):
        ranged(hand(), **{sc.US_GROWTH: (1.0, 4.0, 5.0), sc.ALGO_GROWTH: (1.0, 2.0, 3.0)})
    # One factor at 1 is fine as long as the other grows: G = 1 x 1.5.
    ok = ranged(hand(), **{sc.US_GROWTH: (1.0, 4.0, 5.0), sc.ALGO_GROWTH: (1.5, 2.0, 3.0)})
    assert np.isfinite(sc.simulate(ok, n=50, seed=1)["lead_months"]).all()
    # Holding a value through with_values is checked too.
    with pytest.raises(ValueError, match="must exceed 1"):
        hand(**{sc.ALGO_GROWTH: 1.0}).with_values(**{sc.US_GROWTH: 1.0})


def test_a_scenario_of_one_month_is_allowed_and_one_that_ends_before_it_starts_is_not():
    one = dataclasses.replace(hand(), end=START)
    assert list(one.dates()) == [START]
    assert len(sc.simulate(one, n=1)) == 1
    with pytest.raises(ValueError, match="before the start"):
        dataclasses.replace(hand(), end=START - pd.DateOffset(months=1))
    with pytest.raises(ValueError, match="first day of a month"):
        dataclasses.replace(hand(), start=START + pd.Timedelta(days=1))


def test_a_scenario_missing_a_parameter_raises():
    parameters = dict(hand().parameters)
    del parameters[sc.OFFSHORE]
    with pytest.raises(ValueError, match="lacks parameters: china_remote_access_share_of_us_compute"):
        sc.Scenario("broken", parameters, START)


def test_a_bad_row_in_the_parameter_table_is_rejected_by_build():
    table = data.load("scenario_parameters").copy()
    row = (table["parameter"] == sc.US_GROWTH).to_numpy()
    table.loc[row, "low"] = -4.0
    with pytest.raises(ValueError, match="us_frontier_compute_growth"):
        sc.build(data.load("frontier_models"), table, data.load("distillation_parameters"))
    table = data.load("scenario_parameters").copy()
    row = (table["id"] == "china_smuggled_share_of_us_compute_act").to_numpy()
    table.loc[row, "low"], table.loc[row, "high"] = 0.05, 0.01
    with pytest.raises(ValueError, match="low end"):
        sc.build(data.load("frontier_models"), table, data.load("distillation_parameters"))


# --- The real scenarios and the backtest ------------------------------------------


def test_both_scenarios_load_with_every_parameter_sourced():
    loaded = sc.load()
    assert set(loaded) == {"act", "drift"}
    for scenario in loaded.values():
        assert set(scenario.parameters) == set(sc.PARAMETERS)
        assert scenario.end == pd.Timestamp("2028-12-01")
        for p in scenario.parameters.values():
            assert p.source_url.startswith(("http://", "https://")), p.name


def test_the_calibration_target_uses_only_models_released_before_the_start():
    models = data.load("frontier_models")
    start = pd.Timestamp("2025-01-01")
    before = sc.measured_lag(models, start)
    later = pd.DataFrame(
        [{"model": "future-cn", "country": CHINA, "release_date": pd.Timestamp("2025-03-01"), "eci_score": 999.0}]
    )
    with_future = pd.concat([models, later], ignore_index=True)
    assert sc.measured_lag(with_future, start) == before
    assert before.low <= before.central <= before.high
    # A release on the start day itself is not yet known either.
    on_the_day = later.assign(release_date=start)
    assert sc.measured_lag(pd.concat([models, on_the_day], ignore_index=True), start) == before
    # With nothing released before the start there is no lag to calibrate on.
    with pytest.raises(ValueError, match="no models released before 2025-01-01"):
        sc.measured_lag(models.assign(release_date=start), start)


def _toy_models(rows):
    return pd.DataFrame(
        [{"model": m, "country": c, "release_date": pd.Timestamp(d), "eci_score": float(x)} for m, c, d, x in rows]
    )


US_, CN_ = US, CHINA


def test_the_calibration_target_counts_the_known_days_after_the_last_release():
    # The US reaches 100 on 1 Jan 2023, China on 1 Feb 2023; nothing else is
    # released before the start (1 Jun 2023). The lag on day t is
    # (t - 1 Jan 2023) in days: 31 on 1 Feb ... 150 on 31 May. All 120 days
    # count, not only the day of the last release: mean 90.5 days.
    models = _toy_models([("us-0", US_, "2022-12-01", 90), ("us-1", US_, "2023-01-01", 100), ("cn-1", CN_, "2023-02-01", 100)])
    target = sc.measured_lag(models, "2023-06-01")
    month = DAYS_PER_MONTH
    assert target.central == pytest.approx(90.5 / month)
    # 10th and 90th percentiles of 31..150 (linear interpolation): 31 + 0.1 * 119 and 31 + 0.9 * 119.
    assert target.low == pytest.approx((31 + 11.9) / month)
    assert target.high == pytest.approx((31 + 107.1) / month)
    assert "to 2023-05-31" in target.note


def _tornado_world():
    return ranged(
        hand(),
        **{sc.DOMESTIC: (0.0, 0.2, 0.2), sc.MEASURED_LAG: (4.0, 6.0, 9.0), sc.SHARED: (0.0, 1.0, 1.0)},
    )


JAN_2027 = pd.Timestamp("2027-01-01")
TAU_2027 = 365 / 365.25


# --- The explorer: browser formula equals the Python model ------------------------


def _explorer_spec():
    loaded = sc.load()
    chart = figures.explorer_chart(loaded, sc.sliders(loaded), sc.explorer_calculations(loaded["drift"]))
    return loaded, chart.to_dict()


def _calculate_layer(spec):
    for layer in spec["layer"]:
        if any("calculate" in t for t in layer.get("transform", [])):
            return layer
    raise AssertionError("no layer computes the lead")


def _evaluate_in_python(spec, settings=None):
    """Run the spec's calculate transforms in Python on its own data and
    parameter defaults (Vega's log, exp, min and max mapped to NumPy)."""
    layer = _calculate_layer(spec)
    rows = spec["datasets"][layer["data"]["name"]]
    namespace = {"log": np.log, "exp": np.exp, "max": np.maximum, "min": np.minimum}
    namespace.update({p["name"]: p["value"] for p in spec["params"]})
    namespace.update(settings or {})
    datum = SimpleNamespace(tau=np.array([r["tau"] for r in rows]))
    for step in layer["transform"]:
        setattr(datum, step["as"], eval(step["calculate"], {"__builtins__": {}}, {**namespace, "datum": datum}))
    return pd.DatetimeIndex([r["date"] for r in rows]), datum.lead


def _evaluate_in_vega(spec, settings=None):
    """Run the same transforms in Vega itself (vl-convert's JavaScript engine)."""
    import vl_convert

    layer = _calculate_layer(spec)
    params = [{"name": p["name"], "value": (settings or {}).get(p["name"], p["value"])} for p in spec["params"]]
    probe = {
        "$schema": spec["$schema"],
        "params": params,
        "data": {"values": spec["datasets"][layer["data"]["name"]]},
        "transform": layer["transform"] + [{"calculate": "datum.date + '|' + format(datum.lead, '.10f')", "as": "out"}],
        "mark": "text",
        "encoding": {"text": {"field": "out"}, "y": {"field": "date", "type": "ordinal"}},
    }
    found = {}

    def walk(node):
        if isinstance(node, dict):
            if node.get("marktype") == "text":
                for item in node.get("items", []):
                    text = str(item.get("text", ""))
                    if "|" in text:
                        date, value = text.split("|")
                        found[pd.Timestamp(date)] = float(value)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(vl_convert.vegalite_to_scenegraph(probe))
    return pd.Series(found).sort_index()


def test_the_explorer_formula_equals_the_central_path_at_default_sliders():
    loaded, spec = _explorer_spec()
    dates, lead = _evaluate_in_python(spec)
    expected = sc.central_path(loaded["drift"])
    assert list(dates) == list(expected.index)
    # tau is stored to 6 decimals in the spec, so allow a hair of difference.
    assert np.allclose(lead, expected.to_numpy(), atol=1e-4)


def test_the_explorer_reproduces_the_act_path_at_the_act_settings():
    loaded, spec = _explorer_spec()
    _, lead = _evaluate_in_python(spec, sc.slider_values(loaded["act"]))
    assert np.allclose(lead, sc.central_path(loaded["act"]).to_numpy(), atol=1e-4)


def test_vega_itself_computes_the_same_path():
    loaded, spec = _explorer_spec()
    for name in ("drift", "act"):
        in_vega = _evaluate_in_vega(spec, sc.slider_values(loaded[name]))
        expected = sc.central_path(loaded[name])
        assert list(in_vega.index) == list(expected.index)
        assert np.allclose(in_vega.to_numpy(), expected.to_numpy(), atol=1e-4)


def test_slider_ranges_on_two_hand_worlds():
    # Ranges reach past both worlds' ends, so readers can try values outside them.
    act = ranged(hand(), **{sc.LEGAL: (0.0, 0.01, 0.02), sc.US_GROWTH: (3.0, 4.0, 8.0), sc.DISTIL_SHARE: (0.1, 0.2, 0.3)})
    drift = ranged(hand(), **{sc.LEGAL: (0.05, 0.1, 0.15), sc.STOCK_GROWTH: (1.2, 4.0, 5.0), sc.SHARED: (0.6, 0.8, 1.0)})
    drift = drift.with_values(**{sc.RETAINED: 0.5, sc.DISTIL_SHARE: 0.2})
    found = {s.parameter: s for s in sc.sliders({"act": act, "drift": drift})}
    assert list(found) == list(sc.SLIDER_NAMES)
    # Compute channels: from 0 to twice the largest high end.
    assert (found[sc.LEGAL].minimum, found[sc.LEGAL].maximum) == (0.0, 0.3)
    assert (found[sc.SMUGGLED].minimum, found[sc.SMUGGLED].maximum) == (0.0, 0.0)
    # Growth: at least 2 to 7 (frontier) and 1.5 to 7 (stock), wider where a range is.
    assert (found[sc.US_GROWTH].minimum, found[sc.US_GROWTH].maximum) == (2.0, 8.0)
    assert (found[sc.STOCK_GROWTH].minimum, found[sc.STOCK_GROWTH].maximum) == (1.2, 7.0)
    # Sharing: from at most 0.5 to 1.
    assert (found[sc.SHARED].minimum, found[sc.SHARED].maximum) == (0.5, 1.0)
    # Distillation from now on: today's share times the share retained, up to
    # twice the largest product (0.3 x 1) but never above 0.95.
    distil = found[sc.DISTIL_FROM_NOW]
    assert (distil.minimum, distil.maximum) == pytest.approx((0.0, 0.6))
    assert distil.value == pytest.approx(0.1)  # drift: 0.2 today, half of it retained
    assert [found[n].step for n in (sc.US_GROWTH, sc.STOCK_GROWTH, sc.SHARED, sc.LEGAL)] == [0.1, 0.1, 0.005, 0.005]
    assert distil.step == 0.01
    assert found[sc.LEGAL].value == 0.1  # drift's central value
    assert sc.slider_values(act)[sc.SLIDER_NAMES[sc.DISTIL_FROM_NOW]] == pytest.approx(0.2)


def test_slider_defaults_are_the_drift_central_values_and_inside_their_ranges():
    loaded, spec = _explorer_spec()
    defaults = {p["name"]: p["value"] for p in spec["params"]}
    assert defaults == pytest.approx(sc.slider_values(loaded["drift"]))
    for p in spec["params"]:
        assert p["bind"]["min"] <= p["value"] <= p["bind"]["max"]
