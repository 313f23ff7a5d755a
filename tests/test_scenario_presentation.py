"""The scenario chapter's words, table rows and glue names
(ailead.presentation.scenarios and ailead.chapters.ch04)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from ailead import scenarios as sc
from ailead import tables
from ailead.chapters import ch04
from ailead.presentation import scenarios as words

START = pd.Timestamp("2026-01-01")


def hand(**values) -> sc.Scenario:
    central = {
        sc.US_GROWTH: 4.0,
        sc.STOCK_GROWTH: 4.0,
        sc.ALGO_GROWTH: 2.0,
        sc.SHARED: 1.0,
        sc.START_RATIO: 0.2,
        sc.DOMESTIC: 0.2,
        sc.LEGAL: 0.0,
        sc.SMUGGLED: 0.0,
        sc.OFFSHORE: 0.0,
        sc.RETAINED: 1.0,
        sc.DISTIL_SHARE: 0.0,
        sc.DISTIL_DELAY: 3.0,
        sc.MEASURED_LAG: 6.0,
    }
    central.update(values)
    parameters = {name: sc.Parameter(name, v, v, v) for name, v in central.items()}
    return sc.Scenario("hand", parameters, START, pd.Timestamp("2028-12-01"))


def _cells(html) -> list[str]:
    return re.findall(r"<t[dh]>(.*?)</t[dh]>", html.data)


def test_every_input_and_lever_has_a_label_and_every_input_a_short_one():
    assert set(sc.PARAMETERS) <= set(words.SHORT_LABELS)
    assert set(sc.PARAMETERS) | {sc.DISTIL_FROM_NOW} <= set(words.LABELS)


def test_the_outcome_table_reads_the_known_sample_in_words():
    dates = pd.DatetimeIndex(["2027-01-01"])
    # 11 draws 0..10: the 80% interval runs from the 10th to the 90th percentile, 1 to 9.
    sim = pd.DataFrame({dates[0]: [float(x) for x in range(11)]})
    sim.iloc[9:, 0] = [12.0, 30.0]
    cells = _cells(tables.show("scenarios.outcomes", words.lag_outcome_rows({"act": sim}, dates)))
    assert cells == [
        "World",
        "Month",
        "Median lag (months)",
        "80% interval (months)",
        "Chance of at least 12 months (not validated)",
        "Chance of at least 24 months (not validated)",
        "act",
        "January 2027",
        "5.0",
        "1.0 to 12.0",
        "18.2%",
        "9.1%",
    ]


def test_the_inputs_table_names_each_input_and_merges_only_equal_rows():
    worlds = {"act": hand(), "drift": hand(**{sc.LEGAL: 0.1})}
    rows = words.inputs_rows(worlds)
    shown, _ = tables.reader_frame("scenarios.inputs", rows)
    assert list(shown.columns) == ["Input", "World", "Central", "Low", "High", "Confidence", "Source"]
    legal = shown[shown["Input"] == words.LABELS[sc.LEGAL]]
    assert legal["World"].tolist() == ["act", "drift"]
    assert set(shown.loc[shown["Input"] != words.LABELS[sc.LEGAL], "World"]) == {"both"}
    assert len(shown) == len(sc.PARAMETERS) + 1


def test_headline_values_are_named_by_scenario_date_and_statistic():
    dates = pd.DatetimeIndex(["2027-01-01"])
    sim = pd.DataFrame({dates[0]: [6.0, 12.0, 13.0, 30.0]})
    values = ch04.headline_values({"act": sim}, {"jan": dates[0]})
    assert values["sc_act_jan_median"] == 12.5
    assert values["sc_act_jan_p12"] == pytest.approx(75.0)
    assert values["sc_act_jan_p24"] == pytest.approx(25.0)
    assert set(values) == {f"sc_act_jan_{s}" for s in ("median", "low", "high", "p12", "p24")}


def test_tornado_highlights_rank_all_inputs_and_the_policy_levers_apart():
    frame = pd.DataFrame(
        {
            "parameter": [sc.MEASURED_LAG, sc.SMUGGLED, sc.START_RATIO, sc.RETAINED, sc.US_GROWTH],
            "swing": [5.0, 4.0, 3.0, 2.0, 1.0],
        }
    )
    values = ch04.tornado_highlights({"act": frame})
    assert values["sc_act_top1_short"] == words.SHORT_LABELS[sc.MEASURED_LAG]
    assert values["sc_act_top2_swing"] == 4.0
    assert values["sc_act_policy1_short"] == words.SHORT_LABELS[sc.SMUGGLED]
    assert values["sc_act_policy2_short"] == words.SHORT_LABELS[sc.RETAINED]
    assert values["sc_act_policy2_swing"] == 2.0
    one_lever = ch04.tornado_highlights({"drift": frame[frame["parameter"] != sc.RETAINED]})
    assert one_lever["sc_drift_policy1_short"] == words.SHORT_LABELS[sc.SMUGGLED]
    assert "sc_drift_policy2_short" not in one_lever


def test_every_acceptance_criterion_reads_in_words_with_correct_plurals():
    from ailead.chapters import ch04

    table = ch04.evaluation(small=True)["acceptance"]
    labels = words.acceptance_rows(table)["label"]
    assert labels.notna().all() and len(set(labels)) == len(table)
    assert "Forecast error 1 month ahead (CRPS), as a ratio to the best simple baseline's" in set(labels)
    assert any("12 months ahead" in label for label in labels)
    assert not any(re.search(r"\b[a-z]+_[a-z0-9_]+\b|>=", label) for label in labels), list(labels)
    with pytest.raises(KeyError, match="no reader label"):
        words.criterion_label("a criterion nobody wrote")
