"""schema.org ScreeningEvents on the timetable, venue, programme and
screening pages, read back as JSON."""

import pytest

from festarchive.programme import services

from .pages import jsonld, page, screening_events
from .programme_week import TICKETS
from .week import local

pytestmark = pytest.mark.django_db

TUSCHINSKI = {
    "@type": "MovieTheater",
    "name": "Tuschinski",
    "url": "http://testserver/en/festival/venues/tuschinski/",
    "address": {
        "@type": "PostalAddress",
        "streetAddress": "Reguliersbreestraat 26-34",
        "addressLocality": "Amsterdam",
    },
    "geo": {"@type": "GeoCoordinates", "latitude": 52.3666, "longitude": 4.8949},
}


def by_name(events) -> dict:
    return {e["name"]: e for e in events}


def test_the_timetable_describes_each_screening_of_the_day(client, festival):
    river = festival.screenings["river"]
    events = by_name(screening_events(page(client, "/en/festival/?day=2026-10-22")))
    assert set(events) == {
        "River of Glass",
        "The Salt Keepers",
        "Shorts: Night and Salt",
        "Unknown Length",
    }
    assert events["River of Glass"] == {
        "@type": "ScreeningEvent",
        "name": "River of Glass",
        "url": f"http://testserver/en/festival/screenings/{river.uid}/",
        "startDate": "2026-10-22T14:00:00+02:00",
        "endDate": "2026-10-22T16:00:00+02:00",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": TUSCHINSKI,
        "workPresented": {
            "@type": "Movie",
            "name": "River of Glass",
            "url": f"http://testserver/en/films/{festival.week.films[0].slug}/",
        },
        "subtitleLanguage": "en",
        "superEvent": {
            "@type": "Festival",
            "name": "IDFA 2026",
            "url": "http://testserver/en/editions/idfa-2026/",
        },
        "offers": {
            "@type": "Offer",
            "url": TICKETS,
            "availability": "https://schema.org/InStock",
        },
    }


def test_sold_out_and_free_screenings_offer_what_they_can(client, festival):
    events = by_name(screening_events(page(client, "/en/festival/?day=2026-10-22")))
    # Sold out: no offer to follow.
    assert "offers" not in events["The Salt Keepers"]
    # Free without a ticket address: nothing to link either.
    assert "offers" not in events["Unknown Length"]
    assert events["Unknown Length"]["subtitleLanguage"] == "nl"
    # Half past midnight in October is still summer time.
    assert events["Unknown Length"]["startDate"] == "2026-10-23T00:30:00+02:00"
    shorts = events["Shorts: Night and Salt"]
    assert shorts["offers"]["availability"] == "https://schema.org/LimitedAvailability"
    assert shorts["inLanguage"] == "nl"
    assert [w["name"] for w in shorts["workPresented"]] == [
        "Night Shift",
        "The Salt Keepers",
    ]
    assert shorts["location"]["name"] == "Eye Filmmuseum"


def test_times_after_the_clock_change_carry_the_winter_offset(client, festival):
    week = festival.week
    services.screening_create(
        edition=week.edition,
        screen=week.screens["t1"],
        film=week.films[0],
        starts_at=local(2026, 10, 26, 20),
    )
    (event,) = screening_events(page(client, "/en/festival/?day=2026-10-26"))
    assert event["startDate"] == "2026-10-26T20:00:00+01:00"
    assert event["endDate"] == "2026-10-26T21:35:00+01:00"


def test_cancelled_and_moved_screenings_have_their_status(client, festival):
    salt = festival.screenings["salt"]
    services.screening_update(salt, starts_at=local(2026, 10, 22, 11))
    events = by_name(screening_events(page(client, "/en/festival/?day=2026-10-22")))
    moved = events["The Salt Keepers"]
    assert moved["eventStatus"] == "https://schema.org/EventRescheduled"
    assert moved["previousStartDate"] == "2026-10-22T10:30:00+02:00"
    assert moved["startDate"] == "2026-10-22T11:00:00+02:00"
    (cancelled,) = screening_events(page(client, "/en/festival/?day=2026-10-23"))
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert "offers" not in cancelled


def test_the_original_version_is_in_the_films_languages(client, festival):
    from festarchive.catalogue.models import FilmLanguage

    FilmLanguage.objects.create(film=festival.week.films[0], language="uk")
    events = by_name(screening_events(page(client, "/en/festival/?day=2026-10-22")))
    assert events["River of Glass"]["inLanguage"] == "uk"


def test_the_venue_page_describes_the_theatre_and_its_day(client, festival):
    (graph,) = jsonld(page(client, "/en/festival/venues/tuschinski/"))
    theatre = graph["@graph"][0]
    assert theatre == {**TUSCHINSKI, "maximumAttendeeCapacity": 1040, "screenCount": 2}
    assert [e["name"] for e in graph["@graph"][1:]] == [
        "The Salt Keepers",
        "River of Glass",
        "Unknown Length",
    ]


def test_programme_and_screening_pages_describe_their_screenings(client, festival):
    shorts = festival.screenings["shorts"]
    (event,) = screening_events(
        page(client, f"/en/festival/programmes/{festival.shorts.slug}/")
    )
    assert event["url"].endswith(f"/festival/screenings/{shorts.uid}/")
    (single,) = jsonld(page(client, f"/en/festival/screenings/{shorts.uid}/"))
    assert single["@context"] == "https://schema.org"
    assert single["@type"] == "ScreeningEvent"
    assert single["startDate"] == "2026-10-22T20:00:00+02:00"
    assert single["endDate"] == "2026-10-22T20:30:00+02:00"


def test_dutch_pages_name_the_screenings_in_dutch(client, festival):
    events = by_name(screening_events(page(client, "/nl/festival/?day=2026-10-22")))
    assert "Korte films: nacht en zout" in events
    assert events["River of Glass"]["url"].startswith("http://testserver/nl/")


def test_unpublished_films_are_not_described(client, festival):
    for url in ("/en/festival/?day=2026-10-22", "/en/festival/venues/tuschinski/"):
        names = [e["name"] for e in screening_events(page(client, url))]
        assert "Secret Cut" not in names
