import pandas as pd
import pytest

from ailead import data, summary


@pytest.mark.parametrize("value, expected", [(11.9, "below"), (12, "within"), (24, "within"), (24.1, "above")])
def test_position_against_a_range(value, expected):
    assert summary.position(value, 12, 24) == expected


def test_position_rejects_an_inverted_range():
    with pytest.raises(ValueError):
        summary.position(5, 24, 12)


def test_led_every_day():
    days = pd.date_range("2024-01-01", periods=3)
    assert summary.led_every_day(pd.Series([1.0, 0.5, float("nan")], index=days))
    assert not summary.led_every_day(pd.Series([1.0, -0.5, 2.0], index=days))
    with pytest.raises(ValueError):
        summary.led_every_day(pd.Series([float("nan")], index=days[:1]))


def test_claimed_range_comes_from_the_claims_table():
    claims = pd.DataFrame({"id": ["a", summary.CLAIM_ID], "lead_months_low": [1, 12], "lead_months_high": [2, 24]})
    assert summary.claimed_range(claims) == (12.0, 24.0)
    low, high = summary.claimed_range(data.load("claims"))
    assert low < high


def test_scenario_facts_place_acting_at_or_above_drifting():
    order = {"below": 0, "within": 1, "above": 2}
    facts = summary.scenario_facts(data.load("claims"), n=2000, seed=0)
    assert set(facts.values()) <= set(order)
    # Acting only removes compute and distillation from the follower, so its
    # lead can never sit lower against the range than drifting.
    assert order[facts["act_median_vs_claim"]] >= order[facts["drift_median_vs_claim"]]
    assert order[facts["act_high_vs_claim"]] >= order[facts["drift_high_vs_claim"]]
