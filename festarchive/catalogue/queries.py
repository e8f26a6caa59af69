"""Read paths of the catalogue: film, person and company pages, the archive list."""

import datetime
from collections import OrderedDict
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404
from django.shortcuts import get_object_or_404

from festarchive.core import limits, pagetags, speedups
from festarchive.core.prepared import PreparedQuery, attach_prefetched
from festarchive.festival.models import Award, Juror, Selection

from .models import (
    Company,
    CompanyImage,
    Credit,
    Film,
    FilmCountry,
    FilmImage,
    FilmLanguage,
    FilmTitle,
    FilmVideo,
    Person,
    PersonImage,
    Role,
)
from .vocabulary import DIRECTOR

FILMOGRAPHY_PREVIEW = 24  # films shown per role before "All N films"


def _selections_prefetch() -> Prefetch:
    """Selections with their edition, festival, section and premiere in one
    query, and their awards in one more."""
    return Prefetch(
        "selections",
        queryset=Selection.objects.select_related(
            "edition__festival", "section", "premiere"
        ).prefetch_related("awards"),
    )


def _director_prefetch() -> Prefetch:
    return Prefetch(
        "credits",
        queryset=Credit.objects.filter(role__slug=DIRECTOR)
        .select_related("person", "company")
        .order_by("order", "id"),
        to_attr="director_credits",
    )


def films_for_cards(films: QuerySet[Film]) -> QuerySet[Film]:
    """``films`` with what a film card shows: key image (or else a poster),
    directors, countries, selections; loaded as cards (core.pagetags), which
    an edit of what only the film's own page shows leaves cached."""
    return films.as_cards().prefetch_related(
        _director_prefetch(),
        Prefetch(
            "images",
            queryset=FilmImage.objects.filter(
                Q(is_key=True) | Q(kind=FilmImage.Kind.POSTER)
            ).order_by("-is_key", "order", "id"),
            to_attr="card_images",
        ),
        "production_countries",
        _selections_prefetch(),
    )


# The film page's queries, compiled once per worker (see core.prepared): every
# film page runs the same ten, and compiling them cost more than running them.
_page_film = PreparedQuery(
    lambda slug: Film.objects.published().filter(slug=slug), param=str
)
_page_related = {
    name: PreparedQuery(
        lambda film_id, model=model: model.objects.filter(film_id=film_id)
    )
    for name, model in [
        ("production_countries", FilmCountry),
        ("spoken_languages", FilmLanguage),
        ("titles", FilmTitle),
        ("images", FilmImage),
        ("videos", FilmVideo),
    ]
}
_page_credits = PreparedQuery(
    lambda film_id: Credit.objects.filter(film_id=film_id),
    related=("role", "person", "company"),
)
_page_selections = PreparedQuery(
    lambda film_id: Selection.objects.filter(film_id=film_id),
    related=("edition__festival", "section", "premiere"),
)
_page_awards = PreparedQuery(
    lambda film_id: Award.objects.filter(selection__film_id=film_id),
    related=("prize",),
)


def film_get_for_page(*, slug: str) -> Film:
    """The published film with everything its page shows, or 404.

    The same objects as ``prefetch_related`` would give (countries, languages,
    titles, images, videos, credits with role, person and company, selections
    with edition, festival, section, premiere and awards), read with prepared
    queries.
    """
    if not speedups.enabled("prepared-queries"):
        return _film_for_page_plainly(slug)
    films = _page_film(slug)
    if not films:
        raise Http404("No published film at that address.")
    film = films[0]
    for name, query in _page_related.items():
        attach_prefetched(film, name, query(film.pk))
    credits = _page_credits(film.pk)
    attach_prefetched(film, "credits", credits)
    selections = _page_selections(film.pk)
    awards: dict[int, list[Award]] = {s.pk: [] for s in selections}
    for award in _page_awards(film.pk):
        awards[award.selection_id].append(award)
    for selection in selections:
        attach_prefetched(selection, "awards", awards[selection.pk])
    attach_prefetched(film, "selections", selections)
    return _with_directors(film, credits)


def _film_for_page_plainly(slug: str) -> Film:
    """``film_get_for_page`` through the ORM: the same objects, the same
    queries, each compiled again for every page."""
    film = (
        Film.objects.published()
        .filter(slug=slug)
        .prefetch_related(
            *_page_related,
            Prefetch(
                "credits",
                queryset=Credit.objects.select_related("role", "person", "company"),
            ),
            Prefetch(
                "selections",
                queryset=Selection.objects.select_related(
                    "edition__festival", "section", "premiere"
                ).prefetch_related(
                    Prefetch("awards", queryset=Award.objects.select_related("prize"))
                ),
            ),
        )
        .first()
    )
    if film is None:
        raise Http404("No published film at that address.")
    return _with_directors(film, film.credits.all())


