"""The timetable import: the sample file, matching, moves, refusals, warnings,
the daylight-saving nights, the round trip through the CSV export."""

import datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from festarchive.core.models import ChangeRecord
from festarchive.importers.timetable import import_timetable
from festarchive.programme import services
from festarchive.programme.columns import COLUMN_ORDER
from festarchive.programme.models import Screening
from festarchive.programme.tests.week import local, small_week
from festarchive.programme.vocabulary import ScreeningStatus

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "timetable.csv"
HEADER = ",".join(COLUMN_ORDER)


@pytest.fixture
def week():
    week = small_week()
    week.extra["programme"] = services.film_programme_create(
        edition=week.edition, title_en="Short Nights", films=week.films[1:3]
    )
    return week


def _file(*rows: str, header: str = HEADER) -> str:
    return "\n".join((header, *rows)) + "\n"


def _row(**cells) -> str:
    values = {
        "edition": "idfa-2026",
        "film": "river-of-glass-2026",
        "venue": "tuschinski",
        "screen": "Zaal 1",
        "start": "2026-10-22 14:00",
        **cells,
    }
    return ",".join(str(values.get(column, "")) for column in COLUMN_ORDER)


def _records() -> int:
    return ChangeRecord.objects.filter(action__startswith="programme.screening").count()


def test_the_sample_file_imports_whole(week):
    report = import_timetable(SAMPLE.read_text(encoding="utf-8"))
    assert report.ok, report.rejected
    assert (report.created, report.updated, report.unchanged) == (5, 0, 0)
    assert Screening.objects.count() == 5
    river = Screening.objects.get(film__slug="river-of-glass-2026")
    assert river.duration_minutes == 95 + 20
    assert (river.subtitles_en, river.subtitles_nl, river.sdh, river.has_qa) == (
        True,
        True,
        True,
        True,
    )
    assert river.ticket_state == "on_sale"
    assert river.notice_nl == "Met de regisseur in de zaal."
    assert river.section == week.section
    salt = Screening.objects.get(film__slug="the-salt-keepers-2026")
    assert salt.screen == week.screens["t2"]  # matched by title and year
    shorts = Screening.objects.get(film_programme=week.extra["programme"])
    assert shorts.duration_minutes == 12 + 18 + 10 and shorts.relaxed
    preview = Screening.objects.get(film__slug="night-shift-2025")
    assert preview.end_set_by_hand and preview.duration_minutes == 60
    assert preview.kind == "press_industry"
    # A preview before the festival opens is a warning, not a refusal.
    assert [line for line, _w in report.warnings] == [6]
    assert "outside IDFA 2026" in report.warnings[0][1]
    assert _records() == 5


def test_importing_the_same_file_again_changes_nothing(week):
    text = SAMPLE.read_text(encoding="utf-8")
    import_timetable(text)
    records, stamps = _records(), list(Screening.objects.values_list("updated_at"))
    report = import_timetable(text)
    assert report.ok
    assert (report.created, report.updated, report.unchanged) == (0, 0, 5)
    assert _records() == records
    assert list(Screening.objects.values_list("updated_at")) == stamps


def test_a_dry_run_lists_what_it_would_do_and_writes_nothing(week):
    report = import_timetable(SAMPLE.read_text(encoding="utf-8"), dry_run=True)
    assert report.ok and report.created == 5
    assert report.changes[0] == (
        2,
        "new screening: River of Glass, Tuschinski · Zaal 1, 2026-10-22 14:00",
    )
    assert not Screening.objects.exists() and _records() == 0


def test_export_then_import_round_trips_without_a_change(week, client):
    import_timetable(SAMPLE.read_text(encoding="utf-8"))
    # A screening at a time the clock shows twice, and a cancelled one.
    services.screening_create(
        edition=week.edition,
        screen=week.screens["t2"],
        film=week.films[1],
        starts_at=datetime.datetime(2026, 10, 25, 1, 30, tzinfo=datetime.UTC),
    )
    services.screening_cancel(
        Screening.objects.get(starts_at=local(2026, 10, 22, 16, 30)),
        notice_en="The film could not travel.",
    )
    exported = client.get("/en/festival/idfa-2026/programme.csv")
    assert exported.status_code == 200
    text = exported.content.decode()
    assert "2026-10-25 02:30 +01:00" in text
    records = _records()
    report = import_timetable(text)
    assert report.ok, report.rejected
    assert report.changes == []
    assert (report.created, report.updated, report.unchanged) == (0, 0, 6)
    assert _records() == records


