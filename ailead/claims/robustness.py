"""Does a verdict survive the choice of window and the score noise?

Every claim tested on the book's data is re-judged with its window set to
each length of :data:`~ailead.claims.rules.ROBUSTNESS_WINDOWS` months ending
on its own last day (a trend claim over that window, a level claim on the
mean lag over it), and each of its month tests records whether the ECI score
noise could change its verdict (:mod:`ailead.claims.noise`). A verdict is
*robust* when it is the same on every window and the noise cannot change
it, *fragile* otherwise.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from .assessment import assess, claim_window
from .measures import Inputs
from .rules import NOT_TESTABLE, ROBUSTNESS_WINDOWS, RULES, Rules

ROBUST, FRAGILE = "robust", "fragile"


def window_variant(claim, months: int, rules: Rules = RULES) -> dict:
    """The claim with its window set to the ``months`` months ending on its last day."""
    window = claim_window(claim, rules)
    end = window.end
    out = dict(claim)
    out["window_end"] = end
    out["window_start"] = pd.Timestamp(end) - pd.DateOffset(months=months) + pd.Timedelta(days=1)
    return out


def robustness(claim, inputs: Inputs, rules: Rules = RULES, lengths=ROBUSTNESS_WINDOWS) -> dict:
    """The claim's verdict, its verdict on each window length, whether those
    agree (``windows_hold``), whether the noise cannot change it
    (``noise_holds``) and its label: ``robust``, ``fragile`` or, for a claim
    that cannot be tested, None."""
    base = assess(claim, inputs, rules)
    if base.verdict == NOT_TESTABLE:
        return {"verdict": base.verdict, "windows": {}, "windows_hold": None, "noise_holds": None, "label": None}
    windows = {}
    for months in lengths:
        # Short windows are tested as they are, not extended to the default minimum.
        varied = replace(rules, min_trend_months=min(rules.min_trend_months, int(months)))
        windows[int(months)] = assess(window_variant(claim, months, rules), inputs, varied).verdict
    windows_hold = all(v == base.verdict for v in windows.values())
    noise_holds = all(p.facts.get("noise_holds", True) for p in base.parts if p.verdict != NOT_TESTABLE)
    return {
        "verdict": base.verdict,
        "windows": windows,
        "windows_hold": windows_hold,
        "noise_holds": noise_holds,
        "label": ROBUST if windows_hold and noise_holds else FRAGILE,
    }


def robustness_table(claims: pd.DataFrame, inputs: Inputs, rules: Rules = RULES, lengths=ROBUSTNESS_WINDOWS) -> pd.DataFrame:
    """:func:`robustness` of every claim, one row each, with a column per window length."""
    rows = []
    for _, claim in claims.iterrows():
        result = robustness(claim, inputs, rules, lengths)
        row = {"claim": claim["id"], "verdict": result["verdict"]}
        row.update({f"window_{m}": result["windows"].get(int(m)) for m in lengths})
        row.update(windows_hold=result["windows_hold"], noise_holds=result["noise_holds"], label=result["label"])
        rows.append(row)
    return pd.DataFrame(rows)


def robustness_counts(table: pd.DataFrame) -> dict[str, int]:
    """How many tested verdicts are robust and how many fragile, overall and per verdict
    (keys ``robust``, ``fragile``, ``robust_<verdict>``, ``fragile_<verdict>``)."""
    tested = table[table["label"].notna()]
    out = {ROBUST: int((tested["label"] == ROBUST).sum()), FRAGILE: int((tested["label"] == FRAGILE).sum())}
    for verdict in ("supported", "mixed", "contradicted"):
        rows = tested[tested["verdict"] == verdict]
        out[f"{ROBUST}_{verdict}"] = int((rows["label"] == ROBUST).sum())
        out[f"{FRAGILE}_{verdict}"] = int((rows["label"] == FRAGILE).sum())
    return out