def _with_directors(film: Film, credits) -> Film:
    # The directors are among the credits already read.
    film.director_credits = sorted(
        (c for c in credits if c.role.slug == DIRECTOR),
        key=lambda c: (c.order, c.id),
    )
    return film


@dataclass
class FilmMedia:
    """What the film page shows of a film's images, each in one place only."""

    hero: FilmImage | None  # the key image, at the top of the page
    poster: FilmImage | None  # shown upright in the facts column
    gallery: list[FilmImage]  # every other image


def film_provenances(film: Film) -> list:
    """Where the film's facts came from, oldest first: for staff, on its page."""
    return list(film.provenances.all())


def film_media(film: Film) -> FilmMedia:
    """The film's key image, its poster and the rest of its images.

    Reads the images fetched with the film (no query). A poster is never cut
    to a landscape shape: a key image that is a poster is shown as the
    poster, and the page then has no hero.
    """
    images = list(film.images.all())
    key = next((image for image in images if image.is_key), None)
    posters = [image for image in images if image.kind == FilmImage.Kind.POSTER]
    if key is not None and key.kind == FilmImage.Kind.POSTER:
        hero, poster = None, key
    else:
        hero, poster = key, (posters[0] if posters else None)
    shown = {image.pk for image in (hero, poster) if image is not None}
    return FilmMedia(
        hero=hero,
        poster=poster,
        gallery=[image for image in images if image.pk not in shown],
    )


@dataclass
class MoreFrom:
    """Films to go on to from a film's page."""

    directors: list[Person]
    by_directors: list[Film]
    selection: Selection | None
    in_section: list[Film]

    def __bool__(self) -> bool:
        return bool(self.by_directors or self.in_section)


def _ids_with_key_images_first(
    films: QuerySet[Film], *order: str, limit: int
) -> list[int]:
    has_key = Exists(FilmImage.objects.filter(film=OuterRef("pk"), is_key=True))
    return list(
        films.annotate(has_key=has_key)
        .order_by("-has_key", *order, "id")
        .values_list("id", flat=True)[:limit]
    )


def film_more_from(
    film: Film, *, selection: Selection | None, limit: int | None = None
) -> MoreFrom:
    """The director's other films and other films of the same section of the
    same edition (``selection``'s), ``limit`` of each, published only, films
    with a key image first; a film is shown in one group only.

    Eight queries at most, whatever the numbers: the ids of each group, then
    the cards of both in one batch (``films_for_cards``: the films and five
    prefetches); none when there is nothing to look for. ``film`` comes from
    ``film_get_for_page``, whose directors are read already. ``limit`` is the
    ``more_from_films`` limit unless given.
    """
    if limit is None:
        limit = limits.limit("more_from_films")
    directors = [c.person for c in film.director_credits if c.person_id]
    pagetags.show(
        *(pagetags.list_tag(pagetags.tag(Person, p.pk), Credit) for p in directors)
    )
    others = Film.objects.published().exclude(pk=film.pk)
    by_directors: list[int] = []
    if directors:
        credits = Credit.objects.filter(
            role__slug=DIRECTOR, person__in=[p.pk for p in directors]
        )
        by_directors = _ids_with_key_images_first(
            others.filter(pk__in=credits.values("film_id")),
            "-year",
            "sort_title",
            limit=limit,
        )
    in_section: list[int] = []
    if selection is not None and selection.section_id:
        pagetags.show(pagetags.list_tag(f"section:{selection.section_id}", Selection))
        shown = Selection.objects.filter(
            edition_id=selection.edition_id, section_id=selection.section_id
        )
        in_section = _ids_with_key_images_first(
            others.filter(pk__in=shown.values("film_id")).exclude(pk__in=by_directors),
            "sort_title",
            limit=limit,
        )
    cards = (
        films_for_cards(Film.objects.filter(pk__in=by_directors + in_section)).in_bulk()
        if by_directors or in_section
        else {}
    )
    return MoreFrom(
        directors=list({p.pk: p for p in directors}.values()),
        by_directors=[cards[pk] for pk in by_directors if pk in cards],
        selection=selection,
        in_section=[cards[pk] for pk in in_section if pk in cards],
    )


@dataclass
class RoleGroup:
    role: Role
    credits: list[Credit] = field(default_factory=list)


