"""Rules the loader applies before Frictionless sees a table.

:mod:`ailead.data` validates every table against its Table Schema with
Frictionless. Frictionless is lenient in ways that let bad cells through or
crash later stages (it accepts ``8_0``, full-width digits, ``inf``, padded
numbers; a trailing newline passes an anchored ``pattern``), and some inputs
make the CSV parser itself fail. This module reads the bytes once, parses them
strictly, and checks every cell against the book's own rules:

* structure: empty file, byte-order mark, UTF-16 or other non-UTF-8 bytes,
  bare carriage-return line endings, an unterminated or stray quote, a
  semicolon/tab delimiter, a header that differs from the schema, a table
  with a header and no rows (unless the schema sets ``"allowEmpty": true``);
* every cell: no control characters (NUL, line breaks, tabs...), no bidi
  overrides or isolates, no surrounding whitespace;
* numbers and integers: plain ASCII digits (no ``_``, no full-width or other
  scripts' digits), finite unless the field sets ``"allowNonFinite": true``;
* text: a required cell must hold a visible character; a cell that is only a
  missing-value placeholder (``N/A``, ``NA``, ``null``, ``-``, ``?``, ``TBD``
  ...) is rejected in any text field without an ``enum``, because the table
  means "missing" by an empty cell and a placeholder would be counted,
  grouped and printed as if it were a value; spreadsheet formulas and HTML
  markup are rejected, naming the rule and showing the start of the cell;
* ``pattern`` constraints must match the whole cell (Python's ``$`` would
  accept a trailing newline);
* address columns (``source_url``, ``*_url``, ``format: uri``) must be
  public ``http(s)`` addresses: no credentials, no localhost, no private,
  loopback, link-local or reserved IP ranges, a dotted host name.

Each broken rule is returned as a :class:`Problem` located as a person reads
the file: the header is row 1. Messages never carry more than the start of a
cell (:func:`elide`).
"""

from __future__ import annotations

import csv
import io
import ipaddress
import math
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

#: Longest message text a single problem carries.
MESSAGE_LIMIT = 200


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
            where.append(f"column '{elide(self.column, 40, quote=False)}'")
        return f"{', '.join(where)}: [{self.rule}] {elide(self.message, MESSAGE_LIMIT, quote=False)}"


def elide(value, limit: int = 24, quote: bool = True) -> str:
    """The start of ``value`` for a message: control characters escaped,
    cut to ``limit`` characters with ``...``, quoted unless ``quote`` is false."""
    text = str(value)
    shown = "".join(_visible(ch) for ch in text[: limit + 1])
    if len(text) > limit or len(shown) > limit:
        shown = shown[:limit] + "..."
    return f"'{shown}'" if quote else shown


def _visible(ch: str) -> str:
    if _is_control(ch) or ch in _BIDI:
        return f"\\u{ord(ch):04x}" if ord(ch) > 0xFF else f"\\x{ord(ch):02x}"
    return ch


# --- characters -----------------------------------------------------------

#: Bidirectional embeddings, overrides, isolates and marks (Trojan Source).
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Line and paragraph separators, the zero-width no-break space.
_OTHER_INVISIBLE = set("\u2028\u2029\ufeff")


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" or ch in _OTHER_INVISIBLE


def _char_name(ch: str) -> str:
    names = {"\x00": "NUL", "\n": "line feed", "\r": "carriage return", "\t": "tab"}
    return names.get(ch) or unicodedata.name(ch, "control character")


# A leading = + @ tab or CR starts a spreadsheet formula; so does a leading
# minus, unless the whole cell is a plain number ("-5", "-0.5") or a Markdown
# bullet: a minus, one space, a letter, and no "|" (which a DDE payload needs).
_FORMULA_START = re.compile(r"^[=+@\t\r]|^-(?!\d*\.?\d+$)(?!\s[^\W\d_][^|]*$)")
_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?]")
_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_NON_FINITE_WORDS = {"nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"}
#: Whole-cell spellings of "no value" (compared case-insensitively).
PLACEHOLDERS = {"n/a", "na", "n.a.", "#n/a", "nan", "null", "nil", "-", "--", "\u2014", "\u2013", "?", "tbd", "tba"}


