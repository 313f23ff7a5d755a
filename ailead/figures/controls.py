"""Charts for the chapter on US export controls (timeline, chips against the
thresholds, and the legal ceiling over time)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import controls, wording
from ..charts import DIRECTION_COLORS, country_scale, direction_scale, finish
from ..constants import CHINA, US

SOURCE_EVENTS = "BIS, Federal Register, DOJ, SEC filings and press (data/export_controls.csv); project contributors"
SOURCE_CHIPS = (
    "datasheet copies, a TPP tracker, BIS rules, press (data/accelerators.csv); TPP computed by the project contributors"
)

#: Events closer together than this in one lane are drawn on separate rows.
STACK_DAYS = 40
LANES = list(controls.ACTORS)


def _day(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values).dt.strftime("%Y-%m-%d")


def stack_levels(dates: pd.Series, min_gap_days: int = STACK_DAYS) -> pd.Series:
    """Row within a lane for each date (in the order given) so that no two
    points on one row are closer than ``min_gap_days``: greedy, lowest free
    row first."""
    last_on_row: list[pd.Timestamp] = []
    levels = []
    for date in pd.to_datetime(dates):
        for row, last in enumerate(last_on_row):
            if (date - last).days >= min_gap_days:
                last_on_row[row] = date
                levels.append(row)
                break
        else:
            last_on_row.append(date)
            levels.append(len(last_on_row) - 1)
    return pd.Series(levels, index=dates.index)


def timeline_data(events: pd.DataFrame) -> pd.DataFrame:
    """The rows the timeline draws: one per event, with its lane and row."""
    frame = events.sort_values(["date", "id"]).copy()
    frame["lane"] = controls.actor_group(frame["agency"])
    frame["row"] = 0
    for _lane, group in frame.groupby("lane"):
        frame.loc[group.index, "row"] = stack_levels(group["date"])
    return pd.DataFrame(
        {
            "id": frame["id"],
            "date": _day(frame["date"]),
            "lane": frame["lane"],
            "row": frame["row"].astype(int),
            "direction": frame["direction"],
            "agency": frame["agency"],
            "summary": frame["summary"],
            "confidence": frame["confidence"],
            "source": frame["source_url"],
        }
    ).reset_index(drop=True)


def administration_bands(start, end) -> pd.DataFrame:
    """Each administration's term clipped to [start, end]."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    rows = []
    for name, (term_start, term_end) in controls.ADMINISTRATION_TERMS.items():
        left = max(term_start, start)
        right = min(term_end or end, end)
        if left < right:
            rows.append({"administration": name, "start": left.strftime("%Y-%m-%d"), "end": right.strftime("%Y-%m-%d")})
    return pd.DataFrame(rows)


def _direction_summary(events: pd.DataFrame) -> str:
    """Counts of executive-branch actions by administration and direction, in words."""
    counts = controls.action_counts(events)
    totals = counts.groupby("administration", sort=False)[list(controls.DIRECTIONS)].sum()
    parts = [f"{name}: " + ", ".join(f"{int(n)} {d}" for d, n in row.items() if n) for name, row in totals.iterrows()]
    return "US executive-branch actions by direction, " + "; ".join(parts) + "."


