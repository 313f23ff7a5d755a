"""China's compute under a policy path, from the four channels.

China's installed AI compute relative to the US's, ``R``, starts at
``china_to_us_installed_compute_ratio`` (``R0``). Each year China adds
compute equal to a fraction ``f`` of what the US adds, ``f`` the sum of the
four channels of ``data/scenario_parameters.csv`` (domestic accelerators,
legal imports, smuggling, remote access) for the policy path; the US stock
grows by ``us_installed_compute_growth`` (``g``) a year, so::

    R(tau) = f + (R0 - f) * g ** -tau        (tau in years from the start)

What the forecast uses is the *change* ``log10(R(tau) / R0)``: the measured
frontiers already carry China's compute position on the last data day, and
a policy path moves China's releases away from that status quo by
``slope * log10(R(tau) / R0)`` ECI points (``slope``: points per tenfold
compute, :mod:`.capability`).

Dependent draws
---------------
Each uncertain row is drawn from a triangular distribution over (low,
central, high). The four channels are chained from shared figures (the
Huawei-to-Nvidia compute ratio cited in Anthropic's essay enters the
domestic, legal-import, smuggling and remote-access rows; Grunewald's 2026
estimate enters three of them), so their uniforms come from a one-factor
Gaussian copula: ``z_i = sqrt(rho) * Z + sqrt(1 - rho) * e_i`` with one
common factor ``Z`` per draw, ``u_i = Phi(z_i)``. ``rho`` =
:data:`SHARED_SOURCE_CORRELATION` is an assumption (no source gives a joint
distribution); ``rho = 0`` gives independent draws, and the robustness table
shows both.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

START_RATIO = "china_to_us_installed_compute_ratio"
STOCK_GROWTH = "us_installed_compute_growth"
DOMESTIC = "china_domestic_share_of_us_compute"
LEGAL = "china_legal_imports_share_of_us_compute"
SMUGGLED = "china_smuggled_share_of_us_compute"
REMOTE = "china_remote_access_share_of_us_compute"
RETAINED = "distillation_share_retained"
CHANNELS = (DOMESTIC, LEGAL, SMUGGLED, REMOTE)
#: Every row a policy path reads, in the order random numbers are drawn.
INPUTS = (START_RATIO, STOCK_GROWTH, *CHANNELS, RETAINED)
POLICY_PATHS = ("act", "drift")

#: Correlation of the copula's normals for any two channels (assumption).
SHARED_SOURCE_CORRELATION = 0.5


def path_rows(table: pd.DataFrame, scenario: str) -> dict[str, tuple[float, float, float]]:
    """``{parameter: (low, central, high)}`` for one policy path.

    A missing low or high is the central value. Raises ``ValueError`` naming
    the file, parameter and scenario when a row is missing or ambiguous.
    """
    if scenario not in POLICY_PATHS:
        raise ValueError(f"unknown scenario {scenario!r}; expected one of {POLICY_PATHS}")
    out = {}
    for name in INPUTS:
        rows = table[(table["parameter"] == name) & table["scenario"].isin(["both", scenario])]
        if len(rows) != 1:
            raise ValueError(
                f"scenario_parameters.csv: expected one row for parameter {name!r} in scenario {scenario!r}, found {len(rows)}"
            )
        row = rows.iloc[0]
        central = float(row["central"])
        low = central if pd.isna(row["low"]) else float(row["low"])
        high = central if pd.isna(row["high"]) else float(row["high"])
        if not low <= central <= high:
            raise ValueError(f"scenario_parameters.csv, row {row['id']!r}: central must lie between low and high")
        out[name] = (low, central, high)
    return out


def triangular(u, low: float, mode: float, high: float) -> np.ndarray:
    """Quantile ``u`` of the triangular distribution (``scipy.stats.triang``)."""
    u = np.asarray(u, dtype=float)
    if high <= low:
        return np.full(u.shape, float(mode))
    return stats.triang.ppf(u, (mode - low) / (high - low), loc=low, scale=high - low)


def uniforms(rng: np.random.Generator, n: int, correlation: float = SHARED_SOURCE_CORRELATION) -> dict[str, np.ndarray]:
    """Uniform numbers for every input; the channels through the copula.

    Always draws the same normals in the same order, so common random
    numbers hold across scenarios and across ``correlation``.
    """
    z = rng.standard_normal((n, len(INPUTS) + 1))
    common, own = z[:, :1], z[:, 1:]
    out = {}
    for i, name in enumerate(INPUTS):
        if name in CHANNELS:
            x = np.sqrt(correlation) * common[:, 0] + np.sqrt(1 - correlation) * own[:, i]
        else:
            x = own[:, i]
        out[name] = stats.norm.cdf(x)
    return out


def draw(rows: dict[str, tuple[float, float, float]], u: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Values of every input from its uniforms."""
    return {name: triangular(u[name], *rows[name]) for name in INPUTS}


def log10_ratio_change(values: dict[str, np.ndarray], tau) -> np.ndarray:
    """``log10(R(tau) / R0)`` for each draw (rows) and time (``tau``, years)."""
    tau = np.asarray(tau, dtype=float)
    r0 = np.asarray(values[START_RATIO], dtype=float)[..., None]
    f = sum(np.asarray(values[c], dtype=float) for c in CHANNELS)[..., None]
    g = np.asarray(values[STOCK_GROWTH], dtype=float)[..., None]
    ratio = f + (r0 - f) * g ** (-tau)
    return np.log10(ratio / r0)
