"""ailead.distillation beyond the scenario term: cost arithmetic, the catch-up
delay analysis and its timing test, the parameter derivation, and the
distillation tables as loaded through ailead.data. Expected values are worked
out by hand in the comments."""

from __future__ import annotations

import itertools
import math
import shutil

import numpy as np
import pandas as pd
import pytest

from ailead import data, distillation, gap, tables, wording
from ailead.chapters import ch03

US, CN = gap.US, gap.CHINA
MONTH = gap.DAYS_PER_MONTH


# --- Cost of a campaign --------------------------------------------------------


def test_cost_of_a_million_short_exchanges_at_sonnet_prices():
    # 1,000 input tokens at $3/M = $0.003; 500 output tokens at $15/M = $0.0075;
    # $0.0105 per exchange, times a million exchanges = $10,500.
    assert distillation.campaign_cost_usd(1_000_000, 1000, 500, 3, 15) == pytest.approx(10_500)


def test_cost_of_two_exchanges_of_a_million_tokens_each_way():
    # 2 * (1M * $5/M + 1M * $25/M) = 2 * $30 = $60.
    assert distillation.campaign_cost_usd(2, 1_000_000, 1_000_000, 5, 25) == pytest.approx(60)


def test_cost_is_vectorised_over_exchanges_and_zero_for_no_traffic():
    # 100 + 100 tokens at $10/M each way = $0.002 per exchange.
    costs = distillation.campaign_cost_usd(np.array([0, 10, 100]), 100, 100, 10, 10)
    assert costs.tolist() == pytest.approx([0.0, 0.02, 0.2])


@pytest.mark.parametrize("args", [(-1, 10, 10, 1, 1), (1, -10, 10, 1, 1), (1, 10, 10, 1, -1)])
def test_negative_inputs_are_refused(args):
    with pytest.raises(ValueError):
        distillation.campaign_cost_usd(*args)


def _prices_table():
    rows = [
        ("a-in", "api_price_input_per_mtok", "Model A", 1.0, "2025-01-01"),
        ("a-out", "api_price_output_per_mtok", "Model A", 4.0, "2025-01-01"),
        ("c-in", "api_price_input_per_mtok", "Model C", 5.0, "2025-06-01"),
        ("c-out", "api_price_output_per_mtok", "Model C", 25.0, "2025-06-01"),
        ("b-in", "api_price_input_per_mtok", "Model B", 3.0, "2025-03-01"),
        ("b-out", "api_price_output_per_mtok", "Model B", 15.0, "2025-03-01"),
        ("run", "frontier_training_cost_usd", "Some run", 1e8, "2024-01-01"),
    ]
    frame = pd.DataFrame(rows, columns=["id", "quantity", "model_or_subject", "value", "date"])
    return frame.assign(date=pd.to_datetime(frame["date"]))


def test_price_cases_take_the_cheapest_tier_for_low_and_the_dearest_for_the_rest():
    prices = distillation.price_cases(_prices_table())
    assert prices["case"].tolist() == ["low", "central", "high"]
    assert prices["price_model"].tolist() == ["Model A", "Model C", "Model C"]
    assert prices["price_in_per_mtok"].tolist() == [1.0, 5.0, 5.0]
    assert prices["price_out_per_mtok"].tolist() == [4.0, 25.0, 25.0]


def test_price_ties_go_to_the_newest_model_not_the_first_name():
    # "Model Z" costs what Model A costs and is newer: alphabetical order would
    # pick A as the cheap label. "Model Alpha" costs what Model C costs and is
    # newer: alphabetical order would pick C as the dear label (last name).
    extra = pd.DataFrame(
        [
            ("z-in", "api_price_input_per_mtok", "Model Z", 1.0, "2025-09-01"),
            ("z-out", "api_price_output_per_mtok", "Model Z", 4.0, "2025-09-01"),
            ("al-in", "api_price_input_per_mtok", "Model Alpha", 5.0, "2025-12-01"),
            ("al-out", "api_price_output_per_mtok", "Model Alpha", 25.0, "2025-12-01"),
        ],
        columns=["id", "quantity", "model_or_subject", "value", "date"],
    )
    table = pd.concat([_prices_table(), extra.assign(date=pd.to_datetime(extra["date"]))], ignore_index=True)
    prices = distillation.price_cases(table)
    assert prices["price_model"].tolist() == ["Model Z", "Model Alpha", "Model Alpha"]
    assert prices["tier_models"].tolist() == ["Model Z, Model A", "Model Alpha, Model C", "Model Alpha, Model C"]
    # Only the labels change: the prices are those of the tiers.
    assert prices["price_out_per_mtok"].tolist() == [4.0, 25.0, 25.0]