def test_a_new_time_for_a_screening_with_an_id_moves_it(week, client):
    import_timetable(SAMPLE.read_text(encoding="utf-8"))
    river = Screening.objects.get(film__slug="river-of-glass-2026")
    exported = client.get("/en/festival/idfa-2026/programme.csv").content.decode()
    assert f"{river.uid},idfa-2026,river-of-glass-2026," in exported
    moved = exported.replace("2026-10-22 14:00", "2026-10-22 19:00")
    report = import_timetable(moved)
    assert report.ok and report.updated == 1
    assert report.changes == [(3, "changes starts_at, ends_at, status")]
    river.refresh_from_db()
    assert river.status == ScreeningStatus.MOVED and river.sequence == 1
    assert river.moved_from_starts_at == local(2026, 10, 22, 14)
    assert timezone.localtime(river.starts_at).hour == 19
    # The file still says "scheduled": importing it again changes nothing.
    records = _records()
    assert import_timetable(moved).unchanged == 5
    assert _records() == records


def test_without_an_id_a_row_matches_by_screen_start_and_film(week):
    import_timetable(_file(_row(extra_minutes=0)))
    report = import_timetable(_file(_row(extra_minutes=15, notice_en="Late start.")))
    assert (report.created, report.updated) == (0, 1)
    assert Screening.objects.get().extra_minutes == 15


def test_a_move_into_a_slot_a_later_row_frees_is_taken(week):
    first = services.screening_create(
        edition=week.edition,
        screen=week.screens["t1"],
        film=week.films[0],
        starts_at=local(2026, 10, 22, 14),
    )
    second = services.screening_create(
        edition=week.edition,
        screen=week.screens["t1"],
        film=week.films[1],
        starts_at=local(2026, 10, 22, 18),
    )
    report = import_timetable(
        _file(
            _row(id=first.uid, start="2026-10-22 18:00"),
            _row(id=second.uid, film="the-salt-keepers-2026", start="2026-10-22 21:00"),
        )
    )
    assert report.ok, report.rejected
    assert report.updated == 2


def test_every_refusal_names_its_line_and_nothing_is_written(week):
    services.screening_create(
        edition=week.edition,
        screen=week.screens["e1"],
        film=week.films[0],
        starts_at=local(2026, 10, 24, 20),
    )
    records = _records()
    text = _file(
        _row(),  # 2: fine on its own
        _row(film="no-such-film"),  # 3
        _row(venue="Nowhere"),  # 4
        _row(screen="Zaal 9"),  # 5
        _row(start="22-10-2026 14:00"),  # 6
        _row(start="2027-03-28 02:30"),  # 7: the clocks skip it
        _row(film="the-salt-keepers-2026", start="2026-10-22 15:00"),  # 8: line 2
        _row(venue="eye-filmmuseum", screen="Cinema 1", start="2026-10-24 21:00"),  # 9
        _row(film="not-this-year-2024", start="2026-10-23 10:00"),  # 10
        _row(kind="gala", start="2026-10-23 14:00"),  # 11
        _row(ticket_url="tickets please", start="2026-10-23 18:00"),  # 12
        _row(access="sdh loud", start="2026-10-23 22:00"),  # 13
        _row(qa="perhaps", start="2026-10-24 10:00"),  # 14
        _row(subtitles="fr", start="2026-10-24 14:00"),  # 15
        _row(extra_minutes="-5", start="2026-10-24 18:00"),  # 16
        _row(film="", title="River of Glass", year="1999"),  # 17
        _row(id="not-an-id", start="2026-10-26 10:00"),  # 18
    )
    report = import_timetable(text)
    reasons = dict(report.rejected)
    assert sorted(reasons) == list(range(3, 19))
    assert reasons[3] == "film 'no-such-film' is not in the catalogue"
    assert reasons[4] == "venue 'Nowhere' is not a venue's name or slug"
    assert "Tuschinski has no screen 'Zaal 9'" in reasons[5]
    assert "is not a time like 2026-10-22 14:30" in reasons[6]
    assert "does not exist in Europe/Amsterdam" in reasons[7]
    assert reasons[8] == (
        "Tuschinski · Zaal 1 is taken then by line 2: River of Glass, 14:00 to 15:35"
    )
    assert "Eye Filmmuseum · Cinema 1 is taken then: River of Glass" in reasons[9]
    assert reasons[10] == "Not selected for IDFA 2026: Not This Year."
    assert "kind 'gala' is not one of public" in reasons[11]
    assert "is not a web address" in reasons[12]
    assert "access 'loud' is not one of" in reasons[13]
    assert "qa 'perhaps' is not yes or no" in reasons[14]
    assert "subtitles 'fr'" in reasons[15]
    assert "extra_minutes '-5'" in reasons[16]
    assert reasons[17] == "no film in the catalogue is called 'River of Glass' (1999)"
    assert reasons[18] == "id 'not-an-id' is not a screening's id"
    assert not report.ok and report.created == 0
    assert Screening.objects.count() == 1 and _records() == records


