"""ailead.report (glue values) and ailead.tables (reader-facing tables)."""

import numpy as np
import pandas as pd
import pytest

from ailead import report, tables


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
    html = tables.render(frame, formats={"value": "{:.1f}"}).data
    assert "<td>1.2</td>" in html and "<td>2025-01-02</td>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<a href="https://www.example.org/a?b=1&amp;c=2">example.org</a>' in html
    assert html.count("<td>–</td>") == 4
    assert "<th></th>" not in html  # no index column


def test_show_uses_the_spec_labels_order_and_formats():
    frame = pd.DataFrame(
        {
            "statistic": ["mean"],
            "published_months": [7.0],
            "project_months": [7.91],
            "difference_months": [0.91],
            "date": [pd.NaT],
            "chinese_model": [None],
            "us_model_matched": [None],
            "extra": ["dropped"],
        }
    )
    html = tables.show("gap.external_check", frame).data
    assert html.index("Statistic") < html.index("Epoch AI (months)") < html.index("This book (months)")
    assert "<td>7.9</td>" in html and "dropped" not in html


def test_show_names_the_missing_column():
    with pytest.raises(KeyError, match="published_months"):
        tables.show("gap.external_check", pd.DataFrame({"statistic": ["mean"]}))


def test_render_rejects_formats_for_absent_columns():
    with pytest.raises(KeyError, match="nope"):
        tables.render(pd.DataFrame({"a": [1]}), formats={"nope": "{:g}"})
