"""Chapter 04, two outcomes for 2028: the values, charts and tables it shows.

Two pages:

* :func:`page` (cheap, in ``make unit``): the forecast of the lag from the
  state on the last data day (:func:`ailead.scenarios.simulate_lag`), the
  act-minus-drift difference, the capability fit, and the in-browser
  explorer (the earlier compute model's central path).
* :func:`evaluation_page` (heavy, about half a minute): the rolling-origin
  backtest against baselines, the hindcast, the robustness table, the
  tornado on the forecast model and every acceptance figure of issue 13.
  It is computed once per process (:func:`evaluation`, cached) when the
  notebook is built; its golden record and checks run in the slow tests,
  and a reduced-size run of the same code is in ``make unit``.

The simulations are shared with the conclusion (:mod:`ailead.chapters.ch06`),
which places the same medians against the claimed range.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import pandas as pd

from .. import cache, data, gap, tables, wording
from .. import scenarios as sc
from ..constants import CHINA, N_DRAWS, SEED, WINDOW_START
from ..figures import scenarios as figures
from ..presentation import scenarios as words
from . import Page, cached_page, chapter_data_as_of

#: The two dates the chapter reports, by the tag in their glue keys.
DATES = {"jan": pd.Timestamp("2028-01-01"), "dec": sc.END}
#: The two worlds of the forecast.
WORLDS = ("act", "drift")
#: First backtest origin of the reduced-size evaluation (four origins).
SMALL_FIRST_ORIGIN = pd.Timestamp("2025-01-01")
#: Draws of each full-size run of the evaluation (the backtest uses its own default per origin).
EVALUATION_DRAWS = {"backtest": None, "hindcast": 2000, "robustness": N_DRAWS, "tornado": 2000}


@lru_cache(maxsize=1)
@cache.disk_cached
def difference():
    """The act-minus-drift lag, draw by draw (:func:`ailead.scenarios.lag_difference`)."""
    return sc.lag_difference(n=N_DRAWS, seed=SEED)


@lru_cache(maxsize=1)
@cache.disk_cached
def simulations() -> dict[str, pd.DataFrame]:
    """:data:`~ailead.constants.N_DRAWS` draws of each world (seed :data:`~ailead.constants.SEED`)."""
    return {name: sc.simulate_lag(name, n=N_DRAWS, seed=SEED) for name in WORLDS}


@lru_cache(maxsize=1)
def end_summaries() -> dict[str, pd.Series]:
    """Each world's median, 80% interval and threshold chances in December 2028."""
    return {name: sc.lag_summary(sim, [sc.END]).iloc[0] for name, sim in simulations().items()}


