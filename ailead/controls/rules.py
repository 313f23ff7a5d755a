"""How BIS measures an AI chip and which chips its ECCN 3A090 thresholds catch.

Definitions (BIS, Technical Notes to ECCN 3A090, 88 FR 73458, 25 Oct 2023):

* **Total processing performance** (TPP) is ``2 x MacTOPS x bit length of the
  operation``, aggregated over all processing units on the chip. MacTOPS is
  the theoretical peak of tera multiply-accumulate operations per second; one
  MAC counts as two operations on a datasheet, so ``2 x MacTOPS`` is the
  datasheet's dense TOPS (or TFLOPS) figure. Dense values are used, never
  sparse ones. BIS's own example: the 4800 threshold is met by 600 TOPS
  (2 x 300 MacTOPS) at 8 bits, or by 300 TFLOPS (2 x 150 MacTOPS) at 16 bits.
  A chip has one TPP per precision; the rule counts the highest, and the
  book takes the maximum over every precision listed in ``accelerators.csv``
  (INT8, BF16, FP8 and FP4; TF32, FP32 and FP64 always give less).
* **Performance density** is TPP divided by the "applicable die area" in
  square millimetres (all logic dies made on a non-planar-transistor node).

Every threshold is a named constant citing the rule that set it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..constants import US

# ---------------------------------------------------------------------------
# Thresholds, each from the Federal Register text that set it.
# ---------------------------------------------------------------------------

#: ECCN 3A090.a as created by the 7 Oct 2022 rule (87 FR 62186, 13 Oct 2022):
#: an IC was controlled only if BOTH its bit length x TOPS reached 4800 AND its
#: aggregate bidirectional I/O rate (to chips other than memory) reached
#: 600 GB/s.
TPP_2022 = 4800
IO_BANDWIDTH_2022_GB_S = 600

#: ECCN 3A090 as revised on 17 Oct 2023 (88 FR 73458, 25 Oct 2023; effective
#: 17 Nov 2023), which dropped the I/O test.
#: 3A090.a.1: TPP >= 4800.
TPP_2023_A = 4800
#: 3A090.a.2: TPP >= 1600 and performance density >= 5.92.
TPP_2023_A2 = 1600
PD_2023_A = 5.92
#: 3A090.b.1: 2400 <= TPP < 4800 and 1.6 <= performance density < 5.92.
TPP_2023_B1 = 2400
PD_2023_B1 = 1.6
#: 3A090.b.2: TPP >= 1600 and 3.2 <= performance density < 5.92.
TPP_2023_B2 = 1600
PD_2023_B2 = 3.2

#: Case-by-case licence review for China and Macau (91 FR 1684, 15 Jan 2026):
#: chips with TPP < 21,000 and total DRAM bandwidth < 6,500 GB/s (such as the
#: H200), subject to the rule's conditions.
TPP_2026_CASE_BY_CASE = 21000
DRAM_BANDWIDTH_2026_GB_S = 6500

#: BIS's worked example (88 FR 73458, Technical Note to 3A090): the 4800 TPP
#: threshold is met by 600 tera integer operations per second (2 x 300 MacTOPS)
#: at 8 bits, or by 300 teraFLOPS (2 x 150 MacTOPS) at 16 bits.
BIS_EXAMPLE_TOPS_8BIT = 600
BIS_EXAMPLE_TFLOPS_16BIT = 300

#: Dense throughput columns of ``accelerators.csv`` and the bit length of the
#: operation each one measures.
PRECISION_BITS = {"int8_dense_tops": 8, "bf16_dense_tflops": 16, "fp8_dense_tflops": 8, "fp4_dense_tflops": 4}

#: Two figures count as the same when they differ by less than this share.
SAME_TOLERANCE = 1e-9

#: Classification labels.
CLASS_A = "3A090.a"
CLASS_B = "3A090.b"
NOT_CONTROLLED = "not 3A090"
UNDETERMINED = "undetermined"

#: ``export_controls.csv`` rows that set the 3A090 thresholds above.
RULE_2022_EVENT = "2022-10-07-bis-advanced-computing-rule"
RULE_2023_EVENT = "2023-10-17-bis-advanced-computing-update"


# ---------------------------------------------------------------------------
# TPP and performance density
# ---------------------------------------------------------------------------


def tpp_from_mactops(mactops, bit_length):
    """TPP = 2 x MacTOPS x bit length (88 FR 73458, Technical Note 1 to 3A090)."""
    return 2 * np.asarray(mactops, dtype=float) * np.asarray(bit_length, dtype=float)


def tpp_from_tops(tops, bit_length):
    """TPP from a datasheet's dense TOPS/TFLOPS, which count a MAC as 2 operations."""
    return tpp_from_mactops(np.asarray(tops, dtype=float) / 2, bit_length)


