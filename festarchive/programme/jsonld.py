"""schema.org descriptions of screenings and venues, embedded as JSON-LD.

A screening is a ``ScreeningEvent`` in a ``MovieTheater``; its times carry
the festival's offset (``+01:00`` or ``+02:00``), so a reader never has to
guess the zone.
"""

from django.utils import timezone

from festarchive.core.i18n import localized

from .vocabulary import LanguageVersion, ScreeningStatus, TicketState

SCHEMA = "https://schema.org/"
EVENT_STATUS = {
    ScreeningStatus.SCHEDULED: SCHEMA + "EventScheduled",
    ScreeningStatus.MOVED: SCHEMA + "EventRescheduled",
    ScreeningStatus.CANCELLED: SCHEMA + "EventCancelled",
}
AVAILABILITY = {
    TicketState.ON_SALE: SCHEMA + "InStock",
    TicketState.FEW_LEFT: SCHEMA + "LimitedAvailability",
    TicketState.SOLD_OUT: SCHEMA + "SoldOut",
    TicketState.FREE: SCHEMA + "InStock",
    TicketState.NOT_YET_ON_SALE: SCHEMA + "PreOrder",
}
# Ticket states whose link a visitor may follow to buy a seat.
ON_SALE = (TicketState.ON_SALE, TicketState.FEW_LEFT, TicketState.FREE)


def iso(moment) -> str:
    """An aware moment on the festival's clock, ISO 8601 with its offset."""
    return timezone.localtime(moment).isoformat()


def venue_place(venue, *, absolute) -> dict:
    """A schema.org ``MovieTheater`` with its address and coordinates."""
    place: dict = {
        "@type": "MovieTheater",
        "name": venue.name,
        "url": absolute(venue.get_absolute_url()),
    }
    address = {"@type": "PostalAddress"}
    if venue.address:
        address["streetAddress"] = venue.address
    if venue.city:
        address["addressLocality"] = venue.city
    if len(address) > 1:
        place["address"] = address
    if venue.has_coordinates:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.latitude),
            "longitude": float(venue.longitude),
        }
    return place


def _movie(film, *, absolute) -> dict:
    return {
        "@type": "Movie",
        "name": str(localized(film, "title")),
        "url": absolute(film.get_absolute_url()),
    }


def _films(screening) -> list:
    if screening.film_id:
        return [screening.film]
    return [entry.film for entry in screening.film_programme.entries.all()]


def screening_jsonld(screening, *, absolute, context: bool = True) -> dict:
    """A schema.org ``ScreeningEvent``; ``context=False`` for one in a graph."""
    films = _films(screening)
    data: dict = {}
    if context:
        data["@context"] = "https://schema.org"
    data.update(
        {
            "@type": "ScreeningEvent",
            "name": screening.title,
            "url": absolute(screening.get_absolute_url()),
            "startDate": iso(screening.starts_at),
            "endDate": iso(screening.ends_at),
            "eventStatus": EVENT_STATUS.get(
                screening.status, SCHEMA + "EventScheduled"
            ),
            "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
            "location": venue_place(screening.screen.venue, absolute=absolute),
        }
    )
    if screening.is_moved and screening.moved_from_starts_at:
        data["previousStartDate"] = iso(screening.moved_from_starts_at)
    works = [_movie(film, absolute=absolute) for film in films]
    if len(works) == 1:
        data["workPresented"] = works[0]
    elif works:
        data["workPresented"] = works
    if screening.language_version == LanguageVersion.ORIGINAL:
        languages = list(
            dict.fromkeys(
                spoken.language
                for film in films
                for spoken in film.spoken_languages.all()
            )
        )
    else:
        languages = [screening.language_version]
    if languages:
        data["inLanguage"] = languages[0] if len(languages) == 1 else languages
    subtitles = [
        code
        for code, on in (("en", screening.subtitles_en), ("nl", screening.subtitles_nl))
        if on
    ]
    if subtitles:
        data["subtitleLanguage"] = subtitles[0] if len(subtitles) == 1 else subtitles
    data["superEvent"] = {
        "@type": "Festival",
        "name": str(screening.edition),
        "url": absolute(screening.edition.get_absolute_url()),
    }
    if (
        screening.ticket_url
        and screening.ticket_state in ON_SALE
        and not screening.is_cancelled
    ):
        data["offers"] = {
            "@type": "Offer",
            "url": screening.ticket_url,
            "availability": AVAILABILITY[screening.ticket_state],
        }
        if screening.ticket_state == TicketState.FREE:
            data["isAccessibleForFree"] = True
    return data


def screenings_graph(screenings, *, absolute, extra=()) -> dict | None:
    """Several screening events (and ``extra`` nodes) under one context."""
    nodes = list(extra) + [
        screening_jsonld(s, absolute=absolute, context=False) for s in screenings
    ]
    if not nodes:
        return None
    return {"@context": "https://schema.org", "@graph": nodes}


def venue_jsonld(venue, *, absolute, screenings=()) -> dict:
    """A venue's page: the ``MovieTheater`` and the screenings shown."""
    place = venue_place(venue, absolute=absolute)
    if venue.website:
        place["sameAs"] = venue.website
    seats = [screen.capacity for screen in venue.screens.all() if screen.capacity]
    if seats:
        place["maximumAttendeeCapacity"] = sum(seats)
    place["screenCount"] = len(venue.screens.all())
    return screenings_graph(screenings, absolute=absolute, extra=[place])