def test_price_cases_on_the_project_table_label_each_tier_with_its_newest_model():
    inputs = data.load("distillation_cost_inputs")
    prices = distillation.price_cases(inputs).set_index("case")
    api = inputs[inputs["quantity"] == "api_price_output_per_mtok"].set_index("model_or_subject")
    for case in distillation.CASES:
        same_price = api[api["value"] == prices.at[case, "price_out_per_mtok"]]
        assert api.at[prices.at[case, "price_model"], "date"] == same_price["date"].max(), case


def test_price_cases_need_prices():
    with pytest.raises(ValueError):
        distillation.price_cases(_prices_table().iloc[[-1]])


def _three_prices():
    return pd.DataFrame(
        {
            "case": ["low", "central", "high"],
            "price_model": ["cheap", "dear", "dear"],
            "price_in_per_mtok": [3.0, 5.0, 5.0],
            "price_out_per_mtok": [15.0, 25.0, 25.0],
        }
    )


def test_cost_range_by_hand():
    costs = distillation.cost_range(
        1_000_000,
        {"low": 1000, "central": 2000, "high": 4000},
        {"low": 500, "central": 1000, "high": 2000},
        _three_prices(),
    )
    # low:     1000 * 3 + 500 * 15   = 3,000 + 7,500   -> $10,500
    # central: 2000 * 5 + 1000 * 25  = 10,000 + 25,000 -> $35,000
    # high:    4000 * 5 + 2000 * 25  = 20,000 + 50,000 -> $70,000
    assert costs["case"].tolist() == ["low", "central", "high"]
    assert costs["cost_usd"].tolist() == pytest.approx([10_500, 35_000, 70_000])
    assert costs["price_model"].tolist() == ["cheap", "dear", "dear"]


def test_cost_against_training_gives_percentages_sorted_by_training_cost():
    costs = pd.DataFrame({"case": ["low", "central", "high"], "cost_usd": [1e5, 1e6, 5e6]})
    training = pd.DataFrame(
        {
            "model_or_subject": ["Big run", "Small run"],
            "quantity": ["frontier_training_cost_usd"] * 2,
            "value": [1e8, 5e6],
            "kind": ["estimate", "exact"],
            "confidence": ["medium", "high"],
        }
    )
    out = distillation.cost_against_training(costs, training)
    assert out["model_or_subject"].tolist() == ["Small run", "Big run"]
    # Small run, $5M: 1e5/5e6 = 2 %, 1e6/5e6 = 20 %, 5e6/5e6 = 100 %.
    assert out.loc[0, ["pct_low", "pct_central", "pct_high"]].tolist() == pytest.approx([2, 20, 100])
    # Big run, $100M: 0.1 %, 1 %, 5 %.
    assert out.loc[1, ["pct_low", "pct_central", "pct_high"]].tolist() == pytest.approx([0.1, 1, 5])


@pytest.mark.parametrize(
    "pct, word",
    [
        (0.0, "small"),
        (9.99, "small"),
        (10.0, "noticeable"),
        (23.7, "noticeable"),
        (99.9, "noticeable"),
        (100.0, "prohibitive"),
        (250.0, "prohibitive"),
    ],
)
def test_cost_grade_follows_the_stated_bounds(pct, word):
    assert distillation.SMALL_COST_PCT == 10 and distillation.PROHIBITIVE_COST_PCT == 100
    assert distillation.cost_grade(pct) == word


