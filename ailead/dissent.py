"""Public claims about the US-China gap, tested against the book's own data.

Every claim in ``data/claims.csv`` is coded with a *direction* (narrowing,
widening or stable for a trend; us_lead, parity or china_lead for a level),
a *metric* (what the gap is about) and, where the speaker gave one, a size
in months. This module turns each claim into the tests the book's data can
run and computes a verdict from the thresholds below. Nothing here is typed
in by hand per claim: change a constant and every verdict is recomputed.

Measures
--------
* **capabilities**: the day-by-day ECI lag of the best Chinese model behind
  the US frontier (:func:`ailead.gap.lag_frame`), in months. A trend claim is
  tested on :func:`ailead.gap.trend` over the claim's window; a level claim on
  the lag on the last day of the window.

  On some days the lag is known only as a bound, and the two kinds are
  treated alike. *Censored* days (the US model that matched China's best is
  the first US model in the data, so the true match may be earlier) give a
  lower bound ``[lag, inf)``. Days on which the follower was ahead and the
  leader had not matched it by the end of the data give an upper bound
  ``(-inf, -(months from the day to the end of the data)]``
  (:func:`lag_bounds`). Level tests judge the whole interval; trend fits
  leave every bounded day out (:func:`ailead.gap.for_trend`), because a
  bound entered as a value would tilt the fitted slope one way.
* **open_models**: the same lag between the best open-weight and the best
  closed model (:func:`ailead.gap.with_groups`).
* **compute**: the ratio of the US to the Chinese share of AI compute in the
  ``compute_shares`` table, taken from the snapshot nearest the claim. There
  is no time series, so trend claims about compute cannot be tested.
* **chips**: the export ceiling from the export-control chapter,
  ``ailead.controls.ceiling_ratio``: how many times the best US chip's total
  processing performance (TPP) exceeds that of the best chip that may
  legally be sold to China. A trend claim is tested on how that ratio changed
  over the claim's window. When no chip in the table could legally be sold,
  the ratio is unbounded: a level test reads that as a US advantage larger
  than any factor, but a trend test is *not testable* if the window starts
  or ends in such a spell, because the table (which lists flagship parts
  only) cannot say how far the ceiling moved.
* A claim coded **mixed** is tested on capabilities, compute and chips
  together. Claims about data, talent or adoption are not testable here.

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

Trend claims put an interval [low, high] for the change (the bootstrap
interval of the ECI trend, or the single measured change of the chip
ceiling) against a band B of "no real change": ``narrowing`` is supported
when high < -B and contradicted when low >= -B; ``widening`` is the mirror
image; ``stable`` is supported when the interval lies within [-B, B] and
contradicted when it lies wholly outside it on one side.

A claim tested on several measures, or on a trend and a stated size, is
supported (or contradicted) only when every testable part agrees, and mixed
otherwise.

The two sides
-------------
:data:`SIDES` groups claims for the chapter's side-by-side count. The
verdict rules mirror us_lead with china_lead and widening with narrowing,
but ``stable`` and ``parity`` are each their own mirror image, so where
they go is an editorial reading, not a symmetry: ``stable`` (the gap, a US
lead on every day in the data, is holding) is counted with the US side,
``parity`` with the side that says China is catching up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from . import gap

# --- The thresholds (named constants; shown to readers by rules_table) -------

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
#: Confidence level of the bootstrap interval of the ECI trend.
TREND_LEVEL = 0.9
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
        if not 0 < self.trend_level < 1:
            raise ValueError("trend_level must lie between 0 and 1")


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


def trend_verdict(direction: str, low: float, high: float, *, band: float) -> str:
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
        if trend_verdict(direction, low, high, band=band) == SUPPORTED:
            return direction
    return "unclear"


# --- Inputs: the book's measures, computed once -------------------------------


@dataclass
class Inputs:
    """The measures a claim is tested against."""

    lag: pd.DataFrame  # gap.lag_frame, US vs China
    open_lag: pd.DataFrame  # gap.lag_frame, closed vs open weights
    data_end: pd.Timestamp
    shares: pd.DataFrame  # compute_shares
    ceiling: pd.DataFrame | None = None  # controls.ceiling_ratio, if available
    chip_names: dict = field(default_factory=dict)  # accelerator id -> name shown to readers
    trend_cache: dict = field(default_factory=dict, repr=False)


def build_inputs(
    models: pd.DataFrame, shares: pd.DataFrame, ceiling: pd.DataFrame | None = None, chip_names: dict | None = None
) -> Inputs:
    """Compute the day-by-day lags once from the ECI table."""
    data_end = models["release_date"].max()
    lag = gap.lag_frame(models, start=gap.WINDOW_START, end=data_end)
    open_lag = gap.lag_frame(
        gap.with_groups(models), gap.CLOSED, gap.OPEN, start=gap.WINDOW_START, end=data_end, by="access_group"
    )
    if ceiling is not None:
        ceiling = validate_ceiling(ceiling)
    return Inputs(
        lag=lag,
        open_lag=open_lag,
        data_end=pd.Timestamp(data_end),
        shares=shares,
        ceiling=ceiling,
        chip_names=dict(chip_names or {}),
    )


CEILING_COLUMNS = ("date", "best_legal_chip", "best_us_chip", "tpp_ratio", "bandwidth_ratio")


def validate_ceiling(ceiling: pd.DataFrame) -> pd.DataFrame:
    """Check the export-control chapter's ceiling table and sort it by date."""
    missing = [c for c in CEILING_COLUMNS if c not in ceiling.columns]
    if missing:
        raise ValueError(f"ceiling table lacks columns {missing}")
    frame = ceiling.copy()
    frame["date"] = pd.to_datetime(frame["date"])
    ratio = pd.to_numeric(frame["tpp_ratio"], errors="coerce")
    if ((ratio < 0) | (ratio > 1)).any():
        raise ValueError("tpp_ratio must lie between 0 and 1 (best legal chip over best US chip)")
    frame["tpp_ratio"] = ratio
    return frame.sort_values("date", kind="stable").reset_index(drop=True)


def months_between(first, second) -> float:
    return (pd.Timestamp(second) - pd.Timestamp(first)).days / gap.DAYS_PER_MONTH


def _shift_months(day: pd.Timestamp, months: int) -> pd.Timestamp:
    return pd.Timestamp(day) - pd.DateOffset(months=months)


