"""Two outcomes for 2028: a small, transparent model of the US lead in months.

The package holds numbers and frames only; the chapter's words, table
layouts and glue keys live in :mod:`ailead.presentation.scenarios` and
:mod:`ailead.chapters.ch04`.

* :mod:`~ailead.scenarios.model`: the inputs (:class:`Parameter`), the worlds
  (:class:`Scenario`) and the lead formula (:func:`lead_months`);
* :mod:`~ailead.scenarios.simulation`: drawing the inputs, :func:`simulate`,
  and the fan, probabilities and summaries of the draws;
* :mod:`~ailead.scenarios.inputs`: the worlds read from ``data/`` and the
  measured-lag calibration target;
* :mod:`~ailead.scenarios.calibration` and :mod:`~ailead.scenarios.backtest`;
* :mod:`~ailead.scenarios.sensitivity`: tornado, required values, lever reach;
* :mod:`~ailead.scenarios.explorer`: the in-browser explorer's formula and sliders.

Everything public is importable from here: ``from ailead import scenarios as
sc; sc.simulate("act")``.
"""

from .backtest import backtest, backtest_scenario, backtest_scores
from .calibration import calibration
from .explorer import DISTIL_FROM_NOW, SLIDER_NAMES, Slider, explorer_calculations, slider_values, sliders
from .inputs import (
    CALIBRATION_WINDOW_MONTHS,
    PARAMETER_TABLE_MERGE_ON,
    build,
    get,
    load,
    measured_lag,
    model_start,
    parameter_table,
)
from .model import (
    ALGO_GROWTH,
    COMPONENTS,
    DISTIL_DELAY,
    DISTIL_SHARE,
    DOMESTIC,
    END,
    FROM_DISTILLATION_TABLE,
    FROM_SCENARIO_TABLE,
    LEGAL,
    MEASURED_LAG,
    OFFSHORE,
    PARAMETERS,
    RETAINED,
    SCENARIOS,
    SHARED,
    SMUGGLED,
    START_RATIO,
    STOCK_GROWTH,
    THRESHOLDS,
    US_GROWTH,
    Parameter,
    Scenario,
    compute_within_cap,
    lead_months,
    own_lag_today,
    ratio_to_lag_months,
    stock_ratio,
)
from .sensitivity import (
    EXTREME_LEVERS,
    NO_DISTILLATION,
    NO_FLOW,
    POLICY_LEVERS,
    REQUIRED_BOUNDS,
    TOTAL_FLOW,
    compute_only,
    fewest_favourable,
    largest_channel,
    lever_reach,
    most_favourable,
    required_value,
    requirements,
    stock_at_frontier_rate,
    tornado,
)
from .simulation import QUANTILES, central_path, draw, fan, lead_at, probabilities, simulate, summary, triangular

__all__ = [
    "ALGO_GROWTH",
    "CALIBRATION_WINDOW_MONTHS",
    "COMPONENTS",
    "DISTIL_DELAY",
    "DISTIL_FROM_NOW",
    "DISTIL_SHARE",
    "DOMESTIC",
    "END",
    "EXTREME_LEVERS",
    "FROM_DISTILLATION_TABLE",
    "FROM_SCENARIO_TABLE",
    "LEGAL",
    "MEASURED_LAG",
    "NO_DISTILLATION",
    "NO_FLOW",
    "OFFSHORE",
    "PARAMETERS",
    "PARAMETER_TABLE_MERGE_ON",
    "POLICY_LEVERS",
    "QUANTILES",
    "REQUIRED_BOUNDS",
    "RETAINED",
    "SCENARIOS",
    "SHARED",
    "SLIDER_NAMES",
    "SMUGGLED",
    "START_RATIO",
    "STOCK_GROWTH",
    "THRESHOLDS",
    "TOTAL_FLOW",
    "US_GROWTH",
    "Parameter",
    "Scenario",
    "Slider",
    "backtest",
    "backtest_scenario",
    "backtest_scores",
    "build",
    "calibration",
    "central_path",
    "compute_only",
    "compute_within_cap",
    "draw",
    "explorer_calculations",
    "fan",
    "fewest_favourable",
    "get",
    "largest_channel",
    "lead_at",
    "lead_months",
    "lever_reach",
    "load",
    "measured_lag",
    "model_start",
    "most_favourable",
    "own_lag_today",
    "parameter_table",
    "probabilities",
    "ratio_to_lag_months",
    "required_value",
    "requirements",
    "simulate",
    "slider_values",
    "sliders",
    "stock_at_frontier_rate",
    "stock_ratio",
    "summary",
    "tornado",
    "triangular",
]
