"""`make data-update ECI=...` (tools/data_update.py) on fixture exports: the
report, and a failed validation leaving data/ untouched (issue 15, item 6)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES, REPO

TOOL = REPO / "tools" / "data_update.py"
EXPORTS = FIXTURES / "eci"


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def data_copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder)
    return folder


def run(*args):
    return subprocess.run([sys.executable, str(TOOL), *map(str, args)], capture_output=True, text=True, cwd=REPO)


def test_a_failed_validation_names_the_problem_and_leaves_data_untouched(data_copy):
    before = _digest(data_copy)
    result = run(EXPORTS / "export_bad.csv", "--data-dir", data_copy)
    assert result.returncode == 1
    assert "fails validation; data/ is unchanged" in result.stderr
    assert "frontier_models.csv, row " in result.stderr
    assert "'accessibility'" in result.stderr and "Leaked weights" in result.stderr
    assert _digest(data_copy) == before
    assert not list(data_copy.glob(".*"))


@pytest.mark.slow
def test_an_export_without_the_needed_columns_is_refused(data_copy, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text("Model name,ECI Score\nM,100\n", encoding="utf-8")
    before = _digest(data_copy)
    result = run(export, "--data-dir", data_copy)
    assert result.returncode == 1
    assert "lacks column(s)" in result.stderr and "Release date" in result.stderr
    assert _digest(data_copy) == before
    assert run(tmp_path / "absent.csv", "--data-dir", data_copy).returncode == 1


@pytest.mark.slow
def test_a_valid_export_is_reported_and_written(data_copy, tmp_path):
    golden = tmp_path / "golden"
    shutil.copytree(REPO / "tests" / "golden", golden)
    old_table = (data_copy / "frontier_models.csv").read_text(encoding="utf-8")
    others = {k: v for k, v in _digest(data_copy).items() if k != "frontier_models.csv"}

    dry = run(EXPORTS / "export.csv", "--data-dir", data_copy, "--golden-dir", golden, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert (data_copy / "frontier_models.csv").read_text(encoding="utf-8") == old_table

    result = run(EXPORTS / "export.csv", "--data-dir", data_copy, "--golden-dir", golden)
    assert result.returncode == 0, result.stderr
    report = result.stdout
    # The fixture drops LLaMA-13B, re-scores LLaMA-33B and adds one model dated 2026-05-01.
    assert "Models added (1):\n  + Fixture Model X\n" in report
    assert "Models removed (1):\n  - LLaMA-13B\n" in report
    assert "Models re-scored (1):\n  ~ LLaMA-33B: 107.412 -> 108.5\n" in report
    assert "Data end date (latest release): 2026-04-16 -> 2026-05-01" in report
    assert "  ch01: data_end: '16 April 2026' -> '1 May 2026'" in report
    new_table = (data_copy / "frontier_models.csv").read_text(encoding="utf-8")
    assert "Fixture Model X" in new_table and "LLaMA-13B," not in new_table
    assert {k: v for k, v in _digest(data_copy).items() if k != "frontier_models.csv"} == others
