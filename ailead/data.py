"""Load the book's CSV tables, validated against ``data/datapackage.json``.

The Data Package is the single source of truth: field names, types and
constraints come from its Table Schemas and are enforced by Frictionless.
Before Frictionless runs, :mod:`ailead.validation` parses the bytes strictly
and applies the rules Frictionless lacks (encoding, line endings, quoting,
header, plain ASCII finite numbers, control and bidi characters, surrounding
whitespace, visible required text, placeholders, public source addresses,
spreadsheet formulas and HTML). The descriptor itself is checked too: it must
be valid JSON, and every resource path must stay inside ``data/``. Every
failure is reported the same way, as a :class:`DataValidationError` naming
file, row (the header is row 1), column and rule.

Loading only reads; nothing under ``data/`` is ever written.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .validation import PLACEHOLDERS, Problem, check_rows, elide, parse, url_problem

__all__ = [
    "DATA_DIR_ENV",
    "DataValidationError",
    "PLACEHOLDERS",
    "Problem",
    "UnknownDatasetError",
    "data_dir",
    "load",
    "package",
    "resource_descriptor",
    "url_problem",
    "validate",
]

#: Environment variable that points the loader at another data folder
#: (used by tests that build a copy of the book with edited data).
DATA_DIR_ENV = "AILEAD_DATA_DIR"
DESCRIPTOR = "datapackage.json"
#: The project's own data folder (others are copies that tests edit).
PROJECT_DATA_DIR = (Path(__file__).resolve().parent.parent / "data").resolve()
#: Problems spelled out in the exception's message; all are in ``.problems``.
SHOWN_PROBLEMS = 3


def data_dir() -> Path:
    """The folder holding ``datapackage.json`` and the CSV tables."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).resolve()
    return PROJECT_DATA_DIR


class DataValidationError(ValueError):
    """A table in ``data/`` (or its descriptor) is missing or breaks a rule.

    ``problems`` lists every broken rule; the message names the first few
    with file, row (the header is row 1), column and rule, each cut to a
    couple of hundred characters so a huge bad cell cannot flood a log.
    """

    headline = "failed validation with"

    def __init__(self, problems: list[Problem], dataset: str):
        self.problems = problems
        self.dataset = dataset
        shown = "\n".join(f"  - {p}" for p in problems[:SHOWN_PROBLEMS])
        rest = len(problems) - SHOWN_PROBLEMS
        more = f"\n  ... and {rest} more (see .problems)" if rest > 0 else ""
        self._text = f"dataset {elide(dataset, 40)} {self.headline} {len(problems)} problem(s):\n{shown}{more}"
        super().__init__(self._text)

    def __str__(self) -> str:
        return self._text


class UnknownDatasetError(DataValidationError, KeyError):
    """``load(name)`` was given a name that no resource in the descriptor has.

    Also a ``KeyError``, as a lookup by name that fails.
    """

    headline = "cannot be loaded:"


def _descriptor_error(folder: Path, rule: str, message: str, row: int | None = None) -> DataValidationError:
    return DataValidationError([Problem(f"{folder.name}/{DESCRIPTOR}", row, None, rule, message)], dataset="datapackage")


@lru_cache(maxsize=4)
def _package_descriptor(folder: str) -> dict:
    root = Path(folder)
    path = root / DESCRIPTOR
    if not path.is_file():
        raise _descriptor_error(root, "missing-file", "the Data Package descriptor does not exist")
    raw = path.read_bytes()
    if not raw.strip():
        raise _descriptor_error(
            root, "descriptor-empty", "the Data Package descriptor is empty; it must be a JSON object with a 'resources' list"
        )
    try:
        descriptor = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise _descriptor_error(root, "encoding", f"byte {error.start} is not valid UTF-8; save the file as UTF-8") from None
    except json.JSONDecodeError as error:
        raise _descriptor_error(
            root, "descriptor-json", f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}", row=error.lineno
        ) from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise _descriptor_error(root, "descriptor", "the descriptor must be a JSON object with a 'resources' list")
    for number, resource in enumerate(descriptor["resources"], start=1):
        if (
            not isinstance(resource, dict)
            or not isinstance(resource.get("name"), str)
            or not isinstance(resource.get("schema"), dict)
        ):
            raise _descriptor_error(root, "descriptor", f"resource {number} needs a 'name' and a 'schema'")
        fields = resource["schema"].get("fields")
        if (
            not isinstance(fields, list)
            or not fields
            or not all(isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields)
        ):
            raise _descriptor_error(root, "descriptor", f"resource {elide(resource['name'], 40)} has no list of named fields")
    return descriptor


def package() -> dict:
    """The parsed ``datapackage.json`` (a fresh copy the caller may modify)."""
    return json.loads(json.dumps(_package_descriptor(str(data_dir()))))


