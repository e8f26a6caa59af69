"""The small festival week with a day of screenings on it, for the tests of
the public programme pages. Tests import ``programme_week`` and ``at``."""

import datetime
from dataclasses import dataclass

import pytest

from festarchive.catalogue.models import Film
from festarchive.catalogue.services import film_create
from festarchive.festival.services import section_create, selection_add
from festarchive.programme import clock, services
from festarchive.programme.vocabulary import LanguageVersion, TicketState

from .week import SmallWeek, local, small_week

TICKETS = "https://tickets.example.org/river-of-glass-1"


@dataclass
class ProgrammeWeek:
    week: SmallWeek
    screenings: dict
    shorts: object
    hidden_film: Film
    other_section: object


def at(monkeypatch, *moment) -> None:
    """Put the festival's clock at ``local(*moment)``."""
    when = local(*moment)
    monkeypatch.setattr(clock, "now", lambda: when)


def programme_week() -> ProgrammeWeek:
    """Thursday 22 October 2026 holds five screenings (one past midnight),
    Friday 23 one (cancelled); a film not published has one too."""
    week = small_week()
    edition, screens, films = week.edition, week.screens, week.films
    other_section = section_create(
        festival=edition.festival,
        name_en="Frontlight",
        name_nl="Frontlight NL",
        order=2,
    )
    week.section.order = 1
    week.section.save()
    shorts = services.film_programme_create(
        edition=edition,
        title_en="Shorts: Night and Salt",
        title_nl="Korte films: nacht en zout",
        text_en="Two short films about work done at night.",
        text_nl="Twee korte films over nachtwerk.",
        films=[films[2], films[1]],
        section=other_section,
    )
    hidden_film = film_create(title_en="Secret Cut", year=2026, runtime_minutes=60)
    selection_add(film=hidden_film, edition=edition, section=week.section)

    def make(key, screen, film, start, **fields):
        return services.screening_create(
            edition=edition,
            screen=screens[screen],
            film=film,
            starts_at=local(*start),
            **fields,
        )

    screenings = {
        "river": make(
            "river",
            "t1",
            films[0],
            (2026, 10, 22, 14),
            ticket_state=TicketState.ON_SALE,
            ticket_url=TICKETS,
            subtitles_en=True,
            has_qa=True,
            extra_minutes=25,
        ),
        "salt": make(
            "salt",
            "t2",
            films[1],
            (2026, 10, 22, 10, 30),
            ticket_state=TicketState.SOLD_OUT,
            ticket_url="https://tickets.example.org/salt",
            sdh=True,
        ),
        "shorts": services.screening_create(
            edition=edition,
            screen=screens["e1"],
            film_programme=shorts,
            starts_at=local(2026, 10, 22, 20),
            ticket_state=TicketState.FEW_LEFT,
            ticket_url="https://tickets.example.org/shorts",
            audio_description=True,
            language_version=LanguageVersion.DUTCH,
        ),
        "late": make(
            "late",
            "t1",
            films[3],
            (2026, 10, 23, 0, 30),
            ticket_state=TicketState.FREE,
            relaxed=True,
            subtitles_nl=True,
        ),
        "friday": make(
            "friday",
            "e1",
            films[0],
            (2026, 10, 23, 19),
            ticket_state=TicketState.ON_SALE,
            ticket_url="https://tickets.example.org/friday",
        ),
        "hidden": make("hidden", "t2", hidden_film, (2026, 10, 22, 16)),
    }
    services.screening_cancel(
        screenings["friday"],
        notice_en="The film print did not arrive.",
        notice_nl="De filmkopie is niet aangekomen.",
    )
    Film.objects.filter(pk=hidden_film.pk).update(is_published=False)
    return ProgrammeWeek(
        week=week,
        screenings=screenings,
        shorts=shorts,
        hidden_film=hidden_film,
        other_section=other_section,
    )


@pytest.fixture
def festival(monkeypatch):
    """The programme week, with the clock on Thursday morning."""
    at(monkeypatch, 2026, 10, 22, 9)
    return programme_week()


THURSDAY = datetime.date(2026, 10, 22)
