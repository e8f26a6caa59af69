"""The read-only JSON API at /api/v1/ (django-ninja: OpenAPI 3.1 from the code).

django-ninja was chosen over Django REST framework because it generates an
OpenAPI 3.1 schema from type hints and pydantic models, which keeps the schema
and the answers from drifting apart.
"""

import datetime
import functools
import inspect
import re
import uuid
from typing import Annotated, Literal

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django_countries import countries as iso_countries
from ninja import NinjaAPI, Query
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.throttling import SimpleRateThrottle
from pydantic import BeforeValidator

from festarchive.catalogue import queries as catalogue_queries
from festarchive.catalogue.models import Company, Credit, Person, Role
from festarchive.core import limits
from festarchive.core.numbers import parse_int
from festarchive.curated import queries as curated_queries
from festarchive.curated.models import CuratedSelection
from festarchive.festival import queries as festival_queries
from festarchive.festival.models import (
    Edition,
    Festival,
    PremiereStatus,
    Prize,
    Section,
)
from festarchive.programme.clock import day_bounds
from festarchive.programme.exports import public_screenings
from festarchive.programme.models import ProgrammeFilm, Venue
from festarchive.programme.vocabulary import ACCESS_BY_CODE, ScreeningKind
from festarchive.search.facet_types import registry as facet_registry
from festarchive.search.queries import SORTS, archive_search, parse_params

from . import cursors, schemas, serialise


class ClientRateThrottle(SimpleRateThrottle):
    """Requests per client address, at the rate ``FESTARCHIVE["API_RATE"]`` sets."""

    scope = "api-client"

    def __init__(self):
        self.rate = None

    def allow_request(self, request) -> bool:
        self.rate = settings.FESTARCHIVE["API_RATE"]
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_ident(self, request) -> str:
        # allauth's reading of the client address, which its log-in limits use
        # too: X-Forwarded-For only as far as ALLAUTH_TRUSTED_PROXY_COUNT
        # proxies of ours wrote it (django-ninja would believe all of it).
        return get_adapter(request).get_client_ip(request)

    def get_cache_key(self, request) -> str:
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }


api = NinjaAPI(
    title="Festival Archive API",
    version="1",
    description=(
        "Read-only access to the festival archive: films, people, companies, "
        "festivals, editions, sections, vocabularies and the selections staff "
        "made of the films, and the festival "
        "programme: screenings and venues. Every answer is an "
        "envelope with `data` and `links` (and `meta` for lists); every error is "
        '`{"error": {"status", "code", "message", "details"}}`. Lists page with '
        "`cursor` (from `meta.next_cursor`) and `limit`. `?lang=en|nl` chooses "
        "the language of labels. Answers carry ETag and Last-Modified and "
        "answer conditional requests with 304."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[ClientRateThrottle()],
)

ERRORS = {400: schemas.ErrorEnvelope, 404: schemas.ErrorEnvelope}


def _error(request, status: int, code: str, message: str, details=None, **headers):
    response = api.create_response(
        request,
        {
            "error": {
                "status": status,
                "code": code,
                "message": message,
                "details": details or [],
            }
        },
        status=status,
    )
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, "not_found", "No such record.")


@api.exception_handler(cursors.BadCursor)
def _bad_cursor(request, exc):
    return _error(request, 400, "bad_cursor", str(exc))


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    details = [
        {"location": list(map(str, e.get("loc", []))), "message": e.get("msg", "")}
        for e in exc.errors
    ]
    return _error(request, 400, "invalid_parameter", "A parameter is invalid.", details)


@api.exception_handler(Throttled)
def _throttled(request, exc):
    wait = max(1, int(exc.wait or 1))
    return _error(
        request,
        429,
        "rate_limited",
        f"Too many requests; try again in {wait} s.",
        Retry_After=str(wait),
    )


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return _error(request, exc.status_code, "error", str(exc))


def _links(request, *, html: str | None = None, next_cursor: str | None = None):
    links = {"self": request.get_full_path(), "html": html, "next": None}
    if next_cursor:
        query = request.GET.copy()
        query["cursor"] = next_cursor
        links["next"] = f"{request.path}?{query.urlencode()}"
    return links


def _page_by_id(request, queryset, serialise_one, limit: int, cursor: str | None):
    """One page of records in id order, after the cursor's id."""
    rows = list(
        queryset.filter(pk__gt=cursors.after_id(cursor)).order_by("pk")[: limit + 1]
    )
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = cursors.encode(after=rows[-1].pk) if more and rows else None
    return {
        "data": [serialise_one(r) for r in rows],
        "meta": {"count": None, "limit": limit, "next_cursor": next_cursor},
        "links": _links(request, next_cursor=next_cursor),
    }