def timeline_chart(events: pd.DataFrame) -> alt.LayerChart:
    data = timeline_data(events)
    first, last = pd.to_datetime(data["date"]).min(), pd.to_datetime(data["date"]).max()
    bands = administration_bands(first - pd.Timedelta(days=45), last + pd.Timedelta(days=45))
    x_scale = alt.Scale(domain=[bands["start"].min(), bands["end"].max()])
    shade = (
        alt.Chart(bands)
        .mark_rect(opacity=0.5)
        .encode(
            x=alt.X("start:T", scale=x_scale, title=None),
            x2="end:T",
            color=alt.Color(
                "administration:N",
                scale=alt.Scale(domain=list(controls.ADMINISTRATION_TERMS), range=["#eeeeee", "#dddddd"]),
                legend=None,
            ),
        )
    )
    band_labels = (
        alt.Chart(bands)
        .mark_text(align="left", baseline="top", dx=4, dy=2, color="#555555", fontSize=11)
        .encode(x=alt.X("start:T", scale=x_scale), y=alt.value(0), text="administration:N")
    )
    points = (
        alt.Chart(data)
        .mark_point(filled=True, size=70, opacity=0.9, stroke="#333333", strokeWidth=0.5)
        .encode(
            x=alt.X("date:T", scale=x_scale, title="Date", axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount=8)),
            y=alt.Y("lane:N", sort=LANES, title=None, scale=alt.Scale(domain=LANES)),
            yOffset=alt.YOffset("row:O"),
            color=alt.Color("direction:N", scale=direction_scale(list(DIRECTION_COLORS)), title="Direction"),
            shape=alt.Shape(
                "confidence:N",
                scale=alt.Scale(domain=["high", "medium", "low"], range=["circle", "diamond", "triangle-up"]),
                title="Confidence",
            ),
            href="source:N",
            tooltip=[
                alt.Tooltip("date:T", title="Date", format="%-d %b %Y"),
                alt.Tooltip("summary:N", title="What happened"),
                alt.Tooltip("agency:N", title="Acting body"),
                alt.Tooltip("direction:N", title="Direction"),
                alt.Tooltip("confidence:N", title="Confidence"),
                alt.Tooltip("source:N", title="Source (click the point)"),
            ],
        )
    )
    chart = (shade + band_labels + points).resolve_scale(color="independent").properties(width=640, height=300)
    return finish(
        chart,
        source=SOURCE_EVENTS,
        description=(
            f"Timeline of {len(data)} dated actions on AI chip exports to China from "
            f"{first:%B %Y} to {last:%B %Y}, one row per acting body ({', '.join(LANES)}), coloured by "
            "direction (tighten, loosen, enforce), on shaded bands for the "
            f"{' and '.join(bands['administration'])} administrations. {_direction_summary(events)}"
        ),
    )


def ceiling_path(steps: pd.DataFrame) -> pd.DataFrame:
    """The successive best legal chips, one row each time the chip changes
    (gaps with no legal chip are skipped), with the month it took over."""
    steps = controls.chip_steps(steps)
    legal = steps.dropna(subset=["best_legal_chip"])
    moved = legal["best_legal_chip"] != legal["best_legal_chip"].shift()
    # A chip that returns after a gap starts a new spell.
    after_gap = steps["best_legal_chip"].shift().isna().reindex(legal.index)
    spells = legal[moved | after_gap]
    return pd.DataFrame(
        {
            "order": range(len(spells)),
            "id": spells["best_legal_chip"].astype(str).to_numpy(),
            "from": spells["date"].dt.strftime("%b %Y").to_numpy(),
            "tpp": spells["legal_tpp"].round(0).to_numpy(),
            "bandwidth": spells["legal_bandwidth_tb_s"].round(3).to_numpy(),
        }
    )


def chips_data(specs: pd.DataFrame) -> pd.DataFrame:
    """Chips with both a TPP and a memory bandwidth; chips at the same point
    share one label."""
    drawable = specs.dropna(subset=["tpp", "memory_bandwidth_tb_s"])
    chips = pd.DataFrame(
        {
            "id": drawable["id"],
            "chip": drawable["name"].map(wording.chip_name),
            "country": drawable["country"],
            "tpp": drawable["tpp"].round(0),
            "bandwidth": drawable["memory_bandwidth_tb_s"].round(3),
            "density": drawable["performance_density"].round(2),
            "class_2022": drawable["class_2022"],
            "class_2023": drawable["class_2023"],
            "confidence": drawable["confidence"],
        }
    ).reset_index(drop=True)
    spot = [chips["tpp"], chips["bandwidth"].round(1)]
    chips["label"] = chips.groupby(spot)["chip"].transform(" / ".join)
    chips["labelled"] = ~chips.assign(b=spot[1]).duplicated(subset=["tpp", "b"])
    return chips


