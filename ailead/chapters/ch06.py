"""Chapter 06, the conclusion: the comparisons it makes with the claim.

The scenario medians come from chapter 04's simulations
(:func:`ailead.chapters.ch04.end_summaries`, cached), so the conclusion
places exactly the numbers chapter 04 prints and runs no simulation of its own.
"""

from __future__ import annotations

from functools import lru_cache

from .. import data, summary, wording
from .. import scenarios as sc
from . import Page, ch04, chapter_data_as_of


@lru_cache(maxsize=1)
def page() -> Page:
    p = Page("ch06")
    low, high = summary.claimed_range(data.load("claims"))
    facts = summary.gap_facts(data.load("frontier_models"))
    p.add(
        concl_claim_low=low,
        concl_claim_high=high,
        concl_latest_vs_claim=wording.position(facts["latest"], low, high),
        concl_max_vs_claim=wording.position(facts["max"], low, high),
        concl_us_led_every_day="led" if facts["led_every_day"] else "did not lead",
    )
    ends = ch04.end_summaries()
    for name in sc.SCENARIOS:
        p.add(
            **{
                f"concl_{name}_median_vs_claim": wording.position(float(ends[name]["median"]), low, high),
                f"concl_{name}_high_vs_claim": wording.position(float(ends[name]["high"]), low, high),
            }
        )
    p.add(ch06_data_as_of=chapter_data_as_of("ch06"))
    return p
