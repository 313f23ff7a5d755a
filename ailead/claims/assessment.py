"""Each claim against the measures: its window, the tests it can be put to,
their verdicts and the claim's verdict.

Every claim in ``data/claims.csv`` is coded with a *direction*, a *metric*
and, where the speaker gave one, a size in months. :func:`assess` turns one
claim into the tests the book's data can run (:class:`Part`), each with the
facts it turned on; the words readers see are written from those facts by
:mod:`ailead.wording`.

* A capabilities (or open-models) trend claim is tested by the calibrated
  trend rule of :mod:`ailead.claims.sawtooth` over the claim's window; a
  level claim on the mean lag over the :data:`~ailead.claims.rules.LEVEL_MEAN_DAYS`
  days up to the window's last day (or over the window the claim names),
  judging the whole interval the mean is known to lie in
  (:func:`~ailead.claims.measures.lag_mean`) widened by the ECI score noise
  band (:mod:`ailead.claims.noise`). Each month test records whether the
  noise could change its verdict (``facts["noise_holds"]``).
* Compute: the ratio of the US to the Chinese share from the snapshot
  nearest the claim. There is no time series, so trend claims about compute
  cannot be tested.
* Chips: a level claim is tested on the US chip advantage in force on the
  claim's last day; a trend claim on how it changed over the window, which
  is *not testable* if the window starts or ends when no listed chip could
  legally be sold (the table, flagship parts only, cannot size the change).
* A claim coded **mixed** is tested on capabilities, compute and chips
  together. Claims about data, talent or adoption are not testable here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from . import noise
from .checks import validate_claims
from .measures import (
    Inputs,
    calibrated_trend,
    chip_advantage_on,
    fitted_trend,
    fitted_window,
    lag_mean,
    lag_series,
    months_between,
    nearest_snapshot,
    noisy_lag_mean,
)
from .rules import (
    COMPONENTS,
    DIRECTIONS,
    LEVEL_DIRECTIONS,
    MONTH_MEASURES,
    NOT_TESTABLE,
    RULES,
    TREND_DIRECTIONS,
    VERDICTS,
    Rules,
    claim_trend_verdict,
    combine,
    interval_trend_verdict,
    level_verdict,
)

# --- Windows -------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """The period a claim is tested over, or why it cannot be.

    ``status`` is ``"present"``, ``"forecast"`` or ``"undated"``; ``reason``
    codes why a claim is not testable: ``"undated"``, ``"forecast"`` (its
    window runs past the day it was made) or ``"open_future"`` (it speaks of
    an open-ended future)."""

    status: str
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    reason: str = ""


def _timestamp(value):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return pd.Timestamp(value)


def claim_window(claim, rules: Rules = RULES) -> Window:
    """The claim's own time frame.

    * No date and no window end: undated, not testable.
    * A window that runs past the claim date, or opens at the claim date with
      no end: a prediction, not testable with past data.
    * Otherwise the window ends at ``window_end`` (or the claim date) and
      starts at ``window_start`` (or ``default_window_months`` earlier).
    """
    date, start, end = (_timestamp(claim.get(k)) for k in ("date", "window_start", "window_end"))
    if date is None and end is None:
        return Window("undated", None, None, "undated")
    if end is not None and date is not None and end > date:
        return Window("forecast", start, end, "forecast")
    if end is None and start is not None and (date is None or start >= date):
        return Window("forecast", start, None, "open_future")
    end = end if end is not None else date
    if start is None:
        start = pd.Timestamp(end) - pd.DateOffset(months=rules.default_window_months)
    return Window("present", start, end)


def stated_size(claim) -> tuple[float, float] | None:
    """The US lead in months the claim states, as (low, high), or None."""
    low, high = claim.get("lead_months_low"), claim.get("lead_months_high")
    if pd.isna(low) and pd.isna(high):
        return None
    low = high if pd.isna(low) else low
    high = low if pd.isna(high) else high
    return float(low), float(high)


# --- Tests of one claim on one measure -----------------------------------------


@dataclass
class Part:
    """One test of one claim on one measure.

    ``facts`` holds what the verdict rests on, as numbers, dates and codes:
    ``facts["kind"]`` says which test ran (``"trend"``, ``"lag"``,
    ``"compute"``, ``"chip_trend"``, ``"chip_level"``) or why none could
    (``"after_data"``, ``"too_short"``, ``"no_lag"``, ``"no_compute_series"``,
    ``"no_compute_snapshot"``, ``"chips_pending"``, ``"no_chip_window"``,
    ``"no_chip_day"``). :func:`ailead.wording.evidence` writes it out."""

    measure: str
    test: str  # "trend", "level" or "size"
    verdict: str
    facts: dict = field(default_factory=dict)
    number: float = math.nan  # the number the verdict turned on


def last_lag_day(window: Window, inputs: Inputs, rules: Rules) -> pd.Timestamp | None:
    """The last day the lag can be read for this window (the data end for a
    claim dated within the grace period after it), or None if the claim
    comes too late for the data."""
    if window.end > inputs.data_end:
        if months_between(inputs.data_end, window.end) > rules.grace_months:
            return None
        return inputs.data_end
    return window.end


def _months_parts(claim, window: Window, inputs: Inputs, measure: str, rules: Rules) -> list[Part]:
    direction = claim["direction"]
    end = last_lag_day(window, inputs, rules)
    if end is None:
        test = "trend" if direction in TREND_DIRECTIONS else "level"
        return [Part(measure, test, NOT_TESTABLE, {"kind": "after_data", "data_end": inputs.data_end})]
    parts = []
    if direction in TREND_DIRECTIONS:
        fitted = fitted_window(inputs, measure, window.start, end, rules.min_trend_months)
        fit = None if fitted is None else calibrated_trend(inputs, measure, fitted[0], fitted[1], rules.calibrated_level)
        if fit is None:
            parts.append(Part(measure, "trend", NOT_TESTABLE, {"kind": "too_short"}))
        else:
            slope = fit["slope_months_per_year"]
            verdict = claim_trend_verdict(direction, fit["verdict"], slope, band=rules.trend_band)
            noisy = [
                claim_trend_verdict(direction, r, s, band=rules.trend_band)
                for r, s in zip(fit["noise_readings"], (fit["noise_low"], fit["noise_high"]))
            ]
            facts = {
                "kind": "calibrated_trend",
                "slope": slope,
                "null_low": fit["null_low"],
                "null_high": fit["null_high"],
                "p_value": fit["p_value"],
                "reading": fit["verdict"],
                "level": fit["level"],
                "start": fitted[0],
                "end": fitted[1],
                "noise_low": fit["noise_low"],
                "noise_high": fit["noise_high"],
                "noise_holds": all(v == verdict for v in noisy),
            }
            parts.append(Part(measure, "trend", verdict, facts, slope))
    size = stated_size(claim)
    if direction in LEVEL_DIRECTIONS or size is not None:
        test = "level" if direction in LEVEL_DIRECTIONS else "size"
        # A level claim's own window is the period it speaks of; a trend claim's
        # window is that of the trend, and its stated size is read at its end.
        named = _timestamp(claim.get("window_start")) if test == "level" else None
        start = named if named is not None else end - pd.Timedelta(days=rules.level_mean_days - 1)
        low, high, kind, averaged = lag_mean(lag_series(inputs, measure), start, end, inputs.data_end)
        if kind == "none":
            parts.append(Part(measure, test, NOT_TESTABLE, {"kind": "no_lag", "day": end}))
        else:
            tolerance = rules.size_tolerance_months
            widened = None if size is None else (size[0] - tolerance, size[1] + tolerance)

            def judge(lo, hi):
                return level_verdict(
                    direction if test == "level" else "us_lead",
                    lo,
                    hi,
                    parity=rules.parity_months,
                    margin=rules.margin_months,
                    size=widened,
                )

            noise_low, noise_high = noise.band(noisy_lag_mean(inputs, measure, start, end)) if averaged else (math.nan, math.nan)
            point = judge(low, high)
            if math.isnan(noise_low):
                verdict = point
            else:
                # The score noise is part of the tolerance: judge every value the band allows.
                verdict = judge(min(low, noise_low), max(high, noise_high))
            number = high if kind == "at most" else low
            facts = {
                "kind": "lag_mean" if averaged else "lag",
                "bound": kind,
                "lag": number,
                "start": start,
                "day": end,
                "data_end": inputs.data_end,
                "size": size,
                "noise_low": noise_low,
                "noise_high": noise_high,
                "noise_holds": verdict == point,
            }
            parts.append(Part(measure, test, verdict, facts, number))
    return parts


def _log(value: float) -> float:
    return math.inf if value == math.inf else math.log(value)


def _ratio_level(direction: str, advantage: float, rules: Rules) -> str:
    return level_verdict(direction, _log(advantage), parity=math.log(rules.parity_ratio), margin=math.log(rules.margin_ratio))


def _compute_parts(claim, window: Window, inputs: Inputs, rules: Rules) -> list[Part]:
    direction = claim["direction"]
    sized = stated_size(claim) is not None
    parts = []
    if direction in TREND_DIRECTIONS:
        parts.append(Part("compute", "trend", NOT_TESTABLE, {"kind": "no_compute_series"}))
    if direction in LEVEL_DIRECTIONS or sized:
        test = "level" if direction in LEVEL_DIRECTIONS else "size"
        snap = nearest_snapshot(inputs.pairs, window.end, rules.compute_max_distance_months)
        if snap is None:
            parts.append(Part("compute", test, NOT_TESTABLE, {"kind": "no_compute_snapshot"}))
        else:
            verdict = _ratio_level(direction if test == "level" else "us_lead", snap["ratio"], rules)
            parts.append(Part("compute", test, verdict, {"kind": "compute", **snap, "sized": sized}, snap["ratio"]))
    return parts


def _chip_parts(claim, window: Window, inputs: Inputs, rules: Rules) -> list[Part]:
    direction = claim["direction"]
    sized = stated_size(claim) is not None
    test = "level" if direction in LEVEL_DIRECTIONS else "size"
    if inputs.ceiling is None:
        return [Part("chips", "trend" if direction in TREND_DIRECTIONS else test, NOT_TESTABLE, {"kind": "chips_pending"})]
    parts = []
    at_end = chip_advantage_on(inputs.ceiling, window.end)
    if direction in TREND_DIRECTIONS:
        at_start = chip_advantage_on(inputs.ceiling, window.start)
        if at_start is None or at_end is None:
            parts.append(Part("chips", "trend", NOT_TESTABLE, {"kind": "no_chip_window"}))
        else:
            facts = {
                "kind": "chip_trend",
                "start_chip": at_start,
                "start": window.start,
                "end_chip": at_end,
                "end": window.end,
                "measurable": not (math.isinf(at_start["advantage"]) or math.isinf(at_end["advantage"])),
            }
            if not facts["measurable"]:
                # The table lists flagship parts only: with none of them legal at
                # one end, how far the ceiling moved is unknown.
                parts.append(Part("chips", "trend", NOT_TESTABLE, facts))
            else:
                change = math.log(at_end["advantage"] / at_start["advantage"])
                verdict = interval_trend_verdict(direction, change, change, band=math.log(rules.ceiling_change_ratio))
                parts.append(Part("chips", "trend", verdict, facts, change))
    if direction in LEVEL_DIRECTIONS or sized:
        if at_end is None:
            parts.append(Part("chips", test, NOT_TESTABLE, {"kind": "no_chip_day"}))
        else:
            verdict = _ratio_level(direction if test == "level" else "us_lead", at_end["advantage"], rules)
            facts = {"kind": "chip_level", "chip": at_end, "day": window.end, "sized": sized}
            parts.append(Part("chips", test, verdict, facts, at_end["advantage"]))
    return parts


class Assessment(NamedTuple):
    """The verdict on one claim, its tests, and, when it could not be put to
    any test, why: ``reason["kind"]`` is a :class:`Window` reason code, or
    ``"no_data"`` for a metric the book has no data on (``reason["metric"]``)."""

    verdict: str
    parts: list[Part]
    reason: dict | None = None


def assess(claim, inputs: Inputs, rules: Rules = RULES) -> Assessment:
    """Verdict of one claim (a mapping with the claims table's columns)."""
    direction, metric = claim["direction"], claim["metric"]
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}")
    if metric not in COMPONENTS:
        raise ValueError(f"unknown metric {metric!r}")
    measures = COMPONENTS[metric]
    if not measures:
        return Assessment(NOT_TESTABLE, [], {"kind": "no_data", "metric": metric})
    window = claim_window(claim, rules)
    if window.status != "present":
        return Assessment(NOT_TESTABLE, [], {"kind": window.reason})
    parts: list[Part] = []
    measure_verdicts = []
    for measure in measures:
        if measure in MONTH_MEASURES:
            own = _months_parts(claim, window, inputs, measure, rules)
        elif measure == "compute":
            own = _compute_parts(claim, window, inputs, rules)
        else:
            own = _chip_parts(claim, window, inputs, rules)
        parts.extend(own)
        primary = [p for p in own if p.test != "size"]
        # A stated size counts only when the claim's own direction is testable.
        if primary and primary[0].verdict == NOT_TESTABLE:
            measure_verdicts.append(NOT_TESTABLE)
        else:
            measure_verdicts.append(combine(p.verdict for p in own))
    return Assessment(combine(measure_verdicts), parts)


