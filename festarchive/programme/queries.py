"""Read paths of the festival programme: the timetable, venue, programme and
screening pages, and the film page's screenings.

Days are festival days (programme.clock: 06:00 to 06:00). Every read here
keeps films that are not published out of sight.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from festarchive.catalogue.models import Film
from festarchive.catalogue.queries import films_for_cards
from festarchive.core import pagetags
from festarchive.core.numbers import parse_int
from festarchive.festival.models import Edition, Section

from .clock import (
    DAY_STARTS_AT,
    day_bounds,
    festival_day_of,
    festival_today,
    festival_zone,
)
from .models import FilmProgramme, ProgrammeFilm, Screen, Screening, Venue
from .models.screening import day_list_tag, days_list_tag
from .vocabulary import (
    ACCESS_BY_CODE,
    TICKETS_AVAILABLE,
    LanguageVersion,
    ScreeningKind,
    ScreeningStatus,
)

# Minutes per column of the timetable grid.
GRID_MINUTES = 5
# Columns a screening takes at least, however short: room for its time and
# title. A screening starting under it goes in the lane below.
GRID_MIN_COLUMNS = 10


@dataclass(frozen=True)
class TimeOfDay:
    code: str
    label: str
    first_hour: int  # from this hour…
    last_hour: int  # …up to (not including) this one, counted from midnight


# Night runs past midnight, to the end of the festival day.
TIMES_OF_DAY = (
    TimeOfDay("morning", _("Morning"), 6, 12),
    TimeOfDay("afternoon", _("Afternoon"), 12, 17),
    TimeOfDay("evening", _("Evening"), 17, 22),
    TimeOfDay("night", _("Night"), 22, 30),
)
TIME_OF_DAY_BY_CODE = {t.code: t for t in TIMES_OF_DAY}
VIEWS = ("grid", "list")
# A filter takes at most this many values; an address with more is cut, not refused.
MAX_VALUES = 30
# Query-string fields read at all (Django answers 400 past 1,000).
MAX_FIELDS = 200
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)


def parse_day(value: str | None) -> datetime.date | None:
    """``2026-10-22`` as a date; None for anything else (other digits, no
    such date, a wrong shape)."""
    if not isinstance(value, str):
        return None
    match = _ISO_DAY.fullmatch(value)
    if not match:
        return None
    year, month, day = (parse_int(part) for part in match.groups())
    try:
        return datetime.date(year, month, day)
    except (TypeError, ValueError):
        return None


# --- Which edition --------------------------------------------------------


def public_screenings() -> QuerySet[Screening]:
    """Screenings a visitor may see: public ones, of published films (a
    programme of films is shown whatever its films)."""
    return Screening.objects.filter(kind=ScreeningKind.PUBLIC).filter(
        Q(film__isnull=True) | Q(film__is_published=True)
    )


def visible_screenings() -> QuerySet[Screening]:
    """Screenings whose own page may be shown: any kind, published films."""
    return Screening.objects.filter(Q(film__isnull=True) | Q(film__is_published=True))


def current_edition() -> Edition | None:
    """The host festival's edition a visitor of the festival pages means.

    The one whose dates include today; else the next to begin; else the
    latest that has screenings. None when there is none of these.
    """
    today = festival_today()
    editions = Edition.objects.select_related("festival").filter(
        festival__slug=settings.FESTARCHIVE["HOST_FESTIVAL_SLUG"]
    )
    # Which edition is meant changes with any edition's dates, or a new one.
    pagetags.show(pagetags.collection(Edition))
    for festival_id in editions.values_list("festival_id", flat=True)[:1]:
        pagetags.show(pagetags.list_tag(f"festival:{festival_id}", Edition))
    running = (
        editions.filter(starts_on__lte=today, ends_on__gte=today)
        .order_by("starts_on")
        .first()
    )
    if running:
        return running
    upcoming = editions.filter(starts_on__gt=today).order_by("starts_on").first()
    if upcoming:
        return upcoming
    return editions.filter(screenings__isnull=False).order_by("-year").first()


def edition_get(*, slug: str) -> Edition:
    return get_object_or_404(Edition.objects.select_related("festival"), slug=slug)


def edition_has_ended(edition: Edition) -> bool:
    """Whether the festival's last day is behind us (an edition without dates
    counts as ended once its year is over)."""
    today = festival_today()
    if edition.ends_on:
        return edition.ends_on < today
    return edition.year < today.year


def edition_days(edition: Edition, screenings=None) -> list[datetime.date]:
    """The festival days of an edition: its dates, and any day outside them
    with a screening (a preview, a closing-night repeat)."""
    pagetags.show(days_list_tag(edition.pk))
    screenings = public_screenings() if screenings is None else screenings
    screenings = screenings.filter(edition=edition)
    days: set[datetime.date] = set()
    if edition.starts_on and edition.ends_on:
        first, last = edition.starts_on, edition.ends_on
        days.update(
            first + datetime.timedelta(days=n) for n in range((last - first).days + 1)
        )
        start, _end = day_bounds(first)
        _start, end = day_bounds(last)
        screenings = screenings.filter(Q(starts_at__lt=start) | Q(starts_at__gte=end))
    days.update(
        festival_day_of(moment)
        for moment in screenings.values_list("starts_at", flat=True).distinct()
    )
    return sorted(days)


# --- Timetable filters ----------------------------------------------------


@dataclass
class TimetableParams:
    """What the timetable's address asks for, every value checked.

    Unknown values are dropped, not refused: an old link whose section has
    gone still shows the day.
    """

    day: datetime.date | None = None
    day_asked: bool = False  # a day was in the address, valid or not
    times: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    venues: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    access: list[str] = field(default_factory=list)
    qa: bool = False
    available: bool = False
    view: str = "grid"
    view_asked: bool = False

    @property
    def is_filtered(self) -> bool:
        return bool(
            self.times
            or self.sections
            or self.venues
            or self.languages
            or self.access
            or self.qa
            or self.available
        )

    def pairs(self, **changes) -> list[tuple[str, str]]:
        """The query string's fields in their tidy order, with ``changes``
        (``day=``, ``view=``) put in; defaults are left out."""
        day = changes.get("day", self.day)
        view = changes.get("view", self.view if self.view_asked else None)
        keep_filters = not changes.get("clear", False)
        pairs: list[tuple[str, str]] = []
        if day:
            pairs.append(("day", day.isoformat()))
        if keep_filters:
            pairs += [("time", v) for v in self.times]
            pairs += [("section", v) for v in self.sections]
            pairs += [("venue", v) for v in self.venues]
            pairs += [("lang", v) for v in self.languages]
            pairs += [("access", v) for v in self.access]
            if self.qa:
                pairs.append(("qa", "1"))
            if self.available:
                pairs.append(("available", "1"))
        if view and view != "grid":
            pairs.append(("view", view))
        return pairs

    def url(self, **changes) -> str:
        """``?day=…&section=…`` for a link to this timetable with ``changes``."""
        pairs = self.pairs(**changes)
        return "?" + urlencode(pairs) if pairs else "?"

    @property
    def current_url(self) -> str:
        return self.url()


def _known(values: list[str], allowed) -> list[str]:
    """The values that are ``allowed``, each once, in the order given."""
    seen: list[str] = []
    for value in values[:MAX_VALUES]:
        if value in allowed and value not in seen:
            seen.append(value)
    return seen


def parse_timetable_params(
    data, *, section_slugs=(), venue_slugs=()
) -> TimetableParams:
    """Read the timetable's filters from a query dict (``getlist``/``get``)."""
    params = TimetableParams()
    raw_day = data.get("day")
    params.day_asked = bool(raw_day)
    params.day = parse_day(raw_day)
    params.times = _known(data.getlist("time"), TIME_OF_DAY_BY_CODE)
    params.sections = _known(data.getlist("section"), set(section_slugs))
    params.venues = _known(data.getlist("venue"), set(venue_slugs))
    params.languages = _known(data.getlist("lang"), set(LanguageVersion.values))
    params.access = _known(data.getlist("access"), ACCESS_BY_CODE)
    params.qa = data.get("qa") in ("1", "on", "true")
    params.available = data.get("available") in ("1", "on", "true")
    view = data.get("view")
    if view in VIEWS:
        params.view = view
        params.view_asked = True
    return params


