"""Two outcomes for 2028: a forecast of the lag itself, and the compute model behind the explorer.

* :mod:`~ailead.scenarios.forecast`: the forecast the chapter reports (issue
  13): both frontiers simulated in steps, the lag measured on them by
  :mod:`ailead.gap`, scored on a rolling-origin backtest against baselines.
  Exported here as :func:`simulate_lag`, :func:`rolling_backtest`,
  :func:`skill`, :func:`hindcast`, :func:`robustness`, :func:`acceptance`,
  :func:`lag_difference`, :func:`lag_outcome`, :func:`lag_tornado` and
  :func:`capability_report`.

The rest is the earlier compute model (a ratio of compute turned into
months), kept for the in-browser explorer, which recomputes its central
path as a stated simplification:

The package holds numbers and frames only; the chapter's words, table
layouts and glue keys live in :mod:`ailead.presentation.scenarios` and
:mod:`ailead.chapters.ch04`.

* :mod:`~ailead.scenarios.model`: the inputs (:class:`Parameter`), the worlds
  (:class:`Scenario`) and the lead formula (:func:`lead_months`);
* :mod:`~ailead.scenarios.simulation`: drawing the inputs, :func:`simulate`,
  and the fan, probabilities and summaries of the draws;
* :mod:`~ailead.scenarios.inputs`: the worlds read from ``data/`` and the
  measured-lag calibration target;
* :mod:`~ailead.scenarios.calibration`;
* :mod:`~ailead.scenarios.sensitivity`: which inputs are policy levers;
* :mod:`~ailead.scenarios.explorer`: the in-browser explorer's formula and sliders.

Everything public is importable from here: ``from ailead import scenarios as
sc; sc.simulate_lag("act")``.
"""

from .calibration import calibration
from .explorer import DISTIL_FROM_NOW, SLIDER_NAMES, Slider, explorer_calculations, slider_values, sliders
from .forecast import (
    acceptance,
    capability_report,
    hindcast,
    input_ranges,
    robustness,
    rolling_backtest,
    skill,
)
from .forecast import difference as lag_difference
from .forecast import outcome as lag_outcome
from .forecast import simulate as simulate_lag
from .forecast import tornado as lag_tornado
from .forecast.policy import fan as lag_fan
from .forecast.policy import probabilities as lag_probabilities
from .forecast.policy import summary as lag_summary
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
from .sensitivity import POLICY_LEVERS
from .simulation import QUANTILES, central_path, draw, fan, lead_at, probabilities, simulate, summary, triangular

__all__ = [
    "acceptance",
    "capability_report",
    "hindcast",
    "input_ranges",
    "lag_difference",
    "lag_fan",
    "lag_probabilities",
    "lag_summary",
    "lag_outcome",
    "lag_tornado",
    "robustness",
    "rolling_backtest",
    "simulate_lag",
    "skill",
    "ALGO_GROWTH",
    "CALIBRATION_WINDOW_MONTHS",
    "COMPONENTS",
    "DISTIL_DELAY",
    "DISTIL_FROM_NOW",
    "DISTIL_SHARE",
    "DOMESTIC",
    "END",
    "FROM_DISTILLATION_TABLE",
    "FROM_SCENARIO_TABLE",
    "LEGAL",
    "MEASURED_LAG",
    "OFFSHORE",
    "PARAMETERS",
    "PARAMETER_TABLE_MERGE_ON",
    "POLICY_LEVERS",
    "QUANTILES",
    "RETAINED",
    "SCENARIOS",
    "SHARED",
    "SLIDER_NAMES",
    "SMUGGLED",
    "START_RATIO",
    "STOCK_GROWTH",
    "THRESHOLDS",
    "US_GROWTH",
    "Parameter",
    "Scenario",
    "Slider",
    "build",
    "calibration",
    "central_path",
    "compute_within_cap",
    "draw",
    "explorer_calculations",
    "fan",
    "get",
    "lead_at",
    "lead_months",
    "load",
    "measured_lag",
    "model_start",
    "own_lag_today",
    "parameter_table",
    "probabilities",
    "ratio_to_lag_months",
    "simulate",
    "slider_values",
    "sliders",
    "stock_ratio",
    "summary",
    "triangular",
]
