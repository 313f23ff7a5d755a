"""Paste computed values into the book's prose with myst-nb ``glue``."""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd
from IPython.display import HTML
from myst_nb import glue


def plain(value):
    """A plain Python value: NumPy 2 scalars break glue's format specs."""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%-d %B %Y")
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    return value


def glue_values(**values) -> None:
    """Glue each keyword as a named value without displaying it."""
    for name, value in values.items():
        glue(name, plain(value), display=False)


def glue_chart(name: str, chart) -> None:
    """Glue an Altair chart for a ``{glue:figure}`` directive."""
    glue(name, chart, display=False)


def table(frame: pd.DataFrame, formats: dict[str, str] | None = None) -> HTML:
    """A reader-facing table: no index, numbers formatted, text escaped.

    ``formats`` maps column names to format specs such as ``"{:.1f}"``;
    dates print as ISO days and missing values as a dash. Unlike a pandas
    Styler the HTML carries no random ids, so stored outputs stay stable.
    """
    shown = frame.copy()
    for column in shown.columns:
        spec = (formats or {}).get(column)
        values = shown[column]
        if spec is not None:
            shown[column] = [("–" if pd.isna(v) else spec.format(v)) for v in values]
        elif pd.api.types.is_datetime64_any_dtype(values):
            shown[column] = [("–" if pd.isna(v) else v.strftime("%Y-%m-%d")) for v in values]
        else:
            shown[column] = [("–" if v is None or (not isinstance(v, str) and pd.isna(v)) else v) for v in values]
    return HTML(shown.to_html(index=False, escape=True, border=0, classes="ailead-table"))
