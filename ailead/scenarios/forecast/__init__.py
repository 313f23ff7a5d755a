"""A forecast of the lag itself, scored against baselines (issue 13).

What is simulated
-----------------
The quantity the book measures: the daily lag of China's ECI frontier
behind the US's, computed by the rule in :mod:`ailead.gap`. Both frontiers
are simulated, not a compute ratio:

* **When a frontier moves** (:mod:`.releases`): each country's frontier
  steps come from a gamma renewal process fitted by maximum likelihood to
  the gaps between its frontier steps (the wait since the last step is a
  censored gap). A renewal process rather than a Poisson one because it
  lets the first simulated step depend on how long the country has already
  waited on the last data day; the Poisson process is its shape-1 special
  case, and the fitted shapes (about 1.5) say steps come a little more
  regularly than Poisson ones.
* **How far the US moves**: each US step raises the frontier by a step size
  drawn from the measured US step sizes.
* **Where China lands**: a Chinese frontier step scores what the US
  frontier stood at a *reset lag* earlier, the reset lag drawn (smoothed
  bootstrap) from the lags measured on the days of China's frontier steps
  over the calibration window (12 months by default). Between steps the
  lag grows a day per day; that is the sawtooth.
* **Policy paths** (:mod:`.policy`, :mod:`.compute`): the act and drift
  worlds move China's releases away from the status quo by
  ``(1 - retained) * catch_up - slope * log10(R(tau) / R0)`` ECI points:
  China's installed compute relative to the US's, ``R``, follows the four
  channels of ``scenario_parameters.csv`` (domestic accelerators, legal
  imports, smuggling, remote access; dependent draws through a one-factor
  Gaussian copula, correlation 0.5, because the rows are chained from the
  same figures); ``slope`` is the fitted ECI points per tenfold compute and
  ``catch_up`` how far Chinese releases beat their compute-predicted score
  (:mod:`.capability`), disrupted in the act world by
  ``distillation_share_retained``.
* **Observation noise**: estimated from the frontier steps (about 1.6
  points, :func:`.capability.observation_noise`). The bootstrapped step
  sizes and reset lags are measured on noisy scores and so already carry
  it; the default adds none on top (adding it double-counts and biases the
  lag down), and :func:`robustness` shows what 1 or 2 extra points do.
* **Start**: the state on the last data day: the real frontiers, the lag
  that day, and the time since each country's last frontier step.
* **Uncertainty**: the release process (timing, sizes, reset lags) and
  parameter uncertainty (each draw has its own renewal rates, its own
  bootstrap replicate of sizes and reset lags, its own slope, catch-up and
  policy inputs). Common random numbers across the worlds.
* **The lag**: :func:`.engine.lag_on_days` applies
  :func:`ailead.gap.match_to_leader` to every draw at once; the tests check
  it equals :func:`ailead.gap.lag_frame` on the same simulated releases.

Inputs and their vintage in the backtest
----------------------------------------
=====================================  =========================================
input                                  vintage at a backtest origin
=====================================  =========================================
release dates, ECI scores (frontier)   rows released before the origin only
renewal fits, step sizes, reset lags   fitted on those rows only
observation-noise estimate             those rows only (reported, not added)
capability slope, catch-up term        not used: the backtest scores the
                                       status quo
policy rows (scenario_parameters)      not used: published 2025-2026, about
                                       the years after the data
ECI scores themselves                  Epoch AI's current vintage: Epoch
                                       revises past scores; earlier vintages
                                       are not available
=====================================  =========================================

API
---
``simulate(scenario_name, n=10_000, seed=0, end="2028-12-01")``: lag on a
monthly grid, one row per draw (``act``, ``drift`` or ``status_quo``).
``rolling_backtest()``: one row per origin, horizon and forecaster.
``skill(backtest)``: means by horizon and forecaster with CRPS ratios.
``robustness()``: the act and drift answers across the variants.
``hindcast()``: the 2023-2026 statistics against the model's range.
``acceptance(backtest, hindcast, robustness)``: every criterion of issue 13
with its measured figure. ``difference()``: act minus drift, draw by draw.
``capability_report()``: the slope, its out-of-sample error, the catch-up
term and the noise. ``tornado(scenario)``: the median lag on the end date
with one drawn input at a time held at its low and high end.

From :mod:`ailead.scenarios` these are ``simulate_lag``, ``lag_difference``,
``lag_outcome`` and ``lag_tornado`` (``simulate``, ``tornado`` and the rest
there belong to the compute model behind the in-browser explorer).
"""

from .evaluate import acceptance, hindcast, rolling_backtest, skill
from .policy import capability_report, difference, input_ranges, outcome, robustness, simulate, tornado

__all__ = [
    "acceptance",
    "capability_report",
    "difference",
    "hindcast",
    "input_ranges",
    "outcome",
    "robustness",
    "rolling_backtest",
    "simulate",
    "skill",
    "tornado",
]
