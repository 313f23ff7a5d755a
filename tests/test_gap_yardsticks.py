"""Other published yardsticks and the bounds on the latest lag for releases the
index has not scored (issue 15, items 4-5), on small hand-built tables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ailead import gap
from ailead.constants import CHINA, DAYS_PER_MONTH, US


def models(rows):
    frame = pd.DataFrame(rows, columns=["model", "country", "release_date", "eci_score"])
    frame["release_date"] = pd.to_datetime(frame["release_date"])
    return frame


def yardsticks(rows):
    columns = ["id", "publisher", "published", "unit", "value", "value_low", "value_high", "us_value", "china_value", "as_of"]
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("published", "as_of"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


INDEX = models(
    [
        ["US-A", US, "2023-01-01", 100.0],
        ["US-B", US, "2024-01-01", 120.0],
        ["CN-A", CHINA, "2024-07-01", 120.0],
    ]
)


def test_yardstick_rows_sort_by_date_and_fill_central_from_a_range():
    rows = gap.yardstick_rows(
        yardsticks(
            [
                ["late", "P", "2026-05-01", "months", 8, None, None, None, None, "2026-04-01"],
                ["range", "Q", "2026-04-24", "months", None, 3, 6, None, None, "2026-04-24"],
                ["scores", "R", "2026-06-16", "points", None, None, None, 56, 44, "2026-06-16"],
                ["pct", "S", "2026-04-13", "percent", 2.7, None, None, None, None, "2026-03-01"],
            ]
        )
    )
    assert rows["id"].tolist() == ["pct", "range", "late", "scores"]
    by_id = rows.set_index("id")
    assert by_id.at["range", "central"] == 4.5  # midpoint of 3 and 6
    assert by_id.at["late", "central"] == 8
    assert math.isnan(by_id.at["scores", "central"])
    assert by_id.at["scores", "score_difference"] == 12
    assert math.isnan(by_id.at["late", "score_difference"])
    assert by_id["in_time"].to_dict() == {"pct": False, "range": True, "late": True, "scores": False}


def test_lag_on_reads_the_daily_lag_and_refuses_days_after_the_index():
    # On 2024-07-01 China reaches 120, which the US reached on 2024-01-01.
    assert gap.lag_on(INDEX, "2024-07-01") == pytest.approx(182 / DAYS_PER_MONTH)
    # The day before, China had no model: nothing to compare.
    assert math.isnan(gap.lag_on(INDEX, "2024-06-30"))
    with pytest.raises(ValueError, match="after the last release"):
        gap.lag_on(INDEX, "2024-07-02")


def releases(rows):
    frame = pd.DataFrame(rows, columns=["model", "country", "release_date"])
    frame["release_date"] = pd.to_datetime(frame["release_date"])
    return frame


def test_bounds_after_the_index_carry_the_lag_forward_or_reset_it_at_the_latest_chinese_release():
    later = releases(
        [
            ["CN-early", CHINA, "2024-06-01"],  # before the index ends: not a candidate
            ["US-later", US, "2024-08-01"],
            ["CN-later", CHINA, "2024-09-01"],
            ["CN-mid", CHINA, "2024-08-10"],
        ]
    )
    bounds = gap.lag_bounds_after_index(INDEX, later, "2024-12-01")
    assert bounds["index_end"] == pd.Timestamp("2024-07-01")
    assert bounds["lag_index_end"] == pytest.approx(182 / DAYS_PER_MONTH)
    # No Chinese release moved China's frontier: 2024-01-01 is still the match day.
    assert bounds["upper"] == pytest.approx(335 / DAYS_PER_MONTH)
    # China's latest release matched the US of its day: lag 0 then, growing after.
    assert bounds["matched_model"] == "CN-later"
    assert bounds["matched_date"] == pd.Timestamp("2024-09-01")
    assert bounds["lower"] == pytest.approx(91 / DAYS_PER_MONTH)
    assert bounds["lower"] < bounds["upper"]


def test_bounds_need_a_later_chinese_release_and_an_end_after_the_index():
    only_us = releases([["US-later", US, "2024-08-01"], ["CN-early", CHINA, "2024-06-01"]])
    with pytest.raises(ValueError, match="no China release after"):
        gap.lag_bounds_after_index(INDEX, only_us, "2024-12-01")
    with pytest.raises(ValueError, match="before the index's last release"):
        gap.lag_bounds_after_index(INDEX, only_us, "2024-06-30")


def test_bounds_edges_a_release_on_the_index_last_day_is_scored_and_the_end_may_be_that_day():
    # A Chinese release on the index's last day is in the index already, so it is no candidate.
    same_day = releases([["CN-same-day", CHINA, "2024-07-01"]])
    with pytest.raises(ValueError, match="no China release after"):
        gap.lag_bounds_after_index(INDEX, same_day, "2024-12-01")
    later = releases([["CN-later", CHINA, "2024-09-01"], ["CN-after-end", CHINA, "2024-12-02"]])
    # Ending on the index's last day is allowed (nothing is released after it by then).
    with pytest.raises(ValueError, match="no China release after"):
        gap.lag_bounds_after_index(INDEX, later, "2024-07-01")
    # A release after the end does not count.
    assert gap.lag_bounds_after_index(INDEX, later, "2024-12-01")["matched_model"] == "CN-later"
    assert gap.lag_bounds_after_index(INDEX, later, "2024-09-01")["lower"] == 0
