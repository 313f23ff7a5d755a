"""Load the book's CSV tables, validated against ``data/datapackage.json``.

The Data Package is the single source of truth: field names, types and
constraints come from its Table Schemas and are enforced by Frictionless.
A few rules that Frictionless has no built-in check for (spreadsheet formulas,
HTML markup, a byte-order mark, an empty file) are added as custom checks so
that every failure is reported the same way: file, row, column and rule.

Loading only reads; nothing under ``data/`` is ever written.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
from frictionless import Check, Checklist, Dialect, Package, Resource, errors, formats

#: Environment variable that points the loader at another data folder
#: (used by tests that build a copy of the book with edited data).
DATA_DIR_ENV = "AILEAD_DATA_DIR"

# A leading = + @ tab or CR starts a spreadsheet formula; so does a leading
# minus unless the whole cell is a plain number ("-5", "-0.5").
_FORMULA_START = re.compile(r"^\s*[=+@\t\r]|^\s*-(?!\d*\.?\d+$)")
_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?]")


def data_dir() -> Path:
    """The folder holding ``datapackage.json`` and the CSV tables."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).resolve()
    return (Path(__file__).resolve().parent.parent / "data").resolve()


@dataclass(frozen=True)
class Problem:
    """One broken rule, located the way a person reading the file would."""

    file: str
    row: int | None
    column: str | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: [{self.rule}] {self.message}"


class DataValidationError(ValueError):
    """A table in ``data/`` is missing or breaks its schema.

    ``problems`` lists every broken rule; the message names the first ones
    with file, row (the header is row 1), column and rule.
    """

    def __init__(self, problems: list[Problem], dataset: str):
        self.problems = problems
        self.dataset = dataset
        shown = "\n".join(f"  - {p}" for p in problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"dataset '{dataset}' failed validation with {len(problems)} problem(s):\n{shown}{more}")


class _UnsafeTextCheck(Check):
    """Reject spreadsheet formulas and HTML markup in text cells.

    A cell such as ``=HYPERLINK(...)`` executes when a reader opens the CSV in
    a spreadsheet, and markup such as ``<script>`` would be live in the book.
    """

    type = "unsafe-text"
    Errors = [errors.CellError]

    def validate_row(self, row):
        for field in row.fields:
            value = row[field.name]
            if field.type != "string" or not isinstance(value, str):
                continue
            if _FORMULA_START.search(value):
                yield errors.CellError.from_row(
                    row,
                    note="starts like a spreadsheet formula (=, +, -, @); remove the leading character or quote it differently",
                    field_name=field.name,
                )
            elif _HTML_TAG.search(value):
                yield errors.CellError.from_row(
                    row,
                    note="contains HTML markup; tables hold plain text only",
                    field_name=field.name,
                )


def _rule_name(error) -> str:
    if error.type == "cell-error":
        return "unsafe-text"
    if error.type == "constraint-error":
        # e.g. 'constraint "required" is "True"' -> required
        match = re.search(r'constraint "(\w+)"', error.note or "")
        return f"constraint:{match.group(1)}" if match else "constraint"
    return error.type


@lru_cache(maxsize=4)
def _package_descriptor(folder: str) -> dict:
    path = Path(folder) / "datapackage.json"
    if not path.is_file():
        raise DataValidationError(
            [Problem(str(path), None, None, "missing-file", "the Data Package descriptor does not exist")],
            dataset="datapackage",
        )
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def package() -> dict:
    """The parsed ``datapackage.json`` (a fresh copy the caller may modify)."""
    return json.loads(json.dumps(_package_descriptor(str(data_dir()))))


def resource_descriptor(name: str) -> dict:
    """The descriptor of one dataset, by its resource name."""
    for resource in package()["resources"]:
        if resource["name"] == name:
            return resource
    known = ", ".join(sorted(r["name"] for r in package()["resources"]))
    raise KeyError(f"no dataset named '{name}' in datapackage.json (known: {known})")


