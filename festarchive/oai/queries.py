"""Read paths of the OAI-PMH endpoint: harvestable films, their datestamps, sets.

A film's datestamp is its last change, anything attached to it included: the
search index's ``version`` of the film (refreshed whenever the film, a title,
credit, country, language, selection or award changes, or a credited person
or company is edited), or the film's own ``updated_at`` when the index has no
row for it yet or lags behind. The database turns both into milliseconds
since 1970, so harvests filter, order and page on one expression, the same on
SQLite and PostgreSQL.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    BigIntegerField,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, Greatest

from festarchive.catalogue.models import Credit, Film
from festarchive.festival.models import Edition, Festival, Section, Selection
from festarchive.search.models import SearchDocument

DATESTAMP = "oai_datestamp"

# The parent sets: "edition:idfa-2023" is a child of "edition" (OAI-PMH set
# specs are colon-separated paths), so the parents exist as sets too.
FESTIVAL, EDITION, SECTION = "festival", "edition", "section"
SET_KINDS = (FESTIVAL, EDITION, SECTION)


class EpochMilliseconds(Func):
    """A timestamp column as milliseconds since 1970, cut to the second."""

    output_field = BigIntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        # Django stores aware datetimes as UTC text on SQLite; '%%%%' reaches
        # the database as one '%' after the template and parameter passes.
        return self.as_sql(
            compiler,
            connection,
            template="(CAST(strftime('%%%%s', %(expressions)s) AS INTEGER) * 1000)",
            **extra,
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="(FLOOR(EXTRACT(EPOCH FROM %(expressions)s))::bigint * 1000)",
            **extra,
        )


def datestamp_expression():
    """The film's datestamp in milliseconds: the later of its index version
    and its own last save."""
    updated = EpochMilliseconds("updated_at")
    version = Subquery(
        SearchDocument.objects.filter(film_id=OuterRef("pk")).values("version")[:1],
        output_field=BigIntegerField(),
    )
    # Greatest is NULL on SQLite when the film has no index row yet.
    return Coalesce(Greatest(version, updated), updated)


def harvestable_films() -> QuerySet[Film]:
    """Published films, each annotated with its datestamp (``oai_datestamp``)."""
    return Film.objects.published().annotate(**{DATESTAMP: datestamp_expression()})


def films_in_set(films: QuerySet[Film], set_spec: str) -> QuerySet[Film] | None:
    """``films`` narrowed to a set, or None when the repository has no such set."""
    kind, _, slug = set_spec.partition(":")
    if kind not in SET_KINDS or ":" in slug:
        return None
    selections = Selection.objects.all()
    if not slug:
        if kind == SECTION:
            selections = selections.filter(section__isnull=False)
    else:
        model, lookup = {
            FESTIVAL: (Festival, "edition__festival__slug"),
            EDITION: (Edition, "edition__slug"),
            SECTION: (Section, "section__slug"),
        }[kind]
        if not model.objects.filter(slug=slug).exists():
            return None
        selections = selections.filter(**{lookup: slug})
    return films.filter(pk__in=selections.values("film_id"))


def films_changed_between(
    films: QuerySet[Film], *, from_ms: int | None, until_ms: int | None
) -> QuerySet[Film]:
    """``films`` whose datestamp lies within the bounds (both inclusive)."""
    if from_ms is not None:
        films = films.filter(**{f"{DATESTAMP}__gte": from_ms})
    if until_ms is not None:
        films = films.filter(**{f"{DATESTAMP}__lte": until_ms})
    return films


@dataclass(frozen=True)
class ListedFilm:
    id: int
    slug: str
    datestamp_ms: int


def film_page(
    films: QuerySet[Film], *, after: tuple[int, int] | None, size: int
) -> tuple[list[ListedFilm], bool]:
    """The next ``size`` films after the (datestamp, id) cursor ``after``, in
    that order, and whether more follow."""
    if after is not None:
        after_ms, after_id = after
        films = films.filter(
            Q(**{f"{DATESTAMP}__gt": after_ms})
            | Q(**{DATESTAMP: after_ms, "pk__gt": after_id})
        )
    rows = list(
        films.order_by(DATESTAMP, "pk").values_list("pk", "slug", DATESTAMP)[: size + 1]
    )
    return [ListedFilm(*row) for row in rows[:size]], len(rows) > size


def film_listed(*, slug: str) -> ListedFilm | None:
    """The published film with this slug and its datestamp, if there is one."""
    row = harvestable_films().filter(slug=slug).values_list("pk", "slug", DATESTAMP)
    return next((ListedFilm(*r) for r in row), None)


def films_for_records(ids: list[int]) -> dict[int, Film]:
    """The films with everything a metadata record shows, in a fixed number of
    queries however many films there are."""
    return Film.objects.prefetch_related(
        "titles",
        "production_countries",
        "spoken_languages",
        Prefetch(
            "credits",
            queryset=Credit.objects.select_related(
                "role", "person", "company"
            ).order_by("role__order", "order", "id"),
        ),
        Prefetch(
            "selections",
            queryset=Selection.objects.select_related(
                "edition__festival", "section", "premiere"
            )
            .prefetch_related("awards")
            .order_by("edition__year", "edition__festival__name", "id"),
        ),
    ).in_bulk(ids)


def set_specs(film_ids: list[int]) -> dict[int, list[str]]:
    """The sets each film belongs to, festival, edition and section ones (the
    parent sets are implied)."""
    specs: dict[int, set[str]] = defaultdict(set)
    for film_id, festival, edition, section in Selection.objects.filter(
        film_id__in=film_ids
    ).values_list(
        "film_id", "edition__festival__slug", "edition__slug", "section__slug"
    ):
        specs[film_id] |= {f"{FESTIVAL}:{festival}", f"{EDITION}:{edition}"}
        if section:
            specs[film_id].add(f"{SECTION}:{section}")
    order = {kind: n for n, kind in enumerate(SET_KINDS)}
    return {
        film_id: sorted(found, key=lambda s: (order[s.partition(":")[0]], s))
        for film_id, found in specs.items()
    }


def sample_slug() -> str | None:
    """The slug of a harvestable film, for Identify's sample identifier."""
    return (
        Film.objects.published().order_by("pk").values_list("slug", flat=True).first()
    )


