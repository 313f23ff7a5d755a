"""Chapter 04, two outcomes for 2028: the values, charts and tables it shows.

The simulations are run once (:func:`simulations`, cached) and shared with
the conclusion (:mod:`ailead.chapters.ch06`), which places the same medians
against the claimed range.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import pandas as pd

from .. import data, gap, tables, wording
from .. import scenarios as sc
from ..constants import CHINA, N_DRAWS, SEED, WINDOW_START
from ..figures import scenarios as figures
from ..presentation import scenarios as words
from . import Page

#: The two dates the chapter reports, by the tag in their glue keys.
DATES = {"jan": pd.Timestamp("2028-01-01"), "dec": sc.END}
#: The backtest: a start, an end and the months whose releases explain its miss.
BACKTEST_START, BACKTEST_END = "2025-01-01", "2025-12-01"
TURN_OF_YEAR = ("2024-12-01", "2025-02-01")


@lru_cache(maxsize=1)
def simulations() -> dict[str, pd.DataFrame]:
    """:data:`~ailead.constants.N_DRAWS` draws of each world (seed :data:`~ailead.constants.SEED`)."""
    return {name: sc.simulate(world, n=N_DRAWS, seed=SEED) for name, world in sc.load().items()}


@lru_cache(maxsize=1)
def end_summaries() -> dict[str, pd.Series]:
    """Each world's median, 80% interval and threshold chances at the model's end."""
    return {name: sc.summary(sim, [sc.END]).iloc[0] for name, sim in simulations().items()}


def headline_values(sims: Mapping[str, pd.DataFrame], dates: Mapping[str, object], prefix: str = "sc") -> dict:
    """Median, 80% interval and threshold chances (in percent) by scenario
    and date, named ``{prefix}_{scenario}_{tag}_{median|low|high|p12|p24}``.
    ``dates`` maps a short tag to a date."""
    values = {}
    for name, sim in sims.items():
        frame = sc.summary(sim, list(dates.values())).set_index("date")
        for tag, date in dates.items():
            row = frame.loc[pd.Timestamp(date)]
            values[f"{prefix}_{name}_{tag}_median"] = row["median"]
            values[f"{prefix}_{name}_{tag}_low"] = row["low"]
            values[f"{prefix}_{name}_{tag}_high"] = row["high"]
            for t in sc.THRESHOLDS:
                values[f"{prefix}_{name}_{tag}_p{t}"] = 100 * row[f"p_at_least_{t}"]
    return values


def tornado_highlights(tornados: Mapping[str, pd.DataFrame], prefix: str = "sc") -> dict:
    """The two largest swings overall and among the policy levers, per
    scenario, as short labels and months, plus the swings of US compute
    growth and today's distillation share."""
    values = {}
    for name, frame in tornados.items():
        policy = frame[frame["parameter"].isin(sc.POLICY_LEVERS)].reset_index(drop=True)
        for rank in (0, 1):
            for kind, table in (("top", frame), ("policy", policy)):
                values[f"{prefix}_{name}_{kind}{rank + 1}_short"] = words.SHORT_LABELS[table.at[rank, "parameter"]]
                values[f"{prefix}_{name}_{kind}{rank + 1}_swing"] = table.at[rank, "swing"]
        swings = frame.set_index("parameter")["swing"]
        values[f"{prefix}_{name}_growth_swing"] = swings.get(sc.US_GROWTH, 0.0)
        values[f"{prefix}_{name}_share_swing"] = swings.get(sc.DISTIL_SHARE, 0.0)
    return values


def _central(world: sc.Scenario, name: str) -> float:
    return world.parameters[name].central


