"""The facts the conclusion compares with the claim it tests.

Every comparison the closing pages make ("below Anthropic's range", "the US
led on every day") starts from numbers computed here from the same tables
and functions as the chapters; :mod:`ailead.chapters.ch06` words them.
"""

from __future__ import annotations

import pandas as pd

from . import gap
from .constants import WINDOW_START

#: The claim the book tests (a row of data/claims.csv).
CLAIM_ID = "anthropic-2026-lock-in-lead"


def claimed_range(claims: pd.DataFrame, claim_id: str = CLAIM_ID) -> tuple[float, float]:
    """The lead in months the claim names, low and high, from the claims table."""
    row = claims.set_index("id").loc[claim_id]
    return float(row["lead_months_low"]), float(row["lead_months_high"])


def led_every_day(lag: pd.Series) -> bool:
    """True when the leader was ahead (positive lag) on every day measured."""
    measured = lag.dropna()
    if measured.empty:
        raise ValueError("no measured lag")
    return bool((measured > 0).all())


def gap_facts(models: pd.DataFrame) -> dict:
    """The measured lag's latest and longest values, and whether the US led on every day."""
    lag = gap.lag_months(models, start=WINDOW_START, end=models["release_date"].max())
    stats = gap.summarize(lag)
    return {"latest": stats["latest"], "max": stats["max"], "led_every_day": led_every_day(lag)}
