"""The book's data page, generated from ``data/datapackage.json``."""

from __future__ import annotations

import pandas as pd

from . import data


def _licence(resource: dict) -> str:
    licences = resource.get("licenses") or data.package().get("licenses") or []
    return "; ".join(l.get("name") or l.get("title", "") for l in licences)


def datasets() -> pd.DataFrame:
    """One row per table: name, title, rows (counted after validation),
    producer, licence, date accessed and number of sources listed."""
    rows = []
    for resource in data.package()["resources"]:
        rows.append(
            {
                "name": resource["name"],
                "file": resource["path"],
                "title": resource.get("title", ""),
                "rows": len(data.load(resource["name"])),
                "producer": resource.get("producer", ""),
                "licence": _licence(resource),
                "accessed": resource.get("accessed", ""),
                "sources": len(resource.get("sources", [])),
            }
        )
    return pd.DataFrame(rows)


def _cell(text) -> str:
    # Table cells are MyST: escape the pipe and keep each cell on one line.
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown(link_prefix: str = "../data/") -> str:
    """A MyST table of every dataset, each file linked for download.

    ``link_prefix`` is the path from the page to ``data/``; Sphinx copies each
    linked file into the built site.
    """
    table = datasets()
    lines = [
        "| Table | Download | Rows | Producer | Licence | Accessed |",
        "| --- | --- | ---: | --- | --- | --- |",
    ]
    for row in table.itertuples():
        link = f"{{download}}`{row.file} <{link_prefix}{row.file}>`"
        lines.append(
            f"| {_cell(row.title)} | {link} | {row.rows} | {_cell(row.producer)} | {_cell(row.licence)} | {_cell(row.accessed)} |"
        )
    return "\n".join(lines)


def descriptions() -> str:
    """One section per dataset: its description and the sources it lists."""
    parts = []
    for resource in data.package()["resources"]:
        parts.append(f"### {_cell(resource.get('title', resource['name']))}\n")
        parts.append(f"`{resource['path']}`. {resource.get('description', '')}\n")
        sources = resource.get("sources", [])
        if sources:
            parts.append("Sources listed for the table:\n")
            for source in sources:
                title = source.get("title", source.get("path", ""))
                parts.append(f"- [{_cell(title)}]({source.get('path', '')})")
            parts.append("")
    return "\n".join(parts)
