"""ailead.dissent: verdict rules on cases worked out by hand, their symmetry,
the claims table, and the scorecard on the book's real data."""

from __future__ import annotations

import csv
import json
import math
import re

import numpy as np
import pandas as pd
import pytest

from ailead import data, dissent, gap
from conftest import REPO

S, M, C, NT = dissent.SUPPORTED, dissent.MIXED, dissent.CONTRADICTED, dissent.NOT_TESTABLE
US, CN = gap.US, gap.CHINA
MONTH = gap.DAYS_PER_MONTH
MONTHS = dict(parity=3.0, margin=3.0)


def level(direction, low, high=None, size=None):
    return dissent.level_verdict(direction, low, high, size=size, **MONTHS)


# --- Level rules ---------------------------------------------------------------


@pytest.mark.parametrize(
    "direction, lag, expected",
    [
        ("us_lead", 5.0, S),  # a lead of 3 months or more
        ("us_lead", 3.0, S),
        ("us_lead", 1.0, M),  # ahead, but within the parity band
        ("us_lead", 0.0, C),  # level: 3 months short of the range
        ("us_lead", -2.0, C),
        ("parity", 2.0, S),
        ("parity", -2.0, S),
        ("parity", 3.0, M),  # exactly 3 months is a lead, not a tie
        ("parity", 5.9, M),
        ("parity", 6.0, C),  # 3 months beyond the band
        ("parity", -7.0, C),
        ("china_lead", -4.0, S),
        ("china_lead", -1.0, M),
        ("china_lead", 0.0, C),
        ("china_lead", 8.0, C),
    ],
)
def test_level_rule_on_hand_worked_cases(direction, lag, expected):
    assert level(direction, lag) == expected


@pytest.mark.parametrize(
    "lag, expected",
    [
        (6.5, S),  # claimed 7-10, widened by 1 month: 6-11
        (6.0, S),
        (11.0, S),
        (4.0, M),  # 2 months short
        (3.0, C),  # 3 months short
        (13.9, M),
        (14.0, C),
    ],
)
def test_stated_size_is_widened_by_the_tolerance(lag, expected):
    assert level("us_lead", lag, size=(6.0, 11.0)) == expected


def test_a_lower_bound_is_judged_by_every_value_it_allows():
    inf = math.inf
    assert level("us_lead", 5.0, inf) == S  # at least 5 months: a lead whatever the true value
    assert level("parity", 1.0, inf) == M  # could be a tie, could be a lead
    assert level("us_lead", 10.0, inf, size=(6.0, 11.0)) == M  # might be 10, might be 30
    assert level("us_lead", 15.0, inf, size=(6.0, 11.0)) == C  # already 4 months beyond 11


def test_missing_measurement_is_not_testable():
    assert level("us_lead", math.nan) == NT


def test_size_only_goes_with_a_us_lead():
    with pytest.raises(ValueError, match="us_lead"):
        level("parity", 2.0, size=(1.0, 2.0))
    with pytest.raises(ValueError, match="low end"):
        level("us_lead", 2.0, size=(5.0, 2.0))
    with pytest.raises(ValueError, match="level direction"):
        level("narrowing", 2.0)


@pytest.mark.parametrize("x", np.round(np.arange(-12, 12.01, 0.25), 2))
def test_exactly_one_level_claim_is_supported_and_sides_mirror(x):
    verdicts = {d: level(d, float(x)) for d in dissent.LEVEL_DIRECTIONS}
    assert sum(v == S for v in verdicts.values()) == 1
    assert level("us_lead", float(x)) == level("china_lead", float(-x))
    assert level("parity", float(x)) == level("parity", float(-x))


def test_ratio_rules_are_the_month_rules_on_a_log_scale():
    rules = dissent.RULES
    ratio = lambda d, a: dissent.level_verdict(d, math.log(a), parity=math.log(rules.parity_ratio), margin=math.log(rules.margin_ratio))  # noqa: E731
    assert ratio("us_lead", 2.0) == S  # 2 >= 1.5
    assert ratio("us_lead", 1.2) == M
    assert ratio("us_lead", 1.0) == C  # level: a factor 1.5 short of 1.5
    assert ratio("parity", 1.2) == S
    assert ratio("parity", 2.0) == M
    assert ratio("parity", 2.25) == C  # 1.5 x 1.5
    assert ratio("parity", 1 / 2.25) == C
    assert ratio("china_lead", 0.5) == S


