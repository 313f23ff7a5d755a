"""ailead.dissent: verdict rules on cases worked out by hand, their symmetry,
the claims table, and the scorecard on the book's real data."""

from __future__ import annotations

import csv
import json
import math
import re

import numpy as np
import pandas as pd
import pytest
from conftest import REPO

from ailead import data, dissent, gap

S, M, C, NT = dissent.SUPPORTED, dissent.MIXED, dissent.CONTRADICTED, dissent.NOT_TESTABLE
US, CN = gap.US, gap.CHINA
MONTH = gap.DAYS_PER_MONTH
MONTHS = dict(parity=3.0, margin=3.0)


def level(direction, low, high=None, size=None):
    return dissent.level_verdict(direction, low, high, size=size, **MONTHS)


# --- Level rules ---------------------------------------------------------------


@pytest.mark.parametrize(
    "direction, lag, expected",
    [
        ("us_lead", 5.0, S),  # a lead of 3 months or more
        ("us_lead", 3.0, S),
        ("us_lead", 1.0, M),  # ahead, but within the parity band
        ("us_lead", 0.0, C),  # level: 3 months short of the range
        ("us_lead", -2.0, C),
        ("parity", 2.0, S),
        ("parity", -2.0, S),
        ("parity", 3.0, M),  # exactly 3 months is a lead, not a tie
        ("parity", 5.9, M),
        ("parity", 6.0, C),  # 3 months beyond the band
        ("parity", -7.0, C),
        ("china_lead", -4.0, S),
        ("china_lead", -1.0, M),
        ("china_lead", 0.0, C),
        ("china_lead", 8.0, C),
    ],
)
def test_level_rule_on_hand_worked_cases(direction, lag, expected):
    assert level(direction, lag) == expected


@pytest.mark.parametrize(
    "lag, expected",
    [
        (6.5, S),  # claimed 7-10, widened by 1 month: 6-11
        (6.0, S),
        (11.0, S),
        (4.0, M),  # 2 months short
        (3.0, C),  # 3 months short
        (13.9, M),
        (14.0, C),
    ],
)
def test_stated_size_is_widened_by_the_tolerance(lag, expected):
    assert level("us_lead", lag, size=(6.0, 11.0)) == expected


def test_a_lower_bound_is_judged_by_every_value_it_allows():
    inf = math.inf
    assert level("us_lead", 5.0, inf) == S  # at least 5 months: a lead whatever the true value
    assert level("parity", 1.0, inf) == M  # could be a tie, could be a lead
    assert level("us_lead", 10.0, inf, size=(6.0, 11.0)) == M  # might be 10, might be 30
    assert level("us_lead", 15.0, inf, size=(6.0, 11.0)) == C  # already 4 months beyond 11


def test_missing_measurement_is_not_testable():
    assert level("us_lead", math.nan) == NT


def test_size_only_goes_with_a_us_lead():
    with pytest.raises(ValueError, match="us_lead"):
        level("parity", 2.0, size=(1.0, 2.0))
    with pytest.raises(ValueError, match="low end"):
        level("us_lead", 2.0, size=(5.0, 2.0))
    with pytest.raises(ValueError, match="level direction"):
        level("narrowing", 2.0)


@pytest.mark.parametrize("x", np.round(np.arange(-12, 12.01, 0.25), 2))
def test_exactly_one_level_claim_is_supported_and_sides_mirror(x):
    verdicts = {d: level(d, float(x)) for d in dissent.LEVEL_DIRECTIONS}
    assert sum(v == S for v in verdicts.values()) == 1
    assert level("us_lead", float(x)) == level("china_lead", float(-x))
    assert level("parity", float(x)) == level("parity", float(-x))


def test_ratio_rules_are_the_month_rules_on_a_log_scale():
    rules = dissent.RULES

    def ratio(d, a):
        return dissent.level_verdict(d, math.log(a), parity=math.log(rules.parity_ratio), margin=math.log(rules.margin_ratio))

    assert ratio("us_lead", 2.0) == S  # 2 >= 1.5
    assert ratio("us_lead", 1.2) == M
    assert ratio("us_lead", 1.0) == C  # level: a factor 1.5 short of 1.5
    assert ratio("parity", 1.2) == S
    assert ratio("parity", 2.0) == M
    assert ratio("parity", 2.25) == C  # 1.5 x 1.5
    assert ratio("parity", 1 / 2.25) == C
    assert ratio("china_lead", 0.5) == S


# --- Trend rules ----------------------------------------------------------------


@pytest.mark.parametrize(
    "direction, low, high, expected",
    [
        ("narrowing", -5.0, -2.0, S),  # whole interval below -1
        ("narrowing", -3.0, 0.5, M),
        ("narrowing", -0.5, 2.0, C),  # whole interval at or above -1
        ("narrowing", 2.0, 4.0, C),
        ("widening", 2.0, 4.0, S),
        ("widening", -0.5, 3.0, M),
        ("widening", -4.0, 0.5, C),
        ("stable", -0.5, 0.8, S),
        ("stable", -2.0, 0.5, M),
        ("stable", 1.5, 3.0, C),
        ("stable", -3.0, -1.5, C),
    ],
)
def test_trend_rule_on_hand_worked_cases(direction, low, high, expected):
    assert dissent.trend_verdict(direction, low, high, band=1.0) == expected


