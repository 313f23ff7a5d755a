"""The model run from a past start with what was known then, scored against the measured lag."""

from __future__ import annotations

import dataclasses

import pandas as pd

from .. import gap
from ..constants import N_DRAWS, SEED, WINDOW_START
from .inputs import measured_lag
from .model import DOMESTIC, LEGAL, MEASURED_LAG, OFFSHORE, SMUGGLED, START_RATIO, Scenario
from .simulation import fan, simulate


def backtest_scenario(models: pd.DataFrame, like: Scenario, start="2025-01-01", end="2025-12-01") -> Scenario:
    """The model as it could have been set up at ``start`` with what was known then.

    The calibration target uses only models released before ``start``. The
    US growth, algorithmic progress, sharing and distillation inputs are
    taken from ``like`` (the drift world: nothing was done). China's compute
    components are sourced from 2025-2026 publications, so they are not used:
    China's additions are held at its installed ratio (persistence), which
    keeps the compute ratio constant. With a constant ratio the growth of the
    US stock (``us_installed_compute_growth``, also published later) has no
    effect.
    """
    start = pd.Timestamp(start)
    parameters = dict(like.parameters)
    ratio = parameters[START_RATIO].central
    parameters[START_RATIO] = parameters[START_RATIO].fixed(ratio)
    parameters[DOMESTIC] = dataclasses.replace(
        parameters[DOMESTIC].fixed(ratio),
        note="Backtest: the component estimates postdate the start, so additions keep the ratio constant.",
    )
    for name in (LEGAL, SMUGGLED, OFFSHORE):
        parameters[name] = parameters[name].fixed(0.0)
    parameters[MEASURED_LAG] = measured_lag(models, start)
    return Scenario(f"backtest from {start.date()}", parameters, start, pd.Timestamp(end))


def backtest(
    models: pd.DataFrame, like: Scenario, start="2025-01-01", end="2025-12-01", n: int = N_DRAWS, seed: int = SEED
) -> dict:
    """Run the model from ``start`` and compare it with the measured lag.

    Returns ``monthly`` (measured monthly mean lag beside the model's
    quantiles), the mean absolute error of the median path, the bias, the
    share of months whose measured value falls inside the model's 80%
    interval, and the error of a naive forecast that carries the last
    measured daily lag forward.
    """
    scenario = backtest_scenario(models, like, start, end)
    sim = simulate(scenario, n=n, seed=seed)
    bands = fan(sim)
    last_day = scenario.end + pd.offsets.MonthEnd(0)
    daily = gap.lag_frame(models, start=WINDOW_START, end=last_day)["lag_months"]
    measured = daily.loc[scenario.start : last_day].resample("MS").mean().rename("measured")
    monthly = bands.join(measured, how="left")
    last_known = float(daily.loc[: scenario.start - pd.Timedelta(days=1)].dropna().iloc[-1])
    return {
        "scenario": scenario,
        "monthly": monthly,
        "daily": daily,
        "calibration_target": scenario.parameters[MEASURED_LAG],
        **backtest_scores(monthly, last_known),
    }


def backtest_scores(monthly: pd.DataFrame, naive_value: float) -> dict:
    """How well the model's monthly bands matched the measured lag.

    ``monthly`` has columns ``measured``, ``q10``, ``q50`` and ``q90``; the
    error is measured minus the median, so a positive bias means the model
    put the lag too low. ``naive_value`` is the forecast that carries the
    last measured daily lag forward.
    """
    error = monthly["measured"] - monthly["q50"]
    inside = (monthly["measured"] >= monthly["q10"]) & (monthly["measured"] <= monthly["q90"])
    naive_mae = float((monthly["measured"] - naive_value).abs().mean())
    mae = float(error.abs().mean())
    return {
        "mae_months": mae,
        "bias_months": float(error.mean()),
        "share_inside_80": float(inside.mean()),
        "months_inside_80": int(inside.sum()),
        "months": int(len(monthly)),
        "naive_value": float(naive_value),
        "naive_mae_months": naive_mae,
    }
