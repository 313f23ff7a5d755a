"""Checks of the claims table across fields, beyond what its schema in
``data/datapackage.json`` can say, reported the way :mod:`ailead.data`
reports a broken schema rule: file, row, column and rule."""

from __future__ import annotations

import pandas as pd

from ..data import DataValidationError, Problem
from .rules import COMPONENTS, DIRECTIONS

CLAIMS_FILE = "data/claims.csv"


def validate_claims(claims: pd.DataFrame, file: str = CLAIMS_FILE) -> pd.DataFrame:
    """Cross-field checks the verdict rules rely on, beyond what the schema
    can say. Raises :class:`ailead.data.DataValidationError` naming file, row
    (the header is row 1, so the first claim is row 2) and column of each."""
    problems = []

    def problem(position, column, rule, message):
        problems.append(Problem(file, position + 2, column, rule, message))

    seen = {}
    for position, (_, row) in enumerate(claims.iterrows()):
        cid = row["id"]
        if cid in seen:
            problem(position, "id", "duplicate-id", f"id {cid!r} already used in row {seen[cid] + 2}")
        seen.setdefault(cid, position)
        if row["direction"] not in DIRECTIONS:
            problem(position, "direction", "no-verdict-rule", f"direction {row['direction']!r} has no verdict rule")
        if row["metric"] not in COMPONENTS:
            problem(position, "metric", "no-verdict-rule", f"metric {row['metric']!r} has no verdict rule")
        low, high = row.get("lead_months_low"), row.get("lead_months_high")
        if pd.notna(low) and pd.notna(high) and low > high:
            problem(position, "lead_months_low", "size-order", f"lead_months_low ({low:g}) above lead_months_high ({high:g})")
        if (pd.notna(low) or pd.notna(high)) and row["direction"] in ("parity", "china_lead"):
            column = "lead_months_low" if pd.notna(low) else "lead_months_high"
            problem(position, column, "size-direction", f"a US lead in months contradicts direction {row['direction']}")
        start, end = row.get("window_start"), row.get("window_end")
        if pd.notna(start) and pd.notna(end) and start > end:
            problem(position, "window_start", "window-order", "window_start after window_end")
    if problems:
        raise DataValidationError(problems, dataset="claims")
    return claims