def _whole_number(value):
    """A number parameter read as every page of the site reads one
    (core.numbers): pydantic alone would also take " 5", "+5", "5.0" and
    "5_000", and refuse "١٩٩٠" with a message of its own."""
    if isinstance(value, str):
        number = parse_int(value)
        if number is None:
            raise ValueError("Give a whole number in the digits 0 to 9.")
        return number
    return value


WholeNumber = Annotated[int, BeforeValidator(_whole_number)]
# django-ninja builds the parameter schema (and the OpenAPI document) once, at
# import: these two limits are read then, and a change needs a restart.
Limit = Query(
    limits.limit("api_default_limit"),
    ge=1,
    le=limits.limit("api_max_limit"),
    description="Records per page.",
)
Cursor = Query(None, description="From `meta.next_cursor` of the previous page.")
Lang = Query(None, description="Language of labels: `en` (default) or `nl`.")


def with_facet_parameters(view):
    """``view`` with one repeatable query parameter per registered facet after
    ``letter``, described by the facet class (the OpenAPI schema lists them).

    The view reads the facets from the request, as the archive page does
    (``parse_params``); the parameters are for the schema and for validation.
    """
    signature = inspect.signature(view)
    params = [p for p in signature.parameters.values() if p.kind != p.VAR_KEYWORD]
    at = [p.name for p in params].index("letter") + 1
    facets = [
        inspect.Parameter(
            facet.name,
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            default=Query(None, description=facet.description),
            annotation=list[str],
        )
        for facet in facet_registry
    ]

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        return view(*args, **kwargs)

    wrapper.__signature__ = signature.replace(
        parameters=[*params[:at], *facets, *params[at:]]
    )
    return wrapper


# -- films -------------------------------------------------------------------------
def films(
    request,
    q: str = Query("", max_length=200, description="Words to search for."),
    sort: str = Query(
        "",
        description="One of: " + ", ".join(SORTS) + " (default: relevance or title).",
    ),
    letter: str = Query("", description="A–Z: films whose title starts so."),
    limit: WholeNumber = Limit,
    cursor: str | None = Cursor,
    lang: str | None = Lang,
    **facets: list[str],
):
    """The archive search: the same words, filters, facets and sort as /archive/."""
    params = parse_params(request.GET)
    search = cursors.fingerprint(params.query_items(page=1))
    offset = cursors.search_offset(cursor, search)
    results = archive_search(params, offset=offset, limit=limit)
    more = offset + limit < results.total
    next_cursor = cursors.encode(search=search, offset=offset + limit) if more else None
    return {
        "data": [serialise.film_summary(f) for f in results.films],
        "meta": {
            "count": results.total,
            "limit": limit,
            "next_cursor": next_cursor,
            "facets": [
                {
                    "name": facet.name,
                    "label": facet.label,
                    "values": [
                        {
                            "value": v.value,
                            "label": str(v.label),
                            "count": v.count,
                            "active": v.active,
                        }
                        for v in facet.values
                    ],
                }
                for facet in results.facets
            ],
            "suggested_filters": [
                {
                    "name": suggested.facet,
                    "value": suggested.value,
                    "label": str(suggested.label),
                    "count": suggested.count,
                    "q": suggested.q,
                }
                for suggested in results.suggested_filters
            ],
        },
        "links": _links(
            request,
            html=reverse("search:archive") + params.current_url.rstrip("?"),
            next_cursor=next_cursor,
        ),
    }


FILMS = {
    "path": "/films",
    "response": {200: schemas.FilmList, **ERRORS},
    "url_name": "films",
    "summary": "Search films",
    "tags": ["films"],
}
# The facet parameters are those registered when this module is imported.
films = api.get(**FILMS)(with_facet_parameters(films))


@api.get(
    "/films/{slug}",
    response={200: schemas.FilmOne, **ERRORS},
    url_name="film",
    summary="One film",
    tags=["films"],
)
def film(request, slug: str, lang: str | None = Lang):
    """Titles, facts, synopses, credits, festival history, awards and media."""
    obj = catalogue_queries.film_get_for_page(slug=slug)
    request.last_modified = obj.updated_at
    return {
        "data": serialise.film_detail(obj, catalogue_queries.film_history(obj)),
        "links": _links(request, html=obj.get_absolute_url()),
    }