TPP_AXIS = dict(type="log", domain=[1000, 50000])
BANDWIDTH_AXIS = dict(domain=[0, 9])


def chips_chart(specs: pd.DataFrame, steps: pd.DataFrame) -> alt.LayerChart:
    chips = chips_data(specs)
    path = ceiling_path(steps)
    spells = (
        path.groupby("id", sort=False)
        .agg(tpp=("tpp", "first"), bandwidth=("bandwidth", "first"), when=("from", "; ".join))
        .reset_index()
    )
    x = alt.X(
        "tpp:Q",
        title="Total processing performance (TPP, log scale)",
        scale=alt.Scale(**TPP_AXIS),
        axis=alt.Axis(values=[1000, 2000, 5000, 10000, 20000, 50000], format=",d"),
    )
    y = alt.Y("bandwidth:Q", title="Memory bandwidth (TB/s)", scale=alt.Scale(**BANDWIDTH_AXIS))
    zone = pd.DataFrame(
        {
            "tpp": [TPP_AXIS["domain"][0]],
            "tpp2": [controls.TPP_2026_CASE_BY_CASE],
            "bandwidth": [0],
            "bandwidth2": [controls.DRAM_BANDWIDTH_2026_GB_S / 1000],
            "label": [
                f"Jan 2026 case-by-case zone: TPP < {controls.TPP_2026_CASE_BY_CASE:,}, "
                f"DRAM bandwidth < {controls.DRAM_BANDWIDTH_2026_GB_S / 1000:g} TB/s"
            ],
        }
    )
    zone_layer = alt.Chart(zone).mark_rect(color="#E69F00", opacity=0.12).encode(x=x, x2="tpp2:Q", y=y, y2="bandwidth2:Q")
    zone_text = (
        alt.Chart(zone)
        .mark_text(align="left", dx=4, dy=-7, fontSize=10, color="#8a5a00")
        .encode(x=x, y=alt.Y("bandwidth2:Q", scale=alt.Scale(**BANDWIDTH_AXIS)), text="label:N")
    )
    rules = pd.DataFrame(
        {"tpp": [controls.TPP_2023_A2, controls.TPP_2023_A], "label": [f"{controls.TPP_2023_A2:,}", f"{controls.TPP_2023_A:,}"]}
    )
    rule_layer = alt.Chart(rules).mark_rule(strokeDash=[4, 3], color="#555555").encode(x=x)
    rule_text = (
        alt.Chart(rules)
        .mark_text(align="left", baseline="top", dx=3, dy=3, fontSize=10, color="#555555")
        .encode(x=x, y=alt.value(0), text="label:N")
    )
    trail = (
        alt.Chart(path)
        .mark_line(color="#D55E00", strokeDash=[6, 3], strokeWidth=1.5, opacity=0.8)
        .encode(x=x, y=y, order="order:Q")
    )
    points = (
        alt.Chart(chips)
        .mark_point(filled=True, size=90, opacity=0.9)
        .encode(
            x=x,
            y=y,
            color=alt.Color("country:N", scale=country_scale([US, CHINA]), title="Designer's country"),
            shape=alt.Shape(
                "confidence:N",
                scale=alt.Scale(domain=["high", "medium", "low"], range=["circle", "diamond", "triangle-up"]),
                title="Confidence",
            ),
            tooltip=[
                alt.Tooltip("chip:N", title="Chip"),
                alt.Tooltip("tpp:Q", title="TPP", format=",.0f"),
                alt.Tooltip("bandwidth:Q", title="Memory bandwidth (TB/s)", format=".2f"),
                alt.Tooltip("density:Q", title="Performance density", format=".2f"),
                alt.Tooltip("class_2022:N", title="Class, Oct 2022 rule"),
                alt.Tooltip("class_2023:N", title="Class, Oct 2023 rule"),
                alt.Tooltip("confidence:N", title="Confidence"),
            ],
        )
    )
    us_names = (
        alt.Chart(chips)
        .transform_filter((alt.datum.country == US) & alt.datum.labelled)
        .mark_text(align="left", dx=7, dy=-8, fontSize=10)
        .encode(x=x, y=y, text="label:N")
    )
    other_names = (
        alt.Chart(chips)
        .transform_filter((alt.datum.country != US) & alt.datum.labelled)
        .mark_text(align="right", dx=-7, dy=2, fontSize=10)
        .encode(x=x, y=y, text="label:N")
    )
    when = alt.Chart(spells).mark_text(align="left", dx=7, dy=8, fontSize=9, color="#D55E00").encode(x=x, y=y, text="when:N")
    chart = (zone_layer + zone_text + rule_layer + rule_text + trail + points + us_names + other_names + when).properties(
        width=640, height=380
    )
    names = dict(zip(chips["id"], chips["chip"]))
    return finish(
        chart,
        source=SOURCE_CHIPS,
        description=(
            "Scatter of AI accelerators by total processing performance (log scale) and memory bandwidth, with "
            f"dashed lines at the 3A090 thresholds of {controls.TPP_2023_A2:,} and {controls.TPP_2023_A:,} TPP and a shaded "
            "box for the January 2026 case-by-case zone. A dashed vermillion path joins the best chip China could "
            "legally buy, in time order: "
            + ", ".join(f"{names.get(row.id, row.id)} from {row._3}" for row in path.itertuples())
            + "."
        ),
    )


