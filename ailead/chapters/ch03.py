"""Chapter 03, distillation: the values, charts, tables and prose checks it shows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import data, distillation, gap, tables, wording
from ..figures import distillation as figures
from . import Page, cached_page, chapter_data_as_of

#: Rows of ``distillation_incidents`` the prose names.
MINIMAX = "anthropic-2026-minimax"
DEEPSEEK = "anthropic-2026-deepseek"
ALIBABA = "anthropic-2026-alibaba"
GOOGLE = "google-gtig-2026-extraction"
#: Rows of ``distillation_cost_inputs`` the prose sets the campaigns against.
GPT4_TRAINING = "gpt-4-ai-index"
V3_FINAL_RUN = "deepseek-v3-final-run"
BILLION_RUN = "amodei-2024-billion-run"
R1_REASONING = "deepseek-r1-rl-cost"
TRAINING_QUANTITIES = ("frontier_training_cost_usd", "reported_training_cost_usd")
#: The own lags the lag-effect chart draws, and the shares it names.
CHART_LAGS = [0, 6, 12, 18, 24]


def february_disclosure(incidents: pd.DataFrame) -> pd.DataFrame:
    """Anthropic's campaigns disclosed on the day it named MiniMax (February 2026)."""
    day = incidents.loc[incidents["id"] == MINIMAX, "date"].iloc[0]
    return incidents[(incidents["accuser"] == "Anthropic") & (incidents["date"] == day)]


def incidents_rows(incidents: pd.DataFrame) -> pd.DataFrame:
    """The reported campaigns in date order, the kind of each figure in words."""
    shown = incidents.sort_values(["date", "id"])
    return shown.assign(
        exchanges=shown["exchanges"].to_numpy(dtype=float, na_value=np.nan),
        figure_kind_words=shown["figure_kind"].map(wording.FIGURE_KIND_WORDS),
    )


def training_cost_rows(costs: pd.DataFrame, training: pd.DataFrame) -> pd.DataFrame:
    """:func:`ailead.distillation.cost_against_training` with the kind in words."""
    compared = distillation.cost_against_training(costs, training)
    return compared.assign(
        training_cost_usd=compared["training_cost_usd"].astype(float),
        kind_words=compared["kind"].map(wording.code_words),
    )


def countermeasure_rows(countermeasures: pd.DataFrame) -> pd.DataFrame:
    """The countermeasures grouped by status (then date, undated last), the status in words."""
    shown = countermeasures.sort_values(["status", "date"], na_position="last")
    return shown.assign(status_words=shown["status"].map(wording.code_words))


def _campaigns(p: Page, incidents: pd.DataFrame) -> dict:
    by_id = incidents.set_index("id")
    feb = february_disclosure(incidents)
    feb_total = float(feb["exchanges"].sum())
    minimax, deepseek = float(by_id.at[MINIMAX, "exchanges"]), float(by_id.at[DEEPSEEK, "exchanges"])
    alibaba, google = by_id.loc[ALIBABA], by_id.loc[GOOGLE]
    with_counts = incidents[incidents["exchanges"].notna()]
    largest = incidents.loc[incidents["exchanges"].astype(float).idxmax()]
    feb_date = feb["date"].iloc[0]
    p.check("all stated counts are lower bounds", (with_counts["figure_kind"] == "lower_bound").all())
    p.check("the largest campaigns ran to tens of millions of exchanges", 1e7 <= float(largest["exchanges"]) < 1e8)
    p.check("caption: DeepSeek's bar is far (at least tenfold) smaller than MiniMax's", minimax >= 10 * deepseek)
    p.check(
        "the largest campaign on record came after the measures announced in February",
        largest["id"] == ALIBABA and alibaba["date"] > feb_date,
    )
    p.add(
        dist_n_incidents=len(incidents),
        dist_first_incident=incidents["date"].min(),
        dist_last_incident=incidents["date"].max(),
        dist_n_with_counts=len(with_counts),
        dist_n_lower_bound=int((with_counts["figure_kind"] == "lower_bound").sum()),
        dist_feb_date=feb_date,
        dist_feb_total_m=feb_total / 1e6,
        dist_minimax_m=minimax / 1e6,
        dist_minimax_pct=100 * minimax / feb_total,
        dist_deepseek=int(deepseek),
        dist_alibaba_m=float(alibaba["exchanges"]) / 1e6,
        dist_alibaba_accounts=int(alibaba["accounts"]),
        dist_alibaba_date=alibaba["date"],
        dist_alibaba_vs_feb=float(alibaba["exchanges"]) / feb_total,
        dist_google_prompts=int(google["exchanges"]),
    )
    p.charts["dist_fig_exchanges"] = figures.exchanges_chart(incidents)
    rows = incidents_rows(incidents)
    p.tables["incidents"] = lambda: tables.show("distillation.incidents", rows)
    return {"feb_total": feb_total, "feb_date": feb_date, "alibaba": alibaba, "incidents": incidents}


