"""Write paths of venues, screens, programmes of films, screenings and planners."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from festarchive.catalogue.models import Film
from festarchive.core import pagetags
from festarchive.core.services import change_record
from festarchive.core.text import make_slug, unique_slug

from . import rules
from .models import (
    FilmProgramme,
    PlannedScreening,
    Planner,
    ProgrammeFilm,
    Screen,
    Screening,
    Venue,
)
from .models.planner import new_token
from .vocabulary import ScreeningStatus

# Fields a screening change may set; the rest (uid, sequence, moved_from_*) are
# the service's own.
SCREENING_FIELDS = frozenset(
    {
        "edition",
        "screen",
        "film",
        "film_programme",
        "section",
        "starts_at",
        "ends_at",
        "end_set_by_hand",
        "extra_minutes",
        "kind",
        "language_version",
        "subtitles_en",
        "subtitles_nl",
        "sdh",
        "audio_description",
        "relaxed",
        "has_qa",
        "ticket_state",
        "ticket_url",
        "status",
        "notice_en",
        "notice_nl",
    }
)
# A change to these moves the screening for whoever planned it.
WHERE_AND_WHEN = ("starts_at", "screen_id")


@transaction.atomic
def venue_create(*, name: str, slug: str = "", by=None, **fields) -> Venue:
    base = slug or make_slug(name)
    venue = Venue(
        name=name,
        slug=unique_slug(base, lambda s: Venue.objects.filter(slug=s).exists()),
        **fields,
    )
    venue.full_clean()
    venue.save()
    change_record(obj=venue, action="programme.venue.created", by=by)
    return venue


@transaction.atomic
def screen_create(*, venue: Venue, name: str, by=None, **fields) -> Screen:
    screen = Screen(venue=venue, name=name, **fields)
    screen.full_clean()
    screen.save()
    change_record(obj=screen, action="programme.screen.created", by=by)
    return screen


@transaction.atomic
def film_programme_create(
    *, edition, title_en: str, films, title_nl: str = "", by=None, **fields
) -> FilmProgramme:
    """A programme of several films, in the order given."""
    base = make_slug(f"{edition.slug} {title_en}")
    programme = FilmProgramme(
        edition=edition,
        title_en=title_en,
        title_nl=title_nl,
        slug=unique_slug(base, lambda s: FilmProgramme.objects.filter(slug=s).exists()),
        **fields,
    )
    programme.full_clean()
    programme.save()
    outside = rules.films_outside_edition(edition, films)
    if outside:
        raise ValidationError(
            _("Not selected for %(edition)s: %(films)s.")
            % {"edition": edition, "films": ", ".join(f.title_en for f in outside)}
        )
    with pagetags.writing(
        pagetags.tag(FilmProgramme, programme.pk),
        *(pagetags.tag(Film, film.pk) for film in films),
    ):
        ProgrammeFilm.objects.bulk_create(
            ProgrammeFilm(programme=programme, film=film, position=position)
            for position, film in enumerate(films, start=1)
        )
    change_record(obj=programme, action="programme.film_programme.created", by=by)
    return programme


def _fill_in(screening: Screening) -> None:
    """The derived parts: the end from the runtimes, the section from the selection."""
    if not screening.end_set_by_hand or screening.ends_at is None:
        screening.end_set_by_hand = screening.end_set_by_hand and bool(
            screening.ends_at
        )
        if screening.starts_at and (screening.film_id or screening.film_programme_id):
            screening.ends_at = rules.computed_end(
                screening.starts_at, screening.ordered_films(), screening.extra_minutes
            )
    if screening.section_id is None and screening.edition_id:
        if screening.film_programme_id:
            screening.section_id = screening.film_programme.section_id
        elif screening.film_id:
            screening.section_id = (
                screening.film.selections.filter(edition_id=screening.edition_id)
                .values_list("section_id", flat=True)
                .first()
            )


def _save(screening: Screening) -> Screening:
    screening.full_clean()
    try:
        with transaction.atomic():
            screening.save()
    except IntegrityError as error:  # PostgreSQL's exclusion constraint, in a race
        raise ValidationError(
            {"starts_at": _("The screen is taken at that time.")}
        ) from error
    return screening


@transaction.atomic
def screening_create(*, by=None, guests=(), **fields) -> Screening:
    """Schedule a screening. Refuses a clash in its screen and films not
    selected for its edition; a day outside the edition is only a warning
    (``rules.date_warnings``), since previews run before the festival."""
    unknown = set(fields) - SCREENING_FIELDS
    if unknown:
        raise TypeError(f"screening_create() got unknown fields {sorted(unknown)}")
    if fields.get("ends_at") is not None:
        fields.setdefault("end_set_by_hand", True)
    screening = Screening(**fields)
    _fill_in(screening)
    _save(screening)
    if guests:
        screening.guests.set(guests)
    change_record(obj=screening, action="programme.screening.created", by=by)
    return screening


@transaction.atomic
def screening_update(
    screening: Screening, *, by=None, guests=None, **changes
) -> Screening:
    """Change a screening. A new time or screen marks it as moved (unless it
    is cancelled) and keeps where and when it was, for plans and feeds."""
    unknown = set(changes) - SCREENING_FIELDS
    if unknown:
        raise TypeError(f"screening_update() got unknown fields {sorted(unknown)}")
    before = Screening.objects.get(pk=screening.pk)
    for name, value in changes.items():
        setattr(screening, name, value)
    if "ends_at" in changes:
        screening.end_set_by_hand = changes["ends_at"] is not None
    _fill_in(screening)
    changed = [
        field.attname
        for field in Screening._meta.concrete_fields
        if getattr(before, field.attname) != getattr(screening, field.attname)
        and field.attname not in ("updated_at", "created_at")
    ]
    if guests is not None:
        screening.guests.set(guests)
    if not changed:
        return screening
    moved = any(getattr(before, f) != getattr(screening, f) for f in WHERE_AND_WHEN)
    if moved and screening.status != ScreeningStatus.CANCELLED:
        screening.status = ScreeningStatus.MOVED
        if screening.moved_from_starts_at is None:
            screening.moved_from_starts_at = before.starts_at
            screening.moved_from_screen_id = before.screen_id
    screening.sequence = before.sequence + 1
    _save(screening)
    change_record(
        obj=screening,
        action="programme.screening.changed",
        by=by,
        data={"fields": sorted(n.removesuffix("_id") for n in changed)},
    )
    return screening


@transaction.atomic
def screening_cancel(
    screening: Screening, *, notice_en: str = "", notice_nl: str = "", by=None
) -> Screening:
    """Cancel a screening: it stays on plans and in feeds, marked cancelled."""
    return screening_update(
        screening,
        by=by,
        status=ScreeningStatus.CANCELLED,
        notice_en=notice_en or screening.notice_en,
        notice_nl=notice_nl or screening.notice_nl,
    )


@transaction.atomic
def screening_delete(screening: Screening, *, by=None) -> None:
    change_record(obj=screening, action="programme.screening.deleted", by=by)
    screening.delete()


# --- Planner ---------------------------------------------------------------


def planner_for(user) -> Planner:
    """The visitor's planner, made on first use."""
    planner, _created = Planner.objects.get_or_create(user=user)
    return planner