@pytest.mark.parametrize(
    "central, high, phrase",
    [
        (23.7, 89.0, "a noticeable cost, though not a prohibitive one"),
        (1.7, 6.4, "a small cost"),
        (1.7, 40.0, "a small cost, though not a prohibitive one"),
        (40.0, 150.0, "a noticeable cost, and a prohibitive one in the high case"),
        (120.0, 300.0, "a prohibitive cost"),
    ],
)
def test_cost_verdict_by_hand(central, high, phrase):
    grades = distillation.cost_grade(central), distillation.cost_grade(high)
    assert wording.cost_verdict(*grades) == phrase


@pytest.mark.parametrize("pct", [-1.0, float("nan")])
def test_cost_grade_refuses_bad_shares(pct):
    with pytest.raises(ValueError):
        distillation.cost_grade(pct)


def test_cost_verdict_refuses_a_high_case_graded_below_the_central_one():
    with pytest.raises(ValueError):
        wording.cost_verdict("noticeable", "small")


def test_parameter_cases_reads_one_named_row():
    table = pd.DataFrame({"parameter": ["x", "y"], "low": [1.0, 10.0], "central": [2.0, 20.0], "high": [3.0, 30.0]})
    assert distillation.parameter_cases(table, "y") == {"low": 10.0, "central": 20.0, "high": 30.0}
    with pytest.raises(KeyError):
        distillation.parameter_cases(table, "z")


# --- Catch-up delays -------------------------------------------------------------


def models(rows):
    frame = pd.DataFrame(rows, columns=["model", "country", "release_date", "eci_score"])
    frame["release_date"] = pd.to_datetime(frame["release_date"])
    return frame


SMALL = models(
    [
        ("us-1", US, "2023-01-01", 100.0),
        ("us-2", US, "2023-07-01", 120.0),
        ("us-3", US, "2024-01-01", 140.0),
        ("cn-0", CN, "2023-02-01", 90.0),  # below the first US model: censored
        ("cn-1", CN, "2023-10-01", 110.0),  # first US >= 110 is us-2 (2023-07-01): 92 days
        ("cn-2", CN, "2024-03-01", 130.0),  # first US >= 130 is us-3 (2024-01-01): 31 + 29 = 60 days
        ("cn-weak", CN, "2024-04-01", 100.0),  # does not move China's frontier
        ("cn-3", CN, "2024-06-01", 150.0),  # the US never reached 150 in the data
    ]
)


def test_catch_up_delays_by_hand():
    out = distillation.catch_up_delays(SMALL)
    assert out["follower_model"].tolist() == ["cn-0", "cn-1", "cn-2", "cn-3"]
    assert out["leader_model"].tolist()[:3] == ["us-1", "us-2", "us-3"]
    assert out["censored"].tolist() == [True, False, False, False]
    assert out["matched"].tolist() == [True, True, True, False]
    assert out.loc[1, "delay_months"] == pytest.approx(92 / MONTH)
    assert out.loc[2, "delay_months"] == pytest.approx(60 / MONTH)
    assert math.isnan(out.loc[3, "delay_months"])


def test_a_tie_counts_as_reached_and_start_filters_follower_moves():
    tied = pd.concat([SMALL, models([("cn-tie", CN, "2024-04-15", 140.0)])])
    out = distillation.catch_up_delays(tied, start="2024-01-01")
    assert out["follower_model"].tolist() == ["cn-2", "cn-tie", "cn-3"]
    # 140 is exactly us-3's score, reached 2024-01-01: 31 + 29 + 31 + 14 = 105 days.
    assert out.loc[1, "leader_model"] == "us-3"
    assert out.loc[1, "delay_months"] == pytest.approx(105 / MONTH)


def test_start_keeps_a_follower_move_released_on_the_start_day():
    # cn-2 is released on 1 March 2024: a start on that day keeps it, a day later drops it.
    assert distillation.catch_up_delays(SMALL, start="2024-03-01")["follower_model"].tolist() == ["cn-2", "cn-3"]
    assert distillation.catch_up_delays(SMALL, start="2024-03-02")["follower_model"].tolist() == ["cn-3"]


# --- Timing test -------------------------------------------------------------------


