"""The festivals, editions and sections the demo archive starts from.

The festival names, the first IDFA edition (1988) and the 2023 edition's dates
are facts; the years each section ran are approximate and only steer the
generated catalogue.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction

from festarchive.catalogue.vocabulary import ensure_roles
from festarchive.festival.models import Edition, Festival, Section
from festarchive.festival.services import (
    edition_create,
    festival_create,
    section_create,
)
from festarchive.festival.vocabulary import ensure_premiere_statuses

from .awards import ensure_prizes

HOST = {
    "slug": "idfa",
    "name": "International Documentary Film Festival Amsterdam",
    "short_name": "IDFA",
    "city": "Amsterdam",
    "country": "NL",
    "website": "https://www.idfa.nl",
    "first_year": 1988,
}
LAST_DEMO_YEAR = 2023
EDITION_DATES = {2023: (datetime.date(2023, 11, 8), datetime.date(2023, 11, 19))}

# (English name, Dutch name, first year, last year, competitive)
HOST_SECTIONS = [
    ("International Competition", "Internationale Competitie", 2012, 2023, True),
    ("Joris Ivens Competition", "Joris Ivens Competitie", 1988, 2011, True),
    ("Envision Competition", "Envision Competitie", 2019, 2023, True),
    (
        "Short Documentary Competition",
        "Competitie Korte Documentaire",
        2001,
        2023,
        True,
    ),
    (
        "First Appearance Competition",
        "Competitie Eerste Verschijning",
        1995,
        2023,
        True,
    ),
    ("Best of Fests", "Best of Fests", 1992, 2023, False),
    ("Masters", "Masters", 2007, 2023, False),
    ("Frontlight", "Frontlight", 2017, 2023, False),
    ("Luminous", "Luminous", 2017, 2023, False),
    ("Paradocs", "Paradocs", 2007, 2023, False),
    ("Reflecting Images", "Reflecting Images", 1990, 2016, False),
    ("Kids & Docs", "Kids & Docs", 2003, 2023, False),
    ("Panorama", "Panorama", 1988, 2006, False),
]

# Award given in each competitive section: (English, Dutch).
SECTION_AWARDS = {
    "International Competition": ("Award for Best Film", "Prijs voor Beste Film"),
    "Joris Ivens Competition": ("Joris Ivens Award", "Joris Ivensprijs"),
    "Envision Competition": ("Envision Competition Award", "Envision Competitieprijs"),
    "Short Documentary Competition": (
        "Award for Best Short Documentary",
        "Prijs voor Beste Korte Documentaire",
    ),
    "First Appearance Competition": (
        "Award for Best First Appearance",
        "Prijs voor Beste Eerste Verschijning",
    ),
}

# Other festivals a film may have travelled to: (slug, name, short name, city, country)
OTHER_FESTIVALS = [
    ("berlinale", "Berlin International Film Festival", "Berlinale", "Berlin", "DE"),
    ("sundance", "Sundance Film Festival", "Sundance", "Park City", "US"),
    ("cphdox", "CPH:DOX", "CPH:DOX", "Copenhagen", "DK"),
    (
        "hot-docs",
        "Hot Docs Canadian International Documentary Festival",
        "Hot Docs",
        "Toronto",
        "CA",
    ),
    ("sheffield-docfest", "Sheffield DocFest", "Sheffield DocFest", "Sheffield", "GB"),
    ("visions-du-reel", "Visions du Réel", "Visions du Réel", "Nyon", "CH"),
    ("dok-leipzig", "DOK Leipzig", "DOK Leipzig", "Leipzig", "DE"),
    ("cannes", "Festival de Cannes", "Cannes", "Cannes", "FR"),
    ("venice", "Venice International Film Festival", "Venice", "Venice", "IT"),
    ("locarno", "Locarno Film Festival", "Locarno", "Locarno", "CH"),
    (
        "karlovy-vary",
        "Karlovy Vary International Film Festival",
        "Karlovy Vary",
        "Karlovy Vary",
        "CZ",
    ),
    (
        "jihlava",
        "Ji.hlava International Documentary Film Festival",
        "Ji.hlava",
        "Jihlava",
        "CZ",
    ),
    (
        "yamagata",
        "Yamagata International Documentary Film Festival",
        "Yamagata",
        "Yamagata",
        "JP",
    ),
]


@dataclass
class FestivalSet:
    host: Festival
    host_editions: dict[int, Edition]
    host_sections: dict[str, Section]
    others: list[Festival]


@transaction.atomic
def ensure_festivals() -> FestivalSet:
    """Create the demo festivals, editions and sections that are missing.

    The role and premiere vocabularies are seeded by migrations; they are
    ensured here too because a test database flushed between tests loses them.
    """
    ensure_roles()
    ensure_premiere_statuses()
    host = Festival.objects.filter(slug=HOST["slug"]).first() or festival_create(
        name=HOST["name"],
        short_name=HOST["short_name"],
        slug=HOST["slug"],
        city=HOST["city"],
        country=HOST["country"],
        website=HOST["website"],
    )
    editions = {e.year: e for e in host.editions.all()}
    for year in range(HOST["first_year"], LAST_DEMO_YEAR + 1):
        if year not in editions:
            starts_on, ends_on = EDITION_DATES.get(year, (None, None))
            editions[year] = edition_create(
                festival=host,
                year=year,
                number=year - HOST["first_year"] + 1,
                starts_on=starts_on,
                ends_on=ends_on,
            )
    sections = {s.name_en: s for s in host.sections.all()}
    for order, (name_en, name_nl, *_rest) in enumerate(HOST_SECTIONS):
        if name_en not in sections:
            sections[name_en] = section_create(
                festival=host, name_en=name_en, name_nl=name_nl, order=order * 10
            )
    others = []
    for slug, name, short_name, city, country in OTHER_FESTIVALS:
        festival = Festival.objects.filter(slug=slug).first() or festival_create(
            name=name, short_name=short_name, slug=slug, city=city, country=country
        )
        others.append(festival)
    ensure_prizes(host)
    return FestivalSet(
        host=host, host_editions=editions, host_sections=sections, others=others
    )
