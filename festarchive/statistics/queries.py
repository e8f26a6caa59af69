"""Read paths of the statistics pages: counts of an edition's films, or of a
festival's across its editions, each grouped in the database.

Every count is of published films, each film once per group it falls in (a
co-production's countries each count it once). What each count means is in
docs/statistics.md. The counts read no rows of the films themselves, so
nothing tags the page by loading it (core.pagetags): each function declares
what it counts with ``pagetags.show``.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from festarchive.catalogue.models import Credit, Film, FilmCountry
from festarchive.catalogue.vocabulary import DIRECTOR
from festarchive.core import pagetags
from festarchive.festival.models import (
    Award,
    Edition,
    Festival,
    PremiereStatus,
    Section,
    Selection,
    festival_selections_tag,
)

# Runtime bins in minutes, as (lowest, highest + 1); the last is open-ended.
RUNTIME_BINS = ((1, 20), (20, 40), (40, 60), (60, 80), (80, 100), (100, 120))
RUNTIME_UNKNOWN = -1
# Production countries a film has, grouped: 0 (none recorded), 1, 2, 3 or more.
MOST_COUNTRIES = 3
# Countries drawn as their own line in "countries over time".
COUNTRIES_OVER_TIME = 8


@dataclass(frozen=True)
class Scope:
    """The films counted: those selected in one edition, or in any edition of
    a festival."""

    festival: Festival
    edition: Edition | None = None

    def selections(self) -> QuerySet[Selection]:
        """The scope's selections of published films."""
        selections = Selection.objects.filter(film__is_published=True)
        if self.edition is not None:
            return selections.filter(edition=self.edition)
        return selections.filter(edition__festival=self.festival)

    def films(self) -> QuerySet[Film]:
        """The scope's published films, each once."""
        return Film.objects.filter(pk__in=self.selections().values("film_id"))


@dataclass
class Statistics:
    """What a statistics page shows, counted."""

    scope: Scope
    films: int
    countries: list[tuple[str, int]]  # (country code, films), most films first
    premieres: list[tuple[PremiereStatus | None, int]]  # display order, None last
    sections: list[tuple[Section | None, int]]  # display order, None last
    runtimes: list[tuple[int, int]]  # (bin's lowest minute or RUNTIME_UNKNOWN, films)
    country_counts: list[tuple[int, int]]  # (countries a film has, films)
    first_films: "FirstFilms"
    won_elsewhere: list["WonElsewhere"]  # an edition's, or each edition's
    # Across editions only: (edition, {country: films}) oldest first, and
    # the countries drawn.
    over_time: list[tuple[Edition, dict[str, int]]] = field(default_factory=list)
    over_time_countries: list[str] = field(default_factory=list)

    @property
    def coproductions(self) -> int:
        """Films with more than one production country."""
        return sum(films for count, films in self.country_counts if count > 1)


@dataclass
class FirstFilms:
    first: int  # no director of it has an earlier film in the archive
    later: int  # a director of it has an earlier film
    unknown: int  # no year, or no director credited


@dataclass
class WonElsewhere:
    edition: Edition
    films: int
    won: int  # went on to win at a later edition of another festival

    @property
    def share(self) -> float:
        return self.won / self.films if self.films else 0.0


def edition_statistics(edition: Edition) -> Statistics:
    """Everything an edition's statistics page shows."""
    scope = Scope(festival=edition.festival, edition=edition)
    _declare(scope)
    return _statistics(scope, won_elsewhere=[_edition_won_elsewhere(edition)])


def festival_statistics(festival: Festival) -> Statistics:
    """Everything a festival's statistics page shows, across its editions."""
    scope = Scope(festival=festival)
    _declare(scope)
    stats = _statistics(scope, won_elsewhere=_festival_won_elsewhere(festival))
    stats.over_time_countries = [code for code, _n in stats.countries][
        :COUNTRIES_OVER_TIME
    ]
    stats.over_time = _countries_over_time(festival)
    return stats


def across_editions_fresh_for() -> int | None:
    """How long a festival's page across its editions is kept at most, in
    seconds (None: until a write retires it; see ``_declare``)."""
    return settings.FESTARCHIVE.get("STATISTICS_ACROSS_EDITIONS_FRESH_FOR") or None


def _statistics(scope: Scope, *, won_elsewhere: list[WonElsewhere]) -> Statistics:
    runtimes = runtime_counts(scope)
    return Statistics(
        scope=scope,
        # Every film falls in one runtime bin (or "unknown"): no count of its own.
        films=sum(films for _bin, films in runtimes),
        countries=country_counts(scope),
        premieres=premiere_counts(scope),
        sections=section_counts(scope),
        runtimes=runtimes,
        country_counts=countries_per_film(scope),
        first_films=first_film_counts(scope),
        won_elsewhere=won_elsewhere,
    )


