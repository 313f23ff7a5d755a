"""Every phrase the book computes: positions, comparisons, likelihoods,
counts and dates.

Chapters never build these words themselves, so the same comparison reads
the same way on every page and each rule is tested once.
"""

from __future__ import annotations

import math

import pandas as pd

from .constants import US


def position(value: float, low: float, high: float) -> str:
    """Where ``value`` sits against the range [low, high]: ``"below"``,
    ``"within"`` or ``"above"`` (the ends count as within)."""
    if low > high:
        raise ValueError(f"the low end ({low:g}) exceeds the high end ({high:g})")
    if value < low:
        return "below"
    if value > high:
        return "above"
    return "within"


def relative(value: float, reference: float, tolerance: float = 1.0) -> str:
    """``"close to"`` when ``value`` lies within ``tolerance`` of
    ``reference``, else ``"above"`` or ``"below"`` it."""
    if abs(value - reference) <= tolerance:
        return "close to"
    return "above" if value > reference else "below"


#: Calibrated-language scale used by the IPCC: (lower bound, words), highest first.
LIKELIHOOD_SCALE = (
    (0.99, "virtually certain"),
    (0.9, "very likely"),
    (0.66, "likely"),
    (0.33, "about as likely as not"),
    (0.1, "unlikely"),
    (0.01, "very unlikely"),
    (0.0, "exceptionally unlikely"),
)


def likelihood(p: float) -> str:
    """A probability in words on :data:`LIKELIHOOD_SCALE` (each bound inclusive)."""
    if p is None or math.isnan(p) or not 0 <= p <= 1:
        raise ValueError(f"a probability must lie between 0 and 1, got {p}")
    for bound, words in LIKELIHOOD_SCALE:
        if p >= bound:
            return words
    raise AssertionError("unreachable: the scale ends at 0")


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``"1 day"``, ``"2 days"``, ``"0 days"``; ``plural`` for irregular nouns."""
    if isinstance(n, bool) or int(n) != n:
        raise ValueError(f"a count must be a whole number, got {n!r}")
    n = int(n)
    noun = singular if n == 1 else (plural or singular + "s")
    return f"{n:,} {noun}"


def quantity(value: float, singular: str, plural: str | None = None) -> str:
    """A measure with its unit: ``"1 month"``, ``"0.5 months"``, ``"2 months"``
    (``:g`` digits: no trailing ".0"); only exactly 1 takes the singular."""
    noun = singular if value == 1 else (plural or singular + "s")
    return f"{value:g} {noun}"


def compact_number(value: float) -> str:
    """A count for a narrow table cell: ``"2.5 billion"``, ``"28.8 million"``,
    ``"850,000"``, ``"0.75"`` (three significant digits above a million)."""
    for size, name in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:.3g} {name}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.3g}"


def noun(n: int, singular: str, plural: str | None = None) -> str:
    """The noun alone in the number ``n`` calls for."""
    return count(n, singular, plural).split(" ", 1)[1]


def long_date(day) -> str:
    """``"2 January 2026"``: the form prose uses."""
    return pd.Timestamp(day).strftime("%-d %B %Y")


def month(day) -> str:
    """``"January 2026"``."""
    return pd.Timestamp(day).strftime("%B %Y")


def iso_date(day) -> str:
    """``"2026-01-02"``: the form tables and notes use."""
    return pd.Timestamp(day).strftime("%Y-%m-%d")


def join(items, last: str = "and") -> str:
    """``"a"``, ``"a and b"``, ``"a, b and c"``."""
    items = [str(i) for i in items]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def capitalise(text: str) -> str:
    """The first letter upper-case, the rest untouched."""
    return text[:1].upper() + text[1:]


# --- claims ---
# The words of chapter 05 (claims scored against the data): the evidence
# behind each verdict, the chip ceiling, who said what.


def iso_month(day) -> str:
    """``"2026-01"``: a month in tables and notes."""
    return pd.Timestamp(day).strftime("%Y-%m")


def size_text(size) -> str:
    """A stated lead ``(low, high)`` in months: ``"7-10"``, or ``"7"`` when
    both ends agree."""
    low, high = size
    return f"{low:g}" if low == high else f"{low:g}-{high:g}"


def date_span(start, end) -> str:
    """``"2025-05-14 to 2026-05-14"``."""
    return f"{iso_date(start)} to {iso_date(end)}"


def signed_span(low: float, high: float) -> str:
    """An interval of signed changes: ``"-5.6 to +0.6"``."""
    return f"{low:+.1f} to {high:+.1f}"


def _chip_name(chip_id, names: dict | None) -> str:
    return (names or {}).get(chip_id, chip_id)


def chip_text(chip: dict, names: dict | None = None) -> str:
    """The chip ceiling in force (``ailead.claims.chip_advantage_on``), in
    the short form of the scorecard; ``names`` maps chip ids to names."""
    best_us = _chip_name(chip["best_us_chip"], names)
    if chip["tpp_ratio"] == 0:
        return f"no listed chip legal for China (best US chip {best_us})"
    return (
        f"best legal chip {_chip_name(chip['best_legal_chip'], names)} at {100 * chip['tpp_ratio']:.0f}% of the TPP of {best_us}"
    )


def chip_phrase(chip: dict, names: dict | None = None) -> str:
    """The chip ceiling in words, for prose: which chip was the best legal one
    and what share of the best US chip's performance it had."""
    best_us = _chip_name(chip["best_us_chip"], names)
    if chip["tpp_ratio"] == 0:
        return f"no chip in the table could legally be sold to China (the best US chip was the {best_us})"
    return (
        f"the best chip that could legally be sold to China was the {_chip_name(chip['best_legal_chip'], names)}, with "
        f"{100 * chip['tpp_ratio']:.0f}% of the processing performance of the {best_us}"
    )


