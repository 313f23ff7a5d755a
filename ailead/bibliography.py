"""The bibliography's style: the list labelled author-year, as the text cites.

The prose cites with sphinxcontrib-bibtex's ``author_year`` reference style
("Anthropic, 2026"); pybtex's default list style labels entries "[Ant26]",
which a reader cannot match to the citation. :class:`AuthorYearStyle` is
pybtex's alpha style (sorted by author, year and title) whose labels are made
by the very template the in-text citation uses, so the two always agree.
Sphinx loads this module as an extension (``_config.yml``), which registers
the style under :data:`STYLE_NAME` for ``bibtex_default_style``.
"""

from __future__ import annotations

import pybtex.plugin
from pybtex.style.formatting.alpha import Style as AlphaStyle
from pybtex.style.labels import BaseLabelStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.template import join, year

#: The name ``bibtex_default_style`` gives in ``_config.yml``.
STYLE_NAME = "ailead_author_year"


def citation_text(entry, reference_style: AuthorYearReferenceStyle | None = None) -> str:
    """What ``{cite:p}`` prints for ``entry``, without brackets: "Author, year"."""
    style = reference_style or AuthorYearReferenceStyle()
    template = join(sep=style.author_year_sep)[style.person.author_or_editor_or_title(full=False), year]
    return template.format_data({"entry": entry, "style": style}).render_as("text")


class AuthorYearLabelStyle(BaseLabelStyle):
    """Labels entries as the author-year citations in the text read them."""

    def format_labels(self, sorted_entries):
        style = AuthorYearReferenceStyle()
        for entry in sorted_entries:
            yield citation_text(entry, style)


class AuthorYearStyle(AlphaStyle):
    """pybtex's alpha style with author-year labels."""

    default_label_style = AuthorYearLabelStyle


def setup(app):
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, AuthorYearStyle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