def credits_by_role(film: Film) -> list[RoleGroup]:
    """The film's credits grouped by role, roles in vocabulary order.

    A credit listed twice (the same person and company in the same role) is
    shown once; the database forbids it, but imported pages repeat credit
    blocks, and the page must stay right whatever slipped in.
    """
    groups: OrderedDict[int, RoleGroup] = OrderedDict()
    seen: set[tuple] = set()
    ordered = sorted(film.credits.all(), key=lambda c: (c.role.order, c.order, c.id))
    for credit in ordered:
        key = (credit.role_id, credit.person_id, credit.company_id)
        if key in seen:
            continue
        seen.add(key)
        groups.setdefault(credit.role_id, RoleGroup(role=credit.role))
        groups[credit.role_id].credits.append(credit)
    return list(groups.values())


@dataclass
class FilmographyEntry:
    film: Film
    credits: list[Credit]

    @property
    def people(self) -> list[Person]:
        """Who is credited with the company on this film (a company's page)."""
        return [credit.person for credit in self.credits if credit.person]

    @property
    def companies(self) -> list[Company]:
        """Whom the person is credited for on this film (a person's page)."""
        return [credit.company for credit in self.credits if credit.company]


@dataclass
class FilmographyGroup:
    role: Role
    entries: list[FilmographyEntry]
    total: int
    page: Page | None = None  # set when this role's full list was asked for


def _filmography(
    credits: QuerySet[Credit], *, role_slug: str | None, page_number
) -> list[FilmographyGroup]:
    """Films grouped by role, newest first. Each role shows its first
    ``FILMOGRAPHY_PREVIEW`` films, or one paginated page when ``role_slug`` asks
    for that role: a broadcaster can be credited on thousands of films."""
    credits = credits.filter(film__is_published=True)
    totals = {
        row["role"]: row["total"]
        for row in credits.values("role").annotate(total=Count("film", distinct=True))
    }
    roles = sorted(Role.objects.filter(pk__in=totals), key=lambda r: (r.order, r.pk))
    if role_slug:
        roles = [role for role in roles if role.slug == role_slug]
        if not roles:
            raise Http404("No films in that role.")
    # The ids shown for each role (one query a role, or a page's two), then
    # the card data and the credits of all of them at once.
    shown_ids: dict[int, list[int]] = {}
    pages: dict[int, Page] = {}
    for role in roles:
        films = (
            Film.objects.filter(pk__in=credits.filter(role=role).values("film_id"))
            .order_by("-year", "sort_title", "id")
            .values_list("id", flat=True)
        )
        if role_slug:
            pages[role.pk] = Paginator(
                films, limits.limit("archive_listing_page")
            ).get_page(page_number)
            shown_ids[role.pk] = list(pages[role.pk].object_list)
        else:
            shown_ids[role.pk] = list(films[:FILMOGRAPHY_PREVIEW])
    every_id = {pk for ids in shown_ids.values() for pk in ids}
    cards = films_for_cards(Film.objects.filter(pk__in=every_id)).in_bulk()
    by_film: dict[tuple[int, int], list[Credit]] = {}
    for credit in credits.filter(role__in=roles, film_id__in=every_id).select_related(
        "person", "company"
    ):
        by_film.setdefault((credit.role_id, credit.film_id), []).append(credit)
    return [
        FilmographyGroup(
            role=role,
            entries=[
                FilmographyEntry(film=cards[pk], credits=by_film.get((role.pk, pk), []))
                for pk in shown_ids[role.pk]
            ],
            total=totals[role.pk],
            page=pages.get(role.pk),
        )
        for role in roles
    ]


def person_get(*, slug: str) -> Person:
    person = get_object_or_404(Person, slug=slug)
    own = pagetags.tag(Person, person.pk)
    pagetags.show(pagetags.list_tag(own, Credit), pagetags.list_tag(own, PersonImage))
    return person


@dataclass
class PersonRoles:
    """What a person did, in short: their roles, most important first, each
    with how many published films they have in it, and their films in all."""

    roles: list[tuple[Role, int]]
    film_count: int


def person_roles(person: Person) -> PersonRoles:
    """The person's roles and film counts, as their page's filmography
    counts them (published films only); for a card of the person on another
    page. Three queries at most."""
    own = pagetags.tag(Person, person.pk)
    pagetags.show(pagetags.list_tag(own, Credit))
    credits = Credit.objects.filter(person=person, film__is_published=True)
    totals = {
        row["role"]: row["total"]
        for row in credits.values("role").annotate(total=Count("film", distinct=True))
    }
    roles = sorted(Role.objects.filter(pk__in=totals), key=lambda r: (r.order, r.pk))
    return PersonRoles(
        roles=[(role, totals[role.pk]) for role in roles],
        film_count=credits.values("film").distinct().count() if totals else 0,
    )