# --- Windows -------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """The period a claim is tested over, or why it cannot be."""

    status: str  # "present", "forecast" or "undated"
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    reason: str = ""


def claim_window(claim, rules: Rules = RULES) -> Window:
    """The claim's own time frame.

    * No date and no window end: undated, not testable.
    * A window that runs past the claim date, or opens at the claim date with
      no end: a prediction, not testable with past data.
    * Otherwise the window ends at ``window_end`` (or the claim date) and
      starts at ``window_start`` (or ``DEFAULT_WINDOW_MONTHS`` earlier).
    """
    date, start, end = (_timestamp(claim.get(k)) for k in ("date", "window_start", "window_end"))
    if date is None and end is None:
        return Window("undated", None, None, "undated: the day of the claim is not verified")
    if end is not None and date is not None and end > date:
        return Window("forecast", start, end, "a prediction: its window runs past the day it was made")
    if end is None and start is not None and (date is None or start >= date):
        return Window("forecast", start, None, "a prediction about an open-ended future")
    end = end if end is not None else date
    if start is None:
        start = _shift_months(end, rules.default_window_months)
    return Window("present", start, end)


def _timestamp(value):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return pd.Timestamp(value)


# --- Tests of one claim on one measure -----------------------------------------


@dataclass
class Part:
    """One test of one claim on one measure."""

    measure: str
    test: str  # "trend", "level" or "size"
    verdict: str
    value: str  # the evidence, in words and numbers
    number: float = math.nan  # the number the verdict turned on


def _fmt_date(day) -> str:
    return pd.Timestamp(day).strftime("%Y-%m-%d")


def _lag_series(inputs: Inputs, measure: str) -> pd.DataFrame:
    return inputs.lag if measure == "capabilities" else inputs.open_lag


def _trend_series(inputs: Inputs, measure: str) -> pd.Series:
    """The daily lag to fit trends on: bounded (censored) days left out."""
    return gap.for_trend(_lag_series(inputs, measure))


def lag_bounds(frame: pd.DataFrame, day, data_end=None) -> tuple[float, float, str]:
    """What the lag on ``day`` is known to be, as ``(low, high, kind)``.

    ``frame`` is a :func:`ailead.gap.lag_frame`; ``data_end`` the last day of
    the data (default: the frame's last day). ``kind`` is

    * ``"exact"``: low == high == the lag;
    * ``"at least"``: a censored day, ``(lag, inf)``;
    * ``"at most"``: the follower's best was above every score the leader
      reached up to ``data_end``, so the leader matched it, if ever, after
      the data end: ``(-inf, -(months from day to data_end))``, the mirror
      of a censored day;
    * ``"none"``: no follower model yet, or a day outside the frame: NaN.
    """
    day = pd.Timestamp(day)
    if day not in frame.index:
        return math.nan, math.nan, "none"
    row = frame.loc[day]
    lag = row["lag_months"]
    if pd.isna(lag):
        if pd.isna(row["follower_best"]) or not pd.isna(row["leader_match_date"]):
            return math.nan, math.nan, "none"
        end = frame.index.max() if data_end is None else pd.Timestamp(data_end)
        return -math.inf, -max(months_between(day, end), 0.0), "at most"
    if bool(row["censored"]):
        return float(lag), math.inf, "at least"
    return float(lag), float(lag), "exact"


def _lag_label(measure: str) -> str:
    return "ECI lag" if measure == "capabilities" else "open-weight lag"


def _months_end(window: Window, inputs: Inputs, rules: Rules) -> tuple[pd.Timestamp | None, str]:
    """The last day the lag can be read for this window, or why not."""
    if window.end > inputs.data_end:
        late = months_between(inputs.data_end, window.end)
        if late > rules.grace_months:
            return None, f"after the data: the ECI table ends {_fmt_date(inputs.data_end)}"
        return inputs.data_end, ""
    return window.end, ""


def trend_window(series: pd.Series, start, end, min_months: int) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The window actually fitted: ``[start, end]``, extended backwards until
    it holds ``min_months`` monthly values (None if the data are too short).

    ``series`` is the lag to fit on, :func:`ailead.gap.for_trend` of a lag
    frame: months with only bounded (censored) days hold no value."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    values = series.dropna()
    if values.empty:
        return None
    first = values.index.min()
    while True:
        months = values.loc[start:end].resample("MS").mean().dropna()
        if len(months) >= min_months:
            # Start on the first day with a value, so the window shown is the one fitted.
            return max(start, values.loc[start:end].index.min()), end
        if start <= first:
            return None
        # Step back one month at a time, to the first of that month.
        start = max((start - pd.DateOffset(months=1)).to_period("M").to_timestamp(), first)


def _trend(inputs: Inputs, measure: str, start, end, rules: Rules) -> dict:
    key = (measure, pd.Timestamp(start), pd.Timestamp(end), rules.trend_level)
    if key not in inputs.trend_cache:
        inputs.trend_cache[key] = gap.trend(_trend_series(inputs, measure), start, end, level=rules.trend_level)
    return inputs.trend_cache[key]


