"""Read paths of visitors' planners: the plan by day, its clashes, the time it
takes to get from one venue to the next, and which screenings a visitor starred.

A planned screening whose film is no longer published drops out of every plan
(the visitor's own page, the shared page, the feed), so nothing of it reaches
a surface it should not.
"""

import datetime
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .clock import festival_zone
from .models import PlannedScreening, Planner, ProgrammeFilm, Screening
from .vocabulary import (
    CHANGEOVER_MINUTES,
    ROUTE_DETOUR_FACTOR,
    TRAVEL_SPEED_KMH,
    TravelMode,
)

EARTH_RADIUS_KM = 6371.0088
# The longest token new_token() makes is 43 characters; a longer one is never
# looked up.
TOKEN_MAX_LENGTH = 64
_TOKEN = re.compile(rf"[A-Za-z0-9_-]{{1,{TOKEN_MAX_LENGTH}}}")


# --- Which screenings may be shown ---------------------------------------------


def _published_programme_film():
    return ProgrammeFilm.objects.filter(
        programme_id=OuterRef("film_programme_id"), film__is_published=True
    )


def visible_screenings():
    """Screenings of a published film, or of a programme of films with at
    least one published film in it."""
    return Screening.objects.filter(
        Q(film__is_published=True)
        | (
            Q(film__isnull=True, film_programme__isnull=False)
            & Q(Exists(_published_programme_film()))
        )
    )


def _with_everything(screenings):
    """What a plan, a feed or a calendar file shows of each screening."""
    return screenings.select_related(
        "edition__festival",
        "section",
        "screen__venue",
        "film",
        "film_programme",
        "moved_from_screen__venue",
    ).prefetch_related(
        Prefetch(
            "film_programme__entries",
            queryset=ProgrammeFilm.objects.filter(
                film__is_published=True
            ).select_related("film"),
        )
    )


def screening_get(uid) -> Screening:
    """A screening anyone may see, by its uid; 404 otherwise."""
    screening = _with_everything(visible_screenings()).filter(uid=uid).first()
    if screening is None:
        raise Http404
    return screening


# --- Planners and starred screenings --------------------------------------------


