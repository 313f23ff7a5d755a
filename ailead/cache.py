"""A disk cache for the book's heaviest pure computations.

The same numbers are computed by the book build, by nbval's re-execution of
every notebook and by the tests, each in its own process. Results are stored
under ``_build/.ailead_cache`` keyed on the function, its arguments and a
digest of everything the result can depend on: the bytes of every file in the
data folder and of every source file of the ``ailead`` package. Any edit to
either computes afresh, so a cached value is always the value the current code
and data would give (the functions cached are deterministic: seeded draws).

``AILEAD_CACHE=0`` turns the cache off; ``make clean`` empties it.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CACHE_DIR = PACKAGE_DIR.parent / "_build" / ".ailead_cache"
#: Set to "0" (or "") to compute everything afresh.
CACHE_ENV = "AILEAD_CACHE"
#: Bumped when the stored format changes.
FORMAT = 1


def enabled() -> bool:
    return os.environ.get(CACHE_ENV, "1") not in ("", "0")


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the package's source files (names and bytes)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".yaml", ".json"} and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(PACKAGE_DIR)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _project_data() -> bool:
    from . import data

    return data.data_dir() == data.PROJECT_DATA_DIR


def data_digest(folder: Path | None = None) -> str:
    """A digest of every file's name and bytes in the data folder (read each
    call: tests point the loader at other folders)."""
    from . import data

    folder = data.data_dir() if folder is None else folder
    digest = hashlib.sha256(str(folder.resolve()).encode())
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def inputs_key() -> str:
    """What every cached value depends on: today's code and data."""
    return hashlib.sha256(repr((FORMAT, code_digest(), data_digest())).encode()).hexdigest()[:16]


def path_of(name: str, *parts) -> Path:
    """Where ``name`` called with ``parts`` on today's code and data is stored."""
    arguments = hashlib.sha256(repr((name, parts)).encode()).hexdigest()[:16]
    return CACHE_DIR / f"{name}-{inputs_key()}-{arguments}.pickle"


def fetch(name: str, compute: Callable[[], object], *parts):
    """``compute()``, or its stored result for the same name, parts, code and data.

    Written atomically (a temporary file, then a rename), so two processes
    computing the same value at once never leave a half-written file. Values
    of ``name`` stored for other code or data are removed then, so the folder
    holds one generation per function.
    """
    if not enabled() or not _project_data():
        # Copies of the data (tests, tools/data_update.py) are computed afresh:
        # storing them would evict the project's own values.
        return compute()
    path = path_of(name, *parts)
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass  # absent or unreadable: compute it
    value = compute()
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        for stale in CACHE_DIR.glob(f"{name}-*.pickle"):
            if not stale.name.startswith(f"{name}-{inputs_key()}-"):
                stale.unlink(missing_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only checkout still computes correctly
    return value


def disk_cached(function: Callable) -> Callable:
    """Decorate a deterministic function of hashable arguments with :func:`fetch`."""
    name = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        hash((args, tuple(kwargs.items())))  # only hashable values: their repr is a faithful key
        return fetch(name, lambda: function(*args, **kwargs), args, tuple(sorted(kwargs.items())))

    return wrapper