def speakers(claims: pd.DataFrame, ids) -> str:
    """The people behind some claims, for prose ("A, B and C"); a claim by
    several authors (``who`` lists them with ";") is named by its organisation."""
    table = claims.set_index("id")
    names = [table.at[i, "who"] if ";" not in table.at[i, "who"] else table.at[i, "affiliation"] for i in ids]
    return join(dict.fromkeys(names))


#: Why a claim could not be put to any test, by reason code.
CLAIM_REASONS = {
    "undated": "undated: the day of the claim is not verified",
    "forecast": "a prediction: its window runs past the day it was made",
    "open_future": "a prediction about an open-ended future",
}
#: Why one test could not run, by the kind recorded in its facts.
UNTESTED_PARTS = {
    "too_short": "too few months of data in the window",
    "no_compute_series": "no time series of compute shares",
    "no_compute_snapshot": "no compute-share snapshot near the claim",
    "chips_pending": "chip ceiling pending (export-control chapter)",
    "no_chip_window": "no chip ceiling for the whole window",
    "no_chip_day": "no chip ceiling on the claim date",
}
_SIZE_ONLY = " (size in months not measurable here; direction only)"
_LAG_LABELS = {"capabilities": "ECI lag", "open_models": "open-weight lag"}


def evidence(part, names: dict | None = None) -> str:
    """What one test of a claim (an ``ailead.claims.Part``) found, in words
    and numbers; ``names`` maps chip ids to the names readers know."""
    facts = part.facts
    kind = facts["kind"]
    if kind in UNTESTED_PARTS:
        return UNTESTED_PARTS[kind]
    label = _LAG_LABELS.get(part.measure, part.measure)
    if kind == "after_data":
        return f"after the data: the ECI table ends {iso_date(facts['data_end'])}"
    if kind == "no_lag":
        return f"no {label} on {iso_date(facts['day'])}"
    if kind == "trend":
        return (
            f"{label} trend {facts['slope']:+.1f} months/yr ({round(100 * facts['level'])}% CI "
            f"{signed_span(facts['ci_low'], facts['ci_high'])}), {iso_month(facts['start'])} to {iso_month(facts['end'])}"
        )
    if kind == "lag":
        bound = {"exact": "", "at least": "at least ", "at most": "at most "}[facts["bound"]]
        note = f" (ahead, not matched by {iso_date(facts['data_end'])})" if facts["bound"] == "at most" else ""
        claimed = f" (claimed {size_text(facts['size'])} months)" if facts["size"] is not None else ""
        return f"{label} {bound}{facts['lag']:.1f} months on {iso_date(facts['day'])}{note}{claimed}"
    if kind == "compute":
        return (
            f"US {100 * facts['us_share']:.0f}% vs China {100 * facts['china_share']:.0f}% of AI compute "
            f"({facts['ratio']:.1f}x; {facts['source']}, {iso_date(facts['date'])}){_SIZE_ONLY if facts['sized'] else ''}"
        )
    if kind == "chip_trend":
        text = (
            f"{chip_text(facts['start_chip'], names)} on {iso_date(facts['start'])}; "
            f"{chip_text(facts['end_chip'], names)} on {iso_date(facts['end'])}"
        )
        return text if facts["measurable"] else f"{text} (change not measurable: no listed chip legal at one end)"
    if kind == "chip_level":
        return f"{chip_text(facts['chip'], names)} on {iso_date(facts['day'])}{_SIZE_ONLY if facts['sized'] else ''}"
    raise ValueError(f"no words for a test of kind {kind!r}")


