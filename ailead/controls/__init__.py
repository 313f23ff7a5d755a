"""US export controls on AI chips for China, in three modules:

* :mod:`~ailead.controls.rules`: how BIS measures a chip (TPP, performance
  density) and which chips each rule's thresholds catch;
* :mod:`~ailead.controls.ceiling`: the best chip China could legally buy
  over time, against the best US chip;
* :mod:`~ailead.controls.actions`: who took each action, and counts of
  actions by administration and direction.

Every public name is re-exported here, so callers write
``controls.ceiling_ratio(...)``. Reader wording (chip names, comparisons in
words) lives in :mod:`ailead.wording`, reader tables in
``ailead/tables/specs.yaml`` and the chapter's values in
:mod:`ailead.chapters.ch02`.
"""

from __future__ import annotations

import pandas as pd

from .. import wording
from ..constants import US
from .actions import (
    ACTOR_OF_AGENCY,
    ACTORS,
    ADMINISTRATION_TERMS,
    CHINA_GOVERNMENT,
    COMPANY,
    DIRECTIONS,
    OTHER_AUTHORITY,
    US_CONGRESS,
    US_EXECUTIVE,
    action_counts,
    actor_group,
    chip_events,
    executive_totals,
)
from .ceiling import (
    CHINA_STATUS,
    CHINESE_MEASURE,
    CHIP_KEYS,
    CHIP_RELEASE,
    LEADING_VENDOR,
    LEGAL_CAUSES,
    LICENCE_DECISION,
    PRODUCT_RELEASE,
    RULE,
    RULE_INSTRUMENTS,
    STEP_KEYS,
    US_STATUSES,
    ceiling_causes,
    ceiling_milestones,
    ceiling_ratio,
    ceiling_steps,
    chip_steps,
    gap_spells,
    implied_status,
    movement_shares,
    review_policy_effect,
    rule_dates,
    status_history,
    status_on,
    step_in_force,
)
from .rules import (
    BIS_EXAMPLE_TFLOPS_16BIT,
    BIS_EXAMPLE_TOPS_8BIT,
    CLASS_A,
    CLASS_B,
    DRAM_BANDWIDTH_2026_GB_S,
    IO_BANDWIDTH_2022_GB_S,
    NOT_CONTROLLED,
    PD_2023_A,
    PD_2023_B1,
    PD_2023_B2,
    PRECISION_BITS,
    RULE_2022_EVENT,
    RULE_2023_EVENT,
    SAME_TOLERANCE,
    TPP_2022,
    TPP_2023_A,
    TPP_2023_A2,
    TPP_2023_B1,
    TPP_2023_B2,
    TPP_2026_CASE_BY_CASE,
    UNDETERMINED,
    below_second_rule,
    caught_by_first_rule,
    china_variants,
    chip_tpp,
    classify_2022,
    classify_2023,
    compare,
    full_counterpart,
    performance_density,
    qualifies_2026_case_by_case,
    shortfall_pct,
    spec_table,
    tpp_by_precision,
    tpp_from_mactops,
    tpp_from_tops,
    tpp_precisions,
)

#: Kept for the charts and chapter 05, which name chips as readers see them.
short_name = wording.chip_name


def short_names(accelerators: pd.DataFrame) -> dict[str, str]:
    """Reader-facing chip names by ``accelerators.csv`` id (:func:`ailead.wording.chip_name`)."""
    return {chip: wording.chip_name(name) for chip, name in zip(accelerators["id"], accelerators["name"])}


__all__ = [
    "movement_shares",
    "ceiling_causes",
    "RULE_INSTRUMENTS",
    "RULE",
    "PRODUCT_RELEASE",
    "LICENCE_DECISION",
    "LEGAL_CAUSES",
    "CHIP_RELEASE",
    "CHINESE_MEASURE",
    "ACTORS",
    "ACTOR_OF_AGENCY",
    "ADMINISTRATION_TERMS",
    "BIS_EXAMPLE_TFLOPS_16BIT",
    "BIS_EXAMPLE_TOPS_8BIT",
    "CHINA_GOVERNMENT",
    "CHINA_STATUS",
    "CHIP_KEYS",
    "CLASS_A",
    "CLASS_B",
    "COMPANY",
    "DIRECTIONS",
    "DRAM_BANDWIDTH_2026_GB_S",
    "IO_BANDWIDTH_2022_GB_S",
    "LEADING_VENDOR",
    "NOT_CONTROLLED",
    "OTHER_AUTHORITY",
    "PD_2023_A",
    "PD_2023_B1",
    "PD_2023_B2",
    "PRECISION_BITS",
    "RULE_2022_EVENT",
    "RULE_2023_EVENT",
    "SAME_TOLERANCE",
    "STEP_KEYS",
    "TPP_2022",
    "TPP_2023_A",
    "TPP_2023_A2",
    "TPP_2023_B1",
    "TPP_2023_B2",
    "TPP_2026_CASE_BY_CASE",
    "UNDETERMINED",
    "US",
    "US_CONGRESS",
    "US_EXECUTIVE",
    "US_STATUSES",
    "action_counts",
    "actor_group",
    "below_second_rule",
    "caught_by_first_rule",
    "ceiling_milestones",
    "ceiling_ratio",
    "ceiling_steps",
    "china_variants",
    "chip_events",
    "chip_steps",
    "chip_tpp",
    "classify_2022",
    "classify_2023",
    "compare",
    "executive_totals",
    "full_counterpart",
    "gap_spells",
    "implied_status",
    "performance_density",
    "qualifies_2026_case_by_case",
    "review_policy_effect",
    "rule_dates",
    "short_name",
    "short_names",
    "shortfall_pct",
    "spec_table",
    "status_history",
    "status_on",
    "step_in_force",
    "tpp_by_precision",
    "tpp_from_mactops",
    "tpp_from_tops",
    "tpp_precisions",
]
