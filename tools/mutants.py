"""Seeded single-operator mutation testing of the analysis modules.

    python tools/mutants.py [--sample N] [--seed S] [--jobs J] [paths ...]

Each mutant changes one comparison or arithmetic operator (``<`` <-> ``<=``,
``>`` <-> ``>=``, ``==`` <-> ``!=``, ``+`` <-> ``-``, ``*`` <-> ``/``) in one
analysis module, in a copy of the repository, and runs the unit tests
(``make unit``'s pytest selection) against it. A mutant is *caught* when the
tests fail (or time out). Prints each mutant and the share caught; writes
``_build/mutants.json``. The sample is drawn with a fixed seed, so a rerun
tries the same mutants.
"""

from __future__ import annotations

import argparse
import ast
import json
import random
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The analysis modules: numbers and frames, no wording or layout.
DEFAULT_TARGETS = [
    "ailead/gap.py",
    "ailead/controls",
    "ailead/distillation",
    "ailead/scenarios",
    "ailead/claims",
]
SWAPS = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
}
SYMBOL = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
}
# The golden values and prose checks come first: they catch most mutants
# within seconds, so only survivors pay for the whole suite.
UNIT_TESTS = [
    sys.executable,
    "-m",
    "pytest",
    "tests/test_chapters.py",
    "tests",
    "-m",
    "not slow",
    "-x",
    "-q",
    "--ignore=tests/test_built_html.py",
    "-p",
    "no:cacheprovider",
]


def sources(targets: list[str]) -> list[Path]:
    files = []
    for target in targets:
        path = ROOT / target
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.py"))
        elif path.is_file():
            files.append(path)
    return files


def sites(path: Path) -> list[tuple[int, int, str]]:
    """(line, column, operator) of every mutable operator outside docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for op in node.ops:
                if type(op) in SWAPS:
                    found.append((node.lineno, node.col_offset, type(op).__name__))
        elif isinstance(node, ast.BinOp) and type(node.op) in SWAPS:
            found.append((node.lineno, node.col_offset, type(node.op).__name__))
    return found


class _Mutate(ast.NodeTransformer):
    def __init__(self, line: int, col: int, op: str):
        self.target, self.done = (line, col, op), False

    def _hit(self, node, op) -> bool:
        return not self.done and (node.lineno, node.col_offset, type(op).__name__) == self.target

    def visit_Compare(self, node):
        self.generic_visit(node)
        for i, op in enumerate(node.ops):
            if self._hit(node, op):
                node.ops[i] = SWAPS[type(op)]()
                self.done = True
        return node

    def visit_BinOp(self, node):
        self.generic_visit(node)
        if self._hit(node, node.op):
            node.op = SWAPS[type(node.op)]()
            self.done = True
        return node


def mutated_source(path: Path, line: int, col: int, op: str) -> str:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    mutator = _Mutate(line, col, op)
    tree = mutator.visit(tree)
    if not mutator.done:
        raise RuntimeError(f"no operator {op} at {path}:{line}:{col}")
    return ast.unparse(ast.fix_missing_locations(tree))


def run_one(mutant: dict, timeout: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="mutant-") as tmp:
        copy = Path(tmp) / "repo"
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", "_build", ".git", "__pycache__", "*.egg-info"))
        target = copy / mutant["file"]
        target.write_text(mutated_source(ROOT / mutant["file"], mutant["line"], mutant["col"], mutant["op"]), encoding="utf-8")
        env = {"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin", "HOME": tmp, "PYTHONDONTWRITEBYTECODE": "1"}
        try:
            result = subprocess.run(UNIT_TESTS, cwd=copy, env=env, capture_output=True, text=True, timeout=timeout)
            caught = result.returncode != 0
            how = "tests failed" if caught else "survived"
        except subprocess.TimeoutExpired:
            caught, how = True, "timed out"
    return {**mutant, "caught": caught, "how": how}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=DEFAULT_TARGETS)
    parser.add_argument("--sample", type=int, default=60)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args(argv[1:])
    every = [
        {"file": str(path.relative_to(ROOT)), "line": line, "col": col, "op": op}
        for path in sources(args.paths)
        for line, col, op in sites(path)
    ]
    chosen = random.Random(args.seed).sample(every, min(args.sample, len(every)))
    print(f"{len(every)} mutable operators; trying {len(chosen)} (seed {args.seed})", flush=True)
    results = []
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(run_one, m, args.timeout) for m in chosen]
        for future in as_completed(futures):
            r = future.result()
            results.append(r)
            swapped = SYMBOL[SWAPS[getattr(ast, r["op"])]]
            state = "caught  " if r["caught"] else "SURVIVED"
            print(f"{state} {r['file']}:{r['line']} {SYMBOL[getattr(ast, r['op'])]} -> {swapped} ({r['how']})", flush=True)
    caught = sum(r["caught"] for r in results)
    print(f"caught {caught} of {len(results)} mutants ({100 * caught / max(len(results), 1):.0f}%)")
    out = ROOT / "_build" / "mutants.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"operators": len(every), "results": results}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
