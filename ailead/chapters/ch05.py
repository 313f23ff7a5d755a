"""Chapter 05, the claims scored against the data: the values, charts and
tables it shows, and the checks its prose relies on."""

from __future__ import annotations

import hashlib
import json
import math
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .. import claims as cl
from .. import controls, data, gap, tables, wording
from ..figures import claims as figures
from . import Page, cached_page, chapter_data_as_of

#: Glue keys of this chapter start with this.
PREFIX = "dis"


def slug(claim_id: str) -> str:
    """A claim id as it appears in glue names: 'zhang-2026-into-asia' -> 'zhang_2026_into_asia'."""
    return claim_id.replace("-", "_")


def claim_values(claims: pd.DataFrame, inputs: cl.Inputs, rules: cl.Rules = cl.RULES, prefix: str = PREFIX) -> dict:
    """Values about each claim for the chapter's prose, by glue name.

    ``{prefix}_when_<claim>`` (month and year said), ``{prefix}_size_<claim>``
    (stated lead, e.g. "7-10 months"), ``{prefix}_v_<claim>`` (verdict) and, per
    test, ``{prefix}_pv_<claim>_<measure>_<test>`` (its verdict) and
    ``{prefix}_num_<claim>_<measure>_<test>`` (the number it turned on, if finite).
    """
    values = {}
    for _, claim in claims.iterrows():
        key = slug(claim["id"])
        result = cl.assess(claim, inputs, rules)
        size = cl.stated_size(claim)
        values[f"{prefix}_when_{key}"] = "" if pd.isna(claim["date"]) else wording.month(claim["date"])
        values[f"{prefix}_size_{key}"] = "" if size is None else f"{wording.size_text(size)} months"
        values[f"{prefix}_v_{key}"] = result.verdict
        for part in result.parts:
            name = f"{key}_{part.measure}_{part.test}"
            values[f"{prefix}_pv_{name}"] = part.verdict
            if not pd.isna(part.number) and math.isfinite(part.number):
                values[f"{prefix}_num_{name}"] = round(float(part.number), 2)
    return values


# --- Reader tables: rows chosen and codes turned into words ----------------------


def rules_table(rules: cl.Rules = cl.RULES) -> pd.DataFrame:
    """The verdict rules in words, written from the constants (never by hand)."""
    p, m, t, b = rules.parity_months, rules.margin_months, rules.size_tolerance_months, rules.trend_band
    r, mr, c = rules.parity_ratio, rules.margin_ratio, rules.ceiling_change_ratio
    level = round(100 * rules.calibrated_level)
    eci_trend = "ECI lag trend (months of lag per year) against no-trend sawtooth series"
    last_day = (
        f"mean lag over the {rules.level_mean_days} days to the claim's last day, or over the window it names "
        "(months), every value of its score-noise band"
    )
    ratio = "US/China ratio (compute shares; best US vs best legal chip)"
    us, even, china = (tables.label("directions", code) for code in ("us_lead", "parity", "china_lead"))
    rows = [
        ("narrowing", eci_trend, f"slope below the central {level}% of no-trend slopes", "slope above them"),
        ("widening", eci_trend, f"slope above the central {level}% of no-trend slopes", "slope below them"),
        ("stable", eci_trend, f"slope inside the central {level}% and within {-b:g} to {b:g}", "slope outside the central range"),
        (us, last_day, f"lag {p:g} or more", f"lag {p - m:g} or less"),
        (even, last_day, f"lag shorter than {p:g} either way", f"lag {p + m:g} or more either way"),
        (china, last_day, f"lag -{p:g} or less (China ahead)", f"lag {m - p:g} or more"),
        ("lead of L-H months", last_day, f"lag between L-{t:g} and H+{t:g}", f"lag {m + t:g} or more outside L-H"),
        (us, ratio, f"ratio {r:g} or more", f"ratio {r / mr:.3g} or less"),
        (even, ratio, f"ratio within a factor {r:g} either way", f"ratio {r * mr:.3g} or more either way"),
        (
            "narrowing / widening",
            "change of the chip ceiling over the window",
            f"US chip advantage shrinks / grows by more than a factor {c:g}",
            "otherwise",
        ),
    ]
    frame = pd.DataFrame(rows, columns=["claim says", "measured by", "supported if", "contradicted if"])
    # A chip trend is never mixed: one measured change, no interval.
    frame["otherwise"] = [None if says == "narrowing / widening" else cl.MIXED for says in frame["claim says"]]
    return frame


