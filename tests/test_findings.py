"""Findings first (issue 16, items 1, 2 and 7): the verdict's wording, the
forecast's validation status in words, and the hero chart."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from ailead import wording
from ailead.figures import hero

ROOT = Path(__file__).resolve().parents[1]


# --- the verdict ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("latest", "trend", "expected"),
    [
        (10.2, "no clear trend", "The US leads by less than the claimed 12 to 24 months, and the lead is neither"),
        (12, "narrowing", "The US leads by the claimed 12 to 24 months, and the lead is shrinking"),
        (24, "widening", "The US leads by the claimed 12 to 24 months, and the lead is growing"),
        (30, "widening", "The US leads by more than the claimed 12 to 24 months, and the lead is growing"),
        (0, "narrowing", "China has caught up with the US frontier, and the lead is shrinking"),
    ],
)
def test_the_verdict_places_the_lead_and_names_its_direction(latest, trend, expected):
    assert wording.lead_verdict(latest, trend, 12, 24).startswith(expected)


def test_a_narrowing_lag_is_a_shrinking_lead():
    # The trend verdict is about the lag; the verdict speaks of the lead.
    assert "shrinking" in wording.lead_verdict(8, "narrowing", 12, 24)
    assert wording.lag_trend("narrowing") == "the lag is narrowing"
    assert wording.lag_trend("no clear trend") == "the lag shows no clear trend"


def test_unknown_trend_verdicts_are_refused():
    with pytest.raises(ValueError, match="unknown trend verdict"):
        wording.lead_verdict(8, "flat", 12, 24)
    with pytest.raises(ValueError, match="unknown trend verdict"):
        wording.lag_trend("flat")


def test_the_band_and_the_hero_title():
    assert wording.claim_band(12.0, 24.0) == "12 to 24 months"
    assert wording.claim_band(12.5, 24) == "12.5 to 24 months"
    assert wording.against_band(30, 12, 24) == "above the claimed 12 to 24 months"
    title = wording.hero_title(10.4, 13.6, 7.2, 12, 24)
    assert title.startswith("China trails by 10 months, below the claimed 12 to 24;")
    assert "14 months if the US acts and 7 if it does not" in title


def test_horizons_read_with_plurals():
    assert wording.horizons_ahead([1]) == "1 month ahead"
    assert wording.horizons_ahead([3, 6]) == "3 and 6 months ahead"
    assert wording.horizons_ahead([1, 3, 12], last="or") == "1, 3 or 12 months ahead"
    with pytest.raises(ValueError):
        wording.horizons_ahead([])


# --- the validation status -----------------------------------------------------


def _acceptance(ratios: dict[int, float], cover80=0.8, cover50=0.5, hindcast=True, spread=0.05) -> pd.DataFrame:
    """An acceptance table of the shape :func:`ailead.scenarios.acceptance`
    returns, built by hand with the bounds of issue 13."""
    rows = []
    for h, ratio in ratios.items():
        bound = 0.8 if h <= 3 else 1.0
        rows.append((f"CRPS ratio to the best baseline, {h} months", ratio, f"<= {bound}", ratio <= bound))
    rows.append(("coverage of the 80% interval", cover80, "0.7-0.9", 0.7 <= cover80 <= 0.9))
    rows.append(("coverage of the 50% interval", cover50, "0.4-0.6", 0.4 <= cover50 <= 0.6))
    for statistic in ("share_ge_12", "mean_lag", "longest_lag"):
        rows.append((f"hindcast {statistic} inside its 10th-90th range", 1.0, "0-2", hindcast))
    rows.append(("act: spread of P(lag >= 12) across variants", spread, "<= 0.10", spread <= 0.10))
    return pd.DataFrame(rows, columns=["criterion", "measured", "bound", "holds"])


def test_a_forecast_that_passes_everything_is_called_validated():
    text = wording.forecast_validation(_acceptance({1: 0.5, 3: 0.6, 6: 0.9, 12: 0.9}))
    assert text.startswith("The forecast passes all 10 acceptance tests")
    assert "not validated" not in text


def test_each_failure_is_named_in_plain_words():
    table = _acceptance({1: 0.88, 3: 0.71, 6: 0.95, 12: 2.5}, cover80=0.61, spread=0.16)
    text = wording.forecast_validation(table)
    assert text.startswith("The forecast passes 6 of its 10 acceptance tests:")
    assert "by the required margin 3 and 6 months ahead" in text
    assert "only narrowly 1 month ahead" in text
    assert "worse than that baseline 12 months ahead" in text
    assert "its 80% intervals are too narrow" in text
    assert "50% intervals" not in text  # it passes
    assert "moves too much between reasonable variants" in text
    assert "reproduce" not in text  # the hindcast passes
    assert text.endswith("How long the lead would be in 2028 is therefore not validated.")
    assert "CRPS" not in text and "_" not in text  # no codes for readers


def test_too_wide_intervals_and_a_failed_hindcast_are_named():
    text = wording.forecast_validation(_acceptance({1: 0.5, 3: 0.5, 6: 0.5, 12: 0.5}, cover50=0.8, hindcast=False))
    assert "its 50% intervals are too wide" in text
    assert "does not reproduce the lag already measured" in text
    assert "80% intervals" not in text


def test_a_forecast_worse_everywhere_is_said_to_be_worse():
    text = wording.forecast_validation(_acceptance({1: 1.2, 3: 1.3}))
    assert "it is worse than the best simple baseline 1 and 3 months ahead" in text
    assert "required margin" not in text


# --- the hero chart ------------------------------------------------------------


def _daily() -> pd.Series:
    days = pd.date_range("2024-01-01", "2024-03-31", freq="D")
    values = pd.Series(range(len(days)), index=days, dtype=float) / 30.4375 + 5
    values.iloc[40:] -= 3  # one catch-up
    return values


def _fan(start: str, median: float) -> pd.DataFrame:
    dates = pd.date_range(start, "2028-12-01", freq="MS")
    frame = pd.DataFrame({"q10": median - 4, "q25": median - 2, "q50": median, "q75": median + 2, "q90": median + 4}, index=dates)
    frame.index.name = "date"
    return frame


def test_the_hero_data_holds_what_the_chart_shows_and_no_plotting_layer():
    fans = {"act": _fan("2024-04-01", 14.0), "drift": _fan("2024-04-01", 7.0)}
    tidy = hero.hero_data(_daily(), fans)
    assert list(tidy.columns) == ["date", "series", "lag_months", "low_80_months", "high_80_months"]
    assert set(tidy["series"]) == {hero.MEASURED, *hero.WORLD_LABELS.values()}
    measured = tidy[tidy["series"] == hero.MEASURED]
    assert measured["low_80_months"].isna().all()
    # The thinned line keeps both ends and the catch-up.
    assert measured["date"].iloc[0] == "2024-01-01" and measured["date"].iloc[-1] == "2024-03-31"
    assert measured["lag_months"].diff().min() < -2
    act = tidy[tidy["series"] == hero.WORLD_LABELS["act"]]
    assert (act["low_80_months"] == 10).all() and (act["high_80_months"] == 18).all()
    assert act["date"].iloc[-1] == "2028-12-01"


def test_the_hero_chart_is_titled_with_its_finding_and_names_its_download():
    fans = {"act": _fan("2024-04-01", 14.0), "drift": _fan("2024-04-01", 7.0)}
    spec = hero.hero_chart(_daily(), fans, 12, 24).to_dict()
    meta = spec["usermeta"]["ailead"]
    assert meta["figure"] == "fig-00-hero"
    assert meta["title"] == wording.hero_title(_daily().iloc[-1], 14.0, 7.0, 12, 24)
    assert "80% interval" in meta["subtitle"] and "months" in meta["subtitle"]
    assert meta["units"] == hero.UNITS
    assert spec["title"]["orient"] == "top"
    labels = [row.get("label") for rows in spec["datasets"].values() for row in rows]
    assert "Claimed lead: 12 to 24 months" in labels
    assert {"14 months", "7 months"} <= set(labels)  # the worlds' ends, labelled directly


# --- the pages -----------------------------------------------------------------


def test_the_conclusion_glues_the_verdict_and_the_hero():
    from ailead.chapters import ch06

    page = ch06.page()
    assert page.failed_checks() == []
    assert page.values["concl_verdict"].startswith(("The US leads", "China has caught up"))
    assert page.values["concl_band"] == wording.claim_band(page.values["concl_claim_low"], page.values["concl_claim_high"])
    spec = page.charts["concl_fig_hero"].to_dict()
    assert spec["usermeta"]["ailead"]["figure"] == "fig-00-hero"


def test_the_intro_opens_with_the_verdict_and_the_hero_chart():
    text = (ROOT / "intro.md").read_text(encoding="utf-8")
    body = text.split("## The question")[0]
    assert "{glue:text}`concl_verdict`" in body
    assert "sc_acc_status" in body  # the validation status in the same paragraph
    assert "```{glue:figure} concl_fig_hero" in body
    assert body.index("concl_verdict") < body.index("concl_fig_hero")


@pytest.mark.parametrize("page", sorted((ROOT / "chapters").glob("0[1-6]_*.md")), ids=lambda p: p.stem)
def test_every_chapter_states_its_finding_before_its_first_section(page):
    text = page.read_text(encoding="utf-8")
    opening = text.split("\n## ", 1)[0]
    assert "{glue:text}" in opening, f"{page.name}: the opening pastes no computed finding"


@pytest.mark.parametrize("page", [ROOT / "intro.md", *sorted((ROOT / "chapters").glob("0*.md"))], ids=lambda p: p.stem)
def test_reader_pages_carry_no_maintainer_notes(page):
    text = page.read_text(encoding="utf-8")
    prose = re.sub(r"```\{code-cell\}.*?```", "", text, flags=re.S)
    for pattern in (r"\(s\)", r"tests/", r"\btest_\w+", r"earlier version", r"previous version", r"we changed", r"unit tests"):
        assert not re.search(pattern, prose, flags=re.I), f"{page.name}: {pattern!r} on a reader page"
