"""Distillation: what training on the leader's outputs does to the lag.

The term used by the scenario model. A follower that distils the leader's
released models can absorb a share ``share`` of the leader's capability
gains, but only after a delay ``delay_months`` (the time to collect outputs,
train and release). In lag terms, the part of the lag beyond the delay is cut
by that share::

    lag = lag_own - share * max(lag_own - delay, 0)

so ``share = 0`` leaves the follower's own lag unchanged, ``share = 1`` caps
the lag at the delay, and a larger share or a shorter delay never lengthens
the lag. When the leader's capability grows at a steady exponential rate,
absorbing a share of the capability gap is the same as absorbing that share
of the time gap, which is why the term can act on months directly.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from . import gap


def distilled_lag(lag_own, share, delay_months):
    """The follower's lag once distillation is taken into account.

    Vectorised over NumPy arrays (parameters broadcast against the lag).
    Raises ``ValueError`` for a share outside [0, 1] or a negative delay.
    """
    share = np.asarray(share, dtype=float)
    delay = np.asarray(delay_months, dtype=float)
    if np.any((share < 0) | (share > 1)):
        raise ValueError("the distillation share must lie between 0 and 1")
    if np.any(delay < 0):
        raise ValueError("the distillation delay cannot be negative")
    lag_own = np.asarray(lag_own, dtype=float)
    return lag_own - share * np.maximum(lag_own - delay, 0.0)


# ---------------------------------------------------------------------------
# Everything below supports the distillation chapter; ``distilled_lag`` above
# is the term the scenario model uses and is left exactly as it was.
# ---------------------------------------------------------------------------

#: The three cases every range in this module is reported in, in order.
CASES = ("low", "central", "high")

#: Parameter names in ``data/distillation_parameters.csv`` (the scenario
#: chapter reads the first two by these exact names).
SHARE = "distillation_share"
DELAY = "distillation_delay_months"
TOKENS_IN = "tokens_in_per_exchange"
TOKENS_OUT = "tokens_out_per_exchange"

TOKENS_PER_MILLION = 1_000_000


# --- The economics of a campaign -------------------------------------------


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


def cost_word(pct: float) -> str:
    """``"small"``, ``"noticeable"`` or ``"prohibitive"`` for a cost of
    ``pct`` percent of a training cost (see :data:`SMALL_COST_PCT`)."""
    if pd.isna(pct) or pct < 0:
        raise ValueError("a cost share must be a non-negative number")
    if pct < SMALL_COST_PCT:
        return "small"
    return "prohibitive" if pct >= PROHIBITIVE_COST_PCT else "noticeable"


def cost_verdict(pct_central: float, pct_high: float) -> str:
    """The central and high cost shares in one phrase, by :func:`cost_word`:
    e.g. "a noticeable cost, though not a prohibitive one" when the central
    case is noticeable and even the high case is below prohibitive."""
    if pct_high < pct_central:
        raise ValueError("the high case cannot cost less than the central case")
    central, high = cost_word(pct_central), cost_word(pct_high)
    if central == "prohibitive":
        return "a prohibitive cost"
    if high == "prohibitive":
        return f"a {central} cost, and a prohibitive one in the high case"
    if central == high == "small":
        return "a small cost"
    return f"a {central} cost, though not a prohibitive one"


# --- Does the follower catch up after a characteristic delay? ---------------


def catch_up_delays(models: pd.DataFrame, leader: str = gap.US, follower: str = gap.CHINA, start=None) -> pd.DataFrame:
    """For every model that moved the follower's frontier, how long before
    its release the leader's frontier first reached the same score.

    Frontiers are :func:`ailead.gap.frontier` (running best ECI score). One
    row per follower frontier step released on or after ``start``, with
    ``delay_months`` (release date minus the leader's first date at or above
    that score, months of 365.25/12 days; a tie counts as reached). When the
    leader's *first* model in the data already beats the score, the true
    date is unknown and the row is flagged ``censored`` (its delay is a lower
    bound). If the leader never reached the score, ``matched`` is False and
    the delay missing (the follower led).
    """
    lead = gap.frontier(models, leader)
    follow = gap.frontier(models, follower)
    if start is not None:
        follow = follow[follow["release_date"] >= pd.Timestamp(start)].reset_index(drop=True)
    scores = lead["eci_score"].to_numpy()
    position = np.searchsorted(scores, follow["eci_score"].to_numpy(), side="left")
    matched = position < len(lead)
    safe = np.clip(position, 0, max(len(lead) - 1, 0))
    leader_date = pd.Series(pd.NaT, index=follow.index, dtype="datetime64[ns]")
    leader_model = pd.Series(None, index=follow.index, dtype="object")
    if len(lead):
        leader_date[:] = np.where(matched, lead["release_date"].to_numpy()[safe], np.datetime64("NaT"))
        leader_model[:] = np.where(matched, lead["model"].to_numpy()[safe], None)
    delay = (follow["release_date"] - leader_date).dt.days / gap.DAYS_PER_MONTH
    return pd.DataFrame(
        {
            "follower_model": follow["model"],
            "release_date": follow["release_date"],
            "eci_score": follow["eci_score"],
            "leader_model": leader_model,
            "leader_date": leader_date,
            "delay_months": delay.astype(float),
            "matched": matched,
            "censored": matched & (position == 0),
        }
    )


def _spread(delays: np.ndarray) -> float:
    """The test statistic: sample standard deviation of the delays (months)."""
    return float(np.std(delays, ddof=1))


def timing_test(follower_months, leader_months, *, n_perm: int = 10_000, seed: int = 0, exact_max: int = 7) -> dict:
    """Are the follower's catch-up delays more regular than random timing gives?

    ``follower_months[i]`` is when the follower reached score *i* and
    ``leader_months[i]`` when the leader first did (both in months on any
    common origin, follower times in increasing order). If the follower
    distils the leader with a fixed lag, the delays ``follower - leader``
    are nearly constant; their sample standard deviation (the *spread*) is
    the statistic.

    Null of random timing: the follower keeps its first date and its own
    gaps between releases, but the order of those gaps is shuffled, which
    breaks any link to the leader's dates while keeping the follower's
    release rhythm. With at most ``exact_max`` gaps every ordering is
    enumerated and the p-value is the exact share of orderings with a spread
    at or below the observed one; otherwise ``n_perm`` seeded shuffles are
    drawn and p = (1 + count) / (1 + n_perm). A small p-value means the
    delays are more regular than the follower's rhythm alone explains.
    """
    follower = np.asarray(follower_months, dtype=float)
    leader = np.asarray(leader_months, dtype=float)
    if follower.shape != leader.shape or follower.ndim != 1:
        raise ValueError("follower and leader times must be two 1-D arrays of the same length")
    if len(follower) < 3:
        raise ValueError("need at least three catch-up events to test their timing")
    if np.any(np.diff(follower) < 0):
        raise ValueError("follower times must be in increasing order")
    gaps = np.diff(follower)
    observed = _spread(follower - leader)
    tolerance = 1e-9

    def spread_for(order) -> float:
        times = follower[0] + np.concatenate([[0.0], np.cumsum(order)])
        return _spread(times - leader)

    if len(gaps) <= exact_max:
        null = np.array([spread_for(np.array(p)) for p in itertools.permutations(gaps)])
        p_value = float(np.mean(null <= observed + tolerance))
        method = "exact"
    else:
        rng = np.random.default_rng(seed)
        null = np.array([spread_for(rng.permutation(gaps)) for _ in range(n_perm)])
        p_value = float((1 + np.sum(null <= observed + tolerance)) / (1 + n_perm))
        method = "monte carlo"
    return {
        "events": int(len(follower)),
        "observed_spread": observed,
        "null_median_spread": float(np.median(null)),
        "null_low_spread": float(np.quantile(null, 0.05)),
        "p_value": p_value,
        "method": method,
        "n_null": int(len(null)),
    }


def delay_signal(models: pd.DataFrame, start=gap.WINDOW_START, *, n_perm: int = 10_000, seed: int = 0) -> dict:
    """Catch-up delays of China behind the US since ``start`` and their timing test.

    Censored rows (the US date is unknown) and rows the US never matched are
    left out of the summary and the test. Returns the table (all rows), the
    summary of the delays used, and :func:`timing_test` output.
    """
    table = catch_up_delays(models, start=start)
    used = table[table["matched"] & ~table["censored"]]
    if len(used) < 3:
        raise ValueError("fewer than three usable catch-up events")
    origin = pd.Timestamp("2000-01-01")
    follower = ((used["release_date"] - origin).dt.days / gap.DAYS_PER_MONTH).to_numpy()
    leader = ((used["leader_date"] - origin).dt.days / gap.DAYS_PER_MONTH).to_numpy()
    delays = used["delay_months"].to_numpy()
    shortest = used.loc[used["delay_months"].idxmin()]
    return {
        "table": table,
        "n_used": int(len(used)),
        "n_censored": int(table["censored"].sum()),
        "median": float(np.median(delays)),
        "q1": float(np.quantile(delays, 0.25)),
        "q3": float(np.quantile(delays, 0.75)),
        "min": float(delays.min()),
        "max": float(delays.max()),
        "min_model": shortest["follower_model"],
        "min_leader_model": shortest["leader_model"],
        "leaders_reused": int(used["leader_model"].duplicated().sum()),
        "steps_per_leader": steps_per_leader(used),
        "test": timing_test(follower, leader, n_perm=n_perm, seed=seed),
    }


def steps_per_leader(used: pd.DataFrame) -> pd.Series:
    """How many follower frontier steps were matched to each leader model
    (rows of :func:`catch_up_delays`), in the order the leaders were first
    matched. A count above one means the follower's frontier rose several
    times while the leader's stayed on one model."""
    counts = used.groupby("leader_model", sort=False).size()
    return counts.rename("follower_steps").astype(int)


