"""The film page's Screenings block and the times shown in its history."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from festarchive.programme import services

from .pages import page, screening_events, titles
from .programme_week import TICKETS, at
from .week import local

pytestmark = pytest.mark.django_db


def film_url(film) -> str:
    return f"/en/films/{film.slug}/"


def block(html: str) -> str:
    assert 'class="film__screenings"' in html
    return html.split('class="film__screenings"')[1].split("</section>")[0]


def test_the_film_page_lists_its_screenings_with_ticket_links(client, festival):
    html = page(client, film_url(festival.week.films[0]))
    screenings = block(html)
    assert titles(screenings) == ["River of Glass", "River of Glass"]
    assert f'href="{TICKETS}" rel="external">Tickets' in screenings
    assert "Thu 22 Oct, 14:00" in screenings
    # The cancelled one stays, marked, without tickets.
    assert "Cancelled" in screenings and "tickets.example.org/friday" not in screenings
    # Before the credits, so that tickets are near the top.
    assert html.index('id="screenings-heading"') < html.index('id="credits-heading"')


def test_a_film_in_a_programme_of_films_lists_that_screening(client, festival):
    screenings = block(page(client, film_url(festival.week.films[1])))
    assert titles(screenings) == ["The Salt Keepers", "Shorts: Night and Salt"]


def test_screenings_of_days_gone_by_leave_the_block(client, festival, monkeypatch):
    at(monkeypatch, 2026, 10, 23, 12)
    assert 'class="film__screenings"' not in page(
        client, film_url(festival.week.films[1])
    )
    river = block(page(client, film_url(festival.week.films[0])))
    assert titles(river) == ["River of Glass"]
    assert "Fri 23 Oct, 19:00" in river


def test_after_the_festival_the_history_counts_the_times_shown(
    client, festival, monkeypatch
):
    at(monkeypatch, 2026, 12, 2, 12)
    river = page(client, film_url(festival.week.films[0]))
    assert 'class="film__screenings"' not in river
    history = river.split('id="history-heading"')[1]
    # Thursday's, not Friday's cancelled one.
    assert "Shown once at IDFA 2026" in history
    salt = page(client, film_url(festival.week.films[1])).split('id="history-heading"')[
        1
    ]
    # Its own screening and the programme of films.
    assert "Shown 2 times at IDFA 2026" in salt


def test_during_the_festival_the_history_counts_nothing_yet(client, festival):
    html = page(client, film_url(festival.week.films[1]))
    assert "Shown " not in html.split('id="history-heading"')[1]


def test_the_film_page_describes_its_screenings_as_events(client, festival):
    events = screening_events(page(client, film_url(festival.week.films[0])))
    assert [e["startDate"] for e in events] == [
        "2026-10-22T14:00:00+02:00",
        "2026-10-23T19:00:00+02:00",
    ]
    assert events[0]["workPresented"]["name"] == "River of Glass"
    assert events[1]["eventStatus"] == "https://schema.org/EventCancelled"


def test_a_film_without_screenings_has_no_block(client, festival):
    html = page(client, film_url(festival.week.outsider))
    assert 'class="film__screenings"' not in html
    assert "programme.css" not in html
    assert screening_events(html) == []


def test_the_film_page_costs_the_same_queries_for_one_screening_or_many(
    client, festival
):
    film = festival.week.films[0]
    with CaptureQueriesContext(connection) as few:
        page(client, film_url(film))
    for day in (24, 25, 26, 27, 28):
        services.screening_create(
            edition=festival.week.edition,
            screen=festival.week.screens["t2"],
            film=film,
            starts_at=local(2026, 10, day, 12),
        )
    with CaptureQueriesContext(connection) as many:
        html = page(client, film_url(film))
    assert len(titles(block(html))) == 7
    assert len(many.captured_queries) == len(few.captured_queries)
