"""The reviewed record of every chapter's glued values (``tests/golden/``).

``python -m ailead.chapters.golden`` rewrites the files from the current data
and code (``make golden``); ``tests/test_chapters.py`` compares them, with
tolerances, in ``make unit``. A changed headline number is then a one-line
diff a reviewer can read.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from . import CHAPTERS, load

#: Pages besides each chapter's ``page()``: name -> (chapter, function). They
#: are heavy, so their record is compared in the slow tests only.
EXTRA_PAGES = {"ch04_evaluation": ("ch04", "evaluation_page")}

GOLDEN_DIR = Path(__file__).resolve().parents[2] / "tests" / "golden"
#: Relative tolerance: far below any digit the prose prints, above CPU noise.
REL_TOL = 1e-9
ABS_TOL = 1e-12


def _jsonable(value):
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    return value


def page_of(name: str):
    """The :class:`~ailead.chapters.Page` a golden file records (a chapter or an extra page)."""
    if name in EXTRA_PAGES:
        chapter, function = EXTRA_PAGES[name]
        return getattr(load(chapter), function)()
    return load(name).page()


def current(chapter: str) -> dict:
    return {key: _jsonable(value) for key, value in sorted(page_of(chapter).plain_values().items())}


def path(chapter: str) -> Path:
    return GOLDEN_DIR / f"{chapter}.json"


def write(chapter: str) -> Path:
    target = path(chapter)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(current(chapter), indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return target


def differences(expected: dict, actual: dict) -> list[str]:
    """Every key whose value moved beyond the tolerances, or that appeared or vanished."""
    out = []
    for key in sorted(set(expected) | set(actual)):
        if key not in actual:
            out.append(f"{key}: missing now (was {expected[key]!r})")
        elif key not in expected:
            out.append(f"{key}: new value {actual[key]!r}")
        else:
            old, new = expected[key], actual[key]
            numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (old, new))
            same = math.isclose(old, new, rel_tol=REL_TOL, abs_tol=ABS_TOL) if numbers else old == new
            if not same:
                out.append(f"{key}: {old!r} -> {new!r}")
    return out


def main(argv: list[str]) -> int:
    chapters = argv[1:] or [*CHAPTERS, *EXTRA_PAGES]
    for chapter in chapters:
        print(f"wrote {write(chapter)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