@lru_cache(maxsize=1)
def page() -> Page:
    p = Page("ch04")
    models = data.load("frontier_models")
    worlds = sc.load()
    act, drift = worlds["act"], worlds["drift"]
    sims = simulations()
    act_dec, drift_dec = end_summaries()["act"], end_summaries()["drift"]
    target = act.parameters[sc.MEASURED_LAG]
    tornados = {name: sc.tornado(world) for name, world in worlds.items()}
    act_central_dec, drift_central_dec = sc.central_path(act).iloc[-1], sc.central_path(drift).iloc[-1]

    # In short, and the model.
    p.check("the compute terms obey the cap", all(sc.compute_within_cap(world) for world in worlds.values()))
    p.check(
        "the two largest swings are not policy levers", not tornados["act"]["parameter"].iloc[:2].isin(sc.POLICY_LEVERS).any()
    )
    p.add(
        **headline_values(sims, DATES),
        sc_draws=N_DRAWS,
        sc_start=wording.month(act.start),
        sc_example_lag=float(sc.ratio_to_lag_months(10, 4.5)),
        sc_act_p12_words=wording.likelihood(act_dec["p_at_least_12"]),
        sc_act_p24_words=wording.likelihood(act_dec["p_at_least_24"]),
        sc_act_central_dec=act_central_dec,
        sc_drift_central_dec=drift_central_dec,
        sc_drift_vs_target=wording.relative(drift_dec["median"], target.central),
        **tornado_highlights(tornados),
    )
    p.tables["inputs"] = lambda: tables.show("scenarios.inputs", words.inputs_rows(worlds))

    # Calibration, and the two structural choices.
    calib = sc.calibration(act.central())
    calib_only = sc.calibration(sc.compute_only(act).central())
    data_end = models["release_date"].max()
    daily = gap.lag_frame(models, start=WINDOW_START, end=data_end)["lag_months"]
    latest = float(daily.dropna().iloc[-1])
    stock_fast = {name: sc.stock_at_frontier_rate(world) for name, world in worlds.items()}
    act_fast_dec = sc.summary(sc.simulate(stock_fast["act"], n=N_DRAWS, seed=SEED), [sc.END]).iloc[0]
    compute_only_shift = abs(sc.lead_at(sc.compute_only(act)) - sc.lead_at(act))
    stock_fast_shift = abs(sc.lead_at(stock_fast["act"]) - sc.lead_at(act))
    drift_stock_fast_shift = abs(sc.lead_at(stock_fast["drift"]) - sc.lead_at(drift))
    p.check("the efficiency factor is close to one", 0.8 <= calib["efficiency_factor"] <= 1.25)
    p.check("the compute-only factor is not close to one", not 0.8 <= calib_only["efficiency_factor"] <= 1.25)
    p.check("physical growth alone overstates today's lag", calib_only["raw_lag_months"] > target.central)
    p.check("compute-only is the larger of the two structural choices", compute_only_shift > stock_fast_shift)
    p.check("the stock's growth matters less in drift", drift_stock_fast_shift < stock_fast_shift)
    stock = act.parameters[sc.STOCK_GROWTH]
    p.add(
        sc_target=target.central,
        sc_target_low=target.low,
        sc_target_high=target.high,
        sc_window_start=wording.month(act.start - pd.DateOffset(months=sc.CALIBRATION_WINDOW_MONTHS)),
        sc_data_end=data_end,
        sc_latest_lag=latest,
        sc_latest_vs_target_range=wording.position(latest, target.low, target.high),
        sc_growth_stock=stock.central,
        sc_growth_stock_low=stock.low,
        sc_growth_stock_high=stock.high,
        sc_act_dec_stock_fast=sc.lead_at(stock_fast["act"]),
        sc_drift_stock_fast_shift=drift_stock_fast_shift,
        sc_act_dec_median_stock_fast=act_fast_dec["median"],
        sc_act_dec_p12_stock_fast=100 * act_fast_dec["p_at_least_12"],
        sc_start_ratio=_central(act, sc.START_RATIO),
        sc_growth_effective=calib["effective_growth"],
        sc_growth_compute=_central(act, sc.US_GROWTH),
        sc_growth_algo=_central(act, sc.ALGO_GROWTH),
        sc_raw_lag=calib["raw_lag_months"],
        sc_own_lag=calib["own_lag_months"],
        sc_offset=calib["offset_months"],
        sc_eta=calib["efficiency_factor"],
        sc_share_today=_central(act, sc.DISTIL_SHARE),
        sc_raw_lag_compute_only=calib_only["raw_lag_months"],
        sc_eta_compute_only=calib_only["efficiency_factor"],
        sc_act_dec_compute_only=sc.lead_at(sc.compute_only(act)),
        sc_drift_dec_compute_only=sc.lead_at(sc.compute_only(drift)),
    )

    # Two worlds to 2028.
    fans = {name: sc.fan(sim) for name, sim in sims.items()}
    act_q50, drift_q50 = fans["act"]["q50"], fans["drift"]["q50"]
    first_year = act_q50.loc[act.start + pd.DateOffset(years=1)] - act_q50.loc[act.start]
    last_year = act_q50.loc[DATES["dec"]] - act_q50.loc[DATES["jan"]]
    flows = {name: sum(_central(world, n) for n in sc.COMPONENTS) for name, world in worlds.items()}
    legal = drift.parameters[sc.LEGAL]
    p.check("the act median widens more slowly by 2028", 0 < last_year < first_year)
    p.check("drift adds about the share it holds", abs(flows["drift"] / _central(drift, sc.START_RATIO) - 1) < 0.25)
    p.check("the US stock more than doubles each year", stock.central > 2)
    for name in (sc.SMUGGLED, sc.OFFSHORE, sc.RETAINED):
        p.check(f"act halves {name} or more", _central(act, name) <= 0.5 * _central(drift, name))
    p.check("drift legal imports are lopsided", legal.high - legal.central < (legal.central - legal.low) / 2)
    probs = {name: sc.probabilities(sim) for name, sim in sims.items()}
    drift_p12 = probs["drift"]
    p.add(
        sc_act_rise_first_year=first_year,
        sc_act_rise_2028=last_year,
        sc_drift_q50_start=drift_q50.iloc[0],
        sc_drift_vs_start=wording.relative(drift_q50.loc[DATES["dec"]], drift_q50.iloc[0]),
        sc_drift_flow_total=flows["drift"],
        sc_drift_legal_low=legal.low,
        sc_drift_legal=legal.central,
        sc_drift_legal_high=legal.high,
        sc_drift_p12_max=100 * float(drift_p12.loc[drift_p12["threshold"] == 12, "probability"].max()),
    )
    p.charts["sc_fig_fan"] = figures.fan_chart(fans, daily.resample("MS").mean().dropna())
    p.charts["sc_fig_prob"] = figures.probability_chart(probs)
    outcomes = words.outcome_rows(sims, list(DATES.values()))
    p.tables["outcomes"] = lambda: tables.show("scenarios.outcomes", outcomes)

    # Does a 12 to 24 month lead follow?
    need_act = sc.requirements(act).set_index("lever")
    need_drift = sc.requirements(drift).set_index("lever")
    reach = sc.lever_reach(act, 24)
    lead_by = reach.set_index("levers")["lead"]
    fewest = sc.fewest_favourable(act, 24)
    parity_flow = sc.required_value(drift, sc.TOTAL_FLOW, 0.0, bounds=(0.0, 5.0))
    p.check("both act levers can cross 12 months", need_act.loc[[sc.TOTAL_FLOW, sc.RETAINED], "needed_for_12"].notna().all())
    p.check(
        "drift needs a lever for 12 months",
        sc.lead_at(drift) < 12 and need_drift.loc[[sc.TOTAL_FLOW, sc.SHARED], "needed_for_12"].notna().all(),
    )
    p.check("parity needs far more chips than the drift world's", parity_flow / need_drift.at[sc.TOTAL_FLOW, "central"] > 2)
    p.check("24 months needs several inputs at their favourable ends", fewest["inputs"] is not None and fewest["inputs"] > 1)
    p.add(
        sc_act_vs12=wording.relative(act_central_dec, 12),
        sc_act_12_more_less=wording.by_threshold(act_central_dec, 12, "less", "more"),
        sc_act_12_outcome=wording.by_threshold(act_central_dec, 12, "reach", "fall short of"),
        sc_act_flow=need_act.at[sc.TOTAL_FLOW, "central"],
        sc_drift_flow=need_drift.at[sc.TOTAL_FLOW, "central"],
        sc_act_flow_for12=need_act.at[sc.TOTAL_FLOW, "needed_for_12"],
        sc_act_retained=_central(act, sc.RETAINED),
        sc_act_retained_for12=need_act.at[sc.RETAINED, "needed_for_12"],
        sc_drift_flow_for12=need_drift.at[sc.TOTAL_FLOW, "needed_for_12"],
        sc_drift_shared_for12=need_drift.at[sc.SHARED, "needed_for_12"],
        sc_reach24_verdict=words.reach_verdict(reach, 24),
        sc_zero_flow_lead=lead_by[sc.NO_FLOW],
        sc_no_distil_lead=lead_by[sc.NO_DISTILLATION],
        sc_zero_flow_no_distil_lead=lead_by[f"{sc.NO_FLOW}+{sc.NO_DISTILLATION}"],
        sc_best_case_lead=fewest["lead_all"],
        sc_fewest_inputs=fewest["inputs"],
        sc_uncertain_inputs=fewest["uncertain"],
        sc_parity_flow=parity_flow,
        sc_parity_multiple=parity_flow / need_drift.at[sc.TOTAL_FLOW, "central"],
    )
    requirement_rows = words.requirement_rows(act)
    p.tables["requirements"] = lambda: tables.show("scenarios.requirements", requirement_rows)

    # Which lever moves the 2028 lead most?
    p.charts["sc_fig_tornado"] = figures.tornado_chart(tornados, wording.month(sc.END))
    swing = {name: frame.set_index("parameter") for name, frame in tornados.items()}
    ratio_row, growth_row, stock_row = (swing["act"].loc[n] for n in (sc.START_RATIO, sc.US_GROWTH, sc.STOCK_GROWTH))
    act_policy = tornados["act"].loc[tornados["act"]["parameter"].isin(sc.POLICY_LEVERS), "parameter"]
    drift_order = tornados["drift"]["parameter"]
    p.check("more installed compute, longer act lead", ratio_row["lead_at_high"] > ratio_row["lead_at_low"])
    p.check("act closes its top policy channels only partly", all(_central(act, n) > 0 for n in act_policy.iloc[:2]))
    p.check("two drift policy levers", drift_order.isin(sc.POLICY_LEVERS).sum() >= 2)
    p.check("drift's largest swings are not policy levers", not drift_order.iloc[:2].isin(sc.POLICY_LEVERS).any())
    p.check("a faster frontier gives fewer months", growth_row["lead_at_high"] < growth_row["lead_at_low"])
    p.check(
        "the two smallest act swings are frontier growth and today's share",
        set(tornados["act"]["parameter"].iloc[-2:]) == {sc.US_GROWTH, sc.DISTIL_SHARE},
    )
    p.check("a faster-growing US stock, a longer act lead", stock_row["lead_at_high"] > stock_row["lead_at_low"])
    channel = sc.largest_channel(drift)
    p.add(
        sc_drift_largest_channel=words.SHORT_LABELS[channel],
        sc_drift_largest_channel_value=_central(drift, channel),
        sc_act_stock_swing=stock_row["swing"],
    )

    # Backtest: 2025 as seen from the end of 2024.
    backtest = sc.backtest(models, drift, start=BACKTEST_START, end=BACKTEST_END, n=N_DRAWS, seed=SEED)
    moves = gap.frontier(models, CHINA)
    moves = moves[(moves["release_date"] >= TURN_OF_YEAR[0]) & (moves["release_date"] < TURN_OF_YEAR[1])]
    lag_2024 = gap.summarize(backtest["daily"], "2024-01-01", "2024-12-31")
    bt_target, bt_monthly = backtest["calibration_target"], backtest["monthly"]
    p.check("the miss is larger than a naive forecast's", backtest["naive_mae_months"] < backtest["mae_months"])
    p.check("outside the 80% band in most months", backtest["months_inside_80"] < backtest["months"] / 2)
    p.check("the 2025 median stayed near the target", abs(bt_monthly["q50"].mean() - bt_target.central) < 1)
    p.check(
        "2024 was swollen by a long stretch",
        bt_target.central > bt_monthly["measured"].mean() and lag_2024["max"] > bt_target.high,
    )
    p.check("China's frontier moved at the turn of the year", len(moves) > 0)
    p.check("the starting level is the most uncertain input", tornados["act"]["parameter"].iloc[0] == sc.MEASURED_LAG)
    p.add(
        sc_bt_naive_does=wording.fares(backtest["naive_mae_months"], backtest["mae_months"]),
        sc_bt_target=bt_target.central,
        sc_bt_target_low=bt_target.low,
        sc_bt_target_high=bt_target.high,
        sc_bt_median_mean=float(bt_monthly["q50"].mean()),
        sc_bt_measured_mean=float(bt_monthly["measured"].mean()),
        sc_bt_mae=backtest["mae_months"],
        sc_bt_bias=backtest["bias_months"],
        sc_bt_inside=backtest["months_inside_80"],
        sc_bt_months=backtest["months"],
        sc_bt_naive_value=backtest["naive_value"],
        sc_bt_naive_mae=backtest["naive_mae_months"],
        sc_bt_max_2024=lag_2024["max"],
        sc_bt_max_2024_date=lag_2024["max_date"],
        sc_bt_moves="; ".join(f"{r.model} ({wording.long_date(r.release_date)})" for r in moves.itertuples()),
    )
    p.charts["sc_fig_backtest"] = figures.backtest_chart(backtest)

    # Try your own assumptions.
    p.charts["sc_fig_explore"] = figures.explorer_chart(worlds, sc.sliders(worlds), sc.explorer_calculations(drift))
    act_settings = sc.slider_values(act)
    p.add(
        sc_act_legal=act_settings[sc.SLIDER_NAMES[sc.LEGAL]],
        sc_act_smuggled=act_settings[sc.SLIDER_NAMES[sc.SMUGGLED]],
        sc_act_offshore=act_settings[sc.SLIDER_NAMES[sc.OFFSHORE]],
        sc_act_distil=act_settings[sc.SLIDER_NAMES[sc.DISTIL_FROM_NOW]],
    )
    return p
