"""The demo festival programme: venues, screens and the screenings of two editions.

The latest host edition of the demo is the live one: its dates are moved so
that the day the demo runs is its fourth day (``LIVE_DAY``). It keeps its year
and label (IDFA 2023), because the catalogue, the reference film and the
archive's links are built on them; only its dates, and with them its
screenings, move. Each later run of ``festarchive demo`` moves them again, by
whole days on the festival's clock, so the edition stays live and visitors'
plans keep their screenings. The edition before it (IDFA 2022) gets a full
timetable as it was: nothing is "not yet on sale" in the past.

The venue names and streets are those of Amsterdam cinemas; coordinates are
close to their doors, and the rooms and seats are plausible, not surveyed.

Screenings are computed in memory, slot by slot, so that none overlaps another
in its screen and all run between 09:30 and 23:30, and are then written with
``bulk_create`` (a service call each would cost seconds). They keep every
rule the services check: films selected for the edition, ends computed from
the runtimes, no overlap in a screen (``check_no_overlaps`` verifies it before
writing; the tests check the written rows with ``programme.rules``). The few
changes a programme goes through, a cancellation or a move, go through the
services, which record them and mark the screenings as visitors will see them.
The same ``seed`` and the same day always give the same programme.
"""

import datetime
import random
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from festarchive.catalogue.models import Credit, Film
from festarchive.catalogue.vocabulary import DIRECTOR
from festarchive.festival.models import Edition, Selection
from festarchive.programme import rules, services
from festarchive.programme.models import (
    FilmProgramme,
    PlannedScreening,
    Screen,
    Screening,
    Venue,
)
from festarchive.programme.vocabulary import (
    LanguageVersion,
    ScreeningKind,
    ScreeningStatus,
    TicketState,
)

from .festivals import HOST, LAST_DEMO_YEAR

ZONE = ZoneInfo(settings.TIME_ZONE)
# The day the demo runs is this day of the live edition (1 is its first).
LIVE_DAY = 4
EDITION_DAYS = 12
# The edition before, as it was (IDFA 2022 ran from 9 to 20 November).
PAST_YEAR = LAST_DEMO_YEAR - 1
PAST_DATES = (datetime.date(2022, 11, 9), datetime.date(2022, 11, 20))
LIVE_SCREENINGS = 600
PAST_SCREENINGS = 450
FIRST_START = datetime.time(9, 30)
LAST_END = datetime.time(23, 30)
# Where a room's screenings of a day may begin; a screening starts at one of
# these (plus a few minutes) or after the one before it and a changeover.
SLOTS = (
    datetime.time(9, 30),
    datetime.time(12, 0),
    datetime.time(14, 30),
    datetime.time(17, 0),
    datetime.time(19, 30),
    datetime.time(22, 0),
)
SLOT_WEIGHTS = (0.6, 0.8, 1.0, 1.2, 1.7, 0.9)
# At most this many screenings a room a day in the demo (the bench packs more).
ROOM_DAY_LIMIT = 6
QA_MINUTES = 30
SHORTS_UNDER = 40  # minutes: films shorter than this go into programmes of films
PROGRAMME_MINUTES = 100  # at most, for the films of one programme


@dataclass(frozen=True)
class VenueFacts:
    name: str
    address: str
    latitude: str
    longitude: str
    screens: tuple  # (name, seats)
    step_free: bool = True
    hearing_loop: bool = False
    wheelchair_places: int = 2
    website: str = ""
    notes_en: str = ""
    notes_nl: str = ""


