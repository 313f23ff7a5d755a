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


def test_quantity_takes_the_singular_only_at_exactly_one():
    assert wording.quantity(1.0, "month") == "1 month"
    assert wording.quantity(0.5, "month") == "0.5 months"
    assert wording.quantity(2.0, "month") == "2 months"
    assert wording.quantity(1.5, "datum", "data") == "1.5 data"


def test_dates_and_joins():
    day = pd.Timestamp("2026-01-02")
    assert wording.long_date(day) == "2 January 2026"
    assert wording.month(day) == "January 2026"
    assert wording.iso_date(day) == "2026-01-02"
    assert wording.join([]) == "" and wording.join(["a"]) == "a"
    assert wording.join(["a", "b"]) == "a and b"
    assert wording.join(["a", "b", "c"], last="or") == "a, b or c"
    assert wording.capitalise("no clear trend") == "No clear trend"


# --- claims ---


def _part(measure, facts, verdict="supported"):
    from ailead.claims import Part

    return Part(measure, "level", verdict, facts)


def test_claims_short_forms():
    assert wording.size_text((7.0, 10.0)) == "7-10" and wording.size_text((12.0, 12.0)) == "12"
    assert wording.iso_month("2025-05-14") == "2025-05"
    assert wording.date_span("2025-05-14", "2026-05-14") == "2025-05-14 to 2026-05-14"
    assert wording.signed_span(-5.62, 0.55) == "-5.6 to +0.6"
    assert wording.verdict_change("a-1", "supported", "mixed") == "a-1: supported -> mixed"


def test_chip_words_name_the_chips_and_the_share():
    names = {"h20": "H20", "b200": "B200"}
    legal = {"best_legal_chip": "h20", "best_us_chip": "b200", "tpp_ratio": 0.074}
    none = {"best_legal_chip": None, "best_us_chip": "b200", "tpp_ratio": 0.0}
    assert wording.chip_text(legal, names) == "best legal chip H20 at 7% of the TPP of B200"
    assert wording.chip_text(none, names) == "no listed chip legal for China (best US chip B200)"
    assert wording.chip_phrase(legal, names) == (
        "the best chip that could legally be sold to China was the H20, with 7% of the processing performance of the B200"
    )
    assert wording.chip_phrase(none) == "no chip in the table could legally be sold to China (the best US chip was the b200)"


def test_speakers_name_organisations_for_several_authors():
    claims = pd.DataFrame({"id": ["a", "b", "c", "d"], "who": ["A", "B; C", "E", "A"], "affiliation": ["x", "Group", "y", "x"]})
    assert wording.speakers(claims, ["a", "b", "c"]) == "A, Group and E"
    assert wording.speakers(claims, ["a", "d"]) == "A"  # one person, named once
    assert wording.speakers(claims, []) == ""


def test_evidence_of_each_kind_of_test():
    day, end = pd.Timestamp("2025-01-29"), pd.Timestamp("2026-04-30")
    lag = {"kind": "lag", "bound": "exact", "lag": 1.44, "day": day, "data_end": end, "size": (7.0, 10.0)}
    assert wording.evidence(_part("capabilities", lag)) == "ECI lag 1.4 months on 2025-01-29 (claimed 7-10 months)"
    at_most = {**lag, "bound": "at most", "lag": -3.98, "size": None}
    assert wording.evidence(_part("open_models", at_most)) == (
        "open-weight lag at most -4.0 months on 2025-01-29 (ahead, not matched by 2026-04-30)"
    )
    trend = {"kind": "trend", "slope": 5.04, "ci_low": 4.1, "ci_high": 6.06, "level": 0.9, "start": day, "end": end}
    assert (
        wording.evidence(_part("capabilities", trend)) == "ECI lag trend +5.0 months/yr (90% CI +4.1 to +6.1), 2025-01 to 2026-04"
    )
    compute = {"kind": "compute", "us_share": 0.75, "china_share": 0.15, "ratio": 5.0, "source": "pilz-2025", "date": day}
    assert wording.evidence(_part("compute", {**compute, "sized": False})) == (
        "US 75% vs China 15% of AI compute (5.0x; pilz-2025, 2025-01-29)"
    )
    assert wording.evidence(_part("compute", {**compute, "sized": True})).endswith(
        "(size in months not measurable here; direction only)"
    )
    chip = {"best_legal_chip": "h20", "best_us_chip": "b200", "tpp_ratio": 0.5}
    none = {**chip, "best_legal_chip": None, "tpp_ratio": 0.0}
    moved = {"kind": "chip_trend", "start_chip": none, "start": day, "end_chip": chip, "end": end, "measurable": False}
    text = wording.evidence(_part("chips", moved))
    assert text.startswith("no listed chip legal for China (best US chip b200) on 2025-01-29; best legal chip h20 at 50%")
    assert text.endswith("(change not measurable: no listed chip legal at one end)")
    assert not wording.evidence(_part("chips", {**moved, "measurable": True})).endswith(")")
    assert wording.evidence(_part("chips", {"kind": "after_data", "data_end": end})) == (
        "after the data: the ECI table ends 2026-04-30"
    )
    assert wording.evidence(_part("capabilities", {"kind": "no_lag", "day": day})) == "no ECI lag on 2025-01-29"
    for kind, words in wording.UNTESTED_PARTS.items():
        assert wording.evidence(_part("chips", {"kind": kind})) == words
    with pytest.raises(ValueError, match="no words"):
        wording.evidence(_part("chips", {"kind": "séance"}))


