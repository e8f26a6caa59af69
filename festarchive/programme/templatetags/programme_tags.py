"""Template helpers of the festival programme, for its own pages and for the
film page, which loads them by name (``{% load programme_tags %}``) so that
the catalogue never imports the programme."""

from functools import partial

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from festarchive.core.links import absolute_url

from .. import queries
from ..jsonld import ON_SALE, screenings_graph

register = template.Library()


def _film_screenings(film) -> queries.FilmScreenings:
    """Read once a film page, however many tags ask."""
    found = getattr(film, "_programme_screenings", None)
    if found is None:
        found = film._programme_screenings = queries.film_screenings(film)
    return found


@register.inclusion_tag("programme/_film_screenings.html", takes_context=True)
def film_screenings(context, film):
    """``{% film_screenings film %}``: the film's screenings from today on,
    with ticket links, and their schema.org events."""
    found = _film_screenings(film)
    request = context.get("request")
    jsonld = None
    if request is not None and found.upcoming:
        jsonld = screenings_graph(
            found.upcoming, absolute=partial(absolute_url, request)
        )
    # The star buttons in the block read the visitor from the request.
    return {
        "film": film,
        "screenings": found.upcoming,
        "jsonld": jsonld,
        "request": request,
    }


@register.simple_tag
def film_times_shown(film, edition) -> str:
    """``{% film_times_shown film selection.edition %}``: "Shown 3 times at
    IDFA 2023" for an edition that has ended, else nothing."""
    count = _film_screenings(film).shown_at(edition.pk)
    if not count:
        return ""
    return ngettext(
        "Shown once at %(edition)s",
        "Shown %(count)s times at %(edition)s",
        count,
    ) % {"count": count, "edition": edition}


@register.filter
def tickets_on_sale(screening) -> bool:
    """Whether the screening's ticket link should be offered."""
    return bool(
        screening.ticket_url
        and screening.ticket_state in ON_SALE
        and not screening.is_cancelled
    )


@register.filter
def festival_time(moment) -> str:
    """ "14:00" on the festival's clock."""
    return f"{timezone.localtime(moment):%H:%M}" if moment else ""


@register.simple_tag
def screening_summary(screening) -> str:
    """ "River of Glass, Thursday 22 October, 14:00, Tuschinski · Zaal 1": what a
    link or a screen reader needs to tell one screening from another."""
    from django.utils.formats import date_format

    local = timezone.localtime(screening.starts_at)
    return _("%(title)s, %(day)s, %(time)s, %(place)s") % {
        "title": screening.title,
        "day": date_format(local, "l j F"),
        "time": f"{local:%H:%M}",
        "place": f"{screening.screen.venue.name} · {screening.screen.name}",
    }