# --- Trend rules ----------------------------------------------------------------


@pytest.mark.parametrize(
    "direction, low, high, expected",
    [
        ("narrowing", -5.0, -2.0, S),  # whole interval below -1
        ("narrowing", -3.0, 0.5, M),
        ("narrowing", -0.5, 2.0, C),  # whole interval at or above -1
        ("narrowing", 2.0, 4.0, C),
        ("widening", 2.0, 4.0, S),
        ("widening", -0.5, 3.0, M),
        ("widening", -4.0, 0.5, C),
        ("stable", -0.5, 0.8, S),
        ("stable", -2.0, 0.5, M),
        ("stable", 1.5, 3.0, C),
        ("stable", -3.0, -1.5, C),
    ],
)
def test_trend_rule_on_hand_worked_cases(direction, low, high, expected):
    assert dissent.trend_verdict(direction, low, high, band=1.0) == expected


def test_with_no_band_the_trend_rule_is_the_sign_of_the_interval():
    assert dissent.trend_verdict("narrowing", -3.0, -0.1, band=0.0) == S
    assert dissent.trend_verdict("narrowing", -3.0, 0.1, band=0.0) == M
    assert dissent.trend_verdict("narrowing", 0.1, 3.0, band=0.0) == C


def test_trend_rules_mirror_and_never_support_two_directions():
    rng = np.random.default_rng(1)
    for _ in range(500):
        low, high = np.sort(rng.uniform(-6, 6, size=2))
        verdicts = {d: dissent.trend_verdict(d, low, high, band=1.0) for d in dissent.TREND_DIRECTIONS}
        assert sum(v == S for v in verdicts.values()) <= 1
        assert verdicts["narrowing"] == dissent.trend_verdict("widening", -high, -low, band=1.0)
        assert verdicts["stable"] == dissent.trend_verdict("stable", -high, -low, band=1.0)
        if verdicts["narrowing"] == S:
            assert verdicts["widening"] == C
        assert dissent.window_class(low, high, 1.0) in dissent.WINDOW_CLASSES


def test_combining_parts():
    assert dissent.combine([]) == NT
    assert dissent.combine([NT, NT]) == NT
    assert dissent.combine([S, NT]) == S
    assert dissent.combine([C, C, NT]) == C
    assert dissent.combine([S, C]) == M
    assert dissent.combine([M, S]) == M
    with pytest.raises(ValueError, match="unknown verdict"):
        dissent.combine(["maybe"])


def test_rules_reject_meaningless_thresholds():
    with pytest.raises(ValueError, match="parity_ratio"):
        dissent.Rules(parity_ratio=1.0)
    with pytest.raises(ValueError, match="trend_level"):
        dissent.Rules(trend_level=1.2)
    with pytest.raises(ValueError, match="parity_months"):
        dissent.Rules(parity_months=0)


# --- Windows --------------------------------------------------------------------


def claim(**fields):
    base = {
        "id": "x",
        "who": "someone",
        "date": pd.NaT,
        "direction": "us_lead",
        "metric": "capabilities",
        "lead_months_low": np.nan,
        "lead_months_high": np.nan,
        "window_start": pd.NaT,
        "window_end": pd.NaT,
    }
    base.update({k: (pd.Timestamp(v) if k in ("date", "window_start", "window_end") and v is not None else v) for k, v in fields.items()})
    return pd.Series(base)


def test_windows_of_claims():
    w = dissent.claim_window(claim(date="2025-06-18"))
    assert (w.status, w.start, w.end) == ("present", pd.Timestamp("2024-06-18"), pd.Timestamp("2025-06-18"))
    w = dissent.claim_window(claim(date="2025-04-07", window_start="2024-01-01", window_end="2025-02-28"))
    assert (w.status, w.start, w.end) == ("present", pd.Timestamp("2024-01-01"), pd.Timestamp("2025-02-28"))
    assert dissent.claim_window(claim()).status == "undated"
    assert dissent.claim_window(claim(date="2026-05-14", window_start="2026-05-14", window_end="2028-12-31")).status == "forecast"
    assert dissent.claim_window(claim(date="2026-01-10", window_start="2026-01-10")).status == "forecast"
    w = dissent.claim_window(claim(date="2025-01-22", window_end="2025-01-07"))
    assert (w.status, w.end) == ("present", pd.Timestamp("2025-01-07"))


