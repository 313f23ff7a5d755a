"""Paste computed values into the book's prose with myst-nb ``glue``."""

from __future__ import annotations

import html
import numbers
from urllib.parse import urlparse

import numpy as np
import pandas as pd
from IPython.display import HTML
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


def _is_url(value) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://"))


def _link(url: str) -> str:
    # The host names the source in a few characters; the full address is the href.
    host = urlparse(url).netloc.removeprefix("www.")
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(host)}</a>'


def table(frame: pd.DataFrame, formats: dict[str, str] | None = None) -> HTML:
    """A reader-facing table: no index, numbers formatted, text escaped.

    ``formats`` maps column names to format specs such as ``"{:.1f}"``;
    dates print as ISO days and missing values as a dash. A column holding
    only web addresses becomes links named by the site. Unlike a pandas
    Styler the HTML carries no random ids, so stored outputs stay stable.
    """
    shown = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        spec = (formats or {}).get(column)
        values = frame[column]
        present = [v for v in values if not (v is None or (not isinstance(v, str) and pd.isna(v)))]
        if spec is not None:
            cells = [("–" if pd.isna(v) else html.escape(spec.format(v))) for v in values]
        elif pd.api.types.is_datetime64_any_dtype(values):
            cells = [("–" if pd.isna(v) else v.strftime("%Y-%m-%d")) for v in values]
        elif present and all(_is_url(v) for v in present):
            cells = [(_link(v) if _is_url(v) else "–") for v in values]
        else:
            cells = [
                ("–" if v is None or (not isinstance(v, str) and pd.isna(v)) else html.escape(str(v)))
                for v in values
            ]
        shown[html.escape(str(column))] = cells
    # Every cell was escaped above, so the links are the only markup.
    return HTML(shown.to_html(index=False, escape=False, border=0, classes="ailead-table"))