def test_with_no_band_the_trend_rule_is_the_sign_of_the_interval():
    assert dissent.trend_verdict("narrowing", -3.0, -0.1, band=0.0) == S
    assert dissent.trend_verdict("narrowing", -3.0, 0.1, band=0.0) == M
    assert dissent.trend_verdict("narrowing", 0.1, 3.0, band=0.0) == C


def test_trend_rules_mirror_and_never_support_two_directions():
    rng = np.random.default_rng(1)
    for _ in range(500):
        low, high = np.sort(rng.uniform(-6, 6, size=2))
        verdicts = {d: dissent.trend_verdict(d, low, high, band=1.0) for d in dissent.TREND_DIRECTIONS}
        assert sum(v == S for v in verdicts.values()) <= 1
        assert verdicts["narrowing"] == dissent.trend_verdict("widening", -high, -low, band=1.0)
        assert verdicts["stable"] == dissent.trend_verdict("stable", -high, -low, band=1.0)
        if verdicts["narrowing"] == S:
            assert verdicts["widening"] == C
        assert dissent.window_class(low, high, 1.0) in dissent.WINDOW_CLASSES


def test_combining_parts():
    assert dissent.combine([]) == NT
    assert dissent.combine([NT, NT]) == NT
    assert dissent.combine([S, NT]) == S
    assert dissent.combine([C, C, NT]) == C
    assert dissent.combine([S, C]) == M
    assert dissent.combine([M, S]) == M
    with pytest.raises(ValueError, match="unknown verdict"):
        dissent.combine(["maybe"])


def test_rules_reject_meaningless_thresholds():
    with pytest.raises(ValueError, match="parity_ratio"):
        dissent.Rules(parity_ratio=1.0)
    with pytest.raises(ValueError, match="trend_level"):
        dissent.Rules(trend_level=1.2)
    with pytest.raises(ValueError, match="parity_months"):
        dissent.Rules(parity_months=0)


# --- Windows --------------------------------------------------------------------


def claim(**fields):
    base = {
        "id": "x",
        "who": "someone",
        "date": pd.NaT,
        "direction": "us_lead",
        "metric": "capabilities",
        "lead_months_low": np.nan,
        "lead_months_high": np.nan,
        "window_start": pd.NaT,
        "window_end": pd.NaT,
    }
    base.update(
        {k: (pd.Timestamp(v) if k in ("date", "window_start", "window_end") and v is not None else v) for k, v in fields.items()}
    )
    return pd.Series(base)


def test_windows_of_claims():
    w = dissent.claim_window(claim(date="2025-06-18"))
    assert (w.status, w.start, w.end) == ("present", pd.Timestamp("2024-06-18"), pd.Timestamp("2025-06-18"))
    w = dissent.claim_window(claim(date="2025-04-07", window_start="2024-01-01", window_end="2025-02-28"))
    assert (w.status, w.start, w.end) == ("present", pd.Timestamp("2024-01-01"), pd.Timestamp("2025-02-28"))
    assert dissent.claim_window(claim()).status == "undated"
    assert dissent.claim_window(claim(date="2026-05-14", window_start="2026-05-14", window_end="2028-12-31")).status == "forecast"
    assert dissent.claim_window(claim(date="2026-01-10", window_start="2026-01-10")).status == "forecast"
    w = dissent.claim_window(claim(date="2025-01-22", window_end="2025-01-07"))
    assert (w.status, w.end) == ("present", pd.Timestamp("2025-01-07"))


# --- A small world whose answers are known ---------------------------------------


def small_models():
    rows = [
        ("us-0", US, "2022-06-01", 90.0),
        ("us-a", US, "2023-01-01", 100.0),
        ("us-b", US, "2023-02-01", 120.0),
        ("cn-a", CN, "2023-03-01", 100.0),  # matched by us-a on 1 Jan 2023; China never improves
        ("us-c", US, "2024-06-30", 130.0),  # the last release: the data end
    ]
    frame = pd.DataFrame(rows, columns=["model", "country", "release_date", "eci_score"])
    frame["release_date"] = pd.to_datetime(frame["release_date"])
    frame["open_weights"] = pd.array([False, False, False, True, False], dtype="boolean")
    return frame


def small_shares(us=0.6, cn=0.3, date="2024-01-01"):
    return pd.DataFrame(
        {
            "id": ["s-us", "s-cn"],
            "date": pd.to_datetime([date, date]),
            "measure": ["share", "share"],
            "country": [US, CN],
            "share": [us, cn],
            "confidence": ["high", "high"],
        }
    )


def small_ceiling():
    # The best legal chip falls from half of the best US chip to a tenth.
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2023-01-01", "2024-01-01"]),
            "best_legal_chip": ["mid", "low"],
            "best_us_chip": ["top", "top"],
            "tpp_ratio": [0.5, 0.1],
            "bandwidth_ratio": [0.5, 0.2],
        }
    )


@pytest.fixture(scope="module")
def world():
    return dissent.build_inputs(small_models(), small_shares(), small_ceiling())


def verdict(world, **fields):
    return dissent.assess(claim(**fields), world)[0]


def test_small_world_lag_is_the_hand_computed_one(world):
    # On 1 Jan 2024 China's best (100) was first reached by the US on 1 Jan 2023.
    assert world.lag.at[pd.Timestamp("2024-01-01"), "lag_months"] == pytest.approx(365 / MONTH)
    assert not world.lag["censored"].any()


