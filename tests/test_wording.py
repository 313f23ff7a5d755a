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