# --- How strong is the timing evidence? ---------------------------------------

#: The book's evidence-strength rule for a one-sided p-value: "strong" below
#: the first bound, "moderate" below the second, "weak" below the third,
#: "none" otherwise.
EVIDENCE_BOUNDS = (("strong", 0.01), ("moderate", 0.05), ("weak", 0.10))
NO_EVIDENCE = "none"

#: How each grade reads in the chapter: a label, a sentence on the delays and
#: a phrase for the chapter's summary.
EVIDENCE_LABELS = {
    "strong": "strong evidence",
    "moderate": "moderate evidence",
    "weak": "weak evidence",
    "none": "no evidence",
}
EVIDENCE_SENTENCES = {
    "strong": "The delays are clearly more regular than chance",
    "moderate": "The delays are more regular than chance, though not by a wide margin",
    "weak": "The delays are somewhat more regular than chance, but not clearly so",
    "none": "The delays are no more regular than chance would make them",
}
EVIDENCE_TRACES = {"strong": "a clear trace", "moderate": "a moderate trace", "weak": "only a weak trace", "none": "no trace"}


def evidence_strength(p_value: float) -> str:
    """Grade a p-value by :data:`EVIDENCE_BOUNDS` (each bound exclusive)."""
    if pd.isna(p_value) or not 0 <= p_value <= 1:
        raise ValueError("a p-value must lie between 0 and 1")
    for grade, bound in EVIDENCE_BOUNDS:
        if p_value < bound:
            return grade
    return NO_EVIDENCE