def untested_reason(assessment, names: dict | None = None) -> str:
    """Why a claim (an ``ailead.claims.Assessment``) is not testable: its own
    reason, or those of its tests that could not run; empty if it was tested."""
    if assessment.reason is not None:
        kind = assessment.reason["kind"]
        if kind == "no_data":
            return f"no data in this book on {assessment.reason['metric']}"
        return CLAIM_REASONS[kind]
    if assessment.verdict != "not testable":
        return ""
    return "; ".join(dict.fromkeys(evidence(p, names) for p in assessment.parts if p.verdict == "not testable"))


def claim_evidence(assessment, names: dict | None = None) -> str:
    """The evidence cell of the scorecard: every test's finding (each with its
    verdict in brackets when there are several), or why none could run."""
    parts = assessment.parts
    if not parts:
        return untested_reason(assessment, names)
    if len(parts) == 1:
        return evidence(parts[0], names)
    return "; ".join(f"{evidence(p, names)} [{p.verdict}]" for p in parts)


def verdict_change(claim_id: str, before: str, after: str) -> str:
    """``"tang-2026: supported -> mixed"``."""
    return f"{claim_id}: {before} -> {after}"


# --- chapter 04: the two outcomes for 2028 ---


def span(low: float, high: float, spec: str = ".1f") -> str:
    """An interval in words: ``"10.1 to 14.2"``."""
    return f"{low:{spec}} to {high:{spec}}"


def fares(error: float, reference_error: float) -> str:
    """How a forecast with ``error`` does against one with ``reference_error``
    (smaller is better): ``"better"``, ``"as well"`` or ``"worse"``."""
    if error < reference_error:
        return "better"
    return "as well" if error == reference_error else "worse"


def by_threshold(value: float, threshold: float, below: str, at_or_above: str) -> str:
    """``at_or_above`` when ``value`` reaches ``threshold``, else ``below``:
    for sentence parts that turn on one line, like "more"/"less"."""
    return at_or_above if value >= threshold else below


# --- export controls (ch02) ---

#: How a comparison code of :func:`ailead.controls.compare` reads as a verb
#: ("the legal chip matched the US chip") and as a comparative ("equal to").
MATCH_VERBS = {"same": "matched", "more": "exceeded", "less": "fell short of"}
COMPARATIVES = {"same": "equal to", "more": "higher than", "less": "lower than"}


def match_verb(comparison: str) -> str:
    """``"matched"``, ``"exceeded"`` or ``"fell short of"`` for a comparison code."""
    return MATCH_VERBS[comparison]


def comparative(comparison: str) -> str:
    """``"equal to"``, ``"higher than"`` or ``"lower than"`` for a comparison code."""
    return COMPARATIVES[comparison]


def chip_name(name: str) -> str:
    """A chip as readers name it: 'NVIDIA H200 SXM 141GB' -> 'H200';
    'Huawei Ascend 910C' -> 'Ascend 910C'; a GPU listed as part of a system
    is named by the system: 'NVIDIA B200 in GB200 NVL72 (1200 W)' -> 'GB200'."""
    words = name.replace("NVIDIA ", "").replace("Huawei ", "").split()
    if "in" in words[1:-1]:
        return words[words.index("in", 1) + 1]
    return " ".join(words[:2]) if words[0] == "Ascend" else words[0]


def _share_or_none(ratio: float) -> str:
    return "none" if math.isnan(ratio) else f"{ratio:.0%}"