def _costs(p: Page, cost_inputs: pd.DataFrame, parameters: pd.DataFrame, campaigns: dict) -> None:
    prices = distillation.price_cases(cost_inputs)
    tokens_in = distillation.parameter_cases(parameters, distillation.TOKENS_IN)
    tokens_out = distillation.parameter_cases(parameters, distillation.TOKENS_OUT)
    alibaba = campaigns["alibaba"]
    feb_costs = distillation.cost_range(campaigns["feb_total"], tokens_in, tokens_out, prices)
    alibaba_costs = distillation.cost_range(float(alibaba["exchanges"]), tokens_in, tokens_out, prices)
    training = cost_inputs[cost_inputs["quantity"].isin(TRAINING_QUANTITIES)]
    versus = distillation.cost_against_training(feb_costs, training).set_index("model_or_subject")
    feb_cost = feb_costs.set_index("case")["cost_usd"]
    ali_cost = alibaba_costs.set_index("case")["cost_usd"]
    by_id = cost_inputs.set_index("id")
    gpt4, v3, billion = (by_id.loc[row] for row in (GPT4_TRAINING, V3_FINAL_RUN, BILLION_RUN))
    pct_gpt4 = versus.loc[gpt4["model_or_subject"], ["pct_central", "pct_high"]]
    pct_v3 = versus.loc[v3["model_or_subject"], ["pct_central", "pct_high"]]
    v3_grades = [distillation.cost_grade(pct_v3[case]) for case in ("pct_central", "pct_high")]
    # Per lab and per comparison: each of February's labs with a stated count,
    # the February total and the Alibaba-linked campaign, against every training cost.
    feb = february_disclosure(campaigns["incidents"])
    per_lab = {
        f"{row['accused']} ({wording.month(row['date'])})": distillation.cost_range(
            float(row["exchanges"]), tokens_in, tokens_out, prices
        )
        for _, row in feb[feb["exchanges"].notna()].sort_values("exchanges").iterrows()
    }
    named = {
        **per_lab,
        f"Three labs together ({wording.month(campaigns['feb_date'])})": feb_costs,
        f"Alibaba-linked operators ({wording.month(alibaba['date'])})": alibaba_costs,
    }
    verdicts = distillation.cost_verdicts(named, training)
    r1 = by_id.loc[R1_REASONING]
    feb_name = f"Three labs together ({wording.month(campaigns['feb_date'])})"
    feb_rows = verdicts[verdicts["campaign"] == feb_name].set_index("model_or_subject")
    r1_row, v3_row = feb_rows.loc[r1["model_or_subject"]], feb_rows.loc[v3["model_or_subject"]]
    p.check("the verdict turns on the comparison", r1_row["grade_high"] != v3_row["grade_high"])
    p.check("against R1's reasoning training the campaigns cost more than it", r1_row["pct_high"] > 100)
    p.add(
        dist_cost_sentence_v3=wording.cost_sentence(
            "the February campaigns", f"the {v3['model_or_subject']}", v3_row["grade_central"], v3_row["grade_high"]
        ),
        dist_cost_sentence_r1=wording.cost_sentence(
            "the February campaigns", f"the {r1['model_or_subject']}", r1_row["grade_central"], r1_row["grade_high"]
        ),
        dist_r1_cost_k=float(r1["value"]) / 1e3,
        dist_pct_r1_central=float(r1_row["pct_central"]),
        dist_pct_r1_high=float(r1_row["pct_high"]),
        dist_n_cost_verdicts=len(verdicts),
        dist_n_cost_campaigns=len(named),
    )
    verdict_rows = verdicts.rename(columns={"model_or_subject": "comparison"}).assign(
        verdict=[wording.cost_verdict(c, h) for c, h in zip(verdicts["grade_central"], verdicts["grade_high"])],
        training_cost_usd=verdicts["training_cost_usd"].astype(float),
    )
    p.tables["cost_verdicts"] = lambda: tables.show("distillation.cost_verdicts", verdict_rows)
    p.check("paying for the answers is not what limits campaigns", v3_grades[1] != "prohibitive")
    p.check("the high case costs at least the central case", pct_v3["pct_high"] >= pct_v3["pct_central"])
    p.add(
        dist_price_cheap_tier=prices.at[0, "tier_models"],
        dist_price_dear_tier=prices.at[1, "tier_models"],
        dist_cost_small_pct=distillation.SMALL_COST_PCT,
        dist_cost_prohibitive_pct=distillation.PROHIBITIVE_COST_PCT,
        dist_cost_word_gpt4=distillation.cost_grade(pct_gpt4["pct_high"]),
        dist_cost_verdict_v3=wording.cost_verdict(*v3_grades),
        **{f"dist_tokens_in_{case}": tokens_in[case] for case in distillation.CASES},
        **{f"dist_tokens_out_{case}": tokens_out[case] for case in distillation.CASES},
        dist_price_cheap_model=prices.at[0, "price_model"],
        dist_price_dear_model=prices.at[1, "price_model"],
        dist_price_cheap_in=prices.at[0, "price_in_per_mtok"],
        dist_price_cheap_out=prices.at[0, "price_out_per_mtok"],
        dist_price_dear_in=prices.at[1, "price_in_per_mtok"],
        dist_price_dear_out=prices.at[1, "price_out_per_mtok"],
        dist_feb_cost_low_k=feb_cost["low"] / 1e3,
        dist_feb_cost_central_m=feb_cost["central"] / 1e6,
        dist_feb_cost_high_m=feb_cost["high"] / 1e6,
        dist_ali_cost_low_k=ali_cost["low"] / 1e3,
        dist_ali_cost_central_m=ali_cost["central"] / 1e6,
        dist_ali_cost_high_m=ali_cost["high"] / 1e6,
        dist_gpt4_cost_m=float(gpt4["value"]) / 1e6,
        dist_pct_gpt4_central=versus.at[gpt4["model_or_subject"], "pct_central"],
        dist_pct_gpt4_high=versus.at[gpt4["model_or_subject"], "pct_high"],
        dist_pct_billion_central=versus.at[billion["model_or_subject"], "pct_central"],
        dist_v3_cost_m=float(v3["value"]) / 1e6,
        dist_pct_v3_central=versus.at[v3["model_or_subject"], "pct_central"],
        dist_pct_v3_high=versus.at[v3["model_or_subject"], "pct_high"],
    )
    p.charts["dist_fig_costs"] = figures.cost_chart(
        {
            f"Three labs, {wording.month(campaigns['feb_date'])} disclosure": feb_costs,
            f"Alibaba-linked operators, {wording.month(alibaba['date'])} letter": alibaba_costs,
        },
        training,
    )
    rows = training_cost_rows(feb_costs, training)
    p.tables["training_costs"] = lambda: tables.show("distillation.training_costs", rows)