# --- From evidence to a parameter ---------------------------------------------


def implied_share(lag_observed, lag_own, delay_months) -> float:
    """The share that turns a follower's own lag into the observed lag.

    The inverse of :func:`distilled_lag` when the own lag exceeds the delay::

        share = (lag_own - lag_observed) / (lag_own - delay)

    Raises ``ValueError`` unless ``delay <= lag_observed <= lag_own`` and
    ``lag_own > delay`` (otherwise no share in [0, 1] gives that lag).
    """
    lag_observed, lag_own, delay = float(lag_observed), float(lag_own), float(delay_months)
    if delay < 0:
        raise ValueError("the distillation delay cannot be negative")
    if lag_own <= delay:
        raise ValueError("distillation cannot shorten a lag that is already within the delay")
    if not delay <= lag_observed <= lag_own:
        raise ValueError("the observed lag must lie between the delay and the follower's own lag")
    return (lag_own - lag_observed) / (lag_own - delay)


def derive_parameters(models: pd.DataFrame, lag_observed: float, lag_own_claimed: float, **signal_options) -> dict:
    """The values ``data/distillation_parameters.csv`` records for share and delay,
    recomputed from the evidence (before rounding).

    Delay: high = the median catch-up delay in the ECI data (under
    :func:`distilled_lag` a lag that distillation sets is never shorter than
    the delay, so if distillation shaped the typical catch-up, the delay is
    at most the typical catch-up), low = the shortest catch-up delay,
    central = their midpoint.

    Share: low = 0 (no transfer measured), high = :func:`implied_share` if the
    follower's own lag were ``lag_own_claimed`` (the lower end of the lead
    Anthropic says can be locked in) and distillation alone explained the
    ``lag_observed`` months seen instead, central = half of high. Both ends
    are assumptions built on the evidence, not measurements.
    """
    signal = delay_signal(models, **signal_options)
    delay_low, delay_high = signal["min"], signal["median"]
    delay_central = (delay_low + delay_high) / 2
    share_high = implied_share(lag_observed, lag_own_claimed, delay_central)
    return {
        SHARE: {"low": 0.0, "central": share_high / 2, "high": share_high},
        DELAY: {"low": delay_low, "central": delay_central, "high": delay_high},
        "signal": signal,
    }


def months_restored(lag_own, share, delay_months):
    """Months of lead that stopping distillation entirely would give back:
    the own lag minus :func:`distilled_lag` (vectorised)."""
    return np.asarray(lag_own, dtype=float) - distilled_lag(lag_own, share, delay_months)


