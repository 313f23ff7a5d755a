"""The model: its inputs (Parameter), its worlds (Scenario) and the lead formula.

The model
---------
Frontier capability on each side is driven by *effective* training compute:
physical compute times algorithmic efficiency. Time ``tau`` is counted in
years from the model's start, the first month after the measured data end.

* **US.** Physical frontier compute grows by a factor ``g_c`` a year
  (``us_frontier_compute_growth``) and algorithmic efficiency by ``g_a``
  (``algorithmic_efficiency_growth``), so US effective compute grows by
  ``G = g_c * g_a`` a year.
* **China's physical compute** is a fraction ``R`` of the US's. It starts at
  the installed-compute ratio ``R0`` and, each year, China adds compute equal
  to a fraction ``f`` of what the US adds, where ``f`` is the sum of four
  sourced components: domestic accelerators, legally imported chips,
  smuggled chips and remote/offshore access. Chips already installed do not
  vanish, and US additions grow exponentially, by a factor ``g_s`` a year
  (``us_installed_compute_growth``, the growth of the installed stock of AI
  chips, sourced separately from the growth ``g_c`` of the largest training
  runs), so the ratio of the two stocks moves from ``R0`` towards ``f``::

      R(tau) = f + (R0 - f) * g_s ** -tau

  Using ``g_s`` here and ``g_c`` in ``G`` below is a modelling choice: the
  stock dilutes China's legacy chips at the pace the installed base grows,
  while the frontier (and so the conversion of a ratio into months) moves at
  the pace of the largest runs.

* **Algorithmic progress.** China obtains a fraction ``phi`` of US
  algorithmic progress (``algorithmic_progress_shared_fraction``); the part
  it misses widens the effective-compute gap by a factor
  ``g_a ** ((1 - phi) * tau)``.
* **From compute to months.** A ratio of effective compute becomes a lag
  through the leader's growth: the time the leader needed to multiply its
  own effective compute by that ratio (:func:`ratio_to_lag_months`)::

      lag = 12 * ln(ratio) / ln(G)

  A tenfold deficit at 4.5x a year is 18.4 months. Capability only has to
  rise with effective compute for this to hold; its exact shape cancels.
* **Distillation** (:func:`ailead.distillation.distilled_lag`): the follower
  absorbs a share of the leader's gains beyond a delay. Today's share is
  ``distillation_share``; from the start on the share is
  ``distillation_share * distillation_share_retained`` (1 when nothing is
  done, less when distillation is disrupted).
* **Calibration.** Every draw reproduces the measured lag at the start
  (``measured_lag_months``: the mean ECI lag over the 12 months before the
  start). The follower's own lag at the start is what
  :func:`~ailead.distillation.distilled_lag` turns into the measured lag
  (:func:`own_lag_today`); the efficiency factor ``eta`` is the multiplier on
  China's compute ratio that makes the ratio reproduce that own lag
  (:func:`calibration`). It cancels in the path, which therefore reads::

      own(tau)  = own(0) + 12 * ln(R0 / R(tau) * g_a ** ((1 - phi) * tau)) / ln(G)
      lead(tau) = min(distilled_lag(own(tau), share_from_now, delay),
                      measured + 12 * tau)

  The ``min`` says a policy cannot make the follower go backwards: the lead
  can widen by at most one month per month (a follower that stops improving
  altogether). The compute terms respect that bound whenever the US stock
  grows no faster than ``g_c * g_a ** phi`` (:func:`compute_within_cap`),
  which holds across every range in the data; the cap then matters only
  when distillation is cut.

Uncertainty
-----------
:func:`simulate` draws every uncertain parameter from a triangular
distribution over its low, central (mode) and high values, independently
across parameters, with common random numbers: the same seed gives the same
uniform number to a parameter in both scenarios, so the two worlds differ
only where their assumptions differ.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..constants import CLAIM_THRESHOLDS, DAYS_PER_YEAR
from ..distillation import DELAY, SHARE, distilled_lag

# --- Parameter names (as in data/scenario_parameters.csv, column parameter) --

US_GROWTH = "us_frontier_compute_growth"
STOCK_GROWTH = "us_installed_compute_growth"
ALGO_GROWTH = "algorithmic_efficiency_growth"
SHARED = "algorithmic_progress_shared_fraction"
START_RATIO = "china_to_us_installed_compute_ratio"
DOMESTIC = "china_domestic_share_of_us_compute"
LEGAL = "china_legal_imports_share_of_us_compute"
SMUGGLED = "china_smuggled_share_of_us_compute"
OFFSHORE = "china_remote_access_share_of_us_compute"
RETAINED = "distillation_share_retained"
DISTIL_SHARE = SHARE  # from data/distillation_parameters.csv
DISTIL_DELAY = DELAY  # from data/distillation_parameters.csv
MEASURED_LAG = "measured_lag_months"  # computed from frontier_models by ailead.gap

#: China's compute components, each a fraction of annual US additions.
COMPONENTS = (DOMESTIC, LEGAL, SMUGGLED, OFFSHORE)
FROM_SCENARIO_TABLE = (US_GROWTH, STOCK_GROWTH, ALGO_GROWTH, SHARED, START_RATIO, *COMPONENTS, RETAINED)
FROM_DISTILLATION_TABLE = (DISTIL_SHARE, DISTIL_DELAY)
#: Every parameter the model needs, in the order random numbers are drawn.
PARAMETERS = FROM_SCENARIO_TABLE + FROM_DISTILLATION_TABLE + (MEASURED_LAG,)

SCENARIOS = ("act", "drift")

#: The model's horizon: a monthly grid to December 2028.
END = pd.Timestamp("2028-12-01")
#: The leads in months the chapter asks about (Anthropic's 12 to 24).
THRESHOLDS = CLAIM_THRESHOLDS


# --- Parameters and their validation ----------------------------------------


def _at_least_one(x: float) -> bool:
    return x >= 1


_RULES = {
    US_GROWTH: (_at_least_one, "a growth factor per year must be at least 1 (a negative growth rate is not supported)"),
    STOCK_GROWTH: (_at_least_one, "a growth factor per year must be at least 1 (a negative growth rate is not supported)"),
    ALGO_GROWTH: (_at_least_one, "a growth factor per year must be at least 1 (a negative growth rate is not supported)"),
    SHARED: (lambda x: 0 <= x <= 1, "a shared fraction must lie between 0 and 1"),
    START_RATIO: (lambda x: x > 0, "China's starting compute ratio must be positive"),
    DOMESTIC: (lambda x: x >= 0, "a compute share cannot be negative"),
    LEGAL: (lambda x: x >= 0, "a compute share cannot be negative"),
    SMUGGLED: (lambda x: x >= 0, "a compute share cannot be negative"),
    OFFSHORE: (lambda x: x >= 0, "a compute share cannot be negative"),
    RETAINED: (lambda x: 0 <= x <= 1, "the retained share of distillation must lie between 0 and 1"),
    DISTIL_SHARE: (
        lambda x: 0 <= x < 1,
        "today's distillation share must lie in [0, 1) (a share of 1 leaves no own lag to calibrate)",
    ),
    DISTIL_DELAY: (lambda x: x >= 0, "the distillation delay cannot be negative"),
    MEASURED_LAG: (lambda x: True, ""),
}


@dataclass(frozen=True)
class Parameter:
    """One model input: a central value and a range, with where it comes from.

    Raises ``ValueError`` naming the parameter when a value is not finite,
    when the low end exceeds the high end, when the central value lies
    outside the range, or when a value breaks the parameter's own rule (for
    example a growth factor below 1, i.e. a negative growth rate).
    """

    name: str
    central: float
    low: float
    high: float
    source_url: str = ""
    confidence: str = ""
    note: str = ""

    def __post_init__(self):
        for which in ("central", "low", "high"):
            value = getattr(self, which)
            if value is None or not math.isfinite(float(value)):
                raise ValueError(f"parameter {self.name!r}: the {which} value must be a finite number, got {value!r}")
            object.__setattr__(self, which, float(value))
        if self.low > self.high:
            raise ValueError(f"parameter {self.name!r}: the low end ({self.low:g}) exceeds the high end ({self.high:g})")
        if not self.low <= self.central <= self.high:
            raise ValueError(
                f"parameter {self.name!r}: the central value ({self.central:g}) lies outside its range "
                f"[{self.low:g}, {self.high:g}]"
            )
        rule = _RULES.get(self.name)
        if rule is not None:
            check, message = rule
            for which in ("low", "high"):
                if not check(getattr(self, which)):
                    raise ValueError(f"parameter {self.name!r}: {message}; got {which} = {getattr(self, which):g}")

    @property
    def uncertain(self) -> bool:
        return self.high > self.low

    def fixed(self, value: float) -> Parameter:
        """The same parameter held at one value (its range collapsed)."""
        return dataclasses.replace(self, central=value, low=value, high=value)


@dataclass(frozen=True, eq=False)
class Scenario:
    """A named world: one :class:`Parameter` per model input, and the dates."""

    name: str
    parameters: Mapping[str, Parameter]
    start: pd.Timestamp
    end: pd.Timestamp = END

    def __post_init__(self):
        missing = [n for n in PARAMETERS if n not in self.parameters]
        if missing:
            raise ValueError(f"scenario {self.name!r} lacks parameters: {', '.join(missing)}")
        extra = [n for n in self.parameters if n not in PARAMETERS]
        if extra:
            raise ValueError(f"scenario {self.name!r} has unknown parameters: {', '.join(extra)}")
        # The leader's effective growth G = g_c * g_a turns ratios into months
        # (ratio_to_lag_months), so it must exceed 1 everywhere in the ranges.
        # Both factors are at least 1, so the smallest product is low * low.
        g_c, g_a = self.parameters[US_GROWTH], self.parameters[ALGO_GROWTH]
        if not g_c.low * g_a.low > 1:
            raise ValueError(
                f"scenario {self.name!r}: US effective compute growth (us_frontier_compute_growth x "
                f"algorithmic_efficiency_growth) must exceed 1 a year across the ranges, or no lag in months "
                f"can be computed; the low ends give {g_c.low:g} x {g_a.low:g} = {g_c.low * g_a.low:g}"
            )
        start, end = pd.Timestamp(self.start), pd.Timestamp(self.end)
        if start != start.to_period("M").to_timestamp():
            raise ValueError(f"scenario {self.name!r}: the start must be the first day of a month, got {start.date()}")
        if end < start:
            raise ValueError(f"scenario {self.name!r}: the end ({end.date()}) is before the start ({start.date()})")
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)

    def dates(self) -> pd.DatetimeIndex:
        """The monthly grid (first of each month) from the start to the end."""
        return pd.date_range(self.start, self.end, freq="MS", name="date")

    def years(self, dates) -> np.ndarray:
        """Years since the start, for each date."""
        return ((pd.DatetimeIndex(dates) - self.start).days / DAYS_PER_YEAR).to_numpy(dtype=float)

    def central(self) -> dict[str, float]:
        return {name: p.central for name, p in self.parameters.items()}

    def with_values(self, **values: float) -> Scenario:
        """A copy with some parameters held at fixed values."""
        parameters = dict(self.parameters)
        for name, value in values.items():
            if name not in parameters:
                raise KeyError(f"no parameter {name!r} in scenario {self.name!r}")
            parameters[name] = parameters[name].fixed(value)
        return dataclasses.replace(self, parameters=parameters)


# --- The model ----------------------------------------------------------------


def ratio_to_lag_months(ratio, growth):
    """Months the leader needed to multiply its capability input by ``ratio``.

    ``ratio`` is leader over follower (10 = a tenfold deficit) and ``growth``
    the leader's growth factor per year: ``12 * ln(ratio) / ln(growth)``.
    Equal inputs give 0; a ratio below 1 (follower ahead) gives a negative
    lag. Raises ``ValueError`` unless ``growth > 1`` and ``ratio > 0``.
    """
    ratio = np.asarray(ratio, dtype=float)
    growth = np.asarray(growth, dtype=float)
    if np.any(~(growth > 1)):
        raise ValueError("the leader's growth factor per year must exceed 1 (a lag in months needs a growing leader)")
    if np.any(~(ratio > 0)):
        raise ValueError("a compute ratio must be positive")
    return 12.0 * np.log(ratio) / np.log(growth)


def stock_ratio(tau, start_ratio, flow_ratio, stock_growth):
    """China's installed compute as a fraction of the US's, ``tau`` years on.

    Starts at ``start_ratio``; China adds ``flow_ratio`` times what the US adds
    while the US stock (and so its additions) grows by ``stock_growth`` a
    year, so the ratio moves towards ``flow_ratio`` with the US stock's growth:
    ``flow + (start - flow) * stock_growth ** -tau``.
    """
    tau = np.asarray(tau, dtype=float)
    return flow_ratio + (start_ratio - flow_ratio) * np.exp(-np.log(stock_growth) * tau)


def own_lag_today(measured, share, delay):
    """The follower's own lag that distillation turns into the ``measured`` lag.

    The inverse of :func:`~ailead.distillation.distilled_lag` for a share
    below 1: ``measured + share / (1 - share) * max(measured - delay, 0)``.
    """
    share = np.asarray(share, dtype=float)
    if np.any((share < 0) | (share >= 1)):
        raise ValueError("today's distillation share must lie in [0, 1) to recover the own lag")
    measured = np.asarray(measured, dtype=float)
    return measured + share / (1.0 - share) * np.maximum(measured - np.asarray(delay, dtype=float), 0.0)


def lead_months(tau, values: Mapping[str, object]):
    """The US lead in months, ``tau`` years after the start.

    ``values`` maps every name in :data:`PARAMETERS` to a number or an array;
    everything broadcasts, so ``tau`` of shape (1, months) against values of
    shape (draws, 1) gives a (draws, months) array. See the module docstring
    for the formula.
    """
    v = values
    tau = np.asarray(tau, dtype=float)
    g_c, g_a = np.asarray(v[US_GROWTH], dtype=float), np.asarray(v[ALGO_GROWTH], dtype=float)
    flow = v[DOMESTIC] + v[LEGAL] + v[SMUGGLED] + v[OFFSHORE]
    ratio = stock_ratio(tau, v[START_RATIO], flow, np.asarray(v[STOCK_GROWTH], dtype=float))
    missed = np.exp((1.0 - np.asarray(v[SHARED], dtype=float)) * np.log(g_a) * tau)
    own = own_lag_today(v[MEASURED_LAG], v[DISTIL_SHARE], v[DISTIL_DELAY]) + ratio_to_lag_months(
        v[START_RATIO] / ratio * missed, g_c * g_a
    )
    share_from_now = np.asarray(v[DISTIL_SHARE], dtype=float) * np.asarray(v[RETAINED], dtype=float)
    lead = distilled_lag(own, share_from_now, v[DISTIL_DELAY])
    return np.minimum(lead, np.asarray(v[MEASURED_LAG], dtype=float) + 12.0 * tau)


def compute_within_cap(scenario: Scenario) -> bool:
    """Whether the compute terms alone can never widen the lead by more than
    a month per month, anywhere in the ranges.

    A follower that adds nothing loses ``12 * (ln g_s + (1 - phi) ln g_a) /
    ln(g_c g_a)`` months a year; that is at most 12 when
    ``g_s <= g_c * g_a ** phi``. The worst case takes the fastest stock and
    the slowest frontier, algorithms and sharing.
    """
    p = scenario.parameters
    return p[STOCK_GROWTH].high <= p[US_GROWTH].low * p[ALGO_GROWTH].low ** p[SHARED].low
