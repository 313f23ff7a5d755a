"""The de-duplication rules that turn Epoch's export into data/frontier_models.csv."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import REPO

from ailead import curate_eci, data

EXPORT_COLUMNS = [
    "Model version",
    "ECI Score",
    "Release date",
    "Organization",
    "Country",
    "Model accessibility",
    "Training compute (FLOP)",
    "Confidence",
    "Model name",
    "Description",
    "Display name",
]


def export(rows):
    return pd.DataFrame(rows, columns=EXPORT_COLUMNS)


def test_variants_of_one_model_become_one_row_with_the_earliest_date():
    rows = [
        ["m-1_16K", 140.0, "2025-04-29", "Lab", "China", "Open weights (unrestricted)", 1e24, "Likely", "M", None, "M 16K"],
        ["chutes/m-1", 140.0, "2025-04-28", "Lab", "China", None, None, None, "M", None, "M"],
        ["m-1_high", 140.0, "2025-04-30", "Lab", "China", None, 2e24, "Likely", "M", None, "M high"],
        ["unscored", None, "2025-01-01", "Lab", "China", None, None, None, "U", None, "U"],
        ["undated", 120.0, None, "Lab", "United States of America", "API access", None, None, "D", None, "D"],
    ]
    models = curate_eci.curate(export(rows))
    assert models["model"].tolist() == ["M"]
    row = models.iloc[0]
    assert row["release_date"] == "2025-04-28"
    assert row["accessibility"] == "Open weights (unrestricted)"  # first non-empty
    assert row["training_compute_flop"] == 1e24  # first non-empty, not the max
    assert bool(row["open_weights"]) is True
    assert row["source_url"] == curate_eci.ECI_PAGE


def test_unknown_accessibility_is_not_counted_as_closed():
    rows = [["x", 150.0, "2026-01-01", "Lab", "United States of America", None, None, None, "X", None, "X"]]
    models = curate_eci.curate(export(rows))
    assert models.iloc[0]["accessibility"] == "Unknown"
    assert pd.isna(models.iloc[0]["open_weights"])


SHARED_EXPORT = REPO.parent / "shared" / "reference" / "epoch_capabilities_index.csv"


@pytest.mark.skipif(not SHARED_EXPORT.is_file(), reason="reference copy of Epoch's export not present")
def test_curated_table_is_exactly_what_the_rules_give_from_the_reference_export():
    expected = curate_eci.to_csv(curate_eci.curate(pd.read_csv(SHARED_EXPORT)))
    assert (REPO / "data" / "frontier_models.csv").read_text(encoding="utf-8") == expected


def test_curated_table_validates_and_has_one_row_per_model():
    models = data.load("frontier_models")
    assert models["model"].is_unique
    assert set(models["country"]) >= {"United States of America", "China"}
