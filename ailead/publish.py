"""What a reader needs to cite and archive the book: its version, its data date
and a citation, each computed from one source.

* the version is ``project.version`` in ``pyproject.toml`` (nothing else
  states it; ``CITATION.cff`` must match it, which a test checks);
* the data date is the latest ``release_date`` in the frontier-models table
  (the capability data; each chapter states the latest date of the tables it
  reads as its own "data as of");
* the citation (plain text and BibTeX) is generated from ``CITATION.cff``.
"""

from __future__ import annotations

import csv
import re
import tomllib
from functools import lru_cache
from pathlib import Path

import yaml

from . import data as _data

REPO_DIR = Path(__file__).resolve().parent.parent
PYPROJECT = REPO_DIR / "pyproject.toml"
CITATION = REPO_DIR / "CITATION.cff"
#: Where the PDF of the whole book lands, relative to the HTML output folder.
PDF_NAME = "book.pdf"
#: The table whose latest release date is the book's data date.
DATA_DATE_TABLE = "frontier_models"
DATA_DATE_COLUMN = "release_date"

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def version(pyproject: Path = PYPROJECT) -> str:
    """The book's version, read from ``pyproject.toml``."""
    with pyproject.open("rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def data_date(table: Path | None = None) -> str:
    """The latest release date (ISO day) in the frontier-models table.

    Raises ``ValueError`` naming the file, row and column of a value that is
    not an ISO day, and when the table has no dates at all.
    """
    if table is None:
        table = _data.data_dir() / _data.resource_descriptor(DATA_DATE_TABLE)["path"]
    latest = None
    with Path(table).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if DATA_DATE_COLUMN not in (reader.fieldnames or []):
            raise ValueError(f"{table}: no column {DATA_DATE_COLUMN!r}")
        for row_number, row in enumerate(reader, start=2):
            value = (row[DATA_DATE_COLUMN] or "").strip()
            if not _ISO_DAY.match(value):
                raise ValueError(f"{table}, row {row_number}, column {DATA_DATE_COLUMN}: {value!r} is not a YYYY-MM-DD date")
            latest = value if latest is None or value > latest else latest
    if latest is None:
        raise ValueError(f"{table}: no rows, so no data date")
    return latest


@lru_cache(maxsize=4)
def _citation_file(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def citation(path: Path = CITATION) -> dict:
    """The fields of ``CITATION.cff``, with the version from ``pyproject.toml``."""
    meta = dict(_citation_file(str(path)))
    meta["version"] = version()
    return meta


def _author_names(meta: dict) -> list[str]:
    names = []
    for author in meta.get("authors") or []:
        if "name" in author:
            names.append(author["name"])
        else:
            names.append(" ".join(p for p in (author.get("given-names"), author.get("family-names")) if p))
    return names


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", str(text))


def bibtex(meta: dict | None = None, date: str | None = None) -> str:
    """A BibTeX entry for the book: CITATION.cff's fields, the version and the data date."""
    meta = meta or citation()
    date = date or data_date()
    names = _author_names(meta)
    # Organisations ("name:") are braced so BibTeX does not split them.
    authors = " and ".join(f"{{{_bibtex_escape(n)}}}" for n in names)
    year = date[:4]
    key = "ailead" + year
    fields = [
        ("author", authors),
        ("title", f"{{{_bibtex_escape(meta['title'])}}}"),
        ("year", year),
        ("version", _bibtex_escape(meta["version"])),
        ("note", f"Capability data to {date}; licence {_bibtex_escape(meta.get('license', ''))}"),
    ]
    if meta.get("url") or meta.get("repository-code"):
        fields.append(("url", meta.get("url") or meta.get("repository-code")))
    body = ",\n".join(f"  {name:<8} = {{{value}}}" for name, value in fields)
    return f"@software{{{key},\n{body}\n}}\n"


def plain_citation(meta: dict | None = None, date: str | None = None) -> str:
    """The citation as one sentence, for readers who do not use BibTeX."""
    meta = meta or citation()
    date = date or data_date()
    authors = ", ".join(_author_names(meta))
    return f"{authors} ({date[:4]}). {meta['title']}. Version {meta['version']}, capability data to {date}."


def has_data_table() -> bool:
    """Whether the data folder describes the table the data date comes from
    (a small test book's fixture data may not)."""
    return any(r.get("name") == DATA_DATE_TABLE for r in _data.package()["resources"])


def footer_note(date: str | None = None) -> str:
    """The line the book's footer and the PDF carry.

    Without the frontier-models table in the data folder there is no data
    date, and the note gives the version alone.
    """
    if date is None and not has_data_table():
        return f"Version {version()}."
    return f"Version {version()}, capability data to {date or data_date()}."
