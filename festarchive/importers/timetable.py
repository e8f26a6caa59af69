"""Screenings from a spreadsheet: one row per screening, the columns in
programme.columns (docs/programme-data.md), the same columns the programme's
CSV export writes.

A file is read and checked whole, then written through the programme's
services in one transaction, or not at all: if any row is refused, nothing is
written, and the report lists each refused line with its number and the
reason. Warnings (a day outside the edition, a time the clock shows twice)
are reported and do not refuse the file.

A row matches an existing screening by its ``id`` (the screening's uid), or,
without one, by the same edition, screen, start and film (or programme). A
row that matches changes the screening only where the file differs, so
importing the same file twice changes nothing the second time; a new start
or screen in a row with an id moves the screening.
"""

import csv
import datetime
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DataError, IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from festarchive.catalogue.models import Film
from festarchive.core.numbers import parse_int
from festarchive.core.spreadsheets import read_cell
from festarchive.core.text import fold
from festarchive.festival.models import Edition
from festarchive.programme import rules, services
from festarchive.programme.columns import (
    COLUMNS,
    INFORMATIONAL,
    REQUIRED,
    BadCell,
    parse_access,
    parse_code,
    parse_end,
    parse_local,
    parse_subtitles,
    parse_yes_no,
)
from festarchive.programme.models import FilmProgramme, Screen, Screening, Venue
from festarchive.programme.vocabulary import (
    LanguageVersion,
    ScreeningKind,
    ScreeningStatus,
    TicketState,
)

from .batches import import_batch_record, written_counts
from .catalogue_import import Refused, check_characters
from .models import ImportBatch
from .spreadsheet import csv_reader, unreadable

# The fields a row sets, by the column that carries them.
CARRIED_BY = {
    "end": ("ends_at",),
    "extra_minutes": ("extra_minutes",),
    "kind": ("kind",),
    "language_version": ("language_version",),
    "subtitles": ("subtitles_en", "subtitles_nl"),
    "access": ("sdh", "audio_description", "relaxed"),
    "qa": ("has_qa",),
    "tickets": ("ticket_state",),
    "ticket_url": ("ticket_url",),
    "status": ("status",),
    "notice_en": ("notice_en",),
    "notice_nl": ("notice_nl",),
}
# Fields compared to tell whether a row changes a screening.
COMPARED = (
    "edition_id",
    "screen_id",
    "film_id",
    "film_programme_id",
    "starts_at",
    "ends_at",
    "end_set_by_hand",
    *sorted({f for fields in CARRIED_BY.values() for f in fields} - {"ends_at"}),
)
_url = URLValidator(schemes=["http", "https"])


@dataclass
class TimetableReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    # (line, what the row does: creates the screening, or the fields it changes)
    changes: list[tuple[int, str]] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return not self.error and not self.rejected


class _RowError(ValueError):
    pass


@dataclass
class _Row:
    line: int
    fields: dict
    uid: uuid.UUID | None = None
    existing: Screening | None = None
    ends_at: datetime.datetime | None = None  # for the check between rows

    @property
    def label(self) -> str:
        shows = self.fields.get("film") or self.fields.get("film_programme")
        start = timezone.localtime(self.fields["starts_at"])
        return f"{shows.title_en}, {self.fields['screen']}, {start:%Y-%m-%d %H:%M}"


