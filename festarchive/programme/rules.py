"""The rules a screening keeps: computed end, one screen at a time, films of
its edition, dates of its edition. Model validation, services, the admin and
the timetable import all read them from here."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from .vocabulary import UNKNOWN_RUNTIME_MINUTES, ScreeningStatus


def running_minutes(films) -> int:
    """Minutes the films take back to back; an unknown runtime counts as 90."""
    return sum(film.runtime_minutes or UNKNOWN_RUNTIME_MINUTES for film in films)


def computed_end(
    starts_at: datetime.datetime, films, extra_minutes: int = 0
) -> datetime.datetime:
    """Start plus the films' runtimes plus introduction and Q&A.

    Computed in UTC: Python adds a timedelta to an aware datetime on the wall
    clock of its zone, so 01:30 + 95 minutes on the night summer time ends
    would give 03:05 instead of 02:05.
    """
    minutes = running_minutes(films) + (extra_minutes or 0)
    return starts_at.astimezone(datetime.UTC) + datetime.timedelta(
        minutes=max(minutes, 1)
    )


def overlapping(screening):
    """Other screenings in the same screen whose time crosses this one's.

    Cancelled screenings free the room, so they neither clash nor are clashed with.
    """
    from .models import Screening

    if screening.status == ScreeningStatus.CANCELLED or not (
        screening.screen_id and screening.starts_at and screening.ends_at
    ):
        return Screening.objects.none()
    return (
        Screening.objects.filter(
            screen_id=screening.screen_id,
            starts_at__lt=screening.ends_at,
            ends_at__gt=screening.starts_at,
        )
        .exclude(status=ScreeningStatus.CANCELLED)
        .exclude(pk=screening.pk)
    )


def films_outside_edition(edition, films) -> list:
    """The films that have no selection in the edition."""
    from festarchive.festival.models import Selection

    ids = {film.pk for film in films}
    selected = set(
        Selection.objects.filter(edition=edition, film_id__in=ids).values_list(
            "film_id", flat=True
        )
    )
    return [film for film in films if film.pk not in selected]


def date_warnings(screening) -> list[str]:
    """Warnings, not refusals: a preview may run before the festival opens."""
    edition = screening.edition
    if not (screening.starts_at and edition.starts_on and edition.ends_on):
        return []
    day = timezone.localtime(screening.starts_at).date()
    if edition.starts_on <= day <= edition.ends_on:
        return []
    return [
        _("%(screening)s is on %(day)s, outside %(edition)s (%(first)s to %(last)s).")
        % {
            "screening": screening.title_en,
            "day": day.isoformat(),
            "edition": edition,
            "first": edition.starts_on.isoformat(),
            "last": edition.ends_on.isoformat(),
        }
    ]
