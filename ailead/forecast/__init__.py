"""Forecast engine of the lag (issue 13); design note to follow."""

from .evaluate import hindcast, rolling_backtest, skill
from .policy import robustness, simulate

__all__ = ["hindcast", "robustness", "rolling_backtest", "simulate", "skill"]