class _Lookups:
    """The editions, venues, screens, films and programmes rows name, each
    looked up once a file."""

    def __init__(self):
        self.cache: dict[tuple, object] = {}

    def _once(self, key, find):
        if key not in self.cache:
            self.cache[key] = find()
        return self.cache[key]

    def edition(self, slug: str) -> Edition:
        if not slug:
            raise _RowError("edition is missing")
        edition = self._once(
            ("edition", slug),
            lambda: (
                Edition.objects.select_related("festival").filter(slug=slug).first()
            ),
        )
        if edition is None:
            raise _RowError(f"edition {slug!r} is not in the archive")
        return edition

    def screen(self, venue_text: str, screen_text: str) -> Screen:
        if not venue_text:
            raise _RowError("venue is missing")
        if not screen_text:
            raise _RowError("screen is missing")
        venue = self._once(("venue", fold(venue_text)), lambda: self._venue(venue_text))
        if venue is None:
            raise _RowError(f"venue {venue_text!r} is not a venue's name or slug")
        screen = self._once(
            ("screen", venue.pk, fold(screen_text)),
            lambda: next(
                (s for s in venue.screens.all() if fold(s.name) == fold(screen_text)),
                None,
            ),
        )
        if screen is None:
            names = ", ".join(s.name for s in venue.screens.all()) or "none"
            raise _RowError(
                f"{venue.name} has no screen {screen_text!r} (its screens: {names})"
            )
        return screen

    @staticmethod
    def _venue(text: str):
        venue = Venue.objects.filter(slug=text).first()
        if venue:
            return venue
        return next(
            (v for v in Venue.objects.all() if fold(v.name) == fold(text)), None
        )

    def shows(self, row: dict, columns) -> dict:
        """The film or programme of films a row shows."""
        film_slug = row.get("film", "").strip()
        programme_slug = row.get("programme", "").strip()
        title = row.get("title", "").strip()
        if film_slug and programme_slug:
            raise _RowError("a row shows a film or a programme of films, not both")
        if programme_slug:
            programme = self._once(
                ("programme", programme_slug),
                lambda: FilmProgramme.objects.filter(slug=programme_slug).first(),
            )
            if programme is None:
                raise _RowError(f"programme {programme_slug!r} is not in the archive")
            return {"film": None, "film_programme": programme}
        if film_slug:
            film = self._once(
                ("film", film_slug), lambda: Film.objects.filter(slug=film_slug).first()
            )
            if film is None:
                raise _RowError(f"film {film_slug!r} is not in the catalogue")
            return {"film": film, "film_programme": None}
        if not title:
            raise _RowError("give the film's slug, its title and year, or a programme")
        year_text = row.get("year", "").strip()
        year = None
        if year_text:
            year = parse_int(year_text, low=1800, high=2200)
            if year is None:
                raise _RowError(f"year {year_text[:20]!r} is not a year")
        films = self._once(
            ("title", fold(title), year), lambda: self._titled(title, year)
        )
        if not films:
            called = f"{title!r} ({year})" if year else repr(title)
            raise _RowError(f"no film in the catalogue is called {called}")
        if len(films) > 1:
            slugs = ", ".join(f.slug for f in films[:5])
            raise _RowError(
                f"{len(films)} films are called {title!r}"
                + ("" if year else "; give the year")
                + f", or the film's slug ({slugs})"
            )
        return {"film": films[0], "film_programme": None}

    @staticmethod
    def _titled(title: str, year: int | None) -> list:
        films = Film.objects.filter(
            Q(title_en__iexact=title) | Q(title_nl__iexact=title)
        )
        if year:
            films = films.filter(year=year)
        return list(films.order_by("pk")[:6])


def _text(row: dict, column: str, *, max_length: int = 300) -> str:
    value = row.get(column, "").strip()
    if len(value) > max_length:
        raise _RowError(f"{column} is longer than {max_length} characters")
    return value


def _read_row(row: dict, columns: frozenset, lookups: _Lookups, warnings: list):
    """A row as the fields of a screening (only those its columns carry)."""
    uid = None
    id_text = row.get("id", "").strip()
    if id_text:
        try:
            uid = uuid.UUID(id_text)
        except ValueError as error:
            raise _RowError(f"id {id_text[:40]!r} is not a screening's id") from error
    fields = {"edition": lookups.edition(row.get("edition", "").strip())}
    fields["screen"] = lookups.screen(
        row.get("venue", "").strip(), row.get("screen", "").strip()
    )
    fields.update(lookups.shows(row, columns))
    try:
        fields["starts_at"], warning = parse_local(row.get("start", ""))
        if warning:
            warnings.append(warning)
        if "end" in columns:
            fields["ends_at"], warning = parse_end(
                row.get("end", ""), start=fields["starts_at"]
            )
            if warning:
                warnings.append(warning)
        if "extra_minutes" in columns:
            text = row.get("extra_minutes", "").strip()
            minutes = parse_int(text, low=0, high=600) if text else 0
            if minutes is None:
                raise _RowError(
                    f"extra_minutes {text[:20]!r} is not a number of minutes (0 to 600)"
                )
            fields["extra_minutes"] = minutes
        for column, choices, name, default in (
            ("kind", ScreeningKind, "kind", ScreeningKind.PUBLIC),
            (
                "language_version",
                LanguageVersion,
                "language_version",
                LanguageVersion.ORIGINAL,
            ),
            ("tickets", TicketState, "ticket_state", TicketState.NOT_YET_ON_SALE),
            ("status", ScreeningStatus, "status", ScreeningStatus.SCHEDULED),
        ):
            if column in columns:
                fields[name] = parse_code(
                    row.get(column, ""), choices, column=column, default=default
                )
        if "subtitles" in columns:
            fields.update(parse_subtitles(row.get("subtitles", "")))
        if "access" in columns:
            for name, value in parse_access(row.get("access", "")).items():
                fields[name] = fields.get(name, False) or value
        if "qa" in columns:
            fields["has_qa"] = parse_yes_no(row.get("qa", ""), column="qa")
    except BadCell as error:
        raise _RowError(str(error)) from error
    if "ticket_url" in columns:
        url = _text(row, "ticket_url", max_length=200)
        if url:
            try:
                _url(url)
            except ValidationError as error:
                raise _RowError(
                    f"ticket_url {url[:60]!r} is not a web address (https://…)"
                ) from error
        fields["ticket_url"] = url
    for column in ("notice_en", "notice_nl"):
        if column in columns:
            fields[column] = _text(row, column)
    return uid, fields