def test_why_a_claim_is_not_testable_and_its_evidence_cell():
    from ailead.claims import Assessment

    assert wording.untested_reason(Assessment("not testable", [], {"kind": "no_data", "metric": "talent"})) == (
        "no data in this book on talent"
    )
    forecast = Assessment("not testable", [], {"kind": "forecast"})
    assert wording.untested_reason(forecast) == wording.claim_evidence(forecast) == wording.CLAIM_REASONS["forecast"]
    pending = _part("chips", {"kind": "chips_pending"}, "not testable")
    series = _part("compute", {"kind": "no_compute_series"}, "not testable")
    both = Assessment("not testable", [pending, series, pending])
    assert wording.untested_reason(both) == "chip ceiling pending (export-control chapter); no time series of compute shares"
    lag = _part("capabilities", {"kind": "no_lag", "day": pd.Timestamp("2025-01-01")}, "mixed")
    assert wording.untested_reason(Assessment("mixed", [lag, series])) == ""
    assert wording.claim_evidence(Assessment("mixed", [lag])) == "no ECI lag on 2025-01-01"
    assert wording.claim_evidence(Assessment("mixed", [lag, series])) == (
        "no ECI lag on 2025-01-01 [mixed]; no time series of compute shares [not testable]"
    )


# --- chapter 04: the two outcomes for 2028 ---


def test_span_formats_both_ends():
    assert wording.span(10.1006, 14.18) == "10.1 to 14.2"
    assert wording.span(0.5, 2, ".0f") == "0 to 2"


@pytest.mark.parametrize("error, reference, words", [(1.9, 5.8, "better"), (5.8, 5.8, "as well"), (5.9, 5.8, "worse")])
def test_fares_says_which_error_is_smaller(error, reference, words):
    assert wording.fares(error, reference) == words


@pytest.mark.parametrize("value, words", [(11.99, "less"), (12.0, "more"), (12.3, "more")])
def test_by_threshold_counts_the_threshold_itself_as_reached(value, words):
    assert wording.by_threshold(value, 12, "less", "more") == words


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
    assert wording.plain_number(2_500_000_000.0) == "2.5 billion"
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


# --- calibrated claim verdicts (issue 14) ---


def test_evidence_of_the_calibrated_trend_and_the_window_mean():
    from ailead.claims import Part

    day, end = pd.Timestamp("2025-01-10"), pd.Timestamp("2026-01-10")
    trend = {
        "kind": "calibrated_trend",
        "slope": 5.93,
        "null_low": -6.55,
        "null_high": 7.3,
        "p_value": 0.1,
        "reading": "no clear trend",
        "level": 0.95,
        "start": day,
        "end": end,
        "noise_low": 0.45,
        "noise_high": 10.56,
    }
    text = wording.evidence(Part("capabilities", "trend", "mixed", trend))
    assert text == (
        "ECI lag trend +5.9 months/yr, 2025-01 to 2026-01: no clear trend (no-trend 95% range -6.5 to +7.3, "
        "p = 0.10; with score noise +0.5 to +10.6)"
    )
    mean = {"kind": "lag_mean", "bound": "exact", "lag": 4.44, "start": day, "day": end, "size": (7.0, 10.0)}
    text = wording.evidence(Part("capabilities", "level", "mixed", {**mean, "noise_low": 2.4, "noise_high": 14.1}))
    assert text == "ECI lag 4.4 months on average, 2025-01-10 to 2026-01-10; with score noise 2.4 to 14.1 (claimed 7-10 months)"
    quiet = wording.evidence(
        Part("capabilities", "level", "mixed", {**mean, "noise_low": float("nan"), "noise_high": float("nan")})
    )
    assert "score noise" not in quiet
    # Other kinds still go to the first writer.
    assert wording.evidence(Part("compute", "trend", "not testable", {"kind": "no_compute_series"})) == (
        "no time series of compute shares"
    )


