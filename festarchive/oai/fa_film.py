"""The ``fa_film`` format: the whole film record, after EN 15907.

EN 15907 (the CEN standard for film metadata, which the EFG/EN15907 schema
of European film archives implements) describes a cinematographic work by its
identifiers, typed titles, country and year of reference, agents in their
activities, content and the events in its life. ``fa_film`` keeps that shape
with the archive's own data: festival selections are events carrying their
edition, section, premiere status and awards. The schema is
``static/festarchive/oai/fa_film-1.0.xsd``; docs/oai-pmh.md maps every element.
"""

import xml.etree.ElementTree as ET  # noqa: S405 - builds XML, never parses it
from pathlib import Path

from festarchive.catalogue.models import Film
from festarchive.core.languages import language_name

from .links import FA_FILM_SCHEMA, Links
from .xmltree import FA_FILM, root, sub

PREFIX = "fa_film"
SCHEMA_FILE = Path(__file__).parent / "static" / FA_FILM_SCHEMA
FESTIVAL_SELECTION = "festival-selection"


def _bilingual(parent: ET.Element, record, field: str = "name") -> None:
    """``<name xml:lang="en">`` and, when there is one, ``<name xml:lang="nl">``."""
    sub(parent, FA_FILM, "name", getattr(record, f"{field}_en"), lang="en")
    dutch = getattr(record, f"{field}_nl")
    if dutch:
        sub(parent, FA_FILM, "name", dutch, lang="nl")


def _titles(element: ET.Element, film: Film) -> None:
    language = film.title_original_language or None
    titles = [
        (film.title_en, "archive", "en"),
        (film.title_nl, "archive", "nl"),
        (film.title_original, "original", language),
        (
            film.title_original_latin,
            "transliterated",
            f"{language}-Latn" if language else None,
        ),
        *((t.title, t.kind, t.language or None) for t in film.titles.all()),
    ]
    for title, kind, lang in dict.fromkeys(t for t in titles if t[0]):
        sub(element, FA_FILM, "title", title, lang=lang, type=kind)


def _agent(element: ET.Element, credit, links: Links) -> None:
    agent = sub(element, FA_FILM, "agent")
    role = sub(agent, FA_FILM, "role", slug=credit.role.slug)
    _bilingual(role, credit.role)
    if credit.person:
        person = sub(
            agent,
            FA_FILM,
            "person",
            slug=credit.person.slug,
            href=links.person(credit.person.slug),
        )
        sub(person, FA_FILM, "name", credit.person.name)
    if credit.company:
        company = sub(
            agent,
            FA_FILM,
            "company",
            slug=credit.company.slug,
            href=links.company(credit.company.slug),
            kind=credit.company.kind,
            country=credit.company.country.code,
        )
        sub(company, FA_FILM, "name", credit.company.name)


def _event(element: ET.Element, selection, links: Links) -> None:
    event = sub(element, FA_FILM, "event", type=FESTIVAL_SELECTION)
    edition = selection.edition
    festival = edition.festival
    sub(
        sub(
            event,
            FA_FILM,
            "festival",
            slug=festival.slug,
            href=links.festival(festival.slug),
            shortName=festival.short_name,
            city=festival.city,
            country=festival.country.code,
        ),
        FA_FILM,
        "name",
        festival.name,
    )
    sub(
        sub(
            event,
            FA_FILM,
            "edition",
            slug=edition.slug,
            href=links.edition(edition.slug),
            year=edition.year,
            number=edition.number,
            startsOn=edition.starts_on and edition.starts_on.isoformat(),
            endsOn=edition.ends_on and edition.ends_on.isoformat(),
        ),
        FA_FILM,
        "name",
        str(edition),
    )
    if selection.section:
        section = sub(
            event,
            FA_FILM,
            "section",
            slug=selection.section.slug,
            href=links.section(selection.section.slug),
        )
        _bilingual(section, selection.section)
    if selection.premiere:
        premiere = sub(event, FA_FILM, "premiere", slug=selection.premiere.slug)
        _bilingual(premiere, selection.premiere)
    for award in selection.awards.all():
        _bilingual(sub(event, FA_FILM, "award", outcome=award.outcome), award)


def film_record(film: Film, links: Links) -> ET.Element:
    """The film as an ``fa_film:film`` element."""
    element = root(
        FA_FILM,
        "film",
        schema=links.fa_film_schema(),
        generated="true" if film.is_generated else None,
    )
    sub(element, FA_FILM, "identifier", links.film(film.slug), scheme="url")
    sub(element, FA_FILM, "identifier", film.slug, scheme="slug")
    for scheme, _label, value, url in film.external_links():
        sub(element, FA_FILM, "identifier", value, scheme=scheme, href=url)
    _titles(element, film)
    if film.year:
        sub(element, FA_FILM, "yearOfReference", film.year)
    for country in film.production_countries.all():
        sub(
            element,
            FA_FILM,
            "countryOfReference",
            country.country.name,
            code=country.country.code,
        )
    if film.runtime_minutes:
        sub(element, FA_FILM, "duration", film.runtime_minutes, unit="minutes")
    for spoken in film.spoken_languages.all():
        sub(
            element,
            FA_FILM,
            "language",
            language_name(spoken.language, "en"),
            code=spoken.language,
            usage="spoken",
        )
    if film.synopsis_en:
        sub(element, FA_FILM, "synopsis", film.synopsis_en, lang="en")
    if film.synopsis_nl:
        sub(element, FA_FILM, "synopsis", film.synopsis_nl, lang="nl")
    for credit in film.credits.all():
        _agent(element, credit, links)
    for selection in film.selections.all():
        _event(element, selection, links)
    return element