def test_small_world_level_claims(world):
    # 15 Mar 2023: 73 days = 2.4 months.
    assert verdict(world, date="2023-03-15", direction="parity") == S
    assert verdict(world, date="2023-03-15", direction="us_lead") == M
    # 1 Jan 2024: 12.0 months.
    assert verdict(world, date="2024-01-01", lead_months_low=10, lead_months_high=12) == S
    assert verdict(world, date="2024-01-01", lead_months_low=3, lead_months_high=6) == C
    assert verdict(world, date="2024-01-01", direction="parity") == C


def test_small_world_trend_claims(world):
    # The lag grows one day per day: +12 months a year, with no doubt about it.
    window = dict(date="2024-04-30", window_start="2023-04-01", window_end="2024-04-30")
    assert verdict(world, direction="widening", **window) == S
    assert verdict(world, direction="narrowing", **window) == C
    assert verdict(world, direction="stable", **window) == C
    # A trend claim with a stated size: both must hold.
    # On 30 April 2024 the lag is 485 days, 15.9 months.
    assert verdict(world, direction="widening", lead_months_low=15, lead_months_high=16, **window) == S
    assert verdict(world, direction="widening", lead_months_low=1, lead_months_high=2, **window) == M


def test_small_world_coverage(world):
    # The data end on 30 June 2024; a claim two months later is not testable.
    assert verdict(world, date="2024-08-30") == NT
    # Within the grace month it is tested on the last day of the data.
    verdict_, parts, _ = dissent.assess(claim(date="2024-07-20", lead_months_low=17, lead_months_high=18), world)
    assert verdict_ == S and "2024-06-30" in parts[0].value
    assert verdict(world, date="2024-01-01", metric="data") == NT
    assert verdict(world, direction="widening", metric="compute", date="2024-01-01") == NT
    assert verdict(world) == NT  # undated


def test_small_world_compute(world):
    assert verdict(world, metric="compute", date="2024-03-01") == S  # 0.6 / 0.3 = 2x
    assert verdict(world, metric="compute", direction="parity", date="2024-03-01") == M
    # The only snapshot is more than 12 months away.
    assert verdict(world, metric="compute", date="2025-06-01") == NT
    far = dissent.build_inputs(small_models(), small_shares(us=0.8, cn=0.2), small_ceiling())
    assert verdict(far, metric="compute", direction="parity", date="2024-03-01") == C  # 4x


def test_small_world_chips(world):
    window = dict(date="2024-03-01", window_start="2023-06-01", window_end="2024-03-01")
    assert verdict(world, metric="chips", direction="widening", **window) == S  # advantage 2x -> 10x
    assert verdict(world, metric="chips", direction="narrowing", **window) == C
    assert verdict(world, metric="chips", date="2024-03-01") == S
    assert verdict(world, metric="chips", direction="parity", date="2024-03-01") == C
    # A size in months cannot be read off a ratio: only the direction is tested.
    _, parts, _ = dissent.assess(claim(metric="chips", date="2024-03-01", lead_months_low=18, lead_months_high=24), world)
    assert "direction only" in parts[0].value


def test_mixed_claims_need_every_measure_to_agree(world):
    window = dict(date="2024-03-01", window_start="2023-06-01", window_end="2024-03-01")
    # Capabilities and chips both widen; compute has no trend to test.
    assert verdict(world, metric="mixed", direction="widening", **window) == S
    assert verdict(world, metric="mixed", direction="narrowing", **window) == C
    loosening = dissent.build_inputs(small_models(), small_shares(), small_ceiling().assign(tpp_ratio=[0.1, 0.5]))
    assert verdict(loosening, metric="mixed", direction="widening", **window) == M


def test_without_the_ceiling_chip_tests_are_pending():
    inputs = dissent.build_inputs(small_models(), small_shares())
    verdict_, parts, reason = dissent.assess(claim(metric="chips", date="2024-03-01"), inputs)
    assert verdict_ == NT and "pending" in reason


def test_ceiling_table_is_checked():
    with pytest.raises(ValueError, match="lacks columns"):
        dissent.validate_ceiling(small_ceiling().drop(columns="tpp_ratio"))
    with pytest.raises(ValueError, match="between 0 and 1"):
        dissent.validate_ceiling(small_ceiling().assign(tpp_ratio=[2.0, 0.1]))


def test_no_legal_chip_bounds_a_level_but_cannot_size_a_trend():
    # As the export-control chapter reports it: no chip id and a NaN ratio.
    ceiling = small_ceiling().assign(tpp_ratio=[0.5, np.nan], best_legal_chip=["mid", None])
    chip = dissent.ceiling_at(dissent.validate_ceiling(ceiling), "2024-02-01")
    assert chip["advantage"] == math.inf
    assert chip["best_legal_chip"] == "none" and chip["tpp_ratio"] == 0.0
    assert dissent.ceiling_at(dissent.validate_ceiling(ceiling), "2022-01-01") is None
    inputs = dissent.build_inputs(small_models(), small_shares(), ceiling)
    # A level: the US advantage is larger than any factor.
    assert verdict(inputs, metric="chips", date="2024-03-01") == S
    assert verdict(inputs, metric="chips", direction="parity", date="2024-03-01") == C
    # A trend ending in the spell: how far the ceiling moved is unknown.
    window = dict(date="2024-03-01", window_start="2023-06-01", window_end="2024-03-01")
    verdict_, parts, reason = dissent.assess(claim(metric="chips", direction="widening", **window), inputs)
    assert verdict_ == NT and "not measurable" in reason and math.isnan(parts[0].number)


