"""The verdict rules: the thresholds, and the pure functions that turn a
measured value (or interval) into a verdict. Nothing here knows about
claims tables or data; :mod:`ailead.claims.assessment` applies these rules.

Verdict rules (symmetric by construction)
-----------------------------------------
Level claims put the measured value *x* (lag in months, or the log of a
US/China ratio, positive when the US is ahead) against the range the claim
says it lies in: ``us_lead`` says x >= P, ``parity`` says |x| < P,
``china_lead`` says x <= -P, and a stated size [L, H] months says
L - T <= x <= H + T. The claim is *supported* when x lies in its range,
*contradicted* when x lies at least M beyond it, and *mixed* in between.
At any x exactly one of us_lead, parity and china_lead is supported, and
mirroring x mirrors the verdicts of us_lead and china_lead.

Trend claims on the ECI lag are judged by the calibrated trend rule of
:mod:`ailead.claims.sawtooth`, which reads a window as *narrowing*,
*widening* or *no clear trend* (:func:`claim_trend_verdict`): a
``narrowing`` claim is supported by a narrowing reading, contradicted by a
widening one and mixed when there is no clear trend; ``widening`` is the
mirror image; ``stable`` is supported when there is no clear trend and the
fitted slope lies within a band B of "no real change", contradicted by a
clear trend either way, and mixed otherwise. The chip ceiling's single
measured change is put against a band B of "no real change"
(:func:`interval_trend_verdict`): ``narrowing`` is supported when the change
is below -B and contradicted when it is at or above -B; ``widening`` is the
mirror image; ``stable`` is supported when it lies within [-B, B].

A claim tested on several measures, or on a trend and a stated size, is
supported (or contradicted) only when every testable part agrees, and mixed
otherwise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# --- The thresholds (named constants; shown to readers by ailead.chapters.ch05) -

#: A lag shorter than this (months, either way) counts as parity; at least this
#: much is a lead.
PARITY_MONTHS = 3.0
#: How far (months) a measured lag must lie outside the range a claim implies
#: before the claim counts as contradicted rather than mixed.
MARGIN_MONTHS = 3.0
#: Stated sizes are rounded ("seven to ten months"); they are widened by this
#: many months on each side before comparison.
SIZE_TOLERANCE_MONTHS = 1.0
#: A trend smaller than this (months of lag gained or lost per year) counts
#: as no real change.
TREND_BAND_MONTHS_PER_YEAR = 1.0
#: Confidence level of the bootstrap interval of the ECI trend (the window
#: grid of :mod:`ailead.claims.windows`, which shows how that older rule reads).
TREND_LEVEL = 0.9
#: Central share of the no-trend null's slopes that the calibrated trend rule
#: (:mod:`ailead.claims.sawtooth`) reads as "no clear trend".
CALIBRATED_LEVEL = 0.95
#: A level claim is judged on the mean lag over this many days up to its
#: last day (unless it names its own window).
LEVEL_MEAN_DAYS = 90
#: Window lengths (months, ending on the claim's last day) every verdict is
#: re-judged over to see whether it survives the choice of window.
ROBUSTNESS_WINDOWS = (6, 12, 24)
#: Two quantities within this factor of each other count as level
#: (compute shares, chip performance).
PARITY_RATIO = 1.5
#: How far beyond its range (as a factor) a ratio must lie before the claim
#: counts as contradicted.
MARGIN_RATIO = 1.5
#: A change of the chip ceiling by less than this factor over a window counts
#: as no real change.
CEILING_CHANGE_RATIO = 1.5
#: A claim that names no start is tested over this many months up to its end.
DEFAULT_WINDOW_MONTHS = 12
#: :func:`ailead.gap.trend` needs this many monthly values; shorter windows
#: are extended backwards from their end.
MIN_TREND_MONTHS = 12
#: A claim dated up to this many months after the last release in the ECI
#: table is tested on the table as it stands; a later one is not testable.
GRACE_MONTHS = 1.0
#: A compute-share snapshot further than this from the claim is not used.
COMPUTE_MAX_DISTANCE_MONTHS = 12.0

SUPPORTED, MIXED, CONTRADICTED, NOT_TESTABLE = "supported", "mixed", "contradicted", "not testable"
VERDICTS = (SUPPORTED, MIXED, CONTRADICTED, NOT_TESTABLE)

TREND_DIRECTIONS = ("narrowing", "widening", "stable")
LEVEL_DIRECTIONS = ("us_lead", "parity", "china_lead")
DIRECTIONS = TREND_DIRECTIONS + LEVEL_DIRECTIONS

#: Which measures test a claim, by its metric.
COMPONENTS = {
    "capabilities": ("capabilities",),
    "open_models": ("open_models",),
    "compute": ("compute",),
    "chips": ("chips",),
    "mixed": ("capabilities", "compute", "chips"),
    "data": (),
    "talent": (),
    "adoption": (),
}
METRICS = tuple(COMPONENTS)
MONTH_MEASURES = ("capabilities", "open_models")
RATIO_MEASURES = ("compute", "chips")

#: Window classes used when every window of the data is classified.
WINDOW_CLASSES = ("narrowing", "stable", "widening", "unclear")


@dataclass(frozen=True)
class Rules:
    """All thresholds in one object, so a sensitivity check can vary one."""

    parity_months: float = PARITY_MONTHS
    margin_months: float = MARGIN_MONTHS
    size_tolerance_months: float = SIZE_TOLERANCE_MONTHS
    trend_band: float = TREND_BAND_MONTHS_PER_YEAR
    trend_level: float = TREND_LEVEL
    calibrated_level: float = CALIBRATED_LEVEL
    level_mean_days: int = LEVEL_MEAN_DAYS
    parity_ratio: float = PARITY_RATIO
    margin_ratio: float = MARGIN_RATIO
    ceiling_change_ratio: float = CEILING_CHANGE_RATIO
    default_window_months: int = DEFAULT_WINDOW_MONTHS
    min_trend_months: int = MIN_TREND_MONTHS
    grace_months: float = GRACE_MONTHS
    compute_max_distance_months: float = COMPUTE_MAX_DISTANCE_MONTHS

    def __post_init__(self):
        for name in ("parity_months", "margin_months", "trend_band", "grace_months", "compute_max_distance_months"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        if self.size_tolerance_months < 0:
            raise ValueError("size_tolerance_months must not be negative")
        for name in ("parity_ratio", "margin_ratio", "ceiling_change_ratio"):
            if getattr(self, name) <= 1:
                raise ValueError(f"{name} must be greater than 1")
        for name in ("trend_level", "calibrated_level"):
            if not 0 < getattr(self, name) < 1:
                raise ValueError(f"{name} must lie between 0 and 1")
        if self.level_mean_days < 1:
            raise ValueError("level_mean_days must be at least 1")


RULES = Rules()

# --- Verdict rules on numbers (pure functions) -------------------------------


def combine(verdicts) -> str:
    """One verdict from several parts: the common verdict of the testable
    parts if they agree, *mixed* if they do not, *not testable* if none is."""
    testable = [v for v in verdicts if v != NOT_TESTABLE]
    for verdict in testable:
        if verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {verdict!r}")
    if not testable:
        return NOT_TESTABLE
    return testable[0] if all(v == testable[0] for v in testable) else MIXED


def supported_range(direction: str, parity: float, size: tuple[float, float] | None = None) -> tuple[float, float, bool]:
    """The range of the measure a level claim says the gap lies in.

    Returns ``(low, high, open)``; ``open`` is true for parity, whose range
    excludes its ends (a gap of exactly ``parity`` is a lead, not a tie).
    ``size`` (already on the measure's scale) replaces the us_lead range.
    """
    if direction not in LEVEL_DIRECTIONS:
        raise ValueError(f"{direction!r} is not a level direction")
    if size is not None:
        if direction != "us_lead":
            raise ValueError("a stated size is a US lead; it goes with us_lead only")
        low, high = size
        if low > high:
            raise ValueError("size low end above high end")
        return float(low), float(high), False
    if direction == "us_lead":
        return parity, math.inf, False
    if direction == "china_lead":
        return -math.inf, -parity, False
    return -parity, parity, True


def level_verdict(
    direction: str,
    low: float,
    high: float | None = None,
    *,
    parity: float,
    margin: float,
    size: tuple[float, float] | None = None,
) -> str:
    """Verdict of a level claim on a measured value (or interval).

    ``low``/``high`` bound the measured value (``high`` defaults to ``low``;
    a lower bound alone is ``high=inf``). Supported if the whole interval
    lies in the claim's range, contradicted if it lies at least ``margin``
    away from it, mixed otherwise.
    """
    high = low if high is None else high
    if any(isinstance(v, float) and math.isnan(v) for v in (low, high)):
        return NOT_TESTABLE
    if low > high:
        raise ValueError("measured interval low end above high end")
    lo, hi, is_open = supported_range(direction, parity, size)
    inside = (lo < low and high < hi) if is_open else (lo <= low and high <= hi)
    if inside:
        return SUPPORTED
    distance = max(lo - high, low - hi, 0.0)
    return CONTRADICTED if distance >= margin else MIXED


def interval_trend_verdict(direction: str, low: float, high: float, *, band: float) -> str:
    """Verdict of a trend claim on an interval for the change of the gap.

    Positive change = the gap (US ahead) grew. ``band`` is the size of a
    change that counts as none.
    """
    if direction not in TREND_DIRECTIONS:
        raise ValueError(f"{direction!r} is not a trend direction")
    if any(math.isnan(v) for v in (low, high)):
        return NOT_TESTABLE
    if low > high:
        raise ValueError("interval low end above high end")
    if direction == "narrowing":
        if high < -band:
            return SUPPORTED
        return CONTRADICTED if low >= -band else MIXED
    if direction == "widening":
        if low > band:
            return SUPPORTED
        return CONTRADICTED if high <= band else MIXED
    if -band <= low and high <= band:
        return SUPPORTED
    return CONTRADICTED if (high < -band or low > band) else MIXED


def window_class(low: float, high: float, band: float) -> str:
    """Which trend claim a trend interval supports (``unclear`` if none)."""
    for direction in TREND_DIRECTIONS:
        if interval_trend_verdict(direction, low, high, band=band) == SUPPORTED:
            return direction
    return "unclear"


#: What the calibrated trend rule reads a window as (:mod:`ailead.claims.sawtooth`).
READINGS = ("narrowing", "widening", "no clear trend")


def claim_trend_verdict(direction: str, reading: str, slope: float, *, band: float) -> str:
    """Verdict of a trend claim on the calibrated rule's reading of its window.

    ``reading`` is ``"narrowing"``, ``"widening"`` or ``"no clear trend"``;
    ``slope`` the fitted change (months of lag per year, positive = the US
    lead grew). Narrowing and widening claims are mirror images; a stable
    claim needs no clear trend *and* a slope within ``band``.
    """
    if direction not in TREND_DIRECTIONS:
        raise ValueError(f"{direction!r} is not a trend direction")
    if reading not in READINGS:
        raise ValueError(f"unknown trend reading {reading!r}")
    if direction == "stable":
        if reading != "no clear trend":
            return CONTRADICTED
        return SUPPORTED if abs(slope) <= band else MIXED
    if reading == "no clear trend":
        return MIXED
    return SUPPORTED if reading == direction else CONTRADICTED
