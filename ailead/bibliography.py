"""The bibliography's style: the list labelled author-year, as the text cites.

pybtex's default list style labels entries "[Ant26]", which a reader cannot
match to an author-year citation ("Anthropic, 2026"). Here both sides use one
label: :class:`AuthorYearLabelStyle` makes it with the very template
sphinxcontrib-bibtex's ``author_year`` citations use, and adds "a", "b", ...
where one author has several works in a year ("Anthropic, 2026a"), in the
list's order (author, year, title); :class:`AuthorYearReferenceStyle` then
cites by that label, so the text and the list always agree. Sphinx loads this
module as an extension (``_config.yml``), which registers both styles under
:data:`STYLE_NAME` for ``bibtex_default_style`` and ``bibtex_reference_style``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from string import ascii_lowercase

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from pybtex.richtext import Text
from pybtex.style.formatting.alpha import Style as AlphaStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import node
from sphinxcontrib.bibtex.style.referencing import GroupReferenceStyle
from sphinxcontrib.bibtex.style.referencing import author_year as sphinx_author_year
from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
    BasicAuthorYearParentheticalReferenceStyle,
    BasicAuthorYearTextualReferenceStyle,
)
from sphinxcontrib.bibtex.style.referencing.extra_author import ExtraAuthorReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_empty import ExtraEmptyReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_label import ExtraLabelReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_year import ExtraYearReferenceStyle
from sphinxcontrib.bibtex.style.template import entry_label, join, join2, post_text, pre_text, reference, year

#: The name ``bibtex_default_style`` and ``bibtex_reference_style`` give in ``_config.yml``.
STYLE_NAME = "ailead_author_year"
#: Between the author and the year, in the text and in the list.
AUTHOR_YEAR_SEP = ", "


def citation_text(entry, reference_style=None) -> str:
    """What an author-year citation prints for ``entry``: "Author, year" (no suffix, no brackets).

    BibTeX's "X and others" reads "X et al.", as three or more authors do.
    """
    style = reference_style or sphinx_author_year.AuthorYearReferenceStyle()
    authors = entry.persons.get("author", [])
    if len(authors) == 2 and str(authors[-1]) == "others":
        first = style.person.style_plugin.format(authors[0], style.person.abbreviate).format().render_as("text")
        return f"{first} et al.{AUTHOR_YEAR_SEP}{year.format_data({'entry': entry}).render_as('text')}"
    template = join(sep=AUTHOR_YEAR_SEP)[style.person.author_or_editor_or_title(full=False), year]
    return template.format_data({"entry": entry, "style": style}).render_as("text")


def disambiguate(labels: list[str]) -> list[str]:
    """Labels made unique by "a", "b", ... after the year, in the given order."""
    counts, seen = Counter(labels), Counter()
    out = []
    for label in labels:
        if counts[label] > 1:
            out.append(label + ascii_lowercase[seen[label]])
            seen[label] += 1
        else:
            out.append(label)
    return out


class AuthorYearLabelStyle(BaseLabelStyle):
    """Labels entries as the author-year citations in the text read them."""

    def format_labels(self, sorted_entries):
        style = sphinx_author_year.AuthorYearReferenceStyle()
        yield from disambiguate([citation_text(entry, style) for entry in sorted_entries])


class AuthorYearStyle(AlphaStyle):
    """pybtex's alpha style (sorted by author, year and title) with author-year labels."""

    default_label_style = AuthorYearLabelStyle


@node
def label_year(children, data):
    """The year part of the entry's label, with its suffix ("2026a")."""
    assert not children
    return Text(data["formatted_entry"].label.rsplit(AUTHOR_YEAR_SEP, 1)[-1])


@dataclass
class _Parenthetical(BasicAuthorYearParentheticalReferenceStyle):
    def inner(self, role_name):
        return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[pre_text, reference[entry_label], post_text]


@dataclass
class _Textual(BasicAuthorYearTextualReferenceStyle):
    def inner(self, role_name):
        return join(sep=self.text_reference_sep)[
            self.person.author_or_editor_or_title(full="s" in role_name),
            join[
                self.bracket.left,
                join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[pre_text, reference[label_year], post_text],
                self.bracket.right,
            ],
        ]


@dataclass
class AuthorYearReferenceStyle(sphinx_author_year.AuthorYearReferenceStyle):
    """sphinxcontrib-bibtex's author-year citations, their year carrying the list's suffix."""

    def __post_init__(self):
        self.styles.extend(
            [
                _Parenthetical(
                    bracket=self.bracket_parenthetical,
                    person=self.person,
                    author_year_sep=self.author_year_sep,
                    pre_text_sep=self.pre_text_sep,
                    post_text_sep=self.post_text_sep,
                ),
                _Textual(
                    bracket=self.bracket_textual,
                    person=self.person,
                    text_reference_sep=self.text_reference_sep,
                    pre_text_sep=self.pre_text_sep,
                    post_text_sep=self.post_text_sep,
                ),
                ExtraAuthorReferenceStyle(bracket=self.bracket_author, person=self.person),
                ExtraLabelReferenceStyle(bracket=self.bracket_label),
                ExtraYearReferenceStyle(bracket=self.bracket_year),
                ExtraEmptyReferenceStyle(),
            ]
        )
        GroupReferenceStyle.__post_init__(self)


def setup(app):
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, AuthorYearStyle)
    sphinxcontrib.bibtex.plugin.register_plugin("sphinxcontrib.bibtex.style.referencing", STYLE_NAME, AuthorYearReferenceStyle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