def test_a_chip_trend_starting_or_wholly_inside_a_no_chip_spell_is_not_testable():
    # Before the fix a start in the spell gave an infinite change ("narrowing"
    # supported whatever the end), and a window wholly inside it a change of 0.
    opening = small_ceiling().assign(tpp_ratio=[np.nan, 0.1], best_legal_chip=[None, "low"])
    inputs = dissent.build_inputs(small_models(), small_shares(), opening)
    window = dict(date="2024-03-01", window_start="2023-06-01", window_end="2024-03-01")
    for direction in ("narrowing", "widening", "stable"):
        assert verdict(inputs, metric="chips", direction=direction, **window) == NT
    inside = dict(date="2023-12-01", window_start="2023-06-01", window_end="2023-12-01")
    assert verdict(inputs, metric="chips", direction="stable", **inside) == NT
    # A window that starts after the spell is tested as usual: 10x, then 10x.
    after = dict(date="2024-06-01", window_start="2024-02-01", window_end="2024-06-01")
    assert verdict(inputs, metric="chips", direction="stable", **after) == S
    # In a mixed claim the chip part drops out and the capability trend decides.
    trend_window = dict(date="2024-04-30", window_start="2023-04-01", window_end="2024-04-30")
    assert verdict(inputs, metric="mixed", direction="widening", **trend_window) == S
    # A named legal chip whose performance is unknown is not testable.
    unknown = small_ceiling().assign(tpp_ratio=[0.5, np.nan])
    assert dissent.ceiling_at(dissent.validate_ceiling(unknown), "2024-02-01") is None


def test_trend_window_is_extended_to_twelve_months(world):
    start, end = dissent.trend_window(world.lag["lag_months"], "2024-01-15", "2024-06-30", 12)
    assert end == pd.Timestamp("2024-06-30")
    months = world.lag["lag_months"].loc[start:end].resample("MS").mean().dropna()
    assert len(months) == 12
    # Not enough data at all: None.
    assert dissent.trend_window(world.lag["lag_months"], "2023-03-01", "2023-06-30", 12) is None


def test_window_grid_on_a_steadily_widening_gap(world):
    grid = dissent.window_grid(world.lag["lag_months"], n_boot=200)
    # Lag data from March 2023 to June 2024: 16 months, so windows of 12 to 16
    # months: 5 + 4 + 3 + 2 + 1.
    assert len(grid) == 15
    assert (grid["months"] >= 12).all()
    assert set(grid["class"]) == {"widening"}
    assert grid["slope"].to_numpy() == pytest.approx(12.0, rel=0.02)
    assert dissent.window_shares(grid)["widening"] == 1.0


# --- Lags known only as bounds ----------------------------------------------------


def make_models(rows):
    frame = pd.DataFrame(rows, columns=["model", "country", "release_date", "eci_score"])
    frame["release_date"] = pd.to_datetime(frame["release_date"])
    frame["open_weights"] = pd.array([False] * len(frame), dtype="boolean")
    return frame


@pytest.fixture(scope="module")
def censored_world():
    # China's first model (100) is beaten by the first US model in the data
    # (120, 1 Jan 2023): from March to August 2023 the lag is only a lower
    # bound. From 1 Sep 2023 China's best (125) was first reached on 1 Jun 2023
    # and the lag grows one day per day: +12 months a year.
    rows = [
        ("us-a", US, "2023-01-01", 120.0),
        ("cn-a", CN, "2023-03-01", 100.0),
        ("us-b", US, "2023-06-01", 130.0),
        ("cn-b", CN, "2023-09-01", 125.0),
        ("us-c", US, "2024-12-31", 140.0),
    ]
    return dissent.build_inputs(make_models(rows), small_shares())


def test_trend_claims_leave_censored_days_out(censored_world):
    lag = censored_world.lag
    assert lag["censored"].sum() == 184 and lag.loc["2023-03-01":"2023-08-31", "censored"].all()
    # Kept in, the censored months (lag 2 to 8 months) pull the slope to about +8.8.
    assert gap.trend(lag["lag_months"], "2023-03-01", "2024-12-31")["slope_months_per_year"] < 10
    _, parts, _ = dissent.assess(claim(direction="widening", date="2024-12-31", window_start="2023-03-01"), censored_world)
    assert parts[0].number == pytest.approx(12.0, abs=0.05)
    assert "2023-09 to 2024-12" in parts[0].value  # the months actually fitted
    # The level on a censored day stays a lower bound: 1 Jan to 15 Jun 2023 is 165 days.
    _, parts, _ = dissent.assess(claim(date="2023-06-15", lead_months_low=2, lead_months_high=4), censored_world)
    assert parts[0].value.startswith("ECI lag at least 5.4 months") and parts[0].verdict == M


def test_window_grid_leaves_censored_months_out(censored_world):
    grid = dissent.window_grid(censored_world.lag, n_boot=200)
    # September 2023 to December 2024: 16 months, 5 + 4 + 3 + 2 + 1 windows.
    assert grid["start"].min() == pd.Timestamp("2023-09-01") and len(grid) == 15
    assert grid["slope"].to_numpy() == pytest.approx(12.0, abs=0.05)
    # Given the raw series instead, the censored months would enter.
    assert dissent.window_grid(censored_world.lag["lag_months"], n_boot=200)["start"].min() == pd.Timestamp("2023-03-01")


