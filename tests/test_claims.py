"""ailead.claims: verdict rules on cases worked out by hand, their symmetry,
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

from ailead import claims as cl
from ailead import data, gap, wording
from ailead.chapters import ch05
from ailead.claims import measures
from ailead.data import DataValidationError

S, M, C, NT = cl.SUPPORTED, cl.MIXED, cl.CONTRADICTED, cl.NOT_TESTABLE
US, CN = gap.US, gap.CHINA
MONTH = gap.DAYS_PER_MONTH
MONTHS = dict(parity=3.0, margin=3.0)


def level(direction, low, high=None, size=None):
    return cl.level_verdict(direction, low, high, size=size, **MONTHS)


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
    verdicts = {d: level(d, float(x)) for d in cl.LEVEL_DIRECTIONS}
    assert sum(v == S for v in verdicts.values()) == 1
    assert level("us_lead", float(x)) == level("china_lead", float(-x))
    assert level("parity", float(x)) == level("parity", float(-x))


def test_ratio_rules_are_the_month_rules_on_a_log_scale():
    rules = cl.RULES

    def ratio(d, a):
        return cl.level_verdict(d, math.log(a), parity=math.log(rules.parity_ratio), margin=math.log(rules.margin_ratio))

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
    assert cl.interval_trend_verdict(direction, low, high, band=1.0) == expected


def test_with_no_band_the_trend_rule_is_the_sign_of_the_interval():
    assert cl.interval_trend_verdict("narrowing", -3.0, -0.1, band=0.0) == S
    assert cl.interval_trend_verdict("narrowing", -3.0, 0.1, band=0.0) == M
    assert cl.interval_trend_verdict("narrowing", 0.1, 3.0, band=0.0) == C


@pytest.mark.parametrize(
    "direction, low, high, expected",
    [
        # At the edge of the band: an interval that reaches -1 or +1 touches "no change".
        ("narrowing", -3.0, -1.0, M),  # supported needs the whole interval below -1
        ("narrowing", -1.0, 2.0, C),  # at or above -1: contradicted
        ("widening", 1.0, 3.0, M),
        ("widening", -2.0, 1.0, C),
        ("stable", -1.0, 1.0, S),  # the band's ends count as within it
        ("stable", -1.0, 0.2, S),
        ("stable", -0.2, 1.0, S),
        ("stable", -3.0, -1.0, M),  # touches the band: not wholly outside it
        ("stable", 1.0, 3.0, M),
    ],
)
def test_trend_rule_at_the_edges_of_the_band(direction, low, high, expected):
    assert cl.interval_trend_verdict(direction, low, high, band=1.0) == expected


def test_trend_rules_mirror_and_never_support_two_directions():
    rng = np.random.default_rng(1)
    for _ in range(500):
        low, high = np.sort(rng.uniform(-6, 6, size=2))
        verdicts = {d: cl.interval_trend_verdict(d, low, high, band=1.0) for d in cl.TREND_DIRECTIONS}
        assert sum(v == S for v in verdicts.values()) <= 1
        assert verdicts["narrowing"] == cl.interval_trend_verdict("widening", -high, -low, band=1.0)
        assert verdicts["stable"] == cl.interval_trend_verdict("stable", -high, -low, band=1.0)
        if verdicts["narrowing"] == S:
            assert verdicts["widening"] == C
        assert cl.window_class(low, high, 1.0) in cl.WINDOW_CLASSES


def test_combining_parts():
    assert cl.combine([]) == NT
    assert cl.combine([NT, NT]) == NT
    assert cl.combine([S, NT]) == S
    assert cl.combine([C, C, NT]) == C
    assert cl.combine([S, C]) == M
    assert cl.combine([M, S]) == M
    with pytest.raises(ValueError, match="unknown verdict"):
        cl.combine(["maybe"])


def test_rules_reject_meaningless_thresholds():
    with pytest.raises(ValueError, match="parity_ratio"):
        cl.Rules(parity_ratio=1.0)
    with pytest.raises(ValueError, match="trend_level"):
        cl.Rules(trend_level=1.2)
    with pytest.raises(ValueError, match="parity_months"):
        cl.Rules(parity_months=0)
    with pytest.raises(ValueError, match="size_tolerance_months"):
        cl.Rules(size_tolerance_months=-0.5)
    assert cl.Rules(size_tolerance_months=0).size_tolerance_months == 0  # sizes taken as stated
    # A stated size of one value is a range of width zero.
    assert cl.supported_range("us_lead", 3.0, size=(7.0, 7.0)) == (7.0, 7.0, False)


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
    w = cl.claim_window(claim(date="2025-06-18"))
    assert (w.status, w.start, w.end) == ("present", pd.Timestamp("2024-06-18"), pd.Timestamp("2025-06-18"))
    w = cl.claim_window(claim(date="2025-04-07", window_start="2024-01-01", window_end="2025-02-28"))
    assert (w.status, w.start, w.end) == ("present", pd.Timestamp("2024-01-01"), pd.Timestamp("2025-02-28"))
    assert cl.claim_window(claim()).status == "undated"
    assert cl.claim_window(claim(date="2026-05-14", window_start="2026-05-14", window_end="2028-12-31")).status == "forecast"
    assert cl.claim_window(claim(date="2026-01-10", window_start="2026-01-10")).status == "forecast"
    w = cl.claim_window(claim(date="2025-01-22", window_end="2025-01-07"))
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


#: A no-trend null for the small worlds, whose lags have too few frontier
#: steps to fit one: steps every 30 to 90 days, restarting at 2 to 6 months.
SMALL_NULL = cl.Sawtooth(np.array([30.0, 60.0, 90.0, 45.0]), np.array([2.0, 4.0, 6.0, 3.0]))


@pytest.fixture(scope="module")
def world():
    return cl.build_inputs(small_models(), small_shares(), small_ceiling(), null=SMALL_NULL)


def verdict(world, **fields):
    return cl.assess(claim(**fields), world)[0]


def test_small_world_lag_is_the_hand_computed_one(world):
    # On 1 Jan 2024 China's best (100) was first reached by the US on 1 Jan 2023.
    assert world.lag.at[pd.Timestamp("2024-01-01"), "lag_months"] == pytest.approx(365 / MONTH)
    assert not world.lag["censored"].any()


def test_small_world_level_claims(world):
    # 15 Mar 2023: 73 days = 2.4 months.
    assert verdict(world, date="2023-03-15", direction="parity") == S
    assert verdict(world, date="2023-03-15", direction="us_lead") == M
    # 1 Jan 2024: 12.0 months that day; 10.5 on average over the 90 days to it.
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
    verdict_, parts, _ = cl.assess(claim(date="2024-07-20", lead_months_low=17, lead_months_high=18), world)
    assert verdict_ == S and "2024-06-30" in wording.evidence(parts[0])
    assert verdict(world, date="2024-01-01", metric="data") == NT
    assert verdict(world, direction="widening", metric="compute", date="2024-01-01") == NT
    assert verdict(world) == NT  # undated


def test_grace_period_ends_exactly_at_its_length(world):
    # The data end on 30 June 2024; a claim 61 days later is tested when the
    # grace period is exactly 61 days, and not when it is a day shorter.
    exact = cl.Rules(grace_months=61 / MONTH)
    short = cl.Rules(grace_months=60 / MONTH)
    late = claim(id="late", who="A", date="2024-08-30", lead_months_low=17, lead_months_high=20)
    assert cl.assess(late, world, exact).verdict == S
    assert cl.assess(late, world, short).verdict == NT
    claims = pd.DataFrame([late])
    assert cl.claim_status(claims, world, exact)["late"] == "present"
    assert cl.claim_status(claims, world, short)["late"] == "after the data"


def test_a_snapshot_exactly_at_the_distance_limit_is_used():
    shares = small_shares(date="2024-01-01")
    day = pd.Timestamp("2024-04-01")  # 91 days later
    snap = cl.compute_snapshot(shares, day, max_months=91 / MONTH)
    assert snap is not None and snap["ratio"] == pytest.approx(2.0) and snap["distance_months"] == 91 / MONTH
    assert cl.compute_snapshot(shares, day, max_months=90 / MONTH) is None


def test_nearest_snapshot_prefers_the_earlier_then_the_surer():
    both = pd.concat(
        [
            small_shares(us=0.6, cn=0.3, date="2024-01-01").assign(id=["early-us", "early-cn"]),
            small_shares(us=0.8, cn=0.1, date="2024-03-01").assign(id=["late-us", "late-cn"]),
        ],
        ignore_index=True,
    )
    # 31 January is 30 days after the first and 30 days before the second: a tie.
    assert cl.compute_snapshot(both, "2024-01-31", 12)["source"] == "early"
    assert cl.compute_snapshot(both, "2024-02-15", 12)["source"] == "late"
    # Same date, two measures: the higher-confidence pair wins.
    surer = pd.concat(
        [
            small_shares(us=0.6, cn=0.3).assign(id=["shaky-us", "shaky-cn"], confidence=["low", "medium"]),
            small_shares(us=0.7, cn=0.2).assign(id=["sure-us", "sure-cn"], measure="other", confidence=["high", "medium"]),
        ],
        ignore_index=True,
    )
    assert cl.compute_snapshot(surer, "2024-01-01", 12)["source"] == "sure"


def test_small_world_compute(world):
    assert verdict(world, metric="compute", date="2024-03-01") == S  # 0.6 / 0.3 = 2x
    assert verdict(world, metric="compute", direction="parity", date="2024-03-01") == M
    # The only snapshot is more than 12 months away.
    assert verdict(world, metric="compute", date="2025-06-01") == NT
    far = cl.build_inputs(small_models(), small_shares(us=0.8, cn=0.2), small_ceiling())
    assert verdict(far, metric="compute", direction="parity", date="2024-03-01") == C  # 4x


def test_small_world_chips(world):
    window = dict(date="2024-03-01", window_start="2023-06-01", window_end="2024-03-01")
    assert verdict(world, metric="chips", direction="widening", **window) == S  # advantage 2x -> 10x
    assert verdict(world, metric="chips", direction="narrowing", **window) == C
    assert verdict(world, metric="chips", date="2024-03-01") == S
    assert verdict(world, metric="chips", direction="parity", date="2024-03-01") == C
    # A size in months cannot be read off a ratio: only the direction is tested.
    _, parts, _ = cl.assess(claim(metric="chips", date="2024-03-01", lead_months_low=18, lead_months_high=24), world)
    assert "direction only" in wording.evidence(parts[0])


def test_mixed_claims_need_every_measure_to_agree(world):
    window = dict(date="2024-03-01", window_start="2023-06-01", window_end="2024-03-01")
    # Capabilities and chips both widen; compute has no trend to test.
    assert verdict(world, metric="mixed", direction="widening", **window) == S
    assert verdict(world, metric="mixed", direction="narrowing", **window) == C
    loosening = cl.build_inputs(small_models(), small_shares(), small_ceiling().assign(tpp_ratio=[0.1, 0.5]), null=SMALL_NULL)
    assert verdict(loosening, metric="mixed", direction="widening", **window) == M


def test_without_the_ceiling_chip_tests_are_pending():
    inputs = cl.build_inputs(small_models(), small_shares())
    result = cl.assess(claim(metric="chips", date="2024-03-01"), inputs)
    assert result.verdict == NT and "pending" in wording.untested_reason(result)


def test_ceiling_table_is_checked():
    with pytest.raises(ValueError, match="lacks columns"):
        cl.validate_ceiling(small_ceiling().drop(columns="tpp_ratio"))
    for ratio in (2.0, 1.01, -0.01):
        with pytest.raises(ValueError, match="between 0 and 1"):
            cl.validate_ceiling(small_ceiling().assign(tpp_ratio=[ratio, 0.1]))
    # Both ends are ratios a ceiling can have: nothing legal, or no gap at all.
    assert cl.validate_ceiling(small_ceiling().assign(tpp_ratio=[0.0, 1.0]))["tpp_ratio"].tolist() == [0.0, 1.0]


def test_no_legal_chip_bounds_a_level_but_cannot_size_a_trend():
    # As the export-control chapter reports it: no chip id and a NaN ratio.
    ceiling = small_ceiling().assign(tpp_ratio=[0.5, np.nan], best_legal_chip=["mid", None])
    chip = cl.chip_advantage_on(cl.validate_ceiling(ceiling), "2024-02-01")
    assert chip["advantage"] == math.inf
    assert chip["best_legal_chip"] is None and chip["tpp_ratio"] == 0.0
    assert cl.chip_advantage_on(cl.validate_ceiling(ceiling), "2022-01-01") is None
    inputs = cl.build_inputs(small_models(), small_shares(), ceiling)
    # A level: the US advantage is larger than any factor.
    assert verdict(inputs, metric="chips", date="2024-03-01") == S
    assert verdict(inputs, metric="chips", direction="parity", date="2024-03-01") == C
    # A trend ending in the spell: how far the ceiling moved is unknown.
    window = dict(date="2024-03-01", window_start="2023-06-01", window_end="2024-03-01")
    result = cl.assess(claim(metric="chips", direction="widening", **window), inputs)
    assert result.verdict == NT and "not measurable" in wording.untested_reason(result)
    assert math.isnan(result.parts[0].number) and not result.parts[0].facts["measurable"]


def test_a_chip_trend_starting_or_wholly_inside_a_no_chip_spell_is_not_testable():
    # Before the fix a start in the spell gave an infinite change ("narrowing"
    # supported whatever the end), and a window wholly inside it a change of 0.
    opening = small_ceiling().assign(tpp_ratio=[np.nan, 0.1], best_legal_chip=[None, "low"])
    inputs = cl.build_inputs(small_models(), small_shares(), opening, null=SMALL_NULL)
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
    assert cl.chip_advantage_on(cl.validate_ceiling(unknown), "2024-02-01") is None


def test_trend_window_is_extended_to_twelve_months(world):
    start, end = cl.trend_window(world.lag["lag_months"], "2024-01-15", "2024-06-30", 12)
    assert end == pd.Timestamp("2024-06-30")
    months = world.lag["lag_months"].loc[start:end].resample("MS").mean().dropna()
    assert len(months) == 12
    # Not enough data at all: None.
    assert cl.trend_window(world.lag["lag_months"], "2023-03-01", "2023-06-30", 12) is None


def test_window_grid_on_a_steadily_widening_gap(world):
    grid = cl.window_grid(world.lag["lag_months"], n_boot=200)
    # Lag data from March 2023 to June 2024: 16 months, so windows of 12 to 16
    # months: 5 + 4 + 3 + 2 + 1.
    assert len(grid) == 15
    assert (grid["months"] >= 12).all()
    assert set(grid["class"]) == {"widening"}
    assert grid["slope"].to_numpy() == pytest.approx(12.0, rel=0.02)
    assert cl.window_shares(grid)["widening"] == 1.0


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
    return cl.build_inputs(make_models(rows), small_shares(), null=SMALL_NULL)


def test_trend_claims_leave_censored_days_out(censored_world):
    lag = censored_world.lag
    assert lag["censored"].sum() == 184 and lag.loc["2023-03-01":"2023-08-31", "censored"].all()
    # Kept in, the censored months (lag 2 to 8 months) pull the slope to about +8.8.
    assert gap.trend(lag["lag_months"], "2023-03-01", "2024-12-31")["slope_months_per_year"] < 10
    _, parts, _ = cl.assess(claim(direction="widening", date="2024-12-31", window_start="2023-03-01"), censored_world)
    assert parts[0].number == pytest.approx(12.0, abs=0.05)
    assert "2023-09 to 2024-12" in wording.evidence(parts[0])  # the months actually fitted
    # A mean over censored days stays a lower bound: the 90 days to 15 Jun 2023
    # lie 76 to 165 days after 1 Jan 2023, 120.5 days (4.0 months) on average.
    _, parts, _ = cl.assess(claim(date="2023-06-15", lead_months_low=2, lead_months_high=4), censored_world)
    assert wording.evidence(parts[0]).startswith("ECI lag at least 4.0 months on average") and parts[0].verdict == M


def test_window_grid_leaves_censored_months_out(censored_world):
    grid = cl.window_grid(censored_world.lag, n_boot=200)
    # September 2023 to December 2024: 16 months, 5 + 4 + 3 + 2 + 1 windows.
    assert grid["start"].min() == pd.Timestamp("2023-09-01") and len(grid) == 15
    assert grid["slope"].to_numpy() == pytest.approx(12.0, abs=0.05)
    # Given the raw series instead, the censored months would enter.
    assert cl.window_grid(censored_world.lag["lag_months"], n_boot=200)["start"].min() == pd.Timestamp("2023-03-01")


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
    return cl.build_inputs(make_models(rows), small_shares())


def test_lag_bounds_on_each_kind_of_day(censored_world, ahead_world):
    low, high, kind = cl.lag_bounds(ahead_world.lag, "2023-06-01")  # matched by us-a on 1 Jan 2023
    assert (low, high) == pytest.approx((151 / MONTH, 151 / MONTH)) and kind == "exact"
    low, high, kind = cl.lag_bounds(ahead_world.lag, "2024-03-01")
    assert (low, kind) == (-math.inf, "at most") and high == pytest.approx(-121 / MONTH)  # 1 Mar to 30 Jun 2024
    assert cl.lag_bounds(ahead_world.lag, "2024-06-30")[1] == 0.0
    low, high, kind = cl.lag_bounds(censored_world.lag, "2023-06-15")
    assert (high, kind) == (math.inf, "at least") and low == pytest.approx(165 / MONTH)
    assert cl.lag_bounds(censored_world.lag, "2023-02-01")[2] == "none"  # no Chinese model yet
    assert cl.lag_bounds(censored_world.lag, "2030-01-01")[2] == "none"  # outside the data


def test_china_ahead_and_not_yet_matched_is_an_upper_bound(ahead_world):
    # 1 Mar 2024: China ahead by more than 121 days (3.98 months).
    assert verdict(ahead_world, date="2024-03-01", direction="china_lead") == S
    assert verdict(ahead_world, date="2024-03-01", direction="parity") == M  # 0.98 months beyond the band
    assert verdict(ahead_world, date="2024-03-01", direction="us_lead") == C
    _, parts, _ = cl.assess(claim(date="2024-03-01", direction="china_lead"), ahead_world)
    assert wording.evidence(parts[0]).startswith("ECI lag at most -4.0 months") and parts[0].number == pytest.approx(-121 / MONTH)
    # 15 Jun 2024: ahead by more than half a month, maybe by much more.
    assert verdict(ahead_world, date="2024-06-15", direction="china_lead") == M
    assert verdict(ahead_world, date="2024-06-15", direction="parity") == M
    assert verdict(ahead_world, date="2024-06-15", direction="us_lead") == C


@pytest.mark.parametrize("bound", [0.0, 1.0, 2.5, 3.0, 4.0, 5.9, 6.0, 9.0])
def test_upper_and_lower_bounds_mirror_each_other(bound):
    mirror = {"us_lead": "china_lead", "parity": "parity", "china_lead": "us_lead"}
    for direction in cl.LEVEL_DIRECTIONS:
        assert level(direction, -math.inf, -bound) == level(mirror[direction], bound, math.inf)


# --- The claims table --------------------------------------------------------------


def test_claims_validation_names_file_row_and_column():
    good = data.load("claims")

    def problems(bad):
        with pytest.raises(DataValidationError) as raised:
            cl.validate_claims(bad)
        return [(p.file, p.row, p.column, p.rule) for p in raised.value.problems], str(raised.value)

    # The header is row 1, so the frame's first row is row 2 of the file.
    found, message = problems(pd.concat([good, good.iloc[[0]]], ignore_index=True))
    assert found == [("data/claims.csv", len(good) + 2, "id", "duplicate-id")]
    assert f"data/claims.csv, row {len(good) + 2}, column 'id'" in message and "already used in row 2" in message
    bad = good.copy()
    bad.loc[1, "direction"] = "overtaking"
    found, message = problems(bad)
    assert found == [("data/claims.csv", 3, "direction", "no-verdict-rule")] and "'overtaking' has no verdict rule" in message
    bad = good.copy()
    bad.loc[0, ["lead_months_low", "lead_months_high"]] = [24.0, 12.0]
    assert problems(bad)[0] == [("data/claims.csv", 2, "lead_months_low", "size-order")]
    bad = good.copy()
    row = int(np.flatnonzero(bad["direction"] == "parity")[0])
    bad.loc[bad.index[row], "lead_months_high"] = 3.0
    found, message = problems(bad)
    assert found == [("data/claims.csv", row + 2, "lead_months_high", "size-direction")]
    assert "contradicts direction parity" in message
    bad = good.copy()
    bad.loc[0, ["window_start", "window_end"]] = [pd.Timestamp("2026-01-01"), pd.Timestamp("2025-01-01")]
    assert problems(bad)[0] == [("data/claims.csv", 2, "window_start", "window-order")]
    # Every problem is reported, not just the first.
    bad.loc[1, "metric"] = "vibes"
    assert [p[2] for p in problems(bad)[0]] == ["window_start", "metric"]
    # A scorecard is never built on a table that fails.
    with pytest.raises(DataValidationError):
        cl.scorecard(bad, cl.build_inputs(small_models(), small_shares()))


def test_every_coded_direction_and_metric_has_a_rule():
    fields = {f["name"]: f for f in data.resource_descriptor("claims")["schema"]["fields"]}
    assert set(fields["direction"]["constraints"]["enum"]) == set(cl.DIRECTIONS)
    assert set(fields["metric"]["constraints"]["enum"]) == set(cl.METRICS)


def test_real_claims_table_is_consistent():
    claims = cl.validate_claims(data.load("claims"))
    # Sizes are US leads in months; undated claims carry the month in the note.
    for _, row in claims[claims["date"].isna()].iterrows():
        assert re.search(r"(19|20)\d\d", row["note"]), row["id"]
    # Every row has a source, and no claim post-dates the day the data were compiled.
    assert claims["source_url"].str.match(r"^https?://").all()
    assert (claims["date"].dropna() <= pd.Timestamp(data.resource_descriptor("claims")["accessed"])).all()


# --- The scorecard on the book's data ----------------------------------------------


@pytest.fixture(scope="module")
def real():
    # The chapter's own inputs: built once per run, with their caches shared.
    return data.load("claims"), ch05.project_inputs()


def _ceiling():
    try:
        from ailead import controls
    except ImportError:
        return None
    return controls.ceiling_ratio(data.load("accelerators"), data.load("chip_export_status"), data.load("export_controls"))


def test_scorecard_has_one_row_per_claim_and_only_allowed_verdicts(real):
    claims, inputs = real
    card = cl.scorecard(claims, inputs)
    assert card["claim"].tolist() == claims["id"].tolist()
    assert set(card["verdict"]) <= set(cl.VERDICTS)
    # Every claim, tested or not, shows readers some evidence or a reason.
    assert ch05.scorecard_rows(card, {})["evidence"].str.len().gt(0).all()
    assert sum(cl.verdict_counts(card).values()) == len(claims)


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
    card = cl.scorecard(claims, world).set_index("claim")
    assert card["verdict"].to_dict() == {"both": S, "sized": NT, "undated": NT}
    assert card.at["both", "tested_on"] == ("capabilities", "chips")
    assert card.at["sized", "tested_on"] == ()
    detail = [
        (cid, part.measure, part.test, part.verdict, result.verdict)
        for cid, result in card["assessment"].items()
        for part in result.parts
    ]
    assert detail == [
        ("both", "capabilities", "trend", S, S),
        ("both", "compute", "trend", NT, S),
        ("both", "chips", "trend", S, S),
        ("sized", "compute", "trend", NT, NT),
        ("sized", "compute", "size", S, NT),  # 0.6 / 0.3 = 2x: a US lead, but the claim is about growth
    ]
    assert card.at["undated", "assessment"].parts == []
    # As readers see it: the measures tested on, and each test's verdict when there are several.
    shown = ch05.scorecard_rows(card.reset_index(), {}).set_index("claim")
    assert shown.at["both", "tested_on"] == "capabilities, chips" and shown.at["sized", "tested_on"] is None
    assert shown.at["both", "evidence"].count("[") == 3 and "[not testable]" in shown.at["both", "evidence"]
    assert shown.at["undated", "evidence"] == wording.CLAIM_REASONS["undated"]


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
    inputs = cl.build_inputs(frame, small_shares())
    wide = measures.fitted_trend(inputs, "capabilities", "2023-03-01", "2024-12-31", 0.95)
    narrow = measures.fitted_trend(inputs, "capabilities", "2023-03-01", "2024-12-31", 0.5)
    assert narrow["slope_months_per_year"] == wide["slope_months_per_year"]
    assert wide["ci_low"] < narrow["ci_low"] <= narrow["ci_high"] < wide["ci_high"]


def test_predictions_and_undated_claims_are_never_judged(real):
    claims, inputs = real
    card = cl.scorecard(claims, inputs).set_index("claim")
    for _, row in claims.iterrows():
        window = cl.claim_window(row)
        if window.status != "present":
            assert card.at[row["id"], "verdict"] == NT


def test_sensitivity_varies_every_constant_both_ways(real):
    claims, inputs = real
    table = cl.sensitivity(claims, inputs)
    assert table["constant"].tolist() == [name for name in cl.SENSITIVITY for _ in range(2)]
    assert cl.alternatives("parity_ratio") == pytest.approx((1.5**0.5, 2.25))
    assert cl.alternatives("parity_months") == (1.5, 6.0)
    assert set(cl.CONSTANT_ROLES) == set(cl.SENSITIVITY)


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
    table = cl.sensitivity(claims, world).set_index(["constant", "varied_to"])
    assert table.loc[("parity_months", 1.5), "verdicts_changed"] == 1
    assert table.loc[("parity_months", 1.5), "changes"] == [("tie", S, M)]
    # Doubled to 6 months: 2.4 is still level, 12.0 still a lead.
    assert table.loc[("parity_months", 6.0), "verdicts_changed"] == 0
    assert table.loc[("parity_months", 6.0), "changes"] == []
    names = {"tie": "A on parity", "lead": "B on a lead"}
    shown = ch05.sensitivity_rows(table.reset_index(), names).set_index(["constant", "varied_to"])["changes"]
    assert shown[("parity_months", 1.5)] == "A on parity: supported -> mixed" and shown[("parity_months", 6.0)] is None
    with pytest.raises(KeyError, match="'tie'"):
        ch05.sensitivity_rows(table.reset_index())  # the book's labels know no claim "tie"
    changes = cl.sensitivity_changes(cl.sensitivity(claims, world))
    row = changes[changes["constant"] == "parity_months"]
    assert row[["claim", "before", "after", "kind"]].values.tolist() == [["tie", S, M, "one step"]]


def test_change_kinds():
    assert cl.change_kind(S, M) == cl.change_kind(C, M) == "one step"
    assert cl.change_kind(S, C) == cl.change_kind(C, S) == "reversal"
    assert cl.change_kind(S, NT) == cl.change_kind(NT, M) == "coverage"
    with pytest.raises(ValueError, match="not a change"):
        cl.change_kind(S, S)
    with pytest.raises(ValueError, match="unknown verdict"):
        cl.change_kind(S, "maybe")
    changes = pd.DataFrame(
        {
            "constant": ["parity_months", "default_window_months", "default_window_months", "grace_months"],
            "kind": ["one step", "reversal", "one step", "coverage"],
        }
    )
    summary = cl.change_summary(changes)
    assert summary.loc["threshold"].tolist() == [1, 0, 0]
    assert summary.loc["window"].tolist() == [1, 1, 0]
    assert summary.loc["coverage"].tolist() == [0, 0, 1]
    assert cl.change_summary(changes.iloc[:0]).to_numpy().sum() == 0
    with pytest.raises(ValueError, match="without a role"):
        cl.change_summary(pd.DataFrame({"constant": ["min_trend_months"], "kind": ["one step"]}))


def test_rules_table_is_written_from_the_constants():
    default = ch05.rules_table()
    changed = ch05.rules_table(cl.Rules(parity_months=4.0, margin_months=2.0))
    level = [m for m in default["measured by"] if m.startswith("mean lag over the 90 days")]
    row = lambda t: t[t["measured by"].str.startswith("mean lag")].set_index("claim says").loc["parity"]  # noqa: E731
    assert len(set(level)) == 1
    assert row(default)["supported if"] == "lag shorter than 3 either way"
    assert row(default)["contradicted if"] == "lag 6 or more either way"
    assert row(changed)["supported if"] == "lag shorter than 4 either way"
    assert row(changed)["contradicted if"] == "lag 6 or more either way"
    assert "12 months" in ch05.coverage_table()["rule"].str.cat(sep=" ")


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
    table = cl.yardsticks(lag, scores, arena)
    assert table["date"].tolist() == [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-03-01")]
    assert table["eci_lag_months"].tolist() == [5.0, 1.0]
    assert cl.same_direction(table, "arena_gap_pct", "eci_lag_months") == 1.0


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
    us_side, china_side = cl.SIDES.values()
    assert sorted(us_side + china_side) == sorted(cl.DIRECTIONS)
    # The pairs the verdict rules mirror sit on opposite sides.
    for ours, theirs in (("us_lead", "china_lead"), ("widening", "narrowing")):
        assert ours in us_side and theirs in china_side
    # "stable" and "parity" are each their own mirror image under the rules,
    # so their sides are an editorial assignment (documented at SIDES).
    for x in np.arange(-9, 9.01, 0.5):
        assert level("parity", float(x)) == level("parity", float(-x))
    for low, high in ((-3.0, -0.5), (-0.5, 0.8), (0.5, 4.0), (-2.0, 2.0)):
        assert cl.interval_trend_verdict("stable", low, high, band=1.0) == cl.interval_trend_verdict(
            "stable", -high, -low, band=1.0
        )
    assert "stable" in us_side and "parity" in china_side


def test_verdicts_by_side_counts_each_claim_once():
    card = pd.DataFrame({"direction": ["us_lead", "narrowing", "parity", "widening"], "verdict": [S, C, S, NT]})
    table = cl.verdicts_by_side(card)
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
    status = cl.claim_status(claims, world)
    assert status.to_dict() == {"now": "present", "later": "forecast", "late": "after the data", "when": "undated"}
    assert wording.speakers(claims, ["now", "late", "when"]) == "A, Group and E"
    assert wording.speakers(claims, ["now"]) == "A"
    assert wording.speakers(claims, []) == ""


def test_claim_values_name_every_claim(world):
    claims = pd.DataFrame([claim(id="a-b", date="2024-01-01", lead_months_low=10, lead_months_high=12)])
    values = ch05.claim_values(claims, world)
    assert values["dis_v_a_b"] == S
    assert values["dis_size_a_b"] == "10-12 months"
    assert values["dis_when_a_b"] == "January 2024"
    # The mean over the 90 days to 1 Jan 2024: days 276 to 365 after 1 Jan 2023.
    assert values["dis_num_a_b_capabilities_level"] == pytest.approx(320.5 / MONTH, abs=0.01)


def test_window_families_on_a_hand_made_lag():
    # Rises to a peak in June 2024, falls to a trough in January 2025, rises again.
    days = pd.date_range("2023-01-01", "2026-06-30")
    lag = pd.Series(0.0, index=days)
    lag[:"2024-06-15"] = np.linspace(2, 14, len(lag[:"2024-06-15"]))
    lag["2024-06-16":"2025-01-10"] = np.linspace(14, 1, len(lag["2024-06-16":"2025-01-10"]))
    lag["2025-01-11":] = np.linspace(1, 12, len(lag["2025-01-11":]))
    grid = cl.window_grid(lag, n_boot=200)
    families = cl.window_families(grid, lag)
    assert families["peak"] == pd.Timestamp("2024-06-15") and families["trough"] == pd.Timestamp("2025-01-10")
    assert families["share_after_widening"] == 1.0  # starting at the trough, the lag only rises
    # Counted by hand. around: starts June 2023 to June 2024, ends January 2025
    # to January 2026, at least 12 months: 9 x 13 + 12 + 11 + 10 + 9.
    # after: starts January to July 2025, ends by June 2026: 7 + 6 + ... + 1.
    # spanning: starts January 2023 to June 2024 (18), ends February to June 2026 (5).
    assert (families["n_around"], families["n_after"], families["n_spanning"]) == (159, 28, 90)


def test_every_reader_table_renders_through_its_spec():
    # Each table of the chapter has a spec naming columns its frame holds;
    # missing values show as a dash, never as "nan" or "None".
    page = ch05.page()
    for name in page.tables:
        body = page.table(name).data
        assert body.startswith('<table class="ailead-table">'), name
        assert not re.search(r"<td>(nan|None|NaT|-)</td>", body), name
    claims = data.load("claims")
    undated = int(claims["date"].isna().sum())
    assert undated > 0
    # The full claims table is in the data appendix; the chapter shows an excerpt.
    rows = re.findall(r"<tr>(.*?)</tr>", ch05.claims_table().data, flags=re.S)[1:]
    assert len(rows) == len(claims)
    excerpt = re.findall(r"<tr>(.*?)</tr>", page.table("claims").data, flags=re.S)[1:]
    assert 0 < len(excerpt) < len(claims)
    dates = [re.findall(r"<td>(.*?)</td>", row, flags=re.S)[1] for row in rows]
    assert dates.count("–") == undated
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dates if d != "–")


def test_context_rows_in_words():
    frame = pd.DataFrame(
        {
            "claim": ["a", "b"],
            "start": pd.to_datetime(["2024-01-01", "2024-06-01"]),
            "end": pd.to_datetime(["2025-01-01", "2025-06-01"]),
            "eci_lag_months": [3.0, np.nan],
            "trend": [-1.0, np.nan],
            "trend_low": [-2.04, np.nan],
            "trend_high": [0.55, np.nan],
            "us_share": [0.75, np.nan],
            "china_share": [0.15, np.nan],
            "compute_date": pd.to_datetime(["2024-06-01", None]),
            "best_legal_chip": [None, "h20"],
            "tpp_ratio": [0.0, 0.07],
        }
    )
    shown = ch05.context_rows(frame, {"h20": "H20"})
    assert shown["window"].tolist() == ["2024-01-01 to 2025-01-01", "2024-06-01 to 2025-06-01"]
    assert shown["trend_ci"].tolist() == ["-2.0 to +0.6", None]
    assert shown["us_share_pct"].tolist()[0] == 75 and pd.isna(shown["us_share_pct"].tolist()[1])
    assert shown["best_legal_chip"].tolist() == ["none", "H20"]
    assert shown["legal_tpp_pct"].tolist() == [0, 7]


# --- The yardsticks beside the lag ----------------------------------------------------


def test_score_gap_is_us_minus_china_each_day():
    # US 100 from 1 Jan, 120 from 1 Mar; China 90 from 1 Feb, 130 from 1 Apr.
    rows = [
        ("us-a", US, "2024-01-01", 100.0),
        ("cn-a", CN, "2024-02-01", 90.0),
        ("us-b", US, "2024-03-01", 120.0),
        ("cn-b", CN, "2024-04-01", 130.0),
        ("us-c", US, "2024-05-01", 110.0),  # below the US best: moves nothing
    ]
    scores = cl.score_gap(make_models(rows), start="2024-01-01")
    assert scores.index[0] == pd.Timestamp("2024-01-01") and scores.index[-1] == pd.Timestamp("2024-05-01")
    assert np.isnan(scores["2024-01-31"])  # no Chinese model yet
    assert scores["2024-02-01"] == 10.0 and scores["2024-02-29"] == 10.0  # the US ahead: positive
    assert scores["2024-03-01"] == 30.0
    assert scores["2024-04-01"] == -10.0 and scores["2024-05-01"] == -10.0  # China ahead: negative


def test_us_open_lag_is_positive_while_the_us_open_model_trails():
    rows = [
        ("us-closed", US, "2023-01-01", 150.0),  # closed: not in this race
        ("us-open-a", US, "2023-02-01", 100.0),
        ("cn-a", CN, "2023-03-01", 110.0),
        ("us-open-b", US, "2023-06-01", 115.0),
        ("cn-b", CN, "2023-09-01", 140.0),
    ]
    models = make_models(rows).assign(open_weights=pd.array([False, True, True, True, True], dtype="boolean"))
    lag = cl.us_open_lag(models, start="2023-03-01")
    # The US open best (100, 1 Feb) was first reached by China on 1 Mar.
    assert lag["2023-03-01"] == 0.0
    assert lag["2023-04-15"] == pytest.approx(45 / MONTH)  # trailing: positive
    # From 1 Jun the US open best is 115, which China reached only on 1 Sep:
    # the US open model was ahead, by 62 days on 1 Jul.
    assert lag["2023-07-01"] == pytest.approx(-62 / MONTH)
    assert lag["2023-09-01"] == 0.0
    # The closed US model (150) never enters: it would leave every day unmatched.
    assert lag.notna().all()


# --- Robust or fragile (issue 14) -------------------------------------------------


def test_robustness_labels_on_the_small_world(world):
    # The lag grows a day per day from 1 Mar 2023. A US lead with no size
    # holds on every window to 1 Jan 2024 (every mean is above 3 months).
    steady = cl.robustness(claim(date="2024-01-01"), world)
    assert steady["verdict"] == S and set(steady["windows"].values()) == {S}
    assert steady["label"] == cl.ROBUST
    # A lead of 8-12 months (7-13 with the rounding tolerance) holds on the
    # 90-day mean (10.5) and the 6-month one (9.0), not on 12 months (7.0 on
    # average over the days China had a model): fragile on the window.
    sized = cl.robustness(claim(date="2024-01-01", lead_months_low=8, lead_months_high=12), world)
    assert sized["verdict"] == S and sized["windows"][6] == S and sized["windows"][12] != S
    assert sized["windows_hold"] is False and sized["noise_holds"] is True and sized["label"] == cl.FRAGILE
    assert wording.fragility(sized["windows_hold"], sized["noise_holds"]) == "fragile: window"
    # Untested claims get no label.
    assert cl.robustness(claim(), world)["label"] is None


def test_noise_can_make_a_level_verdict_fragile():
    # With 3 points of noise on every score, the lag on 1 Jan 2024 (scores
    # 100 against 100 and 120) may be matched months earlier or later.
    noisy = cl.build_inputs(small_models(), small_shares(), small_ceiling(), noise_sd=3.0, noise_draws=50, null=SMALL_NULL)
    exact = cl.build_inputs(small_models(), small_shares(), small_ceiling(), noise_sd=0.0, null=SMALL_NULL)
    fields = dict(date="2024-01-01", lead_months_low=10, lead_months_high=12)
    assert cl.assess(claim(**fields), exact).parts[0].facts["noise_holds"] is True
    part = cl.assess(claim(**fields), noisy).parts[0]
    assert part.facts["noise_low"] < part.facts["noise_high"]
    assert part.facts["noise_low"] <= part.number <= part.facts["noise_high"]
    assert part.facts["noise_holds"] is (part.verdict == cl.assess(claim(**fields), exact).verdict)


def test_robustness_counts_split_by_verdict():
    table = pd.DataFrame(
        {
            "verdict": [S, S, M, C, NT],
            "label": [cl.ROBUST, cl.FRAGILE, cl.FRAGILE, cl.ROBUST, None],
        }
    )
    counts = cl.robustness_counts(table)
    assert counts["robust"] == 2 and counts["fragile"] == 2
    assert counts["robust_supported"] == 1 and counts["fragile_supported"] == 1
    assert counts["fragile_mixed"] == 1 and counts["robust_contradicted"] == 1


def test_level_claims_read_the_window_mean():
    frame = pd.DataFrame(
        {
            "lag_months": [1.0, 2.0, 3.0, np.nan],
            "follower_best": [1.0, 1.0, 1.0, 2.0],
            "censored": [False, False, True, False],
            "leader_match_date": pd.to_datetime(["2023-01-01"] * 3 + [None]),
        },
        index=pd.date_range("2024-01-01", periods=4),
    )
    assert cl.lag_mean(frame, "2024-01-01", "2024-01-02") == (1.5, 1.5, "exact", True)
    assert cl.lag_mean(frame, "2024-01-01", "2024-01-03") == (2.0, math.inf, "at least", True)
    # A day known only as an upper bound: the last day is read instead.
    low, high, kind, averaged = cl.lag_mean(frame, "2024-01-01", "2024-01-04")
    assert kind == "at most" and not averaged


def test_the_claims_table_names_each_speaker_with_the_affiliation_once():
    claims = pd.DataFrame({"who": ["A. Person", "Lab X", "B. Person"], "affiliation": ["Lab X", "Lab X", None]})
    assert ch05.claims_rows(claims)["who"].tolist() == ["A. Person (Lab X)", "Lab X", "B. Person"]