def headline_values(sims: Mapping[str, pd.DataFrame], dates: Mapping[str, object], prefix: str = "sc") -> dict:
    """Median, 80% interval and threshold chances (in percent) by scenario
    and date, named ``{prefix}_{scenario}_{tag}_{median|low|high|p12|p24}``.
    ``dates`` maps a short tag to a date."""
    values = {}
    for name, sim in sims.items():
        frame = sc.lag_summary(sim, list(dates.values())).set_index("date")
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
    world, as short labels and months (``{prefix}_{world}_top1_short``,
    ``..._top1_swing``, ``..._policy1_short``, ...); a world with fewer
    than two policy levers in its frame gets only those it has."""
    values = {}
    for name, frame in tornados.items():
        policy = frame[frame["parameter"].isin(sc.POLICY_LEVERS)].reset_index(drop=True)
        for kind, table in (("top", frame.reset_index(drop=True)), ("policy", policy)):
            for rank in range(min(2, len(table))):
                values[f"{prefix}_{name}_{kind}{rank + 1}_short"] = words.SHORT_LABELS[table.at[rank, "parameter"]]
                values[f"{prefix}_{name}_{kind}{rank + 1}_swing"] = float(table.at[rank, "swing"])
    return values


@cached_page
def page() -> Page:
    p = Page("ch04")
    models = data.load("frontier_models")
    sims = simulations()
    ends = end_summaries()
    diff = difference()
    cap = sc.capability_report()
    daily = gap.lag_frame(models, start=WINDOW_START, end=models["release_date"].max())["lag_months"]
    measured = daily.dropna()
    state_day = sims["act"].attrs["state_day"]
    lag_today = float(sims["act"].attrs["lag_today"])
    cn_steps = gap.frontier(models, CHINA)
    cn_last = pd.Timestamp(cn_steps["release_date"].max())

    # In short: the difference the model supports, and the absolute answers (not validated).
    p.check("acting lengthens the lead in most draws", diff["share_longer"] > 0.5)
    p.check("the act-minus-drift interval lies above zero", diff["q10"] > 0)
    p.check("the act median is above the drift median", ends["act"]["median"] > ends["drift"]["median"])
    p.add(
        **headline_values(sims, DATES),
        sc_draws=N_DRAWS,
        sc_diff_median=diff["q50"],
        sc_diff_low=diff["q10"],
        sc_diff_high=diff["q90"],
        sc_diff_share_longer=100 * diff["share_longer"],
    )

    # The model.
    p.check("the fitted slope is positive", cap["slope"] > 0)
    oos, catch = cap["out_of_sample"], cap["catch_up"]
    p.check("the capability fit errs low out of sample", oos["bias"] > 0)
    p.check("the observation noise is one to two points", 1 <= cap["observation_noise"] <= 2)
    p.add(
        sc_state_day=state_day,
        sc_lag_today=lag_today,
        sc_cn_last_step=wording.long_date(cn_last),
        sc_cn_wait_months=(state_day - cn_last).days / 30.4375,
        sc_slope=cap["slope"],
        sc_slope_se=cap["slope_se"],
        sc_slope_n=int(cap["n"]),
        sc_oos_mae=oos["mae"],
        sc_oos_bias=oos["bias"],
        sc_oos_n=int(oos["n_test"]),
        sc_catch_up=catch["points"],
        sc_catch_up_se=catch["se"],
        sc_catch_up_n=int(catch["n"]),
        sc_noise=cap["observation_noise"],
        sc_copula_rho=sc.forecast.compute.SHARED_SOURCE_CORRELATION,
        sc_window=sc.forecast.engine.WINDOW_MONTHS,
    )

    # Two worlds to 2028.
    fans = {name: sc.lag_fan(sim) for name, sim in sims.items()}
    probs = {name: sc.lag_probabilities(sim) for name, sim in sims.items()}
    drift_p12 = probs["drift"]
    share_ge_12 = float((measured >= 12).mean())
    p.check("the fan starts near the lag on the last data day", abs(fans["act"]["q50"].iloc[0] - lag_today) < 3)
    p.check("the drift median stays near today's lag", abs(fans["drift"]["q50"].iloc[-1] - lag_today) < 4)
    p.check("the act median ends above today's lag", fans["act"]["q50"].iloc[-1] > lag_today)
    p.add(
        sc_measured_share_ge12=100 * share_ge_12,
        sc_drift_p12_max=100 * float(drift_p12.loc[drift_p12["threshold"] == 12, "probability"].max()),
        sc_act_q50_first=fans["act"]["q50"].iloc[0],
    )
    history = daily.resample("MS").mean().dropna()
    p.charts["sc_fig_fan"] = figures.fan_chart(fans, history, {name: float(ends[name]["median"]) for name in WORLDS})
    p.charts["sc_fig_prob"] = figures.probability_chart(
        probs, {name: {t: 100 * float(ends[name][f"p_at_least_{t}"]) for t in sc.THRESHOLDS} for name in WORLDS}
    )
    outcomes = words.lag_outcome_rows(sims, list(DATES.values()))
    p.tables["outcomes"] = lambda: tables.show("scenarios.outcomes", outcomes)

    # Try your own assumptions: the earlier compute model's central path (a stated simplification).
    worlds = sc.load()
    act, drift = worlds["act"], worlds["drift"]
    p.tables["inputs"] = lambda: tables.show("scenarios.inputs", words.inputs_rows(worlds))
    controls = sc.sliders(worlds)
    act_settings = sc.slider_values(act)
    presets = {"act": act_settings, "drift": sc.slider_values(drift)}
    for s in controls:
        p.check(
            f"the {s.param} slider can be set to both worlds' values",
            all(sc.explorer.on_step(presets[w][s.param], s.minimum, s.step) for w in WORLDS),
        )
    # The sliders start at the drift values; a button sets them to the act world's.
    p.charts["sc_fig_explore"] = figures.explorer_chart(
        worlds, controls, sc.explorer_calculations(drift), {"act": presets["act"]}
    )
    p.add(
        sc_act_legal=act_settings[sc.SLIDER_NAMES[sc.LEGAL]],
        sc_act_smuggled=act_settings[sc.SLIDER_NAMES[sc.SMUGGLED]],
        sc_act_offshore=act_settings[sc.SLIDER_NAMES[sc.OFFSHORE]],
        sc_act_distil=act_settings[sc.SLIDER_NAMES[sc.DISTIL_FROM_NOW]],
        sc_explorer_act_dec=sc.central_path(act).iloc[-1],
        sc_explorer_drift_dec=sc.central_path(drift).iloc[-1],
        sc_start=wording.month(act.start),
    )
    p.add(ch04_data_as_of=chapter_data_as_of("ch04"))
    return p


# --- The evaluation (heavy) ---------------------------------------------------------------


@lru_cache(maxsize=2)
@cache.disk_cached
def evaluation(small: bool = False) -> dict:
    """The backtest, skill, hindcast, robustness, tornado and acceptance tables.

    ``small=True`` runs the same code on few draws and the origins from
    :data:`SMALL_FIRST_ORIGIN` only (the reduced-size unit test); the book
    uses the full size.
    """
    sizes = {"backtest": 30, "hindcast": 100, "robustness": 200, "tornado": 100} if small else EVALUATION_DRAWS
    backtest_kw = {} if sizes["backtest"] is None else {"n": sizes["backtest"]}
    if small:
        backtest_kw["first"] = SMALL_FIRST_ORIGIN
    backtest = sc.rolling_backtest(**backtest_kw)
    hind = sc.hindcast(n=sizes["hindcast"], seed=SEED)
    robust = sc.robustness(n=sizes["robustness"], seed=SEED)
    tornados = {name: sc.lag_tornado(name, n=sizes["tornado"], seed=SEED) for name in WORLDS}
    centrals = {name: sc.lag_outcome(sc.simulate_lag(name, n=sizes["tornado"], seed=SEED))["median"] for name in WORLDS}
    return {
        "backtest": backtest,
        "skill": sc.skill(backtest),
        "hindcast": hind,
        "robustness": robust,
        "tornado": tornados,
        "tornado_central": centrals,
        "acceptance": sc.acceptance(backtest, hind, robust),
    }


def acceptance_values(table: pd.DataFrame, skill: pd.DataFrame, prefix: str = "sc_acc") -> dict:
    """Every acceptance figure as a glue value: CRPS ratios by horizon, the
    two coverages (percent), the hindcast statistics and the robustness
    spread (percentage points), each with whether it holds."""
    rows = table.set_index("criterion")
    values = {}
    for h in sc.forecast.evaluate.HORIZONS:
        row = rows.loc[f"CRPS ratio to the best baseline, {h} months"]
        values[f"{prefix}_ratio_{h}"] = float(row["measured"])
        values[f"{prefix}_ratio_{h}_holds"] = wording.yes_no(row["holds"])
        at = skill[(skill["horizon_months"] == h) & (skill["forecaster"] != "model")]
        best = at.loc[at["crps"].idxmin(), "forecaster"]
        values[f"{prefix}_best_{h}"] = words.FORECASTER_LABELS[best]
    for level in (80, 50):
        row = rows.loc[f"coverage of the {level}% interval"]
        values[f"{prefix}_cover_{level}"] = 100 * float(row["measured"])
        values[f"{prefix}_cover_{level}_holds"] = wording.yes_no(row["holds"])
    for statistic in ("share_ge_12", "mean_lag", "longest_lag"):
        row = rows.loc[f"hindcast {statistic} inside its 10th-90th range"]
        values[f"{prefix}_hind_{statistic}_holds"] = wording.yes_no(row["holds"])
    spread = rows.loc["act: spread of P(lag >= 12) across variants"]
    values[f"{prefix}_spread"] = 100 * float(spread["measured"])
    values[f"{prefix}_spread_holds"] = wording.yes_no(spread["holds"])
    values[f"{prefix}_n_hold"] = int(table["holds"].sum())
    values[f"{prefix}_n"] = len(table)
    return values


@cached_page
def evaluation_page(small: bool = False) -> Page:
    """The evaluation's values, charts and tables (heavy; see the module docstring)."""
    p = Page("ch04_evaluation")
    ev = evaluation(small)
    backtest, skill, hind, robust, accept = (ev[k] for k in ("backtest", "skill", "hindcast", "robustness", "acceptance"))
    model = skill[skill["forecaster"] == "model"].set_index("horizon_months")
    hind_rows = hind.set_index("statistic")
    act_rows = robust[robust["scenario"] == "act"]
    tornado = ev["tornado"]

    # The status every absolute probability carries in chapters 04 and 06 and the introduction.
    p.check("an acceptance criterion fails, so absolute probabilities are marked not validated", not accept["holds"].all())
    p.check("the model has more skill at three months than at twelve", model.at[3, "crps_ratio"] < model.at[12, "crps_ratio"])
    ratio = model["crps_ratio"]
    cover = {level: float(backtest.loc[backtest["forecaster"] == "model", f"in_{level}"].mean()) for level in (50, 80)}
    p.check("the model beats every baseline at 1, 3 and 6 months", (ratio.loc[[1, 3, 6]] < 1).all())
    p.check("but not by the required margin at 1 month", ratio.loc[1] > 0.8)
    p.check("the model does far worse than the best baseline at 12 months", ratio.loc[12] > 1.5)
    p.check("the 80% intervals are too narrow", cover[80] < 0.7)
    p.check("the 50% intervals are about right", 0.4 <= cover[50] <= 0.6)
    p.check("the hindcast passes", hind["inside"].all())
    extremes = act_rows.loc[[act_rows["p_ge_12"].idxmin(), act_rows["p_ge_12"].idxmax()], "variant"]
    p.check("the answer moves most with the calibration window", extremes.str.startswith("calibration window").all())
    p.add(**acceptance_values(accept, skill))
    # The validation status in plain words: the introduction's verdict quotes it.
    p.add(sc_acc_status=wording.forecast_validation(accept))
    p.add(
        sc_bt_origins=int(backtest["origin"].nunique()),
        sc_bt_first=wording.month(backtest["origin"].min()),
        sc_bt_last=wording.month(backtest["origin"].max()),
        sc_bt_model_crps_12=float(model.at[12, "crps"]),
        sc_bt_model_mae_12=float(model.at[12, "abs_error"]),
        sc_bt_model_crps_3=float(model.at[3, "crps"]),
    )
    for statistic, short in (("share_ge_12", "share"), ("mean_lag", "mean"), ("longest_lag", "longest")):
        row = hind_rows.loc[statistic]
        scale = 100 if statistic == "share_ge_12" else 1
        p.add(
            **{
                f"sc_hind_{short}": scale * float(row["measured"]),
                f"sc_hind_{short}_p10": scale * float(row["p10"]),
                f"sc_hind_{short}_p90": scale * float(row["p90"]),
            }
        )
    p.add(
        sc_rob_act_min=100 * float(act_rows["p_ge_12"].min()),
        sc_rob_act_max=100 * float(act_rows["p_ge_12"].max()),
        sc_rob_act_min_variant=words.variant_label(act_rows.loc[act_rows["p_ge_12"].idxmin(), "variant"]),
        sc_rob_act_max_variant=words.variant_label(act_rows.loc[act_rows["p_ge_12"].idxmax(), "variant"]),
    )
    by = skill.set_index(["horizon_months", "forecaster"])["crps"]
    for h in sc.forecast.evaluate.HORIZONS:
        p.add(**{f"sc_bt_ratio_last_{h}": float(by[(h, "model")] / by[(h, "last_value")])})
    p.add(**tornado_highlights(tornado))
    tops = {name: tornado[name]["parameter"].iloc[:2] for name in WORLDS}
    p.check("the largest swing is the same input in both worlds", tops["act"].iloc[0] == tops["drift"].iloc[0])
    p.check("the largest swing is not a policy lever", not tops["act"].iloc[:1].isin(sc.POLICY_LEVERS).any())
    p.charts["sc_fig_coverage"] = figures.coverage_chart(
        backtest,
        {
            level: tuple(accept.set_index("criterion").loc[f"coverage of the {level}% interval", ["measured", "holds"]])
            for level in (80, 50)
        },
    )
    p.charts["sc_fig_tornado"] = figures.lag_tornado_chart(
        tornado, ev["tornado_central"], {name: sc.input_ranges(name) for name in WORLDS}, wording.month(sc.END)
    )
    skill_rows = words.skill_rows(skill)
    p.tables["skill"] = lambda: tables.show("scenarios.skill", skill_rows)
    acceptance_rows = words.acceptance_rows(accept)
    p.tables["acceptance"] = lambda: tables.show("scenarios.acceptance", acceptance_rows)
    robustness_rows = words.robustness_rows(robust)
    p.tables["robustness"] = lambda: tables.show("scenarios.robustness", robustness_rows)
    hindcast_rows = words.hindcast_rows(hind)
    p.tables["hindcast"] = lambda: tables.show("scenarios.hindcast", hindcast_rows)
    return p
