"""One module per chapter: the values it glues, its charts, its tables and
the checks its prose relies on.

A chapter notebook is narrative plus a few short cells::

    from ailead.chapters import ch01
    page = ch01.page()
    page.glue()            # every value and chart, after the prose checks
    page.table("external_check")

Everything a notebook shows is computed here, so ``make unit`` can test it:
``tests/test_chapters.py`` runs every chapter's prose checks and compares
its glued values with the reviewed file ``tests/golden/<chapter>.json``.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import cache, report

#: Chapter modules in book order (each has a ``page()`` function).
CHAPTERS = ("ch01", "ch02", "ch03", "ch04", "ch05", "ch06")


class ProseCheckError(AssertionError):
    """A sentence of a chapter no longer matches the data it describes."""


@dataclass
class Page:
    """What one chapter pastes into its prose.

    ``values`` maps glue keys (global to the book, so prefixed with the
    chapter's short name) to plain numbers, words or dates; ``charts`` maps
    glue keys to Altair charts; ``tables`` maps a name to a zero-argument
    function returning the table's HTML; ``checks`` maps a description of
    what the prose says to whether the data still says it.
    """

    name: str
    values: dict = field(default_factory=dict)
    charts: dict = field(default_factory=dict)
    tables: dict[str, Callable] = field(default_factory=dict)
    checks: dict[str, bool] = field(default_factory=dict)

    def add(self, **values) -> None:
        for key, value in values.items():
            if key in self.values:
                raise KeyError(f"{self.name}: glue key {key!r} set twice")
            self.values[key] = value

    def check(self, description: str, holds) -> None:
        """Record one claim the prose makes about the data."""
        if description in self.checks:
            raise KeyError(f"{self.name}: check {description!r} recorded twice")
        self.checks[description] = bool(holds)

    def failed_checks(self) -> list[str]:
        return [text for text, holds in self.checks.items() if not holds]

    def verify(self) -> None:
        """Raise :class:`ProseCheckError` listing every check that fails."""
        failed = self.failed_checks()
        if failed:
            listed = "\n".join(f"  - {text}" for text in failed)
            raise ProseCheckError(f"{self.name}: the prose no longer matches the data:\n{listed}")

    def plain_values(self) -> dict:
        """The glued values exactly as glue stores them (see :func:`ailead.report.plain`)."""
        return {key: report.plain(value) for key, value in self.values.items()}

    def glue(self) -> None:
        """Verify the prose checks, then glue every value and chart."""
        self.verify()
        report.glue_values(**self.values)
        for key, chart in self.charts.items():
            report.glue_chart(key, chart)

    def table(self, name: str):
        return self.tables[name]()

    def frozen(self) -> Page:
        """The same page with every table rendered now, so it can be stored
        (:func:`cached_page`); reading it gives exactly what this page gives."""
        rendered = {name: _Rendered(make()) for name, make in self.tables.items()}
        return Page(self.name, dict(self.values), dict(self.charts), rendered, dict(self.checks))


@dataclass(frozen=True)
class _Rendered:
    """A table already rendered: called like the function that rendered it."""

    result: object

    def __call__(self):
        return self.result


def cached_page(function: Callable[..., Page]) -> Callable[..., Page]:
    """A chapter's page function, computed once per process and stored on disk
    per content of the code and the data (:mod:`ailead.cache`), so the book
    build, nbval's kernels and every test worker compute each page once."""
    name = f"{function.__module__}.{function.__qualname__}"

    @functools.cache
    @functools.wraps(function)
    def wrapper(*args, **kwargs) -> Page:
        return cache.fetch(name, lambda: function(*args, **kwargs).frozen(), args, tuple(sorted(kwargs.items())))

    return wrapper


def load(chapter: str):
    """The chapter module ``chapter`` (for example ``"ch01"``)."""
    if chapter not in CHAPTERS:
        raise KeyError(f"unknown chapter {chapter!r}; choose from {', '.join(CHAPTERS)}")
    return importlib.import_module(f"{__name__}.{chapter}")


# --- "Data as of" (issue 15, item 7) ---

#: Date columns that do not date the data itself: when a page was read, and
#: the window a claim is about (which may lie in the future).
NOT_DATA_DATES = ("accessed", "window_start", "window_end")
#: Tables that describe citations, not data: the source registry's dates are
#: when cited pages were published and read, so they never date a chapter.
NOT_DATA_TABLES = ("sources",)


def data_as_of(*datasets: str):
    """The latest date in the tables ``datasets`` (any date column except
    :data:`NOT_DATA_DATES`): the "data as of" line of a chapter."""
    import pandas as pd

    from .. import data

    if not datasets:
        raise ValueError("name the datasets the chapter uses")
    latest = []
    for name in datasets:
        frame = data.load(name)
        columns = [c for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c]) and c not in NOT_DATA_DATES]
        latest += [frame[c].max() for c in columns if frame[c].notna().any()]
    if not latest:
        raise ValueError(f"no dated rows in {', '.join(datasets)}")
    return max(latest)


