"""Chapter 06, the conclusion: the comparisons it makes with the claim.

The scenario medians come from chapter 04's simulations
(:func:`ailead.chapters.ch04.end_summaries`, cached), so the conclusion
places exactly the numbers chapter 04 prints and runs no simulation of its own.
"""

from __future__ import annotations

from .. import data, gap, summary, wording
from .. import scenarios as sc
from ..figures import hero
from . import Page, cached_page, ch04, chapter_data_as_of


@cached_page
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
    _findings(p, low, high)
    return p


def _findings(p: Page, low: float, high: float) -> None:
    """The verdict that opens the book and this chapter, and the hero chart
    (issue 16, item 1): chapter 01's lag and trend, chapter 04's two worlds."""
    models = data.load("frontier_models")
    lag = gap.lag_frame(models, start=gap.WINDOW_START, end=models["release_date"].max())
    daily = lag["lag_months"]
    latest = float(daily.dropna().iloc[-1])
    trend = gap.trend(gap.for_trend(lag))
    ends = ch04.end_summaries()
    act, drift = (float(ends[name]["median"]) for name in ("act", "drift"))
    p.add(
        concl_verdict=wording.lead_verdict(latest, trend["verdict"], low, high),
        concl_band=wording.claim_band(low, high),
        concl_act_vs_drift=wording.by_threshold(act - drift, 0, "shortens", "lengthens"),
    )
    # The intro and this chapter say the model has acting lengthen the lead and
    # that the forecast runs to the end of 2028 from the measured lag.
    p.check("the act median in December 2028 is above the drift median", act > drift)
    p.check("the US led on the latest day in the data", latest > 0)
    fans = {name: sc.lag_fan(sim) for name, sim in ch04.simulations().items()}
    p.check(
        "both fans end in December 2028", all(f.index[-1].strftime("%Y-%m") == sc.END.strftime("%Y-%m") for f in fans.values())
    )
    p.charts["concl_fig_hero"] = hero.hero_chart(daily, fans, low, high)