def _months_part(claim, window: Window, inputs: Inputs, measure: str, rules: Rules) -> list[Part]:
    direction = claim["direction"]
    end, why = _months_end(window, inputs, rules)
    label = _lag_label(measure)
    if end is None:
        return [Part(measure, "trend" if direction in TREND_DIRECTIONS else "level", NOT_TESTABLE, why)]
    frame = _lag_series(inputs, measure)
    parts = []
    if direction in TREND_DIRECTIONS:
        fitted = trend_window(_trend_series(inputs, measure), window.start, end, rules.min_trend_months)
        if fitted is None:
            parts.append(Part(measure, "trend", NOT_TESTABLE, "too few months of data in the window"))
        else:
            fit = _trend(inputs, measure, fitted[0], fitted[1], rules)
            verdict = trend_verdict(direction, fit["ci_low"], fit["ci_high"], band=rules.trend_band)
            value = (
                f"{label} trend {fit['slope_months_per_year']:+.1f} months/yr "
                f"({round(100 * rules.trend_level)}% CI {fit['ci_low']:+.1f} to {fit['ci_high']:+.1f}), "
                f"{fitted[0]:%Y-%m} to {fitted[1]:%Y-%m}"
            )
            parts.append(Part(measure, "trend", verdict, value, fit["slope_months_per_year"]))
    size = stated_size(claim)
    if direction in LEVEL_DIRECTIONS or size is not None:
        test = "level" if direction in LEVEL_DIRECTIONS else "size"
        low, high, kind = lag_bounds(frame, end, inputs.data_end)
        if kind == "none":
            parts.append(Part(measure, test, NOT_TESTABLE, f"no {label} on {_fmt_date(end)}"))
        else:
            widened = None if size is None else (size[0] - rules.size_tolerance_months, size[1] + rules.size_tolerance_months)
            verdict = level_verdict(
                direction if test == "level" else "us_lead",
                low,
                high,
                parity=rules.parity_months,
                margin=rules.margin_months,
                size=widened,
            )
            claimed = f" (claimed {size_text(size)} months)" if size is not None else ""
            number = high if kind == "at most" else low
            bound = {"exact": "", "at least": "at least ", "at most": "at most "}[kind]
            note = f" (ahead, not matched by {_fmt_date(inputs.data_end)})" if kind == "at most" else ""
            value = f"{label} {bound}{number:.1f} months on {_fmt_date(end)}{note}{claimed}"
            parts.append(Part(measure, test, verdict, value, number))
    return parts


def stated_size(claim) -> tuple[float, float] | None:
    """The US lead in months the claim states, as (low, high), or None."""
    low, high = claim.get("lead_months_low"), claim.get("lead_months_high")
    if pd.isna(low) and pd.isna(high):
        return None
    low = high if pd.isna(low) else low
    high = low if pd.isna(high) else high
    return float(low), float(high)


def size_text(size) -> str:
    low, high = size
    return f"{low:g}" if low == high else f"{low:g}-{high:g}"


def compute_snapshot(shares: pd.DataFrame, day, max_months: float) -> dict | None:
    """US and Chinese shares from the same source and date, nearest ``day``.

    Only pairs measured together are used, so the ratio compares like with
    like. Ties go to the earlier snapshot, then to the higher-confidence one.
    Returns None if no pair lies within ``max_months``.
    """
    rows = shares[shares["country"].isin([gap.US, gap.CHINA])]
    pairs = []
    for (date, _measure), group in rows.groupby(["date", "measure"], sort=True):
        by_country = group.set_index("country")
        if gap.US in by_country.index and gap.CHINA in by_country.index:
            us, cn = by_country.loc[gap.US], by_country.loc[gap.CHINA]
            distance = abs(months_between(day, date))
            rank = {"high": 0, "medium": 1, "low": 2}.get(str(us["confidence"]), 3) + {"high": 0, "medium": 1, "low": 2}.get(
                str(cn["confidence"]), 3
            )
            source = str(us["id"]).rsplit("-", 1)[0]  # e.g. "pilz-2025" from "pilz-2025-us"
            pairs.append((distance, pd.Timestamp(date), rank, source, float(us["share"]), float(cn["share"])))
    pairs = [p for p in pairs if p[0] <= max_months]
    if not pairs:
        return None
    distance, date, _rank, source, us_share, cn_share = sorted(pairs)[0]
    return {
        "date": date,
        "source": source,
        "us_share": us_share,
        "china_share": cn_share,
        "ratio": us_share / cn_share,
        "distance_months": distance,
    }


def ceiling_at(ceiling: pd.DataFrame | None, day) -> dict | None:
    """The export ceiling in force on ``day`` (the last row dated on or
    before it), with ``advantage`` = best US chip TPP / best legal chip TPP.

    A row with no legal chip (``best_legal_chip`` missing, ratio NaN, as
    ``ailead.controls.ceiling_ratio`` reports it) means none of the listed
    chips could be sold: a ratio of 0 and an unbounded US advantage. Level
    tests read that as larger than any factor; trend tests treat it as not
    measurable (see the module docstring)."""
    if ceiling is None:
        return None
    rows = ceiling[ceiling["date"] <= pd.Timestamp(day)]
    if rows.empty:
        return None
    row = rows.iloc[-1]
    ratio, legal = row["tpp_ratio"], row["best_legal_chip"]
    if pd.isna(ratio):
        if not pd.isna(legal):
            return None  # a legal chip of unknown performance
        ratio = 0.0  # no chip in the table could legally be sold
    advantage = math.inf if ratio <= 0 else 1.0 / float(ratio)
    return {
        "date": pd.Timestamp(row["date"]),
        "best_legal_chip": "none" if pd.isna(legal) else str(legal),
        "best_us_chip": row["best_us_chip"],
        "tpp_ratio": float(ratio),
        "advantage": advantage,
    }


def _log(value: float) -> float:
    return math.inf if value == math.inf else math.log(value)


def _ratio_level(direction: str, advantage: float, rules: Rules) -> str:
    return level_verdict(direction, _log(advantage), parity=math.log(rules.parity_ratio), margin=math.log(rules.margin_ratio))


def _chip_text(chip: dict, inputs: Inputs) -> str:
    name = lambda chip_id: inputs.chip_names.get(chip_id, chip_id)  # noqa: E731
    if chip["tpp_ratio"] == 0:
        return f"no listed chip legal for China (best US chip {name(chip['best_us_chip'])})"
    return f"best legal chip {name(chip['best_legal_chip'])} at {100 * chip['tpp_ratio']:.0f}% of the TPP of {name(chip['best_us_chip'])}"


def chip_phrase(chip: dict, names: dict | None = None) -> str:
    """The chip ceiling in words, for prose: which chip was the best legal one
    and what share of the best US chip's performance it had."""
    name = lambda chip_id: (names or {}).get(chip_id, chip_id)  # noqa: E731
    if chip["tpp_ratio"] == 0:
        return f"no chip in the table could legally be sold to China (the best US chip was the {name(chip['best_us_chip'])})"
    return (
        f"the best chip that could legally be sold to China was the {name(chip['best_legal_chip'])}, with "
        f"{100 * chip['tpp_ratio']:.0f}% of the processing performance of the {name(chip['best_us_chip'])}"
    )