VENUES = (
    VenueFacts(
        "Tuschinski",
        "Reguliersbreestraat 26-34",
        "52.366600",
        "4.894900",
        (("Zaal 1", 740), ("Zaal 2", 300), ("Zaal 3", 160), ("Zaal 4", 120)),
        hearing_loop=True,
        wheelchair_places=6,
        website="https://www.pathe.nl/",
        notes_en="A lift goes to every floor; Zaal 1 has a hearing loop.",
        notes_nl="Een lift gaat naar elke verdieping; Zaal 1 heeft een ringleiding.",
    ),
    VenueFacts(
        "Eye Filmmuseum",
        "IJpromenade 1",
        "52.384300",
        "4.901100",
        (("Cinema 1", 315), ("Cinema 2", 135), ("Cinema 3", 90), ("Cinema 4", 67)),
        hearing_loop=True,
        wheelchair_places=4,
        website="https://www.eyefilm.nl/",
        notes_en="The free ferry behind Amsterdam Central station stops next to the building.",
        notes_nl="De gratis pont achter Amsterdam Centraal stopt naast het gebouw.",
    ),
    VenueFacts(
        "Pathé de Munt",
        "Vijzelstraat 15",
        "52.366300",
        "4.891700",
        (("Zaal 3", 270), ("Zaal 5", 200), ("Zaal 7", 130)),
        wheelchair_places=4,
        website="https://www.pathe.nl/",
    ),
    VenueFacts(
        "De Balie",
        "Kleine-Gartmanplantsoen 10",
        "52.362800",
        "4.882900",
        (("Grote Zaal", 200), ("Filmzaal", 80)),
        step_free=False,
        website="https://www.debalie.nl/",
        notes_en="The Filmzaal is up one flight of stairs; ask at the desk for the lift.",
        notes_nl="De Filmzaal ligt een trap op; vraag bij de balie naar de lift.",
    ),
    VenueFacts(
        "Podium De Brakke Grond",
        "Nes 45",
        "52.371000",
        "4.894000",
        (("Rode Zaal", 160), ("Expozaal", 80)),
        website="https://www.brakkegrond.nl/",
    ),
    VenueFacts(
        "Rialto De Pijp",
        "Ceintuurbaan 338",
        "52.354000",
        "4.899000",
        (("Zaal 1", 190), ("Zaal 2", 80)),
        hearing_loop=True,
        website="https://www.rialtofilm.nl/",
    ),
    VenueFacts(
        "Kriterion",
        "Roetersstraat 170",
        "52.362000",
        "4.913000",
        (("Grote Zaal", 150), ("Kleine Zaal", 90)),
        step_free=False,
        website="https://www.kriterion.nl/",
        notes_en="Both rooms are reached by a few steps; staff help with a ramp.",
        notes_nl="Beide zalen liggen een paar treden hoger; medewerkers helpen met een oprijplaat.",
    ),
    VenueFacts(
        "Filmhallen",
        "Hannie Dankbaarpassage 12",
        "52.366300",
        "4.867800",
        (("Zaal 1", 240), ("Zaal 2", 150), ("Zaal 3", 100)),
        wheelchair_places=4,
        website="https://www.filmhallen.nl/",
    ),
    VenueFacts(
        "LAB111",
        "Arie Biemondstraat 111",
        "52.364000",
        "4.870000",
        (("Zaal 1", 130), ("Zaal 2", 80)),
        website="https://www.lab111.nl/",
    ),
    VenueFacts(
        "Het Ketelhuis",
        "Pazzanistraat 4",
        "52.386100",
        "4.872300",
        (("Zaal 1", 150), ("Zaal 2", 50)),
        step_free=False,
        website="https://www.ketelhuis.nl/",
    ),
)

# Programmes of short films: (English title, Dutch title, English text, Dutch text).
PROGRAMMES = (
    (
        "Shorts: Close to Home",
        "Korte films: Dicht bij huis",
        "Four short films about kitchens, staircases and the people who share "
        "them. Small rooms, long memories.",
        "Vier korte films over keukens, trappenhuizen en de mensen die ze delen. "
        "Kleine kamers, lange herinneringen.",
    ),
    (
        "Shorts: Work by Hand",
        "Korte films: Handwerk",
        "A bakery before dawn, a shipyard after dark, a tailor who will not "
        "retire: short portraits of work that is done by hand.",
        "Een bakkerij voor zonsopgang, een scheepswerf na donker, een kleermaker "
        "die niet met pensioen wil: korte portretten van werk dat met de hand "
        "gebeurt.",
    ),
    (
        "Shorts: Crossings",
        "Korte films: Overtochten",
        "Borders drawn on maps and borders drawn between people. These short "
        "films follow those who cross them, and those who stay behind.",
        "Grenzen op de kaart en grenzen tussen mensen. Deze korte films volgen "
        "wie ze oversteekt, en wie achterblijft.",
    ),
    (
        "Shorts: Young Eyes",
        "Korte films: Jonge ogen",
        "Short documentaries made with, and often by, children and teenagers. "
        "For everyone from ten years old.",
        "Korte documentaires gemaakt met, en vaak door, kinderen en tieners. "
        "Voor iedereen vanaf tien jaar.",
    ),
)
CANCELLED_NOTICES = (
    (
        "Cancelled: the screening copy did not arrive in time.",
        "Geannuleerd: de vertoningskopie is niet op tijd aangekomen.",
    ),
    (
        "Cancelled because the filmmaker cannot travel. Tickets are refunded.",
        "Geannuleerd omdat de filmmaker niet kan reizen. Tickets worden terugbetaald.",
    ),
    (
        "Cancelled. The film is shown again later in the festival.",
        "Geannuleerd. De film draait later in het festival nog een keer.",
    ),
)
MOVED_NOTICES = (
    (
        "Moved to a larger room: more tickets are on sale.",
        "Verplaatst naar een grotere zaal: er zijn meer tickets te koop.",
    ),
    (
        "Moved to another room in the same building.",
        "Verplaatst naar een andere zaal in hetzelfde gebouw.",
    ),
    (
        "Starts later than first announced.",
        "Begint later dan eerst aangekondigd.",
    ),
)


