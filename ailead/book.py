"""Sphinx extension for the book (listed in ``_config.yml``).

* Keys MyST-NB's execution cache on the content of ``data/`` and of this
  package. The cache hashes only a notebook's own code cells, so without this
  an edited CSV or analysis function would leave stale numbers in the book.
* Serves Vega, Vega-Lite and vega-embed from the book's own ``_static``
  folder (bundled by vl-convert), so charts render offline and no reader's
  visit is reported to a CDN.
* Keeps incremental builds equal to clean ones. Sphinx copies static files
  only when some page is out of date, and never deletes an image or a
  download that no page uses any more. So a change to any file in
  ``html_static_path`` marks every page out of date (each page links the
  stylesheets and scripts with a checksum), and after each HTML build the
  files in ``_images``, ``_downloads`` and ``jupyter_execute/ailead-charts``
  that no page references are removed.
* Registers the data page's directives (:mod:`ailead.catalog`), which render
  descriptor metadata as plain text, never as MyST or HTML.
* Adds the version (``pyproject.toml``) and the data date (latest release in
  the frontier-models table) to the footer, and registers the
  ``ailead-citation`` directive: a "How to cite" block with BibTeX generated
  from ``CITATION.cff`` and a link to the PDF (:mod:`ailead.publish`).
* For the PDF (``AILEAD_PDF=1``, see ``tools/build_pdf.sh``): reuses the HTML
  build's execution cache and adds ``ailead-pdf.css``, which prints the static
  SVG of each chart instead of the interactive one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
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


#: Set (to anything but "" or "0") by the PDF build.
PDF_ENV = "AILEAD_PDF"
#: The PDF build reads the HTML build's execution cache from this folder.
CACHE_ENV = "AILEAD_EXECUTION_CACHE"


#: ``stored`` builds from the outputs stored in the notebooks instead of
#: executing them. ``make test`` uses it: nbval then executes every notebook
#: and fails unless each stored output equals the fresh one, so the book built
#: is the book a fresh execution would give, for one execution instead of two.
EXECUTE_ENV = "AILEAD_EXECUTE"


def _stored_outputs_mode(app: Sphinx, config) -> None:
    mode = os.environ.get(EXECUTE_ENV, "")
    if mode == "stored":
        config.nb_execution_mode = "off"
    elif mode:
        raise ValueError(f"{EXECUTE_ENV}={mode!r}: the only setting is 'stored' (or leave it unset to execute)")


def pdf_mode() -> bool:
    return os.environ.get(PDF_ENV, "") not in ("", "0")


def _key_execution_cache(app: Sphinx, config) -> None:
    base = Path(os.environ.get(CACHE_ENV) or Path(app.outdir).parent / ".jupyter_cache")
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


def _add_footer(app: Sphinx, config) -> None:
    """Version and data date after the licence line of every page's footer."""
    from . import publish

    options = dict(config.html_theme_options or {})
    base = str(options.get("extra_footer") or "").strip()
    note = publish.footer_note()
    options["extra_footer"] = f"{base} {note}".strip() if base else note
    config.html_theme_options = options


