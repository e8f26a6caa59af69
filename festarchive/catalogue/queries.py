"""Read paths of the catalogue: film, person and company pages, the archive list."""

from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from .models import Company, Credit, Film, Person, Role

DIRECTOR = "director"

# What a film card needs, fetched in a fixed number of queries for any page size.
_SELECTION_PREFETCHES = (
    "selections__edition__festival",
    "selections__section",
    "selections__premiere",
    "selections__awards",
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
    """``films`` with what a film card shows: directors, countries, selections."""
    return films.prefetch_related(
        _director_prefetch(), "production_countries", *_SELECTION_PREFETCHES
    )


def archive_films(*, letter: str | None = None) -> QuerySet[Film]:
    """Published films in title order, optionally those starting with ``letter``."""
    films = Film.objects.published().order_by("sort_title", "year", "id")
    if letter:
        films = films.starting_with(letter)
    return films


def film_get_for_page(*, slug: str) -> Film:
    """The published film with everything its page shows, or 404."""
    films = Film.objects.published().prefetch_related(
        _director_prefetch(),
        "production_countries",
        "spoken_languages",
        "titles",
        "images",
        "videos",
        Prefetch(
            "credits",
            queryset=Credit.objects.select_related("role", "person", "company"),
        ),
        *_SELECTION_PREFETCHES,
    )
    return get_object_or_404(films, slug=slug)


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


@dataclass
class FilmographyGroup:
    role: Role
    entries: list[FilmographyEntry]


def _filmography(credits: QuerySet[Credit]) -> list[FilmographyGroup]:
    credits = credits.filter(film__is_published=True).select_related(
        "role", "person", "company", "film"
    )
    films = films_for_cards(
        Film.objects.filter(pk__in=credits.values("film_id"))
    ).in_bulk()
    groups: OrderedDict[int, FilmographyGroup] = OrderedDict()
    for credit in sorted(credits, key=lambda c: (c.role.order, c.role_id)):
        group = groups.setdefault(
            credit.role_id, FilmographyGroup(role=credit.role, entries=[])
        )
        film = films[credit.film_id]
        if group.entries and group.entries[-1].film.pk == film.pk:
            group.entries[-1].credits.append(credit)
            continue
        entry = next((e for e in group.entries if e.film.pk == film.pk), None)
        if entry:
            entry.credits.append(credit)
        else:
            group.entries.append(FilmographyEntry(film=film, credits=[credit]))
    for group in groups.values():
        group.entries.sort(key=lambda e: (-(e.film.year or 0), e.film.sort_title))
    return list(groups.values())


def person_get(*, slug: str) -> Person:
    return get_object_or_404(Person, slug=slug)


def person_filmography(person: Person) -> list[FilmographyGroup]:
    """The person's films grouped by role, newest first within each role."""
    return _filmography(Credit.objects.filter(person=person))


def company_get(*, slug: str) -> Company:
    return get_object_or_404(Company, slug=slug)


def company_filmography(company: Company) -> list[FilmographyGroup]:
    """The company's films grouped by role, with who worked for it on each."""
    return _filmography(Credit.objects.filter(company=company))