def policy_effect(effect: dict) -> str:
    """:func:`ailead.controls.review_policy_effect` as a predicate: "moves the
    last step earlier and changes its processing-performance share from 29%
    to 32%", "leaves the date of the last step unchanged and does not change
    its height"; "but" joins the two halves when exactly one of them is a
    change."""
    timing = {
        "earlier": "moves the last step earlier",
        "later": "moves the last step later",
        "same": "leaves the date of the last step unchanged",
    }[effect["timing"]]
    moved = effect["timing"] != "same"
    same = effect["same_height"]
    if same:
        height = "does not change its height"
    else:
        before, after = _share_or_none(effect["grant_tpp_ratio"]), _share_or_none(effect["policy_tpp_ratio"])
        height = f"changes its processing-performance share from {before} to {after}"
    return f"{timing} {'but' if moved == same else 'and'} {height}"


def yes_no(flag) -> str:
    """``"yes"``, ``"no"``, or ``"unknown"`` for a missing answer."""
    if flag is None or (not isinstance(flag, (bool, str)) and pd.isna(flag)):
        return "unknown"
    return "yes" if flag else "no"


def plain_number(value) -> str | None:
    """12500.0 -> '12,500'; 0.5 -> '0.5'; 2.5e9 -> '2.5 billion' (a narrow
    table cell, see :func:`compact_number`); missing -> None (shown as a dash)."""
    if pd.isna(value):
        return None
    if abs(value) >= 1e6:
        return compact_number(float(value))
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def code_words(code: str) -> str:
    """A data code as words: 'model_estimate' -> 'model estimate'."""
    return code.replace("_", " ")


# --- distillation (ch03) ---

#: How each ``figure_kind`` of the distillation incidents table reads.
FIGURE_KIND_WORDS = {
    "lower_bound": "at least (lower bound)",
    "estimate": "about (estimate)",
    "exact": "exact",
    "none": "no figure",
}

#: How each grade of :func:`ailead.distillation.evidence_strength` reads: a
#: label, a sentence on the delays and a phrase for the chapter's summary.
EVIDENCE_LABELS = {
    "strong": "strong evidence",
    "moderate": "moderate evidence",
    "weak": "weak evidence",
    "none": "no evidence",
}
EVIDENCE_SENTENCES = {
    "strong": "The delays are clearly more regular than chance",
    "moderate": "The delays are more regular than all but a few random orderings of China's releases, though chance could still produce them",
    "weak": "The delays are more regular than most random orderings of China's releases, but not regular enough to tell copying from chance",
    "none": "The delays are no more regular than chance would make them",
}
EVIDENCE_TRACES = {"strong": "a clear trace", "moderate": "a moderate trace", "weak": "only a weak trace", "none": "no trace"}

#: Grades of :func:`ailead.distillation.cost_grade`, cheapest first.
_COST_ORDER = ("small", "noticeable", "prohibitive")


def cost_verdict(central: str, high: str) -> str:
    """The central and high cases' cost grades in one phrase: e.g. "a
    noticeable cost, though not a prohibitive one" when the central case is
    noticeable and even the high case is below prohibitive."""
    if _COST_ORDER.index(high) < _COST_ORDER.index(central):
        raise ValueError("the high case cannot cost less than the central case")
    if central == "prohibitive":
        return "a prohibitive cost"
    if high == "prohibitive":
        return f"a {central} cost, and a prohibitive one in the high case"
    if central == high == "small":
        return "a small cost"
    return f"a {central} cost, though not a prohibitive one"


def country_short(country: str) -> str:
    """'United States of America' -> 'US'; other names unchanged."""
    return "US" if country == US else country


# --- calibrated claim verdicts (issue 14) ---

#: The evidence writer before the calibrated tests; :func:`evidence` below
#: adds the calibrated trend and the window-mean lag and hands every other
#: kind of test to it.
_evidence_by_kind = evidence


