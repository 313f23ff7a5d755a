"""Distillation: what training on the leader's outputs does to the lag.

Four modules, each with one job:

* :mod:`~ailead.distillation.term`: the term the scenario model uses,
  :func:`distilled_lag`, and the names of its parameters;
* :mod:`~ailead.distillation.economics`: the list-price cost of the
  reported campaigns against training costs;
* :mod:`~ailead.distillation.timing`: China's catch-up delays on the
  capabilities index and a permutation test of their regularity;
* :mod:`~ailead.distillation.parameters`: from that evidence to the share
  and delay the model uses.

Every public name is re-exported here. Reader wording lives in
:mod:`ailead.wording`, reader tables in ``ailead/tables/specs.yaml`` and
the chapter's values in :mod:`ailead.chapters.ch03`.
"""

from __future__ import annotations

from .economics import (
    COST_GRADES,
    PROHIBITIVE_COST_PCT,
    SMALL_COST_PCT,
    TOKENS_PER_MILLION,
    campaign_cost_usd,
    cost_against_training,
    cost_grade,
    cost_range,
    cost_verdicts,
    parameter_cases,
    price_cases,
)
from .parameters import derive_parameters, implied_share, lag_curves, months_restored
from .term import CASES, DELAY, SHARE, TOKENS_IN, TOKENS_OUT, distilled_lag
from .timing import (
    EVIDENCE_BOUNDS,
    INCONCLUSIVE,
    NO_EVIDENCE,
    catch_up_delays,
    delay_signal,
    evidence_strength,
    leave_one_out,
    robust_grade,
    steps_per_leader,
    timing_robustness,
    timing_test,
)

__all__ = [
    "CASES",
    "COST_GRADES",
    "DELAY",
    "EVIDENCE_BOUNDS",
    "INCONCLUSIVE",
    "NO_EVIDENCE",
    "PROHIBITIVE_COST_PCT",
    "SHARE",
    "SMALL_COST_PCT",
    "TOKENS_IN",
    "TOKENS_OUT",
    "TOKENS_PER_MILLION",
    "campaign_cost_usd",
    "catch_up_delays",
    "cost_against_training",
    "cost_grade",
    "cost_range",
    "cost_verdicts",
    "delay_signal",
    "derive_parameters",
    "distilled_lag",
    "evidence_strength",
    "implied_share",
    "lag_curves",
    "leave_one_out",
    "months_restored",
    "parameter_cases",
    "price_cases",
    "robust_grade",
    "steps_per_leader",
    "timing_robustness",
    "timing_test",
]
