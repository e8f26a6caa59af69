"""The ``oai_dc`` format: simple Dublin Core, which every harvester reads.

The mapping (docs/oai-pmh.md has it as a table): titles with their languages,
directors as creators, other credits as contributors with their role, the year,
production countries as coverage, spoken languages, synopses, the runtime as
format, type MovingImage, the film page and external ids as identifiers, the
edition pages as relations.
"""

import xml.etree.ElementTree as ET  # noqa: S405 - builds XML, never parses it

from festarchive.catalogue.models import Film
from festarchive.catalogue.vocabulary import DIRECTOR

from .links import Links
from .xmltree import DC, OAI_DC, OAI_DC_SCHEMA, root, sub

PREFIX = "oai_dc"
DCMI_TYPE = "MovingImage"


def film_titles(film: Film) -> list[tuple[str, str | None]]:
    """Every title of the film with its language, each once: English, Dutch,
    original, its Latin form (``uk-Latn``), then the further titles."""
    language = film.title_original_language or None
    titles = [
        (film.title_en, "en"),
        (film.title_nl, "nl"),
        (film.title_original, language),
        (film.title_original_latin, f"{language}-Latn" if language else None),
        *((t.title, t.language or None) for t in film.titles.all()),
    ]
    return list(dict.fromkeys((t, lang) for t, lang in titles if t))


def credit_name(credit) -> str:
    """'Valery Kalmykov, Trueman Production', 'Stéphane Siohan' or 'ARTE GEIE'."""
    return ", ".join(
        party.name for party in (credit.person, credit.company) if party is not None
    )


def dublin_core(film: Film, links: Links) -> ET.Element:
    """The film as an ``oai_dc:dc`` element."""
    dc = root(OAI_DC, "dc", schema=OAI_DC_SCHEMA)
    for title, language in film_titles(film):
        sub(dc, DC, "title", title, lang=language)
    credits = list(film.credits.all())
    for credit in credits:
        if credit.role.slug == DIRECTOR:
            sub(dc, DC, "creator", credit_name(credit))
    for credit in credits:
        if credit.role.slug != DIRECTOR:
            sub(dc, DC, "contributor", f"{credit_name(credit)} ({credit.role.name_en})")
    if film.synopsis_en:
        sub(dc, DC, "description", film.synopsis_en, lang="en")
    if film.synopsis_nl:
        sub(dc, DC, "description", film.synopsis_nl, lang="nl")
    if film.year:
        sub(dc, DC, "date", film.year)
    sub(dc, DC, "type", DCMI_TYPE)
    if film.runtime_minutes:
        sub(dc, DC, "format", f"{film.runtime_minutes} min")
    sub(dc, DC, "identifier", links.film(film.slug))
    for link in film.external_links():
        sub(dc, DC, "identifier", link.url)
    for spoken in film.spoken_languages.all():
        sub(dc, DC, "language", spoken.language)
    editions = dict.fromkeys(s.edition.slug for s in film.selections.all())
    for slug in editions:
        sub(dc, DC, "relation", links.edition(slug))
    for country in film.production_countries.all():
        sub(dc, DC, "coverage", country.country.name)
    return dc