def _raw_problems(path: Path, display: str, field_names: list[str]) -> list[Problem]:
    """Problems in the bytes and the header, checked before row validation.

    Frictionless would silently strip a byte-order mark, sniff a semicolon
    delimiter, or match a header to the schema by position; these are
    reported instead, so the file is fixed rather than guessed at.
    """
    raw = path.read_bytes()
    first = field_names[0]
    if not raw.strip():
        return [Problem(display, 1, first, "empty-file", f"the file is empty; expected a header row starting with '{first}'")]
    if raw.startswith(b"\xef\xbb\xbf"):
        return [
            Problem(
                display, 1, first, "byte-order-mark", "the file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM"
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return [_encoding_problem(raw, error, display, field_names)]
    header = next(csv.reader(io.StringIO(text)))
    if len(header) == 1 and len(field_names) > 1:
        for delimiter in (";", "\t", "|"):
            if delimiter in header[0]:
                return [
                    Problem(
                        display,
                        1,
                        first,
                        "delimiter",
                        f"the header is split by {delimiter!r}; the book's tables are comma-separated",
                    )
                ]
    problems = [
        Problem(display, 1, name, "missing-column", f"the header has no column '{name}' required by the schema")
        for name in field_names
        if name not in header
    ]
    problems += [
        Problem(display, 1, label, "extra-column", f"column '{label}' is not in the schema")
        for label in header
        if label not in field_names
    ]
    if not problems and header != field_names:
        problems.append(
            Problem(display, 1, header[0], "column-order", f"columns must be in schema order: {', '.join(field_names)}")
        )
    return problems


def _encoding_problem(raw: bytes, error: UnicodeDecodeError, display: str, field_names: list[str]) -> Problem:
    """Locate the first byte that is not UTF-8 by row and column."""
    text = raw.decode("utf-8", errors="replace")
    rows = list(csv.reader(io.StringIO(text)))
    for number, row in enumerate(rows, start=1):
        for position, cell in enumerate(row):
            if "\ufffd" in cell:
                column = field_names[position] if position < len(field_names) else None
                return Problem(
                    display, number, column, "encoding", f"byte {error.start} is not valid UTF-8; save the file as UTF-8"
                )
    return Problem(display, None, None, "encoding", f"byte {error.start} is not valid UTF-8; save the file as UTF-8")


def validate(name: str) -> Path:
    """Validate one dataset; return its path or raise :class:`DataValidationError`."""
    folder = data_dir()
    descriptor = resource_descriptor(name)
    path = folder / descriptor["path"]
    display = f"{folder.name}/{descriptor['path']}"
    if not path.is_file():
        raise DataValidationError(
            [Problem(display, None, None, "missing-file", f"the file for dataset '{name}' does not exist")],
            dataset=name,
        )
    fields = descriptor["schema"]["fields"]
    problems = _raw_problems(path, display, [f["name"] for f in fields])
    if problems:
        raise DataValidationError(problems, dataset=name)

    # Validate inside the package so foreign keys to other tables are checked.
    pkg = Package(_package_descriptor(str(folder)), basepath=str(folder))
    resource: Resource = pkg.get_resource(name)
    # Always comma-delimited: sniffing would quietly accept a semicolon file.
    resource.dialect = Dialect(controls=[formats.CsvControl(delimiter=",")])
    report = resource.validate(Checklist(checks=[_UnsafeTextCheck()]), limit_errors=1000)
    if not report.valid:
        schema = descriptor["schema"]
        problems = [_problem(display, error, schema) for error in report.tasks[0].errors]
        # Report in reading order: by row, then left to right.
        order = {name: i for i, name in enumerate(f["name"] for f in fields)}
        order["(whole row)"] = -1
        problems.sort(key=lambda p: (p.row or 0, order.get(p.column, len(order))))
        raise DataValidationError(problems, dataset=name)
    return path


def _problem(display: str, error, schema: dict) -> Problem:
    """Translate a Frictionless error into file, row, column and rule."""
    header = [f["name"] for f in schema["fields"]]
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None) or getattr(error, "label", None) or None
    if column is None and getattr(error, "field_number", None):
        number = error.field_number
        column = header[number - 1] if number <= len(header) else f"(unnamed column {number})"
    if error.type == "primary-key":
        column = ", ".join(_as_list(schema.get("primaryKey")))
    elif error.type == "foreign-key":
        keys = [", ".join(_as_list(fk["fields"])) for fk in schema.get("foreignKeys", [])]
        column = "; ".join(keys) or None
    elif error.type == "blank-row":
        column = "(whole row)"
    return Problem(display, row, column, _rule_name(error), error.message)


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _typed(frame: pd.DataFrame, fields: list[dict]) -> pd.DataFrame:
    for field in fields:
        name, kind = field["name"], field.get("type", "string")
        column = frame[name].replace("", pd.NA)
        if kind == "date":
            frame[name] = pd.to_datetime(column, format="%Y-%m-%d")
        elif kind == "integer":
            frame[name] = pd.to_numeric(column).astype("Int64")
        elif kind == "number":
            frame[name] = pd.to_numeric(column).astype("float64")
        elif kind == "boolean":
            # The same spellings the schema (or Table Schema's defaults) accepts.
            true_values = field.get("trueValues", ["true", "True", "TRUE", "1"])
            false_values = field.get("falseValues", ["false", "False", "FALSE", "0"])
            mapping = {**{v: True for v in true_values}, **{v: False for v in false_values}}
            frame[name] = column.map(mapping).astype("boolean")
        else:
            frame[name] = column.astype("string")
    return frame


def load(name: str) -> pd.DataFrame:
    """Validate dataset ``name`` and return it with typed columns.

    Dates become ``datetime64``, integers nullable ``Int64``, numbers
    ``float64``, booleans ``boolean`` and text ``string``; empty cells are
    missing values.
    """
    path = validate(name)
    fields = resource_descriptor(name)["schema"]["fields"]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return _typed(frame, fields)
