"""The explorer: the central path as Vega-Lite expressions, and its sliders."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .model import (
    ALGO_GROWTH,
    DISTIL_DELAY,
    DISTIL_SHARE,
    DOMESTIC,
    LEGAL,
    MEASURED_LAG,
    OFFSHORE,
    RETAINED,
    SHARED,
    SMUGGLED,
    START_RATIO,
    STOCK_GROWTH,
    US_GROWTH,
    Scenario,
)

#: The explorer's one derived quantity: today's distillation share times the
#: share retained, i.e. the share China absorbs from the start on.
DISTIL_FROM_NOW = "distillation_share_from_now"


@dataclass(frozen=True)
class Slider:
    """A reader-controlled input of the explorer chart."""

    param: str  # the Vega-Lite parameter name
    parameter: str  # the model quantity it sets (a name in PARAMETERS or DISTIL_FROM_NOW)
    minimum: float
    maximum: float
    step: float
    value: float


#: Model quantity -> Vega-Lite parameter name for the explorer's sliders.
SLIDER_NAMES = {
    LEGAL: "sc_legal",
    SMUGGLED: "sc_smuggled",
    OFFSHORE: "sc_offshore",
    DISTIL_FROM_NOW: "sc_distil",
    US_GROWTH: "sc_us_growth",
    STOCK_GROWTH: "sc_stock_growth",
    SHARED: "sc_shared",
}


def _from_now(scenario: Scenario, which: str) -> float:
    """The share China absorbs from the start on, at the ``which`` end of both inputs."""
    return getattr(scenario.parameters[DISTIL_SHARE], which) * getattr(scenario.parameters[RETAINED], which)


#: Finer steps tried, in turn, when a stated value misses a slider's preferred step.
_STEP_DIVISORS = (1, 2, 5, 10, 20, 50, 100)


def on_step(value: float, minimum: float, step: float) -> bool:
    """Whether a range input from ``minimum`` by ``step`` can be set to ``value`` exactly."""
    steps = (value - minimum) / step
    return abs(steps - round(steps)) < 1e-6


def reachable_step(preferred: float, minimum: float, values) -> float:
    """The coarsest of ``preferred``, ``preferred / 2``, ``/ 5``, ``/ 10``, ...
    on whose grid from ``minimum`` every value in ``values`` lies (a browser
    rounds a range input to its step, so a value off the grid is shown as its
    neighbour)."""
    for divisor in _STEP_DIVISORS:
        step = round(preferred / divisor, 12)
        if all(on_step(v, minimum, step) for v in values):
            return step
    raise ValueError(f"no step down to {preferred / _STEP_DIVISORS[-1]:g} reaches {sorted(values)} from {minimum:g}")


def sliders(scenarios: Mapping[str, Scenario], default: str = "drift") -> list[Slider]:
    """Sliders spanning every scenario's range, set at ``default``'s central values.

    Each reaches past the stated ranges, so readers can try values outside
    them: growth factors to at least 2-7x (frontier) and 1.5-7x (stock),
    sharing from at most 0.5 to 1, compute channels from 0 to twice the
    largest high end, and distillation from 0 to twice the largest share
    (at most 0.95). Each step is the preferred one (0.1 for growth, 0.01
    for distillation, 0.005 for shares) unless a world's central value
    misses it; then the coarsest finer step that reaches every world's value
    (:func:`reachable_step`), so the values the chapter states can be set.
    """
    base, worlds = scenarios[default], list(scenarios.values())
    out = []
    for quantity, param in SLIDER_NAMES.items():
        if quantity == DISTIL_FROM_NOW:
            value = _from_now(base, "central")
            minimum, maximum, step = 0.0, min(2 * max(_from_now(s, "high") for s in worlds), 0.95), 0.01
        else:
            value = base.parameters[quantity].central
            low = min(s.parameters[quantity].low for s in worlds)
            high = max(s.parameters[quantity].high for s in worlds)
            if quantity == US_GROWTH:
                minimum, maximum, step = min(low, 2.0), max(high, 7.0), 0.1
            elif quantity == STOCK_GROWTH:
                minimum, maximum, step = min(low, 1.5), max(high, 7.0), 0.1
            elif quantity == SHARED:
                minimum, maximum, step = min(low, 0.5), 1.0, 0.005
            else:
                minimum, maximum, step = 0.0, round(2 * high, 3), 0.005
        stated = [slider_values(s)[param] for s in worlds]
        step = reachable_step(step, float(minimum), stated)
        out.append(Slider(param, quantity, float(minimum), float(maximum), step, float(value)))
    return out


def explorer_calculations(scenario: Scenario) -> list[tuple[str, str]]:
    """The central-path formula as Vega-Lite ``calculate`` expressions.

    Inputs that have a slider (see :data:`SLIDER_NAMES`) are referenced by
    parameter name; every other input is written in as ``scenario``'s
    central value. Applied in order to rows with a ``tau`` field (years since
    the start), the last expression, ``lead``, is :func:`lead_months` at
    those values.
    """
    c = {name: repr(float(value)) for name, value in scenario.central().items()}
    s = SLIDER_NAMES
    own_today = f"{c[MEASURED_LAG]} + {c[DISTIL_SHARE]} / (1 - {c[DISTIL_SHARE]}) * max({c[MEASURED_LAG]} - {c[DISTIL_DELAY]}, 0)"
    return [
        ("flow", f"{c[DOMESTIC]} + {s[LEGAL]} + {s[SMUGGLED]} + {s[OFFSHORE]}"),
        ("ratio", f"datum.flow + ({c[START_RATIO]} - datum.flow) * exp(-log({s[STOCK_GROWTH]}) * datum.tau)"),
        (
            "own",
            f"{own_today} + 12 * log({c[START_RATIO]} / datum.ratio * exp((1 - {s[SHARED]}) * log({c[ALGO_GROWTH]}) * datum.tau)) / log({s[US_GROWTH]} * {c[ALGO_GROWTH]})",
        ),
        (
            "lead",
            f"min(datum.own - {s[DISTIL_FROM_NOW]} * max(datum.own - {c[DISTIL_DELAY]}, 0), {c[MEASURED_LAG]} + 12 * datum.tau)",
        ),
    ]


def slider_values(scenario: Scenario) -> dict[str, float]:
    """The slider settings that reproduce ``scenario``'s central path."""
    values = {}
    for quantity, param in SLIDER_NAMES.items():
        if quantity == DISTIL_FROM_NOW:
            values[param] = _from_now(scenario, "central")
        else:
            values[param] = scenario.parameters[quantity].central
    return values