# --- A small world whose answers are known ---------------------------------------


def small_models():
    rows = [
        ("us-0", US, "2022-06-01", 90.0),
        ("us-a", US, "2023-01-01", 100.0),
        ("us-b", US, "2023-02-01", 120.0),
        ("cn-a", CN, "2023-03-01", 100.0),  # matched by us-a on 1 Jan 2023; China never improves
        ("us-c", US, "2024-06-30", 130.0),  # the last release: the data end
    ]
    frame = pd.DataFrame(rows, columns=["model", "country", "release_date", "eci_score"])
    frame["release_date"] = pd.to_datetime(frame["release_date"])
    frame["open_weights"] = pd.array([False, False, False, True, False], dtype="boolean")
    return frame


def small_shares(us=0.6, cn=0.3, date="2024-01-01"):
    return pd.DataFrame(
        {
            "id": ["s-us", "s-cn"],
            "date": pd.to_datetime([date, date]),
            "measure": ["share", "share"],
            "country": [US, CN],
            "share": [us, cn],
            "confidence": ["high", "high"],
        }
    )


def small_ceiling():
    # The best legal chip falls from half of the best US chip to a tenth.
    return pd.DataFrame(
        {
            "date": pd.to_datetime(["2023-01-01", "2024-01-01"]),
            "best_legal_chip": ["mid", "low"],
            "best_us_chip": ["top", "top"],
            "tpp_ratio": [0.5, 0.1],
            "bandwidth_ratio": [0.5, 0.2],
        }
    )


@pytest.fixture(scope="module")
def world():
    return dissent.build_inputs(small_models(), small_shares(), small_ceiling())


def verdict(world, **fields):
    return dissent.assess(claim(**fields), world)[0]


def test_small_world_lag_is_the_hand_computed_one(world):
    # On 1 Jan 2024 China's best (100) was first reached by the US on 1 Jan 2023.
    assert world.lag.at[pd.Timestamp("2024-01-01"), "lag_months"] == pytest.approx(365 / MONTH)
    assert not world.lag["censored"].any()


def test_small_world_level_claims(world):
    # 15 Mar 2023: 73 days = 2.4 months.
    assert verdict(world, date="2023-03-15", direction="parity") == S
    assert verdict(world, date="2023-03-15", direction="us_lead") == M
    # 1 Jan 2024: 12.0 months.
    assert verdict(world, date="2024-01-01", lead_months_low=10, lead_months_high=12) == S
    assert verdict(world, date="2024-01-01", lead_months_low=3, lead_months_high=6) == C
    assert verdict(world, date="2024-01-01", direction="parity") == C


def test_small_world_trend_claims(world):
    # The lag grows one day per day: +12 months a year, with no doubt about it.
    window = dict(date="2024-04-30", window_start="2023-04-01", window_end="2024-04-30")
    assert verdict(world, direction="widening", **window) == S
    assert verdict(world, direction="narrowing", **window) == C
    assert verdict(world, direction="stable", **window) == C
    # A trend claim with a stated size: both must hold.
    # On 30 April 2024 the lag is 485 days, 15.9 months.
    assert verdict(world, direction="widening", lead_months_low=15, lead_months_high=16, **window) == S
    assert verdict(world, direction="widening", lead_months_low=1, lead_months_high=2, **window) == M


def test_small_world_coverage(world):
    # The data end on 30 June 2024; a claim two months later is not testable.
    assert verdict(world, date="2024-08-30") == NT
    # Within the grace month it is tested on the last day of the data.
    verdict_, parts, _ = dissent.assess(claim(date="2024-07-20", lead_months_low=17, lead_months_high=18), world)
    assert verdict_ == S and "2024-06-30" in parts[0].value
    assert verdict(world, date="2024-01-01", metric="data") == NT
    assert verdict(world, direction="widening", metric="compute", date="2024-01-01") == NT
    assert verdict(world) == NT  # undated


