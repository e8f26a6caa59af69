"""The festival's public pages: the timetable of an edition (the current one
at ``/festival/``), venues, programmes of films and single screenings.

Every page here is the same for every anonymous visitor and is marked
``public_page``. Their links name the day they show, so the only thing the
clock decides is which edition ``/festival/`` opens and which day it opens on
when the address names none (see docs/programme.md, "Caching").
"""

from dataclasses import dataclass
from functools import partial
from urllib.parse import parse_qsl

from django.shortcuts import render
from django.utils.datastructures import MultiValueDict
from django_htmx.http import push_url

from festarchive.core.links import absolute_url
from festarchive.core.public import public_page

from .. import queries
from ..jsonld import screening_jsonld, screenings_graph, venue_jsonld
from ..vocabulary import ACCESS_FEATURES, LanguageVersion


def _query_data(request) -> MultiValueDict:
    """The query string, read up to ``MAX_FIELDS`` fields: an address blown
    up to thousands of filters still gets a page (Django itself would answer
    400 past 1,000)."""
    raw = request.META.get("QUERY_STRING", "")
    fields = raw.split("&", queries.MAX_FIELDS)[: queries.MAX_FIELDS]
    data = MultiValueDict()
    for key, value in parse_qsl("&".join(fields), keep_blank_values=True):
        data.appendlist(key, value)
    return data


@dataclass
class DayTab:
    day: object
    url: str
    current: bool


def _day_tabs(days, current, url_for) -> list[DayTab]:
    return [DayTab(day=d, url=url_for(d), current=d == current) for d in days]


@public_page
def timetable(request, edition=None):
    """An edition's timetable, one festival day at a time, as a grid of
    screens and hours or as a list; filtered by the query string.

    htmx requests (a filter changed, a day tab followed) get the results
    region alone; everything else, htmx's history restores included, the
    whole page.
    """
    is_current = edition is None
    festival_edition = (
        queries.current_edition() if is_current else queries.edition_get(slug=edition)
    )
    if festival_edition is None:
        return render(request, "programme/no_programme.html", {})
    options = queries.timetable_options(festival_edition)
    params = queries.parse_timetable_params(
        _query_data(request),
        section_slugs=[s.slug for s in options.sections],
        venue_slugs=[v.slug for v in options.venues],
    )
    days = queries.edition_days(festival_edition)
    day = queries.choose_day(days, params.day)
    params.day = day
    screenings = queries.day_screenings(festival_edition, day, params) if day else []
    absolute = partial(absolute_url, request)
    context = {
        "edition": festival_edition,
        "is_current": is_current,
        "ended": queries.edition_has_ended(festival_edition),
        "days": _day_tabs(days, day, lambda d: params.url(day=d)),
        "day": day,
        "params": params,
        "options": options,
        "screenings": screenings,
        "grid": queries.timetable_grid(screenings) if params.view == "grid" else None,
        "parts": queries.timetable_list(screenings) if params.view == "list" else None,
        "times_of_day": queries.TIMES_OF_DAY,
        "access_features": ACCESS_FEATURES,
        "language_versions": LanguageVersion.choices,
        "clear_url": params.url(clear=True),
        "grid_url": params.url(view="grid"),
        "list_url": params.url(view="list"),
    }
    partial_page = bool(request.htmx) and not request.htmx.history_restore_request
    if partial_page:
        response = render(request, "programme/_timetable_results.html", context)
        push_url(response, request.path + params.current_url.rstrip("?"))
        return response
    context["jsonld"] = screenings_graph(screenings, absolute=absolute)
    return render(request, "programme/timetable.html", context)


@public_page
def venue_detail(request, slug):
    """A venue: where it is, how to get in, its screens, its day programme."""
    venue = queries.venue_get(slug=slug)
    edition = queries.current_edition()
    days, day, screenings = [], None, []
    if edition is not None:
        asked = queries.parse_day(request.GET.get("day"))
        days = queries.edition_days(edition)
        day = queries.choose_day(days, asked)
        if day:
            screenings = queries.venue_day_screenings(venue, edition, day)
    absolute = partial(absolute_url, request)
    return render(
        request,
        "programme/venue_detail.html",
        {
            "venue": venue,
            "edition": edition,
            "day": day,
            "days": _day_tabs(days, day, lambda d: f"?day={d.isoformat()}"),
            "screenings": screenings,
            "jsonld": venue_jsonld(venue, absolute=absolute, screenings=screenings),
        },
    )


@public_page
def programme_detail(request, slug):
    """A programme of films: its text, its films in order, its screenings."""
    programme = queries.film_programme_get(slug=slug)
    screenings = queries.film_programme_screenings(programme)
    absolute = partial(absolute_url, request)
    return render(
        request,
        "programme/programme_detail.html",
        {
            "programme": programme,
            "films": queries.film_programme_films(programme),
            "screenings": screenings,
            "jsonld": screenings_graph(screenings, absolute=absolute),
        },
    )


@public_page
def screening_detail(request, uid):
    """One screening, with everything known about it."""
    screening = queries.screening_get(uid=uid)
    absolute = partial(absolute_url, request)
    return render(
        request,
        "programme/screening_detail.html",
        {
            "screening": screening,
            "films": screening.published_films(),
            "others": queries.other_screenings(screening),
            "day_url": queries.timetable_day_url(screening),
            "jsonld": screening_jsonld(screening, absolute=absolute),
        },
    )