def evidence(part, names: dict | None = None) -> str:  # noqa: F811 (extends the writer above)
    """What one test of a claim found (see the first :func:`evidence`), with
    the calibrated trend rule's reading and the window-mean lag, each with
    its ECI score noise band."""
    facts = part.facts
    kind = facts["kind"]
    label = _LAG_LABELS.get(part.measure, part.measure)
    if kind == "calibrated_trend":
        return (
            f"{label} trend {facts['slope']:+.1f} months/yr, {iso_month(facts['start'])} to {iso_month(facts['end'])}: "
            f"{facts['reading']} (no-trend {round(100 * facts['level'])}% range "
            f"{signed_span(facts['null_low'], facts['null_high'])}, p = {facts['p_value']:.2f}; "
            f"with score noise {signed_span(facts['noise_low'], facts['noise_high'])})"
        )
    if kind == "lag_mean":
        bound = {"exact": "", "at least": "at least "}[facts["bound"]]
        claimed = f" (claimed {size_text(facts['size'])} months)" if facts["size"] is not None else ""
        noise = (
            "" if math.isnan(facts["noise_low"]) else f"; with score noise {facts['noise_low']:.1f} to {facts['noise_high']:.1f}"
        )
        return (
            f"{label} {bound}{facts['lag']:.1f} months on average, {iso_date(facts['start'])} to "
            f"{iso_date(facts['day'])}{noise}{claimed}"
        )
    return _evidence_by_kind(part, names)


#: What makes a verdict fragile, by the checks it failed.
FRAGILITY = {
    (True, True): "robust",
    (False, True): "fragile: window",
    (True, False): "fragile: noise",
    (False, False): "fragile: window and noise",
}


def fragility(windows_hold, noise_holds) -> str | None:
    """ "robust", or "fragile" with what it turns on; None for an untested claim."""
    if windows_hold is None:
        return None
    return FRAGILITY[(bool(windows_hold), bool(noise_holds))]


def cost_sentence(campaign: str, comparison: str, central: str, high: str) -> str:
    """A cost verdict that names what it compares: "the three labs' campaigns
    against DeepSeek-V3 final training run: a noticeable cost, ..."."""
    return f"{campaign} against {comparison}: {cost_verdict(central, high)}"


#: The robust grade of the timing test (every leave-one-out subset agrees), in words.
ROBUST_EVIDENCE_LABELS = {**EVIDENCE_LABELS, "inconclusive": "inconclusive"}
ROBUST_EVIDENCE_SENTENCES = {
    **{
        grade: f"Every subset with one catch-up left out gives the same grade: {label}"
        for grade, label in EVIDENCE_LABELS.items()
    },
    "inconclusive": "Leaving out a single catch-up changes the grade, so the evidence does not settle the question either way",
}

# --- sources and yardsticks (issue 15: ch01, tables) ---


def source_label(publisher: str, title: str, kind: str, original_publisher=None) -> str:
    """How a reader table names a cited page: "Publisher: Title"; for a copy,
    the original's publisher, and that it was read through a copy at the
    publisher of the page cited."""
    if kind == "copy" and isinstance(original_publisher, str) and original_publisher.strip():
        return f"{original_publisher}: {title}, read through a copy at {publisher}"
    return f"{publisher}: {title}"


#: Units of ``gap_yardsticks.csv`` in words.
YARDSTICK_UNITS = {
    "months": "months",
    "percent": "percent of the rating",
    "elo_points": "Arena rating points",
    "points": "index points (0-100)",
}


def yardstick_value(value, low, high, us_model=None, us_value=None, china_model=None, china_value=None) -> str:
    """A published yardstick in words: the value, a range, or the two scores
    a publisher gave without a gap."""
    import math

    def given(x) -> bool:
        return x is not None and not (isinstance(x, float) and math.isnan(x))

    if given(value):
        return f"{value:g}"
    if given(low) and given(high):
        return f"{low:g}–{high:g}"
    if given(us_value) and given(china_value):
        return f"{us_model} {us_value:g}; {china_model} {china_value:g}"
    raise ValueError("a yardstick needs a value, a range or two scores")


def open_weights_word(flag) -> str:
    """Access in one word for a release table."""
    if flag is True:
        return "open"
    if flag is False:
        return "closed"
    return "unknown"


def shorter_or_longer(difference: float) -> str:
    """'shorter than' / 'longer than' / 'the same as' for a difference of lags (first minus second)."""
    if difference < 0:
        return "shorter than"
    if difference > 0:
        return "longer than"
    return "the same as"


def publisher_label(publisher: str, kind: str, original_publisher=None) -> str:
    """Who published a cited page, for the references: the publisher, or for a
    copy the original's publisher and where the copy was read."""
    if kind == "copy" and isinstance(original_publisher, str) and original_publisher.strip():
        return f"{original_publisher}, read through a copy at {publisher}"
    return publisher