# -- people and companies ------------------------------------------------------------
def _credits(**lookup):
    return (
        Credit.objects.filter(**lookup, film__is_published=True)
        .select_related("film", "role", "person", "company")
        .order_by("-film__year", "film__title_en", "role__order", "pk")
    )


@api.get(
    "/people",
    response={200: schemas.PersonList, **ERRORS},
    url_name="people",
    tags=["people and companies"],
)
def people(request, limit: WholeNumber = Limit, cursor: str | None = Cursor):
    """Everyone credited in the archive, in the order they were added."""
    return _page_by_id(request, Person.objects.all(), serialise.person, limit, cursor)


@api.get(
    "/people/{slug}",
    response={200: schemas.PersonOne, **ERRORS},
    url_name="person",
    tags=["people and companies"],
)
def person(request, slug: str, lang: str | None = Lang):
    obj = catalogue_queries.person_get(slug=slug)
    request.last_modified = obj.updated_at
    return {
        "data": {
            **serialise.person(obj),
            "filmography": serialise.filmography(_credits(person=obj)),
            "jury_service": serialise.jury_service(
                catalogue_queries.person_jury_service(obj)
            ),
        },
        "links": _links(request, html=obj.get_absolute_url()),
    }


@api.get(
    "/companies",
    response={200: schemas.CompanyList, **ERRORS},
    url_name="companies",
    tags=["people and companies"],
)
def companies(
    request,
    limit: WholeNumber = Limit,
    cursor: str | None = Cursor,
    lang: str | None = Lang,
):
    return _page_by_id(request, Company.objects.all(), serialise.company, limit, cursor)


@api.get(
    "/companies/{slug}",
    response={200: schemas.CompanyOne, **ERRORS},
    url_name="company",
    tags=["people and companies"],
)
def company(request, slug: str, lang: str | None = Lang):
    obj = catalogue_queries.company_get(slug=slug)
    request.last_modified = obj.updated_at
    return {
        "data": {
            **serialise.company(obj),
            "filmography": serialise.filmography(_credits(company=obj)),
        },
        "links": _links(request, html=obj.get_absolute_url()),
    }


# -- festivals ---------------------------------------------------------------------------
@api.get(
    "/festivals",
    response={200: schemas.FestivalList, **ERRORS},
    url_name="festivals",
    tags=["festivals"],
)
def festivals(
    request,
    limit: WholeNumber = Limit,
    cursor: str | None = Cursor,
    lang: str | None = Lang,
):
    return _page_by_id(
        request, Festival.objects.all(), serialise.festival, limit, cursor
    )


@api.get(
    "/festivals/{slug}",
    response={200: schemas.FestivalOne, **ERRORS},
    url_name="festival",
    tags=["festivals"],
)
def festival(request, slug: str, lang: str | None = Lang):
    obj = get_object_or_404(Festival, slug=slug)
    request.last_modified = obj.updated_at
    return {
        "data": serialise.festival(obj),
        "links": _links(request, html=obj.get_absolute_url()),
    }


@api.get(
    "/editions",
    response={200: schemas.EditionList, **ERRORS},
    url_name="editions",
    tags=["festivals"],
)
def editions(
    request,
    limit: WholeNumber = Limit,
    cursor: str | None = Cursor,
    lang: str | None = Lang,
):
    return _page_by_id(
        request,
        Edition.objects.select_related("festival"),
        serialise.edition,
        limit,
        cursor,
    )


@api.get(
    "/editions/{slug}",
    response={200: schemas.EditionOne, **ERRORS},
    url_name="edition",
    tags=["festivals"],
)
def edition(request, slug: str, lang: str | None = Lang):
    obj = get_object_or_404(Edition.objects.select_related("festival"), slug=slug)
    request.last_modified = obj.updated_at
    return {
        "data": {
            **serialise.edition(obj),
            "juries": [serialise.jury(j) for j in festival_queries.edition_juries(obj)],
        },
        "links": _links(request, html=obj.get_absolute_url()),
    }


@api.get(
    "/awards",
    response={200: schemas.PrizeList, **ERRORS},
    url_name="awards",
    tags=["festivals"],
)
def awards(
    request,
    limit: WholeNumber = Limit,
    cursor: str | None = Cursor,
    lang: str | None = Lang,
):
    """Every award across editions (a prize), in the order they were added."""
    return _page_by_id(
        request,
        Prize.objects.select_related("festival").prefetch_related("names"),
        serialise.prize,
        limit,
        cursor,
    )


