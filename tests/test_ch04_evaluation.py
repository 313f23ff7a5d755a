"""Chapter 04's evaluation page at reduced size (the full size runs in the
notebook build and in the slow golden test): every acceptance figure is
glued, and its tables and charts render."""

from __future__ import annotations

import pandas as pd
import pytest

from ailead import scenarios as sc
from ailead.chapters import ch04

HORIZONS = (1, 3, 6, 12)


@pytest.fixture(scope="module")
def small():
    return ch04.evaluation(small=True), ch04.evaluation_page(small=True)


def test_every_acceptance_figure_is_glued(small):
    ev, page = small
    values = page.values
    accept = ev["acceptance"].set_index("criterion")
    for h in HORIZONS:
        assert values[f"sc_acc_ratio_{h}"] == pytest.approx(accept.at[f"CRPS ratio to the best baseline, {h} months", "measured"])
    assert values["sc_acc_cover_80"] == pytest.approx(100 * accept.at["coverage of the 80% interval", "measured"])
    assert values["sc_acc_cover_50"] == pytest.approx(100 * accept.at["coverage of the 50% interval", "measured"])
    spread = accept.at["act: spread of P(lag >= 12) across variants", "measured"]
    assert values["sc_acc_spread"] == pytest.approx(100 * spread)
    assert values["sc_acc_n"] == len(accept) == 10
    assert values["sc_acc_n_hold"] == int(accept["holds"].sum())
    assert {values[f"sc_acc_ratio_{h}_holds"] for h in HORIZONS} <= {"yes", "no"}


def test_the_ratio_to_plain_persistence_is_the_model_over_last_value(small):
    ev, page = small
    skill = ev["skill"].set_index(["horizon_months", "forecaster"])["crps"]
    for h in HORIZONS:
        assert page.values[f"sc_bt_ratio_last_{h}"] == pytest.approx(skill[(h, "model")] / skill[(h, "last_value")])


def test_the_best_baseline_named_is_the_lowest_crps(small):
    ev, page = small
    skill = ev["skill"]
    for h in HORIZONS:
        rows = skill[(skill["horizon_months"] == h) & (skill["forecaster"] != "model")]
        best = rows.loc[rows["crps"].idxmin(), "forecaster"]
        assert page.values[f"sc_acc_best_{h}"] == ch04.words.FORECASTER_LABELS[best]


def test_tables_and_charts_render(small):
    _, page = small
    for name in ("skill", "acceptance", "robustness", "hindcast"):
        assert "<table" in page.table(name).data
    assert "not validated" in page.table("robustness").data
    for chart in page.charts.values():
        chart.to_dict()


def test_the_tornado_holds_one_input_at_each_end():
    frame = sc.lag_tornado("act", n=100, seed=1, end="2027-06-01")
    assert list(frame.columns) == ["parameter", "median_at_low", "median_at_high", "swing"]
    assert (frame["swing"].diff().dropna() <= 0).all()  # largest first
    ranges = sc.input_ranges("act")
    assert set(frame["parameter"]) <= set(ranges)
    assert all(ranges[p][0] < ranges[p][1] for p in frame["parameter"])
    row = frame.set_index("parameter").loc["slope"]
    fixed = sc.lag_outcome(sc.simulate_lag("act", n=100, seed=1, end="2027-06-01", fixed={"slope": ranges["slope"][1]}))
    assert row["median_at_high"] == pytest.approx(fixed["median"])


def test_fixing_an_unknown_input_fails_clearly():
    with pytest.raises(ValueError, match="unknown input"):
        sc.simulate_lag("act", n=10, fixed={"hope": 1.0})


def test_lag_summaries_count_china_ahead_as_lowest():
    date = pd.Timestamp("2027-01-01")
    sim = pd.DataFrame({date: [float("nan"), 5.0, 12.0, 30.0]})
    row = sc.lag_summary(sim, [date]).iloc[0]
    assert row["p_at_least_12"] == 0.5 and row["p_at_least_24"] == 0.25 and row["median"] == 8.5
    probs = sc.lag_probabilities(sim)
    assert list(probs["probability"]) == [0.5, 0.25]
    fan = sc.lag_fan(pd.DataFrame({date: [float(x) for x in range(11)]}))
    assert fan.loc[date, "q50"] == 5.0 and fan.loc[date, "q10"] == 1.0 and fan.loc[date, "q90"] == 9.0
    with pytest.raises(KeyError, match="not on the simulated grid"):
        sc.lag_summary(sim, ["2030-01-01"])