def ceiling_data(steps: pd.DataFrame, end) -> pd.DataFrame:
    """Points for step lines of the two ratios, carried to ``end``.

    Each step is drawn from its date to the next step's date; a step with no
    legal chip is a gap (``ratio`` missing). ``start`` marks the first point
    of each step (the only ones drawn as dots).
    """
    end = pd.Timestamp(end)
    nexts = list(steps["date"].iloc[1:]) + [end]
    rows = []
    for (_, step), until in zip(steps.iterrows(), nexts):
        for measure, column in (("TPP", "tpp_ratio"), ("Memory bandwidth", "bandwidth_ratio")):
            ratio = step[column]
            common = {
                "measure": measure,
                "legal": "none in the table" if pd.isna(step["best_legal_chip"]) else str(step["best_legal_chip"]),
                "leader": str(step["best_us_chip"]),
                "ratio": None if pd.isna(ratio) else round(float(ratio), 3),
                "legal_tpp": None if pd.isna(step["legal_tpp"]) else round(float(step["legal_tpp"])),
                "us_tpp": round(float(step["us_tpp"])),
            }
            rows.append({"date": step["date"], "start": True, **common})
            rows.append({"date": until, "start": False, **common})
    data = pd.DataFrame(rows)
    data["date"] = _day(data["date"])
    return data


def gaps_data(steps: pd.DataFrame, end) -> pd.DataFrame:
    """Periods in which no chip in the table was legally sellable (one per
    spell, however many steps it spans)."""
    spells = controls.gap_spells(steps, end)
    return pd.DataFrame(
        {"start": spells["start"].dt.strftime("%Y-%m-%d"), "end": spells["end"].dt.strftime("%Y-%m-%d")}, columns=["start", "end"]
    )