def _declare(scope: Scope) -> None:
    """Tag the page with what its counts follow (core.pagetags).

    An edition's page names its records: the edition's list of selections,
    each film's card (its year, runtime and countries: a production country
    added or removed retires the film's card), the credits of each of its
    directors (a director's earlier film makes a first film a later one),
    and the selections of its films at other festivals and their editions
    (an award given there, an edition's dates moved).

    A festival's page counts every film of every edition, too many to name,
    and a cold render of it is seconds, not milliseconds, on a large archive
    (docs/decisions/0011-statistics-across-editions.md): it follows the
    festival's selections and its editions (a film selected or withdrawn, an
    edition added), and is kept ``across_editions_fresh_for()`` at most for
    the rest (a film's countries, runtime, credits or awards edited), so that
    a festival week of edits renders it once in that time, not on every
    edit. With that setting at 0 it follows every such edit instead: any film
    card, production country, credit, award, selection or edition.
    """
    festival = scope.festival
    if scope.edition is None:
        pagetags.show(
            festival_selections_tag(festival.pk),
            pagetags.list_tag(pagetags.tag(Festival, festival.pk), Edition),
        )
        if across_editions_fresh_for() is None:
            pagetags.show(
                *(
                    pagetags.any_of(model)
                    for model in (FilmCountry, Credit, Award, Selection, Edition)
                ),
                f"{pagetags.card_kind(Film)}:any",
            )
        return
    edition = scope.edition
    films = list(scope.films().values_list("pk", flat=True))
    pagetags.show(
        pagetags.list_tag(pagetags.tag(Edition, edition.pk), Selection),
        *(f"{pagetags.card_kind(Film)}:{pk}" for pk in films),
    )
    directors = (
        Credit.objects.filter(film_id__in=films, role__slug=DIRECTOR)
        .exclude(person=None)
        .values_list("person_id", flat=True)
        .distinct()
    )
    pagetags.show(
        *(
            pagetags.list_tag(f"person:{pk}", Credit)
            for pk in directors.order_by("person_id")
        )
    )
    elsewhere = (
        Selection.objects.filter(film_id__in=films)
        .exclude(edition__festival=festival)
        .values_list("pk", "edition_id")
        .order_by("pk")
    )
    for selection, other in elsewhere:
        pagetags.show(pagetags.tag(Selection, selection), pagetags.tag(Edition, other))


def country_counts(scope: Scope) -> list[tuple[str, int]]:
    """Films by production country, most films first; a co-production counts
    once for each of its countries."""
    rows = (
        FilmCountry.objects.filter(film__in=scope.films())
        .values("country")
        .annotate(films=Count("film_id"))
        .order_by("-films", "country")
    )
    return [(row["country"], row["films"]) for row in rows]


def premiere_counts(scope: Scope) -> list[tuple[PremiereStatus | None, int]]:
    """Films by premiere level, in the vocabulary's order; no premiere last."""
    rows = (
        scope.selections()
        .values("premiere")
        .annotate(films=Count("film_id", distinct=True))
    )
    counts = {row["premiere"]: row["films"] for row in rows}
    levels = PremiereStatus.objects.in_bulk([pk for pk in counts if pk is not None])
    ordered = sorted(levels.values(), key=lambda p: (p.order, p.name_en))
    result = [(level, counts[level.pk]) for level in ordered]
    if None in counts:
        result.append((None, counts[None]))
    return result


def section_counts(scope: Scope) -> list[tuple[Section | None, int]]:
    """Films by section, in the festival's display order; no section last."""
    rows = (
        scope.selections()
        .values("section")
        .annotate(films=Count("film_id", distinct=True))
    )
    counts = {row["section"]: row["films"] for row in rows}
    sections = Section.objects.in_bulk([pk for pk in counts if pk is not None])
    ordered = sorted(sections.values(), key=lambda s: (s.order, s.name_en))
    result = [(section, counts[section.pk]) for section in ordered]
    if None in counts:
        result.append((None, counts[None]))
    return result


def runtime_counts(scope: Scope) -> list[tuple[int, int]]:
    """Films by runtime in bins of 20 minutes (``RUNTIME_BINS``, then 120
    minutes or more), every bin listed; films without a runtime last."""
    whens = [
        When(runtime_minutes__lt=high, then=Value(low)) for low, high in RUNTIME_BINS
    ]
    last = RUNTIME_BINS[-1][1]
    rows = (
        scope.films()
        .annotate(
            bin=Case(
                When(runtime_minutes=None, then=Value(RUNTIME_UNKNOWN)),
                *whens,
                default=Value(last),
                output_field=IntegerField(),
            )
        )
        .values("bin")
        .annotate(films=Count("pk"))
        .order_by()
    )
    counts = {row["bin"]: row["films"] for row in rows}
    bins = [low for low, _high in RUNTIME_BINS] + [last]
    result = [(low, counts.get(low, 0)) for low in bins]
    if RUNTIME_UNKNOWN in counts:
        result.append((RUNTIME_UNKNOWN, counts[RUNTIME_UNKNOWN]))
    return result