# --- The scorecard ------------------------------------------------------------


def scorecard(claims: pd.DataFrame, inputs: Inputs, rules: Rules = RULES) -> pd.DataFrame:
    """One row per claim: who, when, what it says, the measures it was tested
    on (``tested_on``, a tuple), its verdict and the :class:`Assessment`."""
    validate_claims(claims)
    rows = []
    for _, claim in claims.iterrows():
        result = assess(claim, inputs, rules)
        tested = (
            ()
            if result.verdict == NOT_TESTABLE
            else tuple(dict.fromkeys(p.measure for p in result.parts if p.verdict != NOT_TESTABLE))
        )
        rows.append(
            {
                "claim": claim["id"],
                "who": claim["who"],
                "date": claim["date"],
                "direction": claim["direction"],
                "metric": claim["metric"],
                "tested_on": tested,
                "verdict": result.verdict,
                "assessment": result,
            }
        )
    return pd.DataFrame(rows, columns=["claim", "who", "date", "direction", "metric", "tested_on", "verdict", "assessment"])


def verdicts(claims: pd.DataFrame, inputs: Inputs, rules: Rules = RULES) -> pd.Series:
    """The verdict of every claim, by claim id."""
    return pd.Series({claim["id"]: assess(claim, inputs, rules).verdict for _, claim in claims.iterrows()}, name="verdict")