_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def resource_descriptor(name: str) -> dict:
    """The descriptor of one dataset, by its resource name."""
    resources = package()["resources"]
    for resource in resources:
        if isinstance(name, str) and resource["name"] == name:
            return resource
    known = ", ".join(sorted(r["name"] for r in resources))
    display = f"{data_dir().name}/{DESCRIPTOR}"
    if not isinstance(name, str) or not name.strip():
        reason = f"no dataset name given (got {elide(name, 40) if isinstance(name, str) else type(name).__name__})"
    elif not _NAME.fullmatch(name) or ".." in name:
        reason = f"{elide(name, 40)} is not a dataset name: give a resource name from {DESCRIPTOR}, not a file path"
    else:
        reason = f"no dataset named {elide(name, 40)} in {DESCRIPTOR}"
    raise UnknownDatasetError(
        [Problem(display, None, None, "unknown-dataset", f"{reason} (known: {elide(known, 160, quote=False)})")],
        dataset=name if isinstance(name, str) else repr(name),
    )


def _resource_path(folder: Path, resource: dict) -> Path:
    """The file of ``resource``, refusing any path that leaves ``folder``.

    No absolute paths, URLs, ``..`` or symbolic links that point outside;
    the outside file is never opened, so no error can quote it.
    """
    display = f"{folder.name}/{DESCRIPTOR}"
    raw = resource.get("path")
    name = resource["name"]
    if not isinstance(raw, str) or not raw.strip():
        raise DataValidationError(
            [Problem(display, None, None, "resource-path", f"resource {elide(name, 40)} needs a 'path' naming one CSV file")],
            dataset=name,
        )
    shown = elide(raw, 60)
    parts = Path(raw).parts
    if (
        "://" in raw
        or raw.startswith(("/", "\\"))
        or "\\" in raw
        or ".." in parts
        or Path(raw).is_absolute()
        or any(ord(c) < 32 for c in raw)
    ):
        raise DataValidationError(
            [
                Problem(
                    display,
                    None,
                    None,
                    "resource-path",
                    f"resource {elide(name, 40)} has path {shown}, which is not a file inside {folder.name}/; tables must live in the data folder",
                )
            ],
            dataset=name,
        )
    candidate = folder / raw
    try:
        resolved = candidate.resolve()
        resolved.relative_to(folder)
    except (ValueError, OSError, RuntimeError):
        raise DataValidationError(
            [
                Problem(
                    f"{folder.name}/{raw}",
                    None,
                    None,
                    "resource-path",
                    f"the file for dataset {elide(name, 40)} is a symbolic link that leads outside {folder.name}/; it was not read",
                )
            ],
            dataset=name,
        ) from None
    return candidate


def _foreign_key_problems(folder: Path, descriptor: dict, resources: dict[str, dict]) -> list[Problem]:
    display = f"{folder.name}/{DESCRIPTOR}"
    problems = []
    for fk in descriptor["schema"].get("foreignKeys", []):
        columns = ", ".join(_as_list(fk.get("fields")))
        reference = fk.get("reference") or {}
        target = reference.get("resource", "")
        if target in ("", None):
            continue
        if target not in resources:
            problems.append(
                Problem(
                    display,
                    None,
                    columns,
                    "foreign-key-target",
                    f"the foreign key of {elide(descriptor['name'], 40)} refers to resource {elide(target, 40)}, which {DESCRIPTOR} does not describe",
                )
            )
            continue
        target_fields = {f["name"] for f in resources[target]["schema"]["fields"]}
        missing = [f for f in _as_list(reference.get("fields")) if f not in target_fields]
        if missing:
            problems.append(
                Problem(
                    display,
                    None,
                    columns,
                    "foreign-key-target",
                    f"the foreign key refers to column(s) {', '.join(missing)} that {elide(target, 40)} does not have",
                )
            )
            continue
        path = _resource_path(folder, resources[target])
        target_display = f"{folder.name}/{resources[target]['path']}"
        if not path.is_file():
            problems.append(
                Problem(
                    target_display,
                    None,
                    columns,
                    "foreign-key-target",
                    f"the table {elide(target, 40)} that the foreign key refers to does not exist",
                )
            )
            continue
        # Frictionless reads the target to check the keys: it must parse.
        target_fields = [f["name"] for f in resources[target]["schema"]["fields"]]
        problems += parse(path.read_bytes(), target_display, target_fields)[1]
    return problems