def _pdf_colophon(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """In the PDF build, open the book with its version, data date and licence.

    The single-page template has no footer, so the line the HTML footer
    carries goes at the top of the first page instead.
    """
    if not pdf_mode() or app.builder.name != "singlehtml" or "body" not in context:
        return
    import html

    footer = str((app.config.html_theme_options or {}).get("extra_footer", ""))
    context["body"] = f'<p class="ailead-colophon">{html.escape(footer)}</p>\n' + context["body"]


class CitationDirective(Directive):
    """``ailead-citation``: how to cite the book, with BibTeX, and a link to its PDF."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from . import publish

        env = self.state.document.settings.env
        block = nodes.container(classes=["ailead-citation"])
        block += nodes.rubric("", "How to cite")
        block += nodes.paragraph("", publish.plain_citation())
        if env.app.builder.name != "singlehtml":
            # The PDF sits at the top of the HTML output (tools/build_pdf.sh).
            uri = "../" * env.docname.count("/") + publish.PDF_NAME
            link = nodes.paragraph()
            link += nodes.reference("", "The whole book as a PDF", refuri=uri, classes=["ailead-pdf-link"])
            link += nodes.Text(" (for printing and archiving; same text, same version).")
            block += link
        block += nodes.paragraph("", "BibTeX:")
        bib = publish.bibtex()
        literal = nodes.literal_block(bib, bib, language="bibtex", classes=["ailead-bibtex"])
        block += literal
        for path in (publish.CITATION, publish.PYPROJECT):
            env.note_dependency(str(path))
        if publish.has_data_table():
            env.note_dependency(str(_data.data_dir() / _data.resource_descriptor(publish.DATA_DATE_TABLE)["path"]))
        return [block]


def _static_files(app: Sphinx) -> list[Path]:
    files = []
    for entry in app.config.html_static_path:
        root = Path(app.confdir, entry)
        if root.is_file():
            files.append(root)
        elif root.is_dir():
            files.extend(p for p in root.rglob("*") if p.is_file())
    return sorted(files)


def static_digest(files: list[Path]) -> str:
    """A hash of the names and bytes of the book's static files."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _outdated_by_static(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Every page, when a static file changed since the last build."""
    current = static_digest(_static_files(app))
    previous = getattr(env, "ailead_static_digest", None)
    env.ailead_static_digest = current
    if previous is not None and previous != current:
        return sorted(env.found_docs - set(removed))
    return []


def prune(folder: Path, keep: set[str]) -> list[Path]:
    """Delete files under ``folder`` whose relative path is not in ``keep``
    (and folders left empty); return what was deleted."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in sorted(folder.rglob("*"), reverse=True):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and relative not in keep:
            path.unlink()
            removed.append(path)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed


def _static_before_pages(app: Sphinx, env) -> None:
    """Put myst-nb's stylesheet in ``_static`` before any page is written.

    myst-nb copies it only when the build finishes, so pages of a clean build
    would link it without the checksum that every later build adds.
    """
    if app.builder.format != "html":
        return
    from myst_nb.sphinx_ext import add_global_html_resources

    (Path(app.outdir) / "_static").mkdir(parents=True, exist_ok=True)
    add_global_html_resources(app, None)


def _prune_stale_files(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    env = app.env
    outdir = Path(app.outdir)
    prune(outdir / "_images", {unique for _docs, unique in env.images.values()})
    prune(outdir / "_downloads", {dest for _docs, dest in env.dlfiles.values()})
    # Chart files myst-nb wrote for pages; referenced ones are env keys.
    charts = outdir.parent / "jupyter_execute" / "ailead-charts"
    srcdir = Path(app.srcdir)
    used = set()
    for key in list(env.images) + list(env.dlfiles):
        try:
            used.add((srcdir / key.lstrip("/")).resolve().relative_to(charts.resolve()).as_posix())
        except ValueError:
            continue
    prune(charts, used)


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
    app.connect("config-inited", _stored_outputs_mode)
    app.connect("config-inited", _add_static)
    app.add_js_file(BUNDLE_NAME)
    app.add_js_file("ailead-charts.js")
    app.add_css_file("ailead.css")
    if pdf_mode():
        app.add_css_file("ailead-pdf.css")
    app.connect("config-inited", _add_footer)
    app.connect("html-page-context", _pdf_colophon)
    app.add_directive("ailead-citation", CitationDirective)
    app.connect("html-page-context", _drop_thebe)
    app.connect("env-get-outdated", _outdated_by_static)
    app.connect("build-finished", _prune_stale_files)
    app.connect("env-updated", _static_before_pages)
    from . import catalog

    app.add_directive("ailead-datasets", catalog.DatasetsDirective)
    app.add_directive("ailead-descriptions", catalog.DescriptionsDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
