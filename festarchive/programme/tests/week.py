"""A small festival week for the programme's tests: two venues 1.5 km apart,
three screens, films selected for one edition. Tests import ``small_week``."""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings

from festarchive.catalogue.services import film_create
from festarchive.festival.services import (
    edition_create,
    festival_create,
    section_create,
    selection_add,
)
from festarchive.programme import services

ZONE = ZoneInfo(settings.TIME_ZONE)


def local(year, month, day, hour, minute=0) -> datetime.datetime:
    """An aware moment on the festival's clock."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZONE)


@dataclass
class SmallWeek:
    edition: object
    section: object
    films: list
    venues: dict
    screens: dict
    other_edition: object
    outsider: object
    extra: dict = field(default_factory=dict)


def small_week() -> SmallWeek:
    festival = festival_create(
        name="International Documentary Film Festival Amsterdam",
        short_name="IDFA",
        slug="idfa",
        city="Amsterdam",
        country="NL",
    )
    edition = edition_create(
        festival=festival,
        year=2026,
        number=39,
        starts_on=datetime.date(2026, 10, 21),
        ends_on=datetime.date(2026, 11, 1),  # winter time begins on 25 October
    )
    other_edition = edition_create(festival=festival, year=2025, number=38)
    section = section_create(
        festival=festival, name_en="Envision Competition", name_nl="Envision Competitie"
    )
    films = [
        film_create(title_en="River of Glass", year=2026, runtime_minutes=95),
        film_create(title_en="The Salt Keepers", year=2026, runtime_minutes=12),
        film_create(title_en="Night Shift", year=2025, runtime_minutes=18),
        film_create(title_en="Unknown Length", year=2026),
    ]
    for film in films:
        selection_add(film=film, edition=edition, section=section)
    outsider = film_create(title_en="Not This Year", year=2024, runtime_minutes=80)
    selection_add(film=outsider, edition=other_edition)
    tuschinski = services.venue_create(
        name="Tuschinski",
        address="Reguliersbreestraat 26-34",
        latitude="52.366600",
        longitude="4.894900",
        step_free=True,
        hearing_loop=True,
        wheelchair_places=4,
        order=1,
    )
    eye = services.venue_create(
        name="Eye Filmmuseum",
        address="IJpromenade 1",
        latitude="52.384300",
        longitude="4.901100",
        order=2,
    )
    screens = {
        "t1": services.screen_create(venue=tuschinski, name="Zaal 1", capacity=740),
        "t2": services.screen_create(venue=tuschinski, name="Zaal 2", capacity=300),
        "e1": services.screen_create(venue=eye, name="Cinema 1", capacity=315),
    }
    return SmallWeek(
        edition=edition,
        section=section,
        films=films,
        venues={"tuschinski": tuschinski, "eye": eye},
        screens=screens,
        other_edition=other_edition,
        outsider=outsider,
    )