@api.get(
    "/awards/{slug}",
    response={200: schemas.PrizeOne, **ERRORS},
    url_name="award",
    tags=["festivals"],
)
def award(request, slug: str, lang: str | None = Lang):
    """An award across editions, with its winners and special mentions by
    edition, newest first."""
    obj = festival_queries.prize_get(slug=slug)
    request.last_modified = obj.updated_at
    return {
        "data": {
            **serialise.prize(obj),
            "editions": serialise.prize_years(festival_queries.prize_years(obj)),
        },
        "links": _links(request, html=obj.get_absolute_url()),
    }


@api.get(
    "/sections",
    response={200: schemas.SectionList, **ERRORS},
    url_name="sections",
    tags=["festivals"],
)
def sections(
    request,
    limit: WholeNumber = Limit,
    cursor: str | None = Cursor,
    lang: str | None = Lang,
):
    return _page_by_id(
        request,
        Section.objects.select_related("festival"),
        serialise.section,
        limit,
        cursor,
    )


@api.get(
    "/sections/{slug}",
    response={200: schemas.SectionOne, **ERRORS},
    url_name="section",
    tags=["festivals"],
)
def section(request, slug: str, lang: str | None = Lang):
    obj = get_object_or_404(Section.objects.select_related("festival"), slug=slug)
    request.last_modified = obj.updated_at
    return {
        "data": serialise.section(obj),
        "links": _links(request, html=obj.get_absolute_url()),
    }


# -- vocabularies --------------------------------------------------------------------------
@api.get(
    "/vocabularies/roles",
    response={200: schemas.VocabularyList, **ERRORS},
    url_name="roles",
    tags=["vocabularies"],
)
def roles(request, lang: str | None = Lang):
    """Credit roles, in the order film pages list them."""
    return {
        "data": [serialise.vocabulary_term(r) for r in Role.objects.order_by("order")],
        "links": _links(request),
    }


@api.get(
    "/vocabularies/premiere-statuses",
    response={200: schemas.VocabularyList, **ERRORS},
    url_name="premiere-statuses",
    tags=["vocabularies"],
)
def premiere_statuses(request, lang: str | None = Lang):
    return {
        "data": [
            serialise.vocabulary_term(p)
            for p in PremiereStatus.objects.order_by("order")
        ],
        "links": _links(request),
    }


@api.get(
    "/vocabularies/countries",
    response={200: schemas.CountryList, **ERRORS},
    url_name="countries",
    tags=["vocabularies"],
)
def countries(request, lang: str | None = Lang):
    """ISO 3166-1 countries and the ISO 3166-3 historical ones (four letters)."""
    return {
        "data": [
            {"code": code, "name": str(name), "historical": len(code) == 4}
            for code, name in iso_countries
        ],
        "links": _links(request),
    }


# -- the festival programme ------------------------------------------------------------------
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")