def tpp_by_precision(accelerators: pd.DataFrame) -> pd.DataFrame:
    """Each chip's TPP at every precision in :data:`PRECISION_BITS` (one column
    each, named like the throughput column); NaN where no figure is listed.
    A table lacking one of the columns raises ``ValueError`` naming it."""
    missing = [column for column in PRECISION_BITS if column not in accelerators.columns]
    if missing:
        raise ValueError(f"accelerators table lacks the throughput column(s): {', '.join(missing)}")
    return pd.DataFrame(
        {column: tpp_from_tops(accelerators[column].astype(float), bits) for column, bits in PRECISION_BITS.items()},
        index=accelerators.index,
    )


def chip_tpp(accelerators: pd.DataFrame) -> pd.Series:
    """Each chip's TPP: the maximum over the precisions in :data:`PRECISION_BITS`.

    A precision with no figure is skipped; a chip with none is NaN.
    """
    return tpp_by_precision(accelerators).max(axis=1, skipna=True).rename("tpp")


def tpp_precisions(accelerators: pd.DataFrame) -> pd.Series:
    """The throughput columns at which each chip reaches its TPP, joined by
    ";" in :data:`PRECISION_BITS` order (several when they tie, as on the
    B200); missing for a chip with no TPP."""
    per = tpp_by_precision(accelerators)
    best = per.max(axis=1, skipna=True)
    hits = [
        ";".join(
            column
            for column in per.columns
            if pd.notna(row[column]) and np.isclose(row[column], top, rtol=SAME_TOLERANCE, atol=0.0)
        )
        if pd.notna(top)
        else None
        for (_, row), top in zip(per.iterrows(), best)
    ]
    return pd.Series(hits, index=accelerators.index, dtype="object", name="tpp_precision")


