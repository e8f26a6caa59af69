"""Screenings as iCalendar (RFC 5545) events, for every calendar file the
programme serves: an edition's programme, one screening, a visitor's feed.

A screening keeps its UID across changes and counts them in SEQUENCE, so a
calendar that imported it once updates the same event when the screening
moves or is cancelled instead of adding a second one. Times are written in
UTC, which every calendar reads without a VTIMEZONE block and shows in its
own zone.
"""

import datetime

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from festarchive.core.i18n import localized

PRODID = "-//Festival Archive//Programme//EN"


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)


def _location(screening) -> str:
    venue = screening.screen.venue
    parts = [f"{venue.name} · {screening.screen.name}"]
    if venue.address:
        parts.append(venue.address)
    if venue.city:
        parts.append(venue.city)
    return ", ".join(parts)


def _description(screening) -> str:
    lines = []
    if screening.notice:
        lines.append(str(screening.notice))
    if screening.is_moved and screening.moved_from_starts_at:
        was = timezone.localtime(screening.moved_from_starts_at)
        lines.append(
            _("Moved from %(when)s, %(screen)s.")
            % {
                "when": f"{was:%Y-%m-%d %H:%M}",
                "screen": screening.moved_from_screen or screening.screen,
            }
        )
    films = [f for f in screening.ordered_films() if f.is_published]
    if screening.film_programme_id and films:
        lines.append(", ".join(str(localized(f, "title")) for f in films))
    if screening.access_features:
        lines.append(", ".join(str(f.label) for f in screening.access_features))
    if screening.has_qa:
        lines.append(_("With a Q&A."))
    return "\n".join(lines)


def screening_event(screening, *, base_url: str) -> icalendar.Event:
    """One screening as a VEVENT; ``base_url`` (``https://host``) makes its
    address absolute. Needs the screening's screen, venue and film or programme."""
    event = icalendar.Event()
    event.add("uid", f"{screening.uid}@festarchive")
    event.add("dtstamp", _utc(screening.updated_at or timezone.now()))
    event.add("last-modified", _utc(screening.updated_at or timezone.now()))
    event.add("dtstart", _utc(screening.starts_at))
    event.add("dtend", _utc(screening.ends_at))
    title = screening.title
    if screening.is_cancelled:
        title = _("Cancelled: %(title)s") % {"title": title}
    event.add("summary", title)
    event.add("location", _location(screening))
    venue = screening.screen.venue
    if venue.has_coordinates:
        event.add("geo", (float(venue.latitude), float(venue.longitude)))
    event.add("url", base_url.rstrip("/") + screening.get_absolute_url())
    event.add("sequence", screening.sequence)
    event.add("status", "CANCELLED" if screening.is_cancelled else "CONFIRMED")
    description = _description(screening)
    if description:
        event.add("description", description)
    return event


def calendar_of(screenings, *, name: str, base_url: str) -> bytes:
    """A whole calendar file of the screenings, named ``name``."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for screening in screenings:
        calendar.add_component(screening_event(screening, base_url=base_url))
    return calendar.to_ical()
