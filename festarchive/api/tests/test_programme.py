"""The programme in the API: screenings and venues, filters, paging, what is
public and what never is."""

import datetime

import pytest

from festarchive.api import cursors
from festarchive.catalogue.models import Film
from festarchive.programme import services
from festarchive.programme.tests.week import local, small_week

pytestmark = pytest.mark.django_db


@pytest.fixture
def week():
    week = small_week()
    films, screens = week.films, week.screens
    programme = services.film_programme_create(
        edition=week.edition, title_en="Short Nights", films=[films[1], films[2]]
    )

    def add(key, screen, at, **fields):
        week.extra[key] = services.screening_create(
            edition=week.edition, screen=screens[screen], starts_at=local(*at), **fields
        )

    add("river", "t1", (2026, 10, 22, 14), film=films[0], sdh=True, has_qa=True)
    add("shorts", "e1", (2026, 10, 22, 21), film_programme=programme, relaxed=True)
    # Just after midnight: the 23rd on the festival's clock, the 22nd in UTC.
    add("late", "t2", (2026, 10, 23, 0, 30), film=films[1], kind="press_industry")
    add("hidden", "t2", (2026, 10, 24, 10), film=films[3])
    Film.objects.filter(pk__in=[films[2].pk, films[3].pk]).update(is_published=False)
    return week


def _data(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, response.content
    return response.json()


def _ids(answer) -> list[str]:
    return [s["id"] for s in answer["data"]]


def test_a_screening_whole(client, week):
    river = week.extra["river"]
    answer = _data(client, f"/api/v1/screenings/{river.uid}")
    answer["data"]["updated_at"] = "(changes)"
    assert answer == {
        "data": {
            "id": str(river.uid),
            "url": f"/api/v1/screenings/{river.uid}",
            "html": f"/en/festival/screenings/{river.uid}/",
            "title": "River of Glass",
            "edition": {
                "slug": "idfa-2026",
                "name": "IDFA 2026",
                "url": "/api/v1/editions/idfa-2026",
            },
            "section": {
                "slug": week.section.slug,
                "name": "Envision Competition",
                "url": f"/api/v1/sections/{week.section.slug}",
            },
            "films": [
                {
                    "slug": "river-of-glass-2026",
                    "name": "River of Glass",
                    "url": "/api/v1/films/river-of-glass-2026",
                }
            ],
            "programme": None,
            "venue": {
                "slug": "tuschinski",
                "name": "Tuschinski",
                "url": "/api/v1/venues/tuschinski",
            },
            "screen": "Zaal 1",
            "starts_at": "2026-10-22T12:00:00Z",
            "ends_at": "2026-10-22T13:35:00Z",
            "day": "2026-10-22",
            "duration_minutes": 95,
            "extra_minutes": 0,
            "kind": {"code": "public", "name": "Public screening"},
            "language_version": {"code": "original", "name": "Original version"},
            "access": [
                {
                    "code": "sdh",
                    "name": "Subtitles for the deaf and hard of hearing",
                }
            ],
            "qa": True,
            "guests": [],
            "tickets": {"code": "not_yet", "name": "Not yet on sale"},
            "ticket_url": "",
            "status": {"code": "scheduled", "name": "Scheduled"},
            "notice": "",
            "notice_en": "",
            "notice_nl": "",
            "moved_from": None,
            "sequence": 0,
            "updated_at": "(changes)",
        },
        "links": {
            "self": f"/api/v1/screenings/{river.uid}",
            "html": f"/en/festival/screenings/{river.uid}/",
            "next": None,
        },
    }


def test_a_moved_screening_says_where_and_when_it_was(client, week):
    river = week.extra["river"]
    services.screening_update(river, starts_at=local(2026, 10, 22, 16))
    data = _data(client, f"/api/v1/screenings/{river.uid}")["data"]
    assert data["status"]["code"] == "moved" and data["sequence"] == 1
    assert data["moved_from"] == {
        "starts_at": "2026-10-22T12:00:00Z",
        "screen": "Tuschinski · Zaal 1",
    }


def test_only_screenings_of_published_films_are_listed(client, week):
    answer = _data(client, "/api/v1/screenings")
    extra = week.extra
    assert _ids(answer) == [
        str(extra["river"].uid),
        str(extra["shorts"].uid),
        str(extra["late"].uid),
    ]
    shorts = answer["data"][1]
    assert shorts["programme"]["slug"] == "idfa-2026-short-nights"
    assert [f["slug"] for f in shorts["films"]] == ["the-salt-keepers-2026"]
    hidden = extra["hidden"].uid
    assert _data(client, f"/api/v1/screenings/{hidden}", status=404)["error"][
        "code"
    ] == ("not_found")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"edition": "idfa-2026"}, ["river", "shorts", "late"]),
        ({"edition": "idfa-2025"}, []),
        ({"edition": "no such edition!"}, []),
        # Festival days, as on the timetable: 00:30 belongs to the evening before.
        ({"day": "2026-10-22"}, ["river", "shorts", "late"]),
        ({"day": "2026-10-23"}, []),
        ({"venue": "eye-filmmuseum"}, ["shorts"]),
        ({"film": "the-salt-keepers-2026"}, ["shorts", "late"]),
        ({"film": "night-shift-2025"}, []),  # not published
        ({"access": "sdh"}, ["river"]),
        ({"access": "relaxed"}, ["shorts"]),
        ({"kind": "press_industry"}, ["late"]),
        ({"kind": "public", "venue": "tuschinski"}, ["river"]),
    ],
)
def test_screening_filters(client, week, params, expected):
    answer = _data(client, "/api/v1/screenings", params)
    assert _ids(answer) == [str(week.extra[key].uid) for key in expected]