def performance_density(tpp, die_area_mm2):
    """TPP per square millimetre of applicable die area (NaN if the area is unknown)."""
    area = np.asarray(die_area_mm2, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(area > 0, np.asarray(tpp, dtype=float) / area, np.nan)


# ---------------------------------------------------------------------------
# Threshold logic
# ---------------------------------------------------------------------------


def classify_2022(tpp: float, io_bandwidth_gb_s: float) -> str:
    """ECCN 3A090 under the 7 Oct 2022 rule: both tests must be met.

    ``io_bandwidth_gb_s`` is the chip's aggregate bidirectional transfer rate
    to chips other than memory; ``accelerators.csv`` gives the scale-up
    interconnect (NVLink) rate, which the book uses for it.
    """
    if pd.isna(tpp):
        return UNDETERMINED
    if tpp < TPP_2022:
        return NOT_CONTROLLED
    if pd.isna(io_bandwidth_gb_s):
        return UNDETERMINED
    return CLASS_A if io_bandwidth_gb_s >= IO_BANDWIDTH_2022_GB_S else NOT_CONTROLLED


def classify_2023(tpp: float, density: float, data_centre: bool = True) -> str:
    """ECCN 3A090.a / .b under the 17 Oct 2023 rule.

    Note 2 to 3A090: a chip not designed or marketed for data centres is
    outside 3A090 unless its TPP is 4800 or more. Returns
    :data:`UNDETERMINED` when the answer needs a density that is unknown.
    """
    if pd.isna(tpp):
        return UNDETERMINED
    if tpp >= TPP_2023_A:
        return CLASS_A
    if not data_centre or tpp < min(TPP_2023_A2, TPP_2023_B2):
        return NOT_CONTROLLED
    if pd.isna(density):
        return UNDETERMINED
    if tpp >= TPP_2023_A2 and density >= PD_2023_A:
        return CLASS_A
    b1 = TPP_2023_B1 <= tpp < TPP_2023_A and PD_2023_B1 <= density < PD_2023_A
    b2 = tpp >= TPP_2023_B2 and PD_2023_B2 <= density < PD_2023_A
    return CLASS_B if (b1 or b2) else NOT_CONTROLLED


def qualifies_2026_case_by_case(tpp: float, dram_bandwidth_gb_s: float):
    """Below both ceilings of the Jan 2026 case-by-case policy (91 FR 1684)?

    ``None`` when either figure is unknown. Meeting the ceilings makes a chip
    eligible for case-by-case review; it does not mean a licence is granted.
    """
    if pd.isna(tpp) or pd.isna(dram_bandwidth_gb_s):
        return None
    return bool(tpp < TPP_2026_CASE_BY_CASE and dram_bandwidth_gb_s < DRAM_BANDWIDTH_2026_GB_S)


def spec_table(accelerators: pd.DataFrame, *, data_centre: bool = True) -> pd.DataFrame:
    """One row per chip: computed TPP and density, the published TPP, and its
    class under each rule. All chips in the table are data-centre parts, so
    ``data_centre`` defaults to True."""
    tpp = chip_tpp(accelerators)
    density = pd.Series(performance_density(tpp, accelerators["die_area_mm2"]), index=accelerators.index)
    bandwidth_gb_s = accelerators["memory_bandwidth_tb_s"] * 1000
    table = pd.DataFrame(
        {
            "id": accelerators["id"],
            "name": accelerators["name"],
            "vendor": accelerators["vendor"],
            "country": accelerators["country_of_vendor"],
            "release_date": accelerators["release_date"],
            "tpp": tpp,
            "tpp_precision": tpp_precisions(accelerators),
            "tpp_published": accelerators["tpp_vendor_or_bis"],
            "performance_density": density,
            "memory_bandwidth_tb_s": accelerators["memory_bandwidth_tb_s"],
            "interconnect_gb_s": accelerators["interconnect_gb_s"],
            "class_2022": [classify_2022(t, b) for t, b in zip(tpp, accelerators["interconnect_gb_s"])],
            "class_2023": [classify_2023(t, d, data_centre) for t, d in zip(tpp, density)],
            "case_by_case_2026": [qualifies_2026_case_by_case(t, b) for t, b in zip(tpp, bandwidth_gb_s)],
            "confidence": accelerators["confidence"],
        }
    )
    return table.reset_index(drop=True)


# ---------------------------------------------------------------------------
# Comparing two chips' figures
# ---------------------------------------------------------------------------


def compare(value, reference, rel_tol: float = SAME_TOLERANCE) -> str:
    """``"same"``, ``"more"`` or ``"less"``: ``value`` against ``reference``.

    Equal within a relative tolerance of ``rel_tol`` counts as the same.
    Raises ``ValueError`` when either figure is missing.
    """
    if pd.isna(value) or pd.isna(reference):
        raise ValueError("cannot compare a missing figure")
    value, reference = float(value), float(reference)
    if np.isclose(value, reference, rtol=rel_tol, atol=0.0):
        return "same"
    return "more" if value > reference else "less"


def shortfall_pct(value, floor) -> float:
    """How far ``value`` sits below ``floor``, in percent of the floor
    (negative when it is above). ``floor`` must be positive."""
    if not floor > 0:
        raise ValueError("the floor must be positive")
    return float(100 * (floor - value) / floor)


# ---------------------------------------------------------------------------
# Chips picked out by what the rules did to them (rows of :func:`spec_table`)
# ---------------------------------------------------------------------------


def _us(specs: pd.DataFrame) -> pd.DataFrame:
    return specs[specs["country"] == US]


def caught_by_first_rule(specs: pd.DataFrame, rule_2023) -> pd.DataFrame:
    """US chips released before the 2023 rule that the 2022 rule controlled."""
    chips = _us(specs)
    return chips[(chips["release_date"] < pd.Timestamp(rule_2023)) & (chips["class_2022"] == CLASS_A)]


def china_variants(specs: pd.DataFrame) -> pd.DataFrame:
    """US chips that slipped under the 2022 rule but that the 2023 rule controls
    (the A800 and H800, cut down in chip-to-chip bandwidth for China)."""
    chips = _us(specs)
    return chips[(chips["class_2022"] == NOT_CONTROLLED) & chips["class_2023"].isin([CLASS_A, CLASS_B])]


def full_counterpart(variant: pd.Series, candidates: pd.DataFrame) -> pd.Series | None:
    """The chip among ``candidates`` with the same TPP as ``variant`` (within
    :data:`SAME_TOLERANCE`), or None."""
    same = candidates[[compare(tpp, variant["tpp"]) == "same" for tpp in candidates["tpp"]]]
    return None if same.empty else same.iloc[0]


def below_second_rule(specs: pd.DataFrame, rule_2023) -> pd.DataFrame:
    """US chips released after the 2023 rule that no band of it controls (the H20)."""
    chips = _us(specs)
    return chips[(chips["release_date"] > pd.Timestamp(rule_2023)) & (chips["class_2023"] == NOT_CONTROLLED)]
