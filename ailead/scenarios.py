"""Two outcomes for 2028: a small, transparent model of the US lead in months.

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
  the pace of the largest runs. :func:`stock_at_frontier_rate` gives the
  variant in which the stock also grows at ``g_c``.

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
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from . import data, gap
from .distillation import DELAY, SHARE, distilled_lag

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

LABELS = {
    US_GROWTH: "US frontier compute growth (x per year)",
    STOCK_GROWTH: "US installed compute growth (x per year)",
    ALGO_GROWTH: "Algorithmic efficiency growth (x per year)",
    SHARED: "Share of US algorithmic progress China obtains",
    START_RATIO: "China's installed compute relative to the US (start)",
    DOMESTIC: "Domestic accelerators (share of US additions)",
    LEGAL: "Legal chip imports (share of US additions)",
    SMUGGLED: "Smuggled chips (share of US additions)",
    OFFSHORE: "Remote/offshore access (share of US additions)",
    RETAINED: "Share of distillation that survives disruption",
    DISTIL_SHARE: "Distillation share today",
    DISTIL_DELAY: "Distillation delay (months)",
    MEASURED_LAG: "Measured lag at the start (months)",
}

#: The same inputs named for use inside a sentence.
SHORT_LABELS = {
    US_GROWTH: "US frontier compute growth",
    STOCK_GROWTH: "how fast the US stock of AI chips grows",
    ALGO_GROWTH: "the pace of algorithmic progress",
    SHARED: "how much algorithmic progress China shares",
    START_RATIO: "how much compute China already has",
    DOMESTIC: "domestic chips",
    LEGAL: "legal chip imports",
    SMUGGLED: "smuggled chips",
    OFFSHORE: "offshore and remote access",
    RETAINED: "how much distillation survives disruption",
    DISTIL_SHARE: "today's distillation share",
    DISTIL_DELAY: "the distillation delay",
    MEASURED_LAG: "where today's lag really stands",
}

SCENARIOS = ("act", "drift")
SCENARIO_DESCRIPTIONS = {
    "act": "The US and allies tighten and enforce chip controls, close offshore access and disrupt distillation.",
    "drift": "The US and allies do not act: legal imports, smuggling, offshore access and distillation continue.",
}

#: The model's horizon: a monthly grid to December 2028.
END = pd.Timestamp("2028-12-01")
#: Months of measured lag averaged into the calibration target.
CALIBRATION_WINDOW_MONTHS = 12
QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)
THRESHOLDS = (12, 24)
DAYS_PER_YEAR = 365.25


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
    label: str = ""
    unit: str = ""
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
    description: str = ""

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


def calibration(values: Mapping[str, float]) -> dict:
    """How the model is tied to the measured lag, for one set of values.

    * ``raw_lag_months``: the lag the installed-compute ratio alone implies
      (``ratio_to_lag_months(1 / R0, G)``);
    * ``own_lag_months``: the own lag that distillation turns into the
      measured lag (:func:`own_lag_today`);
    * ``offset_months``: own minus raw, the correction calibration applies;
    * ``efficiency_factor``: the multiplier on China's compute ratio that
      closes it (above 1: China gets more capability per unit of measured
      compute than the ratio implies), ``G ** (-offset / 12)``.
    """
    growth = float(values[US_GROWTH]) * float(values[ALGO_GROWTH])
    raw = float(ratio_to_lag_months(1.0 / float(values[START_RATIO]), growth))
    own = float(own_lag_today(values[MEASURED_LAG], values[DISTIL_SHARE], values[DISTIL_DELAY]))
    offset = own - raw
    return {
        "measured_lag_months": float(values[MEASURED_LAG]),
        "raw_lag_months": raw,
        "own_lag_months": own,
        "offset_months": offset,
        "efficiency_factor": float(np.exp(-offset / 12.0 * np.log(growth))),
        "effective_growth": growth,
    }


# --- Drawing and simulating ---------------------------------------------------


def triangular(u, low, mode, high):
    """Inverse CDF of the triangular distribution (``low <= mode <= high``).

    ``u`` are uniform numbers in [0, 1). Works when the mode sits at either
    end, and returns ``low`` everywhere when the range is empty.
    """
    u = np.asarray(u, dtype=float)
    width = high - low
    if width <= 0:
        return np.full_like(u, low)
    cut = (mode - low) / width
    left = low + np.sqrt(u * width * (mode - low))
    right = high - np.sqrt((1.0 - u) * width * (high - mode))
    return np.where(u < cut, left, right)


def draw(scenario: Scenario, n: int, seed: int = 0) -> dict[str, np.ndarray]:
    """``n`` draws of every parameter (triangular over low, central, high).

    One uniform column per name in :data:`PARAMETERS`, in that order, so a
    seed gives a parameter the same uniform numbers in every scenario.
    """
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise ValueError(f"the number of draws must be a positive integer, got {n!r}")
    uniforms = np.random.default_rng(seed).random((int(n), len(PARAMETERS)))
    out = {}
    for column, name in enumerate(PARAMETERS):
        p = scenario.parameters[name]
        out[name] = triangular(uniforms[:, column], p.low, p.central, p.high)
    return out


def simulate(scenario, n: int = 10_000, seed: int = 0) -> pd.DataFrame:
    """Draw the uncertain parameters and return the lead on the monthly grid.

    ``scenario`` is ``"act"``, ``"drift"`` or a :class:`Scenario`. Returns a
    long frame with columns ``date``, ``draw`` and ``lead_months``, ordered by
    draw then date. The same seed gives the same frame.
    """
    scenario = get(scenario) if isinstance(scenario, str) else scenario
    dates = scenario.dates()
    tau = scenario.years(dates)[None, :]
    values = {name: column[:, None] for name, column in draw(scenario, n, seed).items()}
    lead = lead_months(tau, values)
    return pd.DataFrame(
        {
            "date": np.tile(dates.to_numpy(), n),
            "draw": np.repeat(np.arange(n), len(dates)),
            "lead_months": lead.ravel(),
        }
    )


def central_path(scenario) -> pd.Series:
    """The lead with every parameter at its central value, by date."""
    scenario = get(scenario) if isinstance(scenario, str) else scenario
    dates = scenario.dates()
    return pd.Series(lead_months(scenario.years(dates), scenario.central()), index=dates, name="lead_months")


def lead_at(scenario: Scenario, date=None, **values: float) -> float:
    """The central lead on one date (default: the end), with some values changed."""
    date = scenario.end if date is None else pd.Timestamp(date)
    central = scenario.central()
    unknown = set(values) - set(central)
    if unknown:
        raise KeyError(f"unknown parameters: {', '.join(sorted(unknown))}")
    central.update(values)
    return float(lead_months(scenario.years([date])[0], central))


# --- Summaries ----------------------------------------------------------------


def _matrix(sim: pd.DataFrame) -> pd.DataFrame:
    """Draws in rows, dates in columns."""
    return sim.pivot(index="draw", columns="date", values="lead_months")


def fan(sim: pd.DataFrame, quantiles=QUANTILES) -> pd.DataFrame:
    """Quantiles of the lead by date (columns ``q10``, ``q25``, ...)."""
    matrix = _matrix(sim).to_numpy()
    dates = _matrix(sim).columns
    values = np.quantile(matrix, quantiles, axis=0).T
    columns = [f"q{round(100 * q):02d}" for q in quantiles]
    return pd.DataFrame(values, index=pd.DatetimeIndex(dates, name="date"), columns=columns)


def probabilities(sim: pd.DataFrame, thresholds=THRESHOLDS) -> pd.DataFrame:
    """Share of draws with a lead of at least each threshold, by date."""
    matrix = _matrix(sim)
    frames = [
        pd.DataFrame({"date": matrix.columns, "threshold": t, "probability": (matrix.to_numpy() >= t).mean(axis=0)})
        for t in thresholds
    ]
    return pd.concat(frames, ignore_index=True)


def summary(sim: pd.DataFrame, dates, thresholds=THRESHOLDS, level: float = 0.8) -> pd.DataFrame:
    """Median, central interval and threshold probabilities on chosen dates."""
    matrix = _matrix(sim)
    tail = (1 - level) / 2
    rows = []
    for date in pd.DatetimeIndex(dates):
        if date not in matrix.columns:
            raise KeyError(f"{date.date()} is not on the simulated grid")
        values = matrix[date].to_numpy()
        row = {
            "date": date,
            "median": float(np.median(values)),
            "low": float(np.quantile(values, tail)),
            "high": float(np.quantile(values, 1 - tail)),
        }
        for t in thresholds:
            row[f"p_at_least_{t}"] = float((values >= t).mean())
        rows.append(row)
    return pd.DataFrame(rows)


# --- Sensitivity and requirements ---------------------------------------------


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
                "label": LABELS[name],
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


def required_value(scenario: Scenario, lever: str, target: float, date=None, bounds=None, tol: float = 1e-9) -> float:
    """The value of one lever that, with everything else central, puts the
    central lead at ``target`` months on ``date`` (default: the end).

    ``lever`` is a parameter name or :data:`TOTAL_FLOW` (China's four compute
    components scaled together; the value is their sum). Searched by
    bisection within ``bounds`` (default :data:`REQUIRED_BOUNDS`); returns
    NaN when no value in the bounds reaches the target.
    """
    low, high = bounds or REQUIRED_BOUNDS[lever]

    def gap_to_target(x):
        return lead_at(scenario, date, **_with_lever(scenario, lever, x)) - target

    f_low, f_high = gap_to_target(low), gap_to_target(high)
    if f_low == 0:
        return float(low)
    if f_high == 0:
        return float(high)
    if np.sign(f_low) == np.sign(f_high):
        return float("nan")
    for _ in range(200):
        middle = (low + high) / 2
        f_mid = gap_to_target(middle)
        if np.sign(f_mid) == np.sign(f_low):
            low, f_low = middle, f_mid
        else:
            high = middle
        if high - low < tol:
            break
    return float((low + high) / 2)


def requirements(scenario: Scenario, targets=THRESHOLDS, date=None, levers=None) -> pd.DataFrame:
    """What each lever alone would have to be for each target lead."""
    levers = levers or (TOTAL_FLOW, RETAINED, SHARED, US_GROWTH)
    rows = []
    for lever in levers:
        if lever == TOTAL_FLOW:
            current, label = (
                sum(scenario.parameters[n].central for n in COMPONENTS),
                "China's compute additions, all four components (share of US additions)",
            )
        else:
            current, label = scenario.parameters[lever].central, LABELS[lever]
        row = {"lever": lever, "label": label, "central": current}
        for target in targets:
            row[f"needed_for_{target}"] = required_value(scenario, lever, target, date)
        rows.append(row)
    return pd.DataFrame(rows)


# --- Loading the scenarios from data/ ----------------------------------------


def _row(table: pd.DataFrame, name: str, scenario: str | None) -> pd.Series:
    rows = table[table["parameter"] == name]
    if scenario is not None and "scenario" in table.columns:
        rows = rows[rows["scenario"].isin(["both", scenario])]
    if len(rows) != 1:
        where = f" for scenario {scenario!r}" if scenario else ""
        raise ValueError(f"expected one row for parameter {name!r}{where}, found {len(rows)}")
    return rows.iloc[0]


def _parameter(row: pd.Series) -> Parameter:
    central = float(row["central"])
    low = central if pd.isna(row["low"]) else float(row["low"])
    high = central if pd.isna(row["high"]) else float(row["high"])
    return Parameter(
        name=str(row["parameter"]),
        central=central,
        low=low,
        high=high,
        label=LABELS.get(str(row["parameter"]), str(row["parameter"])),
        unit=str(row["unit"]),
        source_url=str(row["source_url"]),
        confidence=str(row["confidence"]),
        note="" if pd.isna(row["note"]) else str(row["note"]),
    )


def measured_lag(models: pd.DataFrame, start, window_months: int = CALIBRATION_WINDOW_MONTHS) -> Parameter:
    """The calibration target: the measured lag before ``start``.

    Uses only models released before ``start``. Central is the mean daily
    lag over the ``window_months`` before the start, up to and including the
    day before it: the days after the last release known then count too,
    because with no release between them the lag on those days is fully
    determined (it grows a day per day). Low and high are the 10th and 90th
    percentiles of the daily lag over that window, because the daily lag is
    a sawtooth (it grows a month per month and drops when China releases)
    and the level the model stands for lies somewhere inside it.
    """
    start = pd.Timestamp(start)
    known = models[models["release_date"] < start]
    if known.empty:
        raise ValueError(f"no models released before {start.date()}")
    end = start - pd.Timedelta(days=1)
    window_start = start - pd.DateOffset(months=window_months)
    lag = gap.lag_frame(known, start=gap.WINDOW_START, end=end)["lag_months"]
    stats = gap.summarize(lag, window_start, end)
    window = lag.loc[window_start:end].dropna()
    low, high = (float(x) for x in window.quantile([0.1, 0.9]))
    return Parameter(
        name=MEASURED_LAG,
        central=stats["mean"],
        low=min(low, stats["mean"]),
        high=max(high, stats["mean"]),
        label=LABELS[MEASURED_LAG],
        unit="months",
        source_url="https://epoch.ai/benchmarks/eci",
        confidence="high",
        note=(
            f"Computed by ailead.gap from frontier_models: mean daily lag {window_start.date()} to {end.date()}; "
            "range: its 10th to 90th percentile."
        ),
    )


def model_start(models: pd.DataFrame) -> pd.Timestamp:
    """The first day of the month after the last release in the data."""
    last = pd.Timestamp(models["release_date"].max())
    return (last + pd.offsets.MonthBegin(1)).normalize()


def build(models: pd.DataFrame, scenario_table: pd.DataFrame, distillation_table: pd.DataFrame, end=END) -> dict[str, Scenario]:
    """The ``act`` and ``drift`` scenarios from the three tables."""
    start = model_start(models)
    lag = measured_lag(models, start)
    scenarios = {}
    for name in SCENARIOS:
        parameters = {n: _parameter(_row(scenario_table, n, name)) for n in FROM_SCENARIO_TABLE}
        parameters.update({n: _parameter(_row(distillation_table, n, None)) for n in FROM_DISTILLATION_TABLE})
        parameters[MEASURED_LAG] = lag
        scenarios[name] = Scenario(name, parameters, start, pd.Timestamp(end), SCENARIO_DESCRIPTIONS[name])
    return scenarios


@lru_cache(maxsize=4)
def _load(folder: str, stamp: tuple) -> dict[str, Scenario]:
    return build(data.load("frontier_models"), data.load("scenario_parameters"), data.load("distillation_parameters"))


def load() -> dict[str, Scenario]:
    """Both scenarios, read and validated from ``data/`` (cached until a file changes)."""
    folder = data.data_dir()
    names = ["datapackage.json", "frontier_models.csv", "scenario_parameters.csv", "distillation_parameters.csv"]
    stamp = tuple((n, os.stat(folder / n).st_mtime_ns) if (folder / n).exists() else (n, None) for n in names)
    return _load(str(folder), stamp)


def get(name: str) -> Scenario:
    """One scenario by name (``"act"`` or ``"drift"``)."""
    if name not in SCENARIOS:
        raise KeyError(f"unknown scenario {name!r}; choose from {', '.join(SCENARIOS)}")
    return load()[name]


#: The columns two scenarios' rows must agree on to be listed once, as "both".
PARAMETER_TABLE_MERGE_ON = ["central", "low", "high", "confidence", "source_url"]


def parameter_table(scenarios: Mapping[str, Scenario]) -> pd.DataFrame:
    """Every input of every scenario, with its range, confidence and source."""
    rows = []
    for name in PARAMETERS:
        for scenario_name, scenario in scenarios.items():
            p = scenario.parameters[name]
            rows.append(
                {
                    "parameter": LABELS[name],
                    "scenario": scenario_name,
                    "central": p.central,
                    "low": p.low,
                    "high": p.high,
                    "confidence": p.confidence,
                    "source_url": p.source_url,
                }
            )
    frame = pd.DataFrame(rows)
    # A parameter is listed once, as "both", only when the worlds agree on
    # everything shown: its values *and* its source and confidence. Rows
    # that share a value but not a source stay separate, so every row
    # shows the source its own value comes from.
    same = frame.groupby("parameter", sort=False)[PARAMETER_TABLE_MERGE_ON].nunique(dropna=False).max(axis=1) == 1
    keep = frame["parameter"].map(~same) | ~frame.duplicated("parameter")
    frame = frame[keep].copy()
    frame.loc[frame["parameter"].map(same), "scenario"] = "both"
    return frame.reset_index(drop=True)


#: Reader-facing column names of :func:`parameter_table`, used by :func:`inputs_table`.
INPUTS_TABLE_LABELS = {
    "parameter": "Input",
    "scenario": "World",
    "central": "Central",
    "low": "Low",
    "high": "High",
    "confidence": "Confidence",
    "source_url": "Source",
}

#: Number formats for :func:`ailead.report.table`, by column of :func:`inputs_table`.
INPUTS_TABLE_FORMATS = {"Central": "{:.4g}", "Low": "{:.4g}", "High": "{:.4g}"}


def inputs_table(scenarios: Mapping[str, Scenario]) -> pd.DataFrame:
    """:func:`parameter_table` as readers see it, under plain column names."""
    return parameter_table(scenarios).rename(columns=INPUTS_TABLE_LABELS)


# --- Backtest -----------------------------------------------------------------


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
        label="China's additions held at its installed ratio (persistence)",
        note="Backtest: the component estimates postdate the start, so additions keep the ratio constant.",
    )
    for name in (LEGAL, SMUGGLED, OFFSHORE):
        parameters[name] = parameters[name].fixed(0.0)
    parameters[MEASURED_LAG] = measured_lag(models, start)
    return Scenario(f"backtest from {start.date()}", parameters, start, pd.Timestamp(end), "Backtest")


def backtest(models: pd.DataFrame, like: Scenario, start="2025-01-01", end="2025-12-01", n: int = 10_000, seed: int = 0) -> dict:
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
    daily = gap.lag_frame(models, start=gap.WINDOW_START, end=last_day)["lag_months"]
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
        "naive_does": "better" if naive_mae < mae else ("as well" if naive_mae == mae else "worse"),
    }


# --- The explorer: the central path as Vega-Lite expressions -------------------


@dataclass(frozen=True)
class Slider:
    """A reader-controlled input of the explorer chart."""

    param: str  # the Vega-Lite parameter name
    parameter: str  # the model quantity it sets
    label: str
    minimum: float
    maximum: float
    step: float
    value: float


#: Model quantity -> Vega-Lite parameter name for the explorer's sliders.
SLIDER_NAMES = {
    LEGAL: "sc_legal",
    SMUGGLED: "sc_smuggled",
    OFFSHORE: "sc_offshore",
    "distillation_share_from_now": "sc_distil",
    US_GROWTH: "sc_us_growth",
    STOCK_GROWTH: "sc_stock_growth",
    SHARED: "sc_shared",
}


def sliders(scenarios: Mapping[str, Scenario], default: str = "drift") -> list[Slider]:
    """Sliders spanning every scenario's range, set at ``default``'s central values."""
    base = scenarios[default]
    out = []
    for quantity, param in SLIDER_NAMES.items():
        if quantity == "distillation_share_from_now":
            value = base.parameters[DISTIL_SHARE].central * base.parameters[RETAINED].central
            lows = [s.parameters[DISTIL_SHARE].low * s.parameters[RETAINED].low for s in scenarios.values()]
            highs = [s.parameters[DISTIL_SHARE].high * s.parameters[RETAINED].high for s in scenarios.values()]
            label, step = "Distillation share from now on", 0.01
        else:
            value = base.parameters[quantity].central
            lows = [s.parameters[quantity].low for s in scenarios.values()]
            highs = [s.parameters[quantity].high for s in scenarios.values()]
            label = LABELS[quantity]
            step = 0.1 if quantity in (US_GROWTH, STOCK_GROWTH) else 0.005
        # Wider than the stated ranges, so readers can try values outside them.
        if quantity == US_GROWTH:
            minimum, maximum = min(min(lows), 2.0), max(max(highs), 7.0)
        elif quantity == STOCK_GROWTH:
            minimum, maximum = min(min(lows), 1.5), max(max(highs), 7.0)
        elif quantity == SHARED:
            minimum, maximum = min(min(lows), 0.5), 1.0
        elif quantity == "distillation_share_from_now":
            minimum, maximum = 0.0, min(2 * max(highs), 0.95)
        else:
            minimum, maximum = 0.0, round(2 * max(highs), 3)
        out.append(Slider(param, quantity, label, float(minimum), float(maximum), step, float(value)))
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
            f"min(datum.own - {s['distillation_share_from_now']} * max(datum.own - {c[DISTIL_DELAY]}, 0), {c[MEASURED_LAG]} + 12 * datum.tau)",
        ),
    ]


def slider_values(scenario: Scenario) -> dict[str, float]:
    """The slider settings that reproduce ``scenario``'s central path."""
    values = {}
    for quantity, param in SLIDER_NAMES.items():
        if quantity == "distillation_share_from_now":
            values[param] = scenario.parameters[DISTIL_SHARE].central * scenario.parameters[RETAINED].central
        else:
            values[param] = scenario.parameters[quantity].central
    return values


