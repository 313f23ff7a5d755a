"""Reader-facing tables: labels and formats as data, rendered by pandas' Styler.

Each table the book shows is described once in ``specs.yaml``: which columns
of a frame it shows, in which order, under which label, in which format.
Analysis code returns frames with its own column names; :func:`show` turns
one into the HTML a chapter displays. :func:`render` is the generic
renderer (also for frames without a spec).
"""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import yaml
from IPython.display import HTML

SPECS_PATH = Path(__file__).with_name("specs.yaml")
LABELS_PATH = Path(__file__).with_name("labels.yaml")
MISSING = "–"


@lru_cache(maxsize=1)
def specs() -> dict:
    """Every table's spec, from ``specs.yaml``."""
    with SPECS_PATH.open(encoding="utf-8") as handle:
        loaded = yaml.safe_load(handle) or {}
    for name, spec in loaded.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("columns"), dict):
            raise ValueError(f"{SPECS_PATH.name}: table {name!r} needs a 'columns' mapping")
    return loaded


@lru_cache(maxsize=1)
def _labels() -> dict[str, dict[str, str]]:
    with LABELS_PATH.open(encoding="utf-8") as handle:
        loaded = yaml.safe_load(handle) or {}
    for group, mapping in loaded.items():
        if not isinstance(mapping, dict) or not all(isinstance(v, str) and v for v in mapping.values()):
            raise ValueError(f"{LABELS_PATH.name}: group {group!r} needs a mapping of codes to non-empty words")
    return loaded


def labels(group: str) -> dict[str, str]:
    """The reader words of every code in ``group`` of ``labels.yaml``."""
    loaded = _labels()
    if group not in loaded:
        raise KeyError(f"{LABELS_PATH.name} has no group {group!r} (it has {', '.join(sorted(loaded))})")
    return dict(loaded[group])


def label(group: str, code: str) -> str:
    """The reader words for ``code`` in ``group`` of ``labels.yaml``; a code the group lacks is an error."""
    mapping = labels(group)
    if code not in mapping:
        raise KeyError(f"{LABELS_PATH.name}: group {group!r} has no label for {code!r}")
    return mapping[code]


def _is_url(value) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://"))


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def link(url: str) -> str:
    """An address as a link named by its site; the full address is the href."""
    host = urlparse(url).netloc.removeprefix("www.")
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(host)}</a>'


#: Longest title a Source cell shows before it is cut at a word (with "…").
SOURCE_TITLE_CHARS = 60


@lru_cache(maxsize=1)
def _registry() -> pd.DataFrame:
    from .. import data

    return data.load("sources").set_index("url")