def _ratio_parts(claim, window: Window, inputs: Inputs, measure: str, rules: Rules) -> list[Part]:
    direction = claim["direction"]
    level_direction = direction if direction in LEVEL_DIRECTIONS else "us_lead"
    sized = stated_size(claim) is not None
    note = " (size in months not measurable here; direction only)" if sized else ""
    test = "level" if direction in LEVEL_DIRECTIONS else "size"
    parts = []
    if measure == "compute":
        if direction in TREND_DIRECTIONS:
            parts.append(Part(measure, "trend", NOT_TESTABLE, "no time series of compute shares"))
        if direction in LEVEL_DIRECTIONS or sized:
            snap = compute_snapshot(inputs.shares, window.end, rules.compute_max_distance_months)
            if snap is None:
                parts.append(Part(measure, test, NOT_TESTABLE, "no compute-share snapshot near the claim"))
            else:
                verdict = _ratio_level(level_direction, snap["ratio"], rules)
                value = (
                    f"US {100 * snap['us_share']:.0f}% vs China {100 * snap['china_share']:.0f}% of AI compute "
                    f"({snap['ratio']:.1f}x; {snap['source']}, {_fmt_date(snap['date'])}){note}"
                )
                parts.append(Part(measure, test, verdict, value, snap["ratio"]))
        return parts
    # chips
    if inputs.ceiling is None:
        return [
            Part(
                measure,
                "trend" if direction in TREND_DIRECTIONS else test,
                NOT_TESTABLE,
                "chip ceiling pending (export-control chapter)",
            )
        ]
    at_end = ceiling_at(inputs.ceiling, window.end)
    if direction in TREND_DIRECTIONS:
        at_start = ceiling_at(inputs.ceiling, window.start)
        if at_start is None or at_end is None:
            parts.append(Part(measure, "trend", NOT_TESTABLE, "no chip ceiling for the whole window"))
        else:
            value = f"{_chip_text(at_start, inputs)} on {_fmt_date(window.start)}; {_chip_text(at_end, inputs)} on {_fmt_date(window.end)}"
            if math.isinf(at_start["advantage"]) or math.isinf(at_end["advantage"]):
                # The table lists flagship parts only: with none of them legal at
                # one end, how far the ceiling moved is unknown.
                parts.append(
                    Part(measure, "trend", NOT_TESTABLE, f"{value} (change not measurable: no listed chip legal at one end)")
                )
            else:
                change = math.log(at_end["advantage"] / at_start["advantage"])
                verdict = trend_verdict(direction, change, change, band=math.log(rules.ceiling_change_ratio))
                parts.append(Part(measure, "trend", verdict, value, change))
    if direction in LEVEL_DIRECTIONS or sized:
        if at_end is None:
            parts.append(Part(measure, test, NOT_TESTABLE, "no chip ceiling on the claim date"))
        else:
            verdict = _ratio_level(level_direction, at_end["advantage"], rules)
            value = f"{_chip_text(at_end, inputs)} on {_fmt_date(window.end)}{note}"
            parts.append(Part(measure, test, verdict, value, at_end["advantage"]))
    return parts


def assess(claim, inputs: Inputs, rules: Rules = RULES) -> tuple[str, list[Part], str]:
    """Verdict of one claim (a mapping with the claims table's columns).

    Returns ``(verdict, parts, reason)``; ``reason`` says why a claim is not
    testable at all.
    """
    direction, metric = claim["direction"], claim["metric"]
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}")
    if metric not in COMPONENTS:
        raise ValueError(f"unknown metric {metric!r}")
    measures = COMPONENTS[metric]
    if not measures:
        return NOT_TESTABLE, [], f"no data in this book on {metric}"
    window = claim_window(claim, rules)
    if window.status != "present":
        return NOT_TESTABLE, [], window.reason
    parts: list[Part] = []
    measure_verdicts = []
    for measure in measures:
        if measure in MONTH_MEASURES:
            own = _months_part(claim, window, inputs, measure, rules)
        else:
            own = _ratio_parts(claim, window, inputs, measure, rules)
        parts.extend(own)
        primary = [p for p in own if p.test != "size"]
        # A stated size counts only when the claim's own direction is testable.
        if primary and primary[0].verdict == NOT_TESTABLE:
            measure_verdicts.append(NOT_TESTABLE)
        else:
            measure_verdicts.append(combine(p.verdict for p in own))
    verdict = combine(measure_verdicts)
    reason = "" if verdict != NOT_TESTABLE else "; ".join(dict.fromkeys(p.value for p in parts if p.verdict == NOT_TESTABLE))
    return verdict, parts, reason


# --- Tables for the chapter ------------------------------------------------------


def validate_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """Checks the verdict rules rely on; raises ValueError naming each problem."""
    problems = []
    if claims["id"].duplicated().any():
        problems.append(f"duplicate ids: {sorted(claims.loc[claims['id'].duplicated(), 'id'])}")
    for _, row in claims.iterrows():
        cid = row["id"]
        if row["direction"] not in DIRECTIONS:
            problems.append(f"{cid}: direction {row['direction']!r} has no verdict rule")
        if row["metric"] not in COMPONENTS:
            problems.append(f"{cid}: metric {row['metric']!r} has no verdict rule")
        low, high = row.get("lead_months_low"), row.get("lead_months_high")
        if pd.notna(low) and pd.notna(high) and low > high:
            problems.append(f"{cid}: lead_months_low above lead_months_high")
        if (pd.notna(low) or pd.notna(high)) and row["direction"] in ("parity", "china_lead"):
            problems.append(f"{cid}: a US lead in months contradicts direction {row['direction']}")
        start, end = row.get("window_start"), row.get("window_end")
        if pd.notna(start) and pd.notna(end) and start > end:
            problems.append(f"{cid}: window_start after window_end")
    if problems:
        raise ValueError("claims table:\n  " + "\n  ".join(problems))
    return claims


SCORECARD_COLUMNS = ["claim", "who", "date", "direction", "metric", "tested_on", "evidence", "verdict"]