def test_timing_test_exact_p_value_by_enumeration():
    # Delays all 2 months; follower gaps (1, 2, 1). Of the 3! = 6 orderings,
    # the two that keep (1, 2, 1) give spread 0; (2, 1, 1) and (1, 1, 2) move one
    # follower date, so their spread is positive. p = 2/6.
    result = distillation.timing_test([2, 3, 5, 6], [0, 1, 3, 4])
    assert result["observed_spread"] == pytest.approx(0.0)
    assert result["method"] == "exact"
    assert result["n_null"] == 6
    assert result["p_value"] == pytest.approx(1 / 3)


def test_equal_gaps_give_no_power():
    # Every ordering of identical gaps is the same timing: p = 1.
    result = distillation.timing_test([2, 3, 4, 5], [0, 1, 2, 3])
    assert result["p_value"] == pytest.approx(1.0)


def test_a_locked_follower_with_distinct_gaps_is_detected_exactly():
    leader = np.array([0, 1, 3, 6, 10, 15, 21], dtype=float)  # gaps 1..6, all different
    result = distillation.timing_test(leader + 2, leader)
    # Only the original ordering of the 6 gaps keeps every delay at 2: p = 1/720.
    assert result["n_null"] == 720
    assert result["p_value"] == pytest.approx(1 / 720)


def test_monte_carlo_branch_is_seeded_and_detects_a_locked_follower():
    leader = np.cumsum(np.arange(0, 11, dtype=float))  # 10 distinct gaps, beyond exact enumeration
    first = distillation.timing_test(leader + 3, leader, n_perm=2000, seed=7)
    again = distillation.timing_test(leader + 3, leader, n_perm=2000, seed=7)
    assert first == again
    assert first["method"] == "monte carlo"
    # No shuffle of 10 distinct gaps reproduces the original (chance 1 in 10!), so
    # only the +1 in the estimator counts: p = 1 / 2001.
    assert first["p_value"] == pytest.approx(1 / 2001)


def test_spread_is_the_sample_standard_deviation():
    # Delays 1, 2, 3: sample SD = 1.
    result = distillation.timing_test([1, 3, 5], [0, 1, 2])
    assert result["observed_spread"] == pytest.approx(1.0)


def test_exact_branch_enumerates_every_ordering_of_the_gaps():
    # Brute force over itertools.permutations, independent of scipy's enumeration.
    follower = np.array([0.0, 1.5, 4.0, 4.5, 8.0, 9.0])
    leader = np.array([-2.0, 0.0, 1.0, 3.0, 5.0, 7.5])
    gaps = np.diff(follower)
    spreads = []
    for order in itertools.permutations(gaps):
        times = follower[0] + np.concatenate([[0.0], np.cumsum(order)])
        spreads.append(np.std(times - leader, ddof=1))
    spreads = np.array(spreads)
    observed = np.std(follower - leader, ddof=1)
    result = distillation.timing_test(follower, leader)
    assert result["method"] == "exact" and result["n_null"] == math.factorial(5)
    assert result["observed_spread"] == pytest.approx(observed)
    assert result["p_value"] == pytest.approx(np.mean(spreads <= observed + 1e-12))
    assert result["null_median_spread"] == pytest.approx(np.median(spreads))
    assert result["null_low_spread"] == pytest.approx(np.quantile(spreads, 0.05))


def test_exact_enumeration_up_to_exact_max_gaps_or_when_every_ordering_fits_the_draws():
    follower, leader = [0.0, 1.0, 3.0, 6.0], [-1.0, 0.0, 1.0, 5.0]  # 3 gaps, 3! = 6 orderings
    assert distillation.timing_test(follower, leader, exact_max=3, n_perm=1)["method"] == "exact"
    assert distillation.timing_test(follower, leader, exact_max=2, n_perm=6)["method"] == "exact"
    drawn = distillation.timing_test(follower, leader, exact_max=2, n_perm=5)
    assert drawn["method"] == "monte carlo" and drawn["n_null"] == 5


