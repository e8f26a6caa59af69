"""Scheduling rules through the services: ends, clashes, editions, moves."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from festarchive.core.models import ChangeRecord
from festarchive.programme import rules, services
from festarchive.programme.models import Screening
from festarchive.programme.vocabulary import ScreeningStatus

from .week import local, small_week

pytestmark = pytest.mark.django_db


@pytest.fixture
def week():
    return small_week()


def schedule(week, screen="t1", film=0, at=(2026, 10, 22, 14), **fields):
    return services.screening_create(
        edition=week.edition,
        screen=week.screens[screen],
        film=week.films[film] if film is not None else None,
        starts_at=local(*at),
        **fields,
    )


def test_the_end_follows_the_runtime_and_the_extra_minutes(week):
    screening = schedule(week, extra_minutes=20)
    assert screening.ends_at - screening.starts_at == datetime.timedelta(minutes=115)
    assert screening.section == week.section
    assert not screening.end_set_by_hand


def test_an_unknown_runtime_counts_as_ninety_minutes(week):
    screening = schedule(week, film=3)
    assert screening.duration_minutes == 90


def test_a_screening_across_the_change_to_winter_time_lasts_its_runtime(week):
    # 25 October 2026, 02:00 CEST becomes 02:00 CET at 03:00: a night screening
    # from 01:30 lasts 95 minutes of real time, ending at 02:05 on the new clock.
    screening = schedule(week, at=(2026, 10, 25, 1, 30))
    assert screening.duration_minutes == 95
    from django.utils import timezone

    end = timezone.localtime(screening.ends_at)
    assert (end.hour, end.minute) == (2, 5)
    assert end.utcoffset() == datetime.timedelta(hours=1)


def test_an_end_set_by_hand_is_kept(week):
    screening = schedule(week, ends_at=local(2026, 10, 22, 17))
    assert screening.end_set_by_hand
    services.screening_update(screening, extra_minutes=30)
    screening.refresh_from_db()
    assert screening.ends_at == local(2026, 10, 22, 17)


def test_two_screenings_cannot_share_a_screen_at_once(week):
    schedule(week)
    with pytest.raises(ValidationError) as refused:
        schedule(week, film=1, at=(2026, 10, 22, 15))
    assert "Zaal 1 is taken then: River of Glass, 14:00 to 15:35" in str(refused.value)
    assert Screening.objects.count() == 1


def test_back_to_back_screenings_and_other_screens_are_fine(week):
    first = schedule(week)
    schedule(week, film=1, at=(2026, 10, 22, 15, 35))
    schedule(week, screen="t2", film=2, at=(2026, 10, 22, 14, 30))
    assert Screening.objects.count() == 3
    assert not rules.overlapping(first).exists()


def test_a_cancelled_screening_frees_its_screen(week):
    first = schedule(week)
    services.screening_cancel(first, notice_en="The film copy did not arrive.")
    schedule(week, film=1, at=(2026, 10, 22, 15))
    first.refresh_from_db()
    assert first.status == ScreeningStatus.CANCELLED
    assert first.notice_en == "The film copy did not arrive."


def test_the_overlap_check_holds_on_update_too(week):
    schedule(week)
    later = schedule(week, film=1, at=(2026, 10, 22, 18))
    with pytest.raises(ValidationError):
        services.screening_update(later, starts_at=local(2026, 10, 22, 15))
    later.refresh_from_db()
    assert later.starts_at == local(2026, 10, 22, 18)


def test_a_film_not_selected_for_the_edition_is_refused(week):
    with pytest.raises(ValidationError) as refused:
        services.screening_create(
            edition=week.edition,
            screen=week.screens["t1"],
            film=week.outsider,
            starts_at=local(2026, 10, 22, 14),
        )
    assert "Not selected for IDFA 2026: Not This Year." in str(refused.value)


def test_one_film_or_one_programme(week):
    with pytest.raises(ValidationError):
        services.screening_create(
            edition=week.edition,
            screen=week.screens["t1"],
            starts_at=local(2026, 10, 22, 14),
        )


def test_a_programme_of_films_runs_as_long_as_its_films(week):
    shorts = services.film_programme_create(
        edition=week.edition,
        title_en="Shorts: Night and Salt",
        title_nl="Korte films: nacht en zout",
        films=[week.films[2], week.films[1]],
    )
    screening = schedule(week, film=None, film_programme=shorts, extra_minutes=15)
    assert screening.duration_minutes == 12 + 18 + 15
    assert [f.title_en for f in screening.ordered_films()] == [
        "Night Shift",
        "The Salt Keepers",
    ]
    assert screening.title_en == "Shorts: Night and Salt"


def test_a_programme_of_films_takes_only_films_of_its_edition(week):
    with pytest.raises(ValidationError):
        services.film_programme_create(
            edition=week.edition, title_en="Mixed", films=[week.films[0], week.outsider]
        )


def test_a_day_outside_the_edition_is_a_warning_not_a_refusal(week):
    preview = schedule(week, at=(2026, 10, 15, 20))
    assert rules.date_warnings(preview) == [
        "River of Glass is on 2026-10-15, outside IDFA 2026 (2026-10-21 to 2026-11-01)."
    ]
    assert rules.date_warnings(schedule(week, film=1)) == []


def test_moving_a_screening_keeps_where_and_when_it_was(week):
    screening = schedule(week)
    services.screening_update(
        screening, starts_at=local(2026, 10, 23, 20), screen=week.screens["e1"]
    )
    screening.refresh_from_db()
    assert screening.status == ScreeningStatus.MOVED
    assert screening.moved_from_starts_at == local(2026, 10, 22, 14)
    assert screening.moved_from_screen == week.screens["t1"]
    assert screening.sequence == 1
    assert screening.ends_at == local(2026, 10, 23, 21, 35)
    record = ChangeRecord.objects.filter(action="programme.screening.changed").get()
    assert record.data["fields"] == ["ends_at", "screen", "starts_at"]


def test_a_change_that_changes_nothing_is_not_recorded(week):
    screening = schedule(week)
    services.screening_update(screening, extra_minutes=0)
    assert not ChangeRecord.objects.filter(
        action="programme.screening.changed"
    ).exists()
    assert screening.sequence == 0


def test_a_ticket_change_is_not_a_move(week):
    screening = schedule(week)
    services.screening_update(screening, ticket_state="sold_out")
    screening.refresh_from_db()
    assert screening.status == ScreeningStatus.SCHEDULED
    assert screening.sequence == 1


def test_postgresql_itself_refuses_a_clash_that_skips_the_checks(week):
    from django.db import IntegrityError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no exclusion constraints; the model check guards it")
    first = schedule(week)
    clash = Screening(
        edition=week.edition,
        screen=first.screen,
        film=week.films[1],
        starts_at=local(2026, 10, 22, 15),
        ends_at=local(2026, 10, 22, 16),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        clash.save()  # no full_clean(): as two editors racing would
    clash.status = ScreeningStatus.CANCELLED
    clash.save()  # a cancelled screening takes no room