def test_small_world_compute(world):
    assert verdict(world, metric="compute", date="2024-03-01") == S  # 0.6 / 0.3 = 2x
    assert verdict(world, metric="compute", direction="parity", date="2024-03-01") == M
    # The only snapshot is more than 12 months away.
    assert verdict(world, metric="compute", date="2025-06-01") == NT
    far = dissent.build_inputs(small_models(), small_shares(us=0.8, cn=0.2), small_ceiling())
    assert verdict(far, metric="compute", direction="parity", date="2024-03-01") == C  # 4x


def test_small_world_chips(world):
    window = dict(date="2024-03-01", window_start="2023-06-01", window_end="2024-03-01")
    assert verdict(world, metric="chips", direction="widening", **window) == S  # advantage 2x -> 10x
    assert verdict(world, metric="chips", direction="narrowing", **window) == C
    assert verdict(world, metric="chips", date="2024-03-01") == S
    assert verdict(world, metric="chips", direction="parity", date="2024-03-01") == C
    # A size in months cannot be read off a ratio: only the direction is tested.
    _, parts, _ = dissent.assess(claim(metric="chips", date="2024-03-01", lead_months_low=18, lead_months_high=24), world)
    assert "direction only" in parts[0].value


def test_mixed_claims_need_every_measure_to_agree(world):
    window = dict(date="2024-03-01", window_start="2023-06-01", window_end="2024-03-01")
    # Capabilities and chips both widen; compute has no trend to test.
    assert verdict(world, metric="mixed", direction="widening", **window) == S
    assert verdict(world, metric="mixed", direction="narrowing", **window) == C
    loosening = dissent.build_inputs(small_models(), small_shares(), small_ceiling().assign(tpp_ratio=[0.1, 0.5]))
    assert verdict(loosening, metric="mixed", direction="widening", **window) == M


def test_without_the_ceiling_chip_tests_are_pending():
    inputs = dissent.build_inputs(small_models(), small_shares())
    verdict_, parts, reason = dissent.assess(claim(metric="chips", date="2024-03-01"), inputs)
    assert verdict_ == NT and "pending" in reason


def test_ceiling_table_is_checked():
    with pytest.raises(ValueError, match="lacks columns"):
        dissent.validate_ceiling(small_ceiling().drop(columns="tpp_ratio"))
    with pytest.raises(ValueError, match="between 0 and 1"):
        dissent.validate_ceiling(small_ceiling().assign(tpp_ratio=[2.0, 0.1]))


def test_no_legal_chip_means_an_unbounded_us_advantage():
    # As the export-control chapter reports it: no chip id and a NaN ratio.
    ceiling = small_ceiling().assign(tpp_ratio=[0.5, np.nan], best_legal_chip=["mid", None])
    chip = dissent.ceiling_at(dissent.validate_ceiling(ceiling), "2024-02-01")
    assert chip["advantage"] == math.inf
    inputs = dissent.build_inputs(small_models(), small_shares(), ceiling)
    window = dict(date="2024-03-01", window_start="2023-06-01", window_end="2024-03-01")
    assert verdict(inputs, metric="chips", direction="widening", **window) == S
    assert chip["best_legal_chip"] == "none" and chip["tpp_ratio"] == 0.0
    assert dissent.ceiling_at(dissent.validate_ceiling(ceiling), "2022-01-01") is None
    # A named legal chip whose performance is unknown is not testable.
    unknown = small_ceiling().assign(tpp_ratio=[0.5, np.nan])
    assert dissent.ceiling_at(dissent.validate_ceiling(unknown), "2024-02-01") is None


def test_trend_window_is_extended_to_twelve_months(world):
    start, end = dissent.trend_window(world.lag["lag_months"], "2024-01-15", "2024-06-30", 12)
    assert end == pd.Timestamp("2024-06-30")
    months = world.lag["lag_months"].loc[start:end].resample("MS").mean().dropna()
    assert len(months) == 12
    # Not enough data at all: None.
    assert dissent.trend_window(world.lag["lag_months"], "2023-03-01", "2023-06-30", 12) is None


def test_window_grid_on_a_steadily_widening_gap(world):
    grid = dissent.window_grid(world.lag["lag_months"], n_boot=200)
    # Lag data from March 2023 to June 2024: 16 months, so windows of 12 to 16
    # months: 5 + 4 + 3 + 2 + 1.
    assert len(grid) == 15
    assert (grid["months"] >= 12).all()
    assert set(grid["class"]) == {"widening"}
    assert grid["slope"].to_numpy() == pytest.approx(12.0, rel=0.02)
    assert dissent.window_shares(grid)["widening"] == 1.0