def verdict_counts(card: pd.DataFrame) -> dict[str, int]:
    counts = card["verdict"].value_counts()
    return {v: int(counts.get(v, 0)) for v in VERDICTS}


def context(claims: pd.DataFrame, inputs: Inputs, rules: Rules = RULES) -> pd.DataFrame:
    """For every dated, present-tense claim, all three measures at its date,
    whatever its metric: the ECI lag on the last day and its trend over the
    claim's window, the compute snapshot and the chip ceiling."""
    rows = []
    for _, claim in claims.iterrows():
        window = claim_window(claim, rules)
        if window.status != "present":
            continue
        end = last_lag_day(window, inputs, rules)
        row = {"claim": claim["id"], "start": window.start, "end": window.end}
        if end is not None:
            row["eci_lag_months"] = float(inputs.lag["lag_months"].get(end, math.nan))
            fitted = fitted_window(inputs, "capabilities", window.start, end, rules.min_trend_months)
            if fitted is not None:
                fit = fitted_trend(inputs, "capabilities", fitted[0], fitted[1], rules.trend_level)
                row.update(trend=fit["slope_months_per_year"], trend_low=fit["ci_low"], trend_high=fit["ci_high"])
        snap = nearest_snapshot(inputs.pairs, window.end, rules.compute_max_distance_months)
        if snap is not None:
            row.update(us_share=snap["us_share"], china_share=snap["china_share"], compute_date=snap["date"])
        chip = chip_advantage_on(inputs.ceiling, window.end)
        if chip is not None:
            row.update(best_legal_chip=chip["best_legal_chip"], tpp_ratio=chip["tpp_ratio"])
        rows.append(row)
    columns = [
        "claim",
        "start",
        "end",
        "eci_lag_months",
        "trend",
        "trend_low",
        "trend_high",
        "us_share",
        "china_share",
        "compute_date",
        "best_legal_chip",
        "tpp_ratio",
    ]
    return pd.DataFrame(rows).reindex(columns=columns)


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