@dataclass
class ProgrammeReport:
    venues: int = 0
    screens: int = 0
    screenings: dict = field(default_factory=dict)  # edition label -> count
    programmes: int = 0
    live_edition: Edition | None = None
    shifted_days: int = 0
    built: bool = False  # whether screenings were planned in this run
    seconds: float = 0.0


@dataclass
class _Item:
    """A film or a programme of films, as the timetable places it."""

    film: Film | None
    programme: FilmProgramme | None
    films: list
    section_id: int | None
    guests: list  # person ids: the directors of its films
    kids: bool
    english: bool
    shown: int = 0

    @property
    def minutes(self) -> int:
        return rules.running_minutes(self.films)


# -- helpers ---------------------------------------------------------------------
def host_edition(year: int) -> Edition | None:
    return Edition.objects.filter(festival__slug=HOST["slug"], year=year).first()


def live_dates(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The live edition's first and last day: ``today`` is day ``LIVE_DAY``."""
    first = today - datetime.timedelta(days=LIVE_DAY - 1)
    return first, first + datetime.timedelta(days=EDITION_DAYS - 1)


def local_moment(day: datetime.date, at: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, at, tzinfo=ZONE)


def _round_up(moment: datetime.datetime, minutes: int = 5) -> datetime.datetime:
    extra = (-moment.minute) % minutes
    return (moment + datetime.timedelta(minutes=extra)).replace(second=0, microsecond=0)


def edition_days(edition: Edition) -> list[datetime.date]:
    span = (edition.ends_on - edition.starts_on).days
    return [edition.starts_on + datetime.timedelta(days=n) for n in range(span + 1)]


def check_no_overlaps(rows) -> None:
    """Refuse a list of screenings in which two overlap in one screen (the rule
    of ``programme.rules.overlapping``, for rows not written yet)."""
    by_screen = defaultdict(list)
    for row in rows:
        if row.status != ScreeningStatus.CANCELLED:
            by_screen[row.screen_id].append(row)
    for screen_id, screenings in by_screen.items():
        screenings.sort(key=lambda s: s.starts_at)
        for before, after in zip(screenings, screenings[1:], strict=False):
            if after.starts_at < before.ends_at:
                raise ValidationError(
                    f"Screen {screen_id}: {before.starts_at} and "
                    f"{after.starts_at} overlap."
                )


# -- venues ------------------------------------------------------------------------
def ensure_venues() -> list[Screen]:
    """The demo venues and their screens, created when missing."""
    screens = []
    for order, facts in enumerate(VENUES, start=1):
        venue = Venue.objects.filter(name=facts.name).first()
        if venue is None:
            venue = services.venue_create(
                name=facts.name,
                address=facts.address,
                latitude=Decimal(facts.latitude),
                longitude=Decimal(facts.longitude),
                step_free=facts.step_free,
                hearing_loop=facts.hearing_loop,
                wheelchair_places=facts.wheelchair_places,
                website=facts.website,
                accessibility_en=facts.notes_en,
                accessibility_nl=facts.notes_nl,
                order=order,
            )
        existing = {s.name: s for s in venue.screens.all()}
        for position, (name, seats) in enumerate(facts.screens, start=1):
            screen = existing.get(name) or services.screen_create(
                venue=venue, name=name, capacity=seats, order=position
            )
            screens.append(screen)
    return screens


# -- what to show ------------------------------------------------------------------
def _items(edition: Edition, rng: random.Random, *, programmes: bool) -> list[_Item]:
    """The films selected for the edition and its programmes of short films."""
    selections = {
        s.film_id: s
        for s in Selection.objects.filter(
            edition=edition, film__is_published=True
        ).select_related("film", "section")
    }
    films = sorted((s.film for s in selections.values()), key=lambda f: f.pk)
    directors = defaultdict(list)
    for film_id, person_id in (
        Credit.objects.filter(
            film_id__in=[f.pk for f in films],
            role__slug=DIRECTOR,
            person__isnull=False,
        )
        .order_by("film_id", "order", "pk")
        .values_list("film_id", "person_id")
    ):
        directors[film_id].append(person_id)

    def kids(section) -> bool:
        return bool(section) and section.name_en == "Kids & Docs"

    items = []
    in_programmes: set[int] = set()
    if programmes:
        # A random stream of their own, drawn whether they are made now or
        # were made before, so the timetable's stream is the same either way.
        own = random.Random(f"{rng.random()}")
        if not FilmProgramme.objects.filter(edition=edition).exists():
            _make_programmes(edition, films, selections, own)
        existing = list(
            FilmProgramme.objects.filter(edition=edition)
            .order_by("title_en", "pk")
            .prefetch_related("entries__film")
        )
        for programme in existing:
            shown = programme.ordered_films()
            in_programmes |= {f.pk for f in shown}
            items.append(
                _Item(
                    film=None,
                    programme=programme,
                    films=shown,
                    section_id=programme.section_id,
                    guests=[p for f in shown for p in directors[f.pk][:1]][:3],
                    kids=any(kids(selections[f.pk].section) for f in shown),
                    english=False,
                )
            )
    for film in films:
        if film.pk in in_programmes:
            continue
        selection = selections[film.pk]
        items.append(
            _Item(
                film=film,
                programme=None,
                films=[film],
                section_id=selection.section_id,
                guests=directors[film.pk][:2],
                kids=kids(selection.section),
                english=film.title_original_language in ("", "en"),
            )
        )
    return items


def _make_programmes(edition, films, selections, rng) -> list[FilmProgramme]:
    """Group the edition's short films into programmes, and open a feature
    with a short (through the service)."""
    shorts = [
        f for f in films if f.runtime_minutes and f.runtime_minutes < SHORTS_UNDER
    ]
    rng.shuffle(shorts)
    # One short is kept to open a feature, when there are enough of them.
    opener = shorts.pop() if len(shorts) >= 5 else None
    made = []
    for title_en, title_nl, text_en, text_nl in PROGRAMMES:
        group, minutes = [], 0
        while shorts and len(group) < 4:
            if minutes + shorts[0].runtime_minutes > PROGRAMME_MINUTES:
                break
            film = shorts.pop(0)
            group.append(film)
            minutes += film.runtime_minutes
        if len(group) < 2:
            shorts[:0] = group
            break
        sections = [selections[f.pk].section_id for f in group]
        made.append(
            services.film_programme_create(
                edition=edition,
                title_en=title_en,
                title_nl=title_nl,
                text_en=text_en,
                text_nl=text_nl,
                films=group,
                section_id=max(set(sections), key=sections.count),
            )
        )
    # A feature with a short that opens it.
    features = [f for f in films if 60 < (f.runtime_minutes or 0) <= 110]
    short = opener or (shorts[0] if shorts else None)
    if short and features:
        section_id = selections[short.pk].section_id
        feature = next(
            (f for f in features if selections[f.pk].section_id == section_id),
            features[0],
        )
        made.append(
            services.film_programme_create(
                edition=edition,
                title_en=f"{feature.title_en} + {short.title_en}",
                title_nl=f"{feature.title_nl or feature.title_en} + "
                f"{short.title_nl or short.title_en}",
                text_en=f"The short film {short.title_en} opens the screening.",
                text_nl=f"De korte film {short.title_nl or short.title_en} "
                "gaat aan de vertoning vooraf.",
                films=[short, feature],
                section_id=selections[feature.pk].section_id,
            )
        )
    return made


# -- the timetable -----------------------------------------------------------------
def _day_counts(days: list[datetime.date], total: int) -> list[int]:
    """How many screenings each day holds: a quieter opening and closing day,
    busier weekends."""
    weights = []
    for index, day in enumerate(days):
        weight = 1.35 if day.weekday() >= 5 else 1.0
        if index == 0:
            weight = 0.45
        elif index == len(days) - 1:
            weight = 0.75
        weights.append(weight)
    counts = [int(total * w / sum(weights)) for w in weights]
    busiest = max(range(len(days)), key=lambda i: (weights[i], -i))
    counts[busiest] += total - sum(counts)
    return counts


def _room_counts(screens: list[Screen], count: int, limit: int) -> dict[int, int]:
    """Share a day's screenings among the rooms, the larger ones getting more
    (highest averages, as seats are shared among parties)."""
    counts = dict.fromkeys((s.pk for s in screens), 0)
    weight = {s.pk: (s.capacity or 50) ** 0.5 for s in screens}
    for _ in range(min(count, limit * len(screens))):
        open_rooms = [pk for pk in counts if counts[pk] < limit]
        pk = max(open_rooms, key=lambda p: (weight[p] / (counts[p] + 1), -p))
        counts[pk] += 1
    return counts


class _Planner:
    """Places items in rooms, day by day, and fills in each screening's facts."""

    def __init__(self, edition, items, rng, *, live: bool):
        self.edition = edition
        self.items = items
        self.rng = rng
        self.live = live
        self.days = edition_days(edition)
        self.rows: list[Screening] = []
        self.guests: dict[int, list[int]] = {}  # row index -> person ids

    def pick(self, starts: datetime.datetime, latest_end, day_shown: set, school):
        """The least-shown item that fits before ``latest_end``."""
        candidates = [
            item
            for item in self.items
            if id(item) not in day_shown
            and (not school or item.kids)
            and starts + datetime.timedelta(minutes=item.minutes) <= latest_end
        ]
        if not candidates:
            return None
        least = min(item.shown for item in candidates)
        pool = [item for item in candidates if item.shown <= least + 1]
        return self.rng.choice(pool)

    def fill_room(self, screen, day, slots, day_shown) -> None:
        """Place screenings in one room on one day: at the given slots, or one
        after another from 09:30 when ``slots`` is None (the bench's busy day)."""
        rng = self.rng
        latest_end = local_moment(day, LAST_END)
        ready = local_moment(day, FIRST_START)
        starts_list = list(slots) if slots is not None else None
        while True:
            if starts_list is not None:
                if not starts_list:
                    return
                slot = starts_list.pop(0)
                at = local_moment(day, slot) + datetime.timedelta(
                    minutes=rng.choice((0, 0, 15, 30))
                )
                starts = max(at, ready)
            else:
                starts = ready
            starts = _round_up(starts)
            if starts >= latest_end:
                return
            morning = starts.time() < datetime.time(11, 30)
            small = (screen.capacity or 0) <= 200
            kind = ScreeningKind.PUBLIC
            if small and rng.random() < (
                0.6 if morning else 0.15 if starts.time().hour < 17 else 0
            ):
                kind = ScreeningKind.PRESS_INDUSTRY
            elif morning and day.weekday() < 5 and rng.random() < 0.25:
                kind = ScreeningKind.SCHOOL
            has_qa = kind == ScreeningKind.PUBLIC and rng.random() < 0.3
            extra = QA_MINUTES if has_qa else 0
            item = self.pick(
                starts,
                latest_end - datetime.timedelta(minutes=extra),
                day_shown,
                kind == ScreeningKind.SCHOOL,
            )
            if item is None and kind == ScreeningKind.SCHOOL:
                kind = ScreeningKind.PUBLIC
                item = self.pick(starts, latest_end, day_shown, False)
                has_qa, extra = False, 0
            if item is None:
                if starts_list is None:
                    return
                continue
            has_qa = has_qa and bool(item.guests)
            extra = QA_MINUTES if has_qa else 0
            item.shown += 1
            day_shown.add(id(item))
            row = self.screening(screen, day, starts, item, kind, has_qa, extra)
            if has_qa:
                self.guests[len(self.rows)] = item.guests
            self.rows.append(row)
            gap = rng.choice((15, 20, 25, 30))
            ready = timezone.localtime(row.ends_at, ZONE) + datetime.timedelta(
                minutes=gap
            )

    def screening(self, screen, day, starts, item, kind, has_qa, extra) -> Screening:
        rng = self.rng
        version = LanguageVersion.ORIGINAL
        if item.kids and (kind == ScreeningKind.SCHOOL or rng.random() < 0.3):
            version = LanguageVersion.DUTCH
        elif not item.english and rng.random() < 0.03:
            version = LanguageVersion.ENGLISH
        original = version == LanguageVersion.ORIGINAL
        public = kind == ScreeningKind.PUBLIC
        daytime = starts.time() < datetime.time(18, 0)
        return Screening(
            uid=uuid.UUID(int=rng.getrandbits(128), version=4),
            edition=self.edition,
            screen=screen,
            film=item.film,
            film_programme=item.programme,
            section_id=item.section_id,
            starts_at=starts,
            ends_at=rules.computed_end(starts, item.films, extra),
            extra_minutes=extra,
            kind=kind,
            language_version=version,
            subtitles_en=original and not item.english,
            subtitles_nl=(original and rng.random() < 0.4)
            or kind == ScreeningKind.SCHOOL
            and version != LanguageVersion.DUTCH,
            sdh=public and rng.random() < 0.05,
            audio_description=public and rng.random() < 0.025,
            relaxed=public
            and daytime
            and rng.random() < (0.25 if item.kids else 0.015),
            has_qa=has_qa,
            ticket_state=self.ticket_state(screen, day, starts, kind),
        )

    def ticket_state(self, screen, day, starts, kind) -> str:
        if kind != ScreeningKind.PUBLIC:
            return TicketState.FREE
        days_left = (self.days[-1] - day).days
        if self.live and days_left < 2:
            return TicketState.NOT_YET_ON_SALE
        roll = self.rng.random()
        evening = starts.time() >= datetime.time(19, 0)
        if roll < (0.3 if evening and (screen.capacity or 0) < 250 else 0.12):
            return TicketState.SOLD_OUT
        if roll < 0.35:
            return TicketState.FEW_LEFT
        return TicketState.ON_SALE

    def plan(self, screens: list[Screen], total: int) -> None:
        short = 0  # what a day could not place (nothing fitted) goes to the next
        for day, count in zip(self.days, _day_counts(self.days, total), strict=True):
            placed, count = len(self.rows), count + short
            day_shown: set[int] = set()
            rooms = _room_counts(screens, count, ROOM_DAY_LIMIT)
            for screen in screens:
                n = rooms[screen.pk]
                if not n:
                    continue
                chosen = _weighted_sample(self.rng, range(len(SLOTS)), SLOT_WEIGHTS, n)
                self.fill_room(
                    screen, day, [SLOTS[i] for i in sorted(chosen)], day_shown
                )
                if len(day_shown) >= len(self.items):
                    day_shown.clear()  # a small catalogue: show films twice a day
            short = max(0, count - (len(self.rows) - placed))

    def write(self, *, through_services: bool = False) -> list[Screening]:
        check_no_overlaps(self.rows)
        if through_services:
            # One service call each: every check, a change record each, and
            # about 30 times as long (docs/decisions/0003-demo-programme-bulk.md).
            self.rows = [
                services.screening_create(
                    guests=self.guests.get(index, ()),
                    **{
                        name: getattr(row, name)
                        for name in services.SCREENING_FIELDS
                        if name not in ("ends_at", "end_set_by_hand", "section")
                    },
                )
                for index, row in enumerate(self.rows)
            ]
            return self.rows
        Screening.objects.bulk_create(self.rows, batch_size=500)
        through = Screening.guests.through
        through.objects.bulk_create(
            [
                through(screening_id=self.rows[index].pk, person_id=person_id)
                for index, people in self.guests.items()
                for person_id in dict.fromkeys(people)
            ],
            batch_size=1000,
        )
        return self.rows


def _weighted_sample(rng, population, weights, k) -> list:
    """``k`` distinct elements, each drawn with its weight."""
    pool = list(zip(population, weights, strict=True))
    chosen = []
    for _ in range(min(k, len(pool))):
        total = sum(w for _p, w in pool)
        mark = rng.random() * total
        for index, (element, weight) in enumerate(pool):
            mark -= weight
            if mark <= 0 or index == len(pool) - 1:
                chosen.append(element)
                pool.pop(index)
                break
    return chosen


def build_timetable(
    edition: Edition,
    screens: list[Screen],
    *,
    screenings: int,
    seed: int,
    live: bool,
    through_services: bool = False,
) -> list[Screening]:
    """Schedule about ``screenings`` screenings of the edition's films over its
    days, with its programmes of films; returns the rows written."""
    rng = random.Random(f"{seed}-{edition.slug}")
    items = _items(edition, rng, programmes=True)
    if not items:
        return []
    planner = _Planner(edition, items, rng, live=live)
    planner.plan(screens, screenings)
    return planner.write(through_services=through_services)


def _changes(edition: Edition, rows: list[Screening], *, today, seed: int) -> None:
    """A few screenings cancelled and moved, through the services, as the
    festival office would do it (with notices in both languages)."""
    rng = random.Random(f"{seed}-{edition.slug}-changes")
    first_day = today or edition.starts_on
    later = [
        row
        for row in rows
        if timezone.localtime(row.starts_at, ZONE).date() >= first_day
        and row.kind == ScreeningKind.PUBLIC
    ]
    rng.shuffle(later)
    cancels = 3 if today else 1
    for row, (notice_en, notice_nl) in zip(
        later[:cancels], CANCELLED_NOTICES, strict=False
    ):
        services.screening_cancel(row, notice_en=notice_en, notice_nl=notice_nl)
    if not today:
        return
    moved = 0
    for row in later[cancels:]:
        if moved == len(MOVED_NOTICES):
            break
        notice_en, notice_nl = MOVED_NOTICES[moved]
        changes = {"notice_en": notice_en, "notice_nl": notice_nl}
        if moved < 2:
            # To another room in the same building, free at that time; the
            # first to a larger one, with tickets on sale again.
            rooms = Screen.objects.filter(venue_id=row.screen.venue_id).exclude(
                pk=row.screen_id
            )
            if moved == 0:
                rooms = rooms.filter(capacity__gt=row.screen.capacity or 0)
                if row.ticket_state == TicketState.SOLD_OUT:
                    changes["ticket_state"] = TicketState.ON_SALE
            options = [{"screen": room} for room in rooms.order_by("order")]
        else:
            later_start = row.starts_at + datetime.timedelta(minutes=15)
            ends = timezone.localtime(row.ends_at, ZONE) + datetime.timedelta(
                minutes=15
            )
            if ends.time() > LAST_END or ends.time() < FIRST_START:
                continue
            options = [{"starts_at": later_start}]
        for option in options:
            try:
                services.screening_update(row, **changes, **option)
            except ValidationError:
                row.refresh_from_db()
                continue
            moved += 1
            break


# -- keeping the edition live ------------------------------------------------------
def shift_edition(edition: Edition, first_day: datetime.date) -> int:
    """Move an edition and its screenings so that it begins on ``first_day``,
    keeping every screening's time on the festival's clock; returns the days moved.

    Screenings are moved one by one, the later ones first when moving on (the
    earlier ones first when moving back), so that no screening lands on one
    not moved yet: PostgreSQL's exclusion constraint checks each row.
    """
    if edition.starts_on is None:
        return 0
    days = (first_day - edition.starts_on).days
    if not days:
        return 0
    delta = datetime.timedelta(days=days)

    def moved(moment):
        if moment is None:
            return None
        local = timezone.localtime(moment, ZONE)
        return datetime.datetime.combine(
            local.date() + delta, local.time(), tzinfo=ZONE
        )

    rows = list(
        Screening.objects.filter(edition=edition).order_by(
            "-starts_at" if days > 0 else "starts_at"
        )
    )
    for row in rows:
        starts = moved(row.starts_at)
        Screening.objects.filter(pk=row.pk).update(
            starts_at=starts,
            # In UTC: added to a local time, the duration would follow the wall
            # clock across a daylight-saving change.
            ends_at=starts.astimezone(datetime.UTC) + (row.ends_at - row.starts_at),
            moved_from_starts_at=moved(row.moved_from_starts_at),
        )
    edition.starts_on = first_day
    edition.ends_on = edition.ends_on + delta
    edition.save(update_fields=["starts_on", "ends_on", "updated_at"])
    return days


def _set_dates(edition: Edition, first: datetime.date, last: datetime.date) -> None:
    edition.starts_on, edition.ends_on = first, last
    edition.full_clean()
    edition.save(update_fields=["starts_on", "ends_on", "updated_at"])


@transaction.atomic
def ensure_programme(
    *,
    today: datetime.date | None = None,
    seed: int = 2023,
    screenings: int = LIVE_SCREENINGS,
    past_screenings: int = PAST_SCREENINGS,
    through_services: bool = False,
) -> ProgrammeReport:
    """The demo programme: venues, the live edition's timetable (``today`` its
    fourth day) and the one before it. Idempotent: an edition with screenings
    is only moved to stay live, never planned again. ``through_services``
    writes each screening with ``screening_create`` instead of in bulk."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    report = ProgrammeReport()
    screens = ensure_venues()
    report.venues = len({s.venue_id for s in screens})
    report.screens = len(screens)
    live = host_edition(LAST_DEMO_YEAR)
    past = host_edition(PAST_YEAR)
    if live is not None:
        first, last = live_dates(today)
        if Screening.objects.filter(edition=live).exists():
            report.shifted_days = shift_edition(live, first)
        else:
            _set_dates(live, first, last)
            rows = build_timetable(
                live,
                screens,
                screenings=screenings,
                seed=seed,
                live=True,
                through_services=through_services,
            )
            _changes(live, rows, today=today, seed=seed)
            report.built = bool(rows)
        report.live_edition = live
    if past is not None and not Screening.objects.filter(edition=past).exists():
        if past.starts_on is None:
            _set_dates(past, *PAST_DATES)
        rows = build_timetable(
            past,
            screens,
            screenings=past_screenings,
            seed=seed,
            live=False,
            through_services=through_services,
        )
        _changes(past, rows, today=None, seed=seed)
        report.built = report.built or bool(rows)
    for edition in (live, past):
        if edition is not None:
            report.screenings[str(edition)] = edition.screenings.count()
    report.programmes = FilmProgramme.objects.filter(
        edition__in=[e for e in (live, past) if e]
    ).count()
    report.seconds = time.perf_counter() - started
    return report


# -- a visitor's plan and the bench's busy day -----------------------------------
def plan_screenings(*, user, count: int, seed: int = 2023) -> int:
    """Star ``count`` of the live edition's screenings for ``user``, spread over
    its days, without two at once; returns how many were starred."""
    live = host_edition(LAST_DEMO_YEAR)
    if live is None:
        return 0
    rng = random.Random(f"{seed}-plan")
    candidates = list(
        Screening.objects.filter(edition=live, kind=ScreeningKind.PUBLIC)
        .exclude(status=ScreeningStatus.CANCELLED)
        .order_by("starts_at", "pk")
    )
    rng.shuffle(candidates)
    planner = services.planner_for(user)
    chosen: list[Screening] = []
    for screening in candidates:
        if len(chosen) == count:
            break
        if any(
            screening.starts_at < other.ends_at and other.starts_at < screening.ends_at
            for other in chosen
        ):
            continue
        chosen.append(screening)
    PlannedScreening.objects.bulk_create(
        [PlannedScreening(planner=planner, screening=s) for s in chosen],
        ignore_conflicts=True,
    )
    return len(chosen)


BENCH_VENUE = "Benchmark hall"


@transaction.atomic
def fill_day(
    edition: Edition, day: datetime.date, *, screenings: int, seed: int = 2023
) -> int:
    """Add screenings on ``day`` until it holds ``screenings``, in extra rooms of
    an extra venue, each room packed from 09:30 to 23:30 (for the bench: a
    day heavier than any festival's). Returns the day's count."""
    rng = random.Random(f"{seed}-{day.isoformat()}")
    start = local_moment(day, datetime.time(0, 0))
    on_day = Screening.objects.filter(
        edition=edition,
        starts_at__gte=start,
        starts_at__lt=start + datetime.timedelta(days=1),
    )
    missing = screenings - on_day.count()
    if missing <= 0:
        return on_day.count()
    items = _items(edition, rng, programmes=True)
    if not items:
        return on_day.count()
    venue = Venue.objects.filter(name=BENCH_VENUE).first() or services.venue_create(
        name=BENCH_VENUE, address="Nowhere 1", order=999
    )
    planner = _Planner(edition, items, rng, live=True)
    number = venue.screens.count()
    while len(planner.rows) < missing:
        number += 1
        screen = services.screen_create(
            venue=venue, name=f"Room {number}", capacity=100, order=number
        )
        planner.fill_room(screen, day, None, set())
    planner.rows = planner.rows[:missing]
    planner.guests = {i: p for i, p in planner.guests.items() if i < missing}
    planner.write()
    return on_day.count()
