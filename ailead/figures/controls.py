"""Charts for the chapter on US export controls (timeline, chips against the
thresholds, and the legal ceiling over time)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import controls, wording
from ..charts import DIRECTION_COLORS, OKABE_ITO, country_scale, direction_scale, finish, fit_title
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


#: Marks shaped by how well each row is sourced, on every chart of the chapter.
CONFIDENCE_SHAPE = alt.Shape(
    "confidence:N",
    scale=alt.Scale(domain=["high", "medium", "low"], range=["circle", "diamond", "triangle-up"]),
    title="Confidence",
    legend=alt.Legend(direction="vertical"),
)


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
            color=alt.Color(
                "direction:N",
                scale=direction_scale(list(DIRECTION_COLORS)),
                title="Direction",
                legend=alt.Legend(direction="vertical"),
            ),
            shape=CONFIDENCE_SHAPE,
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
    chart = (shade + band_labels + points).resolve_scale(color="independent").properties(height=300)
    counts = controls.action_counts(events)
    totals = counts.groupby("administration", sort=False)[list(controls.DIRECTIONS)].sum()
    tidy = data[["date", "lane", "agency", "direction", "confidence", "summary", "source", "id"]].rename(
        columns={"lane": "acting_body", "source": "source_url"}
    )
    return fit_title(
        finish(
            chart,
            source=SOURCE_EVENTS,
            datasets=["export_controls"],
            title=wording.actions_title(totals),
            subtitle=(
                f"Dated actions on AI-chip exports to China, {first:%B %Y} to {last:%B %Y}, one row per acting body, "
                "coloured by direction and shaped by confidence"
            ),
            figure="fig-02-timeline",
            tidy=tidy,
            units={"date": "YYYY-MM-DD"},
            description=(
                f"Timeline of {len(data)} dated actions on AI chip exports to China from "
                f"{first:%B %Y} to {last:%B %Y}, one row per acting body ({', '.join(LANES)}), coloured by "
                "direction (tighten, loosen, enforce), on shaded bands for the "
                f"{' and '.join(bands['administration'])} administrations. {_direction_summary(events)}"
            ),
        )
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
    return with_cluster_labels(chips, "bandwidth", 0.1)


#: Chips on one row whose TPP lies within this factor of the first of them share a label.
CLUSTER_TPP_FACTOR = 2.0
#: Labels of chips at or above this TPP go to the left of the mark (the right edge is near).
LABEL_LEFT_TPP = 30_000


def with_cluster_labels(chips: pd.DataFrame, y: str, y_step: float) -> pd.DataFrame:
    """``chips`` with one label per cluster of marks that would overprint: chips
    at the same ``y`` (rounded to ``y_step``) of one country whose TPP lies
    within :data:`CLUSTER_TPP_FACTOR` of the cluster's lowest share the label
    "B200 / GB200 / GB300", carried by that lowest chip (``labelled``);
    ``label_left`` puts the label of a chip near the right edge on its left."""
    out = chips.copy()
    out["label"] = ""
    out["labelled"] = False
    row = (out[y] / y_step).round().astype(int)
    order = out.assign(_row=row).sort_values(["country", "_row", "tpp", "chip"], kind="stable")
    first = None
    members: list = []

    def close(members):
        if members:
            out.loc[members[0], "label"] = " / ".join(out.loc[members, "chip"])
            out.loc[members[0], "labelled"] = True

    for index, chip in order.iterrows():
        same = (
            first is not None
            and chip["country"] == order.at[first, "country"]
            and chip["_row"] == order.at[first, "_row"]
            and chip["tpp"] <= order.at[first, "tpp"] * CLUSTER_TPP_FACTOR
        )
        if same:
            members.append(index)
            continue
        close(members)
        first, members = index, [index]
    close(members)
    out["label_left"] = out["tpp"] >= LABEL_LEFT_TPP
    return out


#: Colours of a chip's class under a rule (not a country's colour: every chip on that chart is American).
CLASS_COLORS = {controls.CLASS_A: "#222222", controls.NOT_CONTROLLED: OKABE_ITO[3]}
#: The classes in words in the legend (the data keep the rule's codes).
CLASS_LABEL_EXPR = f"datum.label == '{controls.CLASS_A}' ? 'controlled ({controls.CLASS_A})' : 'not controlled'"


def chip_points(chips: pd.DataFrame, x, y, color, tooltip, shape=None) -> alt.Chart:
    """The chip scatter layer of both chip charts: one filled mark per chip."""
    encoding = {"x": x, "y": y, "color": color, "tooltip": tooltip}
    if shape is not None:
        encoding["shape"] = shape
    return alt.Chart(chips).mark_point(filled=True, size=90, opacity=0.9).encode(**encoding)


def chip_names(chips: pd.DataFrame, x, y, where, align: str = "left", dx: int = 7, dy: int = -8) -> alt.Chart:
    """Chip names beside their marks, for the rows ``where`` selects."""
    return (
        alt.Chart(chips)
        .transform_filter(where)
        .mark_text(align=align, dx=dx, dy=dy, fontSize=10)
        .encode(x=x, y=y, text="label:N")
    )


TPP_AXIS = dict(type="log", domain=[1000, 50000])
#: On a narrow plot the 2,000 and 20,000 labels would touch their neighbours: only their ticks stay.
NARROW_TPP_LABELS = "width < 420 && (datum.value == 2000 || datum.value == 20000) ? '' : datum.label"
BANDWIDTH_AXIS = dict(domain=[0, 9])


def chips_chart(specs: pd.DataFrame, steps: pd.DataFrame) -> alt.LayerChart:
    chips = chips_data(specs)
    path = ceiling_path(steps)
    spells = (
        path.groupby("id", sort=False)
        # One line per spell, so a chip that returned after a gap keeps a narrow label.
        .agg(tpp=("tpp", "first"), bandwidth=("bandwidth", "first"), when=("from", list))
        .reset_index()
    )
    # A chip whose path neighbours all lie to its right has its months on its left, off the path.
    right_of = {chip: [] for chip in path["id"]}
    for before, after in zip(path["id"], path["id"].iloc[1:]):
        if before == after:
            continue
        right_of[before].append(path.loc[path["id"] == after, "tpp"].iloc[0])
        right_of[after].append(path.loc[path["id"] == before, "tpp"].iloc[0])
    spells["left"] = [bool(right_of[c]) and min(right_of[c]) > t for c, t in zip(spells["id"], spells["tpp"])]
    x = alt.X(
        "tpp:Q",
        title="Total processing performance (TPP, log scale)",
        scale=alt.Scale(**TPP_AXIS),
        axis=alt.Axis(values=[1000, 2000, 5000, 10000, 20000, 50000], format=",d", labelExpr=NARROW_TPP_LABELS),
    )
    y = alt.Y("bandwidth:Q", title="Memory bandwidth (TB/s)", scale=alt.Scale(**BANDWIDTH_AXIS))
    zone = pd.DataFrame(
        {
            "tpp": [TPP_AXIS["domain"][0]],
            "tpp2": [controls.TPP_2026_CASE_BY_CASE],
            "bandwidth": [0],
            "bandwidth2": [controls.DRAM_BANDWIDTH_2026_GB_S / 1000],
            "label": [
                [
                    "Jan 2026 case-by-case zone:",
                    f"TPP < {controls.TPP_2026_CASE_BY_CASE:,}, DRAM < {controls.DRAM_BANDWIDTH_2026_GB_S / 1000:g} TB/s",
                ]
            ],
        }
    )
    zone_layer = alt.Chart(zone).mark_rect(color="#E69F00", opacity=0.12).encode(x=x, x2="tpp2:Q", y=y, y2="bandwidth2:Q")
    zone_text = (
        alt.Chart(zone)
        .mark_text(align="left", baseline="bottom", dx=4, dy=-4, fontSize=10, color="#8a5a00")
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
    points = chip_points(
        chips,
        x,
        y,
        color=alt.Color(
            "country:N", scale=country_scale([US, CHINA]), title="Designer's country", legend=alt.Legend(direction="vertical")
        ),
        shape=CONFIDENCE_SHAPE,
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
    us_names = chip_names(chips, x, y, (alt.datum.country == US) & alt.datum.labelled & ~alt.datum.label_left)
    us_left = chip_names(chips, x, y, (alt.datum.country == US) & alt.datum.labelled & alt.datum.label_left, align="right", dx=-7)
    other_names = chip_names(chips, x, y, (alt.datum.country != US) & alt.datum.labelled, align="right", dx=-7, dy=2)
    when = alt.layer(
        *(
            alt.Chart(spells[spells["left"] == left])
            .mark_text(align="right" if left else "left", dx=-7 if left else 7, dy=8, fontSize=9, color="#D55E00")
            .encode(x=x, y=y, text="when:N")
            for left in (False, True)
        )
    )
    chart = (
        zone_layer + zone_text + rule_layer + rule_text + trail + points + us_names + us_left + other_names + when
    ).properties(height=380)
    names = dict(zip(chips["id"], chips["chip"]))
    order = list(dict.fromkeys(path["id"]))
    tidy = chips.drop(columns=["label", "labelled", "label_left"]).assign(
        best_legal_from=chips["id"].map(spells.set_index("id")["when"].map("; ".join)).fillna("")
    )
    return fit_title(
        finish(
            chart,
            source=SOURCE_CHIPS,
            datasets=["accelerators", "chip_export_status", "export_controls"],
            title=wording.chip_path_title([names.get(c, c) for c in order], path["from"].iloc[0], path["from"].iloc[-1]),
            subtitle=(
                "AI accelerators by total processing performance (TPP, log scale) and memory bandwidth in TB/s; "
                "the dashed vermillion path joins the best chip legally sellable to China, in time order"
            ),
            figure="fig-02-chips",
            tidy=tidy,
            units={"tpp": "TPP", "bandwidth": "TB/s", "density": "TPP per mm2 of die"},
            description=(
                "Scatter of AI accelerators by total processing performance (log scale) and memory bandwidth, with "
                f"dashed lines at the 3A090 thresholds of {controls.TPP_2023_A2:,} and {controls.TPP_2023_A:,} TPP and a shaded "
                "box for the January 2026 case-by-case zone. A dashed vermillion path joins the best chip China could "
                "legally buy, in time order: "
                + ", ".join(f"{names.get(row.id, row.id)} from {row._3}" for row in path.itertuples())
                + "."
            ),
        )
    )


#: The two ratios of the ceiling chart (neither a country's colour).
MEASURE_COLORS = {"TPP": OKABE_ITO[2], "Memory bandwidth": OKABE_ITO[5]}
#: The TPP labels, a darker green that reads on white.
TPP_TEXT = "#00704f"


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
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount=5, labelOverlap=True))
    y = alt.Y(
        "ratio:Q", title="Best legal chip, % of best US chip", axis=alt.Axis(format=".0%"), scale=alt.Scale(domain=[0, 1.25])
    )
    shade = alt.Chart(gaps).mark_rect(color="#999999", opacity=0.15).encode(x=alt.X("start:T"), x2="end:T")
    shade_text = (
        alt.Chart(gaps)
        .mark_text(align="left", baseline="top", dx=3, dy=3, fontSize=9, color="#555555", text="none sellable")
        .encode(x=alt.X("start:T"), y=alt.value(0))
    )
    lines = (
        alt.Chart(data)
        .mark_line(interpolate="step-after", strokeWidth=2.5)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "measure:N", title=None, scale=alt.Scale(domain=list(MEASURE_COLORS), range=list(MEASURE_COLORS.values()))
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
    # Each legal chip once, where it first took over: steps that only a new
    # frontier chip started, or the same chip after a gap, carry no repeated label.
    tpp_rows = data[data["start"] & (data["measure"] == "TPP") & data["legal_tpp"].notna()]
    labelled = tpp_rows.drop_duplicates(subset="legal").copy()
    labelled["label"] = [
        f"{names.get(chip, chip)}: TPP {tpp:,.0f}" for chip, tpp in zip(labelled["legal"], labelled["legal_tpp"])
    ]
    # Labels in the last third of the time axis end at their step, away from the right edge.
    dates = pd.to_datetime(data["date"])
    late = dates.min() + (dates.max() - dates.min()) * 2 / 3
    labelled["late"] = pd.to_datetime(labelled["date"]) >= late
    tpp_labels = alt.layer(
        *(
            alt.Chart(labelled[labelled["late"] == is_late])
            .mark_text(align="right" if is_late else "left", dx=-4 if is_late else 4, dy=-8, fontSize=9, color=TPP_TEXT)
            .encode(x=x, y=y, text="label:N")
            for is_late in (False, True)
        )
    )
    parity = alt.Chart(pd.DataFrame({"y": [1.0]})).mark_rule(color="#555555", strokeDash=[2, 2]).encode(y="y:Q")
    chart = (shade + shade_text + parity + lines + points + tpp_labels).properties(height=300)
    last = steps.iloc[-1]
    legal = None if pd.isna(last["best_legal_chip"]) else names.get(last["best_legal_chip"], last["best_legal_chip"])
    tidy = pd.DataFrame(
        {
            "date": steps["date"].dt.strftime("%Y-%m-%d"),
            "best_legal_chip": [None if pd.isna(c) else names.get(c, c) for c in steps["best_legal_chip"]],
            "best_us_chip": [names.get(c, c) for c in steps["best_us_chip"]],
            "legal_tpp": steps["legal_tpp"].round(0),
            "us_tpp": steps["us_tpp"].round(0),
            "tpp_ratio": steps["tpp_ratio"].round(3),
            "bandwidth_ratio": steps["bandwidth_ratio"].round(3),
        }
    )
    return fit_title(
        finish(
            chart,
            source=SOURCE_CHIPS,
            datasets=["accelerators", "chip_export_status", "export_controls"],
            title=wording.ceiling_title(
                end,
                legal,
                names.get(last["best_us_chip"], last["best_us_chip"]),
                None if legal is None else 100 * last["tpp_ratio"],
            ),
            subtitle=(
                "The best chip legally sellable to China as a share of the best US chip then released, by total processing "
                "performance (TPP) and by memory bandwidth, in %; grey: no listed chip sellable"
            ),
            figure="fig-02-ceiling",
            tidy=tidy,
            units={
                "date": "step start, YYYY-MM-DD",
                "legal_tpp": "TPP",
                "us_tpp": "TPP",
                "tpp_ratio": "share",
                "bandwidth_ratio": "share",
            },
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
        axis=alt.Axis(values=[1000, 2000, 5000, 10000, 20000, 50000], format=",d", labelExpr=NARROW_TPP_LABELS),
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
        .encode(y=y, x=alt.value("width"), text="label:N")
    )
    tpp_layer = alt.Chart(tpp_rule).mark_rule(strokeDash=[4, 3], color="#555555").encode(x=x)
    tpp_text = (
        alt.Chart(tpp_rule)
        .mark_text(align="left", baseline="top", dx=3, dy=3, fontSize=10, color="#555555")
        .encode(x=x, y=alt.value(0), text="label:N")
    )
    chips = with_cluster_labels(chips.assign(country=US), "interconnect", 1).drop(columns="country")
    points = chip_points(
        chips,
        x,
        y,
        color=alt.Color(
            "class_2022:N",
            title="Under the Oct 2022 rule",
            scale=alt.Scale(domain=list(CLASS_COLORS), range=list(CLASS_COLORS.values())),
            legend=alt.Legend(labelExpr=CLASS_LABEL_EXPR),
        ),
        tooltip=[
            alt.Tooltip("chip:N", title="Chip"),
            alt.Tooltip("tpp:Q", title="TPP", format=",.0f"),
            alt.Tooltip("interconnect:Q", title="Chip-to-chip bandwidth (GB/s)", format=",.0f"),
            alt.Tooltip("class_2022:N", title="Class, Oct 2022 rule"),
        ],
    )
    names = alt.layer(
        chip_names(chips, x, y, alt.datum.labelled & ~alt.datum.label_left),
        chip_names(chips, x, y, alt.datum.labelled & alt.datum.label_left, align="right", dx=-7),
    )
    chart = (io_layer + io_text + tpp_layer + tpp_text + points + names).properties(height=320)
    escaped = chips[(chips["class_2022"] == controls.NOT_CONTROLLED) & (chips["tpp"] >= controls.TPP_2022)]
    return fit_title(
        finish(
            chart,
            source=SOURCE_CHIPS,
            datasets=["accelerators"],
            title=wording.interconnect_title(list(escaped["chip"]), controls.IO_BANDWIDTH_2022_GB_S),
            subtitle=(
                "US accelerators by total processing performance (TPP, log scale) and chip-to-chip bandwidth in GB/s; "
                "dashed lines: the October 2022 rule's two tests"
            ),
            figure="fig-02-interconnect",
            tidy=chips.drop(columns=["label", "labelled", "label_left"]),
            units={"tpp": "TPP", "interconnect": "GB/s"},
            description=(
                "Scatter of US accelerators by total processing performance (log scale) and chip-to-chip (NVLink) "
                f"bandwidth, with dashed lines at the October 2022 rule's two tests (TPP {controls.TPP_2022:,} and "
                f"{controls.IO_BANDWIDTH_2022_GB_S} GB/s). "
                + " ".join(
                    f"{row.chip}: TPP {row.tpp:,.0f}, {row.interconnect:,.0f} GB/s, {row.class_2022}."
                    for row in chips.itertuples()
                )
            ),
        )
    )