def test_monte_carlo_p_value_counts_shuffles_at_or_below_the_observed_spread():
    # Two distinct blocks of gaps; with 8 gaps, 10 draws take the Monte Carlo branch.
    follower = np.cumsum([0.0, 1, 1, 1, 1, 5, 5, 5, 5])
    leader = follower - np.array([2.0, 2, 2, 2, 2, 2, 2, 2, 3])
    result = distillation.timing_test(follower, leader, n_perm=50, seed=3)
    assert result["method"] == "monte carlo" and result["n_null"] == 50
    # p = (1 + k) / 51 for a whole number k of shuffles at or below the observed spread.
    k = result["p_value"] * 51 - 1
    assert k == pytest.approx(round(k)) and 0 <= round(k) <= 50


def test_follower_times_may_repeat():
    # Two catch-ups on one day are in order (not decreasing): a zero gap.
    result = distillation.timing_test([1.0, 1.0, 3.0, 4.0], [0.0, -1.0, 1.0, 2.0])
    assert result["method"] == "exact" and result["n_null"] == 6


@pytest.mark.parametrize("follower, leader", [([1, 2], [0, 1]), ([1, 2, 3], [0, 1]), ([3, 2, 1], [0, 0, 0])])
def test_timing_test_refuses_bad_input(follower, leader):
    with pytest.raises(ValueError):
        distillation.timing_test(follower, leader)


SIGNAL = models(
    [
        ("us-1", US, "2023-01-01", 100.0),
        ("us-2", US, "2023-04-01", 110.0),
        ("us-3", US, "2023-07-01", 120.0),
        ("us-4", US, "2023-10-01", 130.0),
        ("cn-censored", CN, "2023-01-20", 95.0),
        ("cn-a", CN, "2023-04-11", 105.0),  # us-2 on 2023-04-01: 10 days
        ("cn-b", CN, "2023-07-31", 115.0),  # us-3 on 2023-07-01: 30 days
        ("cn-c", CN, "2023-11-20", 125.0),  # us-4 on 2023-10-01: 50 days
        ("cn-d", CN, "2024-01-09", 130.0),  # tie with us-4: 92 days to 1 January, + 8 = 100 days
    ]
)


def test_delay_signal_summarises_usable_events_only():
    signal = distillation.delay_signal(SIGNAL, start=None)
    assert signal["n_used"] == 4 and signal["n_censored"] == 1
    # Delays 10, 30, 50, 100 days: median 40 days, shortest cn-a after us-2.
    assert signal["median"] == pytest.approx(40 / MONTH)
    assert signal["min"] == pytest.approx(10 / MONTH)
    assert signal["max"] == pytest.approx(100 / MONTH)
    assert (signal["min_model"], signal["min_leader_model"]) == ("cn-a", "us-2")
    assert signal["leaders_reused"] == 1  # us-4 matched twice
    assert signal["steps_per_leader"].to_dict() == {"us-2": 1, "us-3": 1, "us-4": 2}
    assert signal["test"]["events"] == 4 and signal["test"]["method"] == "exact"


@pytest.mark.parametrize(
    "p, grade",
    [
        (0.0, "strong"),
        (0.0099, "strong"),
        (0.01, "moderate"),
        (0.049, "moderate"),
        (0.05, "weak"),
        (0.0754, "weak"),
        (0.0999, "weak"),
        (0.10, "none"),
        (0.5, "none"),
        (1.0, "none"),
    ],
)
def test_evidence_strength_rule_at_and_around_each_bound(p, grade):
    assert distillation.evidence_strength(p) == grade


@pytest.mark.parametrize("p", [-0.01, 1.01, float("nan")])
def test_evidence_strength_refuses_impossible_p_values(p):
    with pytest.raises(ValueError):
        distillation.evidence_strength(p)


def test_evidence_bounds_rise_and_every_grade_has_its_words():
    bounds = [bound for _, bound in distillation.EVIDENCE_BOUNDS]
    assert bounds == sorted(bounds) and bounds == [0.01, 0.05, 0.10]
    grades = {grade for grade, _ in distillation.EVIDENCE_BOUNDS} | {distillation.NO_EVIDENCE}
    for words in (wording.EVIDENCE_LABELS, wording.EVIDENCE_SENTENCES, wording.EVIDENCE_TRACES):
        assert set(words) == grades


