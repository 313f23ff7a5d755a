"""From the evidence to the share and delay of the distillation term."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .term import DELAY, SHARE, distilled_lag
from .timing import delay_signal


def implied_share(lag_observed, lag_own, delay_months) -> float:
    """The share that turns a follower's own lag into the observed lag.

    The inverse of :func:`distilled_lag` when the own lag exceeds the delay::

        share = (lag_own - lag_observed) / (lag_own - delay)

    Raises ``ValueError`` unless ``delay <= lag_observed <= lag_own`` and
    ``lag_own > delay`` (otherwise no share in [0, 1] gives that lag).
    """
    lag_observed, lag_own, delay = float(lag_observed), float(lag_own), float(delay_months)
    if delay < 0:
        raise ValueError("the distillation delay cannot be negative")
    if lag_own <= delay:
        raise ValueError("distillation cannot shorten a lag that is already within the delay")
    if not delay <= lag_observed <= lag_own:
        raise ValueError("the observed lag must lie between the delay and the follower's own lag")
    return (lag_own - lag_observed) / (lag_own - delay)


def derive_parameters(
    models: pd.DataFrame, lag_observed: float, lag_own_claimed: float, *, signal: dict | None = None, **signal_options
) -> dict:
    """The values ``data/distillation_parameters.csv`` records for share and delay,
    recomputed from the evidence (before rounding).

    Delay: high = the median catch-up delay in the ECI data (under
    :func:`distilled_lag` a lag that distillation sets is never shorter than
    the delay, so if distillation shaped the typical catch-up, the delay is
    at most the typical catch-up), low = the shortest catch-up delay,
    central = their midpoint.

    Share: low = 0 (no transfer measured), high = :func:`implied_share` if the
    follower's own lag were ``lag_own_claimed`` (the lower end of the lead
    Anthropic says can be locked in) and distillation alone explained the
    ``lag_observed`` months seen instead, central = half of high. Both ends
    are assumptions built on the evidence, not measurements. ``signal`` is
    :func:`~ailead.distillation.timing.delay_signal` output already computed
    for ``models`` (computed here when not given).
    """
    if signal is None:
        signal = delay_signal(models, **signal_options)
    delay_low, delay_high = signal["min"], signal["median"]
    delay_central = (delay_low + delay_high) / 2
    share_high = implied_share(lag_observed, lag_own_claimed, delay_central)
    return {
        SHARE: {"low": 0.0, "central": share_high / 2, "high": share_high},
        DELAY: {"low": delay_low, "central": delay_central, "high": delay_high},
        "signal": signal,
    }


def months_restored(lag_own, share, delay_months):
    """Months of lead that stopping distillation entirely would give back:
    the own lag minus :func:`distilled_lag` (vectorised)."""
    return np.asarray(lag_own, dtype=float) - distilled_lag(lag_own, share, delay_months)


def lag_curves(lag_own, shares: dict, delays: dict) -> pd.DataFrame:
    """Tidy table of :func:`distilled_lag` for charting: one row per own lag,
    named share and named delay (``shares``/``delays`` map labels to values).

    The curve is straight on either side of the delay, so the delay itself is
    added to the own lags of each curve (when it lies inside their range) and
    a line through the rows draws it exactly.
    """
    lag_own = np.asarray(lag_own, dtype=float)
    frames = []
    for delay_label, delay in delays.items():
        points = lag_own
        if lag_own.min() < delay < lag_own.max():
            points = np.unique(np.append(lag_own, float(delay)))
        for share_label, share in shares.items():
            frames.append(
                pd.DataFrame(
                    {
                        "lag_own": points,
                        "lag": distilled_lag(points, share, delay),
                        "share": share_label,
                        "share_value": float(share),
                        "delay": delay_label,
                        "delay_value": float(delay),
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)