def _visible_text(value: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LNPS" for ch in value)


# --- addresses ------------------------------------------------------------

_HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_LOCAL_SUFFIXES = (
    ".localhost",
    ".local",
    ".internal",
    ".lan",
    ".home",
    ".corp",
    ".intranet",
    ".localdomain",
    ".test",
    ".invalid",
    ".example",
    ".onion",
    ".arpa",
)


def url_problem(url: str) -> str | None:
    """Why ``url`` is not a public http(s) address, or None if it is."""
    if not isinstance(url, str) or not url:
        return "is empty"
    if url != url.strip() or any(_is_control(ch) or ch in _BIDI or ch.isspace() for ch in url):
        return "contains whitespace or control characters"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        return f"is not a valid address ({error})"
    if parts.scheme not in ("http", "https"):
        return "is not an http(s) address"
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return "carries credentials (user:password@); sources are public pages"
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return "has no host name"
    if port == 0:
        return "names port 0"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        if not address.is_global or address.is_multicast:
            return f"points at a non-public address ({host})"
        return None
    if host == "localhost" or host.endswith(_LOCAL_SUFFIXES):
        return f"points at a local host name ({host})"
    labels = host.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.fullmatch(label) for label in labels) or labels[-1].isdigit():
        return f"has no public dotted host name ({elide(host, 40, quote=False)})"
    return None


def is_url_field(field: dict) -> bool:
    name = field.get("name", "")
    return field.get("type", "string") == "string" and (
        name == "source_url" or name.endswith("_url") or field.get("format") == "uri"
    )


# --- structure ------------------------------------------------------------


