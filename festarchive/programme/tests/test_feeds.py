"""The calendar feed and the calendar file of a screening, read back with
icalendar as a calendar app would."""

# The fixtures come from plan_fixtures; pytest passes them in by name.
# ruff: noqa: F811

import datetime

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from festarchive.programme import services

from .plan_fixtures import (  # noqa: F401 - fixtures
    TICKETS,
    hidden_screening,
    plan,
    schedule,
    screenings,
    visitor,
    week,
)
from .week import local

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def feed_url(planner):
    return reverse("programme:planner-feed", kwargs={"token": planner.feed_token})


def ics_url(screening):
    return reverse("programme:screening-ics", kwargs={"uid": screening.uid})


def read(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def read_raw(response) -> bytes:
    return response.content.replace(b"\r\n ", b"")


def events(calendar) -> dict:
    """The VEVENTs by the screening uid at the start of their UID."""
    return {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}


def utc(value):
    return value.dt.astimezone(UTC)


def test_the_feed_is_the_plan_as_a_calendar(visitor, screenings):
    river, early = screenings["river"], screenings["early"]
    planner = plan(visitor, river, early)
    # No session: a calendar app fetches it.
    calendar = read(Client().get(feed_url(planner)))
    assert str(calendar["X-WR-CALNAME"]).startswith("My festival")
    assert str(calendar["VERSION"]) == "2.0"
    found = events(calendar)
    assert set(found) == {str(river.uid), str(early.uid)}
    event = found[str(river.uid)]
    assert str(event["UID"]) == f"{river.uid}@testserver"
    assert utc(event["DTSTART"]) == datetime.datetime(2026, 10, 22, 12, 0, tzinfo=UTC)
    assert utc(event["DTEND"]) == datetime.datetime(2026, 10, 22, 13, 35, tzinfo=UTC)
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert str(event["SUMMARY"]) == "River of Glass"
    assert str(event["LOCATION"]).startswith("Tuschinski, Zaal 1, Reguliersbreestraat")
    assert (event["GEO"].latitude, event["GEO"].longitude) == (52.3666, 4.8949)
    assert str(event["URL"]) == f"http://testserver{river.get_absolute_url()}"
    assert TICKETS in str(event["DESCRIPTION"])
    assert "Envision Competition" in str(event["DESCRIPTION"])
    assert int(event["SEQUENCE"]) == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "LAST-MODIFIED" in event and "DTSTAMP" in event
    zones = [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
    assert zones == ["Europe/Amsterdam"]


def test_the_feed_is_never_kept_by_a_shared_cache(client, settings, visitor):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "PAGE_CACHE": True}
    planner = services.planner_for(visitor)
    for _attempt in range(2):
        response = Client().get(feed_url(planner))
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("private")
        assert "X-Cache" not in response
        assert response["X-Robots-Tag"].startswith("noindex")


def test_a_moved_screening_keeps_its_uid_and_counts_up(visitor, week, screenings):
    early = screenings["early"]
    planner = plan(visitor, early)
    services.screening_update(
        early, starts_at=local(2026, 10, 23, 16), screen=week.screens["e1"]
    )
    event = events(read(Client().get(feed_url(planner))))[str(early.uid)]
    assert int(event["SEQUENCE"]) == 1
    assert utc(event["DTSTART"]) == datetime.datetime(2026, 10, 23, 14, 0, tzinfo=UTC)
    assert "moved" in str(event["SUMMARY"]).lower()
    description = str(event["DESCRIPTION"])
    assert "Moved: it was on 2026-10-23 at 10:00 in Tuschinski · Zaal 1." in description
    assert str(event["LOCATION"]).startswith("Eye Filmmuseum, Cinema 1")


def test_a_cancelled_screening_stays_in_the_feed_as_cancelled(visitor, screenings):
    river = screenings["river"]
    planner = plan(visitor, river)
    services.screening_cancel(river, notice_en="The print did not arrive.")
    event = events(read(Client().get(feed_url(planner))))[str(river.uid)]
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1
    assert "The print did not arrive." in str(event["DESCRIPTION"])
    assert str(event["SUMMARY"]).startswith("Cancelled")


def test_the_feed_is_in_the_language_of_its_address(visitor, week, screenings):
    planner = plan(visitor, screenings["river"])
    path = feed_url(planner).replace("/en/", "/nl/", 1)
    event = events(read(Client().get(path)))[str(screenings["river"].uid)]
    assert "Envision Competitie" in str(event["DESCRIPTION"])
    assert str(event["URL"]).startswith("http://testserver/nl/")


def test_the_feed_leaves_out_unpublished_films(visitor, screenings, hidden_screening):
    planner = plan(visitor, screenings["river"], hidden_screening)
    response = Client().get(feed_url(planner))
    assert set(events(read(response))) == {str(screenings["river"].uid)}
    body = response.content.decode()
    assert "Withdrawn Secret" not in body
    assert str(hidden_screening.uid) not in body


def test_a_replaced_feed_address_is_gone(visitor):
    planner = services.planner_for(visitor)
    old = feed_url(planner)
    services.feed_token_rotate(user=visitor)
    assert Client().get(old).status_code == 404
    planner.refresh_from_db()
    assert Client().get(feed_url(planner)).status_code == 200


def test_an_empty_plan_is_an_empty_calendar(visitor):
    calendar = read(Client().get(feed_url(services.planner_for(visitor))))
    assert events(calendar) == {}


def test_the_feed_says_nothing_of_its_owner(visitor, screenings):
    planner = plan(visitor, screenings["river"])
    body = Client().get(feed_url(planner)).content.decode()
    assert visitor.email not in body and "Ada Planner" not in body
    assert planner.share_token not in body


def test_the_feed_is_get_only(visitor):
    response = Client().post(feed_url(services.planner_for(visitor)))
    assert response.status_code == 405


# --- One screening's calendar file ----------------------------------------------


def test_a_screening_downloads_as_a_calendar_file(client, screenings):
    river = screenings["river"]
    response = client.get(ics_url(river))
    assert response["Content-Disposition"] == (
        'attachment; filename="river-of-glass-20261022-1400.ics"'
    )
    calendar = read(response)
    assert str(calendar["X-WR-CALNAME"]) == "River of Glass"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"{river.uid}@testserver"
    assert utc(event["DTSTART"]) == datetime.datetime(2026, 10, 22, 12, 0, tzinfo=UTC)


def test_a_screening_across_the_change_to_winter_time_has_its_real_end(client, week):
    night = schedule(week, "t1", 0, (2026, 10, 25, 1, 30))
    (event,) = read(client.get(ics_url(night))).walk("VEVENT")
    # 01:30 CEST is 23:30 UTC; 95 minutes later is 01:05 UTC (02:05 CET).
    assert utc(event["DTSTART"]) == datetime.datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    assert utc(event["DTEND"]) == datetime.datetime(2026, 10, 25, 1, 5, tzinfo=UTC)
    # 02:05 happens twice that night: the end is written in UTC, not as a
    # local time a calendar would read as the first 02:05.
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert "TZID" not in event["DTEND"].params
    assert b"DTEND:20261025T010500Z" in read_raw(client.get(ics_url(night)))


def test_a_programme_of_films_names_only_its_published_films(client, week):
    from festarchive.catalogue.models import Film

    programme = services.film_programme_create(
        edition=week.edition,
        title_en="Short Stories",
        films=[week.films[1], week.films[2]],
    )
    screening = services.screening_create(
        edition=week.edition,
        screen=week.screens["t2"],
        film_programme=programme,
        starts_at=local(2026, 10, 26, 19),
    )
    Film.objects.filter(pk=week.films[2].pk).update(is_published=False)
    (event,) = read(client.get(ics_url(screening))).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Short Stories"
    assert "The Salt Keepers" in str(event["DESCRIPTION"])
    assert "Night Shift" not in client.get(ics_url(screening)).content.decode()
    Film.objects.filter(pk=week.films[1].pk).update(is_published=False)
    assert client.get(ics_url(screening)).status_code == 404


def test_an_unpublished_film_has_no_calendar_file(client, hidden_screening):
    response = client.get(ics_url(hidden_screening))
    assert response.status_code == 404
    assert b"Withdrawn Secret" not in response.content


def test_bad_screening_addresses_are_not_found(client):
    for path in (
        "/en/festival/screenings/not-a-uuid.ics",
        "/en/festival/screenings/00000000-0000-0000-0000-000000000000.ics",
        "/en/festival/screenings/%00.ics",
    ):
        assert client.get(path).status_code == 404, path


def test_star_two_clashing_screenings_and_read_the_feed_back(client, visitor, week):
    """The browser test's journey through HTTP alone."""
    import re

    river = schedule(week, "t1", 0, (2026, 10, 22, 14))
    night = schedule(week, "t2", 2, (2026, 10, 22, 15))
    for screening in (river, night):
        url = reverse("programme:planner-star", kwargs={"uid": screening.uid})
        response = client.post(url, {"on": "1"}, headers={"HX-Request": "true"})
        assert 'aria-pressed="true"' in response.content.decode()
    html = client.get(reverse("programme:planner")).content.decode()
    assert "One clash in your plan" in html
    assert "Overlaps with River of Glass" in html
    feed = re.search(r'class="feed-url feed-url--https[^"]*">([^<]+)<', html).group(1)
    calendar = read(Client().get(feed.strip().removeprefix("http://testserver")))
    assert set(events(calendar)) == {str(river.uid), str(night.uid)}