#: The tables each chapter reads, directly or through the analysis packages
#: (``tests/test_data_as_of.py`` checks every ``data.load`` of a chapter module
#: is listed). The "data as of" date of a chapter is the latest date in them.
DATASETS_OF = {
    "ch01": ("frontier_models", "published_gap_estimates", "arena_gap", "gap_yardsticks", "frontier_releases_after_index"),
    "ch02": ("accelerators", "chip_export_status", "claims", "export_controls", "smuggling_estimates"),
    "ch03": (
        "distillation_cost_inputs",
        "distillation_countermeasures",
        "distillation_incidents",
        "distillation_parameters",
        "frontier_models",
        "scenario_parameters",
    ),
    "ch04": ("frontier_models", "scenario_parameters", "distillation_parameters"),
    "ch05": ("accelerators", "arena_gap", "chip_export_status", "claims", "compute_shares", "export_controls", "frontier_models"),
    # Chapter 06 draws on chapter 04's simulation too.
    "ch06": ("claims", "frontier_models", "scenario_parameters", "distillation_parameters"),
}


def chapter_data_as_of(chapter: str):
    """The "data as of" date of one chapter (see :data:`DATASETS_OF`)."""
    if chapter not in DATASETS_OF:
        raise KeyError(f"no dataset list for chapter {chapter!r}")
    return data_as_of(*DATASETS_OF[chapter])


def book_data_as_of():
    """The latest date in any table of ``data/`` except :data:`NOT_DATA_TABLES`
    (the data page's "data as of")."""
    from .. import data

    return data_as_of(*(r["name"] for r in data.package()["resources"] if r["name"] not in NOT_DATA_TABLES))


# --- Every figure and its downloads (issue 16, item 3) ---

#: Where each chapter's figures are drawn, as readers see the chapter.
CHAPTER_NAMES = {
    "ch01": "1. The gap today",
    "ch02": "2. Export controls",
    "ch03": "3. Distillation",
    "ch04": "4. Two outcomes for 2028",
    "ch05": "5. The dissenting view",
    "ch06": "6. Conclusion (and the introduction)",
}


def figure_list():
    """One row per named figure of the book, in book order: its id (the stem
    of its downloads), the chapter that draws it, its title and the files
    offered under it (the data shown as CSV, the title, source, licence and
    units as JSON, and the static SVG)."""
    import pandas as pd

    rows = []
    for chapter in CHAPTERS:
        module = load(chapter)
        pages = [module.page()] + ([module.evaluation_page()] if hasattr(module, "evaluation_page") else [])
        for page in pages:
            for chart in page.charts.values():
                meta = chart.to_dict().get("usermeta", {}).get("ailead", {})
                if not meta.get("figure"):
                    continue
                stem = meta["figure"]
                files = [f"{stem}.csv"] if meta.get("tidy") else []
                rows.append(
                    {
                        "figure": stem,
                        "chapter": CHAPTER_NAMES[chapter],
                        "title": meta.get("title", ""),
                        "files": ", ".join([*files, f"{stem}.json", f"{stem}.svg"]),
                    }
                )
    frame = pd.DataFrame(rows, columns=["figure", "chapter", "title", "files"])
    return frame.sort_values("figure", kind="stable").reset_index(drop=True)


def figure_table():
    """:func:`figure_list` as a reader table (``book.figures``)."""
    from .. import tables

    return tables.show("book.figures", figure_list())