def test_a_locked_follower_grades_strong_and_equal_gaps_grade_none():
    leader = np.array([0, 1, 3, 6, 10, 15, 21], dtype=float)
    assert distillation.evidence_strength(distillation.timing_test(leader + 2, leader)["p_value"]) == "strong"
    assert distillation.evidence_strength(distillation.timing_test([2, 3, 4, 5], [0, 1, 2, 3])["p_value"]) == "none"


# --- From evidence to a parameter -------------------------------------------------


def test_three_usable_catch_ups_are_enough_for_the_signal():
    few = models(
        [
            ("us-1", US, "2023-01-01", 100.0),
            ("us-2", US, "2023-03-01", 110.0),
            ("us-3", US, "2023-06-01", 120.0),
            ("us-4", US, "2023-09-01", 130.0),
            ("cn-0", CN, "2023-02-01", 95.0),  # below the first US model: censored
            ("cn-1", CN, "2023-05-01", 105.0),  # us-2
            ("cn-2", CN, "2023-08-01", 115.0),  # us-3
            ("cn-3", CN, "2023-11-01", 125.0),  # us-4
        ]
    )
    signal = distillation.delay_signal(few, start="2023-01-01")
    assert signal["n_used"] == 3 and signal["n_censored"] == 1
    assert signal["test"]["method"] == "exact" and signal["test"]["n_null"] == 2
    with pytest.raises(ValueError, match="fewer than three"):
        distillation.delay_signal(few[few["model"] != "cn-3"], start="2023-01-01")


def test_implied_share_inverts_the_term():
    # Own lag 12, delay 2, observed 7: 12 - s * 10 = 7  ->  s = 0.5.
    assert distillation.implied_share(7, 12, 2) == pytest.approx(0.5)
    assert distillation.distilled_lag(12, distillation.implied_share(7, 12, 2), 2) == pytest.approx(7)
    # Observed equal to the own lag: nothing absorbed; equal to the delay: everything.
    assert distillation.implied_share(12, 12, 2) == 0
    assert distillation.implied_share(2, 12, 2) == 1
    assert distillation.implied_share(6, 12, 0) == 0.5  # a zero delay is allowed


@pytest.mark.parametrize("observed, own, delay", [(5, 4, 4), (4, 4, 4), (5, 3, 4), (13, 12, 2), (1, 12, 2), (5, 12, -1)])
def test_implied_share_refuses_lags_no_share_can_produce(observed, own, delay):
    with pytest.raises(ValueError):
        distillation.implied_share(observed, own, delay)


def test_months_restored_by_stopping_distillation():
    # 12-month own lag, share 0.5, delay 2: distilled lag 7, so 5 months come back.
    assert float(distillation.months_restored(12, 0.5, 2)) == pytest.approx(5)
    assert float(distillation.months_restored(12, 0.0, 2)) == 0
    assert float(distillation.months_restored(1.5, 1.0, 2)) == 0  # already within the delay


def test_derive_parameters_by_hand():
    derived = distillation.derive_parameters(SIGNAL, lag_observed=3.0, lag_own_claimed=12.0, start=None)
    low, high = 10 / MONTH, 40 / MONTH  # shortest and median delay above
    central = (low + high) / 2
    delay = derived[distillation.DELAY]
    assert (delay["low"], delay["central"], delay["high"]) == pytest.approx((low, central, high))
    share = derived[distillation.SHARE]
    expected_high = (12.0 - 3.0) / (12.0 - central)
    assert (share["low"], share["central"], share["high"]) == pytest.approx((0.0, expected_high / 2, expected_high))


def test_lag_curves_include_the_kink_at_the_delay():
    curves = distillation.lag_curves([0, 10], {"half": 0.5}, {"d4": 4.0})
    # Own lags 0, 4 (the delay, added) and 10; lag = own up to 4, then 4 + 0.5 * (own - 4).
    assert curves["lag_own"].tolist() == [0.0, 4.0, 10.0]
    assert curves["lag"].tolist() == pytest.approx([0.0, 4.0, 7.0])
    assert set(curves["share"]) == {"half"} and set(curves["delay"]) == {"d4"}