def countries_per_film(scope: Scope) -> list[tuple[int, int]]:
    """Films by how many production countries they have: 1, 2, 3 or more
    (``MOST_COUNTRIES``), and 0 (none recorded) last when there are any."""
    per_film = (
        FilmCountry.objects.filter(film=OuterRef("pk"))
        .order_by()
        .values("film")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        scope.films()
        .annotate(n=Coalesce(Subquery(per_film, output_field=IntegerField()), 0))
        .annotate(
            group=Case(
                When(n__gte=MOST_COUNTRIES, then=Value(MOST_COUNTRIES)),
                default="n",
                output_field=IntegerField(),
            )
        )
        .values("group")
        .annotate(films=Count("pk"))
        .order_by()
    )
    counts = {row["group"]: row["films"] for row in rows}
    result = [(n, counts.get(n, 0)) for n in range(1, MOST_COUNTRIES + 1)]
    if counts.get(0):
        result.append((0, counts[0]))
    return result


def first_film_counts(scope: Scope) -> FirstFilms:
    """How many of the scope's films are a first film.

    A first film has a year and a credited director, and none of its
    directors is credited as director of a published film of an earlier year
    in the archive (a director's two films of the same year are both first).
    """
    directed = Credit.objects.filter(film=OuterRef("pk"), role__slug=DIRECTOR).exclude(
        person=None
    )
    earlier = Credit.objects.filter(
        film=OuterRef("pk"),
        role__slug=DIRECTOR,
        person__credits__role__slug=DIRECTOR,
        person__credits__film__is_published=True,
        person__credits__film__year__lt=OuterRef("year"),
    )
    # Conditions on the expressions themselves: a filter on their
    # annotations (``Q(directed=True)``) counts nothing inside an aggregate.
    known = Q(year__isnull=False) & Exists(directed)
    counts = scope.films().aggregate(
        known=Count("pk", filter=known),
        later=Count("pk", filter=known & Exists(earlier)),
        total=Count("pk"),
    )
    return FirstFilms(
        first=counts["known"] - counts["later"],
        later=counts["later"],
        unknown=counts["total"] - counts["known"],
    )


def _won_later(*, film, festival, year, starts_on) -> Exists:
    """Whether ``film`` won (``Award.Outcome.WINNER``) at an edition of
    another festival than ``festival`` later than the edition of ``year`` and
    ``starts_on``: a later year, or the same year and a later first day (an
    edition of the same year without dates is not later)."""
    later = Q(selection__edition__year__gt=year)
    if starts_on is not None:
        later |= Q(
            selection__edition__year=year,
            selection__edition__starts_on__gt=starts_on,
        )
    return Exists(
        Award.objects.filter(
            later,
            outcome=Award.Outcome.WINNER,
            selection__film=film,
        ).exclude(selection__edition__festival=festival)
    )


def _edition_won_elsewhere(edition: Edition) -> WonElsewhere:
    won = _won_later(
        film=OuterRef("pk"),
        festival=edition.festival_id,
        year=edition.year,
        starts_on=edition.starts_on,
    )
    counts = (
        Scope(festival=edition.festival, edition=edition)
        .films()
        .aggregate(films=Count("pk"), won=Count("pk", filter=won))
    )
    return WonElsewhere(edition=edition, films=counts["films"], won=counts["won"])


def _festival_won_elsewhere(festival: Festival) -> list[WonElsewhere]:
    """Each edition's films and how many of them won elsewhere later, oldest
    edition first (editions without published films left out), in one
    grouped query."""
    rows = (
        Scope(festival=festival)
        .selections()
        .values("edition")
        .annotate(
            films=Count("film_id", distinct=True),
            won_films=Count(
                "film_id",
                distinct=True,
                filter=_won_later(
                    film=OuterRef("film_id"),
                    festival=festival.pk,
                    year=OuterRef("edition__year"),
                    starts_on=OuterRef("edition__starts_on"),
                ),
            ),
        )
        .order_by()
    )
    counts = {row["edition"]: (row["films"], row["won_films"]) for row in rows}
    editions = festival.editions.filter(pk__in=counts).order_by("year")
    return [
        WonElsewhere(edition=e, films=counts[e.pk][0], won=counts[e.pk][1])
        for e in editions
    ]


def _countries_over_time(festival: Festival) -> list[tuple[Edition, dict[str, int]]]:
    """Each edition's films by production country, oldest edition first."""
    rows = (
        FilmCountry.objects.filter(
            film__is_published=True, film__selections__edition__festival=festival
        )
        .values("film__selections__edition", "country")
        .annotate(films=Count("film_id", distinct=True))
        .order_by()
    )
    by_edition: dict[int, dict[str, int]] = {}
    for row in rows:
        by_edition.setdefault(row["film__selections__edition"], {})[row["country"]] = (
            row["films"]
        )
    editions = festival.editions.filter(pk__in=by_edition).order_by("year")
    return [(edition, by_edition[edition.pk]) for edition in editions]
