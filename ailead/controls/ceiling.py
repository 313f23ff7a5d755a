"""The legal ceiling: the best US chip China could legally buy, set against
the best US chip released, on every day its answer changed.

The rules that decide what counts as legally sellable are documented on
:func:`ceiling_ratio`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..constants import US
from .actions import ADMINISTRATION_TERMS
from .rules import CLASS_A, CLASS_B, NOT_CONTROLLED, RULE_2022_EVENT, RULE_2023_EVENT, compare, spec_table

#: Statuses in ``chip_export_status.csv`` that describe US law; the fifth,
#: ``banned_by_china``, is a Chinese import restriction.
US_STATUSES = ("exportable", "licence_required", "presumption_of_denial", "case_by_case")
CHINA_STATUS = "banned_by_china"

#: The vendor whose chips define "the best US accelerator".
LEADING_VENDOR = "NVIDIA"


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
    specs = spec_table(accelerators).set_index("id")
    return _status_on(date, specs, status.assign(granted=_granted(status, events)), rule_dates(events))


def _status_on(date, specs: pd.DataFrame, rows: pd.DataFrame, rules) -> pd.DataFrame:
    """:func:`status_on` from the chips' specs (by id), the status rows with
    their ``granted`` flag and the rule dates, computed once by the caller."""
    date = pd.Timestamp(date)
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
    indexed = specs.set_index("id")
    rows = status.assign(granted=_granted(status, events))
    records = []
    for date in dates:
        position = _status_on(date, indexed, rows, rules).set_index("id")
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


def step_in_force(steps: pd.DataFrame, date) -> pd.Series:
    """The row of a step table (:func:`ceiling_steps`, :func:`chip_steps` or
    :func:`ceiling_ratio`) in force on ``date``: the last step dated on or
    before it. Raises ``ValueError`` for a date before the first step."""
    date = pd.Timestamp(date)
    before = steps[steps["date"] <= date]
    if before.empty:
        raise ValueError(f"{date.date()} is before the first step of the ceiling")
    return before.iloc[-1]


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
        row = step_in_force(steps, day).copy()
        row["date"] = step_in_force(chips, day)["date"]
        rows[key] = pd.concat([row, pd.Series({"on": day})])
    return rows


def gap_spells(steps: pd.DataFrame, end) -> pd.DataFrame:
    """Spells with no legally sellable chip in the table: start, end, days.

    Consecutive steps with no legal chip (say, a new frontier chip released
    during a spell) make one spell."""
    nexts = list(steps["date"].iloc[1:]) + [pd.Timestamp(end)]
    rows = []
    for (_, step), until in zip(steps.iterrows(), nexts):
        if not pd.isna(step["best_legal_chip"]):
            continue
        if rows and rows[-1]["end"] == step["date"]:
            rows[-1]["end"] = until
        else:
            rows.append({"start": step["date"], "end": until})
    for row in rows:
        row["days"] = int((row["end"] - row["start"]).days)
    return pd.DataFrame(rows, columns=["start", "end", "days"])


def review_policy_effect(steps: pd.DataFrame, upper: pd.DataFrame) -> dict:
    """What counting a review policy without grants does to the ceiling's last step.

    ``steps`` is :func:`ceiling_steps` (grants required), ``upper`` the same
    with ``require_grants=False``. Compares the last chip change of each and
    returns ``timing`` (``"earlier"``, ``"later"`` or ``"same"``: the
    policy's last step against the grants' one), ``same_height`` (both
    ratios equal within :data:`~ailead.controls.rules.SAME_TOLERANCE`, or
    both missing) and the two TPP ratios, ``grant_tpp_ratio`` and
    ``policy_tpp_ratio`` (NaN when no chip was sellable).
    """
    grant, policy = chip_steps(steps).iloc[-1], chip_steps(upper).iloc[-1]
    if policy["date"] < grant["date"]:
        timing = "earlier"
    elif policy["date"] > grant["date"]:
        timing = "later"
    else:
        timing = "same"
    same = all(
        (pd.isna(policy[c]) and pd.isna(grant[c]))
        or (not pd.isna(policy[c]) and not pd.isna(grant[c]) and compare(policy[c], grant[c]) == "same")
        for c in ("tpp_ratio", "bandwidth_ratio")
    )
    return {
        "timing": timing,
        "same_height": bool(same),
        "grant_tpp_ratio": float(grant["tpp_ratio"]),
        "policy_tpp_ratio": float(policy["tpp_ratio"]),
    }


def status_history(status: pd.DataFrame, events: pd.DataFrame, chip: str) -> pd.DataFrame:
    """The rows of ``chip_export_status`` for one chip, in date order, with
    ``granted`` (the row records licences actually granted, as in
    :func:`status_on`) and ``event_date`` (the date of the action it links to)."""
    rows = status.assign(granted=_granted(status, events))
    rows = rows[rows["accelerator_id"] == chip].sort_values(["date", "id"])
    event_dates = events.set_index("id")["date"]
    return rows.assign(event_date=rows["event_id"].map(event_dates)).reset_index(drop=True)


# ---------------------------------------------------------------------------
# Why the ratio moved: the legal chip or the frontier chip
# ---------------------------------------------------------------------------

#: Causes of a step of the ceiling. The legal chip changes by a threshold or
#: licensing ``rule``, a ``licence_decision`` (a licence requirement, grant or
#: revenue deal), a ``chinese_measure`` (a Chinese import restriction, which
#: only flags the step) or the ``chip_release`` of a new chip that is legal
#: from the day it ships; the frontier chip changes by a ``product_release``.
RULE, LICENCE_DECISION, CHINESE_MEASURE, CHIP_RELEASE, PRODUCT_RELEASE = (
    "rule",
    "licence_decision",
    "chinese_measure",
    "chip_release",
    "product_release",
)
LEGAL_CAUSES = (RULE, LICENCE_DECISION, CHINESE_MEASURE, CHIP_RELEASE)
#: ``export_controls`` instruments that are rules (the rest are licence decisions).
RULE_INSTRUMENTS = ("interim_final_rule", "final_rule")


def _legal_cause(date, before, after, status: pd.DataFrame, events: pd.DataFrame, chips: pd.DataFrame, rules) -> tuple[str, str]:
    """Why the best legal chip went from ``before`` to ``after`` on ``date``:
    ``(cause, what)``, ``what`` being an event id or, for a release, a chip id."""
    from .actions import CHINA_GOVERNMENT, actor_group

    involved = {chip for chip in (before, after) if isinstance(chip, str)}
    rows = status[(status["date"] == date) & status["accelerator_id"].isin(involved) & status["status"].isin(US_STATUSES)]
    # A new chip shipping that day explains the change unless an action dated
    # that day does (a status row may cite an older rule it was judged under).
    by_id = events.set_index("id")
    acted = rows[rows["event_id"].map(by_id["date"]) == date] if not rows.empty else rows
    released = isinstance(after, str) and chips.at[after, "release_date"] == date
    if acted.empty and released:
        return CHIP_RELEASE, after
    if not rows.empty:
        event = by_id.loc[(acted if not acted.empty else rows).sort_values("id")["event_id"].iloc[0]]
        if actor_group(pd.Series([event["agency"]])).iloc[0] == CHINA_GOVERNMENT:
            return CHINESE_MEASURE, event.name
        return (RULE if event["instrument"] in RULE_INSTRUMENTS else LICENCE_DECISION), event.name
    if date in rules:
        return RULE, (RULE_2022_EVENT, RULE_2023_EVENT)[list(rules).index(date)]
    raise ValueError(f"cannot tell why the best legal chip changed on {pd.Timestamp(date).date()} ({before} -> {after})")


def ceiling_causes(steps: pd.DataFrame, accelerators: pd.DataFrame, status: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Every step of :func:`ceiling_steps` with the cause of its change.

    Columns: ``date``, ``best_legal_chip``, ``best_us_chip``, ``legal_tpp``,
    ``us_tpp``, ``share`` (the TPP ratio, with 0 when no listed chip was
    sellable), ``tpp_ratio``, ``bandwidth_ratio`` and ``china_restriction``
    as in the steps, ``legal_cause`` and ``legal_what`` (see :data:`LEGAL_CAUSES`;
    missing when the legal chip did not change), ``frontier_cause`` and
    ``frontier_what`` (``product_release`` and the new chip), and the change
    of ``share`` from the previous step split into ``legal_effect`` and
    ``frontier_effect``. The split is exact: each effect is the average of
    the change its side makes with the other side at its old and at its new
    value, so the two add up to the change. The first step has no change.
    """
    chips = spec_table(accelerators).set_index("id")
    rules = rule_dates(events)
    legal = steps["legal_tpp"].fillna(0.0).to_numpy()
    us = steps["us_tpp"].to_numpy()
    records = []
    for i, step in enumerate(steps.itertuples(index=False)):
        record = {
            "date": step.date,
            "best_legal_chip": step.best_legal_chip,
            "best_us_chip": step.best_us_chip,
            "legal_tpp": step.legal_tpp,
            "us_tpp": step.us_tpp,
            "share": legal[i] / us[i],
            "tpp_ratio": step.tpp_ratio,
            "bandwidth_ratio": step.bandwidth_ratio,
            "china_restriction": bool(step.china_restriction),
            "legal_cause": None,
            "legal_what": None,
            "frontier_cause": None,
            "frontier_what": None,
            "legal_effect": 0.0,
            "frontier_effect": 0.0,
        }
        if i > 0:
            before = steps.iloc[i - 1]
            old_legal = None if pd.isna(before["best_legal_chip"]) else before["best_legal_chip"]
            new_legal = None if pd.isna(step.best_legal_chip) else step.best_legal_chip
            if old_legal != new_legal:
                record["legal_cause"], record["legal_what"] = _legal_cause(
                    step.date, old_legal, new_legal, status, events, chips, rules
                )
            elif step.china_restriction and not before["china_restriction"]:
                china = status[
                    (status["date"] <= step.date) & (status["accelerator_id"] == new_legal) & (status["status"] == CHINA_STATUS)
                ]
                record["legal_cause"], record["legal_what"] = (
                    CHINESE_MEASURE,
                    china.sort_values(["date", "id"])["event_id"].iloc[-1],
                )
            if step.best_us_chip != before["best_us_chip"]:
                record["frontier_cause"], record["frontier_what"] = PRODUCT_RELEASE, step.best_us_chip
            l0, l1, u0, u1 = legal[i - 1], legal[i], us[i - 1], us[i]
            record["legal_effect"] = 0.5 * ((l1 / u0 - l0 / u0) + (l1 / u1 - l0 / u1))
            record["frontier_effect"] = 0.5 * ((l0 / u1 - l0 / u0) + (l1 / u1 - l1 / u0))
        records.append(record)
    frame = pd.DataFrame(records)
    for column in ("best_legal_chip", "best_us_chip"):
        frame[column] = frame[column].astype("string")
    return frame


def movement_shares(causes: pd.DataFrame) -> dict:
    """How much of the ratio's movement each side explains.

    ``movement`` is the sum of the absolute effects (every rise and fall of
    the share, in share units); ``legal_share`` and ``frontier_share`` are
    each side's part of it, and ``by_cause`` splits the legal part by cause
    (shares of the whole movement). ``legal_net`` and ``frontier_net`` are the
    signed sums, which add up to the change from the first step to the last.
    """
    legal, frontier = causes["legal_effect"].abs(), causes["frontier_effect"].abs()
    movement = float(legal.sum() + frontier.sum())
    if not movement > 0:
        raise ValueError("the ceiling never moved")
    by_cause = legal.groupby(causes["legal_cause"]).sum() / movement
    return {
        "movement": movement,
        "legal_share": float(legal.sum() / movement),
        "frontier_share": float(frontier.sum() / movement),
        "by_cause": {cause: float(by_cause.get(cause, 0.0)) for cause in LEGAL_CAUSES},
        "legal_net": float(causes["legal_effect"].sum()),
        "frontier_net": float(causes["frontier_effect"].sum()),
    }