def coverage_table(rules: cl.Rules = cl.RULES) -> pd.DataFrame:
    """When a claim is not testable, and how parts are combined (from the constants)."""
    rows = [
        ("claim speaks about the period after it was made", "not testable (a prediction)"),
        ("no verified date", "not testable"),
        (
            f"dated more than {rules.grace_months:g} month(s) after the last release in the ECI table",
            "capability tests not testable",
        ),
        ("no window start given", f"window = the {rules.default_window_months} months up to the claim"),
        (f"trend window shorter than {rules.min_trend_months} monthly values", "extended backwards from its end"),
        (
            "verdict differs on a window of "
            + ", ".join(str(m) for m in cl.ROBUSTNESS_WINDOWS[:-1])
            + f" or {cl.ROBUSTNESS_WINDOWS[-1]} months, or the score noise could change it",
            "marked fragile",
        ),
        (f"no US-and-China compute snapshot within {rules.compute_max_distance_months:g} months", "compute test not testable"),
        ("trend claim about compute", "not testable (no time series of shares)"),
        (
            "chip trend whose window starts or ends when no chip in the table could legally be sold",
            "chip trend not testable (the table cannot size the change)",
        ),
        (
            "lag known only as a bound (US match before the data begin, or China ahead and not yet matched)",
            "level tests judge every value the bound allows; trend fits leave those days out",
        ),
        ("stated size on compute or chips", "direction tested, size not (no months scale)"),
        ("metric data, talent or adoption", "not testable"),
        ("metric mixed", "tested on capabilities, compute and chips"),
        ("several tests", "supported or contradicted only if all testable tests agree, else mixed"),
    ]
    return pd.DataFrame(rows, columns=["case", "rule"])


def scorecard_rows(card: pd.DataFrame, names: dict) -> pd.DataFrame:
    """The scorecard as readers see it: the evidence in words."""
    return card.assign(
        tested_on=[
            ", ".join(tables.label("metrics", m) for m in measures) if measures else None for measures in card["tested_on"]
        ],
        evidence=[wording.claim_evidence(result, names) for result in card["assessment"]],
    )


def context_rows(frame: pd.DataFrame, names: dict) -> pd.DataFrame:
    """Every measure at each claim's date, as readers see it."""

    def percent(column):
        return pd.array([None if pd.isna(v) else round(100 * v) for v in frame[column]], dtype="Int64")

    return frame.assign(
        window=[wording.date_span(start, end) for start, end in zip(frame["start"], frame["end"])],
        trend_ci=[
            None if pd.isna(low) else wording.signed_span(low, high) for low, high in zip(frame["trend_low"], frame["trend_high"])
        ],
        us_share_pct=percent("us_share"),
        china_share_pct=percent("china_share"),
        legal_tpp_pct=percent("tpp_ratio"),
        best_legal_chip=[
            None if pd.isna(ratio) else ("none" if chip is None else names.get(chip, chip))
            for chip, ratio in zip(frame["best_legal_chip"], frame["tpp_ratio"])
        ],
    )


def robustness_rows(table: pd.DataFrame, card: pd.DataFrame) -> pd.DataFrame:
    """Each tested claim's verdict beside its verdicts on other windows, and whether it is robust."""
    tested = table[table["label"].notna()].merge(card[["claim", "who"]], on="claim")
    return tested.assign(
        noise=["holds" if ok else "can change it" for ok in tested["noise_holds"]],
        label=[wording.fragility(w, n) for w, n in zip(tested["windows_hold"], tested["noise_holds"])],
    )