def test_a_time_the_clock_shows_twice_is_read_as_summer_time_with_a_warning(week):
    report = import_timetable(
        _file(_row(start="2026-10-25 02:30", venue="eye-filmmuseum", screen="Cinema 1"))
    )
    assert report.ok
    assert "happens twice" in report.warnings[0][1]
    assert "+02:00" in report.warnings[0][1]
    start = timezone.localtime(Screening.objects.get().starts_at)
    assert start.utcoffset() == datetime.timedelta(hours=2)


def test_an_offset_picks_the_second_of_two_same_times(week):
    report = import_timetable(_file(_row(start="2026-10-25 02:30 +01:00")))
    assert report.ok and not report.warnings
    start = Screening.objects.get().starts_at
    assert start == datetime.datetime(2026, 10, 25, 1, 30, tzinfo=datetime.UTC)


def test_an_end_of_only_a_time_after_midnight_is_the_next_day(week):
    report = import_timetable(_file(_row(start="2026-10-22 23:00", end="01:15")))
    assert report.ok
    assert Screening.objects.get().duration_minutes == 135


def test_a_long_screening_holds_its_screen_past_a_shorter_one(week):
    report = import_timetable(
        _file(
            _row(),  # 14:00 to 15:35
            _row(film="the-salt-keepers-2026", start="2026-10-22 14:30"),
            _row(film="night-shift-2025", start="2026-10-22 15:00"),
            _row(film="the-salt-keepers-2026", start="2026-10-22 15:35"),
        )
    )
    assert [line for line, _reason in report.rejected] == [3, 4]
    assert all("by line 2" in reason for _line, reason in report.rejected)


def test_a_row_that_repeats_another_is_refused(week):
    report = import_timetable(_file(_row(), _row()))
    assert report.rejected == [(3, "the same screening as line 2")]


@pytest.mark.parametrize(
    ("header", "error"),
    [
        ("edition,film,venue,screen,start,colour", "unknown columns: colour"),
        ("edition,film,venue,start", "missing: screen"),
        ("edition,venue,screen,start", "needs a film, title or programme column"),
    ],
)
def test_a_file_with_wrong_columns_is_refused_whole(week, header, error):
    report = import_timetable(header + "\n")
    assert error in report.error


def test_a_semicolon_file_with_only_some_columns_imports(week):
    text = (
        "edition;title;year;venue;screen;start\n"
        "idfa-2026;River of Glass;2026;Tuschinski;zaal 1;2026-10-22 14:00\n"
    )
    report = import_timetable(text)
    assert report.ok and report.created == 1


def test_the_command_imports_and_reports(week, capsys):
    call_command("import_timetable", str(SAMPLE), "--dry-run")
    out = capsys.readouterr()
    assert "Would import: 5 new, 0 changed, 0 unchanged" in out.out
    assert "timetable.csv:6: warning:" in out.err
    assert not Screening.objects.exists()
    call_command("import_timetable", str(SAMPLE))
    assert "Imported: 5 new" in capsys.readouterr().out
    assert Screening.objects.count() == 5


def test_the_command_refuses_a_bad_file_with_line_numbers(week, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text(_file(_row(film="no-such-film")), encoding="utf-8")
    with pytest.raises(CommandError, match="1 line"):
        call_command("import_timetable", str(path))
    assert "bad.csv:2: film 'no-such-film' is not in the catalogue" in (
        capsys.readouterr().err
    )


def test_the_command_answers_to_its_hyphenated_name(week, capsys):
    from festarchive.__main__ import main

    main(["festarchive", "import-timetable", str(SAMPLE), "--dry-run"])
    assert "Would import: 5 new" in capsys.readouterr().out


def test_broken_lines_are_refused_with_their_numbers(week):
    text = _file(
        _row(notice_en="bad\x00text"),
        _row(start="2026-10-23 10:00") + ",one too many",
        "",
        _row(edition="", start="2026-10-23 14:00"),
        _row(film="river-of-glass-2026", programme="idfa-2026-short-nights"),
    )
    report = import_timetable(text)
    reasons = dict(report.rejected)
    assert "holds a NUL character" in reasons[2]
    assert reasons[3] == "more cells than columns"
    assert reasons[5] == "edition is missing"
    assert reasons[6] == "a row shows a film or a programme of films, not both"
    assert not Screening.objects.exists()


def test_a_cell_over_two_lines_keeps_the_line_numbers_right(week):
    text = _file(
        _row(notice_en='"Two\nlines."'),
        _row(film="no-such-film", start="2026-10-23 10:00"),
    )
    report = import_timetable(text)
    assert report.rejected == [(4, "film 'no-such-film' is not in the catalogue")]
