"""Chapter 01, where the lead stands today: the values, charts and tables it shows."""

from __future__ import annotations

from functools import lru_cache

from .. import data, gap, tables
from ..constants import CHINA, US
from ..figures import gap as figures
from . import Page


@lru_cache(maxsize=1)
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
    p.charts["fig_open_closed"] = figures.comparison_chart(
        {"China behind the US": lag["lag_months"], "Open weights behind closed": open_lag}
    )

    # Head-to-head preference votes (Arena).
    arena = data.load("arena_gap").set_index("id", drop=False)
    p.add(
        **{f"arena_{name}": arena.at[row, "gap"] for name, row in gap.ARENA_POINTS.items()},
        **{f"arena_{name}_month": arena.at[row, "date"].strftime("%B %Y") for name, row in gap.ARENA_POINTS.items()},
    )
    arena_rows = gap.arena_rows(arena.reset_index(drop=True))
    p.tables["arena"] = lambda: tables.show("gap.arena", arena_rows)
    return p
