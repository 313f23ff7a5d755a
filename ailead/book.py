"""Sphinx extension for the book (listed in ``_config.yml``).

* Keys MyST-NB's execution cache on the content of ``data/`` and of this
  package. The cache hashes only a notebook's own code cells, so without this
  an edited CSV or analysis function would leave stale numbers in the book.
* Serves Vega, Vega-Lite and vega-embed from the book's own ``_static``
  folder (bundled by vl-convert), so charts render offline and no reader's
  visit is reported to a CDN.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from sphinx.application import Sphinx

from . import data as _data

PACKAGE_DIR = Path(__file__).resolve().parent
STATIC_DIR = PACKAGE_DIR / "static"
BUNDLE_NAME = "vega-bundle.js"


def inputs_digest(paths: list[Path] | None = None) -> str:
    """A hash of every file the notebooks read through ``ailead``.

    Covers the data folder (CSVs and ``datapackage.json``) and the package's
    Python sources; names and bytes both count, so adding, removing or
    editing any of them changes the digest.
    """
    roots = paths or [_data.data_dir(), PACKAGE_DIR]
    digest = hashlib.sha256()
    for root in roots:
        files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for path in files:
            if path.suffix not in {".csv", ".json", ".py", ".yaml"}:
                continue
            digest.update(str(path.relative_to(root)).encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()[:16]


def _key_execution_cache(app: Sphinx, config) -> None:
    base = Path(app.outdir).parent / ".jupyter_cache"
    key = inputs_digest()
    keyed = base / key
    # Old keys can never be hit again; drop them so the cache does not grow.
    if base.is_dir():
        for stale in base.iterdir():
            if stale.is_dir() and stale.name != key and len(stale.name) == 16:
                shutil.rmtree(stale, ignore_errors=True)
    config.nb_execution_cache_path = str(keyed)


def vega_bundle(cache_dir: Path) -> Path:
    """Write (once per vl-convert version) the Vega bundle and return its path.

    vl-convert's bundle declares top-level names such as ``_`` that collide
    with Sphinx's own globals when loaded as a classic script, so it is
    wrapped in a function scope; it still assigns ``window.vegaEmbed``.
    """
    import vl_convert

    version = getattr(vl_convert, "__version__", "unknown")
    folder = cache_dir / f"vega-{version}"
    target = folder / BUNDLE_NAME
    if not target.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        body = vl_convert.javascript_bundle()
        partial = target.with_suffix(".tmp")
        partial.write_text(f"(function () {{\n{body}\n}})();\n", encoding="utf-8")
        partial.replace(target)
    return folder


def _add_static(app: Sphinx, config) -> None:
    bundle_folder = vega_bundle(Path(app.outdir).parent / ".ailead_static")
    config.html_static_path = list(config.html_static_path) + [str(STATIC_DIR), str(bundle_folder)]


def _drop_thebe(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Remove sphinx-thebe's scripts and stylesheet from every page.

    Jupyter Book always loads sphinx-thebe, which declares ``THEBE_JS_URL``
    twice (a console error on every page) and points at a CDN. The book has
    no live-code buttons, so nothing of it is needed.
    """

    def is_thebe(asset) -> bool:
        filename = str(getattr(asset, "filename", "") or "")
        body = str(getattr(asset, "attributes", {}).get("body", ""))
        return "thebe" in filename or "THEBE_JS_URL" in body

    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if not is_thebe(asset)]


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _key_execution_cache)
    app.connect("config-inited", _add_static)
    app.add_js_file(BUNDLE_NAME)
    app.add_js_file("ailead-charts.js")
    app.add_css_file("ailead.css")
    app.connect("html-page-context", _drop_thebe)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