# --- Reading screenings ---------------------------------------------------


def _with_page_data(screenings: QuerySet[Screening]) -> QuerySet[Screening]:
    """What a screening shows wherever it is listed, in a fixed number of
    queries: its film or programme (with the programme's published films),
    venue and screen, section, edition, where it moved from, and the
    languages the JSON-LD names."""
    return screenings.select_related(
        "film",
        "film_programme",
        "section",
        "screen__venue",
        "edition__festival",
        "moved_from_screen__venue",
    ).prefetch_related(
        "film__spoken_languages",
        Prefetch(
            "film_programme__entries",
            queryset=ProgrammeFilm.objects.filter(film__is_published=True)
            .select_related("film")
            .prefetch_related("film__spoken_languages")
            .order_by("position", "id"),
        ),
    )


def _apply_filters(screenings, params: TimetableParams):
    if params.sections:
        screenings = screenings.filter(section__slug__in=params.sections)
    if params.venues:
        screenings = screenings.filter(screen__venue__slug__in=params.venues)
    if params.languages:
        screenings = screenings.filter(language_version__in=params.languages)
    for code in params.access:
        screenings = screenings.filter(**{ACCESS_BY_CODE[code].field: True})
    if params.qa:
        screenings = screenings.filter(has_qa=True)
    if params.available:
        screenings = screenings.filter(ticket_state__in=TICKETS_AVAILABLE).exclude(
            status=ScreeningStatus.CANCELLED
        )
    return screenings


