"""Screenings as iCalendar (RFC 5545), for every calendar file the programme
serves: a visitor's subscription feed, one screening, an edition's programme.

Times carry the festival's zone (TZID=Europe/Amsterdam, with its VTIMEZONE),
so a calendar shows them on the festival's clock wherever the visitor is;
only a time in the hour that is repeated when summer time ends is written in
UTC, since a local time there is ambiguous. A
screening keeps its UID when it moves or is cancelled, and its SEQUENCE goes
up with each change, so a calendar app updates the event it already has.
"""

import datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils.translation import gettext as _

from festarchive.core.i18n import localized
from festarchive.core.links import absolute_url, site_origin

from .clock import festival_zone

PRODID = "-//Festival Archive//Programme//EN"
# How often a subscribed calendar should look again (a hint; apps choose).
REFRESH = datetime.timedelta(hours=1)


def _host(request) -> str:
    return urlsplit(site_origin(request)).hostname or "festarchive"


def screening_summary(screening) -> str:
    """The event's title: the film's, with a word when it is cancelled or moved."""
    if screening.is_cancelled:
        return _("Cancelled: %(title)s") % {"title": screening.title}
    if screening.is_moved:
        return _("%(title)s (moved)") % {"title": screening.title}
    return screening.title


def screening_location(screening) -> str:
    venue = screening.screen.venue
    parts = [f"{venue.name}, {screening.screen.name}"]
    if venue.address:
        parts.append(venue.address)
    if venue.city:
        parts.append(venue.city)
    return ", ".join(parts)


def _moved_line(screening) -> str:
    if not (screening.is_moved and screening.moved_from_starts_at):
        return ""
    when = screening.moved_from_starts_at.astimezone(festival_zone())
    where = screening.moved_from_screen
    return _("Moved: it was on %(day)s at %(time)s in %(where)s.") % {
        "day": f"{when:%Y-%m-%d}",
        "time": f"{when:%H:%M}",
        "where": str(where) if where else _("another screen"),
    }


def screening_description(screening, page_url: str) -> str:
    """What a calendar shows under the title: notices first, then the films,
    section, access, tickets and the screening's page."""
    lines = []
    if screening.is_cancelled:
        lines.append(_("This screening is cancelled."))
    moved = _moved_line(screening)
    if moved:
        lines.append(moved)
    if screening.notice:
        lines.append(str(screening.notice))
    films = screening.published_films()
    if screening.film_programme_id and films:
        lines.append(
            _("Films: %(films)s.")
            % {"films": ", ".join(str(localized(f, "title")) for f in films)}
        )
    if screening.section_id:
        lines.append(
            _("Section: %(section)s.")
            % {"section": localized(screening.section, "name")}
        )
    features = [str(feature.label) for feature in screening.access_features]
    if features:
        lines.append(_("Access: %(features)s.") % {"features": ", ".join(features)})
    if screening.has_qa:
        lines.append(_("With a Q&A."))
    lines.append(
        _("Tickets: %(state)s.") % {"state": screening.get_ticket_state_display()}
    )
    if screening.ticket_url:
        lines.append(screening.ticket_url)
    lines.append(page_url)
    return "\n".join(lines)


def _on_festival_clock(moment: datetime.datetime, zone) -> datetime.datetime:
    """The moment on the festival's clock, or in UTC when that clock reads
    the same twice: in the hour repeated when summer time ends, a local time
    means its first occurrence (RFC 5545, 3.3.5), so 02:05 after the change
    would be read an hour early."""
    local = moment.astimezone(zone)
    if local.replace(fold=0).astimezone(datetime.UTC) != moment.astimezone(
        datetime.UTC
    ):
        return moment.astimezone(datetime.UTC)
    return local


def screening_event(screening, request) -> icalendar.Event:
    """One screening as a VEVENT."""
    zone = festival_zone()
    page_url = absolute_url(request, screening.get_absolute_url())
    event = icalendar.Event()
    event.add("uid", f"{screening.uid}@{_host(request)}")
    event.add("dtstamp", datetime.datetime.now(datetime.UTC))
    event.add("dtstart", _on_festival_clock(screening.starts_at, zone))
    event.add("dtend", _on_festival_clock(screening.ends_at, zone))
    event.add("summary", screening_summary(screening))
    event.add("location", screening_location(screening))
    venue = screening.screen.venue
    if venue.has_coordinates:
        event.add("geo", (float(venue.latitude), float(venue.longitude)))
    event.add("url", page_url)
    event.add("description", screening_description(screening, page_url))
    event.add("sequence", screening.sequence)
    event.add("status", "CANCELLED" if screening.is_cancelled else "CONFIRMED")
    event.add("last-modified", screening.updated_at.astimezone(datetime.UTC))
    event.add("transp", "TRANSPARENT" if screening.is_cancelled else "OPAQUE")
    return event


def calendar_for(screenings, request, *, name: str, feed: bool = False) -> bytes:
    """A VCALENDAR of the screenings, with the festival zone's VTIMEZONE."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    if feed:
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", REFRESH)
    years = []
    for screening in screenings:
        calendar.add_component(screening_event(screening, request))
        years.append(screening.starts_at.year)
    if years:
        # Only the years the screenings are in: the zone's rules for 1970 to
        # 2038 would make the file many times longer.
        calendar.add_missing_timezones(
            first_date=datetime.date(min(years) - 1, 1, 1),
            last_date=datetime.date(max(years) + 1, 12, 31),
        )
    return calendar.to_ical()
