"""How the model is tied to the measured lag at its start.

Every draw reproduces the measured lag at the start (``measured_lag_months``,
computed by :func:`ailead.scenarios.inputs.measured_lag`); :func:`calibration`
says what that takes for one set of values: the own lag distillation turns
into the measured lag, and the efficiency factor on China's compute ratio.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .model import (
    ALGO_GROWTH,
    DISTIL_DELAY,
    DISTIL_SHARE,
    MEASURED_LAG,
    START_RATIO,
    US_GROWTH,
    own_lag_today,
    ratio_to_lag_months,
)


def calibration(values: Mapping[str, float]) -> dict:
    """How the model is tied to the measured lag, for one set of values.

    * ``raw_lag_months``: the lag the installed-compute ratio alone implies
      (``ratio_to_lag_months(1 / R0, G)``);
    * ``own_lag_months``: the own lag that distillation turns into the
      measured lag (:func:`own_lag_today`);
    * ``offset_months``: own minus raw, the correction calibration applies;
    * ``efficiency_factor``: the multiplier on China's compute ratio that
      closes it (above 1: China gets more capability per unit of measured
      compute than the ratio implies), ``G ** (-offset / 12)``.
    """
    growth = float(values[US_GROWTH]) * float(values[ALGO_GROWTH])
    raw = float(ratio_to_lag_months(1.0 / float(values[START_RATIO]), growth))
    own = float(own_lag_today(values[MEASURED_LAG], values[DISTIL_SHARE], values[DISTIL_DELAY]))
    offset = own - raw
    return {
        "measured_lag_months": float(values[MEASURED_LAG]),
        "raw_lag_months": raw,
        "own_lag_months": own,
        "offset_months": offset,
        "efficiency_factor": float(np.exp(-offset / 12.0 * np.log(growth))),
        "effective_growth": growth,
    }
