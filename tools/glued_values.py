"""Print every glued value stored in the executed chapter notebooks, as JSON.

    python tools/glued_values.py > before.json

Used to compare the book's numbers before and after a change that should
move none (``tools/glued_values.py --compare before.json``).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
GLUE_PREFIX = "application/papermill.record/"


def glued(path: Path) -> dict:
    values = {}
    for cell in nbformat.read(path, as_version=4).cells:
        for output in cell.get("outputs", []):
            for mime, payload in output.get("data", {}).items():
                if not mime.startswith(GLUE_PREFIX):
                    continue
                key = output.get("metadata", {}).get("scrapbook", {}).get("name")
                kind = mime[len(GLUE_PREFIX) :]
                if kind == "text/plain":
                    values[key] = payload
                else:  # a chart or table: compare a digest of its exact content
                    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False)
                    values[key] = f"<{kind} {hashlib.sha256(canonical.encode()).hexdigest()[:16]}>"
    return values


def collect() -> dict:
    return {p.name: glued(p) for p in sorted((ROOT / "chapters").glob("*.ipynb"))}


def main(argv: list[str]) -> int:
    current = collect()
    if len(argv) == 3 and argv[1] == "--compare":
        before = json.loads(Path(argv[2]).read_text())
        changed = 0
        for book_page in sorted(set(before) | set(current)):
            old, new = before.get(book_page, {}), current.get(book_page, {})
            for key in sorted(set(old) | set(new)):
                if old.get(key) != new.get(key):
                    changed += 1
                    print(f"{book_page}::{key}: {old.get(key)!r} -> {new.get(key)!r}")
        print(f"{changed} glued value(s) differ")
        return 1 if changed else 0
    json.dump(current, sys.stdout, indent=1, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
