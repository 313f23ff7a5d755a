"""What moves the lead: one-at-a-time swings, the value a lever would need
for a target, and which levers (or favourable ends of the ranges) reach it."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations

import pandas as pd
from scipy.optimize import brentq

from .model import (
    ALGO_GROWTH,
    COMPONENTS,
    DISTIL_DELAY,
    LEGAL,
    OFFSHORE,
    PARAMETERS,
    RETAINED,
    SHARED,
    SMUGGLED,
    STOCK_GROWTH,
    THRESHOLDS,
    US_GROWTH,
    Scenario,
)
from .simulation import lead_at

#: The inputs the essay's measures act on (the rest are things nobody controls).
POLICY_LEVERS = (LEGAL, SMUGGLED, OFFSHORE, RETAINED)


def tornado(scenario: Scenario, date=None) -> pd.DataFrame:
    """One-at-a-time swings: the central lead on ``date`` (default: the end)
    with each uncertain parameter at its low and at its high end, the others
    central. Sorted by the size of the swing, largest first."""
    base = lead_at(scenario, date)
    rows = []
    for name in PARAMETERS:
        p = scenario.parameters[name]
        if not p.uncertain:
            continue
        at_low, at_high = lead_at(scenario, date, **{name: p.low}), lead_at(scenario, date, **{name: p.high})
        rows.append(
            {
                "parameter": name,
                "low": p.low,
                "central": p.central,
                "high": p.high,
                "lead_at_low": at_low,
                "lead_central": base,
                "lead_at_high": at_high,
                "swing": abs(at_high - at_low),
            }
        )
    frame = pd.DataFrame(rows)
    return frame.sort_values(["swing", "parameter"], ascending=[False, True]).reset_index(drop=True)


#: A lever that scales all four of China's compute components together.
TOTAL_FLOW = "china_compute_additions_total"

#: Search bounds for :func:`required_value`: what the quantity can physically be.
REQUIRED_BOUNDS = {
    TOTAL_FLOW: (0.0, 1.0),
    SHARED: (0.0, 1.0),
    RETAINED: (0.0, 1.0),
    US_GROWTH: (1.0001, 50.0),
    DISTIL_DELAY: (0.0, 120.0),
}


def _with_lever(scenario: Scenario, lever: str, value: float) -> dict[str, float]:
    values = {}
    if lever == TOTAL_FLOW:
        parts = {n: scenario.parameters[n].central for n in COMPONENTS}
        total = sum(parts.values())
        for n, part in parts.items():
            values[n] = value * (part / total if total > 0 else 1 / len(parts))
    else:
        values[lever] = value
    return values


def required_value(scenario: Scenario, lever: str, target: float, date=None, bounds=None, xtol: float = 1e-12) -> float:
    """The value of one lever that, with everything else central, puts the
    central lead at ``target`` months on ``date`` (default: the end).

    ``lever`` is a parameter name or :data:`TOTAL_FLOW` (China's four compute
    components scaled together; the value is their sum). Found by Brent's
    method (:func:`scipy.optimize.brentq`) within ``bounds`` (default
    :data:`REQUIRED_BOUNDS`); returns NaN when no value in the bounds
    reaches the target (the lead minus the target has the same sign at both
    ends).
    """
    low, high = bounds or REQUIRED_BOUNDS[lever]

    def gap_to_target(x):
        return lead_at(scenario, date, **_with_lever(scenario, lever, x)) - target

    f_low, f_high = gap_to_target(low), gap_to_target(high)
    if f_low == 0:
        return float(low)
    if f_high == 0:
        return float(high)
    if (f_low > 0) == (f_high > 0):
        return float("nan")
    return float(brentq(gap_to_target, low, high, xtol=xtol))


def requirements(scenario: Scenario, targets=THRESHOLDS, date=None, levers=None) -> pd.DataFrame:
    """What each lever alone would have to be for each target lead: one row
    per lever with its central value and ``needed_for_<target>``
    (:func:`required_value`, NaN when out of reach)."""
    levers = levers or (TOTAL_FLOW, RETAINED, SHARED, US_GROWTH)
    rows = []
    for lever in levers:
        if lever == TOTAL_FLOW:
            current = sum(scenario.parameters[n].central for n in COMPONENTS)
        else:
            current = scenario.parameters[lever].central
        row = {"lever": lever, "central": current}
        for target in targets:
            row[f"needed_for_{target}"] = required_value(scenario, lever, target, date)
        rows.append(row)
    return pd.DataFrame(rows)


def most_favourable(scenario: Scenario, date=None) -> dict[str, float]:
    """Every uncertain input at the end of its range that lengthens the lead."""
    frame = tornado(scenario, date)
    return {r.parameter: (r.low if r.lead_at_low > r.lead_at_high else r.high) for r in frame.itertuples()}


#: The two extreme levers of the "Does 24 months follow?" test, each at the
#: value that helps the lead most: China adds no compute from any of its
#: four sources, and no distillation survives.
NO_FLOW, NO_DISTILLATION = "no_flow", "no_distillation"
EXTREME_LEVERS = {
    NO_FLOW: {TOTAL_FLOW: 0.0},
    NO_DISTILLATION: {RETAINED: 0.0},
}


def _lever_values(scenario: Scenario, settings: Mapping[str, float]) -> dict[str, float]:
    values = {}
    for lever, value in settings.items():
        values.update(_with_lever(scenario, lever, value))
    return values


def lever_reach(
    scenario: Scenario, target: float = 24, date=None, levers: Mapping[str, Mapping[str, float]] | None = None
) -> pd.DataFrame:
    """Which levers, alone and together, bring the central lead to ``target``.

    ``levers`` maps a name to settings (lever -> value, as in
    :func:`required_value`; default :data:`EXTREME_LEVERS`). Returns one row
    per non-empty combination, singles first: ``levers`` (the names joined
    by ``"+"``), ``size`` (how many), ``lead`` (the central lead on ``date``,
    default the end) and ``reaches`` (whether it is at least ``target``).
    """
    levers = EXTREME_LEVERS if levers is None else levers
    names = list(levers)
    rows = []
    for size in range(1, len(names) + 1):
        for combo in combinations(names, size):
            settings = {}
            for name in combo:
                settings.update(levers[name])
            lead = lead_at(scenario, date, **_lever_values(scenario, settings))
            rows.append({"levers": "+".join(combo), "size": size, "lead": lead, "reaches": bool(lead >= target)})
    return pd.DataFrame(rows)


def fewest_favourable(scenario: Scenario, target: float = 24, date=None) -> dict:
    """The smallest number of uncertain inputs that, moved together to the
    ends of their ranges that favour a long lead (the rest central), bring
    the central lead to ``target``.

    Tries every subset, smallest first. Returns ``inputs`` (that number, or
    None when even all of them fall short), ``uncertain`` (how many inputs
    are uncertain), ``example`` (the first subset found, as parameter names)
    and ``lead_all`` (the lead with all of them at those ends).
    """
    ends = most_favourable(scenario, date)
    names = sorted(ends)
    lead_all = lead_at(scenario, date, **ends)
    found, example = None, ()
    if lead_at(scenario, date) >= target:
        found = 0
    else:
        for size in range(1, len(names) + 1):
            for combo in combinations(names, size):
                if lead_at(scenario, date, **{n: ends[n] for n in combo}) >= target:
                    found, example = size, combo
                    break
            if found is not None:
                break
    return {"inputs": found, "uncertain": len(names), "example": example, "lead_all": lead_all}


def largest_channel(scenario: Scenario) -> str:
    """China's largest compute component (central value) in ``scenario``."""
    return max(COMPONENTS, key=lambda n: (scenario.parameters[n].central, n))


def stock_at_frontier_rate(scenario: Scenario) -> Scenario:
    """The same scenario with the US installed stock growing as fast as the
    largest training runs (``g_s = g_c``, both central): the model's earlier
    assumption, kept as a sensitivity variant."""
    return scenario.with_values(**{STOCK_GROWTH: scenario.parameters[US_GROWTH].central})


def compute_only(scenario: Scenario) -> Scenario:
    """The same scenario with algorithmic progress left out (growth 1x), so
    the compute ratio converts to months through physical compute growth
    alone. A variant to show what that modelling choice does."""
    return scenario.with_values(**{ALGO_GROWTH: 1.0})
