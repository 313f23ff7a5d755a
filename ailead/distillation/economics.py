"""The economics of a distillation campaign: what the reported traffic costs
at a paid API's list price, set against what training a model costs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .term import CASES

TOKENS_PER_MILLION = 1_000_000


def campaign_cost_usd(exchanges, tokens_in, tokens_out, price_in_per_mtok, price_out_per_mtok):
    """What ``exchanges`` request-response pairs cost at a paid API's list price.

    Each exchange sends ``tokens_in`` input tokens and receives ``tokens_out``
    output tokens; prices are US dollars per million tokens::

        cost = exchanges * (tokens_in * price_in + tokens_out * price_out) / 1e6

    Vectorised (arguments broadcast). Raises ``ValueError`` for any negative
    argument. The result is the list-price value of the traffic, not what an
    operator using fraudulent or resold accounts actually paid.
    """
    values = [np.asarray(v, dtype=float) for v in (exchanges, tokens_in, tokens_out, price_in_per_mtok, price_out_per_mtok)]
    if any(np.any(v < 0) for v in values):
        raise ValueError("exchanges, token counts and prices cannot be negative")
    n, t_in, t_out, p_in, p_out = values
    cost = n * (t_in * p_in + t_out * p_out) / TOKENS_PER_MILLION
    return float(cost) if cost.ndim == 0 else cost


def parameter_cases(parameters: pd.DataFrame, name: str) -> dict[str, float]:
    """``{"low": .., "central": .., "high": ..}`` for one row of the
    ``distillation_parameters`` table, looked up by its ``parameter`` name."""
    rows = parameters[parameters["parameter"] == name]
    if len(rows) != 1:
        raise KeyError(f"expected one row for parameter {name!r}, found {len(rows)}")
    row = rows.iloc[0]
    return {case: float(row[case]) for case in CASES}


def price_cases(cost_inputs: pd.DataFrame) -> pd.DataFrame:
    """List prices for the three cost cases, from the ``distillation_cost_inputs`` table.

    The low case uses the cheapest price tier in the table (lowest output
    price, then lowest input price), the central and high cases the dearest
    tier, because the reported campaigns went after the newest, most capable
    model. Several models can share a tier's prices; each case is labelled
    with the **newest** model at its prices (latest ``date``; a missing date
    counts as oldest; a tie on date goes to the name in alphabetical order).
    Returns one row per case with the model, the input and output price per
    million tokens, and ``tier_models``: every model at those prices, newest
    first, joined with ", ".
    """
    prices = cost_inputs[cost_inputs["quantity"].isin(["api_price_input_per_mtok", "api_price_output_per_mtok"])]
    if prices.empty:
        raise ValueError("the cost-input table holds no API prices")
    wide = prices.pivot_table(index="model_or_subject", columns="quantity", values="value", aggfunc="first").dropna()
    dates = pd.to_datetime(prices.groupby("model_or_subject")["date"].max())
    wide = wide.assign(date=dates.reindex(wide.index)).reset_index()
    price_columns = ["api_price_output_per_mtok", "api_price_input_per_mtok"]

    def newest_at(row) -> pd.DataFrame:
        same = wide[(wide[price_columns] == row[price_columns]).all(axis=1)]
        return same.sort_values(["date", "model_or_subject"], ascending=[False, True], na_position="last")

    ranked = wide.sort_values(price_columns)
    cheap_tier, dear_tier = newest_at(ranked.iloc[0]), newest_at(ranked.iloc[-1])
    rows = []
    for case, tier in zip(CASES, (cheap_tier, dear_tier, dear_tier)):
        label = tier.iloc[0]
        rows.append(
            {
                "case": case,
                "price_model": label["model_or_subject"],
                "price_in_per_mtok": float(label["api_price_input_per_mtok"]),
                "price_out_per_mtok": float(label["api_price_output_per_mtok"]),
                "tier_models": ", ".join(tier["model_or_subject"]),
            }
        )
    return pd.DataFrame(rows)


def cost_range(exchanges: float, tokens_in: dict, tokens_out: dict, prices: pd.DataFrame) -> pd.DataFrame:
    """Low, central and high list-price cost of ``exchanges`` exchanges.

    ``tokens_in`` and ``tokens_out`` map each case to tokens per exchange (see
    :func:`parameter_cases`); ``prices`` is :func:`price_cases` output. Every
    input moves the same way from low to high, so the low case is the
    cheapest combination and the high case the dearest.
    """
    by_case = prices.set_index("case")
    rows = []
    for case in CASES:
        price = by_case.loc[case]
        rows.append(
            {
                "case": case,
                "exchanges": float(exchanges),
                "tokens_in": float(tokens_in[case]),
                "tokens_out": float(tokens_out[case]),
                "price_model": price["price_model"],
                "price_in_per_mtok": float(price["price_in_per_mtok"]),
                "price_out_per_mtok": float(price["price_out_per_mtok"]),
                "cost_usd": campaign_cost_usd(
                    exchanges, tokens_in[case], tokens_out[case], price["price_in_per_mtok"], price["price_out_per_mtok"]
                ),
            }
        )
    return pd.DataFrame(rows)


def cost_against_training(costs: pd.DataFrame, training: pd.DataFrame) -> pd.DataFrame:
    """Each reported training cost beside the campaign's cost range, as percentages.

    ``costs`` is :func:`cost_range` output; ``training`` holds rows of the
    cost-input table with ``model_or_subject``, ``value`` (US dollars) and
    ``kind``. ``pct_low`` etc. are the campaign's cost as a percentage of
    that training cost. For a training cost that is a lower bound the true
    percentage is at most the one shown.
    """
    campaign = costs.set_index("case")["cost_usd"]
    out = training[["model_or_subject", "quantity", "value", "kind", "confidence"]].copy()
    out = out.rename(columns={"value": "training_cost_usd"}).reset_index(drop=True)
    for case in CASES:
        out[f"pct_{case}"] = 100 * campaign[case] / out["training_cost_usd"].astype(float)
    return out.sort_values("training_cost_usd").reset_index(drop=True)


#: A campaign's list-price cost, as a percentage of a training cost it is set
#: against, is called "small" below SMALL_COST_PCT, "prohibitive" from
#: PROHIBITIVE_COST_PCT (buying the answers would cost as much as training the
#: model oneself) and "noticeable" in between.
SMALL_COST_PCT = 10.0
PROHIBITIVE_COST_PCT = 100.0

#: Cost grades in rising order (see :func:`cost_grade`).
COST_GRADES = ("small", "noticeable", "prohibitive")


def cost_grade(pct: float) -> str:
    """``"small"``, ``"noticeable"`` or ``"prohibitive"`` for a cost of
    ``pct`` percent of a training cost (see :data:`SMALL_COST_PCT`)."""
    if pd.isna(pct) or pct < 0:
        raise ValueError("a cost share must be a non-negative number")
    if pct < SMALL_COST_PCT:
        return "small"
    return "prohibitive" if pct >= PROHIBITIVE_COST_PCT else "noticeable"


def cost_verdicts(campaigns: dict, training: pd.DataFrame) -> pd.DataFrame:
    """Every campaign against every training cost, each with its grade.

    ``campaigns`` maps a campaign's name (a lab, or a disclosure) to its
    :func:`cost_range` output; ``training`` as in
    :func:`cost_against_training`. One row per campaign and comparison, with
    the central and high cases' percentages and :func:`cost_grade` grades
    (``grade_central``, ``grade_high``): which comparison a verdict rests on
    decides it, so no verdict is given without one."""
    frames = []
    for name, costs in campaigns.items():
        compared = cost_against_training(costs, training)
        frames.append(
            compared.assign(
                campaign=name,
                grade_central=[cost_grade(p) for p in compared["pct_central"]],
                grade_high=[cost_grade(p) for p in compared["pct_high"]],
            )
        )
    columns = [
        "campaign",
        "model_or_subject",
        "training_cost_usd",
        "kind",
        "pct_central",
        "pct_high",
        "grade_central",
        "grade_high",
    ]
    return pd.concat(frames, ignore_index=True)[columns]