def ceiling_chart(steps: pd.DataFrame, end, names: dict[str, str] | None = None) -> alt.LayerChart:
    """``names`` maps chip ids to the names used in the text description.

    Steps that only flag a Chinese import restriction (same chips, same
    ratios) are not drawn as new steps: the chart shows the chips."""
    names = names or {}
    steps = controls.chip_steps(steps)
    data = ceiling_data(steps, end)
    gaps = gaps_data(steps, end)
    x = alt.X("date:T", title="Date", axis=alt.Axis(format="%b %Y", labelAngle=0))
    y = alt.Y("ratio:Q", title="Best legal chip / best US chip", axis=alt.Axis(format=".0%"), scale=alt.Scale(domain=[0, 1.25]))
    shade = alt.Chart(gaps).mark_rect(color="#999999", opacity=0.15).encode(x=alt.X("start:T"), x2="end:T")
    shade_text = (
        alt.Chart(gaps)
        .mark_text(align="left", baseline="top", dx=3, dy=3, fontSize=9, color="#555555", text="no listed chip sellable")
        .encode(x=alt.X("start:T"), y=alt.value(0))
    )
    lines = (
        alt.Chart(data)
        .mark_line(interpolate="step-after", strokeWidth=2.5)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "measure:N", title=None, scale=alt.Scale(domain=["TPP", "Memory bandwidth"], range=["#0072B2", "#CC79A7"])
            ),
            detail="measure:N",
            tooltip=[
                alt.Tooltip("date:T", title="Date", format="%-d %b %Y"),
                alt.Tooltip("measure:N", title="Measure"),
                alt.Tooltip("ratio:Q", title="Ratio", format=".0%"),
                alt.Tooltip("legal:N", title="Best legal chip"),
                alt.Tooltip("legal_tpp:Q", title="Its TPP", format=",.0f"),
                alt.Tooltip("leader:N", title="Best US chip"),
                alt.Tooltip("us_tpp:Q", title="Its TPP (frontier)", format=",.0f"),
            ],
        )
    )
    points = lines.transform_filter(alt.datum.start).mark_point(filled=True, size=35)
    # The legal chip's own TPP beside each step of the TPP line.
    labelled = data[data["start"] & (data["measure"] == "TPP") & data["legal_tpp"].notna()].copy()
    labelled["label"] = [
        f"{names.get(chip, chip)}: TPP {tpp:,.0f}" for chip, tpp in zip(labelled["legal"], labelled["legal_tpp"])
    ]
    tpp_labels = (
        alt.Chart(labelled).mark_text(align="left", dx=4, dy=-8, fontSize=9, color="#0072B2").encode(x=x, y=y, text="label:N")
    )
    parity = alt.Chart(pd.DataFrame({"y": [1.0]})).mark_rule(color="#555555", strokeDash=[2, 2]).encode(y="y:Q")
    chart = (shade + shade_text + parity + lines + points + tpp_labels).properties(width=640, height=300)
    return finish(
        chart,
        source=SOURCE_CHIPS,
        description=(
            "Step lines of the best chip legally sellable to China as a share of the best Nvidia chip then "
            f"released, by TPP and by memory bandwidth, from {steps['date'].min():%B %Y}. Shaded spans mark "
            "periods when no chip in the table was sellable. "
            + " ".join(
                f"From {row.date:%b %Y}: {names.get(row.best_legal_chip, row.best_legal_chip)} (TPP {row.legal_tpp:,.0f}) "
                f"against {names.get(row.best_us_chip, row.best_us_chip)} (TPP {row.us_tpp:,.0f}), TPP {row.tpp_ratio:.0%}, "
                f"bandwidth {row.bandwidth_ratio:.0%}."
                for row in steps.dropna(subset=["best_legal_chip"]).itertuples()
            )
        ),
    )


def interconnect_data(specs: pd.DataFrame) -> pd.DataFrame:
    """US chips with a TPP and a chip-to-chip (NVLink) bandwidth, each with its
    class under the 2022 rule."""
    drawable = specs[(specs["country"] == US)].dropna(subset=["tpp", "interconnect_gb_s"])
    return pd.DataFrame(
        {
            "chip": drawable["name"].map(wording.chip_name),
            "tpp": drawable["tpp"].round(0),
            "interconnect": drawable["interconnect_gb_s"].round(0),
            "class_2022": drawable["class_2022"],
        }
    ).reset_index(drop=True)


