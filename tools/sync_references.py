"""Bring references.bib's titles and publishers in line with data/sources.csv.

    python tools/sync_references.py          rewrite references.bib in place
    python tools/sync_references.py --check  exit 1 if anything would change

For every entry, ``title`` becomes the registry's title of the entry's ``url``
and ``howpublished`` the registry's publisher; a copy is named by the
original's publisher and says it was read through a copy (the same words
as the reader tables' Source column, :func:`ailead.wording.publisher_label`).
Other fields are left as they are. ``tests/test_references.py`` checks the
result against the registry.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ailead.wording import publisher_label  # noqa: E402

BIB = ROOT / "references.bib"
REGISTRY = ROOT / "data" / "sources.csv"
#: Characters BibTeX (LaTeX) treats as markup, escaped with a backslash.
SPECIAL = re.compile(r"([$&%#_])")
ENTRY = re.compile(r"^@(\w+)\{([^,\s]+),\n(.*?)^\}", flags=re.M | re.S)


def escape(text: str) -> str:
    return SPECIAL.sub(r"\\\1", text)


def unescape(text: str) -> str:
    """A BibTeX field value as plain text: case-protecting braces and escapes removed."""
    return re.sub(r"\\([$&%#_])", r"\1", text.replace("{", "").replace("}", ""))


def registry() -> dict[str, dict]:
    with REGISTRY.open(encoding="utf-8", newline="") as handle:
        return {row["url"]: row for row in csv.DictReader(handle)}


def expected_fields(row: dict) -> dict[str, str]:
    """The bib fields an entry citing registry ``row`` must carry, as plain text."""
    return {"title": row["title"], "howpublished": publisher_label(row["publisher"], row["kind"], row["original_publisher"])}


def _set_field(body: str, name: str, value: str) -> str:
    line = re.compile(rf"^(\s*){name}(\s*)=\s*\{{.*\}}(,?)\s*$", flags=re.M)
    braced = "{{" + escape(value) + "}}"
    if line.search(body):
        return line.sub(lambda m: f"{m.group(1)}{name}{m.group(2)}= {braced}{m.group(3)}", body, count=1)
    # A missing field goes first, where its comma cannot be the entry's last.
    return f"  {name} = {braced},\n" + body


def sync(text: str, rows: dict[str, dict]) -> str:
    def fix(match: re.Match) -> str:
        body = match.group(3)
        url = re.search(r"^\s*url\s*=\s*\{([^}]*)\}", body, flags=re.M)
        if url is None:
            raise ValueError(f"references.bib: entry {match.group(2)} has no url")
        if url.group(1) not in rows:
            raise ValueError(f"references.bib: entry {match.group(2)} cites {url.group(1)}, which data/sources.csv lacks")
        for name, value in expected_fields(rows[url.group(1)]).items():
            body = _set_field(body, name, value)
        return f"@{match.group(1)}{{{match.group(2)},\n{body}}}"

    return ENTRY.sub(fix, text)


def main(argv: list[str]) -> int:
    text = BIB.read_text(encoding="utf-8")
    new = sync(text, registry())
    if "--check" in argv:
        if new != text:
            print("references.bib differs from data/sources.csv; run tools/sync_references.py", file=sys.stderr)
            return 1
        return 0
    BIB.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