# --- legal ceiling: causes of each step (issue 17) ---

#: :data:`ailead.controls.LEGAL_CAUSES` and ``product_release`` in words.
CEILING_CAUSES = {
    "rule": "a rule",
    "licence_decision": "a licence decision",
    "chinese_measure": "a Chinese measure",
    "chip_release": "a new chip legal for China",
    "product_release": "a new frontier chip",
}
#: Throughput columns of ``accelerators.csv`` as readers name the precision.
PRECISION_NAMES = {"int8_dense_tops": "INT8", "bf16_dense_tflops": "BF16", "fp8_dense_tflops": "FP8", "fp4_dense_tflops": "FP4"}


def ceiling_cause(side: str, cause, what, names: dict[str, str], events=None) -> str:
    """One side's cause of a ceiling step in words, or "" when that side did
    not change: 'a new frontier chip (GB300)', 'a licence decision
    (3 Mar 2026)'. ``what`` is a chip id for releases, else an event id whose
    date ``events`` (indexed by id) gives."""
    if cause is None or (isinstance(cause, float) and math.isnan(cause)):
        return ""
    if side not in ("legal", "frontier"):
        raise ValueError(f"unknown side: {side}")
    words = CEILING_CAUSES[cause]
    if cause in ("chip_release", "product_release"):
        return f"{words} ({names.get(what, what)})"
    if events is not None and what in events.index:
        return f"{words} ({iso_date(events.at[what, 'date'])})"
    return words


def precision_list(columns: str) -> str:
    """';'-joined throughput columns as readers name them: 'BF16, FP8 and FP4'."""
    return join(PRECISION_NAMES[c] for c in columns.split(";"))


# --- chart titles: the finding of each chart, in words (issue 16, item 2) ---
# Each title is built from the numbers the chart draws, so a new data row
# changes the title with the chart.


def frontier_title(min_lag: float, start) -> str:
    """Chapter 01's frontier chart: whether the US stayed ahead every day."""
    if min_lag > 0:
        return f"The US frontier stayed ahead of China's best model on every day since {month(start)}"
    return f"China's best model matched or passed the US frontier on some days since {month(start)}"


def lag_title(months: float, day, low: float, high: float) -> str:
    """Chapter 01's lag chart: the latest lag against the range of the proposed lead."""
    return (
        f"China's best model trailed the US frontier by {months:.1f} months on {long_date(day)}, "
        f"{position(months, low, high)} the {low:g} to {high:g} months Anthropic proposes"
    )


def open_closed_title(within3_percent: float) -> str:
    """Chapter 01's comparison of the country gap with the open-weights gap."""
    verb = "tracked" if within3_percent >= 75 else "often parted from"
    return (
        f"The open-weights gap {verb} the US-China gap: the two were within three months "
        f"of each other on {within3_percent:.0f}% of days"
    )


def yardstick_title(low: float, high: float, floor: float = 12) -> str:
    """Chapter 01's published lags: their span, and whether all fall short of ``floor``."""
    text = f"Published estimates put China {low:g} to {high:g} months behind the US"
    if high < floor:
        text += f", all short of the {floor:g} months at the low end of the proposed lead"
    return text


PAST_TENSE = {"tighten": "tightened", "loosen": "loosened", "enforce": "enforced"}


def actions_title(totals: pd.DataFrame) -> str:
    """Chapter 02's timeline: each administration's most frequent direction.

    ``totals`` has one row per administration (in order) and a column of
    counts per direction."""
    parts = []
    for index, (name, row) in enumerate(totals.iterrows()):
        total = int(row.sum())
        direction = row.idxmax()
        n = int(row.max())
        adverb = "" if n == total else "mostly " if n > total / 2 else "most often "
        what = "chip exports to China" if direction != "enforce" else "the export rules"
        if index and direction != "enforce":
            what = "them"
        parts.append(
            f"{name}'s {'executive actions ' if not index else ''}{adverb}{PAST_TENSE[direction]} {what} ({n} of {total})"
        )
    return capitalise("; ".join(parts))