def shorten(text: str, limit: int = SOURCE_TITLE_CHARS) -> str:
    """``text`` cut at the last word that fits in ``limit`` characters, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-–")
    return cut + "…"


def source_link(url: str) -> str:
    """A cited address as a link named "Publisher: Title" from ``data/sources.csv``.

    A copy is named by the original's publisher and says it was read
    through a copy (see :func:`ailead.wording.source_label`). Every source
    column of ``data/`` is a foreign key into the registry, so a table loaded
    through ``ailead.data`` always finds its rows; an address the registry
    lacks (a frame built by hand) falls back to :func:`link`, named by its site.
    """
    from ..wording import source_label

    registry = _registry()
    if url not in registry.index:
        return link(url)
    row = registry.loc[url]
    label = source_label(row["publisher"], shorten(str(row["title"])), row["kind"], row["original_publisher"])
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(label)}</a>'


def _cell_formatter(values: pd.Series, spec: str | None, source: bool = False):
    """The function that turns one cell of a column into escaped HTML."""
    present = [v for v in values if not _missing(v)]
    if source:
        return lambda v: source_link(v) if _is_url(v) else MISSING
    if spec is not None:
        return lambda v: MISSING if _missing(v) else html.escape(spec.format(v))
    if pd.api.types.is_datetime64_any_dtype(values):
        return lambda v: MISSING if _missing(v) else v.strftime("%Y-%m-%d")
    if present and all(_is_url(v) for v in present):
        return lambda v: link(v) if _is_url(v) else MISSING
    return lambda v: MISSING if _missing(v) else html.escape(str(v))


#: Characters of a long note shown before its "details" are opened.
SUMMARY_CHARACTERS = 60


def details(text: str, limit: int = SUMMARY_CHARACTERS) -> str:
    """A long note as an expandable ``<details>`` (escaped HTML); short ones stay plain.

    The summary is the note's first words (up to ``limit`` characters) and
    "more"; opening it shows the whole note.
    """
    text = str(text)
    if len(text) <= limit + 20:
        return html.escape(text)
    head = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return f'<details><summary>{html.escape(head)}<span class="ailead-more"> … more</span></summary>{html.escape(text)}</details>'


def render(
    frame: pd.DataFrame,
    formats: dict[str, str] | None = None,
    folded: list[str] | None = None,
    sources: set[str] | frozenset = frozenset(),
) -> HTML:
    """A table for readers: no index, numbers formatted, text escaped.

    ``formats`` maps column names to format specs such as ``"{:.1f}"``;
    dates print as ISO days and missing values as a dash. A column holding
    only web addresses becomes links named by the site. Columns named in
    ``folded`` show long notes behind an expandable "details" (:func:`details`).
    Columns named in ``sources`` are cited addresses, shown as "Publisher:
    Title" links (:func:`source_link`). The HTML carries no generated ids, so
    stored outputs are the same on every run.
    """
    formats = formats or {}
    folded = list(folded or [])
    unknown = (set(formats) | set(sources)) - set(frame.columns)
    if unknown:
        raise KeyError(f"formats name columns the table lacks: {', '.join(sorted(unknown))}")
    unknown = set(folded) - set(frame.columns)
    if unknown:
        raise KeyError(f"details name columns the table lacks: {', '.join(sorted(unknown))}")
    frame = frame.reset_index(drop=True)
    styler = frame.style.hide(axis="index")
    for column in frame.columns:
        if column in folded:
            formatter = lambda v: MISSING if _missing(v) else details(v)  # noqa: E731
        else:
            formatter = _cell_formatter(frame[column], formats.get(column), column in sources)
        styler = styler.format(formatter, subset=[column])
    styler = styler.format_index(lambda label: html.escape(str(label)), axis=1)
    # Styler leaves a space where its (excluded) attributes would go.
    body = styler.to_html(exclude_styles=True).replace("<td >", "<td>").replace("<th >", "<th>")
    # Every cell was escaped by its formatter, so links and details are the only markup.
    return HTML(body.replace("<table>", '<table class="ailead-table">', 1))


def reader_frame(name: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """The columns the spec ``name`` shows, relabelled, and their formats by label.

    A column option ``details: true`` folds long notes (see :func:`folded_columns`);
    ``source: true`` marks cited addresses (see :func:`source_columns`);
    ``labels: <group>`` shows each code in the column as its words from
    ``labels.yaml`` (see :func:`label`; missing cells stay missing).
    """
    spec = specs()[name]
    columns = spec["columns"]
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"table {name!r}: the frame lacks column(s) {', '.join(missing)}")
    names = {c: (v or {}).get("label", c) for c, v in columns.items()}
    formats = {names[c]: v["format"] for c, v in columns.items() if v and "format" in v}
    shown = frame[list(columns)].copy()
    for column, options in columns.items():
        if options and options.get("labels"):
            group = options["labels"]
            shown[column] = [value if _missing(value) else label(group, value) for value in shown[column]]
    return shown.rename(columns=names), formats


def source_columns(name: str) -> set[str]:
    """Labels of the spec's columns marked ``source: true`` (cited addresses)."""
    columns = specs()[name]["columns"]
    return {(v or {}).get("label", c) for c, v in columns.items() if v and v.get("source")}


def folded_columns(name: str) -> list[str]:
    """Labels of the columns of table ``name`` whose spec says ``details: true``."""
    columns = specs()[name]["columns"]
    return [(v or {}).get("label", c) for c, v in columns.items() if v and v.get("details")]


def show(name: str, frame: pd.DataFrame) -> HTML:
    """Render ``frame`` as the table ``name`` of ``specs.yaml``."""
    shown, formats = reader_frame(name, frame)
    return render(shown, formats, folded_columns(name), source_columns(name))