def scorecard(claims: pd.DataFrame, inputs: Inputs, rules: Rules = RULES) -> pd.DataFrame:
    """One row per claim: who, when, what it says, the evidence and the verdict."""
    validate_claims(claims)
    rows = []
    for _, claim in claims.iterrows():
        verdict, parts, reason = assess(claim, inputs, rules)
        several = len(parts) > 1
        evidence = "; ".join(f"{p.value} [{p.verdict}]" if several else p.value for p in parts) or reason
        tested = (
            "-" if verdict == NOT_TESTABLE else ", ".join(dict.fromkeys(p.measure for p in parts if p.verdict != NOT_TESTABLE))
        )
        rows.append(
            {
                "claim": claim["id"],
                "who": claim["who"],
                "date": "" if pd.isna(claim["date"]) else _fmt_date(claim["date"]),
                "direction": claim["direction"],
                "metric": claim["metric"],
                "tested_on": tested,
                "evidence": evidence,
                "verdict": verdict,
            }
        )
    return pd.DataFrame(rows, columns=SCORECARD_COLUMNS)


def evidence_detail(claims: pd.DataFrame, inputs: Inputs, rules: Rules = RULES) -> pd.DataFrame:
    """One row per test: the claim, the measure, the test and its verdict."""
    rows = []
    for _, claim in claims.iterrows():
        verdict, parts, reason = assess(claim, inputs, rules)
        if not parts:
            rows.append(
                {
                    "claim": claim["id"],
                    "measure": "-",
                    "test": "-",
                    "evidence": reason,
                    "part_verdict": NOT_TESTABLE,
                    "verdict": verdict,
                }
            )
        for part in parts:
            rows.append(
                {
                    "claim": claim["id"],
                    "measure": part.measure,
                    "test": part.test,
                    "evidence": part.value,
                    "part_verdict": part.verdict,
                    "verdict": verdict,
                }
            )
    return pd.DataFrame(rows, columns=["claim", "measure", "test", "evidence", "part_verdict", "verdict"])


def context(claims: pd.DataFrame, inputs: Inputs, rules: Rules = RULES) -> pd.DataFrame:
    """For every dated, present-tense claim, all three measures at its date,
    whatever its metric: the ECI lag and its trend over the claim's window,
    the compute snapshot and the chip ceiling."""
    rows = []
    for _, claim in claims.iterrows():
        window = claim_window(claim, rules)
        if window.status != "present":
            continue
        end, _ = _months_end(window, inputs, rules)
        row = {"claim": claim["id"], "window": f"{window.start:%Y-%m-%d} to {window.end:%Y-%m-%d}"}
        if end is not None:
            row["eci_lag_months"] = round(float(inputs.lag["lag_months"].get(end, math.nan)), 1)
            fitted = trend_window(_trend_series(inputs, "capabilities"), window.start, end, rules.min_trend_months)
            if fitted is not None:
                fit = _trend(inputs, "capabilities", fitted[0], fitted[1], rules)
                row["eci_trend_months_per_year"] = round(fit["slope_months_per_year"], 1)
                row["trend_ci"] = f"{fit['ci_low']:+.1f} to {fit['ci_high']:+.1f}"
        snap = compute_snapshot(inputs.shares, window.end, rules.compute_max_distance_months)
        if snap is not None:
            row["us_share_pct"] = round(100 * snap["us_share"])
            row["china_share_pct"] = round(100 * snap["china_share"])
            row["compute_snapshot"] = _fmt_date(snap["date"])
        chip = ceiling_at(inputs.ceiling, window.end)
        if chip is not None:
            row["best_legal_chip"] = inputs.chip_names.get(chip["best_legal_chip"], chip["best_legal_chip"])
            row["legal_tpp_pct_of_best_us"] = round(100 * chip["tpp_ratio"])
        rows.append(row)
    columns = [
        "claim",
        "window",
        "eci_lag_months",
        "eci_trend_months_per_year",
        "trend_ci",
        "us_share_pct",
        "china_share_pct",
        "compute_snapshot",
        "best_legal_chip",
        "legal_tpp_pct_of_best_us",
    ]
    frame = pd.DataFrame(rows).reindex(columns=columns)
    for column in ("us_share_pct", "china_share_pct", "legal_tpp_pct_of_best_us"):
        frame[column] = frame[column].astype("Int64")
    return frame


def blank(frame: pd.DataFrame) -> pd.DataFrame:
    """The same table with missing values shown as empty cells."""
    shown = frame.astype(object)
    return shown.where(frame.notna(), "")


