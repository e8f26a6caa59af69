"""My festival through HTTP: starring, the plan by day, clashes and travel
time, settings, the shared plan, and who may see what."""

# The fixtures come from plan_fixtures; pytest passes them in by name.
# ruff: noqa: F811

import datetime
import re

import pytest
from django.contrib.auth import get_user
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse

from festarchive.lists.tests.test_lists import PASSWORD, make_visitor
from festarchive.programme import plans, services
from festarchive.programme.models import PlannedScreening, Planner
from festarchive.programme.vocabulary import TravelMode
from festarchive.testing.hostile import ODD_NUMBERS

from .plan_fixtures import (  # noqa: F401 - fixtures
    TICKETS,
    hidden_screening,
    plan,
    screenings,
    visitor,
    week,
)
from .week import local

pytestmark = pytest.mark.django_db


def star_url(screening):
    return reverse("programme:planner-star", kwargs={"uid": screening.uid})


def planned(user):
    return set(
        PlannedScreening.objects.filter(planner__user=user).values_list(
            "screening_id", flat=True
        )
    )


# --- The star ---------------------------------------------------------------


def test_starring_a_screening_plans_it_and_comes_back(client, visitor, screenings):
    river = screenings["river"]
    response = client.post(star_url(river), {"on": "1", "next": "/en/festival/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/festival/"
    assert planned(visitor) == {river.pk}
    response = client.post(star_url(river), {"on": "0", "next": "/en/festival/"})
    assert planned(visitor) == set()


def test_the_star_toggles_when_it_says_nothing(client, visitor, screenings):
    river = screenings["river"]
    client.post(star_url(river))
    assert planned(visitor) == {river.pk}
    client.post(star_url(river))
    assert planned(visitor) == set()


def test_a_star_pressed_twice_plans_the_screening_once(client, visitor, screenings):
    river = screenings["river"]
    client.post(star_url(river), {"on": "1"})
    client.post(star_url(river), {"on": "1"})
    assert PlannedScreening.objects.filter(screening=river).count() == 1


def test_the_star_goes_back_only_to_our_own_pages(client, visitor, screenings):
    river = screenings["river"]
    for target in (
        "https://evil.example/",
        "//evil.example/",
        "javascript:alert(1)",
        "\\\\evil.example",
    ):
        response = client.post(star_url(river), {"on": "1", "next": target})
        assert response["Location"] == river.get_absolute_url(), target


def test_htmx_gets_the_star_back_pressed(client, visitor, screenings):
    river = screenings["river"]
    response = client.post(
        star_url(river),
        {"on": "1", "next": "/en/festival/"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    # Posted again without JavaScript, it would still come back to the page.
    assert 'name="next" value="/en/festival/"' in html
    assert 'aria-pressed="true"' in html
    assert html.lstrip().startswith("<form")
    assert 'name="on" value="0"' in html
    response = client.post(star_url(river), {"on": "0"}, headers={"HX-Request": "true"})
    assert 'aria-pressed="false"' in response.content.decode()


def test_the_star_is_post_only(client, visitor, screenings):
    response = client.get(star_url(screenings["river"]))
    assert response.status_code == 405
    assert planned(visitor) == set()


def test_an_anonymous_star_asks_to_log_in_and_plans_after(client, screenings):
    river = screenings["river"]
    user = make_visitor("later@example.org")
    response = client.post(star_url(river), {"on": "1", "next": "/en/festival/"})
    assert response.status_code == 302
    login = reverse("account_login")
    assert response["Location"].startswith(login)
    assert "next=%2Fen%2Ffestival%2F" in response["Location"]
    response = client.post(
        login, {"login": user.email, "password": PASSWORD, "next": "/en/festival/"}
    )
    assert response.status_code == 302
    assert get_user(client).pk == user.pk
    assert planned(user) == {river.pk}


def test_an_anonymous_htmx_star_is_redirected_by_header(client, screenings):
    response = client.post(
        star_url(screenings["river"]), {"on": "1"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("account_login"))


def test_an_unpublished_or_unknown_screening_cannot_be_starred(
    client, visitor, hidden_screening
):
    assert client.post(star_url(hidden_screening), {"on": "1"}).status_code == 404
    assert planned(visitor) == set()
    bad = "/en/my-archive/festival/star/not-a-uuid/"
    assert client.post(bad, {"on": "1"}).status_code == 404
    unknown = "/en/my-archive/festival/star/00000000-0000-0000-0000-000000000000/"
    assert client.post(unknown, {"on": "1"}).status_code == 404


def test_the_star_needs_the_csrf_token(visitor, screenings):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(visitor)
    response = strict.post(star_url(screenings["river"]), {"on": "1"})
    assert response.status_code == 403
    assert planned(visitor) == set()


# --- The star tag -------------------------------------------------------------

STARS = Template(
    "{% load planner %}{% for s in screenings %}{% star_button s %}{% endfor %}"
)


def _render_stars(request, screenings):
    return STARS.render(
        Context({"request": request, "screenings": screenings, "csrf_token": "t"})
    )


def test_the_star_tag_costs_one_query_for_a_visitor(
    django_assert_num_queries, screenings
):
    user = make_visitor("tag@example.org")
    river, overlap, early = (
        screenings["river"],
        screenings["overlap"],
        screenings["early"],
    )
    plan(user, overlap)
    request = RequestFactory().get("/en/festival/")
    request.user = user
    with django_assert_num_queries(1):
        html = _render_stars(request, [river, overlap, early])
    assert html.count("<form") == 3
    assert html.count('aria-pressed="true"') == 1
    assert f'id="star-{overlap.uid}"' in html


def test_the_star_tag_costs_nothing_for_an_anonymous_visitor(
    django_assert_num_queries, screenings
):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/en/festival/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        html = _render_stars(request, [screenings["river"], screenings["early"]])
    assert "<form" not in html
    assert html.count(reverse("account_login") + "?next=/en/festival/") == 2


# --- My festival ----------------------------------------------------------------


def test_my_festival_needs_a_log_in(client):
    for name in ("programme:planner", "programme:planner-print"):
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("account_login"))
    for name in (
        "programme:planner-settings",
        "programme:planner-feed-rotate",
    ):
        response = client.post(reverse(name), {"travel_mode": "cycling"})
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("account_login"))
    assert Planner.objects.count() == 0


def test_my_festival_shows_the_plan_by_day(client, visitor, screenings):
    plan(visitor, screenings["river"], screenings["early"])
    response = client.get(reverse("programme:planner"))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    html = response.content.decode()
    assert "Thursday 22 October 2026" in html
    assert "Friday 23 October 2026" in html
    assert html.index("Thursday 22 October") < html.index("Friday 23 October")
    assert "14:00</time>–<time" in html and "15:35</time>" in html
    assert "Tuschinski · Zaal 1" in html
    assert "River of Glass" in html
    assert f'href="{TICKETS}"' in html
    assert f'id="star-{screenings["river"].uid}"' in html
    assert 'aria-pressed="true"' in html
    assert reverse("programme:planner-print") in html


def test_an_empty_plan_says_what_to_do(client, visitor):
    html = client.get(reverse("programme:planner")).content.decode()
    assert "Nothing planned yet." in html
    assert reverse("programme:timetable") in html


def test_overlapping_screenings_are_a_clash(client, visitor, screenings):
    plan(visitor, screenings["river"], screenings["overlap"])
    html = client.get(reverse("programme:planner")).content.decode()
    assert "One clash in your plan" in html
    assert "Overlaps with River of Glass at Tuschinski, 14:00 to 15:35." in html


def _travel_warnings(screenings, mode):
    user = make_visitor(f"{mode}@example.org")
    plan(user, screenings["early"], screenings["across"])
    services.planner_settings_update(user=user, travel_mode=mode)
    return plans.plan_by_day(services.planner_for(user)).warnings


def test_twenty_minutes_is_too_short_to_walk_two_kilometres(screenings):
    warnings = _travel_warnings(screenings, TravelMode.WALKING)
    assert [w.kind for w in warnings] == [plans.TOO_FAR]
    assert warnings[0].free == 20
    assert warnings[0].needed > 20
    assert warnings[0].later == screenings["across"]


def test_twenty_minutes_is_enough_to_cycle_two_kilometres(screenings):
    assert _travel_warnings(screenings, TravelMode.CYCLING) == []


def test_travel_time_follows_the_distance_and_the_mode(week):
    tuschinski, eye = week.venues["tuschinski"], week.venues["eye"]
    km = plans.distance_km(tuschinski, eye)
    assert 1.9 < km < 2.1
    assert plans.travel_minutes(tuschinski, eye, TravelMode.WALKING) == 40
    assert plans.travel_minutes(tuschinski, eye, TravelMode.CYCLING) == 17
    assert plans.travel_minutes(eye, eye, TravelMode.WALKING) == 5


def test_the_travel_warning_shows_on_my_festival(client, visitor, screenings):
    plan(visitor, screenings["early"], screenings["across"])
    html = client.get(reverse("programme:planner")).content.decode()
    assert "Too little time to get here from Tuschinski after River of Glass" in html
    assert "20 minutes" in html and "walking takes about 40 minutes" in html
    client.post(reverse("programme:planner-settings"), {"travel_mode": "cycling"})
    html = client.get(reverse("programme:planner")).content.decode()
    assert "Too little time" not in html


def test_a_venue_without_coordinates_gives_no_travel_warning_but_says_so(
    client, visitor, week, screenings
):
    eye = week.venues["eye"]
    eye.latitude = eye.longitude = None
    eye.save()
    plan(visitor, screenings["early"], screenings["across"])
    html = client.get(reverse("programme:planner")).content.decode()
    assert "Too little time" not in html
    assert "clash in your plan" not in html and "clashes in your plan" not in html
    assert "no map position" in html
    assert "Travel time unknown:" in html


def test_a_cancelled_screening_stays_marked_and_clashes_with_nothing(
    client, visitor, screenings
):
    services.screening_cancel(screenings["overlap"], notice_en="The print is lost.")
    plan(visitor, screenings["river"], screenings["overlap"])
    html = client.get(reverse("programme:planner")).content.decode()
    assert "Night Shift" in html
    assert "Cancelled" in html and "The print is lost." in html
    assert "plan-item--cancelled" in html
    assert "clashes in your plan" not in html and "One clash" not in html


def test_a_moved_screening_says_where_and_when_it_was(
    client, visitor, week, screenings
):
    early = screenings["early"]
    plan(visitor, early)
    services.screening_update(
        early, starts_at=local(2026, 10, 23, 16), screen=week.screens["e1"]
    )
    html = client.get(reverse("programme:planner")).content.decode()
    assert "Moved" in html
    assert "Moved from Friday 23 October at 10:00 in Tuschinski · Zaal 1." in html
    assert "Eye Filmmuseum · Cinema 1" in html
    assert "16:00</time>" in html


def test_a_plan_across_the_change_to_winter_time_keeps_its_clock(client, visitor, week):
    from .plan_fixtures import schedule

    night = schedule(week, "t1", 0, (2026, 10, 25, 1, 30))
    plan(visitor, night)
    html = client.get(reverse("programme:planner")).content.decode()
    assert "Sunday 25 October 2026" in html
    assert "01:30</time>–<time" in html and "02:05</time>" in html


def test_the_printable_plan_has_no_buttons(client, visitor, screenings):
    plan(visitor, screenings["river"], screenings["overlap"])
    response = client.get(reverse("programme:planner-print"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "River of Glass" in html and "Overlaps with" in html
    assert "star-" not in html
    assert "planner.css" in html
    assert 'name="robots" content="noindex' in html


def test_my_archive_links_to_my_festival(client, visitor):
    html = client.get(reverse("lists:my-archive")).content.decode()
    assert reverse("programme:planner") in html


# --- Settings ------------------------------------------------------------------


def test_a_bad_travel_mode_is_a_form_error(client, visitor):
    for value in ("flying", "", "walking\x00", "¹²³⁴", "x" * 5000):
        response = client.post(
            reverse("programme:planner-settings"), {"travel_mode": value}
        )
        assert response.status_code == 400, value
        assert "Choose walking or cycling." in response.content.decode()
    assert services.planner_for(visitor).travel_mode == TravelMode.WALKING


def test_settings_are_post_only(client, visitor):
    assert client.get(reverse("programme:planner-settings")).status_code == 405
    assert client.get(reverse("programme:planner-feed-rotate")).status_code == 405
    assert client.post(reverse("programme:planner")).status_code == 405


def test_the_travel_mode_is_saved(client, visitor):
    response = client.post(
        reverse("programme:planner-settings"), {"travel_mode": "cycling"}
    )
    assert response.status_code == 302
    assert services.planner_for(visitor).travel_mode == TravelMode.CYCLING
    assert not services.planner_for(visitor).is_shared


# --- The shared plan -----------------------------------------------------------


def shared_url(planner):
    return reverse("programme:planner-shared", kwargs={"token": planner.share_token})


def test_a_plan_is_not_shared_until_its_owner_says_so(client, visitor, screenings):
    planner = plan(visitor, screenings["river"])
    stranger = Client()
    assert stranger.get(shared_url(planner)).status_code == 404
    client.post(
        reverse("programme:planner-settings"),
        {"travel_mode": "walking", "is_shared": "on"},
    )
    planner.refresh_from_db()
    assert planner.is_shared
    html = client.get(reverse("programme:planner")).content.decode()
    assert shared_url(planner) in html
    response = stranger.get(shared_url(planner))
    assert response.status_code == 200
    assert response["X-Robots-Tag"].startswith("noindex")
    html = response.content.decode()
    assert "River of Glass" in html
    assert "Ada Planner’s festival" in html
    assert 'name="robots" content="noindex' in html


def test_the_shared_plan_shows_nothing_private(
    client, visitor, screenings, hidden_screening
):
    planner = plan(visitor, screenings["river"], hidden_screening)
    services.planner_settings_update(user=visitor, is_shared=True)
    planner.refresh_from_db()
    html = Client().get(shared_url(planner)).content.decode()
    assert visitor.email not in html
    assert "planner@" not in html
    assert planner.feed_token not in html
    assert (
        reverse("programme:planner-feed", kwargs={"token": planner.feed_token})
        not in html
    )
    assert "Withdrawn Secret" not in html
    assert str(hidden_screening.uid) not in html
    assert "Overlaps" not in html and "travel" not in html.lower()


def test_the_shared_plan_of_a_visitor_without_a_name_names_nobody(client, screenings):
    user = make_visitor("nameless@example.org")
    planner = plan(user, screenings["river"])
    services.planner_settings_update(user=user, is_shared=True)
    planner.refresh_from_db()
    html = Client().get(shared_url(planner)).content.decode()
    assert "A festival plan" in html
    assert "nameless" not in html


def test_unsharing_breaks_the_old_link_for_good(client, visitor, screenings):
    planner = plan(visitor, screenings["river"])
    services.planner_settings_update(user=visitor, is_shared=True)
    planner.refresh_from_db()
    old = shared_url(planner)
    assert Client().get(old).status_code == 200
    response = client.post(
        reverse("programme:planner-settings"), {"travel_mode": "walking"}
    )
    assert response.status_code == 302
    assert Client().get(old).status_code == 404
    client.post(
        reverse("programme:planner-settings"),
        {"travel_mode": "walking", "is_shared": "on"},
    )
    planner.refresh_from_db()
    assert Client().get(old).status_code == 404
    assert Client().get(shared_url(planner)).status_code == 200


@pytest.mark.parametrize(
    "token",
    [
        "nope",
        "a" * 43,
        "a" * 5000,
        "%00",
        "abc%00def",
        "a b",
        "é" * 10,
        "..%2F..%2Fetc",
        "'; DROP TABLE programme_planner; --",
        *ODD_NUMBERS,
    ],
)
def test_bad_tokens_are_not_found(client, token):
    for name in ("programme:planner-shared", "programme:planner-feed"):
        url = reverse(name, kwargs={"token": "TOKEN"}).replace("TOKEN", token)
        assert client.get(url).status_code == 404, (name, token)


def test_the_data_download_holds_the_plan_and_nobody_elses(
    client, visitor, screenings, hidden_screening
):
    planner = plan(visitor, screenings["river"], hidden_screening)
    plan(make_visitor("other@example.org"), screenings["early"])
    data = client.get(reverse("accounts:data-json")).json()
    mine = data["festival_plan"]
    assert (mine["travel_mode"], mine["shared"]) == ("walking", False)
    assert [s["id"] for s in mine["screenings"]] == [str(screenings["river"].uid)]
    assert mine["screenings"][0]["starts_at"] == "2026-10-22T14:00:00+02:00"
    assert mine["screenings"][0]["venue"] == "Tuschinski"
    text = client.get(reverse("accounts:data-json")).content.decode()
    csv_text = client.get(reverse("accounts:data-csv")).content.decode()
    for body in (text, csv_text):
        assert planner.feed_token not in body and planner.share_token not in body
        assert str(screenings["early"].uid) not in body
        assert "Withdrawn Secret" not in body
    assert "planned screening,,,River of Glass," in csv_text


def test_deleting_the_account_ends_the_feed_and_the_shared_plan(
    client, visitor, screenings
):
    planner = plan(visitor, screenings["river"])
    planner = services.planner_settings_update(user=visitor, is_shared=True)
    feed = reverse("programme:planner-feed", kwargs={"token": planner.feed_token})
    shared = reverse("programme:planner-shared", kwargs={"token": planner.share_token})
    assert Client().get(feed).status_code == Client().get(shared).status_code == 200
    client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert Client().get(feed).status_code == Client().get(shared).status_code == 404
    assert not Planner.objects.exists() and not PlannedScreening.objects.exists()


# --- Another visitor --------------------------------------------------------------


def test_another_visitor_never_sees_or_changes_the_plan(client, visitor, screenings):
    owner = make_visitor("owner@example.org")
    owners = plan(owner, screenings["river"])
    for name in ("programme:planner", "programme:planner-print"):
        html = client.get(reverse(name)).content.decode()
        assert "River of Glass" not in html, name
        assert owners.feed_token not in html and owners.share_token not in html
    # The intruder's own star of the same screening touches only their plan.
    client.post(star_url(screenings["river"]), {"on": "0"})
    assert planned(owner) == {screenings["river"].pk}
    client.post(reverse("programme:planner-feed-rotate"))
    client.post(
        reverse("programme:planner-settings"),
        {"travel_mode": "cycling", "is_shared": "on"},
    )
    owners_now = Planner.objects.get(pk=owners.pk)
    assert (owners_now.feed_token, owners_now.travel_mode, owners_now.is_shared) == (
        owners.feed_token,
        TravelMode.WALKING,
        False,
    )
    # Nothing on these addresses takes an id: the owner's planner id means nothing.
    for path in (
        f"/en/my-archive/festival/{owners.pk}/",
        f"/en/my-archive/festival/print/{owners.pk}/",
        f"/en/festival/plans/{owners.pk}/",
        f"/en/festival/feeds/{owners.pk}.ics",
    ):
        assert client.get(path).status_code == 404, path


def test_the_feed_address_is_on_my_festival_in_both_forms(client, visitor):
    planner = services.planner_for(visitor)
    html = client.get(reverse("programme:planner")).content.decode()
    path = reverse("programme:planner-feed", kwargs={"token": planner.feed_token})
    assert f'href="webcal://testserver{path}"' in html
    assert f"http://testserver{path}" in html


def test_a_new_feed_address_revokes_the_old_at_once(client, visitor):
    planner = services.planner_for(visitor)
    old = reverse("programme:planner-feed", kwargs={"token": planner.feed_token})
    assert Client().get(old).status_code == 200
    response = client.post(reverse("programme:planner-feed-rotate"))
    assert response.status_code == 302
    assert Client().get(old).status_code == 404
    planner.refresh_from_db()
    new = reverse("programme:planner-feed", kwargs={"token": planner.feed_token})
    assert Client().get(new).status_code == 200
    html = client.get(reverse("programme:planner")).content.decode()
    assert new in html and old not in html
    assert re.search(r"new address", html)


def test_my_festival_leaves_out_unpublished_films(client, visitor, hidden_screening):
    plan(visitor, hidden_screening)
    html = client.get(reverse("programme:planner")).content.decode()
    assert "Withdrawn Secret" not in html
    assert "Nothing planned yet." in html


def test_plan_by_day_groups_on_the_festival_clock(visitor, week):
    from .plan_fixtures import schedule

    # 23:30 in Amsterdam on the 22nd is 21:30 UTC: still the 22nd.
    late = schedule(week, "t1", 1, (2026, 10, 22, 23, 30))
    planner = plan(visitor, late)
    days = plans.plan_by_day(planner).days
    assert [d.day for d in days] == [datetime.date(2026, 10, 22)]


def test_my_festival_in_dutch(client, visitor, screenings):
    plan(visitor, screenings["river"], screenings["overlap"])
    response = client.get("/nl/my-archive/festival/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="nl"' in html
    assert "donderdag 22 oktober 2026" in html
    assert "/nl/festival/feeds/" in html


def test_the_feed_answers_a_head_request(visitor):
    planner = services.planner_for(visitor)
    url = reverse("programme:planner-feed", kwargs={"token": planner.feed_token})
    response = Client().head(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"


def test_the_way_to_a_screening_starts_at_the_one_that_ended_last(week, screenings):
    from .plan_fixtures import schedule

    # river (Tuschinski) ends 15:35 and the short overlap ends 15:18; a
    # screening at Eye at 15:55 is 20 minutes after river: too short on foot.
    eye = schedule(week, "e1", 3, (2026, 10, 22, 15, 55))
    user = make_visitor("route@example.org")
    planner = plan(user, screenings["river"], screenings["overlap"], eye)
    warnings = plans.plan_by_day(planner).warnings
    assert [(w.kind, w.earlier, w.later) for w in warnings] == [
        (plans.OVERLAP, screenings["river"], screenings["overlap"]),
        (plans.TOO_FAR, screenings["river"], eye),
    ]


def test_an_unknown_distance_is_not_noted_across_a_long_break(week, screenings):
    eye = week.venues["eye"]
    eye.latitude = eye.longitude = None
    eye.save()
    user = make_visitor("break@example.org")
    # river ends at 15:35 on Thursday; across is on Friday at 11:55.
    planner = plan(user, screenings["river"], screenings["across"])
    assert plans.plan_by_day(planner).warnings == []
