"""A record's citation, and its downloads in CSL-JSON, BibTeX and RIS.

Each kind of record says what its citation holds (``core.permalinks``
registers a ``cite`` function per kind); this module only writes it down. What
is cited is the archive's record, a web page: CSL ``webpage``, biblatex
``@online``, RIS ``ELEC``, with the archive as the website, the permalink as
the address and the day the record last changed.

The sentence on the page follows the Chicago Manual of Style (17th edition,
notes and bibliography, a page of a website) with the day first, as British
English writes it: "“Title (Year).” Directed by …. *Archive*. Last modified
4 December 2026. https://…". Chicago asks for no access date when the page
has a date of its own; leaving it out also keeps the cited pages the same
all day, and so cacheable.

BibTeX is written by bibtexparser (v2), RIS by rispy. BibTeX text is UTF-8,
for biblatex and biber, with LaTeX's special characters escaped, so a title
in Cyrillic or Greek stays as written; the address is left as it is (biblatex
reads ``url`` verbatim).
"""

import datetime
import json
import re
from dataclasses import dataclass, field

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field
from django.utils import formats
from django.utils.translation import gettext as _


@dataclass
class Citation:
    """What a citation of one record says."""

    key: str  # "festival-archive-film-12": the downloads' file and entry name
    title: str  # as the page heads it, in the page's language
    archive: str  # the archive's name (settings.FESTARCHIVE["SITE_NAME"])
    url: str  # the permalink
    last_changed: datetime.date
    original_title: str = ""  # in its own script, when it differs
    year: int | None = None
    directors: list[str] = field(default_factory=list)
    # The kind of work in the citation managers' own English vocabulary
    # (CSL "genre"), not a text shown on our pages.
    genre: str = ""  # "Film", "Festival edition"…
    language: str = ""  # of the title, ISO 639

    @property
    def heading(self) -> str:
        """The title with the original-script one and the year: 'Oh, Mother
        / Ой, мамо (2020)'."""
        title = self.title
        if self.original_title and self.original_title != self.title:
            title = f"{title} / {self.original_title}"
        return f"{title} ({self.year})" if self.year else title


def text(citation: Citation) -> str:
    """The citation as plain text (Chicago, see the module)."""
    parts = [f"“{citation.heading}.”"]
    if citation.directors:
        parts.append(
            _("Directed by %(names)s.") % {"names": _names(citation.directors)}
        )
    parts.append(f"{citation.archive}.")
    parts.append(
        _("Last modified %(date)s.")
        % {"date": formats.date_format(citation.last_changed, "j F Y")}
    )
    parts.append(f"{citation.url}.")
    return " ".join(parts)


def _names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return _("%(names)s and %(last)s") % {
        "names": ", ".join(names[:-1]),
        "last": names[-1],
    }


def _date_parts(day: datetime.date) -> dict:
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl_json(citation: Citation) -> str:
    """The citation as CSL-JSON: a list holding one item."""
    item = {
        "id": citation.key,
        "type": "webpage",
        "title": citation.heading,
        "container-title": citation.archive,
        "publisher": citation.archive,
        "URL": citation.url,
        "issued": _date_parts(citation.last_changed),
    }
    if citation.original_title and citation.original_title != citation.title:
        item["original-title"] = citation.original_title
    if citation.directors:
        # The record's author is the archive; the film's directors are
        # named as what they are.
        item["director"] = [{"literal": name} for name in citation.directors]
    if citation.genre:
        item["genre"] = citation.genre
    if citation.language:
        item["language"] = citation.language
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


# LaTeX's special characters; everything else stays as written (UTF-8).
_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_LATEX_RE = re.compile("|".join(re.escape(char) for char in _LATEX))


def latex_escape(value: str) -> str:
    """``value`` with LaTeX's special characters escaped."""
    return _LATEX_RE.sub(lambda match: _LATEX[match.group()], value)


def bibtex(citation: Citation) -> str:
    """The citation as a biblatex ``@online`` entry."""
    # Double braces keep the title's capitals as written.
    fields = [Field(key="title", value="{" + latex_escape(citation.heading) + "}")]
    if citation.directors:
        fields.append(
            Field(key="note", value=latex_escape(_names_plain("Directed by", citation)))
        )
    fields += [
        Field(key="organization", value=latex_escape(citation.archive)),
        Field(key="url", value=citation.url),
        Field(key="date", value=citation.last_changed.isoformat()),
    ]
    if citation.language:
        fields.append(Field(key="langid", value=citation.language))
    library = bibtexparser.Library()
    library.add(Entry("online", citation.key, fields))
    return bibtexparser.write_string(library).lstrip()


def _names_plain(lead: str, citation: Citation) -> str:
    # The downloads are in English, whatever the page's language: reference
    # managers keep notes as they are.
    return f"{lead} {' and '.join(citation.directors)}"


def ris(citation: Citation) -> str:
    """The citation as a RIS record."""
    record = {
        "type_of_reference": "ELEC",
        "title": citation.heading,
        "secondary_title": citation.archive,
        "publisher": citation.archive,
        "urls": [citation.url],
        "year": str(citation.last_changed.year),
        "date": citation.last_changed.strftime("%Y/%m/%d"),
        "id": citation.key,
    }
    if citation.original_title and citation.original_title != citation.title:
        record["translated_title"] = citation.title
        record["alternate_title1"] = citation.original_title
    if citation.directors:
        record["notes"] = [_names_plain("Directed by", citation)]
    if citation.language:
        record["language"] = citation.language
    return rispy.dumps([record], implementation=_RisWriter, skip_unknown_tags=True)


class _RisWriter(rispy.RisWriter):
    """RIS as reference managers read it: without rispy's "1." before the
    record (a numbering of its own, outside the RIS tags)."""

    def set_header(self, count):
        return ""


# Each download: its file extension, content type and writer.
FORMATS = {
    "json": ("application/vnd.citationstyles.csl+json", csl_json),
    "bib": ("application/x-bibtex; charset=utf-8", bibtex),
    "ris": ("application/x-research-info-systems; charset=utf-8", ris),
}