# --- The claims table --------------------------------------------------------------


def test_claims_validation_names_each_problem():
    good = data.load("claims")
    bad = pd.concat([good, good.iloc[[0]]], ignore_index=True)
    with pytest.raises(ValueError, match="duplicate ids"):
        dissent.validate_claims(bad)
    bad = good.copy()
    bad.loc[0, "direction"] = "overtaking"
    with pytest.raises(ValueError, match="no verdict rule"):
        dissent.validate_claims(bad)
    bad = good.copy()
    bad.loc[0, ["lead_months_low", "lead_months_high"]] = [24.0, 12.0]
    with pytest.raises(ValueError, match="lead_months_low above"):
        dissent.validate_claims(bad)
    bad = good.copy()
    row = bad.index[bad["direction"] == "parity"][0]
    bad.loc[row, "lead_months_low"] = 3.0
    with pytest.raises(ValueError, match="contradicts direction parity"):
        dissent.validate_claims(bad)
    bad = good.copy()
    bad.loc[0, ["window_start", "window_end"]] = [pd.Timestamp("2026-01-01"), pd.Timestamp("2025-01-01")]
    with pytest.raises(ValueError, match="window_start after"):
        dissent.validate_claims(bad)


def test_every_coded_direction_and_metric_has_a_rule():
    fields = {f["name"]: f for f in data.resource_descriptor("claims")["schema"]["fields"]}
    assert set(fields["direction"]["constraints"]["enum"]) == set(dissent.DIRECTIONS)
    assert set(fields["metric"]["constraints"]["enum"]) == set(dissent.METRICS)


def test_real_claims_table_is_consistent():
    claims = dissent.validate_claims(data.load("claims"))
    # Sizes are US leads in months; undated claims carry the month in the note.
    for _, row in claims[claims["date"].isna()].iterrows():
        assert re.search(r"(19|20)\d\d", row["note"]), row["id"]
    # Every row has a source, and no claim post-dates the day the data were compiled.
    assert claims["source_url"].str.match(r"^https?://").all()
    assert (claims["date"].dropna() <= pd.Timestamp(data.resource_descriptor("claims")["accessed"])).all()


# --- The scorecard on the book's data ----------------------------------------------


@pytest.fixture(scope="module")
def real():
    claims = data.load("claims")
    inputs = dissent.build_inputs(data.load("frontier_models"), data.load("compute_shares"), _ceiling())
    return claims, inputs


def _ceiling():
    try:
        from ailead import controls
    except ImportError:
        return None
    return controls.ceiling_ratio(data.load("accelerators"), data.load("chip_export_status"), data.load("export_controls"))


def test_scorecard_has_one_row_per_claim_and_only_allowed_verdicts(real):
    claims, inputs = real
    card = dissent.scorecard(claims, inputs)
    assert card["claim"].tolist() == claims["id"].tolist()
    assert list(card.columns) == dissent.SCORECARD_COLUMNS
    assert set(card["verdict"]) <= set(dissent.VERDICTS)
    assert card["evidence"].str.len().gt(0).all()
    assert sum(dissent.verdict_counts(card).values()) == len(claims)


def test_scorecard_is_reproducible(real):
    claims, inputs = real
    first = dissent.scorecard(claims, inputs)
    fresh = dissent.build_inputs(data.load("frontier_models"), data.load("compute_shares"), _ceiling())
    pd.testing.assert_frame_equal(first, dissent.scorecard(claims, fresh))


def test_scorecard_verdicts_follow_the_detail(real):
    claims, inputs = real
    card = dissent.scorecard(claims, inputs).set_index("claim")["verdict"]
    detail = dissent.evidence_detail(claims, inputs)
    assert set(detail["claim"]) == set(claims["id"])
    for cid, rows in detail.groupby("claim"):
        assert (rows["verdict"] == card[cid]).all()
        if card[cid] in (S, C):
            # Supported or contradicted only if no testable part disagrees.
            assert set(rows["part_verdict"]) - {NT} == {card[cid]}


