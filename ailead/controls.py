"""US export controls on AI chips for China: how BIS measures a chip, which
chips its thresholds catch, the best chip China could legally buy over time,
and how many actions each administration took.

Definitions (BIS, Technical Notes to ECCN 3A090, 88 FR 73458, 25 Oct 2023):

* **Total processing performance** (TPP) is ``2 x MacTOPS x bit length of the
  operation``, aggregated over all processing units on the chip. MacTOPS is
  the theoretical peak of tera multiply-accumulate operations per second; one
  MAC counts as two operations on a datasheet, so ``2 x MacTOPS`` is the
  datasheet's dense TOPS (or TFLOPS) figure. Dense values are used, never
  sparse ones. BIS's own example: the 4800 threshold is met by 600 TOPS
  (2 x 300 MacTOPS) at 8 bits, or by 300 TFLOPS (2 x 150 MacTOPS) at 16 bits.
  A chip has one TPP per precision; the book takes the maximum over the
  precisions listed in ``accelerators.csv`` (INT8 and BF16).
* **Performance density** is TPP divided by the "applicable die area" in
  square millimetres (all logic dies made on a non-planar-transistor node).

The legal ceiling (:func:`ceiling_ratio`) and its rules are documented on the
functions below; every threshold is a named constant citing the rule.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# ---------------------------------------------------------------------------
# Thresholds, each from the Federal Register text that set it.
# ---------------------------------------------------------------------------

#: ECCN 3A090.a as created by the 7 Oct 2022 rule (87 FR 62186, 13 Oct 2022):
#: an IC was controlled only if BOTH its bit length x TOPS reached 4800 AND its
#: aggregate bidirectional I/O rate (to chips other than memory) reached
#: 600 GB/s.
TPP_2022 = 4800
IO_BANDWIDTH_2022_GB_S = 600

#: ECCN 3A090 as revised on 17 Oct 2023 (88 FR 73458, 25 Oct 2023; effective
#: 17 Nov 2023), which dropped the I/O test.
#: 3A090.a.1: TPP >= 4800.
TPP_2023_A = 4800
#: 3A090.a.2: TPP >= 1600 and performance density >= 5.92.
TPP_2023_A2 = 1600
PD_2023_A = 5.92
#: 3A090.b.1: 2400 <= TPP < 4800 and 1.6 <= performance density < 5.92.
TPP_2023_B1 = 2400
PD_2023_B1 = 1.6
#: 3A090.b.2: TPP >= 1600 and 3.2 <= performance density < 5.92.
TPP_2023_B2 = 1600
PD_2023_B2 = 3.2

#: Case-by-case licence review for China and Macau (91 FR 1684, 15 Jan 2026):
#: chips with TPP < 21,000 and total DRAM bandwidth < 6,500 GB/s (such as the
#: H200), subject to the rule's conditions.
TPP_2026_CASE_BY_CASE = 21000
DRAM_BANDWIDTH_2026_GB_S = 6500

#: BIS's worked example (88 FR 73458, Technical Note to 3A090): the 4800 TPP
#: threshold is met by 600 tera integer operations per second (2 x 300 MacTOPS)
#: at 8 bits, or by 300 teraFLOPS (2 x 150 MacTOPS) at 16 bits.
BIS_EXAMPLE_TOPS_8BIT = 600
BIS_EXAMPLE_TFLOPS_16BIT = 300

#: Dense throughput columns of ``accelerators.csv`` and the bit length of the
#: operation each one measures.
PRECISION_BITS = {"int8_dense_tops": 8, "bf16_dense_tflops": 16}

#: Classification labels.
CLASS_A = "3A090.a"
CLASS_B = "3A090.b"
NOT_CONTROLLED = "not 3A090"
UNDETERMINED = "undetermined"

#: ``export_controls.csv`` rows that set the 3A090 thresholds above.
RULE_2022_EVENT = "2022-10-07-bis-advanced-computing-rule"
RULE_2023_EVENT = "2023-10-17-bis-advanced-computing-update"

#: Statuses in ``chip_export_status.csv`` that describe US law; the fifth,
#: ``banned_by_china``, is a Chinese import restriction.
US_STATUSES = ("exportable", "licence_required", "presumption_of_denial", "case_by_case")
CHINA_STATUS = "banned_by_china"

#: The vendor whose chips define "the best US accelerator".
LEADING_VENDOR = "NVIDIA"
US = "United States of America"

#: Terms of office (noon, 20 January, US Constitution, 20th Amendment); the
#: book only needs the boundary between the two administrations in its data.
ADMINISTRATION_TERMS = {
    "Biden": (pd.Timestamp("2021-01-20"), pd.Timestamp("2025-01-20")),
    "Trump": (pd.Timestamp("2025-01-20"), None),
}

#: Who took an action, by the ``agency`` column of ``export_controls.csv``.
US_EXECUTIVE = "US executive branch"
US_CONGRESS = "US Congress"
COMPANY = "Company disclosure"
CHINA_GOVERNMENT = "Chinese government"
ACTOR_OF_AGENCY = {
    "BIS": US_EXECUTIVE,
    "White House": US_EXECUTIVE,
    "DOJ": US_EXECUTIVE,
    "Congress": US_CONGRESS,
    "Nvidia (company)": COMPANY,
    "Cyberspace Administration of China": CHINA_GOVERNMENT,
    "PRC government (reported)": CHINA_GOVERNMENT,
    "PRC customs (reported)": CHINA_GOVERNMENT,
}
ACTORS = (US_EXECUTIVE, US_CONGRESS, COMPANY, CHINA_GOVERNMENT)
DIRECTIONS = ("tighten", "loosen", "enforce")


# ---------------------------------------------------------------------------
# TPP and performance density
# ---------------------------------------------------------------------------


def tpp_from_mactops(mactops, bit_length):
    """TPP = 2 x MacTOPS x bit length (88 FR 73458, Technical Note 1 to 3A090)."""
    return 2 * np.asarray(mactops, dtype=float) * np.asarray(bit_length, dtype=float)


def tpp_from_tops(tops, bit_length):
    """TPP from a datasheet's dense TOPS/TFLOPS, which count a MAC as 2 operations."""
    return tpp_from_mactops(np.asarray(tops, dtype=float) / 2, bit_length)


