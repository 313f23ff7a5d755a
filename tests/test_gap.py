"""ailead.gap on small tables whose answers are worked out by hand."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from ailead import data, gap, tables

US, CN = gap.US, gap.CHINA
MONTH = gap.DAYS_PER_MONTH


def table(rows):
    frame = pd.DataFrame(rows, columns=["model", "country", "release_date", "eci_score"])
    frame["release_date"] = pd.to_datetime(frame["release_date"])
    return frame


SMALL = table(
    [
        ("us-a", US, "2024-01-01", 100.0),
        ("us-b", US, "2024-03-01", 110.0),
        ("cn-a", CN, "2024-02-01", 100.0),  # ties us-a: reached on 2024-01-01
        ("cn-b", CN, "2024-04-01", 105.0),  # first US score >= 105 is us-b, 2024-03-01
        ("cn-weak", CN, "2024-05-01", 90.0),  # does not move China's frontier
    ]
)


def test_frontier_keeps_only_the_models_that_raised_it():
    steps = gap.frontier(SMALL, CN)
    assert steps["model"].tolist() == ["cn-a", "cn-b"]
    assert steps["eci_score"].tolist() == [100.0, 105.0]


def test_frontier_handles_unsorted_input_and_same_day_ties():
    shuffled = pd.concat([SMALL.iloc[::-1], table([("us-b-twin", US, "2024-03-01", 110.0)])])
    steps = gap.frontier(shuffled, US)
    # Same day, same score: the frontier moves once, named alphabetically first.
    assert steps["model"].tolist() == ["us-a", "us-b"]


def test_lag_on_known_days():
    lag = gap.lag_months(SMALL, start="2024-01-01", end="2024-05-31")
    # No Chinese model before 1 February: nothing to compare.
    assert lag.loc["2024-01-31"] != lag.loc["2024-01-31"]  # NaN
    # 1 Feb: cn-a (100) was reached by us-a on 1 Jan: 31 days.
    assert lag.loc["2024-02-01"] == pytest.approx(31 / MONTH)
    # 1 Apr: cn-b (105) first reached by us-b on 1 Mar: 31 days.
    assert lag.loc["2024-04-01"] == pytest.approx(31 / MONTH)
    # 31 May: still cn-b; 91 days after 1 Mar.
    assert lag.loc["2024-05-31"] == pytest.approx(91 / MONTH)


def test_lag_grows_one_day_per_day_between_releases():
    lag = gap.lag_months(SMALL, start="2024-02-01", end="2024-03-31")
    assert np.allclose(np.diff(lag.to_numpy()), 1 / MONTH)


def test_follower_ahead_gives_a_negative_lag_until_the_leader_catches_up():
    models = table(
        [
            ("us-a", US, "2024-01-01", 100.0),
            ("cn-a", CN, "2024-02-01", 120.0),
            ("us-b", US, "2024-04-01", 125.0),
        ]
    )
    lag = gap.lag_months(models, start="2024-02-01", end="2024-04-30")
    # On 1 Feb the US first reaches 120 on 1 Apr, 60 days later: China leads by 60 days.
    assert lag.loc["2024-02-01"] == pytest.approx(-60 / MONTH)
    assert lag.loc["2024-04-01"] == pytest.approx(0.0)
    assert lag.loc["2024-04-30"] == pytest.approx(29 / MONTH)


def test_follower_never_matched_gives_missing_lag():
    models = table([("us-a", US, "2024-01-01", 100.0), ("cn-a", CN, "2024-02-01", 120.0)])
    lag = gap.lag_months(models, start="2024-02-01", end="2024-02-10")
    assert lag.isna().all()


def test_follower_with_no_model_gives_missing_lag_throughout():
    models = table([("us-a", US, "2024-01-01", 100.0)])
    lag = gap.lag_months(models, start="2024-01-01", end="2024-01-31")
    assert len(lag) == 31 and lag.isna().all()


def test_lag_before_the_leaders_first_model_is_flagged_censored():
    frame = gap.lag_frame(SMALL, start="2024-02-01", end="2024-04-05")
    assert frame.loc["2024-02-15", "censored"]  # matched by us-a, the first US model
    assert not frame.loc["2024-04-02", "censored"]  # matched by us-b


def test_summary_and_window():
    lag = gap.lag_months(SMALL, start="2024-01-01", end="2024-05-31")
    stats = gap.summarize(lag, "2024-04-01", "2024-04-03")
    assert stats["min"] == pytest.approx(31 / MONTH) and stats["max"] == pytest.approx(33 / MONTH)
    assert stats["mean"] == pytest.approx(32 / MONTH)
    assert stats["latest"] == pytest.approx(33 / MONTH)
    with pytest.raises(ValueError):
        gap.summarize(lag, "2023-01-01", "2023-02-01")


def _linear_lag(slope_per_year, months=36, noise=0.0, seed=1):
    days = pd.date_range("2023-01-01", periods=int(months * 30.44), freq="D")
    years = (days - days[0]).days / 365.25
    values = 8 + slope_per_year * years + np.random.default_rng(seed).normal(0, noise, len(days))
    return pd.Series(values, index=days)


@pytest.mark.parametrize("slope, verdict", [(-3.0, "narrowing"), (3.0, "widening"), (0.0, "no clear trend")])
def test_trend_recovers_a_known_slope_and_names_it(slope, verdict):
    result = gap.trend(_linear_lag(slope, noise=0.5 if slope == 0 else 0.2))
    assert result["slope_months_per_year"] == pytest.approx(slope, abs=0.15)
    assert result["verdict"] == verdict
    assert result["ci_low"] <= result["slope_months_per_year"] <= result["ci_high"]


def test_trend_is_reproducible_with_a_seed_and_varies_without_it():
    lag = _linear_lag(0.0, noise=2.0)
    assert gap.trend(lag, seed=3) == gap.trend(lag, seed=3)
    assert gap.trend(lag, seed=3)["ci_low"] != gap.trend(lag, seed=4)["ci_low"]


def test_trend_refuses_too_short_a_series():
    with pytest.raises(ValueError):
        gap.trend(_linear_lag(1.0, months=6))


def test_trend_input_leaves_out_censored_days():
    frame = gap.lag_frame(SMALL, start="2024-02-01", end="2024-04-05")
    series = gap.for_trend(frame)
    assert series.loc["2024-02-15"] != series.loc["2024-02-15"]  # censored: NaN
    assert series.loc["2024-04-02"] == frame.loc["2024-04-02", "lag_months"]


def test_trend_slope_is_exact_for_a_straight_line():
    days = pd.date_range("2023-01-01", "2025-12-31", freq="D")
    years = (days - days[0]).days / 365.25
    line = pd.Series(5 - 2.0 * years, index=days)
    # Monthly means sit mid-month while months differ in length: close, not exact.
    assert gap.trend(line, n_boot=200)["slope_months_per_year"] == pytest.approx(-2.0, abs=0.02)


def test_open_closed_grouping_drops_unknown_access():
    models = pd.DataFrame({"open_weights": pd.array([True, False, pd.NA], dtype="boolean")})
    assert gap.with_groups(models)["access_group"].tolist()[:2] == [gap.OPEN, gap.CLOSED]
    assert pd.isna(gap.with_groups(models)["access_group"].iloc[2])


def test_coincidence_of_identical_and_shifted_series():
    lag = _linear_lag(2.0)
    same = gap.coincidence(lag, lag)
    assert same["correlation"] == pytest.approx(1.0) and same["mean_abs_difference"] == 0
    shifted = gap.coincidence(lag, lag + 4)
    assert shifted["mean_abs_difference"] == pytest.approx(4) and shifted["share_within_3_months"] == 0


# --- on the project's own table -------------------------------------------------


@pytest.fixture(scope="module")
def models():
    return data.load("frontier_models")


def test_external_check_mean_is_within_a_month_and_a_half_of_epochs(models):
    published = data.load("published_gap_estimates")
    check = gap.external_check(models, published).set_index("statistic")
    assert abs(check.at["mean", "difference_months"]) <= 1.5
    # The extremes are named by the day and the models that set them.
    for extreme in ("min", "max"):
        assert check.at[extreme, "chinese_model"] and check.at[extreme, "us_model_matched"]


@pytest.mark.slow
def test_full_table_lag_is_fast(models):
    # 4 ms here; the generous bound only guards against a non-vectorised rewrite.
    started = time.perf_counter()
    gap.lag_months(models, start="2023-01-01", end="2026-12-31")
    assert time.perf_counter() - started < 1.0


def test_arena_table_names_columns_and_units_for_readers():
    arena = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-02-01", "2024-01-01"]),
            "measure": ["Arena score gap", "MMLU score gap"],
            "gap": [23.0, 0.3],
            "unit": ["elo_points", "percentage_points"],
            "confidence": ["medium", "high"],
            "source_url": ["https://a.example", "https://b.example"],
        }
    )
    rows = gap.arena_rows(arena)
    shown, formats = tables.reader_frame("gap.arena", rows)
    assert list(shown.columns) == ["Date", "Measure", "Gap", "Unit", "Confidence", "Source"]
    # Row order is the table's own; units are spelled out; the index is plain 0..n-1.
    assert shown["Measure"].tolist() == ["Arena score gap", "MMLU score gap"]
    assert shown["Unit"].tolist() == ["Elo points", "percentage points"]
    assert shown.index.tolist() == [0, 1]
    assert formats == {"Gap": "{:g}"}


def test_match_to_leader_counts_a_tie_and_never_matches_nan():
    lead = pd.DataFrame(
        {"release_date": pd.to_datetime(["2024-01-01", "2024-06-01"]), "eci_score": [100.0, 110.0], "model": ["a", "b"]}
    )
    position, matched = gap.match_to_leader(lead, [95.0, 100.0, 105.0, 110.0, 111.0, float("nan")])
    assert position.tolist()[:4] == [0, 0, 1, 1]
    assert matched.tolist() == [True, True, True, True, False, False]


def test_first_at_or_above_and_count_above():
    assert gap.first_at_or_above(SMALL, 101, CN)["model"] == "cn-b"
    assert gap.first_at_or_above(SMALL, 100, CN)["model"] == "cn-a"  # a tie counts
    assert gap.first_at_or_above(SMALL, 200, CN) is None
    # On 1 Apr only us-b (110) beats 105; us-a (100) does not.
    assert gap.count_above(SMALL, 105, "2024-04-01", US) == 1
    assert gap.count_above(SMALL, 105, "2024-02-15", US) == 0
    # "Above" is strict: a model exactly at the score does not count.
    assert gap.count_above(SMALL, 110, "2024-04-01", US) == 0
    assert gap.count_above(SMALL, 109.99, "2024-04-01", US) == 1


def test_open_share_of_frontier_movers():
    models = SMALL.assign(open_weights=pd.array([False, pd.NA, True, True, False], dtype="boolean"))
    # China's movers are cn-a and cn-b, both open; the US movers are us-a (closed) and
    # us-b (unknown, left out).
    assert gap.open_share_of_frontier_movers(models, CN) == 1.0
    assert gap.open_share_of_frontier_movers(models, US) == 0.0


def test_trend_bootstrap_draws_every_block_including_the_last():
    # 12 monthly values, blocks of 6: a block may start at month 0 to 6, so
    # 7 x 7 = 49 resamples are possible. With 4,000 draws every one of them
    # turns up, and at level 1 the interval runs from the smallest to the
    # largest slope among them. The residuals are placed so that the extreme
    # slopes need the last block (months 6 to 11), which a bootstrap that
    # never starts a block at month 6 would miss.
    months = pd.date_range("2024-01-01", periods=12, freq="MS")
    values = np.array([5.0, 5.2, 4.9, 5.1, 5.3, 5.0, 5.4, 5.2, 5.5, 5.3, 5.6, 9.0])
    days = pd.date_range(months[0], months[-1] + pd.offsets.MonthEnd(0), freq="D")
    lag = pd.Series(values[days.month - 1], index=days)  # constant within each month

    years = (months - months[0]).days.to_numpy() / 365.25
    slope, intercept = np.polyfit(years, values, 1)
    fitted = intercept + slope * years
    residuals = values - fitted

    def slopes(first_starts):
        out = []
        for a in first_starts:
            for b in first_starts:
                index = np.r_[np.arange(a, a + 6), np.arange(b, b + 6)]
                out.append(np.polyfit(years, fitted + residuals[index], 1)[0])
        return np.array(out)

    every, without_last = slopes(range(7)), slopes(range(6))
    assert every.max() > without_last.max() + 0.1  # the data make the last block matter
    fit = gap.trend(lag, n_boot=4000, block_months=6, level=1.0)
    assert fit["slope_months_per_year"] == pytest.approx(slope, rel=1e-9)
    assert fit["ci_low"] == pytest.approx(every.min(), rel=1e-9)
    assert fit["ci_high"] == pytest.approx(every.max(), rel=1e-9)