def test_predictions_and_undated_claims_are_never_judged(real):
    claims, inputs = real
    card = dissent.scorecard(claims, inputs).set_index("claim")
    for _, row in claims.iterrows():
        window = dissent.claim_window(row)
        if window.status != "present":
            assert card.at[row["id"], "verdict"] == NT


def test_sensitivity_varies_every_constant_both_ways(real):
    claims, inputs = real
    table = dissent.sensitivity(claims, inputs)
    assert table["constant"].tolist() == [name for name in dissent.SENSITIVITY for _ in range(2)]
    assert (table["verdicts_changed"] >= 0).all()
    assert dissent.alternatives("parity_ratio") == pytest.approx((1.5**0.5, 2.25))
    assert dissent.alternatives("parity_months") == (1.5, 6.0)


def test_rules_table_is_written_from_the_constants():
    default = dissent.rules_table()
    changed = dissent.rules_table(dissent.Rules(parity_months=4.0, margin_months=2.0))
    row = lambda t: t.set_index("measured by").loc["lag on the claim's last day (months)"].set_index("claim says").loc["parity"]  # noqa: E731
    assert row(default)["supported if"] == "lag shorter than 3 either way"
    assert row(default)["contradicted if"] == "lag 6 or more either way"
    assert row(changed)["supported if"] == "lag shorter than 4 either way"
    assert row(changed)["contradicted if"] == "lag 6 or more either way"
    assert "12 months" in dissent.coverage_table()["rule"].str.cat(sep=" ")


def test_yardsticks_on_hand_made_series():
    days = pd.date_range("2024-01-01", "2024-03-01")
    lag = pd.Series(np.linspace(5, 1, len(days)), index=days)
    scores = pd.Series(np.linspace(10, 2, len(days)), index=days)
    arena = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-03-01", "2024-01-01"]),
            "measure": ["Arena score gap", "Arena score gap"],
            "gap": [2.0, 9.0],
            "unit": ["percent", "percent"],
        }
    )
    table = dissent.yardsticks(lag, scores, arena)
    assert table["date"].tolist() == ["2024-01-01", "2024-03-01"]
    assert table["eci_lag_months"].tolist() == [5.0, 1.0]
    assert dissent.same_direction(table, "arena_gap_pct", "eci_lag_months") == 1.0