def claims_table(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims as readers see them: dates as text (empty when unverified)."""
    columns = ["id", "date", "who", "affiliation", "venue", "claim", "direction", "metric", "confidence", "source_url"]
    frame = claims[columns].copy()
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d").fillna("")
    return frame.reset_index(drop=True)


# --- Tables as readers see them -----------------------------------------------------

#: Reader-facing column names, by table. Columns not listed keep their name
#: with a capital first letter (see :func:`for_readers`).
SCORECARD_LABELS = {"tested_on": "Tested on"}
CONTEXT_LABELS = {
    "eci_lag_months": "ECI lag on the last day (months)",
    "eci_trend_months_per_year": "ECI lag trend (months per year)",
    "trend_ci": "Trend interval",
    "us_share_pct": "US share of AI compute (%)",
    "china_share_pct": "China's share of AI compute (%)",
    "compute_snapshot": "Compute snapshot of",
    "best_legal_chip": "Best chip legally sellable to China",
    "legal_tpp_pct_of_best_us": "Its TPP (% of the best US chip)",
}
YARDSTICK_LABELS = {
    "arena_gap_pct": "Arena gap (%)",
    "eci_score_gap_points": "ECI score gap (points)",
    "eci_lag_months": "ECI lag (months)",
}
SENSITIVITY_LABELS = {"value": "Value used", "varied_to": "Varied to", "verdicts_changed": "Verdicts changed"}
CLAIMS_LABELS = {"id": "Claim", "claim": "What was said (paraphrased)", "source_url": "Source"}

#: Number formats for :func:`ailead.report.table`, by reader-facing column.
CONTEXT_FORMATS = {
    "ECI lag on the last day (months)": "{:.1f}",
    "ECI lag trend (months per year)": "{:+.1f}",
    "US share of AI compute (%)": "{:.0f}",
    "China's share of AI compute (%)": "{:.0f}",
    "Its TPP (% of the best US chip)": "{:.0f}",
}
YARDSTICK_FORMATS = {"Arena gap (%)": "{:.2f}", "ECI score gap (points)": "{:.1f}", "ECI lag (months)": "{:.1f}"}
SENSITIVITY_FORMATS = {"Value used": "{:g}", "Varied to": "{:g}"}

#: Cell text that stands for "nothing here" in the tables above.
_EMPTY = ("", "-")


def for_readers(frame: pd.DataFrame, labels: dict[str, str] | None = None) -> pd.DataFrame:
    """A table ready for :func:`ailead.report.table`: a named index becomes the
    first column, columns get plain names (``labels``, else the name with a
    capital first letter), and empty or placeholder text becomes missing, which
    the report shows as a dash."""
    shown = frame.reset_index() if frame.index.name is not None else frame.reset_index(drop=True)
    shown = shown.rename(columns=lambda c: (labels or {}).get(c, c[:1].upper() + c[1:]))
    for column in shown.columns:
        if shown[column].dtype == object or pd.api.types.is_string_dtype(shown[column]):
            shown[column] = [None if isinstance(v, str) and v.strip() in _EMPTY else v for v in shown[column]]
    return shown


def verdict_counts(card: pd.DataFrame) -> dict[str, int]:
    counts = card["verdict"].value_counts()
    return {v: int(counts.get(v, 0)) for v in VERDICTS}


def rules_table(rules: Rules = RULES) -> pd.DataFrame:
    """The verdict rules in words, written from the constants (never by hand)."""
    p, m, t, b = rules.parity_months, rules.margin_months, rules.size_tolerance_months, rules.trend_band
    r, mr, c = rules.parity_ratio, rules.margin_ratio, rules.ceiling_change_ratio
    level = round(100 * rules.trend_level)
    rows = [
        (
            "narrowing",
            "ECI lag trend (months of lag per year)",
            f"whole {level}% interval below {-b:g}",
            f"whole interval at or above {-b:g}",
        ),
        (
            "widening",
            "ECI lag trend (months of lag per year)",
            f"whole {level}% interval above {b:g}",
            f"whole interval at or below {b:g}",
        ),
        (
            "stable",
            "ECI lag trend (months of lag per year)",
            f"whole {level}% interval within {-b:g} to {b:g}",
            f"whole interval below {-b:g} or above {b:g}",
        ),
        ("us_lead", "lag on the claim's last day (months)", f"lag {p:g} or more", f"lag {p - m:g} or less"),
        (
            "parity",
            "lag on the claim's last day (months)",
            f"lag shorter than {p:g} either way",
            f"lag {p + m:g} or more either way",
        ),
        ("china_lead", "lag on the claim's last day (months)", f"lag -{p:g} or less (China ahead)", f"lag {m - p:g} or more"),
        (
            "lead of L-H months",
            "lag on the claim's last day (months)",
            f"lag between L-{t:g} and H+{t:g}",
            f"lag {m + t:g} or more outside L-H",
        ),
        (
            "us_lead",
            "US/China ratio (compute shares; best US vs best legal chip)",
            f"ratio {r:g} or more",
            f"ratio {r / mr:.3g} or less",
        ),
        (
            "parity",
            "US/China ratio (compute shares; best US vs best legal chip)",
            f"ratio within a factor {r:g} either way",
            f"ratio {r * mr:.3g} or more either way",
        ),
        (
            "narrowing / widening",
            "change of the chip ceiling over the window",
            f"US chip advantage shrinks / grows by more than a factor {c:g}",
            "otherwise",
        ),
    ]
    frame = pd.DataFrame(rows, columns=["claim says", "measured by", "supported if", "contradicted if"])
    frame["otherwise"] = "mixed"
    frame.loc[frame["claim says"] == "narrowing / widening", "otherwise"] = "-"
    return frame


def coverage_table(rules: Rules = RULES) -> pd.DataFrame:
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


# --- Sensitivity: what would change the verdicts ---------------------------------

#: How each constant is varied: "scale" halves and doubles it; "factor"
#: halves and doubles the excess over 1 on a log scale; "level" uses the
#: listed alternatives.
SENSITIVITY = {
    "parity_months": "scale",
    "margin_months": "scale",
    "size_tolerance_months": "scale",
    "trend_band": "scale",
    "trend_level": (0.8, 0.95),
    "parity_ratio": "factor",
    "margin_ratio": "factor",
    "ceiling_change_ratio": "factor",
    "default_window_months": (6, 24),
    "grace_months": "scale",
    "compute_max_distance_months": "scale",
}


#: What each varied constant decides: where a verdict's thresholds lie
#: ("threshold"), which window a claim without one is read over ("window"),
#: or whether a claim is tested at all ("coverage").
CONSTANT_ROLES = {
    "parity_months": "threshold",
    "margin_months": "threshold",
    "size_tolerance_months": "threshold",
    "trend_band": "threshold",
    "trend_level": "threshold",
    "parity_ratio": "threshold",
    "margin_ratio": "threshold",
    "ceiling_change_ratio": "threshold",
    "default_window_months": "window",
    "grace_months": "coverage",
    "compute_max_distance_months": "coverage",
}
ROLES = ("threshold", "window", "coverage")


def alternatives(name: str, rules: Rules = RULES) -> tuple:
    value = getattr(rules, name)
    how = SENSITIVITY[name]
    if how == "scale":
        return (value / 2, value * 2)
    if how == "factor":
        return (value**0.5, value**2)
    return tuple(how)


def _variations(claims: pd.DataFrame, inputs: Inputs, rules: Rules):
    """Each constant at each alternative value, with the verdicts that change:
    yields ``(name, value, varied_to, [(claim, before, after), ...])``."""
    base = scorecard(claims, inputs, rules).set_index("claim")["verdict"]
    for name in SENSITIVITY:
        for alt_value in alternatives(name, rules):
            varied = replace(rules, **{name: type(getattr(rules, name))(alt_value)})
            card = scorecard(claims, inputs, varied).set_index("claim")["verdict"]
            changed = card[card != base]
            yield (
                name,
                getattr(rules, name),
                round(float(alt_value), 3),
                [(cid, base[cid], after) for cid, after in changed.items()],
            )


def sensitivity(claims: pd.DataFrame, inputs: Inputs, rules: Rules = RULES) -> pd.DataFrame:
    """For each constant, the claims whose verdict changes when it is varied."""
    rows = []
    for name, value, varied_to, changed in _variations(claims, inputs, rules):
        rows.append(
            {
                "constant": name,
                "value": value,
                "varied_to": varied_to,
                "verdicts_changed": len(changed),
                "changes": "; ".join(f"{cid}: {before} -> {after}" for cid, before, after in changed) or "-",
            }
        )
    return pd.DataFrame(rows)


#: Kinds of verdict change (see :func:`change_kind`).
CHANGE_KINDS = ("one step", "reversal", "coverage")


def change_kind(before: str, after: str) -> str:
    """How far a verdict moved: ``one step`` (between supported and mixed, or
    mixed and contradicted: a measurement near a threshold), ``reversal``
    (supported to contradicted or back) or ``coverage`` (whether the claim
    can be tested at all)."""
    for verdict in (before, after):
        if verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {verdict!r}")
    if before == after:
        raise ValueError("not a change")
    if NOT_TESTABLE in (before, after):
        return "coverage"
    return "reversal" if {before, after} == {SUPPORTED, CONTRADICTED} else "one step"


def sensitivity_changes(claims: pd.DataFrame, inputs: Inputs, rules: Rules = RULES) -> pd.DataFrame:
    """Every verdict change of :func:`sensitivity`, one row each, with its kind."""
    rows = [
        {
            "constant": name,
            "varied_to": varied_to,
            "claim": cid,
            "before": before,
            "after": after,
            "kind": change_kind(before, after),
        }
        for name, _value, varied_to, changed in _variations(claims, inputs, rules)
        for cid, before, after in changed
    ]
    return pd.DataFrame(rows, columns=["constant", "varied_to", "claim", "before", "after", "kind"])


def change_summary(changes: pd.DataFrame) -> pd.DataFrame:
    """Verdict changes counted by the role of the constant varied (rows, see
    :data:`CONSTANT_ROLES`) and by kind of change (columns)."""
    roles = changes["constant"].map(CONSTANT_ROLES)
    if roles.isna().any():
        raise ValueError(f"constants without a role: {sorted(set(changes.loc[roles.isna(), 'constant']))}")
    table = pd.crosstab(roles, changes["kind"]) if len(changes) else pd.DataFrame()
    table = table.reindex(index=list(ROLES), columns=list(CHANGE_KINDS), fill_value=0).astype(int)
    table.index.name, table.columns.name = "role", None
    return table


# --- Reconciliation: every window, and the yardsticks ----------------------------


def window_grid(lag: pd.DataFrame | pd.Series, rules: Rules = RULES, *, n_boot: int = 4000) -> pd.DataFrame:
    """The ECI lag trend over every window of whole months holding at least
    ``rules.min_trend_months`` monthly values, each classified by the trend
    rules (narrowing, stable, widening or unclear).

    ``lag`` is a :func:`ailead.gap.lag_frame`, whose bounded (censored) days
    are left out (:func:`ailead.gap.for_trend`), or a series already fit for
    trends. Windows start and end only in months that hold a value."""
    if isinstance(lag, pd.DataFrame):
        lag = gap.for_trend(lag)
    values = lag.dropna()
    months = values.resample("MS").mean().dropna().index
    last_day = values.index.max()
    rows = []
    for i, start in enumerate(months):
        for j in range(i + rules.min_trend_months - 1, len(months)):
            end_month = months[j]
            end = min(end_month + pd.offsets.MonthEnd(0), last_day)
            fit = gap.trend(values, start, end, level=rules.trend_level, n_boot=n_boot)
            rows.append(
                {
                    "start": start,
                    "end_month": end_month,
                    "months": j - i + 1,
                    "slope": fit["slope_months_per_year"],
                    "ci_low": fit["ci_low"],
                    "ci_high": fit["ci_high"],
                    "class": window_class(fit["ci_low"], fit["ci_high"], rules.trend_band),
                }
            )
    return pd.DataFrame(rows)


def window_shares(grid: pd.DataFrame) -> dict[str, float]:
    counts = grid["class"].value_counts(normalize=True)
    return {name: float(counts.get(name, 0.0)) for name in WINDOW_CLASSES}


def claim_windows(claims: pd.DataFrame, inputs: Inputs, rules: Rules = RULES) -> pd.DataFrame:
    """The windows actually fitted for trend claims tested on the ECI lag,
    with the class the trend rules give them (for the window chart)."""
    rows = []
    for _, claim in claims.iterrows():
        if claim["direction"] not in TREND_DIRECTIONS or "capabilities" not in COMPONENTS[claim["metric"]]:
            continue
        window = claim_window(claim, rules)
        if window.status != "present":
            continue
        end, _ = _months_end(window, inputs, rules)
        if end is None:
            continue
        fitted = trend_window(_trend_series(inputs, "capabilities"), window.start, end, rules.min_trend_months)
        if fitted is None:
            continue
        fit = _trend(inputs, "capabilities", fitted[0], fitted[1], rules)
        rows.append(
            {
                "claim": claim["id"],
                "who": claim["who"],
                "direction": claim["direction"],
                "start": fitted[0].to_period("M").to_timestamp(),
                "end_month": fitted[1].to_period("M").to_timestamp(),
                "class": window_class(fit["ci_low"], fit["ci_high"], rules.trend_band),
            }
        )
    return pd.DataFrame(rows, columns=["claim", "who", "direction", "start", "end_month", "class"])


def score_gap(models: pd.DataFrame, start=gap.WINDOW_START, end=None) -> pd.Series:
    """US best ECI score minus China's best, each day (index points)."""
    end = models["release_date"].max() if end is None else end
    days = pd.date_range(start, end, freq="D", name="date")
    best = {}
    for country in (gap.US, gap.CHINA):
        steps = gap.frontier(models, country)
        position = np.searchsorted(steps["release_date"].to_numpy(), days.to_numpy(), side="right") - 1
        values = steps["eci_score"].to_numpy()
        best[country] = np.where(position >= 0, values[np.clip(position, 0, None)], np.nan)
    return pd.Series(best[gap.US] - best[gap.CHINA], index=days, name="score_gap")


def us_open_lag(models: pd.DataFrame, start=gap.WINDOW_START, end=None) -> pd.Series:
    """Months the best US open-weight model trailed the best Chinese model
    (negative: the US open-weight frontier was ahead)."""
    frame = models.copy()
    us_open = (frame["country"] == gap.US) & (frame["open_weights"] == True)  # noqa: E712 (nullable boolean)
    frame["group"] = np.where(us_open.fillna(False), "US open weights", np.where(frame["country"] == gap.CHINA, gap.CHINA, None))
    end = models["release_date"].max() if end is None else end
    return gap.lag_months(frame, gap.CHINA, "US open weights", start=start, end=end, by="group")


ARENA_MEASURE = "Arena"


def yardsticks(lag: pd.Series, scores: pd.Series, arena: pd.DataFrame) -> pd.DataFrame:
    """At each date of the AI Index's Arena figures: the Arena gap (percent),
    the ECI score gap (points) and the ECI time lag (months)."""
    rows = arena[arena["measure"].str.contains(ARENA_MEASURE) & (arena["unit"] == "percent")].sort_values("date")
    out = pd.DataFrame(
        {
            "date": rows["date"].dt.strftime("%Y-%m-%d").to_numpy(),
            "arena_gap_pct": rows["gap"].to_numpy(),
            "eci_score_gap_points": [round(float(scores.get(d, math.nan)), 1) for d in rows["date"]],
            "eci_lag_months": [round(float(lag.get(d, math.nan)), 1) for d in rows["date"]],
        }
    )
    return out


def same_direction(table: pd.DataFrame, first: str, second: str) -> float:
    """Share of consecutive steps in which two columns moved the same way."""
    a, b = np.sign(np.diff(table[first].to_numpy())), np.sign(np.diff(table[second].to_numpy()))
    if len(a) == 0:
        raise ValueError("need at least two dates")
    return float(np.mean(a == b))


# --- Helpers for the chapter's prose ------------------------------------------------


def claim_status(claims: pd.DataFrame, inputs: Inputs, rules: Rules = RULES) -> pd.Series:
    """Per claim id: ``present``, ``forecast``, ``undated`` or ``after the data``
    (a present-tense claim dated more than the grace period after the ECI table)."""
    status = {}
    for _, claim in claims.iterrows():
        window = claim_window(claim, rules)
        kind = window.status
        if kind == "present" and months_between(inputs.data_end, window.end) > rules.grace_months:
            kind = "after the data"
        status[claim["id"]] = kind
    return pd.Series(status, name="status")


def speakers(claims: pd.DataFrame, ids) -> str:
    """The people behind some claims, for prose ("A, B and C"); a claim by
    several authors is named by their organisation."""
    table = claims.set_index("id")
    names = list(dict.fromkeys(table.at[i, "who"] if ";" not in table.at[i, "who"] else table.at[i, "affiliation"] for i in ids))
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def window_families(grid: pd.DataFrame, lag: pd.Series) -> dict:
    """Three families of windows, placed by the longest lag and the shortest
    lag after it: windows that start in the year up to the longest lag and end
    in the year after the shortest (``around``), windows that start in or after
    the month of the shortest (``after``), and windows that start in or before
    the month of the longest and end more than a year after the shortest
    (``spanning``: they take in the fall and more than a year after it).
    Each with its number of windows and the share in each class.

    ``lag`` is the daily lag (bounds included: the peak and trough are levels);
    ``grid`` is :func:`window_grid`."""
    values = lag.dropna()
    peak = values.idxmax()
    trough = values.loc[peak:].idxmin()
    peak_month, trough_month = (day.to_period("M").to_timestamp() for day in (peak, trough))
    year = pd.DateOffset(months=12)
    families = {
        "around": grid[
            grid["start"].between(peak_month - year, peak_month) & grid["end_month"].between(trough_month, trough_month + year)
        ],
        "after": grid[grid["start"] >= trough_month],
        "spanning": grid[(grid["start"] <= peak_month) & (grid["end_month"] > trough_month + year)],
    }
    out = {"peak": peak, "peak_lag": float(values[peak]), "trough": trough, "trough_lag": float(values[trough])}
    for name, rows in families.items():
        out[f"n_{name}"] = int(len(rows))
        for cls in WINDOW_CLASSES:
            out[f"share_{name}_{cls}"] = float((rows["class"] == cls).mean()) if len(rows) else float("nan")
    return out


#: The two sides of the argument, by what a claim says about the gap.
#: us_lead/china_lead and widening/narrowing are mirror pairs under the verdict
#: rules; "stable" and "parity" are each their own mirror, so their sides are
#: assigned, not derived: "stable" (the US lead is holding) goes with the US
#: side, "parity" (the two are level) with China's.
SIDES = {
    "the US ahead or pulling away": ("us_lead", "widening", "stable"),
    "China catching up, level or ahead": ("narrowing", "parity", "china_lead"),
}


def verdicts_by_side(card: pd.DataFrame) -> pd.DataFrame:
    """Verdict counts for each side of the argument (rows) by verdict (columns)."""
    frame = pd.DataFrame({side: verdict_counts(card[card["direction"].isin(directions)]) for side, directions in SIDES.items()}).T
    frame.index.name = "claims that say"
    return frame[list(VERDICTS)]


def slug(claim_id: str) -> str:
    """A claim id as it appears in glue names: 'zhang-2026-into-asia' -> 'zhang_2026_into_asia'."""
    return claim_id.replace("-", "_")


def claim_values(claims: pd.DataFrame, inputs: Inputs, rules: Rules = RULES, prefix: str = "dis") -> dict:
    """Values about each claim for the chapter's prose, by glue name.

    ``{prefix}_when_<claim>`` (month and year said), ``{prefix}_size_<claim>``
    (stated lead, e.g. "7-10 months"), ``{prefix}_v_<claim>`` (verdict) and, per
    test, ``{prefix}_pv_<claim>_<measure>_<test>`` (its verdict) and
    ``{prefix}_num_<claim>_<measure>_<test>`` (the number it turned on, if finite).
    """
    values = {}
    for _, claim in claims.iterrows():
        key = slug(claim["id"])
        verdict, parts, _ = assess(claim, inputs, rules)
        size = stated_size(claim)
        values[f"{prefix}_when_{key}"] = "" if pd.isna(claim["date"]) else claim["date"].strftime("%B %Y")
        values[f"{prefix}_size_{key}"] = "" if size is None else f"{size_text(size)} months"
        values[f"{prefix}_v_{key}"] = verdict
        for part in parts:
            name = f"{key}_{part.measure}_{part.test}"
            values[f"{prefix}_pv_{name}"] = part.verdict
            if not pd.isna(part.number) and math.isfinite(part.number):
                values[f"{prefix}_num_{name}"] = round(float(part.number), 2)
    return values
