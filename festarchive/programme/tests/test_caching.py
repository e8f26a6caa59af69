"""The programme's pages go through the page cache, and a change to the
programme retires them; a visitor's star does not."""

import pytest

from festarchive.programme import services

from .programme_week import at, programme_week

# The version moves when a transaction commits: these tests commit.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("serial"),
]


CURRENT_TAB = 'aria-current="page"><time datetime="{}">'


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "PAGE_CACHE": True}


@pytest.fixture
def week(monkeypatch):
    at(monkeypatch, 2026, 10, 22, 9)
    return programme_week()


def test_the_programme_pages_are_cached(client, week):
    urls = [
        "/en/festival/",
        "/en/festival/idfa-2026/timetable/?day=2026-10-22",
        "/en/festival/venues/tuschinski/",
        f"/en/festival/programmes/{week.shorts.slug}/",
        f"/en/festival/screenings/{week.screenings['river'].uid}/",
    ]
    for url in urls:
        assert client.get(url)["X-Cache"] == "miss", url
        second = client.get(url)
        assert second["X-Cache"] == "hit", url
        assert "public" in second["Cache-Control"]


def test_the_cached_timetable_turns_to_the_next_day_at_six(client, monkeypatch, week):
    # Nothing is written overnight: the default day moves on with the clock.
    at(monkeypatch, 2026, 10, 23, 5, 59)
    assert CURRENT_TAB.format("2026-10-22") in client.get("/en/festival/").text
    night = client.get("/en/festival/")
    assert night["X-Cache"] == "hit"
    assert (
        client.get("/en/festival/", HTTP_IF_NONE_MATCH=night["ETag"]).status_code == 304
    )
    at(monkeypatch, 2026, 10, 23, 6, 0)
    morning = client.get("/en/festival/", HTTP_IF_NONE_MATCH=night["ETag"])
    assert morning.status_code == 200 and morning["X-Cache"] == "miss"
    assert CURRENT_TAB.format("2026-10-23") in morning.text
    assert morning["ETag"] != night["ETag"]


def test_a_change_to_a_screening_shows_at_once(client, week):
    url = "/en/festival/?day=2026-10-22"
    assert "Few tickets left" in client.get(url).content.decode()
    assert client.get(url)["X-Cache"] == "hit"
    services.screening_update(week.screenings["shorts"], ticket_state="sold_out")
    fresh = client.get(url)
    assert fresh["X-Cache"] == "miss"
    assert "Few tickets left" not in fresh.content.decode()


def test_a_change_to_a_venue_shows_at_once(client, week):
    url = "/en/festival/venues/tuschinski/"
    client.get(url)
    venue = week.week.venues["tuschinski"]
    venue.wheelchair_places = 6
    venue.save()
    assert "6 wheelchair places." in client.get(url).content.decode()


def test_a_star_in_a_planner_keeps_the_cached_pages(client, week):
    from festarchive.lists.tests.test_lists import make_visitor

    url = "/en/festival/?day=2026-10-22"
    client.get(url)
    services.plan_add(user=make_visitor(), screening=week.screenings["river"])
    assert client.get(url)["X-Cache"] == "hit"


def test_a_change_on_one_festival_day_keeps_the_other_days_cached(client, week):
    thursday = "/en/festival/idfa-2026/timetable/?day=2026-10-22"
    friday = "/en/festival/idfa-2026/timetable/?day=2026-10-23"
    for url in (thursday, friday):
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit"
    services.screening_update(week.screenings["salt"], ticket_state="few_left")
    assert client.get(thursday)["X-Cache"] == "miss"
    assert client.get(friday)["X-Cache"] == "hit"


def test_a_screening_moved_to_another_day_leaves_one_and_joins_the_other(client, week):
    from .programme_week import local

    thursday = "/en/festival/idfa-2026/timetable/?day=2026-10-22&view=list"
    friday = "/en/festival/idfa-2026/timetable/?day=2026-10-23&view=list"
    for url in (thursday, friday):
        client.get(url)
    screening = week.screenings["salt"]
    services.screening_update(screening, starts_at=local(2026, 10, 23, 10, 30))
    moved_to = client.get(friday)
    assert moved_to["X-Cache"] == "miss"
    assert screening.get_absolute_url() in moved_to.content.decode()
    moved_from = client.get(thursday)
    assert moved_from["X-Cache"] == "miss"
    assert screening.get_absolute_url() not in moved_from.content.decode()