@pytest.fixture(scope="module")
def ahead_world():
    # China's 150 (1 Jan 2024) is above every US score up to the end of the
    # data (130 on 30 Jun 2024): the US matched it, if ever, after the data end.
    rows = [
        ("us-0", US, "2022-06-01", 90.0),
        ("us-a", US, "2023-01-01", 100.0),
        ("cn-a", CN, "2023-03-01", 100.0),
        ("cn-b", CN, "2024-01-01", 150.0),
        ("us-b", US, "2024-06-30", 130.0),
    ]
    return dissent.build_inputs(make_models(rows), small_shares())


def test_lag_bounds_on_each_kind_of_day(censored_world, ahead_world):
    low, high, kind = dissent.lag_bounds(ahead_world.lag, "2023-06-01")  # matched by us-a on 1 Jan 2023
    assert (low, high) == pytest.approx((151 / MONTH, 151 / MONTH)) and kind == "exact"
    low, high, kind = dissent.lag_bounds(ahead_world.lag, "2024-03-01")
    assert (low, kind) == (-math.inf, "at most") and high == pytest.approx(-121 / MONTH)  # 1 Mar to 30 Jun 2024
    assert dissent.lag_bounds(ahead_world.lag, "2024-06-30")[1] == 0.0
    low, high, kind = dissent.lag_bounds(censored_world.lag, "2023-06-15")
    assert (high, kind) == (math.inf, "at least") and low == pytest.approx(165 / MONTH)
    assert dissent.lag_bounds(censored_world.lag, "2023-02-01")[2] == "none"  # no Chinese model yet
    assert dissent.lag_bounds(censored_world.lag, "2030-01-01")[2] == "none"  # outside the data


def test_china_ahead_and_not_yet_matched_is_an_upper_bound(ahead_world):
    # 1 Mar 2024: China ahead by more than 121 days (3.98 months).
    assert verdict(ahead_world, date="2024-03-01", direction="china_lead") == S
    assert verdict(ahead_world, date="2024-03-01", direction="parity") == M  # 0.98 months beyond the band
    assert verdict(ahead_world, date="2024-03-01", direction="us_lead") == C
    _, parts, _ = dissent.assess(claim(date="2024-03-01", direction="china_lead"), ahead_world)
    assert parts[0].value.startswith("ECI lag at most -4.0 months") and parts[0].number == pytest.approx(-121 / MONTH)
    # 15 Jun 2024: ahead by more than half a month, maybe by much more.
    assert verdict(ahead_world, date="2024-06-15", direction="china_lead") == M
    assert verdict(ahead_world, date="2024-06-15", direction="parity") == M
    assert verdict(ahead_world, date="2024-06-15", direction="us_lead") == C


@pytest.mark.parametrize("bound", [0.0, 1.0, 2.5, 3.0, 4.0, 5.9, 6.0, 9.0])
def test_upper_and_lower_bounds_mirror_each_other(bound):
    mirror = {"us_lead": "china_lead", "parity": "parity", "china_lead": "us_lead"}
    for direction in dissent.LEVEL_DIRECTIONS:
        assert level(direction, -math.inf, -bound) == level(mirror[direction], bound, math.inf)


# --- The claims table --------------------------------------------------------------


def test_claims_validation_names_each_problem():
    good = data.load("claims")
    bad = pd.concat([good, good.iloc[[0]]], ignore_index=True)
    with pytest.raises(ValueError, match="duplicate ids"):
        dissent.validate_claims(bad)
    bad = good.copy()
    bad.loc[0, "direction"] = "overtaking"
    with pytest.raises(ValueError, match="no verdict rule"):
        dissent.validate_claims(bad)
    bad = good.copy()
    bad.loc[0, ["lead_months_low", "lead_months_high"]] = [24.0, 12.0]
    with pytest.raises(ValueError, match="lead_months_low above"):
        dissent.validate_claims(bad)
    bad = good.copy()
    row = bad.index[bad["direction"] == "parity"][0]
    bad.loc[row, "lead_months_low"] = 3.0
    with pytest.raises(ValueError, match="contradicts direction parity"):
        dissent.validate_claims(bad)
    bad = good.copy()
    bad.loc[0, ["window_start", "window_end"]] = [pd.Timestamp("2026-01-01"), pd.Timestamp("2025-01-01")]
    with pytest.raises(ValueError, match="window_start after"):
        dissent.validate_claims(bad)


def test_every_coded_direction_and_metric_has_a_rule():
    fields = {f["name"]: f for f in data.resource_descriptor("claims")["schema"]["fields"]}
    assert set(fields["direction"]["constraints"]["enum"]) == set(dissent.DIRECTIONS)
    assert set(fields["metric"]["constraints"]["enum"]) == set(dissent.METRICS)


def test_real_claims_table_is_consistent():
    claims = dissent.validate_claims(data.load("claims"))
    # Sizes are US leads in months; undated claims carry the month in the note.
    for _, row in claims[claims["date"].isna()].iterrows():
        assert re.search(r"(19|20)\d\d", row["note"]), row["id"]
    # Every row has a source, and no claim post-dates the day the data were compiled.
    assert claims["source_url"].str.match(r"^https?://").all()
    assert (claims["date"].dropna() <= pd.Timestamp(data.resource_descriptor("claims")["accessed"])).all()


# --- The scorecard on the book's data ----------------------------------------------