def _match(row: _Row) -> None:
    """The screening the row is about, if it exists; by id, else by edition,
    screen, start and what it shows."""
    fields = row.fields
    if row.uid is not None:
        existing = (
            Screening.objects.select_related("edition").filter(uid=row.uid).first()
        )
        if existing is None:
            raise _RowError(
                f"no screening has the id {row.uid}; leave the id empty for a new one"
            )
        if existing.edition_id != fields["edition"].pk:
            raise _RowError(
                f"screening {row.uid} belongs to {existing.edition}, "
                f"not {fields['edition']}"
            )
        row.existing = existing
        return
    row.existing = Screening.objects.filter(
        edition=fields["edition"],
        screen=fields["screen"],
        starts_at=fields["starts_at"],
        film=fields["film"],
        film_programme=fields["film_programme"],
    ).first()


def _interval_end(row: _Row) -> datetime.datetime:
    """Where the row's screening will end, for the check between rows."""
    fields = row.fields
    if fields.get("ends_at"):
        return fields["ends_at"]
    existing = row.existing
    if "ends_at" not in fields and existing and existing.end_set_by_hand:
        if existing.starts_at == fields["starts_at"]:
            return existing.ends_at
    shows = fields["film"] or fields["film_programme"]
    films = [shows] if fields["film"] else shows.ordered_films()
    extra = fields.get("extra_minutes", existing.extra_minutes if existing else 0)
    return rules.computed_end(fields["starts_at"], films, extra)


def _status(row: _Row) -> str:
    if "status" in row.fields:
        return row.fields["status"]
    return row.existing.status if row.existing else ScreeningStatus.SCHEDULED


def _check_between_rows(rows: list[_Row], report: TimetableReport) -> set[int]:
    """Rows whose times cross in one screen; returns the lines refused."""
    refused = set()
    by_screen: dict[int, list[_Row]] = {}
    for row in rows:
        if _status(row) == ScreeningStatus.CANCELLED:
            continue
        row.ends_at = _interval_end(row)
        by_screen.setdefault(row.fields["screen"].pk, []).append(row)
    for screen_rows in by_screen.values():
        screen_rows.sort(key=lambda r: (r.fields["starts_at"], r.line))
        holder = screen_rows[0]  # the row whose time reaches furthest so far
        for later in screen_rows[1:]:
            if later.fields["starts_at"] >= holder.ends_at:
                holder = later
                continue
            start = timezone.localtime(holder.fields["starts_at"])
            end = timezone.localtime(holder.ends_at)
            shows = holder.fields["film"] or holder.fields["film_programme"]
            report.rejected.append(
                (
                    later.line,
                    f"{later.fields['screen']} is taken then by line {holder.line}: "
                    f"{shows.title_en}, {start:%H:%M} to {end:%H:%M}",
                )
            )
            refused.add(later.line)
    return refused


def _snapshot(screening: Screening) -> dict:
    return {name: getattr(screening, name) for name in COMPARED}


def _messages(error: ValidationError) -> str:
    return "; ".join(dict.fromkeys(str(m) for m in error.messages))


def _write_row(row: _Row, report: TimetableReport, by) -> None:
    """Create or change the row's screening through the services; raises
    ValidationError when the rules refuse it."""
    fields = dict(row.fields)
    existing = row.existing
    if existing is None:
        screening = services.screening_create(by=by, **fields)
        report.created += 1
        report.changes.append((row.line, f"new screening: {row.label}"))
    else:
        # "moved" is the archive's own word for a screening whose time or
        # screen changed: a file that still says "scheduled" keeps it.
        if (
            fields.get("status") == ScreeningStatus.SCHEDULED
            and existing.status == ScreeningStatus.MOVED
        ):
            del fields["status"]
        before = _snapshot(existing)
        screening = services.screening_update(existing, by=by, **fields)
        after = _snapshot(screening)
        changed = [
            name.removesuffix("_id") for name in COMPARED if before[name] != after[name]
        ]
        if changed:
            report.updated += 1
            report.changes.append((row.line, "changes " + ", ".join(changed)))
        else:
            report.unchanged += 1
    for warning in rules.date_warnings(screening):
        report.warnings.append((row.line, warning))


