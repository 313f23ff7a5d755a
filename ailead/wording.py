"""Every phrase the book computes: positions, comparisons, likelihoods,
counts and dates.

Chapters never build these words themselves, so the same comparison reads
the same way on every page and each rule is tested once.
"""

from __future__ import annotations

import math

import pandas as pd


def position(value: float, low: float, high: float) -> str:
    """Where ``value`` sits against the range [low, high]: ``"below"``,
    ``"within"`` or ``"above"`` (the ends count as within)."""
    if low > high:
        raise ValueError(f"the low end ({low:g}) exceeds the high end ({high:g})")
    if value < low:
        return "below"
    if value > high:
        return "above"
    return "within"


def relative(value: float, reference: float, tolerance: float = 1.0) -> str:
    """``"close to"`` when ``value`` lies within ``tolerance`` of
    ``reference``, else ``"above"`` or ``"below"`` it."""
    if abs(value - reference) <= tolerance:
        return "close to"
    return "above" if value > reference else "below"


#: Calibrated-language scale used by the IPCC: (lower bound, words), highest first.
LIKELIHOOD_SCALE = (
    (0.99, "virtually certain"),
    (0.9, "very likely"),
    (0.66, "likely"),
    (0.33, "about as likely as not"),
    (0.1, "unlikely"),
    (0.01, "very unlikely"),
    (0.0, "exceptionally unlikely"),
)


def likelihood(p: float) -> str:
    """A probability in words on :data:`LIKELIHOOD_SCALE` (each bound inclusive)."""
    if p is None or math.isnan(p) or not 0 <= p <= 1:
        raise ValueError(f"a probability must lie between 0 and 1, got {p}")
    for bound, words in LIKELIHOOD_SCALE:
        if p >= bound:
            return words
    raise AssertionError("unreachable: the scale ends at 0")


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``"1 day"``, ``"2 days"``, ``"0 days"``; ``plural`` for irregular nouns."""
    if isinstance(n, bool) or int(n) != n:
        raise ValueError(f"a count must be a whole number, got {n!r}")
    n = int(n)
    noun = singular if n == 1 else (plural or singular + "s")
    return f"{n:,} {noun}"


def noun(n: int, singular: str, plural: str | None = None) -> str:
    """The noun alone in the number ``n`` calls for."""
    return count(n, singular, plural).split(" ", 1)[1]


def long_date(day) -> str:
    """``"2 January 2026"``: the form prose uses."""
    return pd.Timestamp(day).strftime("%-d %B %Y")


def month(day) -> str:
    """``"January 2026"``."""
    return pd.Timestamp(day).strftime("%B %Y")


def iso_date(day) -> str:
    """``"2026-01-02"``: the form tables and notes use."""
    return pd.Timestamp(day).strftime("%Y-%m-%d")


def join(items, last: str = "and") -> str:
    """``"a"``, ``"a and b"``, ``"a, b and c"``."""
    items = [str(i) for i in items]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def capitalise(text: str) -> str:
    """The first letter upper-case, the rest untouched."""
    return text[:1].upper() + text[1:]


# --- chapter 04: the two outcomes for 2028 ---


def span(low: float, high: float, spec: str = ".1f") -> str:
    """An interval in words: ``"10.1 to 14.2"``."""
    return f"{low:{spec}} to {high:{spec}}"


def fares(error: float, reference_error: float) -> str:
    """How a forecast with ``error`` does against one with ``reference_error``
    (smaller is better): ``"better"``, ``"as well"`` or ``"worse"``."""
    if error < reference_error:
        return "better"
    return "as well" if error == reference_error else "worse"


def by_threshold(value: float, threshold: float, below: str, at_or_above: str) -> str:
    """``at_or_above`` when ``value`` reaches ``threshold``, else ``below``:
    for sentence parts that turn on one line, like "more"/"less"."""
    return at_or_above if value >= threshold else below