def interconnect_chart(specs: pd.DataFrame) -> alt.LayerChart:
    """US chips by TPP and chip-to-chip bandwidth, with the two tests of the
    2022 rule: the A800 and H800 kept their TPP and fell under the 600 GB/s line."""
    chips = interconnect_data(specs)
    x = alt.X(
        "tpp:Q",
        title="Total processing performance (TPP, log scale)",
        scale=alt.Scale(type="log", domain=[1000, 80000]),
        axis=alt.Axis(values=[1000, 2000, 5000, 10000, 20000, 50000], format=",d"),
    )
    y = alt.Y("interconnect:Q", title="Chip-to-chip bandwidth (GB/s)", scale=alt.Scale(domain=[0, 2000]))
    io_rule = pd.DataFrame(
        {"interconnect": [controls.IO_BANDWIDTH_2022_GB_S], "label": [f"Oct 2022 test: {controls.IO_BANDWIDTH_2022_GB_S} GB/s"]}
    )
    tpp_rule = pd.DataFrame({"tpp": [controls.TPP_2022], "label": [f"Oct 2022 test: TPP {controls.TPP_2022:,}"]})
    io_layer = alt.Chart(io_rule).mark_rule(strokeDash=[4, 3], color="#555555").encode(y=y)
    io_text = (
        alt.Chart(io_rule)
        .mark_text(align="right", dy=-6, fontSize=10, color="#555555")
        .encode(y=y, x=alt.value(630), text="label:N")
    )
    tpp_layer = alt.Chart(tpp_rule).mark_rule(strokeDash=[4, 3], color="#555555").encode(x=x)
    tpp_text = (
        alt.Chart(tpp_rule)
        .mark_text(align="left", baseline="top", dx=3, dy=3, fontSize=10, color="#555555")
        .encode(x=x, y=alt.value(0), text="label:N")
    )
    chips["label"] = chips.groupby(["tpp", "interconnect"])["chip"].transform(" / ".join)
    chips["labelled"] = ~chips.duplicated(subset=["tpp", "interconnect"])
    points = (
        alt.Chart(chips)
        .mark_point(filled=True, size=90, opacity=0.9)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "class_2022:N",
                title="Class, Oct 2022 rule",
                scale=alt.Scale(domain=[controls.CLASS_A, controls.NOT_CONTROLLED], range=["#0072B2", "#D55E00"]),
            ),
            tooltip=[
                alt.Tooltip("chip:N", title="Chip"),
                alt.Tooltip("tpp:Q", title="TPP", format=",.0f"),
                alt.Tooltip("interconnect:Q", title="Chip-to-chip bandwidth (GB/s)", format=",.0f"),
                alt.Tooltip("class_2022:N", title="Class, Oct 2022 rule"),
            ],
        )
    )
    names = (
        alt.Chart(chips)
        .transform_filter(alt.datum.labelled)
        .mark_text(align="left", dx=7, dy=-8, fontSize=10)
        .encode(x=x, y=y, text="label:N")
    )
    chart = (io_layer + io_text + tpp_layer + tpp_text + points + names).properties(width=640, height=320)
    return finish(
        chart,
        source=SOURCE_CHIPS,
        description=(
            "Scatter of US accelerators by total processing performance (log scale) and chip-to-chip (NVLink) "
            f"bandwidth, with dashed lines at the October 2022 rule's two tests (TPP {controls.TPP_2022:,} and "
            f"{controls.IO_BANDWIDTH_2022_GB_S} GB/s). "
            + " ".join(
                f"{row.chip}: TPP {row.tpp:,.0f}, {row.interconnect:,.0f} GB/s, {row.class_2022}." for row in chips.itertuples()
            )
        ),
    )
