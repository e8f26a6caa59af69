"""The festival's clock and its days: the one home of both, for every page,
file, feed, API filter and admin list of the programme.

The clock is the festival's zone (``settings.TIME_ZONE``, Europe/Amsterdam by
default); times are stored in UTC and shown on it. A *festival day* runs from
06:00 to 06:00 the next morning on that clock: a screening at half past
midnight belongs to the evening before, as it does in the printed programme.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

# The hour a festival day begins: screenings before it belong to the day before.
DAY_STARTS_AT = 6


def festival_zone() -> ZoneInfo:
    """The zone the festival's clocks show."""
    return ZoneInfo(settings.TIME_ZONE)


def now() -> datetime.datetime:
    """The present moment; tests put the festival's clock elsewhere here."""
    return timezone.now()


def festival_day_of(moment: datetime.datetime) -> datetime.date:
    """The festival day a moment belongs to (the day before, before 06:00)."""
    local = moment.astimezone(festival_zone())
    return (local - datetime.timedelta(hours=DAY_STARTS_AT)).date()


def festival_today() -> datetime.date:
    return festival_day_of(now())


def seconds_to_next_day() -> int:
    """How long the present festival day lasts yet, in whole seconds."""
    _start, end = day_bounds(festival_today())
    return max(int((end - now()).total_seconds()), 1)


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The first and the first-after-last moment of a festival day.

    Built on the wall clock and then made aware: the day that summer time
    ends lasts 25 hours, the day it starts 23, and 06:00 exists on both.
    """
    zone = festival_zone()
    start = datetime.datetime.combine(day, datetime.time(DAY_STARTS_AT), zone)
    end = datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time(DAY_STARTS_AT), zone
    )
    return start, end


def festival_days(screenings) -> list[datetime.date]:
    """The festival days a queryset of screenings falls on, in order."""
    return sorted(
        {
            festival_day_of(moment)
            for moment in screenings.values_list("starts_at", flat=True).distinct()
        }
    )
