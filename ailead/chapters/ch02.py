"""Chapter 02, export controls: the values, charts, tables and prose checks it shows.

The chips and actions the prose names are picked out by what the rules did
to them (:mod:`ailead.controls.rules`, :func:`ailead.controls.status_history`),
not by row ids; each pick is checked against the name the prose gives it.
The few rows that are cited for one figure each (a guidance note, the
smuggling estimates) are named below.
"""

from __future__ import annotations

import pandas as pd

from .. import controls, data, tables, wording
from ..figures import controls as figures
from . import Page, cached_page, chapter_data_as_of

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
#: Wording of a later H200 clearance that says nothing had shipped.
LATER_NO_SHIPMENT = "no chips had yet shipped"
#: The claim row that dates Anthropic's essay.
ESSAY_CLAIM = "anthropic-2026-lock-in-lead"
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
            "tpp_precision": specs["tpp_precision"].map(wording.precision_list, na_action="ignore"),
            "tpp_published": specs["tpp_published"].round(0).astype("Int64"),
            "performance_density": specs["performance_density"].round(2),
            "memory_bandwidth_tb_s": specs["memory_bandwidth_tb_s"],
            "interconnect_gb_s": specs["interconnect_gb_s"],
            "class_2022": specs["class_2022"],
            "class_2023": specs["class_2023"],
            "case_by_case_2026": specs["case_by_case_2026"].map(wording.yes_no),
            "confidence": specs["confidence"],
        }
    )


