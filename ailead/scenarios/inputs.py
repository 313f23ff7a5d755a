"""The two worlds read from ``data/``, and the measured-lag calibration target."""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache

import pandas as pd

from .. import data, gap
from ..constants import WINDOW_START
from .model import (
    END,
    FROM_DISTILLATION_TABLE,
    FROM_SCENARIO_TABLE,
    MEASURED_LAG,
    PARAMETERS,
    SCENARIOS,
    Parameter,
    Scenario,
)

#: Months of measured lag averaged into the calibration target.
CALIBRATION_WINDOW_MONTHS = 12


def _row(table: pd.DataFrame, name: str, scenario: str | None) -> pd.Series:
    rows = table[table["parameter"] == name]
    if scenario is not None and "scenario" in table.columns:
        rows = rows[rows["scenario"].isin(["both", scenario])]
    if len(rows) != 1:
        where = f" for scenario {scenario!r}" if scenario else ""
        raise ValueError(f"expected one row for parameter {name!r}{where}, found {len(rows)}")
    return rows.iloc[0]


def _parameter(row: pd.Series) -> Parameter:
    central = float(row["central"])
    low = central if pd.isna(row["low"]) else float(row["low"])
    high = central if pd.isna(row["high"]) else float(row["high"])
    return Parameter(
        name=str(row["parameter"]),
        central=central,
        low=low,
        high=high,
        source_url=str(row["source_url"]),
        confidence=str(row["confidence"]),
        note="" if pd.isna(row["note"]) else str(row["note"]),
    )


def measured_lag(models: pd.DataFrame, start, window_months: int = CALIBRATION_WINDOW_MONTHS) -> Parameter:
    """The calibration target: the measured lag before ``start``.

    Uses only models released before ``start``. Central is the mean daily
    lag over the ``window_months`` before the start, up to and including the
    day before it: the days after the last release known then count too,
    because with no release between them the lag on those days is fully
    determined (it grows a day per day). Low and high are the 10th and 90th
    percentiles of the daily lag over that window, because the daily lag is
    a sawtooth (it grows a month per month and drops when China releases)
    and the level the model stands for lies somewhere inside it.
    """
    start = pd.Timestamp(start)
    known = models[models["release_date"] < start]
    if known.empty:
        raise ValueError(f"no models released before {start.date()}")
    end = start - pd.Timedelta(days=1)
    window_start = start - pd.DateOffset(months=window_months)
    lag = gap.lag_frame(known, start=WINDOW_START, end=end)["lag_months"]
    stats = gap.summarize(lag, window_start, end)
    window = lag.loc[window_start:end].dropna()
    low, high = (float(x) for x in window.quantile([0.1, 0.9]))
    return Parameter(
        name=MEASURED_LAG,
        central=stats["mean"],
        low=min(low, stats["mean"]),
        high=max(high, stats["mean"]),
        source_url="https://epoch.ai/benchmarks/eci",
        confidence="high",
        note=(
            f"Computed by ailead.gap from frontier_models: mean daily lag {window_start.date()} to {end.date()}; "
            "range: its 10th to 90th percentile."
        ),
    )


def model_start(models: pd.DataFrame) -> pd.Timestamp:
    """The first day of the month after the last release in the data."""
    last = pd.Timestamp(models["release_date"].max())
    return (last + pd.offsets.MonthBegin(1)).normalize()


def build(models: pd.DataFrame, scenario_table: pd.DataFrame, distillation_table: pd.DataFrame, end=END) -> dict[str, Scenario]:
    """The ``act`` and ``drift`` scenarios from the three tables."""
    start = model_start(models)
    lag = measured_lag(models, start)
    scenarios = {}
    for name in SCENARIOS:
        parameters = {n: _parameter(_row(scenario_table, n, name)) for n in FROM_SCENARIO_TABLE}
        parameters.update({n: _parameter(_row(distillation_table, n, None)) for n in FROM_DISTILLATION_TABLE})
        parameters[MEASURED_LAG] = lag
        scenarios[name] = Scenario(name, parameters, start, pd.Timestamp(end))
    return scenarios


@lru_cache(maxsize=4)
def _load(folder: str, stamp: tuple) -> dict[str, Scenario]:
    return build(data.load("frontier_models"), data.load("scenario_parameters"), data.load("distillation_parameters"))


def load() -> dict[str, Scenario]:
    """Both scenarios, read and validated from ``data/`` (cached until a file changes)."""
    folder = data.data_dir()
    names = ["datapackage.json", "frontier_models.csv", "scenario_parameters.csv", "distillation_parameters.csv"]
    stamp = tuple((n, os.stat(folder / n).st_mtime_ns) if (folder / n).exists() else (n, None) for n in names)
    return _load(str(folder), stamp)


def get(name: str) -> Scenario:
    """One scenario by name (``"act"`` or ``"drift"``)."""
    if name not in SCENARIOS:
        raise KeyError(f"unknown scenario {name!r}; choose from {', '.join(SCENARIOS)}")
    return load()[name]


#: The columns two scenarios' rows must agree on to be listed once, as "both".
PARAMETER_TABLE_MERGE_ON = ["central", "low", "high", "confidence", "source_url"]


def parameter_table(scenarios: Mapping[str, Scenario]) -> pd.DataFrame:
    """Every input of every scenario, with its range, confidence and source.

    One row per parameter (column ``parameter``: its name in
    :data:`~ailead.scenarios.model.PARAMETERS`) and world, or one row with
    world ``"both"`` when the worlds agree on everything shown."""
    rows = []
    for name in PARAMETERS:
        for scenario_name, scenario in scenarios.items():
            p = scenario.parameters[name]
            rows.append(
                {
                    "parameter": name,
                    "scenario": scenario_name,
                    "central": p.central,
                    "low": p.low,
                    "high": p.high,
                    "confidence": p.confidence,
                    "source_url": p.source_url,
                }
            )
    frame = pd.DataFrame(rows)
    # A parameter is listed once, as "both", only when the worlds agree on
    # everything shown: its values *and* its source and confidence. Rows
    # that share a value but not a source stay separate, so every row
    # shows the source its own value comes from.
    same = frame.groupby("parameter", sort=False)[PARAMETER_TABLE_MERGE_ON].nunique(dropna=False).max(axis=1) == 1
    keep = frame["parameter"].map(~same) | ~frame.duplicated("parameter")
    frame = frame[keep].copy()
    frame.loc[frame["parameter"].map(same), "scenario"] = "both"
    return frame.reset_index(drop=True)