def planned_ids(request) -> set[int]:
    """The ids of the screenings the visitor starred: one query a request for
    a signed-in visitor, none for anyone else."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return set()
    if not hasattr(request, "_planned_screening_ids"):
        request._planned_screening_ids = set(
            PlannedScreening.objects.filter(planner__user=user).values_list(
                "screening_id", flat=True
            )
        )
    return request._planned_screening_ids


def _token_ok(token: str) -> bool:
    """Whether ``token`` could be one new_token() made: URL-safe base64, not
    too long. Anything else is not looked up (PostgreSQL refuses a NUL)."""
    return _TOKEN.fullmatch(token) is not None


def planner_by_feed_token(token: str) -> Planner:
    """The planner whose calendar feed this is; 404 for any other token
    (including one that was replaced by a new address)."""
    planner = (
        Planner.objects.select_related("user").filter(feed_token=token).first()
        if _token_ok(token)
        else None
    )
    if planner is None:
        raise Http404
    return planner


def planner_by_share_token(token: str) -> Planner:
    """The planner shared by this link; 404 unless its owner shares it."""
    planner = (
        Planner.objects.select_related("user")
        .filter(share_token=token, is_shared=True)
        .first()
        if _token_ok(token)
        else None
    )
    if planner is None:
        raise Http404
    return planner


def planned_screenings(planner: Planner | None) -> list[Screening]:
    """The visible screenings on a plan, by start."""
    if planner is None or planner.pk is None:
        return []
    screenings = visible_screenings().filter(
        Exists(
            PlannedScreening.objects.filter(
                planner_id=planner.pk, screening_id=OuterRef("pk")
            )
        )
    )
    return list(
        _with_everything(screenings).order_by(
            "starts_at", "screen__venue__order", "screen__order", "id"
        )
    )


def planner_download(user) -> dict | None:
    """What the visitor's planner keeps, for their own data download: the
    settings and the starred screenings the public may still see (one whose
    film was withdrawn since is left out, as on the plan). The feed and share
    tokens are keys, not data: they stay out of a file that may be passed on."""
    planner = Planner.objects.filter(user=user).first()
    if planner is None:
        return None
    added = dict(
        PlannedScreening.objects.filter(planner=planner).values_list(
            "screening_id", "added_at"
        )
    )
    return {
        "travel_mode": planner.travel_mode,
        "shared": planner.is_shared,
        "screenings": [
            {
                "id": str(screening.uid),
                "title": screening.title_en,
                "edition": screening.edition.slug,
                "starts_at": screening.starts_at.astimezone(
                    festival_zone()
                ).isoformat(),
                "venue": screening.screen.venue.name,
                "screen": screening.screen.name,
                "url": screening.get_absolute_url(),
                "added": added[screening.pk].isoformat(),
            }
            for screening in planned_screenings(planner)
        ],
    }


# --- Travel between venues -----------------------------------------------------


def distance_km(a, b) -> float | None:
    """The great-circle distance between two venues (haversine); None when
    either has no coordinates."""
    if not (a.has_coordinates and b.has_coordinates):
        return None
    lat1, lon1, lat2, lon2 = (
        math.radians(float(value))
        for value in (a.latitude, a.longitude, b.latitude, b.longitude)
    )
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def travel_minutes(a, b, mode: str) -> int | None:
    """Minutes to leave a screen in venue ``a`` and be seated in venue ``b``:
    the straight line made longer by ROUTE_DETOUR_FACTOR, at the speed of the
    travel mode, plus CHANGEOVER_MINUTES. None when a venue has no coordinates."""
    if a.pk == b.pk:
        return CHANGEOVER_MINUTES
    km = distance_km(a, b)
    if km is None:
        return None
    speed = TRAVEL_SPEED_KMH.get(mode, TRAVEL_SPEED_KMH[TravelMode.WALKING])
    return math.ceil(km * ROUTE_DETOUR_FACTOR / speed * 60) + CHANGEOVER_MINUTES


# --- The plan by day ------------------------------------------------------------

# Between two screenings this far apart, a venue without coordinates is not
# worth a note: the visitor has time to get anywhere in town.
UNKNOWN_DISTANCE_WITHIN_MINUTES = 120

OVERLAP = "overlap"
TOO_FAR = "too-far"
DISTANCE_UNKNOWN = "distance-unknown"


@dataclass
class PlanWarning:
    """Something wrong between an earlier screening and a later one."""

    kind: str
    earlier: Screening
    later: Screening
    text: str
    needed: int | None = None
    free: int | None = None


@dataclass
class PlanEntry:
    screening: Screening
    local_start: datetime.datetime
    local_end: datetime.datetime
    moved_from: datetime.datetime | None
    warnings: list = field(default_factory=list)


@dataclass
class PlanDay:
    day: datetime.date
    entries: list


@dataclass
class Plan:
    days: list
    warnings: list
    travel_mode: str
    count: int

    @property
    def clashes(self) -> list:
        return [w for w in self.warnings if w.kind in (OVERLAP, TOO_FAR)]

    @property
    def unknown_distances(self) -> list:
        return [w for w in self.warnings if w.kind == DISTANCE_UNKNOWN]


def _minutes_between(start, end) -> int:
    return int((end - start).total_seconds() // 60)


def _clock(moment) -> str:
    return f"{moment.astimezone(festival_zone()):%H:%M}"


def _overlap_text(earlier: Screening) -> str:
    return _("Overlaps with %(title)s at %(venue)s, %(start)s to %(end)s.") % {
        "title": earlier.title,
        "venue": earlier.screen.venue.name,
        "start": _clock(earlier.starts_at),
        "end": _clock(earlier.ends_at),
    }


def _too_far_text(earlier: Screening, needed: int, free: int, mode: str) -> str:
    if free <= 0:
        gap = _("no time at all")
    else:
        gap = ngettext("%(free)d minute", "%(free)d minutes", free) % {"free": free}
    return ngettext(
        "Too little time to get here from %(venue)s after %(title)s: %(gap)s, "
        "and %(mode)s takes about %(needed)d minute.",
        "Too little time to get here from %(venue)s after %(title)s: %(gap)s, "
        "and %(mode)s takes about %(needed)d minutes.",
        needed,
    ) % {
        "venue": earlier.screen.venue.name,
        "title": earlier.title,
        "gap": gap,
        "mode": str(TravelMode(mode).label).lower(),
        "needed": needed,
    }


def _unknown_text(earlier: Screening) -> str:
    return _(
        "We cannot tell how long it takes to get here from %(venue)s: a venue "
        "has no map position yet."
    ) % {"venue": earlier.screen.venue.name}


def plan_warnings(screenings: list[Screening], mode: str) -> list[PlanWarning]:
    """Clashes on a plan: screenings that overlap, and consecutive screenings
    in different venues with too little time between them to travel. Cancelled
    screenings count for neither.

    A screening that is not over when the next starts is an overlap; otherwise
    the visitor comes to a screening from the one that ended last before it.
    """
    active = sorted(
        (s for s in screenings if not s.is_cancelled),
        key=lambda s: (s.starts_at, s.ends_at, s.pk),
    )
    warnings = []
    for i, earlier in enumerate(active):
        for later in active[i + 1 :]:
            if later.starts_at >= earlier.ends_at:
                break
            warnings.append(
                PlanWarning(OVERLAP, earlier, later, _overlap_text(earlier))
            )
    for i, later in enumerate(active):
        # Where the visitor comes from: of the screenings over before this
        # one starts, the one that ends last (one that overlaps is said above).
        before = [s for s in active[:i] if s.ends_at <= later.starts_at]
        if not before:
            continue
        earlier = max(before, key=lambda s: (s.ends_at, s.starts_at))
        a, b = earlier.screen.venue, later.screen.venue
        if a.pk == b.pk:
            continue
        free = _minutes_between(earlier.ends_at, later.starts_at)
        needed = travel_minutes(a, b, mode)
        if needed is None:
            if free >= UNKNOWN_DISTANCE_WITHIN_MINUTES:
                continue  # time enough to get anywhere in town
            warnings.append(
                PlanWarning(DISTANCE_UNKNOWN, earlier, later, _unknown_text(earlier))
            )
            continue
        if free < needed:
            warnings.append(
                PlanWarning(
                    TOO_FAR,
                    earlier,
                    later,
                    _too_far_text(earlier, needed, free, mode),
                    needed=needed,
                    free=free,
                )
            )
    return warnings


def plan_by_day(planner: Planner | None) -> Plan:
    """A planner's screenings grouped by day on the festival's clock, each
    with the warnings about it (shown at the later of the two screenings)."""
    mode = planner.travel_mode if planner else TravelMode.WALKING
    screenings = planned_screenings(planner)
    warnings = plan_warnings(screenings, mode)
    by_later = defaultdict(list)
    for warning in warnings:
        by_later[warning.later.pk].append(warning)
    zone = festival_zone()
    entries = [
        PlanEntry(
            screening=s,
            local_start=s.starts_at.astimezone(zone),
            local_end=s.ends_at.astimezone(zone),
            moved_from=s.moved_from_starts_at.astimezone(zone)
            if s.is_moved and s.moved_from_starts_at
            else None,
            warnings=by_later[s.pk],
        )
        for s in screenings
    ]
    days = [
        PlanDay(day=day, entries=list(group))
        for day, group in groupby(entries, key=lambda e: e.local_start.date())
    ]
    return Plan(days=days, warnings=warnings, travel_mode=mode, count=len(entries))