@pytest.fixture(scope="module")
def real():
    claims = data.load("claims")
    inputs = dissent.build_inputs(data.load("frontier_models"), data.load("compute_shares"), _ceiling())
    return claims, inputs


def _ceiling():
    try:
        from ailead import controls
    except ImportError:
        return None
    return controls.ceiling_ratio(data.load("accelerators"), data.load("chip_export_status"), data.load("export_controls"))


def test_scorecard_has_one_row_per_claim_and_only_allowed_verdicts(real):
    claims, inputs = real
    card = dissent.scorecard(claims, inputs)
    assert card["claim"].tolist() == claims["id"].tolist()
    assert list(card.columns) == dissent.SCORECARD_COLUMNS
    assert set(card["verdict"]) <= set(dissent.VERDICTS)
    assert card["evidence"].str.len().gt(0).all()
    assert sum(dissent.verdict_counts(card).values()) == len(claims)


def test_scorecard_and_detail_on_the_small_world(world):
    # Worked by hand: capabilities widen at +12 months a year and the chip
    # advantage grows from 2x to 10x, so "widening" holds on both; compute has
    # no trend to test. A stated size that only compute could check does not
    # make a claim testable when its direction cannot be tested.
    window = dict(window_start="2023-06-01", window_end="2024-03-01")
    claims = pd.DataFrame(
        [
            claim(id="both", who="A", date="2024-03-01", metric="mixed", direction="widening", **window),
            claim(
                id="sized",
                who="B",
                date="2024-03-01",
                metric="compute",
                direction="widening",
                lead_months_low=6,
                lead_months_high=9,
            ),
            claim(id="undated", who="C"),
        ]
    )
    card = dissent.scorecard(claims, world).set_index("claim")
    assert card["verdict"].to_dict() == {"both": S, "sized": NT, "undated": NT}
    assert card.at["both", "tested_on"] == "capabilities, chips"
    assert card.at["sized", "tested_on"] == "-"
    detail = dissent.evidence_detail(claims, world)
    assert detail[["claim", "measure", "test", "part_verdict", "verdict"]].values.tolist() == [
        ["both", "capabilities", "trend", S, S],
        ["both", "compute", "trend", NT, S],
        ["both", "chips", "trend", S, S],
        ["sized", "compute", "trend", NT, NT],
        ["sized", "compute", "size", S, NT],  # 0.6 / 0.3 = 2x: a US lead, but the claim is about growth
        ["undated", "-", "-", NT, NT],
    ]


def test_the_trend_cache_tells_interval_levels_apart():
    # One inputs object serves every rule set of the sensitivity table: a
    # narrower interval level must give a narrower interval, not a cached one.
    days = pd.date_range("2023-01-01", "2024-12-31")
    rng = np.random.default_rng(3)
    models = [("us-0", US, "2022-01-01", 50.0)]
    score = 50.0
    for day in days[::17]:
        score += float(rng.uniform(0.5, 2.0))
        models.append((f"us-{day:%Y%m%d}", US, day.strftime("%Y-%m-%d"), score))
        if rng.uniform() < 0.5:
            models.append((f"cn-{day:%Y%m%d}", CN, day.strftime("%Y-%m-%d"), score - float(rng.uniform(1, 12))))
    frame = pd.DataFrame(models, columns=["model", "country", "release_date", "eci_score"])
    frame["release_date"] = pd.to_datetime(frame["release_date"])
    frame["open_weights"] = pd.array([False] * len(frame), dtype="boolean")
    inputs = dissent.build_inputs(frame, small_shares())
    wide = dissent._trend(inputs, "capabilities", "2023-03-01", "2024-12-31", dissent.Rules(trend_level=0.95))
    narrow = dissent._trend(inputs, "capabilities", "2023-03-01", "2024-12-31", dissent.Rules(trend_level=0.5))
    assert narrow["slope_months_per_year"] == wide["slope_months_per_year"]
    assert wide["ci_low"] < narrow["ci_low"] <= narrow["ci_high"] < wide["ci_high"]


def test_predictions_and_undated_claims_are_never_judged(real):
    claims, inputs = real
    card = dissent.scorecard(claims, inputs).set_index("claim")
    for _, row in claims.iterrows():
        window = dissent.claim_window(row)
        if window.status != "present":
            assert card.at[row["id"], "verdict"] == NT


def test_sensitivity_varies_every_constant_both_ways(real):
    claims, inputs = real
    table = dissent.sensitivity(claims, inputs)
    assert table["constant"].tolist() == [name for name in dissent.SENSITIVITY for _ in range(2)]
    assert dissent.alternatives("parity_ratio") == pytest.approx((1.5**0.5, 2.25))
    assert dissent.alternatives("parity_months") == (1.5, 6.0)
    assert set(dissent.CONSTANT_ROLES) == set(dissent.SENSITIVITY)