def _timing(p: Page, models: pd.DataFrame) -> dict:
    signal = distillation.delay_signal(models, start=gap.WINDOW_START)
    test = signal["test"]
    per_leader = signal["steps_per_leader"]
    strength = distillation.evidence_strength(test["p_value"])
    (_, strong_p), (_, moderate_p), (_, weak_p) = distillation.EVIDENCE_BOUNDS
    p.check("China's frontier rose in several steps within a single US jump", (per_leader > 1).any())
    loo = distillation.timing_robustness(signal)
    p.check("leaving one catch-up out moves p across a grade bound", len(loo["grades"]) > 1)
    p.add(
        dist_loo_p_min=loo["p_min"],
        dist_loo_p_max=loo["p_max"],
        dist_loo_min_dropped=loo["min_dropped"],
        dist_loo_max_dropped=loo["max_dropped"],
        dist_loo_grades=wording.join(wording.EVIDENCE_LABELS[g] for g in loo["grades"]),
        dist_loo_grade=loo["grade"],
        dist_loo_label=wording.ROBUST_EVIDENCE_LABELS[loo["grade"]],
        dist_loo_sentence=wording.ROBUST_EVIDENCE_SENTENCES[loo["grade"]],
    )
    p.add(
        dist_delay_multi_leaders=int((per_leader > 1).sum()),
        dist_delay_max_steps=int(per_leader.max()),
        dist_rule_strong_p=strong_p,
        dist_rule_moderate_p=moderate_p,
        dist_rule_weak_p=weak_p,
        dist_test_strength=strength,
        dist_test_label=wording.EVIDENCE_LABELS[strength],
        dist_test_sentence=wording.EVIDENCE_SENTENCES[strength],
        dist_test_trace=wording.EVIDENCE_TRACES[strength],
        dist_delay_n=signal["n_used"],
        dist_delay_censored=signal["n_censored"],
        dist_delay_median=signal["median"],
        dist_delay_q1=signal["q1"],
        dist_delay_q3=signal["q3"],
        dist_delay_min=signal["min"],
        dist_delay_max=signal["max"],
        dist_delay_min_model=signal["min_model"],
        dist_delay_min_leader=signal["min_leader_model"],
        dist_delay_distinct_leaders=signal["n_used"] - signal["leaders_reused"],
        dist_test_spread=test["observed_spread"],
        dist_test_null_median=test["null_median_spread"],
        dist_test_p=test["p_value"],
        dist_test_n=test["n_null"],
    )
    p.charts["dist_fig_delays"] = figures.delay_chart(signal["table"], signal["median"])
    return signal