def chip_tpp(accelerators: pd.DataFrame) -> pd.Series:
    """Each chip's TPP: the maximum over the precisions in :data:`PRECISION_BITS`.

    A precision with no figure is skipped; a chip with none is NaN.
    """
    per_precision = pd.DataFrame(
        {column: tpp_from_tops(accelerators[column].astype(float), bits) for column, bits in PRECISION_BITS.items()},
        index=accelerators.index,
    )
    return per_precision.max(axis=1, skipna=True).rename("tpp")


def performance_density(tpp, die_area_mm2):
    """TPP per square millimetre of applicable die area (NaN if the area is unknown)."""
    area = np.asarray(die_area_mm2, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(area > 0, np.asarray(tpp, dtype=float) / area, np.nan)


# ---------------------------------------------------------------------------
# Threshold logic
# ---------------------------------------------------------------------------


def classify_2022(tpp: float, io_bandwidth_gb_s: float) -> str:
    """ECCN 3A090 under the 7 Oct 2022 rule: both tests must be met.

    ``io_bandwidth_gb_s`` is the chip's aggregate bidirectional transfer rate
    to chips other than memory; ``accelerators.csv`` gives the scale-up
    interconnect (NVLink) rate, which the book uses for it.
    """
    if pd.isna(tpp):
        return UNDETERMINED
    if tpp < TPP_2022:
        return NOT_CONTROLLED
    if pd.isna(io_bandwidth_gb_s):
        return UNDETERMINED
    return CLASS_A if io_bandwidth_gb_s >= IO_BANDWIDTH_2022_GB_S else NOT_CONTROLLED


def classify_2023(tpp: float, density: float, data_centre: bool = True) -> str:
    """ECCN 3A090.a / .b under the 17 Oct 2023 rule.

    Note 2 to 3A090: a chip not designed or marketed for data centres is
    outside 3A090 unless its TPP is 4800 or more. Returns
    :data:`UNDETERMINED` when the answer needs a density that is unknown.
    """
    if pd.isna(tpp):
        return UNDETERMINED
    if tpp >= TPP_2023_A:
        return CLASS_A
    if not data_centre or tpp < min(TPP_2023_A2, TPP_2023_B2):
        return NOT_CONTROLLED
    if pd.isna(density):
        return UNDETERMINED
    if tpp >= TPP_2023_A2 and density >= PD_2023_A:
        return CLASS_A
    b1 = TPP_2023_B1 <= tpp < TPP_2023_A and PD_2023_B1 <= density < PD_2023_A
    b2 = tpp >= TPP_2023_B2 and PD_2023_B2 <= density < PD_2023_A
    return CLASS_B if (b1 or b2) else NOT_CONTROLLED


def qualifies_2026_case_by_case(tpp: float, dram_bandwidth_gb_s: float):
    """Below both ceilings of the Jan 2026 case-by-case policy (91 FR 1684)?

    ``None`` when either figure is unknown. Meeting the ceilings makes a chip
    eligible for case-by-case review; it does not mean a licence is granted.
    """
    if pd.isna(tpp) or pd.isna(dram_bandwidth_gb_s):
        return None
    return bool(tpp < TPP_2026_CASE_BY_CASE and dram_bandwidth_gb_s < DRAM_BANDWIDTH_2026_GB_S)


def spec_table(accelerators: pd.DataFrame, *, data_centre: bool = True) -> pd.DataFrame:
    """One row per chip: computed TPP and density, the published TPP, and its
    class under each rule. All chips in the table are data-centre parts, so
    ``data_centre`` defaults to True."""
    tpp = chip_tpp(accelerators)
    density = pd.Series(performance_density(tpp, accelerators["die_area_mm2"]), index=accelerators.index)
    bandwidth_gb_s = accelerators["memory_bandwidth_tb_s"] * 1000
    table = pd.DataFrame(
        {
            "id": accelerators["id"],
            "name": accelerators["name"],
            "vendor": accelerators["vendor"],
            "country": accelerators["country_of_vendor"],
            "release_date": accelerators["release_date"],
            "tpp": tpp,
            "tpp_published": accelerators["tpp_vendor_or_bis"],
            "performance_density": density,
            "memory_bandwidth_tb_s": accelerators["memory_bandwidth_tb_s"],
            "interconnect_gb_s": accelerators["interconnect_gb_s"],
            "class_2022": [classify_2022(t, b) for t, b in zip(tpp, accelerators["interconnect_gb_s"])],
            "class_2023": [classify_2023(t, d, data_centre) for t, d in zip(tpp, density)],
            "case_by_case_2026": [qualifies_2026_case_by_case(t, b) for t, b in zip(tpp, bandwidth_gb_s)],
            "confidence": accelerators["confidence"],
        }
    )
    return table.reset_index(drop=True)


# ---------------------------------------------------------------------------
# Export status over time and the legal ceiling
# ---------------------------------------------------------------------------


def rule_dates(events: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Dates of the 2022 and 2023 threshold rules, read from the events table."""
    dates = events.set_index("id")["date"]
    missing = [rule for rule in (RULE_2022_EVENT, RULE_2023_EVENT) if rule not in dates.index]
    if missing:
        raise ValueError(f"events table lacks the threshold rule(s): {', '.join(missing)}")
    return pd.Timestamp(dates[RULE_2022_EVENT]), pd.Timestamp(dates[RULE_2023_EVENT])


def implied_status(spec: pd.Series, date, rules: tuple[pd.Timestamp, pd.Timestamp]) -> str:
    """The US status the 3A090 thresholds imply for a chip on ``date``.

    Before the 2022 rule every chip was exportable; under a rule a
    controlled chip (3A090.a or .b) needs a licence, an uncontrolled one is
    exportable, and an undetermined one is ``"unknown"``. 3A090.b chips could
    use the NAC notification route in some cases; the book counts them as
    needing a licence.
    """
    rule_2022, rule_2023 = rules
    date = pd.Timestamp(date)
    if date < rule_2022:
        return "exportable"
    label = spec["class_2022"] if date < rule_2023 else spec["class_2023"]
    if label in (CLASS_A, CLASS_B):
        return "licence_required"
    if label == NOT_CONTROLLED:
        return "exportable"
    return "unknown"


def _granted(status: pd.DataFrame, events: pd.DataFrame) -> pd.Series:
    """Does each status row record licences actually granted?

    True when the row's event is a licence decision that opens flows
    (instrument ``licence_policy``, direction ``loosen``), e.g. reports that
    licences were issued; False when it only records a review policy.
    """
    kind = events.set_index("id")[["instrument", "direction"]]
    linked = kind.reindex(status["event_id"].to_numpy())
    granted = (linked["instrument"] == "licence_policy") & (linked["direction"] == "loosen")
    return pd.Series(granted.fillna(False).to_numpy(dtype=bool), index=status.index)


def status_on(date, accelerators: pd.DataFrame, status: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Every US chip's export position for China on ``date``.

    Columns: ``id``, ``released`` (release date on or before ``date``),
    ``status`` (latest US-law row of ``chip_export_status`` on or before the
    date, else the status the thresholds imply), ``status_source``
    (``table`` or ``thresholds``), ``licences_granted``, ``sellable`` (the
    book's definition, see :func:`ceiling_ratio`), ``sellable_if_any_review``
    (also counting case-by-case review without reported grants) and
    ``china_restriction`` (a Chinese import restriction on the chip has been
    reported on or before the date; it does not change US law).
    """
    date = pd.Timestamp(date)
    rules = rule_dates(events)
    specs = spec_table(accelerators).set_index("id")
    rows = status.assign(granted=_granted(status, events))
    rows = rows[rows["date"] <= date].sort_values(["date", "id"])
    us_rows = rows[rows["status"].isin(US_STATUSES)]
    latest = us_rows.groupby("accelerator_id").tail(1).set_index("accelerator_id")
    china = set(rows.loc[rows["status"] == CHINA_STATUS, "accelerator_id"])
    records = []
    for chip, spec in specs[specs["country"] == US].iterrows():
        if pd.isna(spec["release_date"]):
            raise ValueError(f"accelerator '{chip}' has no release_date; the ceiling needs one for every US chip")
        if chip in latest.index:
            state, source, granted = latest.at[chip, "status"], "table", bool(latest.at[chip, "granted"])
        else:
            state, source, granted = implied_status(spec, date, rules), "thresholds", False
        released = spec["release_date"] <= date
        records.append(
            {
                "id": chip,
                "released": bool(released),
                "status": state,
                "status_source": source,
                "licences_granted": granted and state == "case_by_case",
                "sellable": bool(released and (state == "exportable" or (state == "case_by_case" and granted))),
                "sellable_if_any_review": bool(released and state in ("exportable", "case_by_case")),
                "china_restriction": chip in china,
            }
        )
    return pd.DataFrame(records)


#: Columns whose change starts a new step of :func:`ceiling_steps`, and the
#: subset that names the chips (:func:`chip_steps`).
CHIP_KEYS = ("best_legal_chip", "best_us_chip")
STEP_KEYS = (*CHIP_KEYS, "china_restriction")


def _best(candidates: pd.DataFrame) -> pd.Series | None:
    """Highest TPP; ties go to higher memory bandwidth, then to the id."""
    ranked = candidates.dropna(subset=["tpp"]).sort_values(["tpp", "memory_bandwidth_tb_s", "id"], ascending=[False, False, True])
    return None if ranked.empty else ranked.iloc[0]


def ceiling_steps(
    accelerators: pd.DataFrame,
    status: pd.DataFrame,
    events: pd.DataFrame,
    *,
    require_grants: bool = True,
) -> pd.DataFrame:
    """The legal ceiling with its working: see :func:`ceiling_ratio`.

    Extra columns: ``legal_tpp``, ``us_tpp``, ``legal_bandwidth_tb_s``,
    ``us_bandwidth_tb_s`` and ``china_restriction`` (a Chinese import
    restriction on the best legal chip had been reported on or before the
    step's date). A new step begins whenever the best legal chip, the best US
    chip **or** that flag changes, so the flag holds for the whole step; a
    step that only flags a restriction repeats the previous step's chips and
    ratios (:func:`chip_steps` drops such rows). With
    ``require_grants=False`` a case-by-case review policy counts as sellable
    even without reported grants (an upper bound).
    """
    specs = spec_table(accelerators)
    us_chips = specs[specs["country"] == US].set_axis(specs.loc[specs["country"] == US, "id"].to_list())
    rules = rule_dates(events)
    start = rules[0]
    candidates = pd.concat([status["date"], us_chips["release_date"].dropna(), pd.Series(list(rules))])
    dates = sorted({pd.Timestamp(d) for d in candidates if pd.Timestamp(d) >= start})
    flag = "sellable" if require_grants else "sellable_if_any_review"
    records = []
    for date in dates:
        position = status_on(date, accelerators, status, events).set_index("id")
        legal = _best(us_chips[us_chips["id"].map(position[flag])])
        leader_pool = us_chips[(us_chips["vendor"] == LEADING_VENDOR) & us_chips["id"].map(position["released"])]
        leader = _best(leader_pool)
        if leader is None:
            raise ValueError(f"no {LEADING_VENDOR} chip with a TPP had been released by {date.date()}")
        record = {
            "date": date,
            "best_legal_chip": None if legal is None else legal["id"],
            "best_us_chip": leader["id"],
            "legal_tpp": np.nan if legal is None else legal["tpp"],
            "us_tpp": leader["tpp"],
            "legal_bandwidth_tb_s": np.nan if legal is None else legal["memory_bandwidth_tb_s"],
            "us_bandwidth_tb_s": leader["memory_bandwidth_tb_s"],
            "china_restriction": False if legal is None else bool(position.at[legal["id"], "china_restriction"]),
        }
        records.append(record)
    frame = pd.DataFrame(records)
    # A step starts whenever either chip or the Chinese-restriction flag changes,
    # so the flag of every step holds for the whole step.
    keys = frame[list(STEP_KEYS)].astype(object).where(frame[list(STEP_KEYS)].notna(), "")
    changed = (keys != keys.shift()).any(axis=1)
    frame = frame[changed].reset_index(drop=True)
    frame["tpp_ratio"] = frame["legal_tpp"] / frame["us_tpp"]
    frame["bandwidth_ratio"] = frame["legal_bandwidth_tb_s"] / frame["us_bandwidth_tb_s"]
    frame["date"] = pd.to_datetime(frame["date"])
    for column in ("best_legal_chip", "best_us_chip"):
        frame[column] = frame[column].astype("string")
    return frame


def chip_steps(steps: pd.DataFrame) -> pd.DataFrame:
    """:func:`ceiling_steps` with only the rows on which a chip changed.

    Rows that only flag a Chinese import restriction are dropped, so each
    row's ``date`` is the day its pair of chips took over. The
    ``china_restriction`` column of a kept row is its value on that day.
    """
    keys = steps[list(CHIP_KEYS)].astype(object).where(steps[list(CHIP_KEYS)].notna(), "")
    changed = (keys != keys.shift()).any(axis=1)
    return steps[changed].reset_index(drop=True)


def ceiling_ratio(accelerators: pd.DataFrame, status: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The best chip legally sellable to China against the best US chip, over time.

    Returns one row per **step point**: each date on which the best legally
    sellable chip or the best US chip changed (not a monthly grid), starting
    on the date of the first 3A090 rule (7 Oct 2022). A row holds until the
    next row's date. Columns: ``date``, ``best_legal_chip`` and
    ``best_us_chip`` (``accelerators.csv`` ids), ``tpp_ratio`` and
    ``bandwidth_ratio`` (the legal chip's TPP and memory bandwidth divided by
    the US chip's; the bandwidth ratio can exceed 1, as the H20 had more
    memory bandwidth than the H100).

    **Best** = highest TPP (:func:`chip_tpp`, computed from the listed
    specs); ties go to the higher memory bandwidth. **Best US chip** = best
    NVIDIA chip whose ``release_date`` is on or before the date.

    **Legally sellable** to China on a date = a US-designed chip released by
    then whose US status (latest row of ``chip_export_status`` on or before
    the date) is

    * ``exportable`` (no licence needed), or
    * ``case_by_case`` **with licences reported as actually granted**: the
      status row links to an ``export_controls`` event with instrument
      ``licence_policy`` and direction ``loosen`` (a report that licences were
      issued).

    Uncertain statuses are treated as follows:

    * ``case_by_case`` resting only on a rule (no grant reported) is **not**
      counted; :func:`ceiling_steps` with ``require_grants=False`` gives the
      upper bound that counts it.
    * ``licence_required`` (review policy unstated) and
      ``presumption_of_denial`` are not counted: licences may exist, but the
      data hold no report of any.
    * ``banned_by_china`` rows are Chinese import restrictions, not US law;
      they are ignored here (the chip keeps its US status) and flagged in
      :func:`ceiling_steps` as ``china_restriction``.
    * A chip with no status row yet gets the status that the 3A090 thresholds
      in force imply (:func:`implied_status`), e.g. the H20 from its release
      until April 2025. A chip whose class cannot be determined is not
      counted.

    When no chip in the table is legally sellable, ``best_legal_chip`` is
    missing and both ratios are NaN. The table lists flagship data-centre
    parts only, so "none" means none of these, not that China could buy no
    US accelerator at all.
    """
    steps = chip_steps(ceiling_steps(accelerators, status, events))
    return steps[["date", "best_legal_chip", "best_us_chip", "tpp_ratio", "bandwidth_ratio"]]


def ceiling_at(ceiling: pd.DataFrame, date) -> pd.Series:
    """The ceiling row in force on ``date`` (the last step on or before it)."""
    date = pd.Timestamp(date)
    before = ceiling[ceiling["date"] <= date]
    if before.empty:
        raise ValueError(f"{date.date()} is before the first step of the ceiling")
    return before.iloc[-1]


# ---------------------------------------------------------------------------
# Counting actions
# ---------------------------------------------------------------------------


def actor_group(agency: pd.Series) -> pd.Series:
    """Map the ``agency`` column to :data:`ACTORS`; unknown agencies raise."""
    unknown = sorted(set(agency.dropna()) - set(ACTOR_OF_AGENCY))
    if unknown:
        raise ValueError(f"no actor group for agency: {', '.join(unknown)}; add it to ACTOR_OF_AGENCY")
    return agency.map(ACTOR_OF_AGENCY).rename("actor")


def administration_on(date) -> str:
    """The US administration in office on ``date`` (from :data:`ADMINISTRATION_TERMS`)."""
    date = pd.Timestamp(date)
    for name, (start, end) in ADMINISTRATION_TERMS.items():
        if date >= start and (end is None or date < end):
            return name
    raise ValueError(f"no administration in ADMINISTRATION_TERMS covers {date.date()}")


def action_counts(events: pd.DataFrame, actors=(US_EXECUTIVE,)) -> pd.DataFrame:
    """Tightening, loosening and enforcement actions per administration and year.

    Only events whose acting body falls in ``actors`` are counted (default:
    the US executive branch, i.e. BIS, the White House and DOJ; bills in
    Congress, company disclosures and Chinese measures are left out unless
    asked for). One row per administration and calendar year with at least
    one counted event, in time order; columns ``administration``, ``year``,
    ``tighten``, ``loosen``, ``enforce``, ``total``.
    """
    chosen = events[actor_group(events["agency"]).isin(actors)]
    keyed = chosen.assign(year=chosen["date"].dt.year)
    table = (
        keyed.groupby(["administration", "year", "direction"])
        .size()
        .unstack("direction")
        .reindex(columns=list(DIRECTIONS))
        .fillna(0)
        .astype(int)
    )
    table["total"] = table.sum(axis=1)
    first = keyed.groupby(["administration", "year"])["date"].min()
    table = table.loc[first.sort_values().index]
    table.columns.name = None
    return table.reset_index()


def executive_totals(events: pd.DataFrame, actors=(US_EXECUTIVE,)) -> pd.DataFrame:
    """:func:`action_counts` summed over years: one row per administration."""
    counts = action_counts(events, actors)
    return counts.groupby("administration", sort=False)[[*DIRECTIONS, "total"]].sum()


# ---------------------------------------------------------------------------
# Summaries for the chapter
# ---------------------------------------------------------------------------


def short_name(name: str) -> str:
    """'NVIDIA H200 SXM 141GB' -> 'H200'; 'Huawei Ascend 910C' -> 'Ascend 910C'."""
    words = name.replace("NVIDIA ", "").replace("Huawei ", "").split()
    return " ".join(words[:2]) if words[0] == "Ascend" else words[0]


def short_names(accelerators: pd.DataFrame) -> dict[str, str]:
    """Reader-facing chip names by ``accelerators.csv`` id."""
    return {chip: short_name(name) for chip, name in zip(accelerators["id"], accelerators["name"])}


def ceiling_milestones(steps: pd.DataFrame, events: pd.DataFrame) -> dict[str, pd.Series]:
    """The ceiling on three days: the last day of the 2022 rule alone (the day
    before the 2023 rule), the last day of the Biden administration, and the
    latest date in the events table.

    Each row is the step in force on the day asked about (``on``), so its
    ``china_restriction`` is the flag on that day; its ``date`` is the day
    that pair of chips took over (a step that only flagged a restriction does
    not move it).
    """
    rule_2023 = rule_dates(events)[1]
    days = {
        "under_2022_rule": rule_2023 - pd.Timedelta(days=1),
        "end_of_biden": ADMINISTRATION_TERMS["Biden"][1] - pd.Timedelta(days=1),
        "latest": events["date"].max(),
    }
    chips = chip_steps(steps)
    rows = {}
    for key, day in days.items():
        row = ceiling_at(steps, day).copy()
        row["date"] = ceiling_at(chips, day)["date"]
        rows[key] = pd.concat([row, pd.Series({"on": day})])
    return rows


def gap_spells(steps: pd.DataFrame, end) -> pd.DataFrame:
    """Spells with no legally sellable chip in the table: start, end, days."""
    nexts = list(steps["date"].iloc[1:]) + [pd.Timestamp(end)]
    rows = [
        {"start": step["date"], "end": until, "days": int((until - step["date"]).days)}
        for (_, step), until in zip(steps.iterrows(), nexts)
        if pd.isna(step["best_legal_chip"])
    ]
    return pd.DataFrame(rows, columns=["start", "end", "days"])


def chip_events(events: pd.DataFrame, chip: str, *, after=None, direction: str | None = None) -> pd.DataFrame:
    """Events whose ``chips`` list names ``chip``, dated strictly after
    ``after`` (if given) and in ``direction`` (if given), in date order."""
    named = events["chips"].fillna("").str.split(";").map(lambda chips: chip in chips)
    chosen = events[named.astype(bool)]
    if after is not None:
        chosen = chosen[chosen["date"] > pd.Timestamp(after)]
    if direction is not None:
        chosen = chosen[chosen["direction"] == direction]
    return chosen.sort_values(["date", "id"]).reset_index(drop=True)


# ---------------------------------------------------------------------------
# Comparisons in words, so the prose states what the data show
# ---------------------------------------------------------------------------

#: Two figures count as the same when they differ by less than this share.
SAME_TOLERANCE = 1e-9

#: How :func:`compare` reads in the chapter's sentences.
MATCH_VERBS = {"same": "matched", "more": "exceeded", "less": "fell short of"}
COMPARATIVES = {"same": "equal to", "more": "higher than", "less": "lower than"}


def compare(value, reference, rel_tol: float = SAME_TOLERANCE) -> str:
    """``"same"``, ``"more"`` or ``"less"``: ``value`` against ``reference``.

    Equal within a relative tolerance of ``rel_tol`` counts as the same.
    Raises ``ValueError`` when either figure is missing.
    """
    if pd.isna(value) or pd.isna(reference):
        raise ValueError("cannot compare a missing figure")
    value, reference = float(value), float(reference)
    if np.isclose(value, reference, rtol=rel_tol, atol=0.0):
        return "same"
    return "more" if value > reference else "less"


def shortfall_pct(value, floor) -> float:
    """How far ``value`` sits below ``floor``, in percent of the floor
    (negative when it is above). ``floor`` must be positive."""
    if not floor > 0:
        raise ValueError("the floor must be positive")
    return float(100 * (floor - value) / floor)


def review_policy_effect(steps: pd.DataFrame, upper: pd.DataFrame) -> str:
    """What counting a review policy without grants does to the ceiling's last step, in words.

    ``steps`` is :func:`ceiling_steps` (grants required), ``upper`` the same
    with ``require_grants=False``. Compares the last chip change of each:
    its date (earlier, later or unchanged) and its height (both ratios equal,
    within :data:`SAME_TOLERANCE`, or not).
    """
    grant, policy = chip_steps(steps).iloc[-1], chip_steps(upper).iloc[-1]
    if policy["date"] < grant["date"]:
        timing = "moves the last step earlier"
    elif policy["date"] > grant["date"]:
        timing = "moves the last step later"
    else:
        timing = "leaves the date of the last step unchanged"
    same = all(
        (pd.isna(policy[c]) and pd.isna(grant[c]))
        or (not pd.isna(policy[c]) and not pd.isna(grant[c]) and compare(policy[c], grant[c]) == "same")
        for c in ("tpp_ratio", "bandwidth_ratio")
    )
    moved = policy["date"] != grant["date"]
    if same:
        height = "does not change its height"
    else:
        before = "none" if pd.isna(grant["tpp_ratio"]) else f"{grant['tpp_ratio']:.0%}"
        after = "none" if pd.isna(policy["tpp_ratio"]) else f"{policy['tpp_ratio']:.0%}"
        height = f"changes its processing-performance share from {before} to {after}"
    return f"{timing} {'but' if moved == same else 'and'} {height}"


#: Reader-facing names of the directions counted by :func:`action_counts`.
ACTION_TABLE_LABELS = {
    "administration": "Administration",
    "year": "Year",
    "tighten": "Tightening",
    "loosen": "Loosening",
    "enforce": "Prosecutions",
    "total": "Total",
}


def action_table(events: pd.DataFrame, actors=(US_EXECUTIVE,)) -> pd.DataFrame:
    """:func:`action_counts` as readers see it: plain column names, no index."""
    return action_counts(events, actors).rename(columns=ACTION_TABLE_LABELS)


#: Number formats for :func:`ailead.report.table`, by column of :func:`chip_table`.
CHIP_TABLE_FORMATS = {
    "TPP (computed)": "{:,.0f}",
    "TPP (published)": "{:,.0f}",
    "Performance density": "{:.2f}",
    "Memory bandwidth (TB/s)": "{:.2f}",
}


def chip_table(accelerators: pd.DataFrame) -> pd.DataFrame:
    """The chips as readers see them: computed against published TPP, density
    and class under each rule. Unknown values stay missing (shown as a dash)."""
    specs = spec_table(accelerators)
    names = short_names(accelerators)
    eligible = specs["case_by_case_2026"].map({True: "yes", False: "no", None: "unknown"})
    return pd.DataFrame(
        {
            "Chip": specs["id"].map(names).to_numpy(),
            "Country": specs["country"].replace({US: "US"}).to_numpy(),
            "TPP (computed)": specs["tpp"].round(0).astype("Int64").to_numpy(),
            "TPP (published)": specs["tpp_published"].round(0).astype("Int64").to_numpy(),
            "Performance density": specs["performance_density"].round(2).to_numpy(),
            "Memory bandwidth (TB/s)": specs["memory_bandwidth_tb_s"].to_numpy(),
            "Oct 2022 rule": specs["class_2022"].to_numpy(),
            "Oct 2023 rule": specs["class_2023"].to_numpy(),
            "Jan 2026 case-by-case ceilings met": eligible.fillna("unknown").to_numpy(),
            "Confidence": specs["confidence"].to_numpy(),
        }
    )


#: Number formats for :func:`ailead.report.table`, by column of :func:`ceiling_table`.
CEILING_TABLE_FORMATS = {
    "Processing performance (share of best US chip)": "{:.0%}",
    "Memory bandwidth (share of best US chip)": "{:.0%}",
}


def ceiling_table(steps: pd.DataFrame, accelerators: pd.DataFrame) -> pd.DataFrame:
    """The ceiling's step points as readers see them; the ratios are shares of
    the best US chip (missing, shown as a dash, when no chip was sellable)."""
    names = short_names(accelerators)
    return pd.DataFrame(
        {
            "From": steps["date"].dt.strftime("%Y-%m-%d").to_numpy(),
            "Best legal chip": steps["best_legal_chip"].map(names, na_action="ignore").fillna("none in the table").to_numpy(),
            "Best US chip": steps["best_us_chip"].map(names).to_numpy(),
            "Processing performance (share of best US chip)": steps["tpp_ratio"].round(3).to_numpy(),
            "Memory bandwidth (share of best US chip)": steps["bandwidth_ratio"].round(3).to_numpy(),
            "Chinese import restriction reported": steps["china_restriction"].map({True: "yes", False: "no"}).to_numpy(),
        }
    )


def _plain_number(value) -> str | None:
    """12500.0 -> '12,500'; 0.5 -> '0.5'; missing -> None (shown as a dash)."""
    if pd.isna(value):
        return None
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def smuggling_table(smuggling: pd.DataFrame) -> pd.DataFrame:
    """The smuggling and offshore-access figures as readers see them."""
    return pd.DataFrame(
        {
            "Date": smuggling["date"].dt.strftime("%Y-%m-%d").to_numpy(),
            "Publisher": smuggling["publisher"].to_numpy(),
            "Kind": smuggling["kind"].str.replace("_", " ").to_numpy(),
            "What is counted": smuggling["measure"].to_numpy(),
            "Unit": smuggling["unit"].to_numpy(),
            "Low": smuggling["value_low"].map(_plain_number).to_numpy(),
            "Central": smuggling["value_central"].map(_plain_number).to_numpy(),
            "High": smuggling["value_high"].map(_plain_number).to_numpy(),
            "Confidence": smuggling["confidence"].to_numpy(),
            "Source": smuggling["source_url"].to_numpy(),
        }
    )