#: The claim under test; the chapter's excerpt of the claims table is the rows
#: taken from the same publication.
ESSAY_CLAIM = "anthropic-2026-lock-in-lead"


def claims_excerpt(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims drawn from the publication of the claim under test (the chapter's excerpt)."""
    essay = claims.set_index("id").at[ESSAY_CLAIM, "source_url"]
    return claims[claims["source_url"] == essay].reset_index(drop=True)


def claims_rows(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims as readers see them: each speaker with the affiliation in
    brackets (one column fewer, so the table fits a desktop column)."""
    who = [
        name if pd.isna(where) or str(where) in str(name) else f"{name} ({where})"
        for name, where in zip(claims["who"], claims["affiliation"])
    ]
    return claims.assign(who=who)


def claims_table():
    """Every claim as recorded (table ``claims.claims``), for the data appendix."""
    return tables.show("claims.claims", claims_rows(data.load("claims")))


def sensitivity_rows(table: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
    """The sensitivity table in words: each changed verdict named by its claim's
    label (``names``, by default the ``claims`` group of ``ailead/tables/labels.yaml``)."""
    names = tables.labels("claims") if names is None else names
    return table.assign(
        changes=[
            "; ".join(wording.verdict_change(names[cid], before, after) for cid, before, after in changes) or None
            for changes in table["changes"]
        ]
    )


# --- The page ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def project_inputs() -> cl.Inputs:
    """The evidence every claim is scored on, from the book's data; built once
    per process, so the page and the tests share its caches of noise draws
    and fitted trends."""
    accelerators = data.load("accelerators")
    ceiling = controls.ceiling_ratio(accelerators, data.load("chip_export_status"), data.load("export_controls"))
    return cl.build_inputs(data.load("frontier_models"), data.load("compute_shares"), ceiling)


@cached_page
def page() -> Page:
    p = Page("ch05")
    claims = data.load("claims")
    models = data.load("frontier_models")
    arena = data.load("arena_gap")
    accelerators = data.load("accelerators")
    names = controls.short_names(accelerators)

    shares = data.load("compute_shares")
    rules = cl.RULES
    inputs = project_inputs()
    card = cl.scorecard(claims, inputs, rules)
    counts = cl.verdict_counts(card)
    lag = inputs.lag["lag_months"]
    values = claim_values(claims, inputs, rules)
    p.add(**values)
    by_side = cl.verdicts_by_side(card)
    windows = {cid: cl.claim_window(row, rules) for cid, row in claims.set_index("id").iterrows()}
    status = cl.claim_status(claims, inputs, rules)
    censored = inputs.lag.index[inputs.lag["censored"].astype(bool)]
    stable_ids = claims.loc[claims["direction"] == "stable", "id"]

    # How the claims are scored.
    p.check("the US led on every day in the data", lag.dropna().min() > 0)
    p.check("a sizeless US-lead claim cannot be contradicted", lag.dropna().min() > rules.parity_months - rules.margin_months)
    p.check(
        "with the score noise counted, most tested verdicts are mixed",
        counts[cl.MIXED] > counts[cl.SUPPORTED] + counts[cl.CONTRADICTED],
    )
    p.check("each side has a supported claim", (by_side[cl.SUPPORTED] > 0).all())
    p.check(
        "stable is counted with the US side, parity with China's",
        "stable" in cl.SIDES["the US ahead or pulling away"] and "parity" in cl.SIDES["China catching up, level or ahead"],
    )
    p.check("the censored days form one spell", len(censored) == (censored.max() - censored.min()).days + 1)
    p.add(
        dis_forecast_who=wording.speakers(claims, status.index[status == "forecast"]),
        dis_undated_who=wording.speakers(claims, status.index[status == "undated"]),
        dis_after_data_who=wording.speakers(claims, status.index[status == "after the data"]),
        dis_min_lag=lag.dropna().min(),
        dis_n_claims=len(card),
        dis_n_testable=len(card) - counts[cl.NOT_TESTABLE],
        dis_n_supported=counts[cl.SUPPORTED],
        dis_n_mixed=counts[cl.MIXED],
        dis_n_contradicted=counts[cl.CONTRADICTED],
        dis_n_not_testable=counts[cl.NOT_TESTABLE],
        dis_data_end=inputs.data_end,
        dis_parity_months=rules.parity_months,
        dis_size_tolerance=rules.size_tolerance_months,
        dis_size_tolerance_text=wording.quantity(rules.size_tolerance_months, "month"),
        dis_trend_band=rules.trend_band,
        dis_trend_band_text=wording.quantity(rules.trend_band, "month"),
        dis_trend_level=round(100 * rules.trend_level),
        dis_default_window=rules.default_window_months,
        dis_min_trend=rules.min_trend_months,
        dis_n_censored=len(censored),
        dis_censored_first=censored.min(),
        dis_censored_last=censored.max(),
        dis_n_stable=len(stable_ids),
        dis_n_stable_tested=int((card.set_index("claim").loc[stable_ids, "verdict"] != cl.NOT_TESTABLE).sum()),
    )
    # Does each verdict survive other windows and the score noise?
    robust = cl.robustness_table(claims, inputs, rules)
    robust_counts = cl.robustness_counts(robust)
    noise_info = cl.score_noise(models)
    current = gap.current_lag(models)
    n_testable = len(card) - counts[cl.NOT_TESTABLE]
    p.check(
        "every tested verdict is labelled robust or fragile", robust_counts["robust"] + robust_counts["fragile"] == n_testable
    )
    p.check("the noise estimate rests on several models", noise_info["n_models"] >= 2)
    p.add(
        dis_n_robust=robust_counts["robust"],
        dis_n_fragile=robust_counts["fragile"],
        **{
            f"dis_n_{label}_{v}": robust_counts[f"{label}_{v}"]
            for label in ("robust", "fragile")
            for v in ("supported", "mixed", "contradicted")
        },
        dis_noise_sd=noise_info["sd"],
        dis_noise_n_models=noise_info["n_models"],
        dis_noise_n_rows=noise_info["n_rows"],
        dis_noise_models=wording.join(noise_info["models"]),
        dis_noise_draws=inputs.noise_draws,
        dis_noise_level=round(100 * cl.NOISE_LEVEL),
        dis_level_days=rules.level_mean_days,
        dis_cal_level=round(100 * rules.calibrated_level),
        dis_robust_windows=wording.join(str(m) for m in cl.ROBUSTNESS_WINDOWS),
        dis_current_lag=current["value"],
        dis_current_lag_days=current["days"],
        dis_current_lag_last_day=current["last_day"],
    )
    end = inputs.data_end
    for months in (12, 24):
        latest = cl.calibrated_trend(inputs, "capabilities", end - pd.DateOffset(months=months) + pd.Timedelta(days=1), end)
        p.add(
            **{
                f"dis_latest{months}_slope": latest["slope_months_per_year"],
                f"dis_latest{months}_p": latest["p_value"],
                f"dis_latest{months}_reading": latest["verdict"],
                f"dis_latest{months}_noise_low": latest["noise_low"],
                f"dis_latest{months}_noise_high": latest["noise_high"],
                f"dis_latest{months}_noise_readings": wording.join(dict.fromkeys(latest["noise_readings"]), "or"),
            }
        )
    p.tables["robustness"] = lambda: tables.show("claims.robustness", robustness_rows(robust, card))
    p.tables["rules"] = lambda: tables.show("claims.rules", rules_table(rules))
    p.tables["coverage"] = lambda: tables.show("claims.coverage", coverage_table(rules))
    p.tables["scorecard"] = lambda: tables.show("claims.scorecard", scorecard_rows(card, names))
    p.tables["sides"] = lambda: tables.show("claims.sides", by_side.reset_index())

    # Zhang, Anthropic, Tang and Amodei, one by one.
    zhang = windows["zhang-2026-into-asia"]
    zhang_start, zhang_end = (cl.chip_advantage_on(inputs.ceiling, day) for day in (zhang.start, zhang.end))
    anthropic = windows["anthropic-2026-current-gap"]
    anthropic_start, anthropic_end = (cl.chip_advantage_on(inputs.ceiling, day) for day in (anthropic.start, anthropic.end))
    amodei_day = windows["amodei-2025-deepseek"].end
    amodei_size = cl.stated_size(claims.set_index("id").loc["amodei-2025-deepseek"])
    p.check("the ceiling rose during Zhang's window", zhang_end["advantage"] < zhang_start["advantage"])
    p.check("the ceiling rose in the year to Anthropic's essay", anthropic_end["advantage"] < anthropic_start["advantage"])
    p.check(
        "no listed chip was legal when both years began",
        zhang_start["tpp_ratio"] == 0 and anthropic_start["tpp_ratio"] == 0,
    )
    p.check("Zhang's and Anthropic's years began in the same spell", zhang_start["date"] == anthropic_start["date"])
    zhang_trend = card.set_index("claim").at["zhang-2026-into-asia", "assessment"].parts[0].facts
    p.check("the lag grew over Zhang's year", zhang_trend["slope"] > 0)
    p.check(
        "but not clearly: the calibrated rule reads no clear trend",
        zhang_trend["reading"] == "no clear trend" and values["dis_pv_zhang_2026_into_asia_capabilities_trend"] == cl.MIXED,
    )
    for key in ("zhang_2026_into_asia", "anthropic_2026_current_gap"):
        p.check(f"{key}: the chip change cannot be sized", values[f"dis_pv_{key}_chips_trend"] == cl.NOT_TESTABLE)
        p.check(f"{key}: judged on capabilities alone", values[f"dis_pv_{key}_compute_trend"] == cl.NOT_TESTABLE)
    p.check("the lag grew over Tang's year", values["dis_num_tang_2026_agi_next_capabilities_trend"] > 0)
    p.check("the lag was below Amodei's range", values["dis_num_amodei_2025_deepseek_capabilities_level"] < amodei_size[0])
    amodei_part = card.set_index("claim").at["amodei-2025-deepseek", "assessment"].parts[0].facts
    p.check(
        "the noise band of Amodei's mean reaches into his range, so his claim is mixed",
        amodei_part["noise_high"] >= amodei_size[0] - rules.size_tolerance_months
        and values["dis_v_amodei_2025_deepseek"] == cl.MIXED,
    )
    p.check(
        "the CAISI test reads the current lag",
        values["dis_num_caisi_2026_deepseek_v4_capabilities_level"] == round(gap.current_lag(models)["value"], 2),
    )
    p.check(
        "the latest 24-month reading is fragile",
        len(
            set(
                cl.calibrated_trend(
                    inputs, "capabilities", inputs.data_end - pd.DateOffset(months=24) + pd.Timedelta(days=1), inputs.data_end
                )["noise_readings"]
            )
        )
        > 1,
    )
    p.check("the long window is one of the robustness windows", 24 in cl.ROBUSTNESS_WINDOWS)
    p.check("DeepSeek V4 Pro is not yet in the index", not models["model"].str.contains("V4").any())
    p.add(
        dis_zhang_p=zhang_trend["p_value"],
        dis_zhang_null_high=zhang_trend["null_high"],
        dis_zhang_chip_start=wording.chip_phrase(zhang_start, names),
        dis_zhang_chip_end=wording.chip_phrase(zhang_end, names),
        dis_amodei_model=inputs.lag.at[amodei_day, "follower_model"],
        dis_amodei_day_lag=float(lag[amodei_day]),
    )
    context = cl.context(claims, inputs, rules)
    p.tables["context"] = lambda: tables.show("claims.context", context_rows(context, names))

    # Every window of the data.
    grid = cl.window_grid(inputs.lag, rules)  # censored days left out
    shares_by_class = cl.window_shares(grid)
    families = cl.window_families(grid, lag)
    first_exact = gap.for_trend(inputs.lag).first_valid_index()
    p.check(
        "the lag is first known exactly after the censored days",
        lag.first_valid_index() == censored.min() and first_exact == censored.max() + pd.Timedelta(days=1),
    )
    p.check(
        "the first window starts when the lag is first known exactly",
        grid["start"].min() == first_exact.to_period("M").to_timestamp(),
    )
    p.check("windows read both ways", shares_by_class["narrowing"] > 0 and shares_by_class["widening"] > 0)
    p.check(
        "where a window sits decides what it says",
        families["share_around_narrowing"] > 0.5 and families["share_after_widening"] > 0.5,
    )
    p.check("windows spanning both swings give no clear answer", families["share_spanning_unclear"] > 0.5)
    p.add(
        dis_peak=families["peak"],
        dis_peak_lag=families["peak_lag"],
        dis_trough=families["trough"],
        dis_trough_lag=families["trough_lag"],
        dis_trough_model=inputs.lag.at[families["trough"], "follower_model"],
        dis_n_around=families["n_around"],
        dis_pct_around_narrowing=100 * families["share_around_narrowing"],
        dis_n_after=families["n_after"],
        dis_pct_after_widening=100 * families["share_after_widening"],
        dis_n_spanning=families["n_spanning"],
        dis_pct_spanning_unclear=100 * families["share_spanning_unclear"],
        dis_n_windows=len(grid),
        dis_first_month=wording.month(grid["start"].min()),
        dis_pct_narrowing=100 * shares_by_class["narrowing"],
        dis_pct_widening=100 * shares_by_class["widening"],
        dis_pct_stable=100 * shares_by_class["stable"],
        dis_pct_unclear=100 * shares_by_class["unclear"],
        dis_slope_min=grid["slope"].min(),
        dis_slope_max=grid["slope"].max(),
    )
    p.charts["fig_dis_windows"] = figures.window_chart(
        grid, cl.claim_windows(claims, inputs, rules), rules, {k: 100 * float(v) for k, v in shares_by_class.items()}
    )

    # Three yardsticks of one gap.
    scores = cl.score_gap(models)
    us_open = cl.us_open_lag(models)
    sticks = cl.yardsticks(lag, scores, arena)
    behind = us_open.dropna()
    cn_models = models[models["country"] == gap.CHINA]
    for column in ("eci_lag_months", "eci_score_gap_points"):
        p.check(f"the Arena gap and {column} move together", cl.same_direction(sticks, "arena_gap_pct", column) == 1.0)
    p.check("China leads among open-weight models", behind.iloc[-1] > 0)
    p.add(
        dis_same_direction=100 * cl.same_direction(sticks, "arena_gap_pct", "eci_lag_months"),
        dis_same_direction_points=100 * cl.same_direction(sticks, "arena_gap_pct", "eci_score_gap_points"),
        dis_arena_last=sticks["arena_gap_pct"].iloc[-1],
        dis_arena_last_month=wording.month(sticks["date"].iloc[-1]),
        dis_lag_last=sticks["eci_lag_months"].iloc[-1],
        dis_usopen_latest=behind.iloc[-1],
        dis_usopen_since=behind[behind <= 0].index.max() + pd.Timedelta(days=1),
        dis_cn_open_pct=100 * cn_models["open_weights"].fillna(False).mean(),
    )
    p.charts["fig_dis_yardsticks"] = figures.yardsticks_chart(
        lag,
        us_open,
        scores,
        sticks,
        {
            "arena_last": p.values["dis_arena_last"],
            "arena_last_month": p.values["dis_arena_last_month"],
            "lag_last": p.values["dis_lag_last"],
        },
    )
    p.tables["yardsticks"] = lambda: tables.show("claims.yardsticks", sticks)

    # Capabilities, compute and chips today.
    snapshot = cl.compute_snapshot(shares, inputs.data_end, rules.compute_max_distance_months)
    latest_chip = cl.chip_advantage_on(inputs.ceiling, inputs.data_end)
    p.add(
        dis_us_share=100 * snapshot["us_share"],
        dis_cn_share=100 * snapshot["china_share"],
        dis_compute_ratio=snapshot["ratio"],
        dis_compute_date=snapshot["date"],
        dis_lag_end=lag.iloc[-1],
        dis_chip_legal=names[latest_chip["best_legal_chip"]],
        dis_chip_us=names[latest_chip["best_us_chip"]],
        dis_chip_pct=100 * latest_chip["tpp_ratio"],
        dis_chip_since=latest_chip["date"],
    )
    p.charts["fig_dis_layers"] = figures.layers_chart(
        lag,
        shares,
        inputs.ceiling,
        names,
        {"current_lag": p.values["dis_current_lag"], "compute_ratio": p.values["dis_compute_ratio"]},
    )

    # What would change the verdicts.
    sensitivity = cl.sensitivity(claims, inputs, rules)
    changes = cl.sensitivity_changes(sensitivity)
    kinds = cl.change_summary(changes)
    steady = sensitivity.groupby("constant", sort=False)["verdicts_changed"].max()
    window_long = cl.alternatives("default_window_months", rules)[1]
    long_changes = changes[(changes["constant"] == "default_window_months") & (changes["varied_to"] == window_long)]
    reversals = long_changes[long_changes["kind"] == "reversal"]
    coverage_constants = [name for name, role in cl.CONSTANT_ROLES.items() if role == "coverage"]
    p.check("thresholds move verdicts one step only", kinds.loc["threshold", ["reversal", "coverage"]].sum() == 0)
    p.check("the long window moves verdicts one step only", len(long_changes) > 0 and len(reversals) == 0)
    p.check(
        "the coverage constants, and only they, decide testability",
        kinds.loc["window", "coverage"] == 0 and (kinds.loc["coverage"].drop("coverage") == 0).all(),
    )
    p.check(
        "the two coverage constants are the grace period and the compute distance",
        sorted(coverage_constants) == ["compute_max_distance_months", "grace_months"],
    )
    p.check(
        "the coverage constants turn verdicts into not testable",
        (changes.loc[changes["constant"].isin(coverage_constants), "after"] == cl.NOT_TESTABLE).all(),
    )
    p.add(
        dis_window_long_n=len(long_changes),
        dis_window_long_reversals=len(reversals),
        dis_n_constants=len(steady),
        dis_n_steady=int((steady == 0).sum()),
        dis_max_changed=int(sensitivity["verdicts_changed"].max()),
        dis_window_long=int(window_long),
        dis_n_threshold_changes=int(kinds.loc["threshold"].sum()),
        dis_n_coverage_changes=int(kinds.loc["coverage", "coverage"]),
    )
    p.tables["sensitivity"] = lambda: tables.show("claims.sensitivity", sensitivity_rows(sensitivity))
    excerpt = claims_excerpt(claims)
    p.check(
        "the excerpt holds the claim under test and is short", ESSAY_CLAIM in set(excerpt["id"]) and len(excerpt) < len(claims)
    )
    p.add(dis_n_excerpt=len(excerpt))
    p.tables["claims"] = lambda: tables.show("claims.claims", claims_rows(excerpt))
    p.add(ch05_data_as_of=chapter_data_as_of("ch05"))
    return p


# --- The trend rule's calibration (heavy: glued by its own page, outside the golden path) --

#: True trends (months of lag per year) the calibration adds to no-trend series.
CALIBRATION_TRENDS = (-6.0, -3.0, 0.0, 3.0, 6.0)
CALIBRATION_WINDOWS = (12, 24)
CALIBRATION_SERIES = 1000
CALIBRATION_NULL = 200
CALIBRATION_SEED = 1
CACHE_DIR = Path(__file__).resolve().parents[2] / "_build" / ".ailead_cache"


def _calibration_inputs(models: pd.DataFrame) -> tuple:
    lag = gap.for_trend(gap.lag_frame(models, start=gap.WINDOW_START, end=models["release_date"].max()))
    model = cl.fit_sawtooth(lag)
    history_days = int((lag.index[-1] - lag.first_valid_index()).days) + 1
    return model, history_days


def calibration_figures(models: pd.DataFrame, *, n_series: int = CALIBRATION_SERIES, n_null: int = CALIBRATION_NULL) -> dict:
    """The calibrated rule's verdict shares on synthetic histories
    (:func:`ailead.claims.calibration`) and the older bootstrap rule's on the
    same null (:func:`ailead.claims.sawtooth.bootstrap_rule_rates`), for each
    window of :data:`CALIBRATION_WINDOWS`. Cached on disk (under ``_build``)
    by the fitted null, the settings and the rule's source code."""
    from ..claims import sawtooth

    model, history_days = _calibration_inputs(models)
    settings = {
        "intervals": model.intervals_days.tolist(),
        "levels": model.levels_months.tolist(),
        "history_days": history_days,
        "n_series": n_series,
        "n_null": n_null,
        "trends": list(CALIBRATION_TRENDS),
        "windows": list(CALIBRATION_WINDOWS),
        "seed": CALIBRATION_SEED,
    }
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True).encode() + Path(sawtooth.__file__).read_bytes()).hexdigest()[:16]
    cache = CACHE_DIR / f"claims-calibration-{digest}.json"
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    result = {"history_days": history_days, "n_steps": int(len(model.levels_months)), "windows": {}}
    for months in CALIBRATION_WINDOWS:
        table = cl.calibration(
            model,
            window_months=months,
            history_days=history_days,
            trends=CALIBRATION_TRENDS,
            n_series=n_series,
            n_null=n_null,
            seed=CALIBRATION_SEED,
        )
        old = sawtooth.bootstrap_rule_rates(model, window_months=months, n_series=n_series, seed=CALIBRATION_SEED)
        result["windows"][str(months)] = {"table": table.to_dict(orient="records"), "bootstrap": old}
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(result, sort_keys=True), encoding="utf-8")
    return result