def _parameters(p: Page, models: pd.DataFrame, parameters: pd.DataFrame, signal: dict) -> None:
    scenario = data.load("scenario_parameters").set_index("id")
    lag = gap.lag_frame(models, start=gap.WINDOW_START, end=models["release_date"].max())
    # The share explains the lag seen on average since 2023 (what distillation
    # would have had to produce over the whole record), not today's lag: the
    # book's current lag (gap.current_lag) is shown beside it.
    lag_mean = gap.summarize(lag["lag_months"])["mean"]
    current = gap.current_lag(models)
    claimed = scenario.loc["anthropic_claimed_lead_months_act"]
    claimed_low, claimed_high = float(claimed["low"]), float(claimed["high"])
    derived = distillation.derive_parameters(models, lag_mean, claimed_low, signal=signal)
    share = distillation.parameter_cases(parameters, distillation.SHARE)
    delay = distillation.parameter_cases(parameters, distillation.DELAY)
    share_if_24 = distillation.implied_share(lag_mean, claimed_high, delay["central"])
    restored = {
        case: float(distillation.months_restored(claimed_low, share[case], delay["central"])) for case in distillation.CASES
    }
    p.check("closing the distillation channel matters", restored["central"] > 0)
    p.check("it is worth a few months, not a year", restored["high"] < 12)
    p.check("most of a year-long lead has to come from elsewhere", restored["high"] < claimed_low / 2)
    p.add(
        **{f"dist_share_{case}": share[case] for case in distillation.CASES},
        **{f"dist_delay_{case}": delay[case] for case in distillation.CASES},
        dist_lag_mean=lag_mean,
        dist_current_lag=current["value"],
        dist_current_lag_days=current["days"],
        dist_claimed_low=claimed_low,
        dist_claimed_high=claimed_high,
        dist_share_high_derived=derived[distillation.SHARE]["high"],
        dist_share_if_24=share_if_24,
        dist_restored_central=restored["central"],
        dist_restored_high=restored["high"],
        dist_lag_after_central=claimed_low - restored["central"],
    )
    curves = distillation.lag_curves(
        CHART_LAGS,
        {
            "0 (no distillation)": 0.0,
            f"{share['central']:.2f} (central)": share["central"],
            f"{share['high']:.2f} (high)": share["high"],
            "1 (everything beyond the delay)": 1.0,
        },
        {case: delay[case] for case in distillation.CASES},
    )
    p.charts["dist_fig_lag_effect"] = figures.lag_effect_chart(curves, (claimed_low, claimed_low - restored["central"]))
    p.tables["parameters"] = lambda: tables.show("distillation.parameters", parameters)


@cached_page
def page() -> Page:
    p = Page("ch03")
    incidents = data.load("distillation_incidents")
    countermeasures = data.load("distillation_countermeasures")
    parameters = data.load("distillation_parameters")
    models = data.load("frontier_models")
    p.add(
        dist_n_measures=len(countermeasures),
        dist_n_measures_limits=int(countermeasures["limits"].notna().sum()),
    )
    campaigns = _campaigns(p, incidents)
    _costs(p, data.load("distillation_cost_inputs"), parameters, campaigns)
    signal = _timing(p, models)
    _parameters(p, models, parameters, signal)
    measures = countermeasure_rows(countermeasures)
    p.tables["countermeasures"] = lambda: tables.show("distillation.countermeasures", measures)
    p.add(ch03_data_as_of=chapter_data_as_of("ch03"))
    return p
