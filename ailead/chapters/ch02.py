"""Chapter 02, export controls: the values, charts, tables and prose checks it shows.

The chips and actions the prose names are picked out by what the rules did
to them (:mod:`ailead.controls.rules`, :func:`ailead.controls.status_history`),
not by row ids; each pick is checked against the name the prose gives it.
The few rows that are cited for one figure each (a guidance note, the
smuggling estimates) are named below.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import controls, data, tables, wording
from ..figures import controls as figures
from . import Page

#: BIS guidance naming offshore AI training for Chinese firms as a red flag.
GP10_GUIDANCE = "2025-05-13-bis-huawei-ascend-gp10-guidance"
#: Rows of ``smuggling_estimates`` the prose cites, by what each one counts.
SMUGGLING_FIGURES = {
    "cnas_chips": "cnas-2025-smuggled-chips-2024",
    "cnas_training": "cnas-2025-share-training-compute",
    "ft_sold": "ft-2025-restricted-chips-sold-in-china",
    "wsj_servers": "wsj-2025-malaysia-rented-servers",
    "tampa": "doj-2025-tampa-a100s-delivered",
    "gatekeeper": "doj-2025-gatekeeper-value",
    "supermicro_diverted": "doj-2026-supermicro-servers-diverted",
    "supermicro_china": "doj-2026-supermicro-servers-to-china",
}
#: The note on the first reported H200 grant says no shipment was found.
NO_SHIPMENT_NOTE = "No H200 shipment to China was found"


# --- Reader tables: rows in order, codes in words ------------------------------


def chip_rows(accelerators: pd.DataFrame) -> pd.DataFrame:
    """The chips as readers see them: computed against published TPP, density
    and class under each rule. Unknown values stay missing (shown as a dash)."""
    specs = controls.spec_table(accelerators)
    names = controls.short_names(accelerators)
    return pd.DataFrame(
        {
            "chip": specs["id"].map(names),
            "country": specs["country"].map(wording.country_short),
            "tpp": specs["tpp"].round(0).astype("Int64"),
            "tpp_published": specs["tpp_published"].round(0).astype("Int64"),
            "performance_density": specs["performance_density"].round(2),
            "memory_bandwidth_tb_s": specs["memory_bandwidth_tb_s"],
            "class_2022": specs["class_2022"],
            "class_2023": specs["class_2023"],
            "case_by_case_2026": specs["case_by_case_2026"].map(wording.yes_no),
            "confidence": specs["confidence"],
        }
    )


def ceiling_rows(steps: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The ceiling's step points as readers see them; the ratios are shares of
    the best US chip (missing, shown as a dash, when no chip was sellable)."""
    return pd.DataFrame(
        {
            "date": steps["date"].map(wording.iso_date),
            "best_legal_chip": steps["best_legal_chip"].map(names, na_action="ignore").fillna("none in the table"),
            "best_us_chip": steps["best_us_chip"].map(names),
            "tpp_ratio": steps["tpp_ratio"].round(3),
            "bandwidth_ratio": steps["bandwidth_ratio"].round(3),
            "china_restriction": steps["china_restriction"].map(wording.yes_no),
        }
    )


def smuggling_rows(smuggling: pd.DataFrame) -> pd.DataFrame:
    """The smuggling and offshore-access figures as readers see them."""
    return smuggling.assign(
        date=smuggling["date"].map(wording.iso_date),
        kind=smuggling["kind"].map(wording.code_words),
        **{column: smuggling[column].map(wording.plain_number) for column in ("value_low", "value_central", "value_high")},
    )


# --- The page --------------------------------------------------------------------


