"""The programme's admin as staff use it: the screening form's rules and
warnings, moves and cancellations through the services, the day overview."""

import pytest
from django.contrib.messages import get_messages

from festarchive.core.models import ChangeRecord
from festarchive.programme import services
from festarchive.programme.models import Screening, Venue
from festarchive.programme.vocabulary import ScreeningStatus

from .week import local, small_week

pytestmark = pytest.mark.django_db

ADD = "/en/admin/programme/screening/add/"
DAY = "/en/admin/programme/screening/day/"


@pytest.fixture
def week():
    week = small_week()
    week.extra["river"] = services.screening_create(
        edition=week.edition,
        screen=week.screens["t1"],
        film=week.films[0],
        starts_at=local(2026, 10, 22, 14),
    )
    return week


def _form(week, **changes) -> dict:
    data = {
        "edition": week.edition.pk,
        "film": week.films[1].pk,
        "film_programme": "",
        "section": "",
        "screen": week.screens["t1"].pk,
        "starts_at_0": "2026-10-22",
        "starts_at_1": "18:00",
        "extra_minutes": "0",
        "ends_at_0": "",
        "ends_at_1": "",
        "kind": "public",
        "language_version": "original",
        "ticket_state": "not_yet",
        "ticket_url": "",
        "status": "scheduled",
        "notice_en": "",
        "notice_nl": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _change_url(screening) -> str:
    return f"/en/admin/programme/screening/{screening.pk}/change/"


def test_a_clash_in_the_screen_is_refused_with_the_rules_message(staff_client, week):
    response = staff_client.post(ADD, _form(week, starts_at_1="15:00"))
    assert response.status_code == 200
    assert "Tuschinski · Zaal 1 is taken then: River of Glass, 14:00 to 15:35." in (
        response.content.decode()
    )
    assert Screening.objects.count() == 1


def test_a_new_screening_gets_its_end_and_a_change_record(staff_client, week):
    response = staff_client.post(ADD, _form(week, extra_minutes="15"))
    assert response.status_code == 302
    screening = Screening.objects.get(film=week.films[1])
    assert screening.duration_minutes == 12 + 15 and not screening.end_set_by_hand
    record = ChangeRecord.objects.filter(action="programme.screening.created").first()
    assert record.object_id == str(screening.pk) and record.by.username == "staff"


def test_a_day_outside_the_edition_is_saved_with_a_warning(staff_client, week):
    response = staff_client.post(
        ADD, _form(week, starts_at_0="2026-10-19"), follow=True
    )
    assert response.status_code == 200
    warnings = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("outside IDFA 2026 (2026-10-21 to 2026-11-01)" in m for m in warnings)
    assert "outside IDFA 2026" in response.content.decode()
    assert Screening.objects.count() == 2


def test_a_new_time_moves_the_screening_through_the_service(staff_client, week):
    river = week.extra["river"]
    response = staff_client.post(
        _change_url(river),
        _form(week, film=week.films[0].pk, starts_at_1="20:00"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    river.refresh_from_db()
    assert river.status == ScreeningStatus.MOVED and river.sequence == 1
    assert river.moved_from_starts_at == local(2026, 10, 22, 14)
    assert river.duration_minutes == 95
    record = ChangeRecord.objects.get(action="programme.screening.changed")
    assert "starts_at" in record.data["fields"]


def test_cancelling_in_the_admin_counts_as_a_change(staff_client, week):
    river = week.extra["river"]
    response = staff_client.post(
        _change_url(river),
        _form(
            week,
            film=week.films[0].pk,
            starts_at_1="14:00",
            status="cancelled",
            notice_en="The print did not arrive.",
        ),
    )
    assert response.status_code == 302
    river.refresh_from_db()
    assert river.status == ScreeningStatus.CANCELLED and river.sequence == 1


def test_an_end_typed_by_hand_is_kept(staff_client, week):
    response = staff_client.post(
        ADD, _form(week, ends_at_0="2026-10-22", ends_at_1="19:30")
    )
    assert response.status_code == 302
    screening = Screening.objects.get(film=week.films[1])
    assert screening.end_set_by_hand and screening.duration_minutes == 90


def test_saving_an_unchanged_screening_records_nothing(staff_client, week):
    river = week.extra["river"]
    before = ChangeRecord.objects.count()
    staff_client.post(
        _change_url(river), _form(week, film=week.films[0].pk, starts_at_1="14:00")
    )
    river.refresh_from_db()
    assert river.sequence == 0 and ChangeRecord.objects.count() == before


def test_the_changelist_filters_by_day_and_links_the_day_overview(staff_client, week):
    response = staff_client.get(
        "/en/admin/programme/screening/", {"day": "2026-10-22", "q": "river"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "River of Glass" in page and DAY in page
    assert (
        staff_client.get(
            "/en/admin/programme/screening/", {"day": "2026-02-31"}
        ).status_code
        == 200
    )


def test_the_day_overview_shows_screens_by_hour_with_links(staff_client, week):
    services.screening_create(
        edition=week.edition,
        screen=week.screens["e1"],
        film=week.films[2],
        starts_at=local(2026, 10, 22, 16, 30),
    )
    response = staff_client.get(DAY, {"edition": week.edition.pk, "day": "2026-10-22"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tuschinski · Zaal 1" in page and "Eye Filmmuseum · Cinema 1" in page
    assert "14:00–15:35 River of Glass" in page
    assert _change_url(week.extra["river"]) in page
    assert '<th scope="col">16:00</th>' in page
    # Any day, or none, still answers.
    for params in ({"day": "2026-13-45"}, {"edition": "x"}, {}):
        assert staff_client.get(DAY, params).status_code == 200


def test_staff_days_are_festival_days_as_on_the_timetable(staff_client, week):
    # Half past midnight belongs to the evening before, in the list and the overview.
    late = services.screening_create(
        edition=week.edition,
        screen=week.screens["e1"],
        film=week.films[2],
        starts_at=local(2026, 10, 23, 0, 30),
    )
    listed = staff_client.get("/en/admin/programme/screening/", {"day": "2026-10-22"})
    assert _change_url(late) in listed.content.decode()
    assert "2026-10-23" not in [
        choice[0] for choice in listed.context["cl"].filter_specs[2].lookup_choices
    ]
    overview = staff_client.get(DAY, {"edition": week.edition.pk})
    assert overview.context["day"].isoformat() == "2026-10-22"
    assert [d.isoformat() for d in overview.context["days"]] == ["2026-10-22"]
    assert _change_url(late) in overview.content.decode()
    assert '<th scope="col">00:00</th>' in overview.content.decode()


def test_visitors_are_sent_to_the_admin_log_in(client, django_user_model, week):
    user = django_user_model.objects.create_user(username="visitor", password="pw")
    client.force_login(user)
    for url in (DAY, "/en/admin/programme/screening/", ADD):
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_venue_and_programme_pages_open(staff_client, week):
    venue = Venue.objects.get(slug="tuschinski")
    assert (
        staff_client.get(f"/en/admin/programme/venue/{venue.pk}/change/").status_code
        == 200
    )
    programme = services.film_programme_create(
        edition=week.edition, title_en="Short Nights", films=week.films[1:3]
    )
    page = staff_client.get(f"/en/admin/programme/filmprogramme/{programme.pk}/change/")
    assert page.status_code == 200 and "The Salt Keepers" in page.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"film": ""}, "A screening shows one film or one programme of films."),
        (
            {"ends_at_0": "2026-10-22", "ends_at_1": "17:00"},
            "A screening must end after it starts.",
        ),
        ({"film": "", "starts_at_0": ""}, "This field is required."),
    ],
)
def test_an_incomplete_screening_is_refused_on_the_form(
    staff_client, week, changes, message
):
    response = staff_client.post(ADD, _form(week, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Screening.objects.count() == 1
