"""Read paths of festivals: a film's history, edition and section pages."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from festarchive.catalogue.models import Credit, Film, FilmImage
from festarchive.catalogue.queries import films_for_cards
from festarchive.catalogue.vocabulary import DIRECTOR
from festarchive.core import pagetags

from .models import (
    Award,
    Edition,
    Festival,
    Juror,
    Jury,
    Prize,
    PrizeName,
    Section,
    Selection,
    edition_awards_tag,
    festival_selections_tag,
)


def host_festival() -> Festival | None:
    """The festival whose archive this is."""
    return Festival.objects.filter(
        slug=settings.FESTARCHIVE["HOST_FESTIVAL_SLUG"]
    ).first()


def festival_get(*, slug: str) -> Festival:
    return get_object_or_404(Festival, slug=slug)


def festival_editions(festival: Festival) -> QuerySet[Edition]:
    """The festival's editions, newest first, with how many films each showed."""
    pagetags.show(
        pagetags.list_tag(pagetags.tag(Festival, festival.pk), Edition),
        festival_selections_tag(festival.pk),
    )
    return festival.editions.annotate(
        film_count=Count("selections__film", distinct=True)
    ).order_by("-year")


def festival_sections(festival: Festival) -> QuerySet[Section]:
    pagetags.show(
        pagetags.list_tag(pagetags.tag(Festival, festival.pk), Section),
        festival_selections_tag(festival.pk),
    )
    return festival.sections.annotate(
        film_count=Count("selections__film", distinct=True)
    ).order_by("order", "name_en")


def edition_get(*, slug: str) -> Edition:
    return get_object_or_404(Edition.objects.select_related("festival"), slug=slug)


@dataclass
class SectionProgramme:
    section: Section | None
    films: list[Film]
    total: int


def edition_programme(
    edition: Edition, *, per_section: int = 12
) -> list[SectionProgramme]:
    """The edition's sections in display order, each with its first films.

    Large editions show ``per_section`` films a section here and link to the
    section page for the rest, so the page stays light at any archive size.
    """
    pagetags.show(pagetags.list_tag(pagetags.tag(Edition, edition.pk), Selection))
    counts = (
        Selection.objects.filter(edition=edition, film__is_published=True)
        .values("section")
        .annotate(total=Count("film", distinct=True))
    )
    totals = {row["section"]: row["total"] for row in counts}
    sections = Section.objects.in_bulk([pk for pk in totals if pk is not None])
    ordered = sorted(
        totals,
        key=lambda pk: (
            (sections[pk].order, sections[pk].name_en) if pk else (10_000, "")
        ),
    )
    # One cheap query per section for its first films, then one batch of
    # card data for all of them.
    preview_ids = {
        pk: list(
            Film.objects.published()
            .filter(selections__edition=edition, selections__section=pk)
            .order_by("sort_title", "id")
            .values_list("id", flat=True)[:per_section]
        )
        for pk in ordered
    }
    films = films_for_cards(
        Film.objects.filter(pk__in=[i for ids in preview_ids.values() for i in ids])
    ).in_bulk()
    programme = [
        SectionProgramme(
            section=sections.get(pk),
            films=[films[i] for i in preview_ids[pk]],
            total=totals[pk],
        )
        for pk in ordered
    ]
    return programme


def edition_awards(edition: Edition) -> QuerySet[Award]:
    """The edition's awards: winners first, then special mentions."""
    pagetags.show(edition_awards_tag(edition.pk))
    return (
        Award.objects.filter(
            selection__edition=edition, selection__film__is_published=True
        )
        .select_related("selection__film", "selection__section", "prize")
        .prefetch_related(
            Prefetch(
                "selection__film__credits",
                queryset=Credit.objects.filter(role__slug=DIRECTOR).select_related(
                    "person"
                ),
                to_attr="director_credits",
            )
        )
        .order_by("-outcome", "name_en")
    )


def edition_juries(edition: Edition) -> list[Jury]:
    """The edition's juries in display order, each with its jurors (chairs
    first) and their people."""
    pagetags.show(pagetags.list_tag(pagetags.tag(Edition, edition.pk), Jury))
    return list(
        edition.juries.select_related("section").prefetch_related(
            Prefetch(
                "jurors",
                queryset=Juror.objects.select_related("person").order_by(
                    "role", "order", "person__sort_name", "id"
                ),
            )
        )
    )


@dataclass
class FestivalPrizes:
    festival: Festival
    prizes: list[Prize]


def prize_list() -> list[FestivalPrizes]:
    """Every prize, grouped by festival: ours first, then the others by name."""
    pagetags.show(pagetags.collection(Prize))
    prizes = Prize.objects.select_related("festival").order_by(
        "festival__name", "order", "name_en"
    )
    groups: dict[int, FestivalPrizes] = {}
    for prize in prizes:
        group = groups.setdefault(
            prize.festival_id, FestivalPrizes(festival=prize.festival, prizes=[])
        )
        group.prizes.append(prize)
    return sorted(
        groups.values(), key=lambda g: (not g.festival.is_host, g.festival.name)
    )