def _ceiling(p: Page, inputs: dict) -> dict:
    events, status, names = inputs["events"], inputs["status"], inputs["names"]
    steps, upper, rules = inputs["steps"], inputs["upper"], inputs["rules"]
    rule_2022, rule_2023 = rules
    end = events["date"].max()
    milestones = controls.ceiling_milestones(steps, events)
    gaps = controls.gap_spells(steps, end)
    totals = controls.executive_totals(events)
    first_rule, latest, biden = milestones["under_2022_rule"], milestones["latest"], milestones["end_of_biden"]
    h200 = latest["best_legal_chip"]
    h200_grant = steps.loc[steps["best_legal_chip"] == h200, "date"].min()
    h200_policy = upper.loc[upper["best_legal_chip"] == h200, "date"].min()
    h200_history = controls.status_history(status, events, h200)
    h200_review = h200_history[(h200_history["status"] == "case_by_case") & ~h200_history["granted"]].iloc[0]
    h20 = inputs["h20"]
    h20_history = controls.status_history(status, events, h20)
    h20_letter = h20_history[h20_history["status"] == "licence_required"].iloc[0]
    h20_grant = h20_history[h20_history["granted"]].iloc[0]
    by_event = events.set_index("id")

    after_rule_2023 = controls.step_in_force(steps, rule_2023)["best_legal_chip"]
    p.check(
        "the second rule removed that route",
        pd.isna(after_rule_2023) or after_rule_2023 != first_rule["best_legal_chip"],
    )
    trump = events[(events["administration"] == "Trump") & (controls.actor_group(events["agency"]) == controls.US_EXECUTIVE)]
    p.check(
        "the Trump administration tightened first, then loosened",
        trump.loc[trump["direction"] == "tighten", "date"].min() < trump.loc[trump["direction"] == "loosen", "date"].min(),
    )
    p.check("the latest legal chip is the H200, with licences reported", names[h200] == "H200" and pd.notna(h200_grant))
    grant_event = h200_history.loc[h200_history["date"] == h200_grant, "event_id"].iloc[0]
    p.check("no H200 was reported shipped", NO_SHIPMENT_NOTE in by_event.at[grant_event, "note"])
    p.check(
        "no later event reports H200 sales or shipments to China",
        controls.chip_events(events, h200, after=h200_grant, direction="loosen").empty,
    )
    p.check("Beijing was restricting imports of the latest legal chip", bool(latest["china_restriction"]))
    p.check("the H20 licence requirement was a tightening", by_event.at[h20_letter["event_id"], "direction"] == "tighten")
    p.check(
        "the H200 rule opened case-by-case review two days before it took effect",
        (h200_review["date"] - h200_review["event_date"]).days == 2,
    )

    for key, row in milestones.items():
        p.add(
            **{
                f"ec_{key}_since": row["date"],
                f"ec_{key}_on": row["on"],
                f"ec_{key}_legal": names[row["best_legal_chip"]],
                f"ec_{key}_leader": names[row["best_us_chip"]],
                f"ec_{key}_tpp_pct": 100 * row["tpp_ratio"],
                f"ec_{key}_bw_pct": 100 * row["bandwidth_ratio"],
            }
        )
    p.add(
        ec_under_2022_rule_verb=wording.match_verb(controls.compare(first_rule["legal_tpp"], first_rule["us_tpp"])),
        ec_n_events=len(events),
        ec_first_date=events["date"].min(),
        ec_end_date=end,
        ec_rule_2022_date=rule_2022,
        ec_rule_2023_date=rule_2023,
        ec_n_gaps=len(gaps),
        ec_gap_days=int(gaps["days"].sum()),
        ec_longest_gap_days=int(gaps["days"].max()),
        ec_longest_gap_start=gaps.loc[gaps["days"].idxmax(), "start"],
        ec_h200_policy_date=h200_policy,
        ec_h200_grant_date=h200_grant,
        **{f"ec_{admin.lower()}_{d}": totals.at[admin, d] for admin in ("Biden", "Trump") for d in controls.DIRECTIONS},
        ec_ceiling_multiple=latest["tpp_ratio"] / biden["tpp_ratio"],
        ec_rule_2026_date=h200_review["event_date"],
        ec_h20_letter_date=h20_letter["event_date"],
        ec_h20_grant_date=h20_grant["event_date"],
        ec_gp10_date=by_event.at[GP10_GUIDANCE, "date"],
    )

    chips = controls.chip_steps(steps)
    longest = gaps.loc[gaps["days"].idxmax()]
    p.check("the longest spell began when the second rule caught the A800 and H800", longest["start"] == rule_2023)
    p.check("... and ended when the H20 shipped", controls.step_in_force(chips, longest["end"])["best_legal_chip"] == h20)
    under_biden = chips[chips["date"] < controls.ADMINISTRATION_TERMS["Biden"][1]]
    legal_tpp = under_biden["legal_tpp"].fillna(0)
    lowered_on = set(under_biden.loc[legal_tpp < legal_tpp.shift(fill_value=float("inf")), "date"])
    p.check("under Biden the legal ceiling fell only by the two threshold rules", lowered_on <= {rule_2022, rule_2023})
    p.check(
        "first tightened, then loosened",
        h20_letter["event_date"] < h20_grant["event_date"] < h200_review["event_date"],
    )
    p.check("the ceiling rose", latest["tpp_ratio"] > biden["tpp_ratio"])
    p.add(ec_policy_effect=wording.policy_effect(controls.review_policy_effect(steps, upper)))
    p.charts["ec_fig_ceiling"] = figures.ceiling_chart(steps, end, names)
    rows = ceiling_rows(steps, names)
    p.tables["ceiling"] = lambda: tables.show("controls.ceiling", rows)
    return {"latest": latest, "h200": h200}