# --- The tables, through ailead.data -----------------------------------------------


def test_parameter_table_has_the_names_the_scenario_model_reads():
    table = data.load("distillation_parameters")
    assert set(table["parameter"]) == {distillation.SHARE, distillation.DELAY, distillation.TOKENS_IN, distillation.TOKENS_OUT}
    assert (table["low"] <= table["central"]).all() and (table["central"] <= table["high"]).all()
    share = distillation.parameter_cases(table, distillation.SHARE)
    assert 0 <= share["low"] and share["high"] <= 1
    units = table.set_index("parameter")["unit"]
    assert units[distillation.SHARE] == "fraction" and units[distillation.DELAY] == "months"
    # Nothing here is measured: every row is labelled an assumption.
    assert (table["confidence"] == "low").all()
    assert table["basis"].str.startswith("ASSUMPTION").all()


def test_parameter_table_agrees_with_the_evidence_it_is_derived_from():
    table = data.load("distillation_parameters")
    frontier = data.load("frontier_models")
    claimed = data.load("scenario_parameters").set_index("id").loc["anthropic_claimed_lead_months_act"]
    lag = gap.lag_frame(frontier, start=gap.WINDOW_START, end=frontier["release_date"].max())
    derived = distillation.derive_parameters(
        frontier, gap.summarize(lag["lag_months"])["mean"], float(claimed["low"]), n_perm=200
    )
    for name, decimals in ((distillation.DELAY, 1), (distillation.SHARE, 2)):
        stored = distillation.parameter_cases(table, name)
        for case in distillation.CASES:
            assert stored[case] == pytest.approx(derived[name][case], abs=0.5 * 10**-decimals + 1e-9), (name, case)


def test_incident_counts_and_their_kind_agree():
    incidents = data.load("distillation_incidents")
    no_figure = incidents["figure_kind"] == "none"
    assert incidents.loc[no_figure, "exchanges"].isna().all()
    assert incidents.loc[~no_figure, "exchanges"].notna().all()
    # Anthropic put the February total at over 16 million: the per-lab floors must reach it.
    feb = incidents[(incidents["accuser"] == "Anthropic") & (incidents["date"] == "2026-02-23")]
    assert len(feb) == 3 and feb["exchanges"].sum() >= 16_000_000


def test_each_priced_model_has_both_prices_and_output_costs_more():
    inputs = data.load("distillation_cost_inputs")
    prices = inputs[inputs["quantity"].str.startswith("api_price")]
    wide = prices.pivot_table(index="model_or_subject", columns="quantity", values="value")
    assert wide.notna().all().all()
    assert (wide["api_price_output_per_mtok"] > wide["api_price_input_per_mtok"]).all()


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(data.data_dir(), folder)
    monkeypatch.setenv(data.DATA_DIR_ENV, str(folder))
    data._package_descriptor.cache_clear()
    yield folder
    data._package_descriptor.cache_clear()


def _edit_parameters(folder, column, value):
    path = folder / "distillation_parameters.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table.loc[0, column] = value
    table.to_csv(path, index=False, lineterminator="\n")


@pytest.mark.parametrize(
    "column, value, rule",
    [
        ("parameter", "distilation_share", "constraint:enum"),
        ("central", "-0.1", "constraint:minimum"),
        ("unit", "percent", "constraint:enum"),
        ("source_url", "", "constraint:required"),
        ("high", "lots", "type-error"),
    ],
)
def test_a_broken_parameter_row_is_named_by_row_column_and_rule(data_copy, column, value, rule):
    _edit_parameters(data_copy, column, value)
    with pytest.raises(data.DataValidationError) as caught:
        data.load("distillation_parameters")
    first = caught.value.problems[0]
    assert (first.file, first.row, first.column, first.rule) == ("data/distillation_parameters.csv", 2, column, rule)


# --- Reader-facing tables (rows built by ailead.chapters.ch03) ----------------