def _festival_day(value):
    """A day written YYYY-MM-DD in the digits 0 to 9, and one the calendar has."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not DAY.fullmatch(value):
        raise ValueError("Give a day as YYYY-MM-DD.")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError("There is no such day.") from None


FestivalDay = Annotated[datetime.date | None, BeforeValidator(_festival_day)]
KindCode = Literal[tuple(ScreeningKind.values)]
AccessCode = Literal[tuple(ACCESS_BY_CODE)]
DayQuery = Query(
    None,
    description=(
        "A festival day, YYYY-MM-DD: from 06:00 on the festival's clock to "
        "06:00 the next morning, as on the timetable."
    ),
)
AccessQuery = Query(None, description="An access feature's code.")
KindQuery = Query(None, description="The kind of screening.")


def _slug(value: str | None) -> str | None:
    """A slug to look up, or None when it cannot be one (it then finds nothing)."""
    if not value:
        return None
    return value if SLUG.fullmatch(value) else ""


@api.get(
    "/screenings",
    response={200: schemas.ScreeningList, **ERRORS},
    url_name="screenings",
    summary="Screenings of the festival programme",
    tags=["programme"],
)
def screenings(
    request,
    edition: str | None = Query(None, description="An edition's slug."),
    day: FestivalDay = DayQuery,
    venue: str | None = Query(None, description="A venue's slug."),
    film: str | None = Query(
        None, description="A film's slug: its screenings, and its programmes'."
    ),
    access: AccessCode | None = AccessQuery,
    kind: KindCode | None = KindQuery,
    limit: WholeNumber = Limit,
    cursor: str | None = Cursor,
    lang: str | None = Lang,
):
    """Screenings of published films (and programmes of films), in time order.

    A slug nobody has finds no screenings."""
    queryset = public_screenings()
    lookups = {"edition__slug": _slug(edition), "screen__venue__slug": _slug(venue)}
    for lookup, value in lookups.items():
        if value is not None:
            queryset = queryset.filter(**{lookup: value})
    film_slug = _slug(film)
    if film_slug is not None:
        in_programmes = ProgrammeFilm.objects.filter(
            film__slug=film_slug, film__is_published=True
        ).values("programme_id")
        queryset = queryset.filter(
            Q(film__slug=film_slug) | Q(film_programme__in=in_programmes)
        )
    if day is not None:
        start, end = day_bounds(day)
        queryset = queryset.filter(starts_at__gte=start, starts_at__lt=end)
    if access:
        queryset = queryset.filter(**{ACCESS_BY_CODE[access].field: True})
    if kind:
        queryset = queryset.filter(kind=kind)
    after = cursors.after_moment(cursor)
    if after is not None:
        at, pk = after
        queryset = queryset.filter(Q(starts_at__gt=at) | Q(starts_at=at, pk__gt=pk))
    rows = list(queryset.order_by("starts_at", "pk")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = (
        cursors.encode_moment(rows[-1].starts_at, rows[-1].pk)
        if more and rows
        else None
    )
    return {
        "data": [serialise.screening(s) for s in rows],
        "meta": {"count": None, "limit": limit, "next_cursor": next_cursor},
        "links": _links(request, next_cursor=next_cursor),
    }


@api.get(
    "/screenings/{uid}",
    response={200: schemas.ScreeningOne, **ERRORS},
    url_name="screening",
    summary="One screening",
    tags=["programme"],
)
def screening(request, uid: str, lang: str | None = Lang):
    """A screening of a published film or of a programme of films."""
    try:
        key = uuid.UUID(uid)
    except ValueError:
        raise Http404 from None
    obj = get_object_or_404(public_screenings(), uid=key)
    request.last_modified = obj.updated_at
    return {
        "data": serialise.screening(obj),
        "links": _links(request, html=obj.get_absolute_url()),
    }


@api.get(
    "/venues",
    response={200: schemas.VenueList, **ERRORS},
    url_name="venues",
    tags=["programme"],
)
def venues(
    request,
    limit: WholeNumber = Limit,
    cursor: str | None = Cursor,
    lang: str | None = Lang,
):
    """The cinemas, theatres and halls the festival screens in."""
    return _page_by_id(request, Venue.objects.all(), serialise.venue, limit, cursor)


@api.get(
    "/venues/{slug}",
    response={200: schemas.VenueOne, **ERRORS},
    url_name="venue",
    tags=["programme"],
)
def venue(request, slug: str, lang: str | None = Lang):
    """A venue with its screens, in their order."""
    if not SLUG.fullmatch(slug):
        raise Http404
    obj = get_object_or_404(Venue.objects.prefetch_related("screens"), slug=slug)
    request.last_modified = obj.updated_at
    return {
        "data": serialise.venue(obj, screens=True),
        "links": _links(request, html=obj.get_absolute_url()),
    }


# -- curated selections ----------------------------------------------------------
@api.get(
    "/selections",
    response={200: schemas.CuratedSelectionList, **ERRORS},
    url_name="selections",
    tags=["selections"],
)
def selections(
    request,
    limit: WholeNumber = Limit,
    cursor: str | None = Cursor,
    lang: str | None = Lang,
):
    """The published selections staff made of the archive's films."""
    return _page_by_id(
        request,
        CuratedSelection.objects.published(),
        serialise.curated_selection,
        limit,
        cursor,
    )


@api.get(
    "/selections/{slug}",
    response={200: schemas.CuratedSelectionOne, **ERRORS},
    url_name="selection",
    tags=["selections"],
)
def selection(request, slug: str, lang: str | None = Lang):
    """A published selection with its published films in order, and the note
    on each."""
    if not SLUG.fullmatch(slug):
        raise Http404
    obj = curated_queries.selection_get(slug=slug)
    request.last_modified = obj.updated_at
    return {
        "data": serialise.curated_selection_detail(
            obj, curated_queries.selection_films(obj)
        ),
        "links": _links(request, html=obj.get_absolute_url()),
    }
