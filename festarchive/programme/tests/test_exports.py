"""An edition's programme as CSV, JSON and iCal: what is public, and the shapes."""

import csv
import datetime
import io
import json

import icalendar
import pytest

from festarchive.catalogue.models import Film
from festarchive.programme import services
from festarchive.programme.exports import EXPORT_COLUMNS

from .week import local, small_week

pytestmark = pytest.mark.django_db


@pytest.fixture
def week():
    week = small_week()
    films = week.films
    programme = services.film_programme_create(
        edition=week.edition, title_en="Short Nights", films=[films[1], films[2]]
    )
    week.extra["river"] = services.screening_create(
        edition=week.edition,
        screen=week.screens["t1"],
        film=films[0],
        starts_at=local(2026, 10, 22, 14),
        sdh=True,
        subtitles_en=True,
        has_qa=True,
    )
    week.extra["shorts"] = services.screening_create(
        edition=week.edition,
        screen=week.screens["e1"],
        film_programme=programme,
        starts_at=local(2026, 10, 23, 21),
    )
    week.extra["hidden"] = services.screening_create(
        edition=week.edition,
        screen=week.screens["t2"],
        film=films[3],
        starts_at=local(2026, 10, 24, 10),
    )
    # Night Shift (in the programme) and Unknown Length are not published.
    Film.objects.filter(pk__in=[films[2].pk, films[3].pk]).update(is_published=False)
    return week


URL = "/en/festival/idfa-2026/programme.{}"


def test_the_csv_has_the_import_columns_and_only_public_screenings(client, week):
    response = client.get(URL.format("csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert [r["id"] for r in rows] == [
        str(week.extra["river"].uid),
        str(week.extra["shorts"].uid),
    ]
    river = rows[0]
    assert river["start"] == "2026-10-22 14:00" and river["end"] == ""
    assert (river["subtitles"], river["access"], river["qa"]) == ("en", "sdh", "yes")
    assert river["url"].startswith("http://testserver/en/festival/screenings/")
    assert rows[1]["programme"] == "idfa-2026-short-nights"


def test_the_json_leaves_unpublished_films_out_of_a_programme(client, week):
    response = client.get(URL.format("json"))
    assert response["Content-Type"] == "application/json"
    document = json.loads(response.content)
    assert document["edition"]["slug"] == "idfa-2026"
    assert document["edition"]["time_zone"] == "Europe/Amsterdam"
    river, shorts = document["screenings"]
    assert river["starts_at"] == "2026-10-22T14:00:00+02:00"
    assert river["access"] == ["subtitles-en", "sdh"]
    assert river["films"][0]["slug"] == "river-of-glass-2026"
    assert shorts["programme"]["slug"] == "idfa-2026-short-nights"
    assert [f["slug"] for f in shorts["films"]] == ["the-salt-keepers-2026"]
    text = response.content.decode()
    for private in ("token", "planner", "unknown-length", "night-shift"):
        assert private not in text


def test_the_calendar_has_one_event_a_public_screening(client, week):
    services.screening_cancel(week.extra["river"], notice_en="The print is lost.")
    response = client.get(URL.format("ics"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    parsed = icalendar.Calendar.from_ical(response.content)
    events = list(parsed.walk("VEVENT"))
    assert len(events) == 2
    river = events[0]
    assert str(river["UID"]) == f"{week.extra['river'].uid}@testserver"
    assert river["STATUS"] == "CANCELLED" and river["SEQUENCE"] == 1
    assert river.decoded("DTSTART") == datetime.datetime(
        2026, 10, 22, 12, tzinfo=datetime.UTC
    )
    assert river.decoded("DTEND") - river.decoded("DTSTART") == datetime.timedelta(
        minutes=95
    )
    assert "Tuschinski, Zaal 1" in str(river["LOCATION"])
    assert river["GEO"].latitude == pytest.approx(52.3666)
    assert "The print is lost." in str(river["DESCRIPTION"])
    assert events[1]["STATUS"] == "CONFIRMED"
    assert parsed["X-WR-CALNAME"] == "IDFA 2026"


def test_a_moved_screening_counts_its_changes_in_the_file(client, week):
    river = week.extra["river"]
    services.screening_update(river, starts_at=local(2026, 10, 22, 16))
    parsed = icalendar.Calendar.from_ical(client.get(URL.format("ics")).content)
    event = next(e for e in parsed.walk("VEVENT") if str(river.uid) in e["UID"])
    assert str(event["URL"]) == (
        f"http://testserver/en/festival/screenings/{river.uid}/"
    )
    assert event["SEQUENCE"] == 1
    assert "LAST-MODIFIED" in event
    assert "it was on 2026-10-22 at 14:00" in str(event["DESCRIPTION"])


@pytest.mark.parametrize(
    "url",
    [
        "/en/festival/idfa-2026/programme.xml",
        "/en/festival/idfa-2026/programme.",
        "/en/festival/idfa-1999/programme.csv",
    ],
)
def test_an_unknown_format_or_edition_is_not_found(client, week, url):
    assert client.get(url).status_code == 404
