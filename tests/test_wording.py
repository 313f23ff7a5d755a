"""ailead.wording: every phrase the book computes."""

import math

import pandas as pd
import pytest

from ailead import wording


def test_position_counts_the_ends_as_within():
    assert wording.position(11.9, 12, 24) == "below"
    assert wording.position(12, 12, 24) == "within"
    assert wording.position(24, 12, 24) == "within"
    assert wording.position(24.1, 12, 24) == "above"
    with pytest.raises(ValueError):
        wording.position(1, 5, 2)


def test_relative_uses_the_tolerance_both_ways():
    assert wording.relative(8.0, 7.0) == "close to"
    assert wording.relative(8.01, 7.0) == "above"
    assert wording.relative(5.99, 7.0) == "below"
    assert wording.relative(5.99, 7.0, tolerance=2) == "close to"


@pytest.mark.parametrize(
    "p, words",
    [
        (1.0, "virtually certain"),
        (0.99, "virtually certain"),
        (0.989, "very likely"),
        (0.9, "very likely"),
        (0.66, "likely"),
        (0.659, "about as likely as not"),
        (0.33, "about as likely as not"),
        (0.1, "unlikely"),
        (0.099, "very unlikely"),
        (0.01, "very unlikely"),
        (0.0099, "exceptionally unlikely"),
        (0.0, "exceptionally unlikely"),
    ],
)
def test_likelihood_scale_bounds(p, words):
    assert wording.likelihood(p) == words


@pytest.mark.parametrize("p", [-0.01, 1.01, math.nan])
def test_likelihood_rejects_non_probabilities(p):
    with pytest.raises(ValueError):
        wording.likelihood(p)


def test_count_plurals():
    assert wording.count(1, "day") == "1 day"
    assert wording.count(0, "day") == "0 days"
    assert wording.count(2, "model") == "2 models"
    assert wording.count(1500, "exchange") == "1,500 exchanges"
    assert wording.count(2, "country", "countries") == "2 countries"
    assert wording.noun(1, "month") == "month" and wording.noun(3, "month") == "months"
    with pytest.raises(ValueError):
        wording.count(1.5, "day")


def test_dates_and_joins():
    day = pd.Timestamp("2026-01-02")
    assert wording.long_date(day) == "2 January 2026"
    assert wording.month(day) == "January 2026"
    assert wording.iso_date(day) == "2026-01-02"
    assert wording.join([]) == "" and wording.join(["a"]) == "a"
    assert wording.join(["a", "b"]) == "a and b"
    assert wording.join(["a", "b", "c"], last="or") == "a, b or c"
    assert wording.capitalise("no clear trend") == "No clear trend"


# --- export controls (ch02) ---


def test_comparison_codes_in_words():
    assert [wording.match_verb(c) for c in ("same", "more", "less")] == ["matched", "exceeded", "fell short of"]
    assert [wording.comparative(c) for c in ("same", "more", "less")] == ["equal to", "higher than", "lower than"]
    with pytest.raises(KeyError):
        wording.match_verb("bigger")


def test_chip_names_as_readers_say_them():
    assert wording.chip_name("NVIDIA H200 SXM 141GB") == "H200"
    assert wording.chip_name("NVIDIA B200 (HGX, 1000 W)") == "B200"
    assert wording.chip_name("Huawei Ascend 910C") == "Ascend 910C"


def test_policy_effect_joins_with_but_exactly_when_one_half_is_a_change():
    def effect(timing, same, before=0.5, after=0.5):
        return {"timing": timing, "same_height": same, "grant_tpp_ratio": before, "policy_tpp_ratio": after}

    assert wording.policy_effect(effect("earlier", True)) == "moves the last step earlier but does not change its height"
    assert wording.policy_effect(effect("same", True)) == (
        "leaves the date of the last step unchanged and does not change its height"
    )
    assert wording.policy_effect(effect("later", False, 0.5, 0.25)) == (
        "moves the last step later and changes its processing-performance share from 50% to 25%"
    )
    assert wording.policy_effect(effect("same", False, math.nan, 0.3)) == (
        "leaves the date of the last step unchanged but changes its processing-performance share from none to 30%"
    )


def test_yes_no_numbers_codes_and_countries():
    assert [wording.yes_no(v) for v in (True, False, None, pd.NA, math.nan)] == ["yes", "no", "unknown", "unknown", "unknown"]
    assert wording.plain_number(12500.0) == "12,500" and wording.plain_number(0.5) == "0.5"
    assert wording.plain_number(float("nan")) is None
    assert wording.code_words("press_investigation") == "press investigation"
    assert wording.country_short("United States of America") == "US" and wording.country_short("China") == "China"


# --- distillation (ch03) ---


@pytest.mark.parametrize(
    "central, high, phrase",
    [
        ("noticeable", "noticeable", "a noticeable cost, though not a prohibitive one"),
        ("small", "small", "a small cost"),
        ("small", "noticeable", "a small cost, though not a prohibitive one"),
        ("noticeable", "prohibitive", "a noticeable cost, and a prohibitive one in the high case"),
        ("prohibitive", "prohibitive", "a prohibitive cost"),
    ],
)
def test_cost_verdict_in_words(central, high, phrase):
    assert wording.cost_verdict(central, high) == phrase


def test_cost_verdict_refuses_a_cheaper_high_case():
    with pytest.raises(ValueError):
        wording.cost_verdict("prohibitive", "small")


def test_every_evidence_grade_and_figure_kind_has_its_words():
    grades = {"strong", "moderate", "weak", "none"}
    for words in (wording.EVIDENCE_LABELS, wording.EVIDENCE_SENTENCES, wording.EVIDENCE_TRACES):
        assert set(words) == grades
    assert wording.FIGURE_KIND_WORDS["lower_bound"] == "at least (lower bound)"