def _chips(p: Page, inputs: dict, ceiling: dict) -> None:
    accelerators, specs, names = inputs["accelerators"], inputs["specs"], inputs["names"]
    rule_2022, rule_2023 = inputs["rules"]
    by_id = specs.set_index("id")
    h100 = by_id.loc[controls.step_in_force(inputs["steps"], rule_2022)["best_us_chip"]]
    h20, h200 = by_id.loc[inputs["h20"]], by_id.loc[ceiling["h200"]]
    published = specs.dropna(subset=["tpp_published"])
    first_caught = controls.caught_by_first_rule(specs, rule_2023)
    variants = controls.china_variants(specs)
    p.check("the H100 was the best US chip when the first rule came", names[h100.name] == "H100")
    p.check("the first rule caught the A100 and H100", sorted(first_caught["id"].map(names)) == ["A100", "H100"])
    p.check(
        "the A800 and H800 slipped under it and the second rule caught them",
        sorted(variants["id"].map(names)) == ["A800", "H800"],
    )
    kept = [controls.full_counterpart(variant, first_caught) for _, variant in variants.iterrows()]
    p.check("the A800 and H800 kept full compute", all(full is not None for full in kept))
    p.check(
        "the A800 and H800 lost chip-to-chip bandwidth",
        all(
            full is not None and controls.compare(variant["interconnect_gb_s"], full["interconnect_gb_s"]) == "less"
            for (_, variant), full in zip(variants.iterrows(), kept)
        ),
    )
    p.check("the H20 sat below every band of the second rule", names[h20.name] == "H20")
    p.check("the H20 gave up most of the H100's compute", 100 * h20["tpp"] / h100["tpp"] < 50)
    huawei = accelerators[accelerators["vendor"].str.startswith("Huawei")]
    no_tpp = specs[specs["tpp"].isna()]
    p.check(
        "Huawei figures are estimates; the 910B has no TPP",
        (huawei["confidence"] == "low").all() and list(no_tpp["id"].map(names)) == ["Ascend 910B"],
    )
    no_density = specs[(specs["country"] == controls.US) & specs["performance_density"].isna()]
    p.check(
        "the B200 has no density, but its TPP alone puts it in 3A090.a",
        list(no_density["id"].map(names)) == ["B200"] and (no_density["class_2023"] == controls.CLASS_A).all(),
    )
    leader_tpp = by_id.at[ceiling["latest"]["best_us_chip"], "tpp"]
    p.add(
        ec_tpp_threshold=controls.TPP_2023_A,
        ec_io_threshold=controls.IO_BANDWIDTH_2022_GB_S,
        ec_tpp_a2=controls.TPP_2023_A2,
        ec_pd_a=controls.PD_2023_A,
        ec_tpp_b1=controls.TPP_2023_B1,
        ec_pd_b1=controls.PD_2023_B1,
        ec_pd_b2=controls.PD_2023_B2,
        ec_tpp_2026=controls.TPP_2026_CASE_BY_CASE,
        ec_dram_2026=controls.DRAM_BANDWIDTH_2026_GB_S,
        ec_bis_tops_8bit=controls.BIS_EXAMPLE_TOPS_8BIT,
        ec_bis_tops_16bit=controls.BIS_EXAMPLE_TFLOPS_16BIT,
        ec_bits_int8=controls.PRECISION_BITS["int8_dense_tops"],
        ec_bits_bf16=controls.PRECISION_BITS["bf16_dense_tflops"],
        ec_bis_check_8bit=float(controls.tpp_from_tops(controls.BIS_EXAMPLE_TOPS_8BIT, 8)),
        ec_bis_check_16bit=float(controls.tpp_from_tops(controls.BIS_EXAMPLE_TFLOPS_16BIT, 16)),
        ec_n_tpp_published=len(published),
        ec_n_tpp_match=int((published["tpp"] == published["tpp_published"]).sum()),
        ec_h100_tpp=h100["tpp"],
        ec_h100_int8=accelerators.set_index("id").at[h100.name, "int8_dense_tops"],
        ec_h20_tpp=h20["tpp"],
        ec_h20_density=h20["performance_density"],
        ec_h20_tpp_short_pct=controls.shortfall_pct(h20["tpp"], controls.TPP_2023_B1),
        ec_h20_density_short_pct=controls.shortfall_pct(h20["performance_density"], controls.PD_2023_B2),
        ec_h20_bw=h20["memory_bandwidth_tb_s"],
        ec_h100_bw=h100["memory_bandwidth_tb_s"],
        ec_h20_bw_vs_h100=wording.comparative(controls.compare(h20["memory_bandwidth_tb_s"], h100["memory_bandwidth_tb_s"])),
        ec_h20_tpp_pct_of_h100=100 * h20["tpp"] / h100["tpp"],
        ec_h20_pct_of_leader=100 * h20["tpp"] / leader_tpp,
        ec_h200_pct_of_leader=100 * h200["tpp"] / leader_tpp,
        ec_h200_tpp_vs_h100=wording.comparative(controls.compare(h200["tpp"], h100["tpp"])),
        ec_h200_bw_vs_h100=wording.comparative(controls.compare(h200["memory_bandwidth_tb_s"], h100["memory_bandwidth_tb_s"])),
    )
    p.charts["ec_fig_chips"] = figures.chips_chart(specs, inputs["steps"])
    rows = chip_rows(accelerators)
    p.tables["chips"] = lambda: tables.show("controls.chips", rows)