def test_screenings_page_in_time_order_with_cursors(client, week):
    # Two at the same moment in two screens: the id breaks the tie.
    for screen in ("t2", "e1"):
        services.screening_create(
            edition=week.edition,
            screen=week.screens[screen],
            film=week.films[0],
            starts_at=local(2026, 10, 25, 12),
        )
    seen, url = [], "/api/v1/screenings?limit=2"
    while url:
        answer = _data(client, url)
        seen += _ids(answer)
        url = answer["links"]["next"]
    assert len(seen) == len(set(seen)) == 5
    assert seen == _ids(_data(client, "/api/v1/screenings"))


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"day": "2026-02-30"}, "invalid_parameter"),
        ({"day": "22-10-2026"}, "invalid_parameter"),
        ({"day": "２０２６-10-22"}, "invalid_parameter"),
        ({"kind": "gala"}, "invalid_parameter"),
        ({"access": "loud"}, "invalid_parameter"),
        ({"limit": "0"}, "invalid_parameter"),
        ({"cursor": "nonsense"}, "bad_cursor"),
        ({"cursor": cursors.encode(at="2026-10-22T12:00:00", after=3)}, "bad_cursor"),
        ({"cursor": cursors.encode(at="yesterday", after=3)}, "bad_cursor"),
        ({"cursor": cursors.encode(after=3)}, "bad_cursor"),
    ],
)
def test_hostile_screening_parameters_get_the_error_shape(client, week, params, code):
    error = _data(client, "/api/v1/screenings", params, status=400)["error"]
    assert error["status"] == 400 and error["code"] == code
    assert isinstance(error["message"], str) and isinstance(error["details"], list)


@pytest.mark.parametrize("uid", ["not-a-uid", "0" * 32, "%00", "1" * 5000])
def test_an_unknown_screening_is_not_found(client, week, uid):
    assert _data(client, f"/api/v1/screenings/{uid}", status=404)["error"]["code"] == (
        "not_found"
    )


def test_venues_and_a_venue_with_its_screens(client, week):
    answer = _data(client, "/api/v1/venues")
    assert [v["slug"] for v in answer["data"]] == ["tuschinski", "eye-filmmuseum"]
    tuschinski = answer["data"][0]
    assert tuschinski["latitude"] == pytest.approx(52.3666)
    assert tuschinski["step_free"] is True and tuschinski["wheelchair_places"] == 4
    assert "screens" not in tuschinski
    detail = _data(client, "/api/v1/venues/tuschinski")["data"]
    assert detail["screens"] == [
        {"name": "Zaal 1", "capacity": 740, "order": 100},
        {"name": "Zaal 2", "capacity": 300, "order": 100},
    ]
    assert detail["map_url"].startswith("https://www.openstreetmap.org/")
    assert _data(client, "/api/v1/venues/nowhere", status=404)["error"]["code"] == (
        "not_found"
    )


def test_nothing_private_reaches_another_visitor(client, django_user_model, week):
    owner = django_user_model.objects.create_user(
        username="owner-of-plans", email="owner@example.org", password="pw"
    )
    services.plan_add(user=owner, screening=week.extra["river"])
    planner = services.planner_settings_update(user=owner, is_shared=True)
    other = django_user_model.objects.create_user(username="someone", password="pw")
    urls = [
        "/api/v1/screenings",
        f"/api/v1/screenings/{week.extra['river'].uid}",
        "/api/v1/venues",
        "/api/v1/venues/tuschinski",
        "/api/v1/films/river-of-glass-2026",
        "/api/v1/openapi.json",
    ]
    secrets = [
        planner.feed_token,
        planner.share_token,
        "owner-of-plans",
        "owner@example.org",
        "planned",
        "planner",
    ]
    for who in (None, other, owner):
        if who is not None:
            client.force_login(who)
        for url in urls:
            body = client.get(url).content.decode()
            for secret in secrets:
                assert secret not in body, (url, secret)


def test_a_day_on_the_night_the_clocks_go_back_lasts_25_hours(client, week):
    late = services.screening_create(
        edition=week.edition,
        screen=week.screens["e1"],
        film=week.films[0],
        starts_at=datetime.datetime(2026, 10, 25, 22, 30, tzinfo=datetime.UTC),
    )  # 23:30 on the 25th, winter time
    answer = _data(client, "/api/v1/screenings", {"day": "2026-10-25"})
    assert _ids(answer) == [str(late.uid)]
    assert answer["data"][0]["day"] == "2026-10-25"