@transaction.atomic
def plan_add(*, user, screening: Screening) -> PlannedScreening:
    planner = planner_for(user)
    item, _created = PlannedScreening.objects.get_or_create(
        planner=planner, screening=screening
    )
    return item


@transaction.atomic
def plan_remove(*, user, screening: Screening) -> None:
    PlannedScreening.objects.filter(planner__user=user, screening=screening).delete()


@transaction.atomic
def planner_settings_update(
    *, user, travel_mode: str | None = None, is_shared: bool | None = None
) -> Planner:
    """How the visitor travels, and whether the plan is shared by link.

    Sharing switched off also replaces the link's secret, so an address given
    out before never works again, even when sharing is switched back on.
    """
    planner = planner_for(user)
    if travel_mode is not None:
        planner.travel_mode = travel_mode
    if is_shared is not None:
        if planner.is_shared and not is_shared:
            planner.share_token = new_token()
        planner.is_shared = is_shared
    planner.full_clean()
    planner.save()
    return planner


@transaction.atomic
def feed_token_rotate(*, user) -> Planner:
    """A new secret feed address; the old one stops working at once."""
    planner = planner_for(user)
    planner.feed_token = new_token()
    planner.save(update_fields=["feed_token"])
    return planner


@transaction.atomic
def share_token_rotate(*, user) -> Planner:
    planner = planner_for(user)
    planner.share_token = new_token()
    planner.save(update_fields=["share_token"])
    return planner