def test_halving_the_parity_band_flips_exactly_the_claim_near_it(world):
    # On 15 Mar 2023 the lag is 73 days = 2.40 months: "level" under a band of
    # 3 months (supported), a 2.4-month US lead under a band of 1.5 (then
    # 0.9 months outside the range, less than the 3-month margin: mixed).
    # On 1 Jan 2024 the lag is 12.0 months, a lead under either band.
    claims = pd.DataFrame(
        [
            claim(id="tie", who="A", date="2023-03-15", direction="parity"),
            claim(id="lead", who="B", date="2024-01-01", direction="us_lead"),
        ]
    )
    table = dissent.sensitivity(claims, world).set_index(["constant", "varied_to"])
    assert table.loc[("parity_months", 1.5), "verdicts_changed"] == 1
    assert table.loc[("parity_months", 1.5), "changes"] == "tie: supported -> mixed"
    # Doubled to 6 months: 2.4 is still level, 12.0 still a lead.
    assert table.loc[("parity_months", 6.0), "verdicts_changed"] == 0
    assert table.loc[("parity_months", 6.0), "changes"] == "-"
    changes = dissent.sensitivity_changes(claims, world)
    row = changes[changes["constant"] == "parity_months"]
    assert row[["claim", "before", "after", "kind"]].values.tolist() == [["tie", S, M, "one step"]]


def test_change_kinds():
    assert dissent.change_kind(S, M) == dissent.change_kind(C, M) == "one step"
    assert dissent.change_kind(S, C) == dissent.change_kind(C, S) == "reversal"
    assert dissent.change_kind(S, NT) == dissent.change_kind(NT, M) == "coverage"
    with pytest.raises(ValueError, match="not a change"):
        dissent.change_kind(S, S)
    with pytest.raises(ValueError, match="unknown verdict"):
        dissent.change_kind(S, "maybe")
    changes = pd.DataFrame(
        {
            "constant": ["parity_months", "default_window_months", "default_window_months", "grace_months"],
            "kind": ["one step", "reversal", "one step", "coverage"],
        }
    )
    summary = dissent.change_summary(changes)
    assert summary.loc["threshold"].tolist() == [1, 0, 0]
    assert summary.loc["window"].tolist() == [1, 1, 0]
    assert summary.loc["coverage"].tolist() == [0, 0, 1]
    assert dissent.change_summary(changes.iloc[:0]).to_numpy().sum() == 0
    with pytest.raises(ValueError, match="without a role"):
        dissent.change_summary(pd.DataFrame({"constant": ["min_trend_months"], "kind": ["one step"]}))


def test_rules_table_is_written_from_the_constants():
    default = dissent.rules_table()
    changed = dissent.rules_table(dissent.Rules(parity_months=4.0, margin_months=2.0))
    row = lambda t: t.set_index("measured by").loc["lag on the claim's last day (months)"].set_index("claim says").loc["parity"]  # noqa: E731
    assert row(default)["supported if"] == "lag shorter than 3 either way"
    assert row(default)["contradicted if"] == "lag 6 or more either way"
    assert row(changed)["supported if"] == "lag shorter than 4 either way"
    assert row(changed)["contradicted if"] == "lag 6 or more either way"
    assert "12 months" in dissent.coverage_table()["rule"].str.cat(sep=" ")


def test_yardsticks_on_hand_made_series():
    days = pd.date_range("2024-01-01", "2024-03-01")
    lag = pd.Series(np.linspace(5, 1, len(days)), index=days)
    scores = pd.Series(np.linspace(10, 2, len(days)), index=days)
    arena = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-03-01", "2024-01-01"]),
            "measure": ["Arena score gap", "Arena score gap"],
            "gap": [2.0, 9.0],
            "unit": ["percent", "percent"],
        }
    )
    table = dissent.yardsticks(lag, scores, arena)
    assert table["date"].tolist() == ["2024-01-01", "2024-03-01"]
    assert table["eci_lag_months"].tolist() == [5.0, 1.0]
    assert dissent.same_direction(table, "arena_gap_pct", "eci_lag_months") == 1.0


