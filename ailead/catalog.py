"""The book's data page, generated from ``data/datapackage.json``.

Descriptor metadata (titles, descriptions, producers, licences, source
titles) is text written by hand or copied from a producer, so it is never
parsed as MyST or HTML: the page is built from docutils nodes whose text is
plain :class:`docutils.nodes.Text`, which every writer escapes. A directive,
role, HTML tag or Markdown link written into a description is shown exactly
as written. Two Sphinx directives, registered by :mod:`ailead.book`, place the
nodes on the page:

``{ailead-datasets}``
    one table row per dataset: title, download link, rows (counted after
    validation), producer, licence, date accessed;
``{ailead-descriptions}``
    per dataset a subsection: title, file, description and the sources it
    lists (linked only when the address is a public http(s) address); put
    it last under its heading, as subsections end a section.

Each directive records ``data/`` as a dependency of the page, so editing a
table or the descriptor makes Sphinx read the page again.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd
from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx import addnodes

from . import data


def _licence(resource: dict) -> str:
    licences = resource.get("licenses") or data.package().get("licenses") or []
    return "; ".join(str(l.get("name") or l.get("title", "")) for l in licences)


def datasets() -> pd.DataFrame:
    """One row per table: name, title, rows (counted after validation),
    producer, licence, date accessed and number of sources listed."""
    rows = []
    for resource in data.package()["resources"]:
        rows.append(
            {
                "name": resource["name"],
                "file": resource["path"],
                "title": str(resource.get("title", "")),
                "rows": len(data.load(resource["name"])),
                "producer": str(resource.get("producer", "")),
                "licence": _licence(resource),
                "accessed": str(resource.get("accessed", "")),
                "sources": len(resource.get("sources", [])),
            }
        )
    return pd.DataFrame(rows)


# --- nodes ----------------------------------------------------------------


def _text(value) -> nodes.Text:
    """Plain text: never parsed, escaped by the writer; each run of
    whitespace (line breaks too) becomes one space."""
    return nodes.Text(re.sub(r"\s+", " ", str(value)))


def _paragraph(*children) -> nodes.paragraph:
    # No smart quotes either: the text is shown exactly as written.
    paragraph = nodes.paragraph(support_smartquotes=False)
    for child in children:
        paragraph += child if isinstance(child, nodes.Node) else _text(child)
    return paragraph


def _download(uri: str, label: str) -> addnodes.download_reference:
    return addnodes.download_reference(
        "", "", nodes.literal("", label), reftarget=uri, refexplicit=True, refdomain="", reftype="download"
    )


def table_nodes(download_uri) -> list[nodes.Node]:
    """The table of every dataset; ``download_uri(path)`` gives the link
    target for a file in ``data/`` (``None``: no link)."""
    frame = datasets()
    headers = ["Table", "Download", "Rows", "Producer", "Licence", "Accessed"]
    table = nodes.table(classes=["ailead-table", "ailead-catalog"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for _ in headers:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    group += head
    row = nodes.row()
    for label in headers:
        row += nodes.entry("", _paragraph(label))
    head += row
    body = nodes.tbody()
    group += body
    for item in frame.itertuples():
        row = nodes.row()
        uri = download_uri(item.file)
        link = _download(uri, item.file) if uri else nodes.literal("", item.file)
        for cell in (item.title, link, str(item.rows), item.producer, item.licence, item.accessed):
            row += nodes.entry("", _paragraph(cell))
        body += row
    return [table]


def description_nodes(document=None) -> list[nodes.Node]:
    """Per dataset a section: its title, file, description and sources.

    With ``document`` (inside Sphinx) each section gets a unique id from
    its title, as a Markdown heading would, and shows in the page contents.
    """
    output: list[nodes.Node] = []
    for resource in data.package()["resources"]:
        section = nodes.section(classes=["ailead-dataset"])
        title_text = str(resource.get("title", resource["name"]))
        section += nodes.title("", "", _text(title_text), support_smartquotes=False)
        section["names"].append(nodes.fully_normalize_name(f"dataset {resource['name']}"))
        if document is not None:
            document.note_implicit_target(section, section)
        else:
            section["ids"].append(nodes.make_id(f"dataset-{resource['name']}"))
        section += _paragraph(nodes.literal("", str(resource["path"])), ". ", str(resource.get("description", "")))
        sources = resource.get("sources", [])
        if sources:
            section += _paragraph("Sources listed for the table:")
            listing = nodes.bullet_list()
            for source in sources:
                url = str(source.get("path", ""))
                label = str(source.get("title") or url)
                if data.url_problem(url) is None:
                    item = _paragraph(nodes.reference("", "", _text(label), refuri=url))
                else:
                    item = _paragraph(label)
                listing += nodes.list_item("", item)
            section += listing
        output.append(section)
    return output


# --- Sphinx ---------------------------------------------------------------


class _CatalogDirective(Directive):
    has_content = False

    def _env(self):
        return self.state.document.settings.env

    def _note_dependencies(self) -> None:
        env = self._env()
        folder = data.data_dir()
        for path in sorted(folder.glob("*.csv")) + [folder / data.DESCRIPTOR]:
            env.note_dependency(str(path))

    def _download_uri(self, file: str) -> str:
        srcdir = Path(self._env().srcdir)
        return "/" + os.path.relpath(data.data_dir() / file, srcdir)


class DatasetsDirective(_CatalogDirective):
    """``{ailead-datasets}``: the table of every dataset."""

    def run(self):
        self._note_dependencies()
        return table_nodes(self._download_uri)


class DescriptionsDirective(_CatalogDirective):
    """``{ailead-descriptions}``: what each table holds and its sources."""

    def run(self):
        self._note_dependencies()
        return description_nodes(self.state.document)