# --- Tables and words for the chapter ----------------------------------------------

#: The inputs the essay's measures act on (the rest are things nobody controls).
POLICY_LEVERS = (LEGAL, SMUGGLED, OFFSHORE, RETAINED)


def likelihood_words(p: float) -> str:
    """A probability in words (the calibrated-language scale used by the IPCC)."""
    if not 0 <= p <= 1:
        raise ValueError(f"a probability must lie between 0 and 1, got {p}")
    if p >= 0.99:
        return "virtually certain"
    if p >= 0.9:
        return "very likely"
    if p >= 0.66:
        return "likely"
    if p >= 0.33:
        return "about as likely as not"
    if p >= 0.1:
        return "unlikely"
    if p >= 0.01:
        return "very unlikely"
    return "exceptionally unlikely"


def outcome_table(sims: Mapping[str, pd.DataFrame], dates, thresholds=THRESHOLDS) -> pd.DataFrame:
    """The chapter's headline table: for each scenario and date, the median
    lead, its 80% interval and the chance of reaching each threshold."""
    frames = []
    for name, sim in sims.items():
        frame = summary(sim, dates, thresholds)
        frame.insert(0, "scenario", name)
        frames.append(frame)
    table = pd.concat(frames, ignore_index=True)
    out = pd.DataFrame(
        {
            "World": table["scenario"],
            "Month": table["date"].dt.strftime("%B %Y"),
            "Median lead (months)": [f"{m:.1f}" for m in table["median"]],
            "80% interval (months)": [f"{lo:.1f} to {hi:.1f}" for lo, hi in zip(table["low"], table["high"])],
        }
    )
    for t in thresholds:
        out[f"Chance of at least {t} months"] = [f"{100 * p:.1f}%" for p in table[f"p_at_least_{t}"]]
    return out


