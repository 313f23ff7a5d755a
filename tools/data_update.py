"""Re-derive data/frontier_models.csv from an Epoch AI export, validated first.

    python tools/data_update.py path/to/epoch_capabilities_index.csv   (make data-update ECI=...)

1. The export is curated with :mod:`ailead.curate_eci` (the book's de-duplication rules).
2. The result is written into a temporary copy of ``data/`` and the whole copy is
   validated (every table, foreign keys included) by a fresh Python process that
   points :mod:`ailead.data` at it through ``AILEAD_DATA_DIR``; the same process
   computes every chapter's glued values on the copy.
3. A report is printed: models added, removed and re-scored (by name), the new data
   end date, and every glued value that changes against ``tests/golden`` (old -> new).
4. Only if validation and every chapter succeed is ``data/frontier_models.csv``
   replaced (atomically). On any failure ``data/`` is left exactly as it was and the
   exit status is 1. ``--dry-run`` reports without replacing anything.

After an update, review the report, then run ``make golden`` and ``make refresh``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ailead import curate_eci  # noqa: E402
from ailead.chapters import golden  # noqa: E402

TABLE = "frontier_models.csv"
#: Score changes below this (ECI points) are rounding, not a re-score.
RESCORE_TOLERANCE = 1e-6

#: Run in the child process: validate the copy, then compute every chapter.
_CHILD = """
import json, sys, traceback
from ailead import data
from ailead.chapters import CHAPTERS, golden
out = {"valid": True, "error": None, "chapters": {}, "failed": {}}
try:
    for resource in data.package()["resources"]:
        data.validate(resource["name"])
except Exception as error:
    out["valid"] = False
    out["error"] = f"{type(error).__name__}: {error}"
else:
    for chapter in CHAPTERS:
        try:
            out["chapters"][chapter] = golden.current(chapter)
        except Exception as error:
            out["failed"][chapter] = f"{type(error).__name__}: {error}"
json.dump(out, sys.stdout)
"""


class UpdateError(RuntimeError):
    """The export could not be turned into a valid table; data/ is untouched."""


def read_export(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise UpdateError(f"{path}: no such export file")
    try:
        export = pd.read_csv(path)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as error:
        raise UpdateError(f"{path}: cannot be read as CSV ({error})") from error
    needed = {
        "Model name",
        "ECI Score",
        "Release date",
        "Organization",
        "Country",
        "Model accessibility",
        "Training compute (FLOP)",
        "Confidence",
    }
    missing = sorted(needed - set(export.columns))
    if missing:
        raise UpdateError(f"{path}: the export lacks column(s) {', '.join(missing)}")
    return export


def curate(path: Path) -> str:
    try:
        return curate_eci.to_csv(curate_eci.curate(read_export(path)))
    except UpdateError:
        raise
    except (ValueError, KeyError, TypeError) as error:
        raise UpdateError(f"{path}: curation failed ({type(error).__name__}: {error})") from error


def check_copy(data_dir: Path, new_table: str) -> dict:
    """Validate a copy of ``data_dir`` holding ``new_table`` and compute every chapter on it."""
    with tempfile.TemporaryDirectory(prefix="ailead-data-update-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy)
        (copy / TABLE).write_text(new_table, encoding="utf-8")
        env = {**os.environ, "AILEAD_DATA_DIR": str(copy)}
        result = subprocess.run([sys.executable, "-c", _CHILD], cwd=ROOT, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise UpdateError(f"checking the new table crashed:\n{result.stderr.strip()}")
        return json.loads(result.stdout)


def model_changes(old: pd.DataFrame, new: pd.DataFrame) -> dict:
    """Models added, removed and re-scored (by name), sorted by name."""
    old_scores = old.set_index("model")["eci_score"]
    new_scores = new.set_index("model")["eci_score"]
    both = old_scores.index.intersection(new_scores.index)
    moved = (new_scores[both] - old_scores[both]).abs() > RESCORE_TOLERANCE
    return {
        "added": sorted(new_scores.index.difference(old_scores.index)),
        "removed": sorted(old_scores.index.difference(new_scores.index)),
        "rescored": [(name, float(old_scores[name]), float(new_scores[name])) for name in sorted(both[moved.to_numpy()])],
    }


def glued_changes(chapters: dict, golden_dir: Path) -> dict[str, list[str]]:
    """Per chapter, every glued value that moves against the reviewed record."""
    out = {}
    for chapter, values in chapters.items():
        reviewed = golden_dir / f"{chapter}.json"
        expected = json.loads(reviewed.read_text(encoding="utf-8")) if reviewed.exists() else {}
        out[chapter] = golden.differences(expected, values)
    return out


def report(changes: dict, old_end, new_end, glued: dict[str, list[str]]) -> str:
    lines = [f"Models added ({len(changes['added'])}):"]
    lines += [f"  + {name}" for name in changes["added"]] or ["  (none)"]
    lines.append(f"Models removed ({len(changes['removed'])}):")
    lines += [f"  - {name}" for name in changes["removed"]] or ["  (none)"]
    lines.append(f"Models re-scored ({len(changes['rescored'])}):")
    lines += [f"  ~ {name}: {old:g} -> {new:g}" for name, old, new in changes["rescored"]] or ["  (none)"]
    lines.append(f"Data end date (latest release): {old_end:%Y-%m-%d} -> {new_end:%Y-%m-%d}")
    moved = sum(len(v) for v in glued.values())
    lines.append(f"Glued values that change ({moved}):")
    for chapter, diffs in glued.items():
        lines += [f"  {chapter}: {d}" for d in diffs]
    if not moved:
        lines.append("  (none)")
    return "\n".join(lines)


def update(export: Path, data_dir: Path, golden_dir: Path, *, dry_run: bool = False) -> str:
    """Do the whole update; returns the report. Raises :class:`UpdateError`,
    leaving ``data_dir`` untouched, when anything fails."""
    new_table = curate(export)
    checked = check_copy(data_dir, new_table)
    if not checked["valid"]:
        raise UpdateError(f"the re-derived {TABLE} fails validation; data/ is unchanged:\n{checked['error']}")
    if checked["failed"]:
        listed = "\n".join(f"  {c}: {e}" for c, e in checked["failed"].items())
        raise UpdateError(f"the re-derived {TABLE} is valid, but chapters fail on it; data/ is unchanged:\n{listed}")
    old = pd.read_csv(data_dir / TABLE)
    new = pd.read_csv(pd.io.common.StringIO(new_table))
    text = report(
        model_changes(old, new),
        pd.Timestamp(old["release_date"].max()),
        pd.Timestamp(new["release_date"].max()),
        glued_changes(checked["chapters"], golden_dir),
    )
    if not dry_run:
        staged = data_dir / f".{TABLE}.new"
        staged.write_text(new_table, encoding="utf-8")
        os.replace(staged, data_dir / TABLE)
        text += f"\nWrote {data_dir / TABLE}. Review, then run `make golden` and `make refresh`."
    else:
        text += "\nDry run: nothing written."
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", type=Path, help="Epoch AI Capabilities Index export (CSV)")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    parser.add_argument("--golden-dir", type=Path, default=golden.GOLDEN_DIR)
    parser.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    args = parser.parse_args(argv)
    try:
        print(update(args.export, args.data_dir, args.golden_dir, dry_run=args.dry_run))
    except UpdateError as error:
        print(f"data-update failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