def ceiling_rows(causes: pd.DataFrame, names: dict[str, str], events: pd.DataFrame | None = None) -> pd.DataFrame:
    """The ceiling's steps (:func:`ailead.controls.ceiling_causes`) as readers
    see them: both chips with their TPP, the share (missing, shown as a dash,
    when no chip was sellable), what changed on each side and by how many
    percentage points each change moved the share."""
    by_id = None if events is None else events.set_index("id")
    legal = causes["best_legal_chip"]
    return pd.DataFrame(
        {
            "date": causes["date"].map(wording.iso_date),
            "best_legal_chip": legal.map(names, na_action="ignore").fillna("none in the table"),
            "legal_tpp": causes["legal_tpp"].round(0).astype("Int64"),
            "best_us_chip": causes["best_us_chip"].map(names),
            "us_tpp": causes["us_tpp"].round(0).astype("Int64"),
            "tpp_ratio": causes["tpp_ratio"].round(3),
            "bandwidth_ratio": causes["bandwidth_ratio"].round(3),
            "legal_cause": [
                wording.ceiling_cause("legal", c, w, names, by_id) for c, w in zip(causes["legal_cause"], causes["legal_what"])
            ],
            "legal_effect_pp": (100 * causes["legal_effect"]).round(1),
            "frontier_cause": [
                wording.ceiling_cause("frontier", c, w, names, by_id)
                for c, w in zip(causes["frontier_cause"], causes["frontier_what"])
            ],
            "frontier_effect_pp": (100 * causes["frontier_effect"]).round(1),
            "china_restriction": causes["china_restriction"].map(wording.yes_no),
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
    later = controls.chip_events(events, h200, after=h200_grant, direction="loosen")
    p.check(
        "no later event reports H200 shipments to China (later clearances say none had shipped)",
        later["summary"].str.contains(LATER_NO_SHIPMENT).all(),
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

    # Each change of the ratio split into its cause: the legal chip or the frontier chip.
    causes = inputs["causes"]
    shares = controls.movement_shares(causes)
    h20_start = causes.loc[causes["best_legal_chip"] == h20, "date"].min()
    biden_end = controls.ADMINISTRATION_TERMS["Biden"][1]
    h20_spell = causes[(causes["date"] > h20_start) & (causes["date"] < biden_end)]
    p.check(
        "from the H20's release to the end of the Biden administration only new frontier chips moved the ratio",
        h20_spell["legal_cause"].isna().all() and h20_spell["frontier_cause"].eq(controls.PRODUCT_RELEASE).all(),
    )
    p.check(
        "the two sides' effects add up to the change from the first step to the last",
        abs(shares["legal_net"] + shares["frontier_net"] - (causes["share"].iloc[-1] - causes["share"].iloc[0])) < 1e-9,
    )
    frontier_rows = causes[causes["frontier_cause"].notna()]
    since_h200 = frontier_rows[frontier_rows["date"] > h200_grant]
    p.check("no new frontier chip after the first H200 licences", since_h200.empty)
    newest = frontier_rows.iloc[-1]
    p.check(
        "the GB300 arrived while no listed chip was sellable",
        names[newest["frontier_what"]] == "GB300" and pd.isna(newest["best_legal_chip"]),
    )
    p.check("the legal side raised the share and the frontier side lowered it", shares["legal_net"] > 0 > shares["frontier_net"])
    h20_first = causes[causes["date"] == h20_start].iloc[0]
    b200 = inputs["specs"].set_index("id").loc[[c for c in inputs["specs"]["id"] if names[c] == "B200"]].iloc[0]
    p.add(
        ec_move_total_pp=100 * shares["movement"],
        ec_move_legal_pct=100 * shares["legal_share"],
        ec_move_frontier_pct=100 * shares["frontier_share"],
        ec_move_rule_pct=100 * shares["by_cause"][controls.RULE],
        ec_move_licence_pct=100 * shares["by_cause"][controls.LICENCE_DECISION],
        ec_move_chip_release_pct=100 * shares["by_cause"][controls.CHIP_RELEASE],
        ec_legal_net_pp=100 * shares["legal_net"],
        ec_frontier_net_down_pp=-100 * shares["frontier_net"],
        ec_n_frontier_releases=len(frontier_rows),
        ec_frontier_chips=wording.join(names[c] for c in frontier_rows["frontier_what"]),
        ec_h20_first_pct=100 * h20_first["share"],
        ec_h20_first_leader=names[h20_first["best_us_chip"]],
        ec_h20_spell_frontier_pp=100 * h20_spell["frontier_effect"].sum(),
        ec_h20_spell_chips=wording.join(names[c] for c in h20_spell["frontier_what"]),
        ec_latest_legal_tpp=latest["legal_tpp"],
        ec_latest_leader_tpp=latest["us_tpp"],
        ec_end_of_biden_legal_tpp=biden["legal_tpp"],
        ec_end_of_biden_leader_tpp=biden["us_tpp"],
        ec_latest_pct_of_b200=100 * latest["legal_tpp"] / b200["tpp"],
    )
    p.charts["ec_fig_ceiling"] = figures.ceiling_chart(steps, end, names)
    rows = ceiling_rows(causes, names, events)
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
        "the Blackwell chips (B200, GB200, GB300) have no density, but their TPP alone puts them in 3A090.a",
        sorted(no_density["id"].map(names)) == ["B200", "GB200", "GB300"]
        and (no_density["class_2023"] == controls.CLASS_A).all(),
    )
    gb300 = by_id.loc[ceiling["latest"]["best_us_chip"]]
    p.check(
        "the latest frontier chip is the GB300, whose TPP comes from FP4 alone",
        names[gb300.name] == "GB300" and gb300["tpp_precision"] == "fp4_dense_tflops",
    )
    bits = controls.PRECISION_BITS
    p.add(
        ec_bits_fp4=bits["fp4_dense_tflops"],
        ec_gb300_fp4=accelerators.set_index("id").at[gb300.name, "fp4_dense_tflops"],
        ec_gb300_int8=accelerators.set_index("id").at[gb300.name, "int8_dense_tops"],
        ec_gb300_tpp=gb300["tpp"],
        ec_gb300_tpp_16bit=float(
            controls.tpp_by_precision(accelerators.set_index("id").loc[[gb300.name]])["bf16_dense_tflops"].iloc[0]
        ),
        ec_a800_io=by_id.loc[[c for c in by_id.index if names[c] == "A800"][0], "interconnect_gb_s"],
        ec_a100_io=by_id.loc[[c for c in by_id.index if names[c] == "A100"][0], "interconnect_gb_s"],
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
    p.charts["ec_fig_interconnect"] = figures.interconnect_chart(specs)
    rows = chip_rows(accelerators)
    p.tables["chips"] = lambda: tables.show("controls.chips", rows)


def _since_essay(p: Page, inputs: dict, ceiling: dict) -> None:
    """What the record holds from the essay's date on (issue 15 item 3)."""
    events, causes = inputs["events"], inputs["causes"]
    essay = pd.Timestamp(inputs["claims"].set_index("id").at[ESSAY_CLAIM, "date"])
    since = events[events["date"] >= essay]
    counts = since["direction"].value_counts()
    actors = controls.actor_group(since["agency"])
    p.check("the ceiling did not move from the essay's date on", (causes["date"] < essay).all())
    p.check("something was recorded after the essay", not since.empty)
    p.add(
        ec_essay_date=essay,
        ec_since_n=len(since),
        ec_since_tighten=int(counts.get("tighten", 0)),
        ec_since_loosen=int(counts.get("loosen", 0)),
        ec_since_enforce=int(counts.get("enforce", 0)),
        ec_since_other_gov=int((actors == controls.OTHER_AUTHORITY).sum()),
        ec_since_us_exec=int((actors == controls.US_EXECUTIVE).sum()),
        ec_since_last=since["date"].max(),
        ec_since_ceiling_legal=inputs["names"][ceiling["latest"]["best_legal_chip"]],
    )


def _smuggling(p: Page, smuggling: pd.DataFrame, events: pd.DataFrame) -> None:
    figure = smuggling.set_index("id")

    def value(name: str, column: str):
        return figure.at[SMUGGLING_FIGURES[name], column]

    # The prose counts Justice Department cases: Taiwan's prosecutions are told apart.
    enforcement = events[(events["direction"] == "enforce") & (controls.actor_group(events["agency"]) == controls.US_EXECUTIVE)]
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


@cached_page
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
        "claims": data.load("claims"),
        "h20": below["id"].iloc[0],
    }
    inputs["causes"] = controls.ceiling_causes(inputs["steps"], accelerators, status, events)
    ceiling = _ceiling(p, inputs)
    _since_essay(p, inputs, ceiling)
    _chips(p, inputs, ceiling)
    p.charts["ec_fig_timeline"] = figures.timeline_chart(events)
    actions = controls.action_counts(events)
    p.tables["actions"] = lambda: tables.show("controls.actions", actions)
    _smuggling(p, data.load("smuggling_estimates"), events)
    p.add(ch02_data_as_of=chapter_data_as_of("ch02"))
    return p
