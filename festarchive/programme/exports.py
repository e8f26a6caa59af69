"""An edition's programme as the public may read it: rows for the CSV export
(the timetable import's columns, programme.columns), records for the JSON
export and the API, and the calendar file.

Only screenings of published films are public. A programme of films is
public as a programme: its screenings are shown, and its list of films
leaves out those not published.
"""

import io

from django.db.models import Prefetch, Q
from django.utils import timezone

from festarchive.core import pagetags
from festarchive.core.i18n import localized
from festarchive.core.spreadsheets import csv_writer

from .calendars import calendar_for
from .clock import festival_day_of
from .columns import (
    COLUMN_ORDER,
    format_access,
    format_local,
    format_subtitles,
    format_yes_no,
)
from .models import ProgrammeFilm, Screening

EXPORT_COLUMNS = (*COLUMN_ORDER, "url")


def public_screenings(queryset=None):
    """Screenings the public may see, with what their rows and records read."""
    queryset = Screening.objects.all() if queryset is None else queryset
    return (
        queryset.filter(
            Q(film__isnull=False, film__is_published=True)
            | Q(film_programme__isnull=False)
        )
        .select_related(
            "edition__festival",
            "screen__venue",
            "film",
            "film_programme",
            "section",
            "moved_from_screen__venue",
        )
        .prefetch_related(
            Prefetch(
                "film_programme__entries",
                queryset=ProgrammeFilm.objects.select_related("film"),
            ),
            "guests",
        )
    )


def edition_screenings(edition):
    """An edition's public screenings, in the timetable's order."""
    pagetags.show(pagetags.list_tag(f"edition:{edition.pk}", Screening))
    return public_screenings(Screening.objects.filter(edition=edition))


def csv_row(screening, *, base_url: str = "") -> list:
    """A screening as a row of the timetable spreadsheet (EXPORT_COLUMNS)."""
    film, programme = screening.film, screening.film_programme
    values = {
        "id": str(screening.uid),
        "edition": screening.edition.slug,
        "film": film.slug if film else "",
        "title": film.title_en if film else programme.title_en,
        "year": film.year if film and film.year else "",
        "programme": programme.slug if programme else "",
        "venue": screening.screen.venue.slug,
        "screen": screening.screen.name,
        "start": format_local(screening.starts_at),
        # The end only when set by hand: otherwise it follows the runtimes,
        # and a file that carried it would pin it on import.
        "end": format_local(screening.ends_at) if screening.end_set_by_hand else "",
        "extra_minutes": screening.extra_minutes,
        "kind": screening.kind,
        "language_version": screening.language_version,
        "subtitles": format_subtitles(screening),
        "access": format_access(screening),
        "qa": format_yes_no(screening.has_qa),
        "tickets": screening.ticket_state,
        "ticket_url": screening.ticket_url,
        "status": screening.status,
        "notice_en": screening.notice_en,
        "notice_nl": screening.notice_nl,
        "url": base_url + screening.get_absolute_url(),
    }
    return [values[column] for column in EXPORT_COLUMNS]


def csv_text(screenings, *, base_url: str = "") -> str:
    """The whole spreadsheet: a header row, then a row a screening."""
    out = io.StringIO(newline="")
    writer = csv_writer(out)
    writer.writerow(EXPORT_COLUMNS)
    writer.writerows(csv_row(s, base_url=base_url) for s in screenings)
    return out.getvalue()


def _iso(moment) -> str:
    return timezone.localtime(moment).isoformat()


def _film(film, *, base_url: str) -> dict:
    return {
        "slug": film.slug,
        "title": str(localized(film, "title")),
        "title_en": film.title_en,
        "year": film.year,
        "runtime_minutes": film.runtime_minutes,
        "url": base_url + film.get_absolute_url(),
    }


def screening_record(screening, *, base_url: str = "") -> dict:
    """A screening as the JSON export writes it; labels in the active language."""
    programme = screening.film_programme
    venue = screening.screen.venue
    moved_from = None
    if screening.moved_from_starts_at:
        moved_from = {
            "starts_at": _iso(screening.moved_from_starts_at),
            "screen": str(screening.moved_from_screen or ""),
        }
    return {
        "id": str(screening.uid),
        "url": base_url + screening.get_absolute_url(),
        "title": screening.title,
        "edition": screening.edition.slug,
        "section": str(localized(screening.section, "name"))
        if screening.section_id
        else None,
        "films": [_film(f, base_url=base_url) for f in screening.published_films()],
        "programme": {
            "slug": programme.slug,
            "title": str(localized(programme, "title")),
            "url": base_url + programme.get_absolute_url(),
        }
        if programme
        else None,
        "venue": {"slug": venue.slug, "name": venue.name},
        "screen": screening.screen.name,
        "starts_at": _iso(screening.starts_at),
        "ends_at": _iso(screening.ends_at),
        "day": festival_day_of(screening.starts_at).isoformat(),
        "duration_minutes": screening.duration_minutes,
        "extra_minutes": screening.extra_minutes,
        "kind": screening.kind,
        "language_version": screening.language_version,
        "access": [f.code for f in screening.access_features],
        "qa": screening.has_qa,
        "guests": [person.name for person in screening.guests.all()],
        "tickets": screening.ticket_state,
        "ticket_url": screening.ticket_url,
        "status": screening.status,
        "notice": {"en": screening.notice_en, "nl": screening.notice_nl},
        "moved_from": moved_from,
        "sequence": screening.sequence,
    }


def json_document(edition, screenings, *, base_url: str = "") -> dict:
    """The JSON export: the edition and its screenings."""
    return {
        "edition": {
            "slug": edition.slug,
            "name": str(edition),
            "starts_on": edition.starts_on.isoformat() if edition.starts_on else None,
            "ends_on": edition.ends_on.isoformat() if edition.ends_on else None,
            "time_zone": timezone.get_current_timezone_name(),
        },
        "screenings": [screening_record(s, base_url=base_url) for s in screenings],
    }


def ics_bytes(edition, screenings, request) -> bytes:
    """The calendar file of an edition's programme."""
    return calendar_for(screenings, request, name=str(edition))