def prize_get(*, slug: str) -> Prize:
    """The prize at this address, with its festival and former names, or 404.

    Declares its former names, which its pages list (a prize is a hub:
    core.pagetags)."""
    prize = get_object_or_404(
        Prize.objects.select_related("festival").prefetch_related("names"), slug=slug
    )
    pagetags.show(pagetags.list_tag(pagetags.tag(Prize, prize.pk), PrizeName))
    return prize


@dataclass
class PrizeYear:
    """One edition's giving of a prize: its winners, then special mentions."""

    edition: Edition
    awards: list[Award]


def prize_years(prize: Prize) -> list[PrizeYear]:
    """The prize's awards to published films by edition, newest first; the
    films come as cards (core.pagetags), with their directors."""
    pagetags.show(pagetags.list_tag(pagetags.tag(Prize, prize.pk), Award))
    awards = list(
        prize.awards.filter(selection__film__is_published=True)
        .select_related("selection__edition__festival", "selection__section")
        .order_by("-selection__edition__year", "-outcome", "id")
    )
    films = films_for_cards(
        Film.objects.filter(pk__in={a.selection.film_id for a in awards})
    ).in_bulk()
    years: list[PrizeYear] = []
    for award in awards:
        award.film = films.get(award.selection.film_id)
        if award.film is None:
            continue
        edition = award.selection.edition
        if not years or years[-1].edition.pk != edition.pk:
            years.append(PrizeYear(edition=edition, awards=[]))
        years[-1].awards.append(award)
    return years


def section_get(*, slug: str) -> Section:
    return get_object_or_404(Section.objects.select_related("festival"), slug=slug)


def section_editions(section: Section) -> QuerySet[Edition]:
    """Editions in which the section showed films, newest first, with counts."""
    pagetags.show(pagetags.list_tag(pagetags.tag(Section, section.pk), Selection))
    return (
        Edition.objects.filter(selections__section=section)
        .annotate(film_count=Count("selections__film", distinct=True))
        .order_by("-year")
    )


def section_films(
    section: Section, *, edition: Edition | None = None
) -> QuerySet[Film]:
    """Published films shown in the section, newest edition first."""
    pagetags.show(pagetags.list_tag(pagetags.tag(Section, section.pk), Selection))
    selections = Selection.objects.filter(section=section)
    if edition:
        selections = selections.filter(edition=edition)
    return films_for_cards(
        Film.objects.published()
        .filter(pk__in=selections.values("film_id"))
        .order_by("-year", "sort_title", "id")
    )


HOME_WINNERS = 8  # award-winning films on the home page, at most
HOME_FEATURED = 8  # featured films on the home page


@dataclass
class HomeHighlights:
    """What the home page leads with: the latest edition's award winners and
    featured films, as film cards."""

    edition: Edition | None = None
    winners: list[Film] = field(default_factory=list)
    featured: list[Film] = field(default_factory=list)


def home_highlights(festival: Festival | None) -> HomeHighlights:
    """The latest edition of ``festival`` that showed published films, its
    award winners, and its featured films.

    Featured films are the edition's other films that have a picture for a
    card (a key image or a poster), in section display order (the festival
    lists its competitions first), then by title. Eight queries whatever the
    size of the archive.
    """
    if festival is None:
        return HomeHighlights()
    published = Selection.objects.filter(film__is_published=True)
    edition = (
        festival.editions.filter(pk__in=published.values("edition_id"))
        .order_by("-year")
        .first()
    )
    if edition is None:
        return HomeHighlights()
    return _highlights(edition, winners=HOME_WINNERS, featured=HOME_FEATURED)


def edition_highlights(
    edition: Edition, *, winners: int = HOME_WINNERS, featured: int = HOME_FEATURED
) -> HomeHighlights:
    """The edition's award winners and featured films, as the home page
    chooses them for the latest edition (``home_highlights``), ``winners`` and
    ``featured`` of each at most; for a card of the edition on another page.

    Declares the edition's selections and awards, which the films follow.
    """
    pagetags.show(
        pagetags.list_tag(pagetags.tag(Edition, edition.pk), Selection),
        edition_awards_tag(edition.pk),
    )
    return _highlights(edition, winners=winners, featured=featured)


def _highlights(edition: Edition, *, winners: int, featured: int) -> HomeHighlights:
    winner_ids = list(
        dict.fromkeys(
            Award.objects.filter(
                selection__edition=edition,
                selection__film__is_published=True,
                outcome=Award.Outcome.WINNER,
            )
            .order_by("name_en", "id")
            .values_list("selection__film_id", flat=True)
        )
    )[:winners]
    with_picture = FilmImage.objects.filter(film=OuterRef("pk")).filter(
        Q(is_key=True) | Q(kind=FilmImage.Kind.POSTER)
    )
    featured_ids = list(
        Film.objects.published()
        .filter(selections__edition=edition)
        .filter(Exists(with_picture))
        .exclude(pk__in=winner_ids)
        .annotate(section_order=Min("selections__section__order"))
        .order_by(F("section_order").asc(nulls_last=True), "sort_title", "id")
        .values_list("id", flat=True)[:featured]
    )
    films = films_for_cards(
        Film.objects.filter(pk__in=winner_ids + featured_ids)
    ).in_bulk()
    return HomeHighlights(
        edition=edition,
        winners=[films[pk] for pk in winner_ids if pk in films],
        featured=[films[pk] for pk in featured_ids if pk in films],
    )
