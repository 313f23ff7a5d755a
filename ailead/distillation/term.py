"""The distillation term of the scenario model, and the names of its parameters.

The term used by the scenario model. A follower that distils the leader's
released models can absorb a share ``share`` of the leader's capability
gains, but only after a delay ``delay_months`` (the time to collect outputs,
train and release). In lag terms, the part of the lag beyond the delay is cut
by that share::

    lag = lag_own - share * max(lag_own - delay, 0)

so ``share = 0`` leaves the follower's own lag unchanged, ``share = 1`` caps
the lag at the delay, and a larger share or a shorter delay never lengthens
the lag. When the leader's capability grows at a steady exponential rate,
absorbing a share of the capability gap is the same as absorbing that share
of the time gap, which is why the term can act on months directly.
"""

from __future__ import annotations

import numpy as np


def distilled_lag(lag_own, share, delay_months):
    """The follower's lag once distillation is taken into account.

    Vectorised over NumPy arrays (parameters broadcast against the lag).
    Raises ``ValueError`` for a share outside [0, 1] or a negative delay.
    """
    share = np.asarray(share, dtype=float)
    delay = np.asarray(delay_months, dtype=float)
    if np.any((share < 0) | (share > 1)):
        raise ValueError("the distillation share must lie between 0 and 1")
    if np.any(delay < 0):
        raise ValueError("the distillation delay cannot be negative")
    lag_own = np.asarray(lag_own, dtype=float)
    return lag_own - share * np.maximum(lag_own - delay, 0.0)


#: The three cases every range in this package is reported in, in order.
CASES = ("low", "central", "high")

#: Parameter names in ``data/distillation_parameters.csv`` (the scenario
#: chapter reads the first two by these exact names).
SHARE = "distillation_share"
DELAY = "distillation_delay_months"
TOKENS_IN = "tokens_in_per_exchange"
TOKENS_OUT = "tokens_out_per_exchange"
