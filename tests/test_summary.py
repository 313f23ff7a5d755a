import pandas as pd
import pytest

from ailead import cache, data, summary
from ailead.chapters import ch04, ch06


def test_led_every_day():
    days = pd.date_range("2024-01-01", periods=3)
    assert summary.led_every_day(pd.Series([1.0, 0.5, float("nan")], index=days))
    assert not summary.led_every_day(pd.Series([1.0, -0.5, 2.0], index=days))
    # A lag of exactly zero is a tie, not a lead.
    assert not summary.led_every_day(pd.Series([1.0, 0.0, 2.0], index=days))
    with pytest.raises(ValueError):
        summary.led_every_day(pd.Series([float("nan")], index=days[:1]))


def test_claimed_range_comes_from_the_claims_table():
    claims = pd.DataFrame({"id": ["a", summary.CLAIM_ID], "lead_months_low": [1, 12], "lead_months_high": [2, 24]})
    assert summary.claimed_range(claims) == (12.0, 24.0)
    low, high = summary.claimed_range(data.load("claims"))
    assert low < high


def _toy_models(rows):
    return pd.DataFrame(
        [{"model": m, "country": c, "release_date": pd.Timestamp(d), "eci_score": float(x)} for m, c, d, x in rows]
    )


def test_gap_facts_on_a_toy_table():
    # The US reaches 100 on 1 Jan 2023 and 110 on 20 Jan; China reaches 100
    # on 1 Feb (lag 31 days, growing a day per day to 58 on 28 Feb) and 110
    # on 1 Mar, the last day of data, when the lag falls to 40 days.
    from ailead.constants import CHINA, DAYS_PER_MONTH, US

    models = _toy_models(
        [
            ("us-0", US, "2022-12-01", 90),
            ("us-1", US, "2023-01-01", 100),
            ("us-2", US, "2023-01-20", 110),
            ("cn-1", CHINA, "2023-02-01", 100),
            ("cn-2", CHINA, "2023-03-01", 110),
        ]
    )
    facts = summary.gap_facts(models)
    assert facts["latest"] == pytest.approx(40 / DAYS_PER_MONTH)
    assert facts["max"] == pytest.approx(58 / DAYS_PER_MONTH)
    assert facts["led_every_day"] is True


def test_the_conclusion_places_chapter_four_medians_without_simulating_again(monkeypatch):
    ends = ch04.end_summaries()

    def no_simulation(*args, **kwargs):
        raise AssertionError("the conclusion must reuse chapter 04's draws")

    ch06.page.cache_clear()
    monkeypatch.setenv(cache.CACHE_ENV, "0")  # compute the page here, not read a stored one
    monkeypatch.setattr("ailead.scenarios.simulate_lag", no_simulation)
    monkeypatch.setattr("ailead.scenarios.forecast.policy.simulate", no_simulation)
    values = ch06.page().values
    low, high = summary.claimed_range(data.load("claims"))
    order = {"below": 0, "within": 1, "above": 2}
    for name in ("act", "drift"):
        median = float(ends[name]["median"])
        expected = "below" if median < low else ("above" if median > high else "within")
        assert values[f"concl_{name}_median_vs_claim"] == expected
    # Acting only removes compute and distillation from the follower, so its
    # lead can never sit lower against the range than drifting.
    assert order[values["concl_act_median_vs_claim"]] >= order[values["concl_drift_median_vs_claim"]]
    assert order[values["concl_act_high_vs_claim"]] >= order[values["concl_drift_high_vs_claim"]]