def _breaks(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _cells_of(raw: dict) -> list[str]:
    cells = []
    for value in raw.values():
        if isinstance(value, list):  # what is left over past the last column
            cells.extend(value)
        elif value:
            cells.append(value)
    return cells


def _read(text: str, report: TimetableReport) -> list[_Row] | None:
    reader = csv_reader(text)
    try:
        header = [name.strip() for name in (reader.fieldnames or [])]
    except csv.Error as error:
        report.error = f"line 1: {unreadable(error)}"
        return None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        report.error = "the first row must name the columns; missing: " + ", ".join(
            missing
        )
        return None
    if not {"film", "title", "programme"} & set(header):
        report.error = "the file needs a film, title or programme column"
        return None
    unknown = sorted(set(header) - COLUMNS - INFORMATIONAL - {""})
    if unknown:
        report.error = (
            f"unknown columns: {', '.join(unknown)} (see docs/programme-data.md)"
        )
        return None
    columns = frozenset(header)
    lookups = _Lookups()
    rows: list[_Row] = []
    seen: dict[object, int] = {}
    records = iter(reader)
    while True:
        number = reader.line_num + 1
        try:
            raw = next(records)
        except StopIteration:
            break
        except csv.Error as error:
            report.rejected.append((number, unreadable(error)))
            break  # the reader cannot go on past a broken line
        # The line the record starts on: blank lines before it are read past,
        # and a quoted cell may hold line breaks.
        number = reader.line_num - sum(_breaks(v) for v in _cells_of(raw))
        if None in raw:
            report.rejected.append((number, "more cells than columns"))
            continue
        cells = {(k or "").strip(): read_cell(v or "") for k, v in raw.items() if k}
        if not any(value.strip() for value in cells.values()):
            continue  # an empty row, as spreadsheet programs leave at the end
        warnings: list[str] = []
        try:
            check_characters(cells)
            uid, fields = _read_row(cells, columns, lookups, warnings)
            row = _Row(line=number, fields=fields, uid=uid)
            _match(row)
        except (_RowError, Refused) as error:
            report.rejected.append((number, str(error)))
            continue
        report.warnings.extend((number, w) for w in warnings)
        key = (
            row.existing.pk
            if row.existing
            else (
                fields["screen"].pk,
                fields["starts_at"],
            )
        )
        if key in seen:
            report.rejected.append((number, f"the same screening as line {seen[key]}"))
            continue
        seen[key] = number
        rows.append(row)
    return rows


def import_timetable(
    text: str, *, dry_run: bool = False, by=None, source: str = ""
) -> TimetableReport:
    """Import a CSV file's screenings, all or nothing (see the module's text).

    Rows are written in the file's order; a row the rules refuse only because
    a later row frees its screen is tried again after the others."""
    report = TimetableReport()
    rows = _read(text, report)
    if rows is None:
        return report
    refused = _check_between_rows(rows, report)
    pending = [row for row in rows if row.line not in refused]
    try:
        with transaction.atomic():
            errors: dict[int, str] = {}
            while pending:
                waiting = []
                for row in pending:
                    try:
                        with transaction.atomic():
                            _write_row(row, report, by)
                    except ValidationError as error:
                        errors[row.line] = _messages(error)
                        waiting.append(row)
                    else:
                        errors.pop(row.line, None)
                if len(waiting) == len(pending):
                    break
                pending = waiting
                for row in pending:  # what was read before a failed try is stale
                    if row.existing is not None:
                        row.existing.refresh_from_db()
            report.rejected.extend(errors.items())
            report.rejected.sort()
            if dry_run or report.rejected:
                transaction.set_rollback(True)
            elif source:
                import_batch_record(
                    kind=ImportBatch.Kind.TIMETABLE,
                    source=source,
                    by=by,
                    counts=written_counts(report),
                )
    except (IntegrityError, DataError) as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else error
        report.error = f"the database refused the file, nothing was written: {reason}"
    if not report.ok:
        report.created = report.updated = report.unchanged = 0
        report.changes.clear()
    return report