def time_of_day(screening: Screening) -> str:
    """The code of the part of the festival day a screening starts in."""
    local = screening.starts_at.astimezone(festival_zone())
    hour = local.hour if local.hour >= DAY_STARTS_AT else local.hour + 24
    for band in TIMES_OF_DAY:
        if band.first_hour <= hour < band.last_hour:
            return band.code
    return TIMES_OF_DAY[-1].code


def day_screenings(
    edition: Edition, day: datetime.date, params: TimetableParams | None = None
) -> list[Screening]:
    """The public screenings of one festival day, filtered, in order of start."""
    pagetags.show(day_list_tag(edition.pk, day))
    start, end = day_bounds(day)
    screenings = public_screenings().filter(
        edition=edition, starts_at__gte=start, starts_at__lt=end
    )
    if params is not None:
        screenings = _apply_filters(screenings, params)
    rows = list(
        _with_page_data(screenings).order_by(
            "starts_at", "screen__venue__order", "screen__order", "id"
        )
    )
    if params is not None and params.times:
        rows = [s for s in rows if time_of_day(s) in params.times]
    return rows


@dataclass
class FilterOptions:
    sections: list[Section]
    venues: list[Venue]


def timetable_options(edition: Edition) -> FilterOptions:
    """The sections and venues the edition's public screenings use (brought
    up to date when a screening is added, removed or moved to another day)."""
    pagetags.show(days_list_tag(edition.pk))
    screenings = public_screenings().filter(edition=edition)
    sections = list(
        Section.objects.filter(screenings__in=screenings)
        .distinct()
        .order_by("order", "name_en")
    )
    venues = list(
        Venue.objects.filter(screens__screenings__in=screenings)
        .distinct()
        .order_by("order", "name")
    )
    return FilterOptions(sections=sections, venues=venues)


# --- The grid -------------------------------------------------------------


@dataclass
class GridCell:
    span: int  # columns
    screening: Screening | None = None  # None: an empty stretch


@dataclass
class GridRow:
    screen: Screen
    cells: list[GridCell]
    first_lane: bool = True
    lanes: int = 1  # rows this screen takes (overlaps go one below the other)


@dataclass
class GridHour:
    label: str
    moment: datetime.datetime
    span: int


@dataclass
class Grid:
    hours: list[GridHour]
    rows: list[GridRow]
    columns: int

    def __bool__(self) -> bool:
        return bool(self.rows)


def _column(moment, origin, *, up: bool) -> int:
    minutes = (moment - origin).total_seconds() / 60
    whole, rest = divmod(minutes, GRID_MINUTES)
    return int(whole) + (1 if up and rest else 0)