def test_incidents_table_orders_by_date_and_spells_out_the_figure_kind():
    incidents = pd.DataFrame(
        {
            "id": ["b", "a", "c"],
            "date": pd.to_datetime(["2026-02-23", "2026-02-23", "2025-01-29"]),
            "accuser": ["Lab", "Lab", "Other"],
            "accused": ["X", "Y", "Z"],
            "exchanges": pd.array([150000, None, 3400000], dtype="Int64"),
            "figure_kind": ["lower_bound", "none", "lower_bound"],
            "confidence": ["high", "high", "medium"],
            "source_url": ["https://b", "https://a", "https://c"],
        }
    )
    table = ch03.incidents_rows(incidents).reset_index(drop=True)
    assert table["source_url"].tolist() == ["https://c", "https://a", "https://b"]
    assert table["figure_kind_words"].tolist() == ["at least (lower bound)", "no figure", "at least (lower bound)"]
    assert pd.isna(table.at[1, "exchanges"]) and table.at[2, "exchanges"] == 150000
    html = tables.show("distillation.incidents", table).data
    assert "150,000" in html and "3,400,000" in html and "Kind of figure" in html


def test_training_cost_table_gives_the_campaign_as_a_share_of_each_training_cost():
    costs = pd.DataFrame({"case": ["low", "central", "high"], "cost_usd": [1e5, 1e6, 1e7]})
    training = pd.DataFrame(
        {
            "model_or_subject": ["Big run", "Small run"],
            "quantity": ["frontier_training_cost_usd"] * 2,
            "value": [1e9, 1e7],
            "kind": ["lower_bound", "exact"],
            "confidence": ["high", "high"],
        }
    )
    table = ch03.training_cost_rows(costs, training)
    # Rising training cost; 1e6 is 10% of 1e7 and 0.1% of 1e9.
    assert table["model_or_subject"].tolist() == ["Small run", "Big run"]
    assert table["pct_central"].tolist() == pytest.approx([10.0, 0.1])
    assert table["kind_words"].tolist() == ["exact", "lower bound"]
    html = tables.show("distillation.training_costs", table).data
    assert "10.00" in html and "1,000,000,000" in html


def test_countermeasures_table_groups_by_status_with_undated_last():
    measures = pd.DataFrame(
        {
            "measure": ["m1", "m2", "m3"],
            "proposed_by": ["A", "B", "C"],
            "status": ["proposed", "in_use", "in_use"],
            "date": pd.to_datetime([None, None, "2025-01-01"]),
            "limits": ["l1", None, "l3"],
        }
    )
    table = ch03.countermeasure_rows(measures)
    assert table["measure"].tolist() == ["m3", "m2", "m1"]
    assert table["status_words"].tolist() == ["in use", "in use", "proposed"]


def test_parameters_table_keeps_every_row_under_plain_names():
    parameters = data.load("distillation_parameters")
    shown, formats = tables.reader_frame("distillation.parameters", parameters)
    assert len(shown) == len(parameters)
    assert shown.columns[0] == "Parameter" and "Source" in shown.columns
    assert set(formats) == {"Central", "Low", "High"}


def test_cost_verdicts_name_each_comparison():
    costs = pd.DataFrame({"case": ["low", "central", "high"], "cost_usd": [1.0, 50.0, 200.0]})
    training = pd.DataFrame(
        {
            "model_or_subject": ["cheap finish", "big run"],
            "quantity": ["reported_training_cost_usd", "frontier_training_cost_usd"],
            "value": [100.0, 10_000.0],
            "kind": ["exact", "estimate"],
            "confidence": ["high", "medium"],
        }
    )
    table = distillation.cost_verdicts({"lab A": costs, "lab B": costs.assign(cost_usd=[1.0, 2.0, 5.0])}, training)
    by = table.set_index(["campaign", "model_or_subject"])
    # 50 and 200 dollars against 100: noticeable, then prohibitive; against 10,000: small.
    assert by.loc[("lab A", "cheap finish"), ["grade_central", "grade_high"]].tolist() == ["noticeable", "prohibitive"]
    assert by.loc[("lab A", "big run"), ["grade_central", "grade_high"]].tolist() == ["small", "small"]
    assert by.loc[("lab B", "cheap finish"), "pct_high"] == pytest.approx(5.0)
    assert len(table) == 4
