"""Fixtures for the planner's tests: the small week with screenings placed so
that a plan has an overlap, a walk that is too long and one that is not."""

import pytest

from festarchive.catalogue.models import Film
from festarchive.catalogue.services import film_create
from festarchive.festival.services import selection_add
from festarchive.lists.tests.test_lists import make_visitor
from festarchive.programme import services
from festarchive.programme.vocabulary import TicketState

from .week import local, small_week

TICKETS = "https://tickets.example.org/river-of-glass"


def schedule(week, screen, film, at, **fields):
    return services.screening_create(
        edition=week.edition,
        screen=week.screens[screen],
        film=week.films[film] if isinstance(film, int) else film,
        starts_at=local(*at),
        **fields,
    )


@pytest.fixture
def week():
    return small_week()


@pytest.fixture
def screenings(week):
    """Thursday 22 October (summer time, UTC+2):

    - river: Tuschinski Zaal 1, 14:00-15:35
    - overlap: Tuschinski Zaal 2, 15:00-15:18 (crosses river)
    Friday 23 October:
    - early: Tuschinski Zaal 1, 10:00-11:35
    - across: Eye Cinema 1, 11:55-12:07 (20 minutes after early, 2 km away:
      too short on foot, enough by bike)
    """
    return {
        "river": schedule(
            week,
            "t1",
            0,
            (2026, 10, 22, 14),
            ticket_url=TICKETS,
            ticket_state=TicketState.ON_SALE,
        ),
        "overlap": schedule(week, "t2", 2, (2026, 10, 22, 15)),
        "early": schedule(week, "t1", 0, (2026, 10, 23, 10)),
        "across": schedule(week, "e1", 1, (2026, 10, 23, 11, 55)),
    }


@pytest.fixture
def hidden_screening(week):
    """A screening of a film that is not published."""
    film = film_create(title_en="Withdrawn Secret", year=2026, runtime_minutes=60)
    selection_add(film=film, edition=week.edition, section=week.section)
    screening = schedule(week, "e1", film, (2026, 10, 24, 20))
    Film.objects.filter(pk=film.pk).update(is_published=False)
    return screening


@pytest.fixture
def visitor(client):
    user = make_visitor("planner@example.org")
    user.display_name = "Ada Planner"
    user.save()
    client.force_login(user)
    return user


def plan(user, *screenings):
    for screening in screenings:
        services.plan_add(user=user, screening=screening)
    return services.planner_for(user)
