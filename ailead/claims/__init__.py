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
* :mod:`~ailead.claims.windows`: every window of the data, classified;
* :mod:`~ailead.claims.sawtooth`: the calibrated trend rule and its
  no-trend null (:func:`trend_verdict`);
* :mod:`~ailead.claims.noise`: the ECI score noise and the lag under it;
* :mod:`~ailead.claims.robustness`: whether each verdict survives other
  windows and the noise.

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
    calibrated_trend,
    chip_advantage_on,
    compute_snapshot,
    lag_bounds,
    lag_mean,
    same_direction,
    score_gap,
    trend_window,
    us_open_lag,
    validate_ceiling,
    yardsticks,
)
from .noise import NOISE_DRAWS, NOISE_LEVEL, noisy_lags, score_noise, snapshot_groups
from .robustness import FRAGILE, ROBUST, robustness, robustness_counts, robustness_table, window_variant
from .rules import (
    CALIBRATED_LEVEL,
    COMPONENTS,
    CONTRADICTED,
    DIRECTIONS,
    LEVEL_DIRECTIONS,
    LEVEL_MEAN_DAYS,
    METRICS,
    MIXED,
    NOT_TESTABLE,
    READINGS,
    ROBUSTNESS_WINDOWS,
    RULES,
    SUPPORTED,
    TREND_DIRECTIONS,
    VERDICTS,
    WINDOW_CLASSES,
    Rules,
    claim_trend_verdict,
    combine,
    interval_trend_verdict,
    level_verdict,
    supported_range,
    window_class,
)
from .sawtooth import Sawtooth, calibration, fit_sawtooth, simulate_null, trend_test, trend_verdict
from .sensitivity import CONSTANT_ROLES, SENSITIVITY, alternatives, change_kind, change_summary, sensitivity, sensitivity_changes
from .windows import claim_windows, window_families, window_grid, window_shares

__all__ = [
    "Assessment",
    "CALIBRATED_LEVEL",
    "COMPONENTS",
    "CONSTANT_ROLES",
    "CONTRADICTED",
    "DIRECTIONS",
    "FRAGILE",
    "Inputs",
    "LEVEL_DIRECTIONS",
    "LEVEL_MEAN_DAYS",
    "METRICS",
    "MIXED",
    "NOISE_DRAWS",
    "NOISE_LEVEL",
    "NOT_TESTABLE",
    "Part",
    "READINGS",
    "ROBUST",
    "ROBUSTNESS_WINDOWS",
    "RULES",
    "Rules",
    "SENSITIVITY",
    "SIDES",
    "SUPPORTED",
    "Sawtooth",
    "TREND_DIRECTIONS",
    "VERDICTS",
    "WINDOW_CLASSES",
    "Window",
    "alternatives",
    "assess",
    "build_inputs",
    "calibrated_trend",
    "calibration",
    "change_kind",
    "change_summary",
    "chip_advantage_on",
    "claim_status",
    "claim_trend_verdict",
    "claim_window",
    "claim_windows",
    "combine",
    "compute_snapshot",
    "context",
    "fit_sawtooth",
    "interval_trend_verdict",
    "lag_bounds",
    "lag_mean",
    "level_verdict",
    "noisy_lags",
    "robustness",
    "robustness_counts",
    "robustness_table",
    "same_direction",
    "score_gap",
    "score_noise",
    "scorecard",
    "sensitivity",
    "sensitivity_changes",
    "simulate_null",
    "snapshot_groups",
    "stated_size",
    "supported_range",
    "trend_test",
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
    "window_variant",
    "yardsticks",
]
