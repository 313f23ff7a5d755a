"""Re-execute chapter notebooks in place, with outputs that are stable to review.

    python tools/refresh_notebooks.py [chapters/01_gap_today.ipynb ...]

For each notebook (default: ``intro.ipynb`` and every ``chapters/*.ipynb``):

1. ``jupytext --sync`` brings in edits made to its MyST Markdown pair
   (``chapters/*.md``), whichever of the two is newer;
2. the notebook is executed with nbclient without timing records, so no
   execution timestamps are stored and an unchanged chapter gives an
   unchanged file;
3. the Markdown pair is written again from the executed notebook.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
#: Cell metadata that records when a cell ran; never stored.
VOLATILE_CELL_METADATA = ("execution",)


def sync(path: Path) -> None:
    subprocess.run([sys.executable, "-m", "jupytext", "--sync", "--quiet", str(path)], check=True, cwd=ROOT)


def execute(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=600, kernel_name="python3", record_timing=False, resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    for cell in notebook.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
    nbformat.write(notebook, path)


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv[1:]] or [ROOT / "intro.ipynb", *sorted((ROOT / "chapters").glob("*.ipynb"))]
    for path in paths:
        print(f"refreshing {path.relative_to(ROOT)}", flush=True)
        sync(path)
        execute(path)
        sync(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