def power(table: list[dict], size: float) -> float:
    """Share of synthetic series read in the right direction, averaged over a
    true trend of +size (widening) and -size (narrowing)."""
    rows = {row["true_trend"]: row for row in table}
    return (rows[size]["widening"] + rows[-size]["narrowing"]) / 2


@cached_page
def calibration_page(n_series: int = CALIBRATION_SERIES, n_null: int = CALIBRATION_NULL) -> Page:
    """The calibration figures the chapter states (glued by their own cell)."""
    p = Page("ch05-calibration")
    figures_ = calibration_figures(data.load("frontier_models"), n_series=n_series, n_null=n_null)
    for months, block in figures_["windows"].items():
        rows = {row["true_trend"]: row for row in block["table"]}
        fpr = 1 - rows[0.0]["no clear trend"]
        p.check(f"the calibrated rule's false-positive rate is at most 10% on {months}-month windows", fpr <= 0.10)
        p.check(f"the older rule cries wolf more often on {months}-month windows", block["bootstrap"]["false_positive"] > fpr)
        p.add(
            **{
                f"dis_cal_fpr_{months}": 100 * fpr,
                f"dis_cal_power3_{months}": 100 * power(block["table"], 3.0),
                f"dis_cal_power6_{months}": 100 * power(block["table"], 6.0),
                f"dis_cal_old_fpr_{months}": 100 * block["bootstrap"]["false_positive"],
            }
        )
    p.add(
        dis_cal_n_series=n_series,
        dis_cal_n_null=n_null,
        dis_cal_n_steps=figures_["n_steps"],
        dis_cal_history_days=figures_["history_days"],
    )
    return p
