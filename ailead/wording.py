"""Every phrase the book computes: positions, comparisons, likelihoods,
counts and dates.

Chapters never build these words themselves, so the same comparison reads
the same way on every page and each rule is tested once.
"""

from __future__ import annotations

import math

import pandas as pd

from .constants import US


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


# --- export controls (ch02) ---

#: How a comparison code of :func:`ailead.controls.compare` reads as a verb
#: ("the legal chip matched the US chip") and as a comparative ("equal to").
MATCH_VERBS = {"same": "matched", "more": "exceeded", "less": "fell short of"}
COMPARATIVES = {"same": "equal to", "more": "higher than", "less": "lower than"}


def match_verb(comparison: str) -> str:
    """``"matched"``, ``"exceeded"`` or ``"fell short of"`` for a comparison code."""
    return MATCH_VERBS[comparison]


def comparative(comparison: str) -> str:
    """``"equal to"``, ``"higher than"`` or ``"lower than"`` for a comparison code."""
    return COMPARATIVES[comparison]


def chip_name(name: str) -> str:
    """A chip as readers name it: 'NVIDIA H200 SXM 141GB' -> 'H200';
    'Huawei Ascend 910C' -> 'Ascend 910C'."""
    words = name.replace("NVIDIA ", "").replace("Huawei ", "").split()
    return " ".join(words[:2]) if words[0] == "Ascend" else words[0]


def _share_or_none(ratio: float) -> str:
    return "none" if math.isnan(ratio) else f"{ratio:.0%}"


def policy_effect(effect: dict) -> str:
    """:func:`ailead.controls.review_policy_effect` as a predicate: "moves the
    last step earlier and changes its processing-performance share from 29%
    to 32%", "leaves the date of the last step unchanged and does not change
    its height"; "but" joins the two halves when exactly one of them is a
    change."""
    timing = {
        "earlier": "moves the last step earlier",
        "later": "moves the last step later",
        "same": "leaves the date of the last step unchanged",
    }[effect["timing"]]
    moved = effect["timing"] != "same"
    same = effect["same_height"]
    if same:
        height = "does not change its height"
    else:
        before, after = _share_or_none(effect["grant_tpp_ratio"]), _share_or_none(effect["policy_tpp_ratio"])
        height = f"changes its processing-performance share from {before} to {after}"
    return f"{timing} {'but' if moved == same else 'and'} {height}"


def yes_no(flag) -> str:
    """``"yes"``, ``"no"``, or ``"unknown"`` for a missing answer."""
    if flag is None or (not isinstance(flag, (bool, str)) and pd.isna(flag)):
        return "unknown"
    return "yes" if flag else "no"


def plain_number(value) -> str | None:
    """12500.0 -> '12,500'; 0.5 -> '0.5'; missing -> None (shown as a dash)."""
    if pd.isna(value):
        return None
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def code_words(code: str) -> str:
    """A data code as words: 'model_estimate' -> 'model estimate'."""
    return code.replace("_", " ")


# --- distillation (ch03) ---

#: How each ``figure_kind`` of the distillation incidents table reads.
FIGURE_KIND_WORDS = {
    "lower_bound": "at least (lower bound)",
    "estimate": "about (estimate)",
    "exact": "exact",
    "none": "no figure",
}

#: How each grade of :func:`ailead.distillation.evidence_strength` reads: a
#: label, a sentence on the delays and a phrase for the chapter's summary.
EVIDENCE_LABELS = {
    "strong": "strong evidence",
    "moderate": "moderate evidence",
    "weak": "weak evidence",
    "none": "no evidence",
}
EVIDENCE_SENTENCES = {
    "strong": "The delays are clearly more regular than chance",
    "moderate": "The delays are more regular than chance, though not by a wide margin",
    "weak": "The delays are somewhat more regular than chance, but not clearly so",
    "none": "The delays are no more regular than chance would make them",
}
EVIDENCE_TRACES = {"strong": "a clear trace", "moderate": "a moderate trace", "weak": "only a weak trace", "none": "no trace"}

#: Grades of :func:`ailead.distillation.cost_grade`, cheapest first.
_COST_ORDER = ("small", "noticeable", "prohibitive")


def cost_verdict(central: str, high: str) -> str:
    """The central and high cases' cost grades in one phrase: e.g. "a
    noticeable cost, though not a prohibitive one" when the central case is
    noticeable and even the high case is below prohibitive."""
    if _COST_ORDER.index(high) < _COST_ORDER.index(central):
        raise ValueError("the high case cannot cost less than the central case")
    if central == "prohibitive":
        return "a prohibitive cost"
    if high == "prohibitive":
        return f"a {central} cost, and a prohibitive one in the high case"
    if central == high == "small":
        return "a small cost"
    return f"a {central} cost, though not a prohibitive one"


def country_short(country: str) -> str:
    """'United States of America' -> 'US'; other names unchanged."""
    return "US" if country == US else country
