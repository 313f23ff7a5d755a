"""ailead.report: glue values and reader-facing tables."""

import numpy as np
import pandas as pd

from ailead import report


def test_plain_turns_numpy_scalars_and_dates_into_python_values():
    assert type(report.plain(np.float64(1.5))) is float
    assert type(report.plain(np.int64(3))) is int
    assert report.plain(np.bool_(True)) is True
    assert report.plain(pd.Timestamp("2026-01-02")) == "2 January 2026"


def test_table_formats_escapes_and_links():
    frame = pd.DataFrame(
        {
            "value": [1.234, np.nan],
            "when": pd.to_datetime(["2025-01-02", None]),
            "text": ["<script>alert(1)</script>", None],
            "source_url": ["https://www.example.org/a?b=1&c=2", None],
        }
    )
    html = report.table(frame, formats={"value": "{:.1f}"}).data
    assert "<td>1.2</td>" in html and "<td>2025-01-02</td>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<a href="https://www.example.org/a?b=1&amp;c=2">example.org</a>' in html
    assert html.count("<td>–</td>") == 4
    assert "<th></th>" not in html  # no index column