def person_jury_service(person: Person) -> list[Juror]:
    """The juries the person sat on, newest edition first, with their edition,
    festival and competition."""
    pagetags.show(pagetags.list_tag(pagetags.tag(Person, person.pk), Juror))
    return list(
        person.jury_service.select_related(
            "jury__edition__festival", "jury__section"
        ).order_by(
            "-jury__edition__year", "jury__edition__festival__name", "jury__order"
        )
    )


def person_filmography(
    person: Person, *, role_slug: str | None = None, page_number=None
) -> list[FilmographyGroup]:
    """The person's films grouped by role, newest first within each role."""
    return _filmography(
        Credit.objects.filter(person=person),
        role_slug=role_slug,
        page_number=page_number,
    )


def company_get(*, slug: str) -> Company:
    company = get_object_or_404(Company, slug=slug)
    own = pagetags.tag(Company, company.pk)
    pagetags.show(pagetags.list_tag(own, Credit), pagetags.list_tag(own, CompanyImage))
    return company


def company_filmography(
    company: Company, *, role_slug: str | None = None, page_number=None
) -> list[FilmographyGroup]:
    """The company's films grouped by role, with who worked for it on each."""
    return _filmography(
        Credit.objects.filter(company=company),
        role_slug=role_slug,
        page_number=page_number,
    )


def film_history(film: Film) -> list[Selection]:
    """Every edition the film was shown at, newest first, awards attached.

    Uses the selections prefetched with the film, so it costs no query when
    the film came from ``film_get_for_page`` or ``films_for_cards``.
    """
    return sorted(
        film.selections.all(),
        key=lambda s: (-s.edition.year, not s.edition.festival.is_host, s.pk),
    )


@dataclass
class CircuitStop:
    """One edition on a film's festival circuit, placed on its timeline."""

    selection: Selection
    position: float  # 0 (the first stop) to 1000 (the last), along the line
    won: bool  # a winner's award, not only a special mention


@dataclass
class FilmCircuit:
    """A film's run across festivals, oldest first, for its timeline."""

    stops: list[CircuitStop]
    first_year: int | None = None
    last_year: int | None = None

    def __bool__(self) -> bool:
        return bool(self.stops)


def _when(selection: Selection) -> datetime.date:
    edition = selection.edition
    # An edition without dates sits in the middle of its year.
    return edition.starts_on or datetime.date(edition.year, 7, 1)


def film_circuit(film: Film) -> FilmCircuit:
    """The film's festival circuit: every edition it was shown at, oldest
    first, each placed on a line by its first day (or its year's middle).

    Uses the selections prefetched with the film, as ``film_history`` does:
    no query of its own.
    """
    selections = sorted(
        film.selections.all(),
        key=lambda s: (_when(s), not s.edition.festival.is_host, s.pk),
    )
    if not selections:
        return FilmCircuit(stops=[])
    first, last = _when(selections[0]), _when(selections[-1])
    span = (last - first).days
    stops = [
        CircuitStop(
            selection=s,
            position=round(1000 * (_when(s) - first).days / span, 1) if span else 500,
            won=any(a.outcome == Award.Outcome.WINNER for a in s.awards.all()),
        )
        for s in selections
    ]
    return FilmCircuit(
        stops=stops,
        first_year=selections[0].edition.year,
        last_year=selections[-1].edition.year,
    )


def film_host_selection(film: Film) -> Selection | None:
    """The film's most recent selection at our own festival, if any."""
    for selection in film_history(film):
        if selection.edition.festival.is_host:
            return selection
    return None


def film_director_names(film: Film) -> list[str]:
    """The names of the film's directors, in credit order (those its page
    read already, when it did)."""
    credits = getattr(film, "director_credits", None)
    if credits is None:
        credits = (
            Credit.objects.filter(film=film, role__slug=DIRECTOR, person__isnull=False)
            .select_related("person")
            .order_by("order", "id")
        )
    return [credit.person.name for credit in credits if credit.person]


def last_changed(record: Film | Person | Company) -> datetime.datetime:
    """When the record last changed: the record itself, or one of its
    credits (added, changed or removed: their history keeps each), and for a
    film its selections too. One query."""
    model = type(record)
    field = {Film: "film_id", Person: "person_id", Company: "company_id"}[model]
    histories = {"credit_changed": Credit.history}
    if model is Film:
        histories["selection_changed"] = Selection.history
    latest = {
        name: Subquery(
            history.filter(**{field: OuterRef("pk")})
            .order_by("-history_date")
            .values("history_date")[:1]
        )
        for name, history in histories.items()
    }
    changes = (
        model.objects.filter(pk=record.pk)
        .annotate(**latest)
        .values_list("updated_at", *latest)
        .first()
    )
    return max(at for at in changes or (record.updated_at,) if at)