def _smuggling(p: Page, smuggling: pd.DataFrame, events: pd.DataFrame) -> None:
    figure = smuggling.set_index("id")

    def value(name: str, column: str):
        return figure.at[SMUGGLING_FIGURES[name], column]

    enforcement = events[events["direction"] == "enforce"]
    p.add(
        ec_cnas_low=value("cnas_chips", "value_low"),
        ec_cnas_median=value("cnas_chips", "value_central"),
        ec_cnas_period=value("cnas_chips", "period"),
        ec_cnas_train_low=value("cnas_training", "value_low"),
        ec_cnas_train_mid=value("cnas_training", "value_central"),
        ec_cnas_train_high=value("cnas_training", "value_high"),
        ec_ft_bn=value("ft_sold", "value_low") / 1e9,
        ec_wsj_servers=value("wsj_servers", "value_central"),
        ec_ft_period=value("ft_sold", "period"),
        ec_n_cases=len(enforcement),
        ec_first_case=enforcement["date"].min(),
        ec_tampa_chips=value("tampa", "value_central"),
        ec_gatekeeper_m=value("gatekeeper", "value_low") / 1e6,
        ec_smc_bn=value("supermicro_diverted", "value_central") / 1e9,
        ec_smc_china_m=value("supermicro_china", "value_central") / 1e6,
    )
    rows = smuggling_rows(smuggling)
    p.tables["smuggling"] = lambda: tables.show("controls.smuggling", rows)


@lru_cache(maxsize=1)
def page() -> Page:
    p = Page("ch02")
    events = data.load("export_controls")
    accelerators = data.load("accelerators")
    status = data.load("chip_export_status")
    specs = controls.spec_table(accelerators)
    rules = controls.rule_dates(events)
    below = controls.below_second_rule(specs, rules[1])
    p.check("one US chip sat below every band of the second rule", len(below) == 1)
    inputs = {
        "events": events,
        "accelerators": accelerators,
        "status": status,
        "specs": specs,
        "names": controls.short_names(accelerators),
        "rules": rules,
        "steps": controls.ceiling_steps(accelerators, status, events),
        "upper": controls.ceiling_steps(accelerators, status, events, require_grants=False),
        "h20": below["id"].iloc[0],
    }
    ceiling = _ceiling(p, inputs)
    _chips(p, inputs, ceiling)
    p.charts["ec_fig_timeline"] = figures.timeline_chart(events)
    actions = controls.action_counts(events)
    p.tables["actions"] = lambda: tables.show("controls.actions", actions)
    _smuggling(p, data.load("smuggling_estimates"), events)
    return p
