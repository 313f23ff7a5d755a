"""Chapter 01, where the lead stands today: the values, charts and tables it shows."""

from __future__ import annotations

import pandas as pd

from .. import data, gap, tables, wording
from ..constants import CHINA, US
from ..figures import gap as figures
from . import Page, cached_page, chapter_data_as_of

#: The day the latest lag is carried to when the index has not caught up (the book's data cut-off).
BOUNDS_END = "2026-12-01"
#: The essay under test (its publication day is read from data/sources.csv).
ESSAY_URL = "https://www.anthropic.com/research/2028-ai-leadership"


@cached_page
def page() -> Page:
    p = Page("ch01")
    models = data.load("frontier_models")
    published = data.load("published_gap_estimates")
    data_end = models["release_date"].max()
    lag = gap.lag_frame(models, start=gap.WINDOW_START, end=data_end)
    stats = gap.summarize(lag["lag_months"])
    trend = gap.trend(gap.for_trend(lag))
    p.add(
        n_models=len(models),
        data_end=data_end,
        window_start=stats["start"],
        lag_latest=stats["latest"],
        lag_mean=stats["mean"],
        lag_min=stats["min"],
        lag_max=stats["max"],
        lag_min_date=stats["min_date"],
        lag_max_date=stats["max_date"],
        trend_slope=trend["slope_months_per_year"],
        trend_low=trend["ci_low"],
        trend_high=trend["ci_high"],
        trend_verdict=trend["verdict"],
        trend_level=round(100 * trend["level"]),
        censored_days=int(lag["censored"].sum()),
        censored_end=lag.index[lag["censored"]].max(),
        lag_mean_uncensored=float(lag.loc[~lag["censored"], "lag_months"].mean()),
    )
    # The finding that opens the chapter, in words (issue 16).
    p.add(trend_words=wording.lag_trend(trend["verdict"]))
    p.charts["fig_frontiers"] = figures.frontier_chart(models, end=data_end)
    p.charts["fig_lag"] = figures.lag_chart(lag)

    # External check against Epoch AI's published figures.
    check = gap.external_check(models, published)
    by_stat = check.set_index("statistic")
    by_model = models.set_index("model")
    gpt4 = by_model.loc[by_stat.at["max", "us_model_matched"]]
    first_past = gap.first_at_or_above(models, gpt4["eci_score"], CHINA)
    trough = by_model.loc[by_stat.at["min", "chinese_model"]]
    p.add(
        epoch_mean=by_stat.at["mean", "published_months"],
        project_mean=by_stat.at["mean", "project_months"],
        epoch_window_end=published["window_end"].iloc[0],
        max_us_model=by_stat.at["max", "us_model_matched"],
        max_us_date=gpt4["release_date"],
        first_past_model=first_past["model"],
        first_past_date=first_past["release_date"],
        first_past_days_after_max=(first_past["release_date"] - by_stat.at["max", "date"]).days,
        min_cn_model=by_stat.at["min", "chinese_model"],
        min_us_above=gap.count_above(models, trough["eci_score"], trough["release_date"], US),
    )
    p.add(
        first_past_days_words=wording.count(p.values["first_past_days_after_max"], "day"),
        min_us_above_words=wording.count(p.values["min_us_above"], "US model"),
    )
    p.tables["external_check"] = lambda: tables.show("gap.external_check", check)

    # The same gap as open versus closed.
    opened = gap.with_groups(models)
    open_lag = gap.lag_months(opened, gap.CLOSED, gap.OPEN, start=gap.WINDOW_START, end=data_end, by="access_group")
    agreement = gap.coincidence(lag["lag_months"], open_lag)
    p.add(
        cn_movers_open=100 * gap.open_share_of_frontier_movers(models, CHINA),
        us_movers_closed=100 * (1 - gap.open_share_of_frontier_movers(models, US)),
        oc_correlation=agreement["correlation"],
        oc_mean_country=agreement["mean_first"],
        oc_mean_access=agreement["mean_second"],
        oc_within3=100 * agreement["share_within_3_months"],
    )
    p.charts["fig_open_closed"] = figures.comparison_chart(lag["lag_months"], open_lag, 100 * agreement["share_within_3_months"])

    # Head-to-head preference votes (Arena).
    arena = data.load("arena_gap").set_index("id", drop=False)
    p.add(
        **{f"arena_{name}": arena.at[row, "gap"] for name, row in gap.ARENA_POINTS.items()},
        **{f"arena_{name}_month": arena.at[row, "date"].strftime("%B %Y") for name, row in gap.ARENA_POINTS.items()},
    )
    arena_rows = gap.arena_rows(arena.reset_index(drop=True))
    p.tables["arena"] = lambda: tables.show("gap.arena", arena_rows)
    p.add(ch01_data_as_of=chapter_data_as_of("ch01"))
    _yardsticks(p, models)
    _releases(p, models)
    return p


def _publisher(name: str) -> str:
    """The publisher without the report or compiler named after it
    ("Stanford HAI, AI Index 2026" -> "Stanford HAI")."""
    return name.split(" (")[0].split(",")[0]


def yardstick_table(rows):
    out = rows.copy()
    out["value_words"] = [
        wording.yardstick_value(r.value, r.value_low, r.value_high, r.us_model, r.us_value, r.china_model, r.china_value)
        for r in out.itertuples()
    ]
    out["unit_words"] = [wording.YARDSTICK_UNITS.get(u, str(u).replace("_", " ")) for u in out["unit"]]
    return out