def test_fragility_and_cost_sentences():
    assert wording.fragility(True, True) == "robust"
    assert wording.fragility(False, True) == "fragile: window"
    assert wording.fragility(True, False) == "fragile: noise"
    assert wording.fragility(None, None) is None
    assert wording.cost_sentence("the campaigns", "the X run", "small", "noticeable") == (
        "the campaigns against the X run: a small cost, though not a prohibitive one"
    )
    assert wording.ROBUST_EVIDENCE_LABELS["inconclusive"] == "inconclusive"


# --- sources and yardsticks (issue 15: ch01, tables) ---


def test_source_label_names_publisher_and_title_and_a_copy_its_original():
    assert wording.source_label("Epoch AI", "US vs China ECI", "primary") == "Epoch AI: US vs China ECI"
    assert (
        wording.source_label("Glance", "H20 licences", "copy", "Reuters")
        == "Reuters: H20 licences, read through a copy at Glance"
    )
    # A copy whose original publisher is unknown is named by the page's own publisher.
    assert wording.source_label("Mirror", "T", "copy", None) == "Mirror: T"
    assert wording.source_label("Mirror", "T", "copy", float("nan")) == "Mirror: T"


def test_publisher_label_matches_the_tables_words():
    assert wording.publisher_label("WION", "reporting") == "WION"
    assert (
        wording.publisher_label("Mint", "copy", "The Wall Street Journal")
        == "The Wall Street Journal, read through a copy at Mint"
    )


def test_yardstick_value_prints_a_value_a_range_or_two_scores():
    nan = float("nan")
    assert wording.yardstick_value(8.0, nan, nan) == "8"
    assert wording.yardstick_value(2.7, nan, nan) == "2.7"
    assert wording.yardstick_value(nan, 3.0, 6.0) == "3–6"
    assert wording.yardstick_value(nan, nan, nan, "GPT-5.5", 60.0, "Qwen3.7-Max", 57.0) == "GPT-5.5 60; Qwen3.7-Max 57"
    with pytest.raises(ValueError):
        wording.yardstick_value(nan, nan, nan)


def test_shorter_or_longer_and_open_weights_words():
    assert wording.shorter_or_longer(-1.7) == "shorter than"
    assert wording.shorter_or_longer(0.4) == "longer than"
    assert wording.shorter_or_longer(0.0) == "the same as"
    assert [wording.open_weights_word(v) for v in (True, False, None)] == ["open", "closed", "unknown"]
    assert wording.YARDSTICK_UNITS["months"] == "months"


# --- legal ceiling causes (issue 17) ---


def test_chips_listed_as_part_of_a_system_are_named_by_the_system():
    assert wording.chip_name("NVIDIA B200 in GB200 NVL72 (1200 W)") == "GB200"
    assert wording.chip_name("NVIDIA B300 (Blackwell Ultra) in GB300 NVL72 (1400 W)") == "GB300"
    assert wording.chip_name("Huawei Ascend 950PR (Atlas 350 card)") == "Ascend 950PR"


def test_ceiling_causes_and_precisions_in_words():
    events = pd.DataFrame({"date": pd.to_datetime(["2026-03-03"])}, index=["grant"])
    assert wording.ceiling_cause("frontier", "product_release", "gb", {"gb": "GB300"}) == "a new frontier chip (GB300)"
    assert wording.ceiling_cause("legal", "licence_decision", "grant", {}, events) == "a licence decision (2026-03-03)"
    assert wording.ceiling_cause("legal", None, None, {}) == ""
    with pytest.raises(ValueError):
        wording.ceiling_cause("middle", "rule", "x", {})
    assert wording.precision_list("fp4_dense_tflops") == "FP4"
    assert wording.precision_list("int8_dense_tops;bf16_dense_tflops;fp8_dense_tflops") == "INT8, BF16 and FP8"


def test_compact_numbers_use_words_above_a_million():
    assert wording.compact_number(2_500_000_000) == "2.5 billion"
    assert wording.compact_number(28_800_000) == "28.8 million"
    assert wording.compact_number(1_000_000) == "1 million"
    assert wording.compact_number(850_000) == "850,000"
    assert wording.compact_number(0.75) == "0.75"
    assert wording.compact_number(-3e12) == "-3 trillion"
