"""ailead.controls and the chapter on export controls: TPP and threshold logic
with known answers, the legal ceiling on small hand-built tables, validation
of the chapter's tables, and a check that every charted event is in the data."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from conftest import REPO

from ailead import controls, data, wording
from ailead import tables as reader
from ailead.chapters import ch02
from ailead.figures import controls as figures

NOTEBOOK = REPO / "chapters" / "02_export_controls.ipynb"
VEGALITE = "application/vnd.vegalite.v6+json"


@pytest.fixture(scope="module")
def tables():
    return {name: data.load(name) for name in ("export_controls", "accelerators", "chip_export_status", "smuggling_estimates")}


# ---------------------------------------------------------------- TPP -------


def test_bis_worked_example_gives_the_threshold():
    # 88 FR 73458: 4800 = 600 TOPS (2 x 300 MacTOPS) at 8 bits = 300 TFLOPS (2 x 150 MacTOPS) at 16 bits.
    assert controls.tpp_from_mactops(300, 8) == 4800
    assert controls.tpp_from_mactops(150, 16) == 4800
    assert controls.tpp_from_tops(controls.BIS_EXAMPLE_TOPS_8BIT, 8) == controls.TPP_2023_A
    assert controls.tpp_from_tops(controls.BIS_EXAMPLE_TFLOPS_16BIT, 16) == controls.TPP_2023_A


def test_chip_tpp_takes_the_maximum_over_precisions_and_skips_missing():
    chips = pd.DataFrame(
        {
            "int8_dense_tops": [100.0, 100.0, np.nan, np.nan, 10.0],
            "bf16_dense_tflops": [100.0, 10.0, 50.0, np.nan, 20.0],
            "fp8_dense_tflops": [np.nan, 50.0, np.nan, np.nan, 60.0],
            "fp4_dense_tflops": [np.nan, np.nan, np.nan, np.nan, 200.0],
        }
    )
    # 100 x 8 = 800 vs 100 x 16 = 1600; 800 vs 160 vs FP8 400; only BF16: 800;
    # nothing: NaN; FP4 200 x 4 = 800 beats INT8 80, BF16 320 and FP8 480.
    result = controls.chip_tpp(chips)
    assert result.iloc[[0, 1, 2, 4]].tolist() == [1600.0, 800.0, 800.0, 800.0]
    assert math.isnan(result.iloc[3])
    assert controls.tpp_precisions(chips).tolist() == [
        "bf16_dense_tflops",
        "int8_dense_tops",
        "bf16_dense_tflops",
        None,
        "fp4_dense_tflops",
    ]


def test_computed_tpp_matches_every_published_figure_in_the_data(tables):
    specs = controls.spec_table(tables["accelerators"])
    published = specs.dropna(subset=["tpp_published"])
    assert len(published) >= 5
    mismatched = published[(published["tpp"] - published["tpp_published"]).abs() > 0.5]
    assert mismatched.empty, mismatched[["id", "tpp", "tpp_published"]]


def test_performance_density_by_hand():
    assert controls.performance_density(5920, 1000) == pytest.approx(5.92)
    assert controls.performance_density(4992, 826) == pytest.approx(6.0436, abs=1e-4)
    assert np.isnan(controls.performance_density(4992, np.nan))
    assert np.isnan(controls.performance_density(4992, 0))  # an unknown area, not an infinite density


# ---------------------------------------------------------- thresholds -----


@pytest.mark.parametrize(
    "tpp, io, expected",
    [
        (4800, 600, controls.CLASS_A),
        (4799, 900, controls.NOT_CONTROLLED),
        (4800, 599, controls.NOT_CONTROLLED),
        (15832, 400, controls.NOT_CONTROLLED),  # an H800: full compute, cut interconnect
        (15832, np.nan, controls.UNDETERMINED),
        (1000, np.nan, controls.NOT_CONTROLLED),
        (np.nan, 900, controls.UNDETERMINED),
    ],
)
def test_classify_2022_needs_both_tests(tpp, io, expected):
    assert controls.classify_2022(tpp, io) == expected


@pytest.mark.parametrize(
    "tpp, density, expected",
    [
        (4800, 0.1, controls.CLASS_A),  # a.1 whatever the density
        (36000, np.nan, controls.CLASS_A),
        (1600, 5.92, controls.CLASS_A),  # a.2 at both boundaries
        (1599, 10.0, controls.NOT_CONTROLLED),
        (2400, 1.6, controls.CLASS_B),  # b.1 at its lower boundaries
        (2399, 1.6, controls.NOT_CONTROLLED),  # below b.1 and density under b.2's 3.2
        (4799, 5.91, controls.CLASS_B),
        (1600, 3.2, controls.CLASS_B),  # b.2 at its lower boundaries
        (2368, 2.91, controls.NOT_CONTROLLED),  # an H20
        (3000, 1.59, controls.NOT_CONTROLLED),
        (3000, np.nan, controls.UNDETERMINED),
    ],
)
def test_classify_2023_bands(tpp, density, expected):
    assert controls.classify_2023(tpp, density) == expected


def test_note_2_exempts_non_data_centre_chips_below_4800():
    assert controls.classify_2023(4000, 6.0, data_centre=False) == controls.NOT_CONTROLLED
    assert controls.classify_2023(4800, 6.0, data_centre=False) == controls.CLASS_A


def test_2026_case_by_case_ceilings():
    assert controls.qualifies_2026_case_by_case(20999, 6499) is True
    assert controls.qualifies_2026_case_by_case(21000, 100) is False
    assert controls.qualifies_2026_case_by_case(100, 6500) is False
    assert controls.qualifies_2026_case_by_case(np.nan, 100) is None


def test_threshold_logic_reproduces_the_status_rows_the_rules_caused(tables):
    specs = controls.spec_table(tables["accelerators"]).set_index("id")
    status = tables["chip_export_status"]
    rules = {controls.RULE_2022_EVENT: "class_2022", controls.RULE_2023_EVENT: "class_2023"}
    caused = status[status["event_id"].isin(rules)]
    assert len(caused) >= 6
    for row in caused.itertuples():
        label = specs.at[row.accelerator_id, rules[row.event_id]]
        expected = "licence_required" if label in (controls.CLASS_A, controls.CLASS_B) else "exportable"
        assert row.status == expected, (row.id, label)
    # The H20 was designed to sit under the 2023 bands.
    assert specs.at["nvidia-h20", "class_2023"] == controls.NOT_CONTROLLED


def test_2026_ceilings_agree_with_the_2026_status_rows(tables):
    specs = controls.spec_table(tables["accelerators"]).set_index("id")
    status = tables["chip_export_status"]
    rows = status[status["event_id"] == "2026-01-13-bis-h200-case-by-case-rule"]
    assert len(rows) >= 3
    for row in rows.itertuples():
        assert specs.at[row.accelerator_id, "case_by_case_2026"] is (row.status == "case_by_case"), row.id


# ------------------------------------------------------------- ceiling -----


def _toy():
    """Three US chips and one Chinese one; statuses and events by hand."""
    accelerators = pd.DataFrame(
        {
            "id": ["small", "mid", "big", "foreign"],
            "name": ["NVIDIA Small", "NVIDIA Mid", "NVIDIA Big", "Huawei Ascend X"],
            "vendor": ["NVIDIA", "NVIDIA", "NVIDIA", "Huawei"],
            "country_of_vendor": [controls.US] * 3 + ["China"],
            "release_date": pd.to_datetime(["2020-01-01", "2020-01-01", "2023-06-01", None]),
            "bf16_dense_tflops": [50.0, 250.0, 1000.0, 900.0],  # TPP 800, 4000, 16000, 14400
            "int8_dense_tops": [np.nan] * 4,
            "fp8_dense_tflops": [np.nan] * 4,
            "fp4_dense_tflops": [np.nan] * 4,
            "memory_bandwidth_tb_s": [1.0, 2.0, 4.0, 3.0],
            "interconnect_gb_s": [900.0, 900.0, 900.0, 900.0],
            "die_area_mm2": [800.0, 800.0, 800.0, np.nan],  # densities 1.0, 5.0, 20.0
            "tpp_vendor_or_bis": [np.nan] * 4,
            "confidence": ["high"] * 4,
        }
    )
    events = pd.DataFrame(
        {
            "id": [controls.RULE_2022_EVENT, controls.RULE_2023_EVENT, "ban-mid", "policy-big", "grant-big", "china-ban"],
            "date": pd.to_datetime(["2022-10-07", "2023-10-17", "2024-01-01", "2024-06-01", "2024-09-01", "2024-10-01"]),
            "instrument": ["interim_final_rule", "interim_final_rule", "licence_policy", "final_rule", "licence_policy", "other"],
            "direction": ["tighten", "tighten", "tighten", "loosen", "loosen", "tighten"],
            "agency": ["BIS", "BIS", "BIS", "BIS", "BIS", "PRC customs (reported)"],
            "administration": ["Biden"] * 6,
        }
    )
    status = pd.DataFrame(
        {
            "id": ["s1", "s2", "s3", "s4"],
            "accelerator_id": ["mid", "big", "big", "big"],
            "event_id": ["ban-mid", "policy-big", "grant-big", "china-ban"],
            "date": pd.to_datetime(["2024-01-01", "2024-06-01", "2024-09-01", "2024-10-01"]),
            "status": ["licence_required", "case_by_case", "case_by_case", "banned_by_china"],
        }
    )
    return accelerators, status, events


def test_ceiling_on_a_hand_built_table():
    # Mid (TPP 4000, density 5.0) is 3A090.b under the 2023 rule but uncontrolled in 2022;
    # Big (TPP 16000) is 3A090.a throughout.
    accelerators, status, events = _toy()
    result = controls.ceiling_ratio(accelerators, status, events)
    assert list(result.columns) == ["date", "best_legal_chip", "best_us_chip", "tpp_ratio", "bandwidth_ratio"]
    expected = [
        ("2022-10-07", "mid", "mid", 1.0, 1.0),  # big not yet released
        ("2023-06-01", "mid", "big", 4000 / 16000, 2.0 / 4.0),  # big released, needs a licence
        ("2023-10-17", "small", "big", 800 / 16000, 1.0 / 4.0),  # mid caught by 3A090.b
        ("2024-09-01", "big", "big", 1.0, 1.0),  # licences granted (policy alone on 1 Jun did not count)
    ]
    assert [d.strftime("%Y-%m-%d") for d in result["date"]] == [row[0] for row in expected]
    assert result["best_legal_chip"].tolist() == [row[1] for row in expected]
    assert result["best_us_chip"].tolist() == [row[2] for row in expected]
    assert result["tpp_ratio"].tolist() == pytest.approx([row[3] for row in expected])
    assert result["bandwidth_ratio"].tolist() == pytest.approx([row[4] for row in expected])


def test_upper_bound_counts_review_policy_without_grants():
    accelerators, status, events = _toy()
    upper = controls.ceiling_steps(accelerators, status, events, require_grants=False)
    # Big counts from the policy of 1 Jun (not the grants of 1 Sep); the ban of 1 Oct adds a flag-only step.
    assert upper["date"].dt.strftime("%Y-%m-%d").tolist()[-2:] == ["2024-06-01", "2024-10-01"]
    assert upper["best_legal_chip"].tolist()[-2:] == ["big", "big"]
    assert upper["china_restriction"].tolist()[-2:] == [False, True]


def test_china_ban_does_not_change_us_legality_but_is_flagged():
    accelerators, status, events = _toy()
    steps = controls.ceiling_steps(accelerators, status, events)
    position = controls.status_on("2024-12-01", accelerators, status, events).set_index("id")
    assert position.at["big", "status"] == "case_by_case" and bool(position.at["big", "sellable"])
    assert bool(position.at["big", "china_restriction"])
    assert steps.iloc[-1]["best_legal_chip"] == "big"
    # The ban on 1 Oct 2024 starts a step of its own: big stays the best legal chip,
    # the ratios repeat, and the flag is set from that day, not before.
    assert bool(steps.iloc[-1]["china_restriction"])
    assert steps.iloc[-1]["date"] == pd.Timestamp("2024-10-01")
    assert steps["date"].dt.strftime("%Y-%m-%d").tolist()[-2:] == ["2024-09-01", "2024-10-01"]
    assert steps["china_restriction"].tolist() == [False, False, False, False, True]
    assert steps.iloc[-1]["tpp_ratio"] == steps.iloc[-2]["tpp_ratio"] == 1.0


def test_every_step_flag_holds_for_the_whole_step():
    # The flag read on any day inside a step equals the step's flag.
    accelerators, status, events = _toy()
    steps = controls.ceiling_steps(accelerators, status, events)
    for day in pd.date_range("2022-10-07", "2024-12-31", freq="17D"):
        step = controls.step_in_force(steps, day)
        position = controls.status_on(day, accelerators, status, events).set_index("id")
        expected = False if pd.isna(step["best_legal_chip"]) else bool(position.at[step["best_legal_chip"], "china_restriction"])
        assert bool(step["china_restriction"]) == expected, day


def test_chip_steps_drop_rows_that_only_flag_a_restriction():
    accelerators, status, events = _toy()
    chips = controls.chip_steps(controls.ceiling_steps(accelerators, status, events))
    assert chips["date"].dt.strftime("%Y-%m-%d").tolist() == ["2022-10-07", "2023-06-01", "2023-10-17", "2024-09-01"]
    assert chips["china_restriction"].tolist() == [False] * 4  # the flag on the day each pair took over


def test_milestones_take_the_flag_on_the_day_and_the_date_the_chips_took_over():
    accelerators, status, events = _toy()
    steps = controls.ceiling_steps(accelerators, status, events)
    latest = controls.ceiling_milestones(steps, events)["latest"]  # latest event: 2024-10-01
    assert latest["on"] == pd.Timestamp("2024-10-01")
    assert latest["best_legal_chip"] == "big" and bool(latest["china_restriction"])
    assert latest["date"] == pd.Timestamp("2024-09-01")  # grants, not the ban, made big the ceiling
    before = controls.ceiling_milestones(steps, events[events["id"] != "china-ban"])["latest"]  # on 2024-09-01
    assert not bool(before["china_restriction"])


def test_no_legal_chip_gives_missing_ratios():
    accelerators, status, events = _toy()
    extra = pd.DataFrame(
        {
            "id": ["s5"],
            "accelerator_id": ["small"],
            "event_id": ["ban-mid"],
            "date": pd.to_datetime(["2024-02-01"]),
            "status": ["licence_required"],
        }
    )
    result = controls.ceiling_ratio(accelerators, pd.concat([status, extra], ignore_index=True), events)
    gap = result[result["date"] == pd.Timestamp("2024-02-01")].iloc[0]
    assert pd.isna(gap["best_legal_chip"]) and math.isnan(gap["tpp_ratio"]) and math.isnan(gap["bandwidth_ratio"])


def test_missing_release_date_for_a_us_chip_raises():
    accelerators, status, events = _toy()
    accelerators.loc[0, "release_date"] = pd.NaT
    with pytest.raises(ValueError, match="release_date"):
        controls.ceiling_ratio(accelerators, status, events)


def test_missing_threshold_rule_raises():
    accelerators, status, events = _toy()
    with pytest.raises(ValueError, match="threshold rule"):
        controls.ceiling_ratio(accelerators, status, events[events["id"] != controls.RULE_2023_EVENT])


def test_the_h20_restriction_of_november_2025_is_flagged_in_the_published_table(tables):
    steps = controls.ceiling_steps(tables["accelerators"], tables["chip_export_status"], tables["export_controls"])
    step = controls.step_in_force(steps, "2025-12-01")
    assert step["best_legal_chip"] == "nvidia-h20" and bool(step["china_restriction"])
    causes = controls.ceiling_causes(steps, tables["accelerators"], tables["chip_export_status"], tables["export_controls"])
    table = ch02.ceiling_rows(causes, controls.short_names(tables["accelerators"])).set_index("date")
    assert table.at["2025-11-05", "china_restriction"] == "yes"
    assert table.at["2025-08-08", "china_restriction"] == "no"


def test_ceiling_on_the_project_data_has_sane_shape(tables):
    result = controls.ceiling_ratio(tables["accelerators"], tables["chip_export_status"], tables["export_controls"])
    assert result["date"].is_monotonic_increasing and result["date"].is_unique
    assert result["date"].iloc[0] == controls.rule_dates(tables["export_controls"])[0]
    # One row per change: no two consecutive rows name the same pair of chips.
    pairs = list(zip(result["best_legal_chip"].fillna(""), result["best_us_chip"]))
    assert all(a != b for a, b in zip(pairs, pairs[1:]))
    ratios = result["tpp_ratio"].dropna()
    assert ((ratios > 0) & (ratios <= 1)).all()  # the best US chip is never beaten on TPP
    specs = controls.spec_table(tables["accelerators"]).set_index("id")
    leader_tpp = result["best_us_chip"].map(specs["tpp"])
    assert leader_tpp.is_monotonic_increasing  # the best US chip only improves


# ------------------------------------------------------ words and events ---


@pytest.mark.parametrize(
    "value, reference, expected",
    [(15832, 15832, "same"), (4.8, 3.35, "more"), (2368, 15832, "less"), (1.0, 1.0 + 1e-12, "same"), (1.0, 1.001, "less")],
)
def test_compare_by_hand(value, reference, expected):
    assert controls.compare(value, reference) == expected


def test_compare_refuses_missing_figures():
    with pytest.raises(ValueError):
        controls.compare(np.nan, 1.0)


def test_comparison_words_cover_every_outcome():
    assert set(wording.MATCH_VERBS) == set(wording.COMPARATIVES) == {"same", "more", "less"}
    assert wording.match_verb(controls.compare(1.0, 2.0)) == "fell short of"
    assert wording.comparative(controls.compare(4.8, 3.35)) == "higher than"


def test_shortfall_pct_by_hand():
    # 2368 under 2400: 32 / 2400 = 1.333 %; 2.909 under 3.2: 0.291 / 3.2 = 9.09 %; above: negative.
    assert controls.shortfall_pct(2368, 2400) == pytest.approx(4 / 3)
    assert controls.shortfall_pct(2.909, 3.2) == pytest.approx(9.09375)
    assert controls.shortfall_pct(4800, 2400) == pytest.approx(-100)
    with pytest.raises(ValueError):
        controls.shortfall_pct(1, 0)


def test_review_policy_effect_on_the_toy_table():
    # Grants: big from 1 Sep 2024; policy alone: from 1 Jun 2024; both at 100 % of big.
    accelerators, status, events = _toy()
    steps = controls.ceiling_steps(accelerators, status, events)
    upper = controls.ceiling_steps(accelerators, status, events, require_grants=False)
    effect = controls.review_policy_effect(steps, upper)
    assert effect == {"timing": "earlier", "same_height": True, "grant_tpp_ratio": 1.0, "policy_tpp_ratio": 1.0}
    assert wording.policy_effect(effect) == "moves the last step earlier but does not change its height"


def _two_steps(dates, chips, tpp, bandwidth):
    return pd.DataFrame(
        {
            "date": pd.to_datetime(dates),
            "best_legal_chip": chips,
            "best_us_chip": ["lead"] * len(dates),
            "tpp_ratio": tpp,
            "bandwidth_ratio": bandwidth,
            "china_restriction": [False] * len(dates),
        }
    )


def test_review_policy_effect_words_every_case():
    grant = _two_steps(["2024-01-01", "2024-06-01"], ["x", "y"], [0.2, 0.5], [0.3, 0.6])
    earlier_lower = _two_steps(["2024-01-01", "2024-03-01"], ["x", "w"], [0.2, 0.4], [0.3, 0.6])

    def words(steps, upper):
        return wording.policy_effect(controls.review_policy_effect(steps, upper))

    assert words(grant, earlier_lower) == (
        "moves the last step earlier and changes its processing-performance share from 50% to 40%"
    )
    assert words(grant, grant) == "leaves the date of the last step unchanged and does not change its height"
    same_day_other_bandwidth = _two_steps(["2024-01-01", "2024-06-01"], ["x", "y"], [0.2, 0.5], [0.3, 0.7])
    assert words(grant, same_day_other_bandwidth).startswith("leaves the date of the last step unchanged but changes")
    later_none = _two_steps(["2024-01-01", "2024-09-01"], ["x", None], [0.2, float("nan")], [0.3, float("nan")])
    assert controls.review_policy_effect(grant, later_none)["timing"] == "later"
    assert words(grant, later_none) == "moves the last step later and changes its processing-performance share from 50% to none"


def test_chip_events_by_hand():
    events = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "date": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-03-01", "2026-03-01"]),
            "chips": ["h200;b200", None, "h20", "h200"],
            "direction": ["loosen", "tighten", "loosen", "enforce"],
        }
    )
    assert controls.chip_events(events, "h200")["id"].tolist() == ["a", "d"]
    assert controls.chip_events(events, "h200", after="2026-01-01")["id"].tolist() == ["d"]
    assert controls.chip_events(events, "h200", direction="loosen")["id"].tolist() == ["a"]
    assert controls.chip_events(events, "h2")["id"].tolist() == []  # whole ids only


# ------------------------------------------------------------- counts ------


def test_action_counts_by_hand():
    events = pd.DataFrame(
        {
            "id": list("abcdef"),
            "date": pd.to_datetime(["2024-03-01", "2024-05-01", "2025-01-10", "2025-02-01", "2025-03-01", "2025-04-01"]),
            "administration": ["Biden", "Biden", "Biden", "Trump", "Trump", "Trump"],
            "agency": ["BIS", "DOJ", "BIS", "White House", "Congress", "BIS"],
            "direction": ["tighten", "enforce", "tighten", "loosen", "tighten", "loosen"],
        }
    )
    table = controls.action_counts(events)
    assert table.to_dict("records") == [
        {"administration": "Biden", "year": 2024, "tighten": 1, "loosen": 0, "enforce": 1, "total": 2},
        {"administration": "Biden", "year": 2025, "tighten": 1, "loosen": 0, "enforce": 0, "total": 1},
        {"administration": "Trump", "year": 2025, "tighten": 0, "loosen": 2, "enforce": 0, "total": 2},
    ]
    everyone = controls.action_counts(events, actors=controls.ACTORS)
    assert everyone["total"].sum() == len(events)


def test_unknown_agency_raises():
    events = pd.DataFrame({"agency": ["BIS", "Ministry of Magic"]})
    with pytest.raises(ValueError, match="Ministry of Magic"):
        controls.actor_group(events["agency"])


def test_counts_cover_every_project_event(tables):
    events = tables["export_controls"]
    everyone = controls.action_counts(events, actors=controls.ACTORS)
    assert everyone["total"].sum() == len(events)


# --------------------------------------------------- data validation ------


def test_chapter_tables_load_and_reference_each_other(tables):
    events, accelerators = tables["export_controls"], tables["accelerators"]
    status, smuggling = tables["chip_export_status"], tables["smuggling_estimates"]
    chip_ids = set(accelerators["id"])
    named = {chip for cell in events["chips"].dropna() for chip in cell.split(";")}
    assert named <= chip_ids, named - chip_ids
    assert set(status["accelerator_id"]) <= chip_ids
    assert set(status["event_id"]) <= set(events["id"])
    assert set(smuggling["event_id"].dropna()) <= set(events["id"])
    assert smuggling["source_url"].str.match(r"^https?://").all()
    assert events["source_url"].str.match(r"^https?://").all()


def test_every_event_is_attributed_to_the_administration_in_office(tables):
    events = tables["export_controls"]

    def in_office(day):
        (name,) = [n for n, (start, end) in controls.ADMINISTRATION_TERMS.items() if start <= day and (end is None or day < end)]
        return name

    expected = events["date"].map(in_office)
    assert (expected == events["administration"]).all(), events.loc[expected != events["administration"], "id"]


def test_every_us_chip_has_a_release_date_in_its_release_year(tables):
    chips = tables["accelerators"]
    us = chips[chips["country_of_vendor"] == controls.US]
    assert us["release_date"].notna().all()
    assert (us["release_date"].dt.year == us["release_year"]).all()


def test_status_rows_follow_their_events(tables):
    status = tables["chip_export_status"].merge(
        tables["export_controls"][["id", "date"]], left_on="event_id", right_on="id", suffixes=("", "_event")
    )
    # A status takes effect on or after the action that caused it.
    assert (status["date"] >= status["date_event"]).all()


def test_smuggling_ranges_are_ordered(tables):
    values = tables["smuggling_estimates"][["value_low", "value_central", "value_high"]]
    low_ok = values["value_low"].isna() | values["value_central"].isna() | (values["value_low"] <= values["value_central"])
    high_ok = values["value_high"].isna() | values["value_central"].isna() | (values["value_central"] <= values["value_high"])
    assert (low_ok & high_ok).all()
    assert values.notna().any(axis=1).all()  # every row states at least one figure


def test_every_summary_is_one_sentence(tables):
    summaries = tables["export_controls"]["summary"]
    assert (summaries.str.count(r"\. [A-Z]") == 0).all()
    assert summaries.str.endswith(".").all()


# ------------------------------------------------- charts use the data ----


def _datasets(spec: dict) -> list[list[dict]]:
    return list(spec.get("datasets", {}).values())


def _rows_with(spec: dict, column: str) -> list[dict]:
    return [row for rows in _datasets(spec) for row in rows if column in row]


def test_timeline_chart_draws_exactly_the_events_in_the_table(tables):
    spec = figures.timeline_chart(tables["export_controls"]).to_dict()
    ids = [row["id"] for row in _rows_with(spec, "summary")]
    assert sorted(ids) == sorted(tables["export_controls"]["id"])
    # The title states the finding; the source line is kept for the foot of the chart.
    assert spec["description"] and spec["title"]["orient"] == "top"
    assert spec["usermeta"]["ailead"]["source"] == figures.SOURCE_EVENTS


def test_stacked_timeline_rows_never_crowd():
    dates = pd.Series(pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-20", "2024-03-15", "2024-01-02"]))
    # In date order: 1 Jan -> row 0, 1 Jan -> row 1, 2 Jan -> row 2, 20 Jan (19 days after
    # the others) -> row 3, 15 Mar (74 days after 1 Jan) -> back to row 0.
    levels = figures.stack_levels(dates.sort_values(), min_gap_days=40)
    assert levels.sort_index().tolist() == [0, 1, 3, 0, 2]


def _stored_spec(name: str) -> dict:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            if output.get("metadata", {}).get("scrapbook", {}).get("name") == name:
                payload = output["data"]["application/papermill.record/" + VEGALITE]
                return payload if isinstance(payload, dict) else json.loads(payload)
    raise AssertionError(f"no stored chart named {name} in {NOTEBOOK.name}")


def test_stored_chapter_charts_come_from_the_data_tables(tables):
    timeline = _stored_spec("ec_fig_timeline")
    assert sorted(row["id"] for row in _rows_with(timeline, "summary")) == sorted(tables["export_controls"]["id"])
    chip_ids = set(tables["accelerators"]["id"])
    chips = _stored_spec("ec_fig_chips")
    assert {row["id"] for row in _rows_with(chips, "id")} <= chip_ids
    ceiling = controls.ceiling_ratio(tables["accelerators"], tables["chip_export_status"], tables["export_controls"])
    stored = _stored_spec("ec_fig_ceiling")
    drawn = {(row["date"], row["legal"]) for row in _rows_with(stored, "legal") if row["start"]}
    names = ceiling["best_legal_chip"].fillna("none in the table").astype(str)
    assert drawn == set(zip(ceiling["date"].dt.strftime("%Y-%m-%d"), names))


# ------------------------------------------------- reader-facing tables ------


def test_reader_tables_show_every_row_under_its_spec(tables):
    events, accelerators = tables["export_controls"], tables["accelerators"]
    status, smuggling = tables["chip_export_status"], tables["smuggling_estimates"]
    steps = controls.ceiling_steps(accelerators, status, events)
    names = controls.short_names(accelerators)
    for spec, frame in (
        ("controls.chips", ch02.chip_rows(accelerators)),
        ("controls.ceiling", ch02.ceiling_rows(controls.ceiling_causes(steps, accelerators, status, events), names, events)),
        ("controls.smuggling", ch02.smuggling_rows(smuggling)),
        ("controls.actions", controls.action_counts(events)),
    ):
        shown, _ = reader.reader_frame(spec, frame)
        assert len(shown) == len(frame)
        assert not any("_" in column for column in shown.columns), list(shown.columns)


def test_chip_table_rounds_tpp_and_spells_out_the_2026_test(tables):
    accelerators = tables["accelerators"]
    rows = ch02.chip_rows(accelerators).set_index("chip")
    specs = controls.spec_table(accelerators).set_index("id")
    assert rows.at["H100", "tpp"] == round(specs.at["nvidia-h100-sxm", "tpp"])
    assert rows.at["H100", "country"] == "US" and rows.at["Ascend 910C", "country"] == "China"
    assert pd.isna(rows.at["Ascend 910B", "tpp"])
    assert set(rows["case_by_case_2026"]) <= {"yes", "no", "unknown"}
    html = reader.show("controls.chips", ch02.chip_rows(accelerators)).data
    assert "TPP (computed)" in html and f"{round(specs.at['nvidia-h100-sxm', 'tpp']):,}" in html


def test_ceiling_table_leaves_ratios_missing_when_nothing_was_sellable():
    steps = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-01-01", "2024-06-01"]),
            "best_legal_chip": [None, "x"],
            "best_us_chip": ["y", "y"],
            "legal_tpp": [float("nan"), 1000.0],
            "us_tpp": [4000.0, 4000.0],
            "share": [0.0, 0.25],
            "tpp_ratio": [float("nan"), 0.25],
            "bandwidth_ratio": [float("nan"), 0.5],
            "china_restriction": [False, True],
            "legal_cause": [None, "chip_release"],
            "legal_what": [None, "x"],
            "frontier_cause": [None, None],
            "frontier_what": [None, None],
            "legal_effect": [0.0, 0.25],
            "frontier_effect": [0.0, 0.0],
        }
    )
    table = ch02.ceiling_rows(steps, {"x": "X1", "y": "Y2"})
    assert table["legal_cause"].tolist() == ["", "a new chip legal for China (X1)"]
    assert table["legal_effect_pp"].tolist() == [0.0, 25.0] and table["legal_tpp"].iloc[1] == 1000
    assert table["best_legal_chip"].tolist() == ["none in the table", "X1"]
    assert table["date"].tolist() == ["2024-01-01", "2024-06-01"]
    assert pd.isna(table["tpp_ratio"].iloc[0]) and table["tpp_ratio"].iloc[1] == 0.25
    assert table["china_restriction"].tolist() == ["no", "yes"]
    html = reader.show("controls.ceiling", table).data
    assert "25%" in html and "50%" in html and "–" in html


def test_action_table_labels_the_counts_by_hand():
    events = pd.DataFrame(
        {
            "date": pd.to_datetime(["2023-03-01", "2023-05-01", "2025-06-01"]),
            "agency": ["BIS", "DOJ", "BIS"],
            "administration": ["Biden", "Biden", "Trump"],
            "direction": ["tighten", "enforce", "loosen"],
        }
    )
    shown, _ = reader.reader_frame("controls.actions", controls.action_counts(events))
    assert list(shown.columns) == ["Administration", "Year", "Tightening", "Loosening", "Prosecutions", "Total"]
    assert shown.to_dict("records") == [
        {"Administration": "Biden", "Year": 2023, "Tightening": 1, "Loosening": 0, "Prosecutions": 1, "Total": 2},
        {"Administration": "Trump", "Year": 2025, "Tightening": 0, "Loosening": 1, "Prosecutions": 0, "Total": 1},
    ]


def test_smuggling_table_shows_missing_figures_as_missing(tables):
    smuggling = tables["smuggling_estimates"]
    table = ch02.smuggling_rows(smuggling)
    assert table["value_high"].isna().sum() == smuggling["value_high"].isna().sum()
    row = smuggling["id"].tolist().index("cnas-2025-smuggled-chips-2024")
    assert table["value_low"].iloc[row] == "10,000" and table["value_central"].iloc[row] == "140,000"


# ------------------------------------------- chips picked out by the rules ---


def _spec_rows(rows):
    """A spec_table-like frame from (id, country, release, tpp, class_2022, class_2023)."""
    frame = pd.DataFrame(rows, columns=["id", "country", "release_date", "tpp", "class_2022", "class_2023"])
    return frame.assign(release_date=pd.to_datetime(frame["release_date"]))


def test_rule_selections_by_hand():
    US, CN = controls.US, "China"
    a, n = controls.CLASS_A, controls.NOT_CONTROLLED
    specs = _spec_rows(
        [
            ("full", US, "2022-01-01", 5000.0, a, a),  # caught by the first rule
            ("late-full", US, "2024-01-01", 9000.0, a, a),  # released after the second rule
            ("cut", US, "2022-11-01", 5000.0, n, a),  # slipped under the first, caught by the second
            ("cut-b", US, "2023-03-01", 3000.0, n, controls.CLASS_B),  # caught by the second's .b band
            ("compliant", US, "2024-02-01", 2000.0, n, n),  # built under the second rule
            ("old-free", US, "2021-01-01", 100.0, n, n),  # never controlled, released before the rule
            ("foreign", CN, "2022-01-01", 5000.0, a, a),
            ("foreign-cut", CN, "2022-11-01", 5000.0, n, a),
        ]
    )
    rule_2023 = pd.Timestamp("2023-10-17")
    assert controls.caught_by_first_rule(specs, rule_2023)["id"].tolist() == ["full"]
    assert controls.china_variants(specs)["id"].tolist() == ["cut", "cut-b"]
    assert controls.below_second_rule(specs, rule_2023)["id"].tolist() == ["compliant"]
    # A chip released on the rule's day is neither before nor after it.
    on_the_day = _spec_rows([("x", US, "2023-10-17", 2000.0, n, n), ("y", US, "2023-10-17", 5000.0, a, a)])
    assert controls.below_second_rule(on_the_day, rule_2023).empty
    assert controls.caught_by_first_rule(on_the_day, rule_2023).empty
    first = controls.caught_by_first_rule(specs, rule_2023)
    assert controls.full_counterpart(specs.iloc[2], first)["id"] == "full"
    assert controls.full_counterpart(specs.iloc[3], first) is None


def test_rule_selections_on_the_project_data_name_the_chips_the_prose_names(tables):
    specs = controls.spec_table(tables["accelerators"])
    names = controls.short_names(tables["accelerators"])
    rule_2023 = controls.rule_dates(tables["export_controls"])[1]
    assert sorted(controls.caught_by_first_rule(specs, rule_2023)["id"].map(names)) == ["A100", "H100"]
    assert sorted(controls.china_variants(specs)["id"].map(names)) == ["A800", "H800"]
    assert controls.below_second_rule(specs, rule_2023)["id"].map(names).tolist() == ["H20"]


def test_status_history_links_each_row_to_its_action():
    accelerators, status, events = _toy()
    chip = status["accelerator_id"].iloc[-1]
    history = controls.status_history(status, events, chip)
    assert history["date"].is_monotonic_increasing
    assert set(history["accelerator_id"]) == {chip}
    dates = events.set_index("id")["date"]
    assert (history["event_date"] == history["event_id"].map(dates)).all()
    granted = events.set_index("id").loc[history["event_id"]]
    expected = ((granted["instrument"] == "licence_policy") & (granted["direction"] == "loosen")).to_numpy()
    assert history["granted"].tolist() == expected.tolist()


def test_step_in_force_takes_the_last_step_on_or_before_the_day():
    steps = _two_steps(["2024-01-01", "2024-06-01"], ["x", "y"], [0.2, 0.5], [0.3, 0.6])
    assert controls.step_in_force(steps, "2024-05-31")["best_legal_chip"] == "x"
    assert controls.step_in_force(steps, "2024-06-01")["best_legal_chip"] == "y"
    assert controls.step_in_force(steps, "2030-01-01")["best_legal_chip"] == "y"
    with pytest.raises(ValueError, match="before the first step"):
        controls.step_in_force(steps, "2023-12-31")


def test_ceiling_milestones_on_the_toy_table():
    # The 2023 rule is 17 Oct 2023: the day before, mid was the ceiling (since 7 Oct 2022);
    # the last Biden day (19 Jan 2025) and the latest event both fall in big's step.
    accelerators, status, events = _toy()
    steps = controls.ceiling_steps(accelerators, status, events)
    rows = controls.ceiling_milestones(steps, events)
    assert rows["under_2022_rule"]["on"] == pd.Timestamp("2023-10-16")
    assert rows["under_2022_rule"]["best_legal_chip"] == "mid"
    assert rows["under_2022_rule"]["date"] == pd.Timestamp("2023-06-01")
    assert rows["end_of_biden"]["on"] == pd.Timestamp("2025-01-19")
    assert rows["latest"]["on"] == events["date"].max()


def test_gap_spells_by_hand():
    steps = _two_steps(
        ["2024-01-01", "2024-03-01", "2024-06-01"], [None, "x", None], [np.nan, 0.5, np.nan], [np.nan, 0.5, np.nan]
    )
    spells = controls.gap_spells(steps, "2024-06-11")
    # 1 Jan to 1 Mar 2024 is 60 days (leap year); 1 Jun to 11 Jun is 10.
    assert spells["days"].tolist() == [60, 10]
    assert spells["start"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-01", "2024-06-01"]


def test_implied_status_switches_on_each_rule_day():
    rules = (pd.Timestamp("2022-10-07"), pd.Timestamp("2023-10-17"))
    variant = pd.Series({"class_2022": controls.NOT_CONTROLLED, "class_2023": controls.CLASS_A})
    full = pd.Series({"class_2022": controls.CLASS_A, "class_2023": controls.CLASS_A})
    unknown = pd.Series({"class_2022": controls.UNDETERMINED, "class_2023": controls.CLASS_B})
    # The day before a rule the old regime holds; on the rule's day the new one does.
    assert controls.implied_status(full, "2022-10-06", rules) == "exportable"
    assert controls.implied_status(full, "2022-10-07", rules) == "licence_required"
    assert controls.implied_status(variant, "2023-10-16", rules) == "exportable"
    assert controls.implied_status(variant, "2023-10-17", rules) == "licence_required"
    assert controls.implied_status(unknown, "2023-01-01", rules) == "unknown"
    assert controls.implied_status(unknown, "2024-01-01", rules) == "licence_required"


def test_the_2026_bandwidth_ceiling_is_read_in_gb_per_second(tables):
    # The H200 (TPP under 21,000) qualifies at its 4.8 TB/s; at 7 TB/s = 7,000 GB/s it would not.
    chips = tables["accelerators"]
    h200 = chips[chips["id"] == "nvidia-h200-sxm"]
    assert controls.spec_table(h200)["case_by_case_2026"].tolist() == [True]
    faster = h200.assign(memory_bandwidth_tb_s=7.0)
    assert controls.spec_table(faster)["case_by_case_2026"].tolist() == [False]


def test_licences_granted_only_for_case_by_case_rows_with_reported_grants():
    accelerators, status, events = _toy()
    before = controls.status_on("2024-07-01", accelerators, status, events).set_index("id")
    after = controls.status_on("2024-12-01", accelerators, status, events).set_index("id")
    assert before.at["big", "status"] == "case_by_case" and not before.at["big", "licences_granted"]
    assert after.at["big", "licences_granted"] and not after.at["small", "licences_granted"]


# --------------------------------------- TPP over every precision (issue 17) --


def test_tpp_matches_published_values_and_takes_fp4_for_the_gb300(tables):
    # Published TPP (independent tracker, s-w-kelly/chip-export-controls): H100 15,832,
    # H20 2,368, B200 (HGX, 1000 W) 36,000. GB300: 15 PFLOPS dense FP4 x 4 bits = 60,000
    # (Nvidia's Blackwell Ultra blog), above its 16-bit and 8-bit figures (40,000).
    specs = controls.spec_table(tables["accelerators"]).set_index("id")
    assert specs.at["nvidia-h100-sxm", "tpp"] == 15832
    assert specs.at["nvidia-h20", "tpp"] == 2368
    assert specs.at["nvidia-b200", "tpp"] == 36000
    assert specs.at["nvidia-gb300", "tpp"] == 60000
    assert specs.at["nvidia-gb300", "tpp_precision"] == "fp4_dense_tflops"
    # The B200 reaches its TPP at every precision alike; the H100 has no FP4 mode.
    assert specs.at["nvidia-b200", "tpp_precision"].split(";") == list(controls.PRECISION_BITS)
    assert "fp4_dense_tflops" not in specs.at["nvidia-h100-sxm", "tpp_precision"]
    # Without the FP4 column the GB300 would fall to its 16-bit figure: the new precisions matter.
    without_fp4 = tables["accelerators"].assign(fp4_dense_tflops=np.nan)
    assert controls.chip_tpp(without_fp4.set_index("id")).at["nvidia-gb300"] == 40000


def test_a_table_without_a_precision_column_raises_naming_it():
    chips = pd.DataFrame({"int8_dense_tops": [1.0], "bf16_dense_tflops": [1.0], "fp8_dense_tflops": [1.0]})
    with pytest.raises(ValueError, match="fp4_dense_tflops"):
        controls.chip_tpp(chips)


# ------------------------------------------- causes of each ceiling step ------


def test_causes_on_the_toy_table_tell_rules_licences_releases_and_china_apart():
    accelerators, status, events = _toy()
    steps = controls.ceiling_steps(accelerators, status, events)
    causes = controls.ceiling_causes(steps, accelerators, status, events).set_index(steps["date"].dt.strftime("%Y-%m-%d"))
    assert causes.at["2023-06-01", "frontier_cause"] == controls.PRODUCT_RELEASE
    assert causes.at["2023-06-01", "frontier_what"] == "big" and pd.isna(causes.at["2023-06-01", "legal_cause"])
    assert causes.at["2023-10-17", "legal_cause"] == controls.RULE
    assert causes.at["2023-10-17", "legal_what"] == controls.RULE_2023_EVENT
    assert causes.at["2024-09-01", "legal_cause"] == controls.LICENCE_DECISION
    assert causes.at["2024-09-01", "legal_what"] == "grant-big"
    assert causes.at["2024-10-01", "legal_cause"] == controls.CHINESE_MEASURE
    # Effects by hand: 1 -> 0.25 by the release; 0.25 -> 0.05 by the rule; 0.05 -> 1 by the grants.
    assert causes["frontier_effect"].tolist() == pytest.approx([0, -0.75, 0, 0, 0])
    assert causes["legal_effect"].tolist() == pytest.approx([0, 0, -0.2, 0.95, 0])
    shares = controls.movement_shares(causes)
    assert shares["movement"] == pytest.approx(1.9)
    assert shares["frontier_share"] == pytest.approx(0.75 / 1.9)
    assert shares["by_cause"][controls.RULE] == pytest.approx(0.2 / 1.9)
    assert shares["by_cause"][controls.LICENCE_DECISION] == pytest.approx(0.95 / 1.9)
    assert shares["legal_net"] == pytest.approx(0.75) and shares["frontier_net"] == pytest.approx(-0.75)


def test_a_day_on_which_both_chips_change_is_split_exactly():
    accelerators, status, events = _toy()
    huge = accelerators.iloc[[2]].assign(
        id="huge", name="NVIDIA Huge", release_date=pd.Timestamp("2024-09-01"), bf16_dense_tflops=2000.0
    )
    accelerators = pd.concat([accelerators, huge], ignore_index=True)
    steps = controls.ceiling_steps(accelerators, status, events)
    causes = controls.ceiling_causes(steps, accelerators, status, events)
    day = causes[causes["date"] == pd.Timestamp("2024-09-01")].iloc[0]
    assert day["legal_cause"] == controls.LICENCE_DECISION and day["frontier_what"] == "huge"
    # Legal 800 -> 16000, frontier 16000 -> 32000: each side averaged over the other's two values.
    assert day["legal_effect"] == pytest.approx(0.5 * ((1 - 0.05) + (0.5 - 0.025)))
    assert day["frontier_effect"] == pytest.approx(0.5 * ((0.025 - 0.05) + (0.5 - 1)))
    assert day["legal_effect"] + day["frontier_effect"] == pytest.approx(0.5 - 0.05)


def test_a_change_with_no_cause_in_the_data_raises():
    accelerators, status, events = _toy()
    steps = controls.ceiling_steps(accelerators, status, events)
    # Move the grants' step to a day with no action, no rule and no release.
    moved = steps.assign(date=steps["date"].replace(pd.Timestamp("2024-09-01"), pd.Timestamp("2024-08-15")))
    with pytest.raises(ValueError, match="cannot tell why"):
        controls.ceiling_causes(moved, accelerators, status, events)


def test_a_ceiling_that_never_moved_has_no_shares():
    flat = pd.DataFrame({"legal_effect": [0.0, 0.0], "frontier_effect": [0.0, 0.0], "legal_cause": [None, None]})
    with pytest.raises(ValueError, match="never moved"):
        controls.movement_shares(flat)


def test_gap_spells_join_steps_with_no_legal_chip():
    steps = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01", "2024-05-01"]),
            "best_legal_chip": [None, None, "x", None],
        }
    )
    spells = controls.gap_spells(steps, "2024-06-01")
    assert spells["start"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-01", "2024-05-01"]
    assert spells["days"].tolist() == [60, 31]


def test_taiwan_prosecutors_and_gao_have_actor_groups():
    groups = controls.actor_group(pd.Series(["GAO", "Keelung District Prosecutors Office (Taiwan)", "DOJ"]))
    assert groups.tolist() == [controls.US_CONGRESS, controls.OTHER_AUTHORITY, controls.US_EXECUTIVE]
    # Counting US executive actions leaves Taiwan's cases out.
    events = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-05-21", "2026-06-01"]),
            "agency": ["Keelung District Prosecutors Office (Taiwan)", "DOJ"],
            "administration": ["Trump", "Trump"],
            "direction": ["enforce", "enforce"],
        }
    )
    assert controls.action_counts(events)["enforce"].tolist() == [1]
