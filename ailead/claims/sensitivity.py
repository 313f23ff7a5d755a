"""What would change the verdicts: every constant of :class:`~ailead.claims.rules.Rules`
varied both ways, and the verdicts that move."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from .assessment import verdicts
from .measures import Inputs
from .rules import CONTRADICTED, NOT_TESTABLE, RULES, SUPPORTED, VERDICTS, Rules

#: How each constant is varied: "scale" halves and doubles it; "factor"
#: halves and doubles the excess over 1 on a log scale; a tuple lists the
#: alternatives.
SENSITIVITY = {
    "parity_months": "scale",
    "margin_months": "scale",
    "size_tolerance_months": "scale",
    "trend_band": "scale",
    "trend_level": (0.8, 0.95),
    "calibrated_level": (0.9, 0.99),
    "level_mean_days": "scale",
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
    "calibrated_level": "threshold",
    "level_mean_days": "window",
    "parity_ratio": "threshold",
    "margin_ratio": "threshold",
    "ceiling_change_ratio": "threshold",
    "default_window_months": "window",
    "grace_months": "coverage",
    "compute_max_distance_months": "coverage",
}
ROLES = ("threshold", "window", "coverage")

#: Kinds of verdict change (see :func:`change_kind`).
CHANGE_KINDS = ("one step", "reversal", "coverage")


def alternatives(name: str, rules: Rules = RULES) -> tuple:
    """The two values constant ``name`` is varied to."""
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
    base = verdicts(claims, inputs, rules)
    for name in SENSITIVITY:
        for alt_value in alternatives(name, rules):
            varied = replace(rules, **{name: type(getattr(rules, name))(alt_value)})
            after = verdicts(claims, inputs, varied)
            changed = after[after != base]
            yield (
                name,
                getattr(rules, name),
                round(float(alt_value), 3),
                [(cid, base[cid], new) for cid, new in changed.items()],
            )


def sensitivity(claims: pd.DataFrame, inputs: Inputs, rules: Rules = RULES) -> pd.DataFrame:
    """For each constant and each value it is varied to, how many verdicts
    change and which (``changes``: a list of ``(claim, before, after)``)."""
    rows = [
        {"constant": name, "value": value, "varied_to": varied_to, "verdicts_changed": len(changed), "changes": changed}
        for name, value, varied_to, changed in _variations(claims, inputs, rules)
    ]
    return pd.DataFrame(rows, columns=["constant", "value", "varied_to", "verdicts_changed", "changes"])


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


def sensitivity_changes(table: pd.DataFrame) -> pd.DataFrame:
    """Every verdict change of a :func:`sensitivity` table, one row each, with its kind."""
    rows = [
        {
            "constant": row.constant,
            "varied_to": row.varied_to,
            "claim": cid,
            "before": before,
            "after": after,
            "kind": change_kind(before, after),
        }
        for row in table.itertuples()
        for cid, before, after in row.changes
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