def test_chapter_links_only_to_sourced_pages():
    """Every web link in the chapter's prose, and the address of every work it
    cites from references.bib, is a source recorded in data/."""
    notebook = json.loads((REPO / "chapters" / "05_dissenting_view.ipynb").read_text(encoding="utf-8"))
    prose = "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown")
    links = set(re.findall(r"\]\((https?://[^)\s]+)\)", prose))
    bib = (REPO / "references.bib").read_text(encoding="utf-8")
    addresses = dict(re.findall(r"^@\w+\{([^,\s]+),.*?^\s*url\s*=\s*\{([^}]+)\}", bib, flags=re.M | re.S))
    roles = re.findall(r"\{cite(?::[a-z]+)?\}`([^`]+)`", prose)
    cited = {re.sub(r"\{[^}]*\}", "", key).strip() for group in roles for key in group.split(",")}
    assert cited <= set(addresses), sorted(cited - set(addresses))
    links |= {addresses[key] for key in cited}
    assert links, "the chapter should cite its sources"
    sourced = set()
    for path in sorted((REPO / "data").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                sourced |= {row.get(c) for c in ("source_url", "source_url_2") if row.get(c)}
    assert links <= sourced, sorted(links - sourced)


# --- Helpers for the prose ------------------------------------------------------------


def test_sides_split_every_direction_once_and_mirror_each_other():
    sides = list(dissent.SIDES.values())
    assert sorted(sides[0] + sides[1]) == sorted(dissent.DIRECTIONS)
    mirror = {"us_lead": "china_lead", "widening": "narrowing", "stable": "parity"}
    assert {mirror[d] for d in sides[0]} == set(sides[1])


def test_verdicts_by_side_counts_each_claim_once():
    card = pd.DataFrame({"direction": ["us_lead", "narrowing", "parity", "widening"], "verdict": [S, C, S, NT]})
    table = dissent.verdicts_by_side(card)
    assert table.loc["the US ahead or pulling away"].tolist() == [1, 0, 0, 1]
    assert table.loc["China catching up, level or ahead"].tolist() == [1, 0, 1, 0]


def test_claim_status_and_speakers(world):
    claims = pd.DataFrame(
        [
            claim(id="now", who="A", date="2024-01-01"),
            claim(id="later", who="B", date="2024-06-01", window_start="2024-06-01"),
            claim(id="late", who="C; D", date="2024-09-30"),
            claim(id="when", who="E"),
        ]
    ).assign(affiliation=["a", "b", "Group", "e"])
    status = dissent.claim_status(claims, world)
    assert status.to_dict() == {"now": "present", "later": "forecast", "late": "after the data", "when": "undated"}
    assert dissent.speakers(claims, ["now", "late", "when"]) == "A, Group and E"
    assert dissent.speakers(claims, ["now"]) == "A"
    assert dissent.speakers(claims, []) == ""


def test_claim_values_name_every_claim(world):
    claims = pd.DataFrame([claim(id="a-b", date="2024-01-01", lead_months_low=10, lead_months_high=12)])
    values = dissent.claim_values(claims, world)
    assert values["dis_v_a_b"] == S
    assert values["dis_size_a_b"] == "10-12 months"
    assert values["dis_when_a_b"] == "January 2024"
    assert values["dis_num_a_b_capabilities_level"] == pytest.approx(365 / MONTH, abs=0.01)


def test_window_families_on_a_hand_made_lag():
    # Rises to a peak in June 2024, falls to a trough in January 2025, rises again.
    days = pd.date_range("2023-01-01", "2026-06-30")
    lag = pd.Series(0.0, index=days)
    lag[:"2024-06-15"] = np.linspace(2, 14, len(lag[:"2024-06-15"]))
    lag["2024-06-16":"2025-01-10"] = np.linspace(14, 1, len(lag["2024-06-16":"2025-01-10"]))
    lag["2025-01-11":] = np.linspace(1, 12, len(lag["2025-01-11":]))
    grid = dissent.window_grid(lag, n_boot=200)
    families = dissent.window_families(grid, lag)
    assert families["peak"] == pd.Timestamp("2024-06-15") and families["trough"] == pd.Timestamp("2025-01-10")
    assert families["share_after_widening"] == 1.0  # starting at the trough, the lag only rises
    assert families["n_around"] > 0 and families["n_spanning"] > 0


def test_blank_and_claims_table_show_missing_values_as_empty():
    frame = pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": [1.5, np.nan]})
    shown = dissent.blank(frame)
    assert shown["a"].tolist() == [1, ""] and shown["b"].tolist() == [1.5, ""]
    table = dissent.claims_table(data.load("claims"))
    assert (table["date"] == "").sum() == data.load("claims")["date"].isna().sum()
    assert table["date"].str.fullmatch(r"(\d{4}-\d{2}-\d{2})?").all()


def test_for_readers_names_columns_and_turns_placeholders_into_missing():
    frame = pd.DataFrame(
        {"tested_on": ["-", "capabilities"], "verdict": ["not testable", "supported"], "n": pd.array([1, None], dtype="Int64")},
        index=pd.Index(["x", "y"], name="claims that say"),
    )
    shown = dissent.for_readers(frame, {"tested_on": "Tested on"})
    # A named index becomes the first column; unnamed labels get a capital first letter.
    assert list(shown.columns) == ["Claims that say", "Tested on", "Verdict", "N"]
    assert shown["Tested on"].tolist() == [None, "capabilities"]
    assert shown["Claims that say"].tolist() == ["x", "y"] and shown.index.tolist() == [0, 1]
    assert pd.isna(shown.at[1, "N"]) and shown.at[0, "N"] == 1
    # An unnamed index is dropped, not turned into a column.
    assert list(dissent.for_readers(pd.DataFrame({"a": [""]}, index=[7])).columns) == ["A"]


def test_reader_formats_name_columns_the_reader_tables_have(real):
    claims, inputs = real
    context = dissent.for_readers(dissent.context(claims, inputs), dissent.CONTEXT_LABELS)
    assert set(dissent.CONTEXT_FORMATS) <= set(context.columns)
    assert not any("_" in column for column in context.columns)
    assert set(dissent.YARDSTICK_FORMATS) <= set(dissent.YARDSTICK_LABELS.values())
    assert set(dissent.SENSITIVITY_FORMATS) <= set(dissent.SENSITIVITY_LABELS.values())