def chip_path_title(chips: list[str], first_month: str, last_month: str) -> str:
    """Chapter 02's chip chart: the best chip China could legally buy, in order."""
    if len(chips) == 1:
        return f"The best chip China could legally buy stayed the {chips[0]} from {first_month}"
    middle = f" through the {join(chips[1:-1])}" if len(chips) > 2 else ""
    return (
        f"The best chip China could legally buy moved from the {chips[0]} ({first_month}){middle} "
        f"to the {chips[-1]} ({last_month})"
    )


def interconnect_title(chips: list[str], io_gb_s: float) -> str:
    """Chapter 02's interconnect chart: chips kept legal by their links alone."""
    return (
        f"The {join(chips)} passed the October 2022 rule's processing test but fell below its "
        f"{io_gb_s:g} GB/s chip-to-chip test, so they could be sold to China"
    )


def ceiling_title(day, legal: str | None, leader: str, tpp_percent: float | None) -> str:
    """Chapter 02's ceiling chart: the latest best legal chip against the best US chip."""
    if legal is None:
        return f"On {long_date(day)} no listed chip could legally be sold to China"
    return (
        f"On {long_date(day)} the best chip legally sellable to China, the {legal}, had "
        f"{tpp_percent:.0f}% of the processing performance of the {leader}"
    )


def exchanges_title(n: int, smallest: str, largest: str) -> str:
    """Chapter 03's campaigns: the span of the stated exchange counts (labels carry "at least")."""
    return f"The {count(n, 'reported campaign')} with a stated count ran from {smallest} to {largest} exchanges"


def campaign_cost_title(campaign_costs: list[str], below: int, of: int) -> str:
    """Chapter 03's cost chart: the campaigns' central costs against reported training costs."""
    return (
        f"At Claude's list prices the reported campaigns cost {join(campaign_costs)} in the central case, "
        f"less than {below} of the {count(of, 'reported training cost')}"
    )


def delay_title(median: float) -> str:
    """Chapter 03's catch-up delays."""
    return f"China's frontier models reached each score a median {median:.1f} months after a US model first did"


def lag_effect_title(own: float, lag: float) -> str:
    """Chapter 03's distillation term: an own lag of ``own`` months, cut to ``lag`` at the central share and delay."""
    return (
        f"With the central share and delay, distillation cuts a {own:g}-month lag to {lag:.1f} months: "
        f"stopping it would give back {own - lag:.1f} months"
    )


# --- findings first (issue 16: the verdict, the hero chart, chapter openings) ---


def _months(value: float) -> str:
    """``"12"``, ``"12.5"``: a whole number of months without its ".0"."""
    return f"{value:g}"


def claim_band(low: float, high: float) -> str:
    """The claimed lead as readers quote it: ``"12 to 24 months"``."""
    return f"{_months(low)} to {_months(high)} months"


#: How the lag's trend verdict (:func:`ailead.gap.trend`) reads as a change of the *lead*
#: (a narrowing lag is a shrinking lead).
LEAD_TRENDS = {
    "narrowing": "the lead is shrinking",
    "widening": "the lead is growing",
    "no clear trend": "the lead is neither clearly shrinking nor clearly growing",
}


#: The lag's trend verdict as a clause about the lag itself.
LAG_TRENDS = {
    "narrowing": "the lag is narrowing",
    "widening": "the lag is widening",
    "no clear trend": "the lag shows no clear trend",
}


def lag_trend(trend_verdict: str) -> str:
    """``"the lag shows no clear trend"``, ``"the lag is narrowing"``, ``"the lag is widening"``."""
    if trend_verdict not in LAG_TRENDS:
        raise ValueError(f"unknown trend verdict {trend_verdict!r}; expected one of {', '.join(LAG_TRENDS)}")
    return LAG_TRENDS[trend_verdict]


def lead_verdict(latest: float, trend_verdict: str, low: float, high: float) -> str:
    """The book's answer in one sentence, from the lag on the latest day and
    its trend: "The US leads by less than the claimed 12 to 24 months, and
    the lead is neither clearly shrinking nor clearly growing"."""
    if trend_verdict not in LEAD_TRENDS:
        raise ValueError(f"unknown trend verdict {trend_verdict!r}; expected one of {', '.join(LEAD_TRENDS)}")
    if latest <= 0:
        size = "China has caught up with the US frontier"
    else:
        size = {
            "below": "The US leads by less than",
            "within": "The US leads by",
            "above": "The US leads by more than",
        }[position(latest, low, high)] + f" the claimed {claim_band(low, high)}"
    return f"{size}, and {LEAD_TRENDS[trend_verdict]}"


