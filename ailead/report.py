"""Paste computed values into the book's prose with myst-nb ``glue``."""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd
from myst_nb import glue


def plain(value):
    """A plain Python value: NumPy 2 scalars break glue's format specs.

    Floats are rounded to twelve significant digits so stored outputs are
    the same on every machine.
    """
    if isinstance(value, pd.Timestamp):
        return value.strftime("%-d %B %Y")
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        # Twelve significant digits: far more than any prose format shows, and
        # free of the last-digit noise that differs between CPUs.
        return float(f"{float(value):.12g}")
    return value


def glue_values(**values) -> None:
    """Glue each keyword as a named value without displaying it."""
    for name, value in values.items():
        glue(name, plain(value), display=False)


def glue_chart(name: str, chart) -> None:
    """Glue an Altair chart for a ``{glue:figure}`` directive."""
    glue(name, chart, display=False)