def parse(raw: bytes, display: str, field_names: list[str]) -> tuple[list[list[str]] | None, list[Problem]]:
    """Decode and parse a CSV strictly; return its records or the problems.

    Frictionless would silently strip a byte-order mark, sniff a semicolon
    delimiter, or match a header to the schema by position; these are
    reported instead, so the file is fixed rather than guessed at.
    """
    first = field_names[0]
    if not raw.strip():
        return None, [
            Problem(display, 1, first, "empty-file", f"the file is empty; expected a header row starting with '{first}'")
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [
            Problem(
                display, 1, first, "byte-order-mark", "the file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM"
            )
        ]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw.count(b"\x00") * 4 >= len(raw):
        return None, [
            Problem(
                display,
                1,
                first,
                "encoding",
                "the file looks like UTF-16 (byte-order mark or NUL bytes between letters); save it as UTF-8",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [_encoding_problem(raw, error, display, field_names)]

    bare_cr = re.search(r"\r(?!\n)", text)
    if bare_cr:
        row, column = _locate(text[: bare_cr.start()], field_names)
        return None, [
            Problem(
                display,
                row,
                column,
                "line-ending",
                "a line ends with a bare carriage return (old Mac style); save the file with LF or CRLF line endings",
            )
        ]

    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    lines_read = 0
    try:
        for record in reader:
            records.append(record)
            lines_read = reader.line_num
    except csv.Error as error:
        rest = "".join(text.splitlines(keepends=True)[lines_read:])
        position = _quote_error_column(rest)
        column = field_names[min(position, len(field_names) - 1)]
        reason = str(error)
        if "unexpected end of data" in reason:
            reason = "a quoted cell is never closed (the file ends inside quotes)"
        elif "expected after" in reason:
            reason = 'a closing quote is followed by more text; double the quote ("") inside a quoted cell'
        return None, [Problem(display, len(records) + 1, column, "quoting", reason)]

    header = records[0] if records else []
    if len(header) == 1 and len(field_names) > 1:
        for delimiter in (";", "\t", "|"):
            if delimiter in header[0]:
                return None, [
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
        Problem(display, 1, elide(label, 40, quote=False), "extra-column", f"column {elide(label, 40)} is not in the schema")
        for label in header
        if label not in field_names
    ]
    if not problems and header != field_names:
        problems.append(
            Problem(display, 1, header[0], "column-order", f"columns must be in schema order: {', '.join(field_names)}")
        )
    if len(problems) > 3 and not set(header) & set(field_names):
        problems = [
            Problem(
                display,
                1,
                first,
                "header",
                f"no header cell matches the schema (starts {elide(','.join(header), 40)}); is this the right file or encoding?",
            )
        ]
    return (None if problems else records), problems


def _locate(prefix: str, field_names: list[str]) -> tuple[int, str]:
    records = list(csv.reader(io.StringIO(prefix, newline="")))
    row = max(len(records), 1)
    cells = len(records[-1]) if records else 1
    return row, field_names[min(max(cells, 1), len(field_names)) - 1]


def _quote_error_column(record: str) -> int:
    """The 0-based cell of ``record`` where its quoting goes wrong: a quote
    that is never closed, or a closing quote followed by more text."""
    column, in_quotes, opened_at, i = 0, False, 0, 0
    while i < len(record):
        ch = record[i]
        if in_quotes:
            if ch == '"':
                if record[i + 1 : i + 2] == '"':
                    i += 1
                else:
                    in_quotes = False
                    if record[i + 1 : i + 2] not in ("", ",", "\n", "\r"):
                        return column
        elif ch == '"':
            in_quotes, opened_at = True, column
        elif ch == ",":
            column += 1
        elif ch == "\n":
            break
        i += 1
    return opened_at if in_quotes else column


def _encoding_problem(raw: bytes, error: UnicodeDecodeError, display: str, field_names: list[str]) -> Problem:
    """Locate the first byte that is not UTF-8 by row and column."""
    text = raw.decode("utf-8", errors="replace")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        rows = []
    for number, row in enumerate(rows, start=1):
        for position, cell in enumerate(row):
            if "\ufffd" in cell:
                column = field_names[position] if position < len(field_names) else None
                return Problem(
                    display, number, column, "encoding", f"byte {error.start} is not valid UTF-8; save the file as UTF-8"
                )
    return Problem(display, None, None, "encoding", f"byte {error.start} is not valid UTF-8; save the file as UTF-8")


# --- cells ----------------------------------------------------------------


def check_rows(records: list[list[str]], display: str, schema: dict) -> list[Problem]:
    """Apply the cell rules to every data record (header is ``records[0]``)."""
    fields = schema["fields"]
    keys = set(_as_list(schema.get("primaryKey")))
    for fk in schema.get("foreignKeys", []):
        keys.update(_as_list(fk.get("fields")))
    problems: list[Problem] = []
    data_rows = [r for r in records[1:] if r]
    if not data_rows and not schema.get("allowEmpty", False):
        problems.append(
            Problem(
                display,
                2,
                fields[0]["name"],
                "no-rows",
                'the table has a header but no rows; a schema that allows an empty table says "allowEmpty": true',
            )
        )
    for number, record in enumerate(records[1:], start=2):
        for field, value in zip(fields, record):
            message = _cell_problem(field, value, field["name"] in keys)
            if message:
                rule, text = message
                problems.append(Problem(display, number, field["name"], rule, text))
    return problems


def _cell_problem(field: dict, value: str, is_key: bool) -> tuple[str, str] | None:
    if value == "":
        return None
    kind = field.get("type", "string")
    constraints = field.get("constraints", {})
    for position, ch in enumerate(value, start=1):
        if _is_control(ch) or ch in _BIDI:
            what = "bidirectional-text control" if ch in _BIDI else "control character"
            return (
                "control-character",
                f"contains {what} U+{ord(ch):04X} ({_char_name(ch)}) at character {position}: {elide(value)}",
            )
    if kind == "string" and constraints.get("required") and not _visible_text(value):
        return "no-visible-text", "a required text cell holds only blank or invisible characters"
    if value != value.strip():
        where = "a key column" if is_key else "a cell"
        return "whitespace", f"{where} must not start or end with whitespace: {elide(value)}"
    if kind in ("number", "integer"):
        return _number_problem(field, value)
    if kind != "string":
        return None
    pattern = constraints.get("pattern")
    if pattern and not re.fullmatch(pattern, value):
        if re.match(pattern, value):
            return "constraint:pattern", f"{elide(value)} matches pattern {elide(pattern, 40)} only in part"
        return None  # Frictionless reports the broken pattern itself
    if "enum" not in constraints and value.lower() in PLACEHOLDERS:
        return (
            "placeholder",
            f"{elide(value)} stands for a missing value; leave the cell empty (if the column allows it) or give the value",
        )
    if is_url_field(field):
        reason = url_problem(value)
        if reason:
            return "public-url", f"the address {elide(value, 48)} {reason}"
        return None
    if _FORMULA_START.search(value):
        return "unsafe-text", f"starts like a spreadsheet formula: {elide(value, 12)}; remove the leading character"
    if _HTML_TAG.search(value):
        start = _HTML_TAG.search(value).start()
        return (
            "unsafe-text",
            f"contains HTML markup at character {start + 1}: {elide(value[start:], 16)}; tables hold plain text only",
        )
    return None


def _number_problem(field: dict, value: str) -> tuple[str, str] | None:
    kind = field["type"]
    allow_non_finite = field.get("allowNonFinite", False)
    if kind == "number" and value.lower() in _NON_FINITE_WORDS:
        if allow_non_finite:
            return None
        return "non-finite", f"{elide(value)} is not a finite number (the schema does not allow NaN or infinity here)"
    grammar = _INTEGER if kind == "integer" else _NUMBER
    if not grammar.fullmatch(value):
        try:
            (int if kind == "integer" else float)(value)
        except ValueError:
            return None  # not a number in any spelling: Frictionless reports the type error
        return (
            "number-format",
            f"{elide(value)} is not a plain {kind}: use ASCII digits 0-9, an optional leading minus{' and a decimal point' if kind == 'number' else ''}, no separators",
        )
    if kind == "number" and not math.isfinite(float(value)) and not allow_non_finite:
        return "non-finite", f"{elide(value)} is too large to be a finite number"
    return None


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)