def against_band(value: float, low: float, high: float) -> str:
    """Where a lag sits against the claimed band, as a phrase after a
    number: "below the claimed 12 to 24 months", "within ...", "above ..."."""
    return f"{position(value, low, high)} the claimed {claim_band(low, high)}"


def hero_title(latest: float, act: float, drift: float, low: float, high: float) -> str:
    """The hero chart's title, the finding in numbers: "China trails by 10
    months, below the claimed 12 to 24; the forecast's December 2028 median
    is 14 months if the US acts and 7 if it does not"."""
    return (
        f"China trails by {latest:.0f} months, {position(latest, low, high)} the claimed "
        f"{_months(low)} to {_months(high)}; the forecast's December 2028 median is "
        f"{act:.0f} months if the US acts and {drift:.0f} if it does not"
    )


def horizons_ahead(months, last: str = "and") -> str:
    """``"1 month ahead"``, ``"3 and 6 months ahead"``: forecast horizons in words."""
    months = [int(m) for m in months]
    if not months:
        raise ValueError("no horizons to name")
    return f"{join(months[:-1] + [count(months[-1], 'month')], last=last)} ahead"


def _semicolon_list(items: list[str]) -> str:
    """``"a"``, ``"a; and b"``, ``"a; b; and c"``: for clauses that hold commas or "and"."""
    return items[0] if len(items) == 1 else "; ".join(items[:-1]) + "; and " + items[-1]


def forecast_validation(acceptance: pd.DataFrame) -> str:
    """The forecast's acceptance results (:func:`ailead.scenarios.acceptance`)
    in two sentences for readers: how many tests pass, what fails in plain
    words, and that the lengths of the lead are therefore not validated."""
    rows = acceptance.set_index("criterion")
    n, n_hold = len(rows), int(rows["holds"].sum())
    if n_hold == n:
        return (
            f"The forecast passes all {count(n, 'acceptance test')} against simple baselines and its own past, "
            "so its lengths of the lead are validated as far as those tests reach."
        )
    prefix = "CRPS ratio to the best baseline, "
    ratios = rows[rows.index.str.startswith(prefix)]
    by_horizon = {int(c[len(prefix) :].split()[0]): (bool(r["holds"]), float(r["measured"])) for c, r in ratios.iterrows()}
    passed = [h for h, (holds, _) in sorted(by_horizon.items()) if holds]
    narrow = [h for h, (holds, ratio) in sorted(by_horizon.items()) if not holds and ratio <= 1]
    worse = [h for h, (holds, ratio) in sorted(by_horizon.items()) if not holds and ratio > 1]
    skill = []
    if passed:
        skill.append(f"it beats the best simple baseline by the required margin {horizons_ahead(passed)}")
    if narrow:
        skill.append(
            f"{'only narrowly' if passed else 'it beats the best simple baseline only narrowly'} {horizons_ahead(narrow)}"
        )
    if worse:
        skill.append(
            f"{'is worse than that baseline' if skill else 'it is worse than the best simple baseline'} {horizons_ahead(worse)}"
        )
    faults = [" but ".join(skill[:1] + [join(skill[1:])]) if len(skill) > 1 else "".join(skill)] if skill else []
    for level in (80, 50):
        name = f"coverage of the {level}% interval"
        if name in rows.index and not rows.at[name, "holds"]:
            low = float(str(rows.at[name, "bound"]).split("-")[0])
            faults.append(f"its {level}% intervals are {'too narrow' if rows.at[name, 'measured'] < low else 'too wide'}")
    hind = rows[rows.index.str.startswith("hindcast ")]
    if len(hind) and not hind["holds"].all():
        faults.append("it does not reproduce the lag already measured")
    spread = rows[rows.index.str.contains("spread of")]
    if len(spread) and not spread["holds"].all():
        faults.append("its answer moves too much between reasonable variants of the model")
    return (
        f"The forecast passes {n_hold} of its {count(n, 'acceptance test')}: {_semicolon_list(faults)}. "
        "How long the lead would be in 2028 is therefore not validated."
    )
