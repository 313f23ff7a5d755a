"""ailead.scenarios: hand-computed answers, invariants and validation.

Every expected number below is worked out by hand from the formula in the
module docstring, on inputs chosen so the logarithms come out round.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from ailead import data
from ailead import scenarios as sc
from ailead.distillation import distilled_lag
from ailead.figures import scenarios as figures

START = pd.Timestamp("2026-01-01")


def hand(**values) -> sc.Scenario:
    """A small scenario, every input fixed, defaults chosen for round answers:
    US compute 4x a year, algorithms 2x (so effective compute 8x), China at a
    fifth of US compute and adding the same fifth, all algorithmic progress
    shared, no distillation, a measured lag of 6 months."""
    central = {
        sc.US_GROWTH: 4.0,
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


def test_required_value_matches_the_closed_form():
    # Lead of 10 months one year on in the hand world (effective growth 8x):
    # own must grow by 4 months, so R(1) = 0.2 * 8 ** (-4 / 12) = 0.1, and
    # with R(tau) = f + (0.2 - f) * 4 ** -tau: f = (0.1 - 0.2 / 4^tau) / (1 - 4^-tau).
    scenario = hand()
    date = pd.Timestamp("2027-01-01")
    tau = (date - START).days / 365.25
    target_ratio = 0.2 * 8.0 ** (-(10.0 - 6.0) / 12.0)
    decay = 4.0 ** -tau
    expected = (target_ratio - 0.2 * decay) / (1 - decay)
    assert sc.required_value(scenario, sc.TOTAL_FLOW, 10.0, date) == pytest.approx(expected, rel=1e-6)
    # Out of reach: even with China adding nothing the lead is below 40 months by then.
    assert math.isnan(sc.required_value(scenario, sc.TOTAL_FLOW, 40.0, date))


# --- Invariants -----------------------------------------------------------------


def _many_values(n=400, seed=1):
    """Random but valid inputs, to check invariants across the space."""
    rng = np.random.default_rng(seed)
    return {
        sc.US_GROWTH: rng.uniform(1.5, 8, n),
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


def test_outcome_table_reads_the_known_sample_in_words():
    dates = pd.DatetimeIndex(["2027-01-01"])
    sim = pd.DataFrame({"date": dates.repeat(5), "draw": range(5), "lead_months": [5.0, 11.0, 12.0, 20.0, 30.0]})
    table = sc.outcome_table({"act": sim}, dates)
    assert list(table.columns) == [
        "World", "Month", "Median lead (months)", "80% interval (months)",
        "Chance of at least 12 months", "Chance of at least 24 months",
    ]
    row = table.iloc[0]
    assert (row["World"], row["Month"], row["Median lead (months)"]) == ("act", "January 2027", "12.0")
    assert (row["Chance of at least 12 months"], row["Chance of at least 24 months"]) == ("60.0%", "20.0%")


def test_inputs_table_renames_every_column_of_the_parameter_table():
    worlds = {"act": hand(), "drift": hand(**{sc.LEGAL: 0.1})}
    raw, shown = sc.parameter_table(worlds), sc.inputs_table(worlds)
    assert list(shown.columns) == [sc.INPUTS_TABLE_LABELS[c] for c in raw.columns]
    assert len(shown) == len(raw)
    # Legal imports differ between the worlds, so they get a row each; the rest are "both".
    legal = shown[shown["Input"] == sc.LABELS[sc.LEGAL]]
    assert legal["World"].tolist() == ["act", "drift"]
    assert set(shown.loc[shown["Input"] != sc.LABELS[sc.LEGAL], "World"]) == {"both"}


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


def test_ratio_to_lag_months_needs_a_growing_leader_and_a_positive_ratio():
    with pytest.raises(ValueError, match="growth"):
        sc.ratio_to_lag_months(10.0, 1.0)
    with pytest.raises(ValueError, match="growth"):
        sc.ratio_to_lag_months(10.0, -4.5)
    with pytest.raises(ValueError, match="positive"):
        sc.ratio_to_lag_months(0.0, 4.5)


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
        [{"model": "future-cn", "country": sc.gap.CHINA, "release_date": pd.Timestamp("2025-03-01"), "eci_score": 999.0}]
    )
    with_future = pd.concat([models, later], ignore_index=True)
    assert sc.measured_lag(with_future, start) == before
    assert before.low <= before.central <= before.high


def test_backtest_compares_twelve_months_and_reports_honest_errors():
    models = data.load("frontier_models")
    result = sc.backtest(models, sc.get("drift"), n=500, seed=0)
    monthly = result["monthly"]
    assert len(monthly) == 12 and monthly["measured"].notna().all()
    assert result["mae_months"] == pytest.approx((monthly["measured"] - monthly["q50"]).abs().mean())
    assert 0 <= result["share_inside_80"] <= 1


def test_tornado_lists_every_uncertain_input_sorted_by_swing():
    act = sc.get("act")
    frame = sc.tornado(act)
    uncertain = {n for n, p in act.parameters.items() if p.uncertain}
    assert set(frame["parameter"]) == uncertain
    assert frame["swing"].is_monotonic_decreasing
    assert np.allclose(frame["lead_central"], sc.central_path(act).iloc[-1])


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


def test_slider_defaults_are_the_drift_central_values_and_inside_their_ranges():
    loaded, spec = _explorer_spec()
    defaults = {p["name"]: p["value"] for p in spec["params"]}
    assert defaults == pytest.approx(sc.slider_values(loaded["drift"]))
    for p in spec["params"]:
        assert p["bind"]["min"] <= p["value"] <= p["bind"]["max"]


def test_headline_values_are_named_by_scenario_date_and_statistic():
    dates = pd.DatetimeIndex(["2027-01-01"])
    sim = pd.DataFrame({"date": dates.repeat(4), "draw": range(4), "lead_months": [6.0, 12.0, 13.0, 30.0]})
    values = sc.headline_values({"act": sim}, {"jan": dates[0]})
    assert values["sc_act_jan_median"] == 12.5
    assert values["sc_act_jan_p12"] == pytest.approx(75.0)
    assert values["sc_act_jan_p24"] == pytest.approx(25.0)


@pytest.mark.parametrize("p, words", [(0.0, "exceptionally unlikely"), (0.5, "about as likely as not"), (0.95, "very likely")])
def test_likelihood_words(p, words):
    assert sc.likelihood_words(p) == words