def earliest_datestamp_ms() -> int | None:
    """The oldest datestamp of any harvestable film."""
    return (
        harvestable_films()
        .order_by(DATESTAMP)
        .values_list(DATESTAMP, flat=True)
        .first()
    )


@dataclass(frozen=True)
class OaiSet:
    spec: str
    name: str
    descriptions: dict[str, str] = field(default_factory=dict)


def oai_sets() -> list[OaiSet]:
    """Every set: the three parents, then festivals, editions and sections."""
    found = [
        OaiSet(FESTIVAL, "Festivals: films by the festival that showed them"),
        OaiSet(EDITION, "Editions: films by the festival edition that showed them"),
        OaiSet(SECTION, "Sections: films by the programme section that showed them"),
    ]
    found += [
        OaiSet(f"{FESTIVAL}:{f.slug}", f.name)
        for f in Festival.objects.order_by("name")
    ]
    found += [
        OaiSet(f"{EDITION}:{e.slug}", str(e))
        for e in Edition.objects.select_related("festival").order_by(
            "festival__name", "year"
        )
    ]
    found += [
        OaiSet(
            f"{SECTION}:{s.slug}",
            f"{s.name_en} ({s.festival.short_name})",
            {
                language: text
                for language, text in (
                    ("en", s.description_en),
                    ("nl", s.description_nl),
                )
                if text
            },
        )
        for s in Section.objects.select_related("festival").order_by(
            "festival__name", "order", "name_en"
        )
    ]
    return found
