"""The words the summary and conclusion use to compare numbers with claims.

Every comparison the closing pages make ("below Anthropic's range", "the US
led on every day") is computed here from the same tables and functions as
the chapters, so the prose cannot drift from the data.
"""

from __future__ import annotations

import pandas as pd

from . import gap

#: The claim the book tests (a row of data/claims.csv).
CLAIM_ID = "anthropic-2026-lock-in-lead"


def claimed_range(claims: pd.DataFrame, claim_id: str = CLAIM_ID) -> tuple[float, float]:
    """The lead in months the claim names, low and high, from the claims table."""
    row = claims.set_index("id").loc[claim_id]
    return float(row["lead_months_low"]), float(row["lead_months_high"])


def position(value: float, low: float, high: float) -> str:
    """Where a value sits against a range: 'below', 'within' or 'above'."""
    if low > high:
        raise ValueError(f"range low end {low} exceeds high end {high}")
    if value < low:
        return "below"
    if value > high:
        return "above"
    return "within"


def led_every_day(lag: pd.Series) -> bool:
    """True when the leader was ahead (positive lag) on every day measured."""
    measured = lag.dropna()
    if measured.empty:
        raise ValueError("no measured lag")
    return bool((measured > 0).all())


def gap_facts(models: pd.DataFrame, claims: pd.DataFrame) -> dict:
    """The lag's facts in the form the closing pages paste."""
    low, high = claimed_range(claims)
    lag = gap.lag_months(models, start=gap.WINDOW_START, end=models["release_date"].max())
    stats = gap.summarize(lag)
    return {
        "claim_low": low,
        "claim_high": high,
        "latest_vs_claim": position(stats["latest"], low, high),
        "max_vs_claim": position(stats["max"], low, high),
        "us_led_every_day": "led" if led_every_day(lag) else "did not lead",
    }


def scenario_facts(claims: pd.DataFrame, n: int = 10_000, seed: int = 0) -> dict:
    """Where each scenario's median lead at the model's end date sits against
    the claimed range (same draws and seed as the scenario chapter)."""
    from . import scenarios

    low, high = claimed_range(claims)
    facts = {}
    for name in scenarios.SCENARIOS:
        scenario = scenarios.get(name)
        row = scenarios.summary(scenarios.simulate(scenario, n=n, seed=seed), [scenario.end]).iloc[0]
        facts[f"{name}_median_vs_claim"] = position(float(row["median"]), low, high)
        facts[f"{name}_high_vs_claim"] = position(float(row["high"]), low, high)
    return facts