def _lanes(screenings: list[Screening], origin) -> list[list[tuple]]:
    """One screen's screenings as lanes of ``(first column, end column,
    screening)``: a screening goes in the first lane where it starts after
    the last one ends, else in a new lane below."""
    lanes: list[list[tuple]] = []
    ends: list[tuple[datetime.datetime, int]] = []  # per lane: true end, column
    for screening in sorted(screenings, key=lambda s: s.starts_at):
        start_col = _column(screening.starts_at, origin, up=False)
        end_col = max(
            _column(screening.ends_at, origin, up=True),
            start_col + GRID_MIN_COLUMNS,
        )
        for number, (true_end, end_column) in enumerate(ends):
            # Back to back, rounding may make two share a column: the later
            # one starts a column on.
            if screening.starts_at >= true_end and start_col >= end_column - 1:
                start_col = max(start_col, end_column)
                end_col = max(end_col, start_col + GRID_MIN_COLUMNS)
                lanes[number].append((start_col, end_col, screening))
                ends[number] = (screening.ends_at, end_col)
                break
        else:
            lanes.append([(start_col, end_col, screening)])
            ends.append((screening.ends_at, end_col))
    return lanes


def timetable_grid(screenings: list[Screening]) -> Grid:
    """Screens as rows and the day's hours as columns of ``GRID_MINUTES``.

    Each screening spans the columns of its start to its end, rounded out to
    the grid (and at least ``GRID_MIN_COLUMNS``). Screenings that overlap in
    one screen (a cancelled one and the one that took its place) go in
    lanes, one below the other.
    """
    if not screenings:
        return Grid(hours=[], rows=[], columns=0)
    first = min(s.starts_at for s in screenings).astimezone(festival_zone())
    origin = first.replace(minute=0, second=0, microsecond=0).astimezone(datetime.UTC)

    by_screen: dict[int, list[Screening]] = defaultdict(list)
    screens: dict[int, Screen] = {}
    for screening in screenings:
        by_screen[screening.screen_id].append(screening)
        screens[screening.screen_id] = screening.screen
    ordered = sorted(
        screens.values(),
        key=lambda s: (s.venue.order, s.venue.name, s.order, s.name, s.pk),
    )
    lanes_by_screen = {
        screen.pk: _lanes(by_screen[screen.pk], origin) for screen in ordered
    }

    per_hour = 60 // GRID_MINUTES
    last_column = max(
        end
        for lanes in lanes_by_screen.values()
        for lane in lanes
        for _s, end, _x in lane
    )
    hours = []
    for number in range(-(-last_column // per_hour)):
        moment = (origin + datetime.timedelta(hours=number)).astimezone(festival_zone())
        hours.append(GridHour(label=f"{moment:%H:%M}", moment=moment, span=per_hour))
    columns = len(hours) * per_hour

    rows: list[GridRow] = []
    for screen in ordered:
        lanes = lanes_by_screen[screen.pk]
        for number, lane in enumerate(lanes):
            cells: list[GridCell] = []
            at = 0
            for start_col, end_col, screening in lane:
                if start_col > at:
                    cells.append(GridCell(span=start_col - at))
                cells.append(GridCell(span=end_col - start_col, screening=screening))
                at = end_col
            if at < columns:
                cells.append(GridCell(span=columns - at))
            rows.append(
                GridRow(
                    screen=screen, cells=cells, first_lane=number == 0, lanes=len(lanes)
                )
            )
    return Grid(hours=hours, rows=rows, columns=columns)


@dataclass
class ListPart:
    """The screenings of one part of the day, for the list view."""

    time: TimeOfDay
    screenings: list[Screening]


def timetable_list(screenings: list[Screening]) -> list[ListPart]:
    parts: dict[str, list[Screening]] = {t.code: [] for t in TIMES_OF_DAY}
    for screening in screenings:
        parts[time_of_day(screening)].append(screening)
    return [ListPart(t, parts[t.code]) for t in TIMES_OF_DAY if parts[t.code]]


def choose_day(days: list[datetime.date], asked: datetime.date | None):
    """The day to show: the one asked for, else today inside the festival,
    else the first day. Raises Http404 for a day that is not a festival day."""
    if asked is not None:
        if asked not in days:
            raise Http404("That day is not a day of this festival.")
        return asked
    today = festival_today()
    if today in days:
        return today
    return days[0] if days else None


# --- Venue, programme, screening ------------------------------------------


def venue_get(*, slug: str) -> Venue:
    return get_object_or_404(
        Venue.objects.prefetch_related(
            Prefetch("screens", queryset=Screen.objects.order_by("order", "name"))
        ),
        slug=slug,
    )


def venue_day_screenings(
    venue: Venue, edition: Edition, day: datetime.date
) -> list[Screening]:
    pagetags.show(pagetags.list_tag(f"venue:{venue.pk}", Screen))
    pagetags.show(
        *(
            pagetags.list_tag(f"screen:{screen.pk}", Screening)
            for screen in venue.screens.all()
        )
    )
    start, end = day_bounds(day)
    screenings = public_screenings().filter(
        edition=edition,
        screen__venue=venue,
        starts_at__gte=start,
        starts_at__lt=end,
    )
    return list(_with_page_data(screenings).order_by("starts_at", "screen__order"))


def film_programme_get(*, slug: str) -> FilmProgramme:
    return get_object_or_404(
        FilmProgramme.objects.select_related("edition__festival", "section"),
        slug=slug,
    )


def film_programme_films(programme: FilmProgramme) -> list[Film]:
    """The programme's published films in their order, ready for film cards."""
    positions = dict(
        ProgrammeFilm.objects.filter(
            programme=programme, film__is_published=True
        ).values_list("film_id", "position")
    )
    films = films_for_cards(Film.objects.published().filter(pk__in=positions))
    return sorted(films, key=lambda f: (positions[f.pk], f.pk))


def film_programme_screenings(programme: FilmProgramme) -> list[Screening]:
    return list(
        _with_page_data(public_screenings().filter(film_programme=programme)).order_by(
            "starts_at", "id"
        )
    )


def screening_get(*, uid) -> Screening:
    """A screening of a published film (or of a programme), or 404."""
    screenings = _with_page_data(visible_screenings().filter(uid=uid)).prefetch_related(
        "guests"
    )
    screening = screenings.first()
    if screening is None:
        raise Http404("No screening at that address.")
    return screening


def other_screenings(screening: Screening) -> list[Screening]:
    """The other public screenings of the same film or programme, same edition."""
    same = (
        Q(film_id=screening.film_id)
        if screening.film_id
        else Q(film_programme_id=screening.film_programme_id)
    )
    return list(
        _with_page_data(
            public_screenings()
            .filter(same, edition_id=screening.edition_id)
            .exclude(pk=screening.pk)
        ).order_by("starts_at", "id")
    )


# --- The film page ----------------------------------------------------------


@dataclass
class FilmScreenings:
    """What the film page shows of a film's screenings."""

    upcoming: list[Screening]
    # Past editions of ours: (edition, times shown), newest first.
    shown: list[tuple[Edition, int]]

    def shown_at(self, edition_id: int) -> int:
        for edition, count in self.shown:
            if edition.pk == edition_id:
                return count
        return 0


def film_screenings(film: Film) -> FilmScreenings:
    """The film's public screenings from today on (its own, or in a programme
    of films), and how often it was shown at each edition that has ended.

    One query for all of the film's screenings (a film has a handful), and
    the prefetches of ``_with_page_data`` when there are any.
    """
    if not film.is_published:
        return FilmScreenings(upcoming=[], shown=[])
    in_programme = ProgrammeFilm.objects.filter(film=film).values("programme_id")
    screenings = _with_page_data(
        Screening.objects.filter(Q(film=film) | Q(film_programme__in=in_programme))
    ).order_by("starts_at", "id")
    start, _end = day_bounds(festival_today())
    upcoming: list[Screening] = []
    # "Shown": every screening that was not cancelled, of an edition now over.
    counts: dict[int, int] = defaultdict(int)
    editions: dict[int, Edition] = {}
    for screening in screenings:
        if screening.kind == ScreeningKind.PUBLIC and screening.starts_at >= start:
            upcoming.append(screening)
        if not screening.is_cancelled and edition_has_ended(screening.edition):
            counts[screening.edition_id] += 1
            editions[screening.edition_id] = screening.edition
    shown = sorted(
        ((editions[pk], n) for pk, n in counts.items()),
        key=lambda pair: -pair[0].year,
    )
    return FilmScreenings(upcoming=upcoming, shown=shown)


def timetable_day_url(screening: Screening) -> str:
    """The timetable of the screening's edition on the screening's day."""
    path = reverse(
        "programme:edition-timetable", kwargs={"edition": screening.edition.slug}
    )
    return f"{path}?day={festival_day_of(screening.starts_at).isoformat()}"