def requirement_table(scenario: Scenario, targets=THRESHOLDS, date=None) -> pd.DataFrame:
    """:func:`requirements` in words: for each lever, its central value and
    what it would have to be, alone, for each target lead on ``date``. When
    the central lead already reaches a target, the cell gives the value at
    which it would stop doing so."""
    base = lead_at(scenario, date)
    raw = requirements(scenario, targets, date)
    out = pd.DataFrame({"Lever": raw["label"], "Central value": raw["central"].map(lambda x: f"{x:.3g}")})
    for target in targets:
        cells = []
        for value in raw[f"needed_for_{target}"]:
            if base >= target:
                # Already met: show how far the lever could move before it is not.
                cells.append("met at any value" if math.isnan(value) else f"met; breaks even at {value:.3g}")
            elif math.isnan(value):
                cells.append("out of reach by this lever alone")
            else:
                cells.append(f"{value:.3g}")
        out[f"Needed for {target} months"] = cells
    return out


def most_favourable(scenario: Scenario, date=None) -> dict[str, float]:
    """Every uncertain input at the end of its range that lengthens the lead."""
    frame = tornado(scenario, date)
    return {r.parameter: (r.low if r.lead_at_low > r.lead_at_high else r.high) for r in frame.itertuples()}


#: The two extreme levers of the "Does 24 months follow?" test, each at the
#: value that helps the lead most: China adds no compute from any of its
#: four sources, and no distillation survives.
EXTREME_LEVERS = {
    "no Chinese compute additions": {TOTAL_FLOW: 0.0},
    "no distillation": {RETAINED: 0.0},
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
    per non-empty combination, singles first, with the number of levers, the
    central lead on ``date`` (default: the end) and whether it reaches the
    target.
    """
    from itertools import combinations

    levers = EXTREME_LEVERS if levers is None else levers
    names = list(levers)
    rows = []
    for size in range(1, len(names) + 1):
        for combo in combinations(names, size):
            settings = {}
            for name in combo:
                settings.update(levers[name])
            lead = lead_at(scenario, date, **_lever_values(scenario, settings))
            rows.append({"levers": " and ".join(combo), "size": size, "lead": lead, "reaches": bool(lead >= target)})
    return pd.DataFrame(rows)


def reach_verdict(frame: pd.DataFrame, target: float = 24) -> str:
    """:func:`lever_reach` in one clause, capitalised to open a sentence."""
    singles, together = frame[frame["size"] == 1], frame[frame["size"] == frame["size"].max()]
    if singles["reaches"].any():
        which = " or ".join(singles.loc[singles["reaches"], "levers"])
        text = f"{which} alone would bring the lead to {target:g} months"
    elif len(frame) > len(singles) and together["reaches"].all():
        text = f"no single lever below reaches {target:g} months; only the levers together do"
    else:
        text = f"{target:g} months is out of reach of the levers below, alone or together"
    return text[0].upper() + text[1:]


def fewest_favourable(scenario: Scenario, target: float = 24, date=None) -> dict:
    """The smallest number of uncertain inputs that, moved together to the
    ends of their ranges that favour a long lead (the rest central), bring
    the central lead to ``target``.

    Tries every subset, smallest first. Returns ``inputs`` (that number, or
    None when even all of them fall short), ``uncertain`` (how many inputs
    are uncertain), ``example`` (the first subset found, as parameter names)
    and ``lead_all`` (the lead with all of them at those ends).
    """
    from itertools import combinations

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


def relative_words(value: float, reference: float, tolerance: float = 1.0) -> str:
    """``"close to"`` when ``value`` lies within ``tolerance`` of ``reference``,
    else ``"above"`` or ``"below"`` it."""
    if abs(value - reference) <= tolerance:
        return "close to"
    return "above" if value > reference else "below"


def range_words(value: float, low: float, high: float) -> str:
    """Where ``value`` sits against a range: ``"below"``, ``"inside"`` or ``"above"``."""
    if low > high:
        raise ValueError(f"the low end ({low:g}) exceeds the high end ({high:g})")
    if value < low:
        return "below"
    return "above" if value > high else "inside"


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


def headline_values(sims: Mapping[str, pd.DataFrame], dates: Mapping[str, object], prefix: str = "sc") -> dict:
    """Median, 80% interval and threshold chances (in percent) by scenario
    and date, named ``{prefix}_{scenario}_{tag}_{median|low|high|p12|p24}``
    for gluing into the text. ``dates`` maps a short tag to a date."""
    values = {}
    for name, sim in sims.items():
        frame = summary(sim, list(dates.values())).set_index("date")
        for tag, date in dates.items():
            row = frame.loc[pd.Timestamp(date)]
            values[f"{prefix}_{name}_{tag}_median"] = row["median"]
            values[f"{prefix}_{name}_{tag}_low"] = row["low"]
            values[f"{prefix}_{name}_{tag}_high"] = row["high"]
            for t in THRESHOLDS:
                values[f"{prefix}_{name}_{tag}_p{t}"] = 100 * row[f"p_at_least_{t}"]
    return values


def tornado_highlights(tornados: Mapping[str, pd.DataFrame], prefix: str = "sc") -> dict:
    """The two largest swings overall and among :data:`POLICY_LEVERS`, per
    scenario, as short labels and months, plus the swings of US compute
    growth and today's distillation share, named for gluing."""
    values = {}
    for name, frame in tornados.items():
        policy = frame[frame["parameter"].isin(POLICY_LEVERS)].reset_index(drop=True)
        for rank in (0, 1):
            for kind, table in (("top", frame), ("policy", policy)):
                values[f"{prefix}_{name}_{kind}{rank + 1}_short"] = SHORT_LABELS[table.at[rank, "parameter"]]
                values[f"{prefix}_{name}_{kind}{rank + 1}_swing"] = table.at[rank, "swing"]
        swings = frame.set_index("parameter")["swing"]
        values[f"{prefix}_{name}_growth_swing"] = swings.get(US_GROWTH, 0.0)
        values[f"{prefix}_{name}_share_swing"] = swings.get(DISTIL_SHARE, 0.0)
    return values