def test_chapter_links_only_to_sourced_pages():
    """Every web link in the chapter's prose, and the address of every work it
    cites from references.bib, is a source recorded in data/."""
    notebook = json.loads((REPO / "chapters" / "05_dissenting_view.ipynb").read_text(encoding="utf-8"))
    prose = "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown")
    links = set(re.findall(r"\]\((https?://[^)\s]+)\)", prose))
    bib = (REPO / "references.bib").read_text(encoding="utf-8")
    addresses = dict(re.findall(r"^@\w+\{([^,\s]+),.*?^\s*url\s*=\s*\{([^}]+)\}", bib, flags=re.M | re.S))
    roles = re.findall(r"\{cite(?::[a-z]+)?\}`([^`]+)`", prose)
    cited = {re.sub(r"\{[^}]*\}", "", key).strip() for group in roles for key in group.split(",")}
    assert cited <= set(addresses), sorted(cited - set(addresses))
    links |= {addresses[key] for key in cited}
    assert links, "the chapter should cite its sources"
    sourced = set()
    for path in sorted((REPO / "data").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                sourced |= {row.get(c) for c in ("source_url", "source_url_2") if row.get(c)}
    assert links <= sourced, sorted(links - sourced)


# --- Helpers for the prose ------------------------------------------------------------


def test_sides_split_every_direction_once_and_hold_the_mirror_pairs_apart():
    us_side, china_side = dissent.SIDES.values()
    assert sorted(us_side + china_side) == sorted(dissent.DIRECTIONS)
    # The pairs the verdict rules mirror sit on opposite sides.
    for ours, theirs in (("us_lead", "china_lead"), ("widening", "narrowing")):
        assert ours in us_side and theirs in china_side
    # "stable" and "parity" are each their own mirror image under the rules,
    # so their sides are an editorial assignment (documented at SIDES).
    for x in np.arange(-9, 9.01, 0.5):
        assert level("parity", float(x)) == level("parity", float(-x))
    for low, high in ((-3.0, -0.5), (-0.5, 0.8), (0.5, 4.0), (-2.0, 2.0)):
        assert dissent.trend_verdict("stable", low, high, band=1.0) == dissent.trend_verdict("stable", -high, -low, band=1.0)
    assert "stable" in us_side and "parity" in china_side


def test_verdicts_by_side_counts_each_claim_once():
    card = pd.DataFrame({"direction": ["us_lead", "narrowing", "parity", "widening"], "verdict": [S, C, S, NT]})
    table = dissent.verdicts_by_side(card)
    assert table.loc["the US ahead or pulling away"].tolist() == [1, 0, 0, 1]
    assert table.loc["China catching up, level or ahead"].tolist() == [1, 0, 1, 0]


def test_claim_status_and_speakers(world):
    claims = pd.DataFrame(
        [
            claim(id="now", who="A", date="2024-01-01"),
            claim(id="later", who="B", date="2024-06-01", window_start="2024-06-01"),
            claim(id="late", who="C; D", date="2024-09-30"),
            claim(id="when", who="E"),
        ]
    ).assign(affiliation=["a", "b", "Group", "e"])
    status = dissent.claim_status(claims, world)
    assert status.to_dict() == {"now": "present", "later": "forecast", "late": "after the data", "when": "undated"}
    assert dissent.speakers(claims, ["now", "late", "when"]) == "A, Group and E"
    assert dissent.speakers(claims, ["now"]) == "A"
    assert dissent.speakers(claims, []) == ""


def test_claim_values_name_every_claim(world):
    claims = pd.DataFrame([claim(id="a-b", date="2024-01-01", lead_months_low=10, lead_months_high=12)])
    values = dissent.claim_values(claims, world)
    assert values["dis_v_a_b"] == S
    assert values["dis_size_a_b"] == "10-12 months"
    assert values["dis_when_a_b"] == "January 2024"
    assert values["dis_num_a_b_capabilities_level"] == pytest.approx(365 / MONTH, abs=0.01)


def test_window_families_on_a_hand_made_lag():
    # Rises to a peak in June 2024, falls to a trough in January 2025, rises again.
    days = pd.date_range("2023-01-01", "2026-06-30")
    lag = pd.Series(0.0, index=days)
    lag[:"2024-06-15"] = np.linspace(2, 14, len(lag[:"2024-06-15"]))
    lag["2024-06-16":"2025-01-10"] = np.linspace(14, 1, len(lag["2024-06-16":"2025-01-10"]))
    lag["2025-01-11":] = np.linspace(1, 12, len(lag["2025-01-11":]))
    grid = dissent.window_grid(lag, n_boot=200)
    families = dissent.window_families(grid, lag)
    assert families["peak"] == pd.Timestamp("2024-06-15") and families["trough"] == pd.Timestamp("2025-01-10")
    assert families["share_after_widening"] == 1.0  # starting at the trough, the lag only rises
    # Counted by hand. around: starts June 2023 to June 2024, ends January 2025
    # to January 2026, at least 12 months: 9 x 13 + 12 + 11 + 10 + 9.
    # after: starts January to July 2025, ends by June 2026: 7 + 6 + ... + 1.
    # spanning: starts January 2023 to June 2024 (18), ends February to June 2026 (5).
    assert (families["n_around"], families["n_after"], families["n_spanning"]) == (159, 28, 90)


def test_blank_and_claims_table_show_missing_values_as_empty():
    frame = pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": [1.5, np.nan]})
    shown = dissent.blank(frame)
    assert shown["a"].tolist() == [1, ""] and shown["b"].tolist() == [1.5, ""]
    table = dissent.claims_table(data.load("claims"))
    assert (table["date"] == "").sum() == data.load("claims")["date"].isna().sum()
    assert table["date"].str.fullmatch(r"(\d{4}-\d{2}-\d{2})?").all()


def test_for_readers_names_columns_and_turns_placeholders_into_missing():
    frame = pd.DataFrame(
        {"tested_on": ["-", "capabilities"], "verdict": ["not testable", "supported"], "n": pd.array([1, None], dtype="Int64")},
        index=pd.Index(["x", "y"], name="claims that say"),
    )
    shown = dissent.for_readers(frame, {"tested_on": "Tested on"})
    # A named index becomes the first column; unnamed labels get a capital first letter.
    assert list(shown.columns) == ["Claims that say", "Tested on", "Verdict", "N"]
    assert shown["Tested on"].tolist() == [None, "capabilities"]
    assert shown["Claims that say"].tolist() == ["x", "y"] and shown.index.tolist() == [0, 1]
    assert pd.isna(shown.at[1, "N"]) and shown.at[0, "N"] == 1
    # An unnamed index is dropped, not turned into a column.
    assert list(dissent.for_readers(pd.DataFrame({"a": [""]}, index=[7])).columns) == ["A"]


def test_reader_formats_name_columns_the_reader_tables_have(real):
    claims, inputs = real
    context = dissent.for_readers(dissent.context(claims, inputs), dissent.CONTEXT_LABELS)
    assert set(dissent.CONTEXT_FORMATS) <= set(context.columns)
    assert not any("_" in column for column in context.columns)
    assert set(dissent.YARDSTICK_FORMATS) <= set(dissent.YARDSTICK_LABELS.values())
    assert set(dissent.SENSITIVITY_FORMATS) <= set(dissent.SENSITIVITY_LABELS.values())
