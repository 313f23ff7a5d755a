"""Derive ``data/frontier_models.csv`` from Epoch AI's Capabilities Index export.

Run once by a maintainer when a new vintage of the export is taken::

    python -m ailead.curate_eci path/to/epoch_capabilities_index.csv > data/frontier_models.csv

The book never reads the export itself; it reads the curated table.

De-duplication rules (also written into the dataset description):

1. Rows without an ECI score are dropped.
2. The export repeats one model for every evaluation setting (reasoning-effort
   variants such as ``_16K`` or ``_high``, thinking modes) and hosting provider
   (``chutes/``, ``fireworks/``). Epoch's ``Model name`` column names the
   underlying model, and every row of one ``Model name`` carries the same ECI
   score, so rows are grouped by ``Model name`` into one row per model.
3. Within a group: the release date is the earliest one listed (the first day
   the model was available anywhere); accessibility, organisation, country,
   confidence and training compute take the first non-empty value in the
   export's order; the display name is Epoch's ``Display name`` of that row.
4. A model with no release date in any of its rows is dropped (it cannot be
   placed on the timeline).
"""

from __future__ import annotations

import sys

import pandas as pd

ECI_PAGE = "https://epoch.ai/benchmarks/eci"

OPEN_WEIGHTS = {
    "Open weights (unrestricted)",
    "Open weights (restricted use)",
    "Open weights (non-commercial)",
}

COLUMNS = [
    "model",
    "organization",
    "country",
    "release_date",
    "eci_score",
    "accessibility",
    "open_weights",
    "training_compute_flop",
    "epoch_confidence",
    "source_url",
]


def _first(values: pd.Series):
    present = values.dropna()
    return present.iloc[0] if len(present) else pd.NA


def curate(export: pd.DataFrame) -> pd.DataFrame:
    """Apply the de-duplication rules above; one row per model, sorted."""
    scored = export[export["ECI Score"].notna()].copy()
    scored["Release date"] = pd.to_datetime(scored["Release date"], format="%Y-%m-%d")
    grouped = scored.groupby("Model name", sort=False)
    models = pd.DataFrame(
        {
            "model": grouped["Model name"].first(),
            "organization": grouped["Organization"].agg(_first),
            "country": grouped["Country"].agg(_first),
            "release_date": grouped["Release date"].min(),
            "eci_score": grouped["ECI Score"].first().round(3),
            "accessibility": grouped["Model accessibility"].agg(_first).fillna("Unknown"),
            "training_compute_flop": grouped["Training compute (FLOP)"].agg(_first),
            "epoch_confidence": grouped["Confidence"].agg(_first).fillna("Unknown"),
        }
    )
    models = models[models["release_date"].notna()].copy()
    # Unknown accessibility stays unknown rather than counting as closed.
    models["open_weights"] = models["accessibility"].map(lambda a: pd.NA if a == "Unknown" else a in OPEN_WEIGHTS)
    models["source_url"] = ECI_PAGE
    models["release_date"] = models["release_date"].dt.strftime("%Y-%m-%d")
    return models[COLUMNS].sort_values(["release_date", "model"]).reset_index(drop=True)


def to_csv(models: pd.DataFrame) -> str:
    frame = models.copy()
    frame["open_weights"] = frame["open_weights"].map({True: "true", False: "false"}).fillna("")
    frame["training_compute_flop"] = frame["training_compute_flop"].map(lambda v: "" if pd.isna(v) else f"{float(v):.4g}")
    return frame.to_csv(index=False, lineterminator="\n")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    export = pd.read_csv(argv[1])
    sys.stdout.write(to_csv(curate(export)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
