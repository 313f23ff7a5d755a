"""Every public claim about the US-China gap, Anthropic's included, scored
against the book's own data with the same rules.

* :mod:`~ailead.claims.rules`: the thresholds and the verdict rules
  (symmetric by construction);
* :mod:`~ailead.claims.measures`: the series claims are tested on (the ECI
  lag and its bounds, compute shares, the chip ceiling, the yardsticks);
* :mod:`~ailead.claims.assessment`: each claim's window, its tests and its
  verdict, the scorecard;
* :mod:`~ailead.claims.checks`: cross-field checks of the claims table;
* :mod:`~ailead.claims.sensitivity`: the verdicts with each constant varied;
* :mod:`~ailead.claims.windows`: every window of the data, classified.

Nothing here is typed in by hand per claim: change a constant and every
verdict is recomputed. The words readers see are written by
:mod:`ailead.wording`, the chapter's values and tables by
:mod:`ailead.chapters.ch05`.
"""

from .assessment import (
    SIDES,
    Assessment,
    Part,
    Window,
    assess,
    claim_status,
    claim_window,
    context,
    scorecard,
    stated_size,
    verdict_counts,
    verdicts,
    verdicts_by_side,
)
from .checks import validate_claims
from .measures import (
    Inputs,
    build_inputs,
    chip_advantage_on,
    compute_snapshot,
    lag_bounds,
    same_direction,
    score_gap,
    trend_window,
    us_open_lag,
    validate_ceiling,
    yardsticks,
)
from .rules import (
    COMPONENTS,
    CONTRADICTED,
    DIRECTIONS,
    LEVEL_DIRECTIONS,
    METRICS,
    MIXED,
    NOT_TESTABLE,
    RULES,
    SUPPORTED,
    TREND_DIRECTIONS,
    VERDICTS,
    WINDOW_CLASSES,
    Rules,
    combine,
    level_verdict,
    supported_range,
    trend_verdict,
    window_class,
)
from .sensitivity import CONSTANT_ROLES, SENSITIVITY, alternatives, change_kind, change_summary, sensitivity, sensitivity_changes
from .windows import claim_windows, window_families, window_grid, window_shares

__all__ = [
    "COMPONENTS",
    "CONSTANT_ROLES",
    "CONTRADICTED",
    "DIRECTIONS",
    "LEVEL_DIRECTIONS",
    "METRICS",
    "MIXED",
    "NOT_TESTABLE",
    "RULES",
    "SENSITIVITY",
    "SIDES",
    "SUPPORTED",
    "TREND_DIRECTIONS",
    "VERDICTS",
    "WINDOW_CLASSES",
    "Assessment",
    "Inputs",
    "Part",
    "Rules",
    "Window",
    "alternatives",
    "assess",
    "build_inputs",
    "change_kind",
    "change_summary",
    "chip_advantage_on",
    "claim_status",
    "claim_window",
    "claim_windows",
    "combine",
    "compute_snapshot",
    "context",
    "lag_bounds",
    "level_verdict",
    "same_direction",
    "score_gap",
    "scorecard",
    "sensitivity",
    "sensitivity_changes",
    "stated_size",
    "supported_range",
    "trend_verdict",
    "trend_window",
    "us_open_lag",
    "validate_ceiling",
    "validate_claims",
    "verdict_counts",
    "verdicts",
    "verdicts_by_side",
    "window_class",
    "window_families",
    "window_grid",
    "window_shares",
    "yardsticks",
]