def _validated(name: str) -> tuple[Path, list[list[str]]]:
    folder = data_dir()
    descriptor = resource_descriptor(name)
    package_descriptor = _package_descriptor(str(folder))
    path = _resource_path(folder, descriptor)
    display = f"{folder.name}/{descriptor['path']}"
    if not path.is_file():
        raise DataValidationError(
            [Problem(display, None, None, "missing-file", f"the file for dataset '{name}' does not exist")],
            dataset=name,
        )
    schema = descriptor["schema"]
    fields = schema["fields"]
    resources = {r["name"]: r for r in package_descriptor["resources"]}
    problems = _foreign_key_problems(folder, descriptor, resources)
    if problems:
        raise DataValidationError(problems, dataset=name)
    records, problems = parse(path.read_bytes(), display, [f["name"] for f in fields])
    if problems:
        raise DataValidationError(problems, dataset=name)

    problems = check_rows(records, display, schema)
    problems += _frictionless_problems(folder, package_descriptor, name, display, schema, bool(problems))
    if problems:
        # Report in reading order: by row, then left to right; the loader's
        # own finding first where Frictionless reports the same cell.
        order = {field["name"]: i for i, field in enumerate(fields)}
        order["(whole row)"] = -1
        problems = sorted(problems, key=lambda p: (p.row or 0, order.get(p.column, len(order))))
        unique = list(dict.fromkeys(problems))
        raise DataValidationError(unique, dataset=name)
    return path, records


def _frictionless_problems(
    folder: Path, package_descriptor: dict, name: str, display: str, schema: dict, found: bool
) -> list[Problem]:
    """Types, constraints and keys, checked by Frictionless inside the package
    (so foreign keys to other tables are checked too)."""
    # Imported here: it takes seconds, and a table already validated (see
    # ailead.cache) needs none of it.
    from frictionless import Dialect, Package, formats

    try:
        pkg = Package(package_descriptor, basepath=str(folder))
        resource = pkg.get_resource(name)
        # Always comma-delimited: sniffing would quietly accept a semicolon file.
        resource.dialect = Dialect(controls=[formats.CsvControl(delimiter=",")])
        report = resource.validate(limit_errors=1000)
    except Exception as error:  # noqa: BLE001 - any failure becomes a located problem
        if found:
            return []  # the loader's own findings explain the file already
        return [
            Problem(display, None, None, "frictionless", f"the table could not be validated: {elide(error, 160, quote=False)}")
        ]
    if report.valid:
        return []
    errors = [error for task in report.tasks for error in task.errors] or list(report.errors)
    return [_problem(display, error, schema) for error in errors]


def validate(name: str) -> Path:
    """Validate one dataset; return its path or raise :class:`DataValidationError`."""
    return _validated(name)[0]


def _rule_name(error) -> str:
    if error.type == "constraint-error":
        # e.g. 'constraint "required" is "True"' -> required
        match = re.search(r'constraint "(\w+)"', error.note or "")
        return f"constraint:{match.group(1)}" if match else "constraint"
    return error.type


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
    cell = getattr(error, "cell", None)
    note = getattr(error, "note", "") or ""
    if error.type == "type-error" and cell is not None:
        kind = re.search(r'type is "([^"]+)"', note)
        message = f"{elide(cell)} is not a valid {kind.group(1).replace('/default', '') if kind else 'value'}"
    elif error.type == "constraint-error" and cell is not None:
        message = f"{elide(cell)} breaks the rule: {note}"
    else:
        message = error.message
    return Problem(display, row, column, _rule_name(error), elide(message, 200, quote=False))


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


def _load_uncached(name: str) -> pd.DataFrame:
    """Validate dataset ``name`` and return it with typed columns.

    The frame is built from the very records that were validated, so no
    second parser can disagree with the first.
    """
    path, records = _validated(name)
    descriptor = resource_descriptor(name)
    fields = descriptor["schema"]["fields"]
    frame = pd.DataFrame([r for r in records[1:] if r], columns=records[0], dtype=object)
    try:
        return _typed(frame, fields)
    except (ValueError, TypeError) as error:
        display = f"{data_dir().name}/{descriptor['path']}"
        raise DataValidationError(
            [
                Problem(
                    display,
                    None,
                    None,
                    "conversion",
                    f"a validated column could not be converted: {elide(error, 160, quote=False)}",
                )
            ],
            dataset=name,
        ) from None


def _folder_digest(folder: Path) -> str:
    """A digest of every file's name and bytes in the data folder: a table's
    validity depends on the others too (foreign keys)."""
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=64)
def _load_cached(folder: str, name: str, digest: str) -> pd.DataFrame:
    if Path(folder) != PROJECT_DATA_DIR:
        return _load_uncached(name)
    from . import cache

    # Validated once per content of data/ and of the loader's code, across
    # processes (each notebook kernel, each test run); errors are never stored.
    return cache.fetch("data.load", lambda: _load_uncached(name), name)


def load(name: str) -> pd.DataFrame:
    """Validate dataset ``name`` and return it with typed columns.

    Dates become ``datetime64``, integers nullable ``Int64``, numbers
    ``float64``, booleans ``boolean`` and text ``string``; empty cells are
    missing values. A table is validated once per content of the data
    folder (any edit to any file there validates again); each call returns
    a fresh copy the caller may change.
    """
    folder = data_dir()
    return _load_cached(str(folder), name, _folder_digest(folder)).copy()