def lag_curves(lag_own, shares: dict, delays: dict) -> pd.DataFrame:
    """Tidy table of :func:`distilled_lag` for charting: one row per own lag,
    named share and named delay (``shares``/``delays`` map labels to values).

    The curve is straight on either side of the delay, so the delay itself is
    added to the own lags of each curve (when it lies inside their range) and
    a line through the rows draws it exactly.
    """
    lag_own = np.asarray(lag_own, dtype=float)
    frames = []
    for delay_label, delay in delays.items():
        points = lag_own
        if lag_own.min() < delay < lag_own.max():
            points = np.unique(np.append(lag_own, float(delay)))
        for share_label, share in shares.items():
            frames.append(
                pd.DataFrame(
                    {
                        "lag_own": points,
                        "lag": distilled_lag(points, share, delay),
                        "share": share_label,
                        "share_value": float(share),
                        "delay": delay_label,
                        "delay_value": float(delay),
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)


# --- Tables as readers see them ----------------------------------------------

#: How each ``figure_kind`` of the incidents table reads in words.
FIGURE_KIND_WORDS = {
    "lower_bound": "at least (lower bound)",
    "estimate": "about (estimate)",
    "exact": "exact",
    "none": "no figure",
}

#: Number formats for :func:`ailead.report.table`, by column of :func:`incidents_table`.
INCIDENTS_TABLE_FORMATS = {"Exchanges stated": "{:,.0f}"}


def incidents_table(incidents: pd.DataFrame) -> pd.DataFrame:
    """The reported campaigns in date order, with plain column names and the
    kind of each figure in words (a count that is not stated stays missing)."""
    shown = incidents.sort_values(["date", "id"])
    return pd.DataFrame(
        {
            "Date": shown["date"].to_numpy(),
            "Accuser": shown["accuser"].to_numpy(),
            "Accused": shown["accused"].to_numpy(),
            "Exchanges stated": shown["exchanges"].to_numpy(dtype=float, na_value=np.nan),
            "Kind of figure": shown["figure_kind"].map(FIGURE_KIND_WORDS).to_numpy(),
            "Confidence": shown["confidence"].to_numpy(),
            "Source": shown["source_url"].to_numpy(),
        }
    )


#: Number formats for :func:`ailead.report.table`, by column of :func:`training_cost_table`.
TRAINING_COST_TABLE_FORMATS = {
    "US dollars": "{:,.0f}",
    "February campaigns, low (%)": "{:.2f}",
    "central (%)": "{:.2f}",
    "high (%)": "{:.2f}",
}


def training_cost_table(costs: pd.DataFrame, training: pd.DataFrame) -> pd.DataFrame:
    """:func:`cost_against_training` as readers see it: the training costs in
    rising order with the campaign's low, central and high cost as percentages."""
    compared = cost_against_training(costs, training)
    return pd.DataFrame(
        {
            "Training cost reported for": compared["model_or_subject"].to_numpy(),
            "US dollars": compared["training_cost_usd"].to_numpy(dtype=float),
            "Kind": compared["kind"].str.replace("_", " ").to_numpy(),
            "February campaigns, low (%)": compared["pct_low"].to_numpy(),
            "central (%)": compared["pct_central"].to_numpy(),
            "high (%)": compared["pct_high"].to_numpy(),
        }
    )


#: Number formats for :func:`ailead.report.table`, by column of :func:`parameters_table`.
PARAMETERS_TABLE_FORMATS = {"Central": "{:g}", "Low": "{:g}", "High": "{:g}"}


def parameters_table(parameters: pd.DataFrame) -> pd.DataFrame:
    """The ``distillation_parameters`` table with plain column names."""
    columns = {
        "parameter": "Parameter",
        "central": "Central",
        "low": "Low",
        "high": "High",
        "unit": "Unit",
        "basis": "Basis",
        "confidence": "Confidence",
        "source_url": "Source",
    }
    return parameters[list(columns)].rename(columns=columns).reset_index(drop=True)


def countermeasures_table(countermeasures: pd.DataFrame) -> pd.DataFrame:
    """The countermeasures grouped by status (then date, undated last), with
    the status in words and plain column names."""
    shown = countermeasures.sort_values(["status", "date"], na_position="last")
    return pd.DataFrame(
        {
            "Measure": shown["measure"].to_numpy(),
            "Operated or proposed by": shown["proposed_by"].to_numpy(),
            "Status": shown["status"].str.replace("_", " ").to_numpy(),
            "Date": shown["date"].to_numpy(),
            "Known limits (per a cited source)": shown["limits"].to_numpy(),
        }
    )