def _yardsticks(p: Page, models) -> None:
    """Other published gap measures (item 4) and what changed since the essay (item 6)."""
    rows = gap.yardstick_rows(data.load("gap_yardsticks"))
    by_id = rows.set_index("id")
    caisi = by_id.loc["caisi-2026-05-deepseek-v4-pro"]
    epoch = by_id.loc["epoch-2026-01-eci-mean"]
    selfest = by_id.loc["deepseek-2026-04-v4-self-estimate"]
    arena = by_id.loc["aiindex-2026-arena-pct"]
    aa41 = by_id.loc["aa-2026-06-index-v41-scores"]
    aa40 = by_id.loc["aa-2026-05-index-v40-scores"]
    caisi_book = gap.lag_on(models, caisi["as_of"])
    arena_book = gap.lag_on(models, arena["as_of"])
    essay = data.load("sources").set_index("url").at[ESSAY_URL, "published"]
    since = rows[rows["published"] > essay]
    after_index = rows[rows["published"] > models["release_date"].max()]
    p.add(
        yd_count=len(rows),
        yd_publishers=rows["publisher"].map(_publisher).nunique(),
        yd_time_count=int(rows["in_time"].sum()),
        yd_score_count=int((~rows["in_time"]).sum()),
        yd_epoch_mean=float(epoch["value"]),
        yd_caisi_months=float(caisi["value"]),
        yd_caisi_us_model=caisi["us_model"],
        yd_caisi_cn_model=caisi["china_model"],
        yd_caisi_published=caisi["published"],
        yd_caisi_month=caisi["as_of"].strftime("%B %Y"),
        yd_caisi_book_lag=caisi_book,
        yd_caisi_minus_book=float(caisi["value"]) - caisi_book,
        yd_caisi_vs_book=wording.shorter_or_longer(float(caisi["value"]) - caisi_book),
        yd_caisi_abs_diff=abs(float(caisi["value"]) - caisi_book),
        yd_self_low=float(selfest["value_low"]),
        yd_self_high=float(selfest["value_high"]),
        yd_arena_pct=float(arena["value"]),
        yd_arena_month=arena["as_of"].strftime("%B %Y"),
        yd_arena_book_lag=arena_book,
        yd_aa41_us=float(aa41["us_value"]),
        yd_aa41_us_model=aa41["us_model"],
        yd_aa41_cn=float(aa41["china_value"]),
        yd_aa41_cn_model=aa41["china_model"],
        yd_aa41_diff=float(aa41["score_difference"]),
        yd_aa41_published=aa41["published"],
        yd_aa40_diff=float(aa40["score_difference"]),
        yd_aa40_us_model=aa40["us_model"],
        yd_aa40_cn_model=aa40["china_model"],
        yd_since_index=len(after_index),
        yd_since_index_publishers=", ".join(sorted(after_index["publisher"].map(_publisher).unique())),
        yd_essay_date=essay,
        yd_since_essay=len(since),
        yd_since_essay_publishers=", ".join(sorted(since["publisher"].map(_publisher).unique())),
    )
    p.check(
        "every time-unit yardstick is a lag of China behind the US (positive)", (rows.loc[rows["in_time"], "central"] > 0).all()
    )
    p.check("DeepSeek V4 Pro, which CAISI evaluated, is not in the index", caisi["china_model"] not in set(models["model"]))
    p.check("DeepSeek's own range lies below CAISI's estimate", selfest["value_high"] < caisi["value"])
    p.check(
        "Artificial Analysis's scores put the US model ahead in both versions",
        (aa41["score_difference"] > 0) and (aa40["score_difference"] > 0),
    )
    p.check("the book's ECI lag on the Arena gap's month is several months", arena_book >= 3)
    p.check(
        "the yardsticks published after the essay are Artificial Analysis's only",
        set(since["publisher"].map(_publisher)) == {"Artificial Analysis"},
    )
    p.check("DeepSeek's own range lies below the book's ECI lag in CAISI's month", selfest["value_high"] < caisi_book)
    p.check("the AI Index 2026 came out before the essay", arena["published"] < essay)
    recent = after_index[after_index["in_time"]]
    p.check(
        "no time-unit measure published after the index's last release reaches 12 months",
        (recent[["central", "value_high"]].max(axis=1) < 12).all(),
    )
    table = yardstick_table(rows)
    p.tables["yardsticks"] = lambda: tables.show("gap.yardsticks", table)
    p.charts["fig_yardsticks"] = figures.yardstick_chart(models, rows)


def release_table(releases):
    out = releases.sort_values(["release_date", "model"]).reset_index(drop=True).copy()
    out["country_words"] = [wording.country_short(c) for c in out["country"]]
    out["open_words"] = [wording.open_weights_word(None if pd.isna(v) else bool(v)) for v in out["open_weights"]]
    return out


def _releases(p: Page, models) -> None:
    """Frontier releases the index has not scored yet, and the bounds they put on the latest lag (item 5)."""
    releases = data.load("frontier_releases_after_index")
    bounds = gap.lag_bounds_after_index(models, releases, BOUNDS_END)
    later = releases[releases["release_date"] > bounds["index_end"]]
    p.add(
        rel_count=len(releases),
        rel_after_index=len(later),
        rel_cn=int((releases["country"] == CHINA).sum()),
        rel_us=int((releases["country"] == US).sum()),
        rel_last=releases["release_date"].max(),
        rel_bounds_end=bounds["end"],
        rel_lag_index_end=bounds["lag_index_end"],
        rel_upper=bounds["upper"],
        rel_lower=bounds["lower"],
        rel_matched_model=bounds["matched_model"],
        rel_matched_date=bounds["matched_date"],
    )
    p.check("the lower bound is below the upper bound", bounds["lower"] < bounds["upper"])
    p.check("some releases in the table predate the index's last release", len(later) < len(releases))
    table = release_table(releases)
    p.tables["releases"] = lambda: tables.show("gap.releases_after_index", table)
