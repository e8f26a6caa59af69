"""Write paths of festivals, editions, sections, selections, awards, prizes
and juries."""

import datetime

from django.db import transaction

from festarchive.catalogue.models import Film, Person
from festarchive.core.services import change_record
from festarchive.core.text import fold, make_slug, unique_slug

from .models import (
    Award,
    Edition,
    Festival,
    Juror,
    Jury,
    PremiereStatus,
    Prize,
    PrizeName,
    Section,
    Selection,
)


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
    prize: Prize | None = None,
    statement_en: str = "",
    statement_nl: str = "",
    by=None,
) -> Award:
    """Give a selected film an award or a special mention.

    Without ``prize``, the award is a year of the festival's prize of that
    name, which is created when the festival has none (``prize_for_name``)."""
    if prize is None:
        edition = selection.edition
        prize = prize_for_name(
            festival=edition.festival,
            name_en=name_en,
            name_nl=name_nl,
            year=edition.year,
            by=by,
        )
    award = Award(
        selection=selection,
        name_en=name_en,
        name_nl=name_nl,
        outcome=outcome,
        prize=prize,
        statement_en=statement_en,
        statement_nl=statement_nl,
    )
    award.full_clean()
    award.save()
    change_record(obj=award, action="festival.award.added", by=by)
    return award


@transaction.atomic
def award_statement_set(
    *, award: Award, statement_en: str, statement_nl: str = "", by=None
) -> Award:
    """Write the jury's statement on an award, in English and Dutch."""
    award.statement_en = statement_en
    award.statement_nl = statement_nl
    award.full_clean()
    award.save(update_fields=["statement_en", "statement_nl"])
    change_record(obj=award, action="festival.award.statement_changed", by=by)
    return award


def prize_slug(*, festival: Festival, name_en: str) -> str:
    """A free slug for a prize: its name, with the festival's slug before it
    for another festival's prizes."""
    base = name_en if festival.is_host else f"{festival.slug} {name_en}"
    return unique_slug(
        make_slug(base, max_length=110),
        lambda s: Prize.objects.filter(slug=s).exists(),
    )


@transaction.atomic
def prize_create(
    *,
    festival: Festival,
    name_en: str,
    name_nl: str = "",
    slug: str = "",
    description_en: str = "",
    description_nl: str = "",
    order: int = 100,
    by=None,
) -> Prize:
    """Create a festival's award across editions."""
    prize = Prize(
        festival=festival,
        name_en=name_en,
        name_nl=name_nl,
        slug=slug or prize_slug(festival=festival, name_en=name_en),
        description_en=description_en,
        description_nl=description_nl,
        order=order,
    )
    prize.full_clean()
    prize.save()
    change_record(obj=prize, action="festival.prize.created", by=by)
    return prize


@transaction.atomic
def prize_save(*, prize: Prize, by=None, fields: list[str] | None = None) -> Prize:
    """Save a new or edited prize (the admin's form), checked and recorded."""
    created = prize.pk is None
    if not prize.slug and prize.festival_id:
        prize.slug = prize_slug(festival=prize.festival, name_en=prize.name_en)
    prize.full_clean()
    prize.save()
    action = "created" if created else "changed"
    change_record(
        obj=prize,
        action=f"festival.prize.{action}",
        by=by,
        data={"fields": sorted(fields)} if fields else None,
    )
    return prize


@transaction.atomic
def prize_name_add(
    *,
    prize: Prize,
    name_en: str,
    name_nl: str = "",
    from_year: int | None = None,
    until_year: int | None = None,
    by=None,
) -> PrizeName:
    """Record a name the prize went by before, and its years."""
    former = PrizeName(
        prize=prize,
        name_en=name_en,
        name_nl=name_nl,
        from_year=from_year,
        until_year=until_year,
    )
    former.full_clean()
    former.save()
    change_record(obj=prize, action="festival.prize.former_name_added", by=by)
    return former


def prize_find(*, festival: Festival, name: str, year: int | None = None):
    """The festival's prize called ``name`` (folded: case, accents and
    punctuation aside), now or, in ``year``, formerly; None when there is none.

    A current name wins over a former one; of former names, one whose years
    cover ``year`` wins over one whose years do not."""
    folded = fold(name)
    if not folded:
        return None
    prizes = list(festival.prizes.prefetch_related("names"))
    for prize in prizes:
        if fold(prize.name_en) == folded or (
            prize.name_nl and fold(prize.name_nl) == folded
        ):
            return prize
    formerly = [
        (former.covers(year), prize)
        for prize in prizes
        for former in prize.names.all()
        if fold(former.name_en) == folded
        or (former.name_nl and fold(former.name_nl) == folded)
    ]
    formerly.sort(key=lambda pair: not pair[0])
    return formerly[0][1] if formerly else None


@transaction.atomic
def prize_for_name(
    *,
    festival: Festival,
    name_en: str,
    name_nl: str = "",
    year: int | None = None,
    by=None,
) -> Prize:
    """The festival's prize an award called ``name_en`` in ``year`` is a year
    of: found by its current or former names (``prize_find``), else created
    with this name. Every path that creates awards asks this."""
    return prize_find(festival=festival, name=name_en, year=year) or prize_create(
        festival=festival, name_en=name_en, name_nl=name_nl, by=by
    )


def jury_slug(*, edition: Edition, name_en: str) -> str:
    """A free slug for a jury: its edition's and its name ('idfa-2023-main-jury')."""
    return unique_slug(
        make_slug(f"{edition.slug} {name_en}", max_length=110),
        lambda s: Jury.objects.filter(slug=s).exists(),
    )


@transaction.atomic
def jury_create(
    *,
    edition: Edition,
    name_en: str,
    name_nl: str = "",
    section: Section | None = None,
    order: int = 100,
    by=None,
) -> Jury:
    """Create a jury of an edition (for a competition when ``section``)."""
    jury = Jury(
        edition=edition,
        section=section,
        name_en=name_en,
        name_nl=name_nl,
        order=order,
        slug=jury_slug(edition=edition, name_en=name_en),
    )
    jury.full_clean()
    jury.save()
    change_record(obj=jury, action="festival.jury.created", by=by)
    return jury


@transaction.atomic
def jury_save(*, jury: Jury, by=None, fields: list[str] | None = None) -> Jury:
    """Save a new or edited jury (the admin's form), checked and recorded."""
    created = jury.pk is None
    if not jury.slug and jury.edition_id:
        jury.slug = jury_slug(edition=jury.edition, name_en=jury.name_en)
    jury.full_clean()
    jury.save()
    change_record(
        obj=jury,
        action=f"festival.jury.{'created' if created else 'changed'}",
        by=by,
        data={"fields": sorted(fields)} if fields else None,
    )
    return jury


@transaction.atomic
def juror_add(
    *,
    jury: Jury,
    person: Person,
    role: str = Juror.Role.MEMBER,
    order: int = 100,
    by=None,
) -> Juror:
    """Put a person on a jury; a person sits on a jury once."""
    juror = Juror(jury=jury, person=person, role=role, order=order)
    juror.full_clean()
    juror.save()
    change_record(obj=jury, action="festival.jury.juror_added", by=by)
    return juror
