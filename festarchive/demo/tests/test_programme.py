"""The demo programme: a live edition around the day the demo runs, a past
edition as it was, and the rules every screening keeps."""

import datetime
from collections import Counter

import pytest
from django.db import transaction
from django.utils import timezone

from bench.programme import prepare
from festarchive.catalogue.models import Credit
from festarchive.demo import programme as demo_programme
from festarchive.demo.festivals import ensure_festivals
from festarchive.demo.generator import generate_catalogue
from festarchive.demo.loader import load_reference_film
from festarchive.festival.models import Selection
from festarchive.programme import rules
from festarchive.programme.models import FilmProgramme, Screen, Screening, Venue
from festarchive.programme.vocabulary import (
    LanguageVersion,
    ScreeningKind,
    ScreeningStatus,
    TicketState,
)

# A Wednesday; the live edition then runs from Sunday 29 November.
TODAY = datetime.date(2026, 12, 2)
ZONE = demo_programme.ZONE


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    """The demo archive and its programme, written once for the module in a
    transaction rolled back at its end (each test runs in a savepoint)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            ensure_festivals()
            load_reference_film()
            generate_catalogue(films=3000, seed=2023)
            yield demo_programme.ensure_programme(today=TODAY)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def report(_loaded, db):
    _loaded.live_edition.refresh_from_db()
    return _loaded


@pytest.fixture
def live(report):
    return report.live_edition


@pytest.fixture
def past(report):
    return demo_programme.host_edition(demo_programme.PAST_YEAR)


def local(moment) -> datetime.datetime:
    return timezone.localtime(moment, ZONE)


def signature(edition) -> list[tuple]:
    return list(
        Screening.objects.filter(edition=edition)
        .order_by("starts_at", "screen_id")
        .values_list(
            "uid",
            "screen__name",
            "screen__venue__name",
            "film__slug",
            "film_programme__slug",
            "starts_at",
            "ends_at",
            "kind",
            "ticket_state",
            "sdh",
            "status",
        )
    )


def test_today_is_the_fourth_day_of_the_live_edition(live):
    assert live.year == 2023 and live.slug == "idfa-2023"  # label kept
    assert live.starts_on == datetime.date(2026, 11, 29)
    assert live.ends_on == datetime.date(2026, 12, 10)
    assert (TODAY - live.starts_on).days == demo_programme.LIVE_DAY - 1
    days = {local(s.starts_at).date() for s in live.screenings.all()}
    assert days == set(demo_programme.edition_days(live))


def test_the_venues_are_amsterdam_cinemas_with_screens_and_seats(report):
    assert report.venues == Venue.objects.count() == 10
    assert 24 <= Screen.objects.count() == report.screens <= 28
    tuschinski = Venue.objects.get(name="Tuschinski")
    assert tuschinski.has_coordinates and tuschinski.address
    assert tuschinski.accessibility_nl
    assert not Screen.objects.filter(capacity__isnull=True).exists()
    assert Screen.objects.order_by("-capacity").first().capacity == 740


def test_the_live_and_past_editions_have_full_timetables(live, past):
    assert 570 <= live.screenings.count() <= 630
    assert 400 <= past.screenings.count() <= 480
    assert past.starts_on == datetime.date(2022, 11, 9)


def test_no_screening_overlaps_another_in_its_screen(live, past):
    for screening in Screening.objects.filter(edition__in=[live, past]):
        assert not rules.overlapping(screening).exists(), screening


def test_screenings_run_between_half_past_nine_and_half_past_eleven(live, past):
    for screening in Screening.objects.filter(edition__in=[live, past]):
        starts, ends = local(screening.starts_at), local(screening.ends_at)
        assert starts.time() >= demo_programme.FIRST_START, screening
        assert ends.date() == starts.date() and ends.time() <= (
            demo_programme.LAST_END
        ), screening
        assert starts.minute % 5 == 0


def test_screenings_show_films_selected_for_their_edition(live, past):
    for edition in (live, past):
        selected = dict(
            Selection.objects.filter(edition=edition).values_list(
                "film_id", "section_id"
            )
        )
        screenings = Screening.objects.filter(edition=edition).select_related(
            "film", "film_programme"
        )
        for screening in screenings:
            films = screening.ordered_films()
            assert films and all(f.pk in selected for f in films), screening
            assert rules.films_outside_edition(edition, films) == []
            assert screening.ends_at == rules.computed_end(
                screening.starts_at, films, screening.extra_minutes
            )
            if screening.film_id:
                assert screening.section_id == selected[screening.film_id]


def test_the_mix_of_kinds_languages_subtitles_and_access(live):
    screenings = live.screenings.all()
    kinds = Counter(screenings.values_list("kind", flat=True))
    assert set(kinds) == set(ScreeningKind.values)
    assert kinds[ScreeningKind.PUBLIC] > kinds[ScreeningKind.PRESS_INDUSTRY] > 10
    versions = Counter(screenings.values_list("language_version", flat=True))
    assert versions[LanguageVersion.ORIGINAL] > 400
    assert versions[LanguageVersion.DUTCH] and versions[LanguageVersion.ENGLISH]
    assert screenings.filter(subtitles_en=True).count() > 200
    assert screenings.filter(subtitles_nl=True).count() > 100
    assert 10 <= screenings.filter(sdh=True).count() <= 60
    assert 5 <= screenings.filter(audio_description=True).count() <= 40
    assert 5 <= screenings.filter(relaxed=True).count() <= 40
    # Only public screenings are made accessible in these ways.
    assert not screenings.exclude(kind=ScreeningKind.PUBLIC).filter(sdh=True).exists()


def test_q_and_as_have_the_films_directors_as_guests(live):
    with_qa = live.screenings.filter(has_qa=True).prefetch_related("guests")
    assert with_qa.count() > 60
    for screening in with_qa:
        films = screening.ordered_films()
        directors = set(
            Credit.objects.filter(film__in=films, role__slug="director").values_list(
                "person_id", flat=True
            )
        )
        guests = {p.pk for p in screening.guests.all()}
        assert guests and guests <= directors, screening
        assert screening.extra_minutes == demo_programme.QA_MINUTES
    assert not live.screenings.filter(has_qa=False, guests__isnull=False).exists()


def test_ticket_states_live_and_as_they_were(live, past):
    states = Counter(live.screenings.values_list("ticket_state", flat=True))
    assert set(states) == set(TicketState.values)
    not_yet = live.screenings.filter(ticket_state=TicketState.NOT_YET_ON_SALE)
    assert {local(s.starts_at).date() for s in not_yet} == {
        live.ends_on - datetime.timedelta(days=1),
        live.ends_on,
    }
    past_states = set(past.screenings.values_list("ticket_state", flat=True))
    assert TicketState.NOT_YET_ON_SALE not in past_states
    assert {TicketState.SOLD_OUT, TicketState.FEW_LEFT} <= past_states


def test_a_few_screenings_are_cancelled_or_moved_with_notices(live, past):
    cancelled = live.screenings.filter(status=ScreeningStatus.CANCELLED)
    moved = live.screenings.filter(status=ScreeningStatus.MOVED)
    assert cancelled.count() == 3 and moved.count() == 3
    for screening in [*cancelled, *moved]:
        assert screening.notice_en and screening.notice_nl
        assert screening.sequence == 1
        assert local(screening.starts_at).date() >= TODAY
    for screening in moved:
        assert screening.moved_from_starts_at is not None
        assert screening.moved_from_screen_id is not None
        assert (
            screening.moved_from_screen_id != screening.screen_id
            or screening.moved_from_starts_at != screening.starts_at
        )
    assert past.screenings.filter(status=ScreeningStatus.CANCELLED).count() == 1


def test_programmes_of_short_films_in_both_languages(live, past):
    programmes = FilmProgramme.objects.filter(edition=live)
    shorts = programmes.filter(title_en__startswith="Shorts: ")
    assert shorts.count() >= 2
    for programme in shorts:
        films = programme.ordered_films()
        assert all(f.runtime_minutes < demo_programme.SHORTS_UNDER for f in films)
    [opened] = programmes.exclude(title_en__startswith="Shorts: ")
    short, feature = opened.ordered_films()
    assert short.runtime_minutes < demo_programme.SHORTS_UNDER < 60
    assert feature.runtime_minutes > 60
    assert opened.title_en == f"{feature.title_en} + {short.title_en}"
    for programme in programmes:
        assert len(programme.ordered_films()) >= 2
        assert programme.title_en and programme.title_nl
        assert programme.text_en and programme.text_nl
        assert programme.screenings.count() >= 3
    assert FilmProgramme.objects.filter(edition=past).exists()
    # A film of a programme is not also shown on its own.
    in_programmes = set(programmes.values_list("entries__film_id", flat=True))
    assert not live.screenings.filter(film_id__in=in_programmes).exists()


def test_the_programme_is_the_same_for_the_same_seed_and_day(live):
    changed = set(
        live.screenings.exclude(status=ScreeningStatus.SCHEDULED).values_list(
            "uid", flat=True
        )
    )
    before = {row[0]: row for row in signature(live)}
    Screening.objects.filter(edition=live).delete()
    demo_programme.build_timetable(
        live,
        demo_programme.ensure_venues(),
        screenings=demo_programme.LIVE_SCREENINGS,
        seed=2023,
        live=True,
    )
    after = {row[0]: row for row in signature(live)}
    assert after.keys() == before.keys()
    for uid, row in after.items():
        # Cancelled and moved ones changed afterwards, through the services.
        if uid in changed:
            assert row[3:5] == before[uid][3:5]
        else:
            assert row == before[uid]


def test_a_later_run_moves_the_edition_on_to_stay_live(live):
    first = {s.pk: local(s.starts_at) for s in live.screenings.all()}
    later = TODAY + datetime.timedelta(days=9)
    report = demo_programme.ensure_programme(today=later)
    live.refresh_from_db()
    assert report.shifted_days == 9 and not report.built
    assert live.starts_on == later - datetime.timedelta(days=3)
    for screening in live.screenings.all():
        moved = local(screening.starts_at)
        assert moved.date() == first[screening.pk].date() + datetime.timedelta(days=9)
        assert moved.time() == first[screening.pk].time()
    assert demo_programme.ensure_programme(today=later).shifted_days == 0


def test_moving_across_a_daylight_saving_change_keeps_the_clock(live):
    """Summer time begins on 28 March 2027: times stay on the festival's clock
    and durations stay as long as the films."""
    before = {
        s.pk: (local(s.starts_at).time(), s.duration_minutes)
        for s in live.screenings.all()
    }
    demo_programme.ensure_programme(today=datetime.date(2027, 3, 27))
    for screening in live.screenings.all():
        screening.refresh_from_db()
        assert (
            local(screening.starts_at).time(),
            screening.duration_minutes,
        ) == before[screening.pk]
        assert not rules.overlapping(screening).exists()


def test_the_visitor_plan_has_no_two_screenings_at_once(live, django_user_model):
    user = django_user_model.objects.create_user(username="planner@example.org")
    assert demo_programme.plan_screenings(user=user, count=12) == 12
    items = [item.screening for item in user.planner.items.all()]
    for a in items:
        for b in items:
            assert a is b or not (a.starts_at < b.ends_at and b.starts_at < a.ends_at)
    assert all(s.status != ScreeningStatus.CANCELLED for s in items)


def test_the_bench_packs_its_day_and_plans_thirty_screenings(live):
    prepared = prepare(today=TODAY, day_screenings=600, planned=30)
    assert prepared.day_screenings == 600
    assert prepared.planned == 30
    start = datetime.datetime.combine(TODAY, datetime.time(0), tzinfo=ZONE)
    day = Screening.objects.filter(
        edition=live,
        starts_at__gte=start,
        starts_at__lt=start + datetime.timedelta(days=1),
    )
    assert day.count() == 600
    for screening in day.filter(screen__venue__name=demo_programme.BENCH_VENUE):
        assert not rules.overlapping(screening).exists()
        assert local(screening.ends_at).time() <= demo_programme.LAST_END
    # Once is enough: a second run adds nothing.
    assert prepare(today=TODAY, day_screenings=600, planned=30).day_screenings == 600
    assert day.count() == 600


def test_the_services_accept_every_screening_the_bulk_write_makes(live):
    """Written one by one through screening_create, which checks every rule,
    the timetable comes out the same (but for the uids, which it draws itself)."""
    changed = set(
        live.screenings.exclude(status=ScreeningStatus.SCHEDULED).values_list(
            "uid", flat=True
        )
    )
    bulk = {row[1:9] for row in signature(live) if row[0] not in changed}
    Screening.objects.filter(edition=live).delete()
    rows = demo_programme.build_timetable(
        live,
        demo_programme.ensure_venues(),
        screenings=demo_programme.LIVE_SCREENINGS,
        seed=2023,
        live=True,
        through_services=True,
    )
    assert len(rows) == live.screenings.count()
    written = {row[1:9] for row in signature(live)}
    assert bulk <= written
    assert all(s.guests.exists() for s in live.screenings.filter(has_qa=True))


def test_the_bench_says_which_views_are_not_there_yet_and_times_the_rest(live):
    from django.urls import reverse
    from django.utils import translation

    from bench.programme import measure
    from festarchive.catalogue.models import Film
    from festarchive.demo.loader import REFERENCE_FILM_SLUG

    prepared = prepare(today=TODAY, day_screenings=80, planned=5)
    film_page = Film.objects.get(slug=REFERENCE_FILM_SLUG).get_absolute_url()
    with translation.override("en"):
        timetable = reverse("programme:timetable") + f"?day={TODAY.isoformat()}"
        feed = reverse("programme:planner-feed", kwargs={"token": prepared.feed_token})
    lines: list[str] = []
    figures = measure(
        timetable=timetable,
        film_page=film_page,
        feed=feed,
        renders=2,
        seconds=0.05,
        out=lines.append,
    )
    assert figures["film page_warm_rps"] > 0
    for key, url in (("timetable_cold_ms", timetable), ("feed_ms", feed)):
        assert key in figures or any(
            "view not available yet" in line and url in line for line in lines
        )

    # Pages that answer stand in for the timetable and the feed: all is timed.
    lines.clear()
    figures = measure(
        timetable=film_page,
        film_page=film_page,
        feed="/en/archive/",
        renders=2,
        seconds=0.05,
        out=lines.append,
    )
    assert set(figures) == {
        "timetable_first_ms",
        "timetable_cold_ms",
        "film page_warm_rps",
        "timetable_warm_rps",
        "feed_ms",
    }
    assert any(line.startswith("warm ratio") for line in lines)
