"""Write paths of festivals, editions, sections, selections and awards."""

import datetime

from django.db import transaction

from festarchive.catalogue.models import Film
from festarchive.core.services import change_record
from festarchive.core.text import make_slug, unique_slug

from .models import Award, Edition, Festival, PremiereStatus, Section, Selection


@transaction.atomic
def festival_create(
    *,
    name: str,
    short_name: str,
    slug: str = "",
    city: str = "",
    country: str = "",
    website: str = "",
    by=None,
) -> Festival:
    """Create a festival (ours or another one films travelled to)."""
    festival = Festival(
        name=name,
        short_name=short_name,
        slug=slug or make_slug(short_name),
        city=city,
        country=country,
        website=website,
    )
    festival.full_clean()
    festival.save()
    change_record(obj=festival, action="festival.festival.created", by=by)
    return festival


@transaction.atomic
def edition_create(
    *,
    festival: Festival,
    year: int,
    number: int | None = None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    by=None,
) -> Edition:
    """Create an edition; its slug reads like its name ('idfa-2023')."""
    edition = Edition(
        festival=festival,
        year=year,
        number=number,
        starts_on=starts_on,
        ends_on=ends_on,
        slug=make_slug(f"{festival.slug} {year}"),
    )
    edition.full_clean()
    edition.save()
    change_record(obj=edition, action="festival.edition.created", by=by)
    return edition


@transaction.atomic
def section_create(
    *,
    festival: Festival,
    name_en: str,
    name_nl: str = "",
    order: int = 100,
    description_en: str = "",
    description_nl: str = "",
    by=None,
) -> Section:
    """Create a section; other festivals' sections get the festival in the slug."""
    base = make_slug(name_en if festival.is_host else f"{festival.slug} {name_en}")
    section = Section(
        festival=festival,
        name_en=name_en,
        name_nl=name_nl,
        order=order,
        description_en=description_en,
        description_nl=description_nl,
        slug=unique_slug(base, lambda s: Section.objects.filter(slug=s).exists()),
    )
    section.full_clean()
    section.save()
    change_record(obj=section, action="festival.section.created", by=by)
    return section


@transaction.atomic
def selection_add(
    *,
    film: Film,
    edition: Edition,
    section: Section | None = None,
    premiere: PremiereStatus | None = None,
    by=None,
) -> Selection:
    """Record that a film was shown in an edition (and section)."""
    selection = Selection(
        film=film, edition=edition, section=section, premiere=premiere
    )
    selection.full_clean()
    selection.save()
    change_record(obj=selection, action="festival.selection.added", by=by)
    return selection


@transaction.atomic
def award_add(
    *,
    selection: Selection,
    name_en: str,
    name_nl: str = "",
    outcome: str = Award.Outcome.WINNER,
    by=None,
) -> Award:
    """Give a selected film an award or a special mention."""
    award = Award(
        selection=selection, name_en=name_en, name_nl=name_nl, outcome=outcome
    )
    award.full_clean()
    award.save()
    change_record(obj=award, action="festival.award.added", by=by)
    return award
