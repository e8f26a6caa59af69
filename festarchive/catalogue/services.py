"""Write paths of the catalogue. Each validates, writes atomically and records."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from festarchive.core import pagetags, permalinks
from festarchive.core.services import change_record
from festarchive.core.text import is_latin, make_slug, transliterate, unique_slug
from festarchive.media.uploads import store_files

from .models import (
    Company,
    Credit,
    DistinctPair,
    Film,
    FilmCountry,
    FilmImage,
    FilmLanguage,
    FilmProvenance,
    FilmTitle,
    Person,
    Role,
)


def _film_slug(title: str, year: int | None) -> str:
    base = make_slug(f"{title} {year}" if year else title)
    return unique_slug(base, lambda s: Film.objects.filter(slug=s).exists())


@transaction.atomic
def film_create(
    *,
    title_en: str,
    title_original: str = "",
    title_original_latin: str = "",
    title_original_language: str = "",
    title_nl: str = "",
    year: int | None = None,
    runtime_minutes: int | None = None,
    synopsis_en: str = "",
    synopsis_nl: str = "",
    countries: list[str] = (),
    languages: list[str] = (),
    imdb_id: str = "",
    wikidata_id: str = "",
    eidr_id: str = "",
    slug: str = "",
    is_published: bool = True,
    by=None,
) -> Film:
    """Create a film with its production countries and spoken languages, in order.

    An original title in a non-Latin script gets its Latin transliteration
    when none is given.
    """
    if title_original and not title_original_latin and not is_latin(title_original):
        title_original_latin = transliterate(title_original)
    film = Film(
        title_en=title_en,
        title_nl=title_nl,
        title_original=title_original,
        title_original_latin=title_original_latin,
        title_original_language=title_original_language,
        year=year,
        runtime_minutes=runtime_minutes,
        synopsis_en=synopsis_en,
        synopsis_nl=synopsis_nl,
        imdb_id=imdb_id,
        wikidata_id=wikidata_id,
        eidr_id=eidr_id,
        slug=slug or _film_slug(title_en, year),
        is_published=is_published,
    )
    film.full_clean()
    film.save()
    film_set_countries(film=film, countries=countries)
    film_set_languages(film=film, languages=languages)
    change_record(obj=film, action="catalogue.film.created", by=by)
    return film


# The facts a later source may give a film that lacks them.
FILLABLE_FACTS = (
    "year",
    "runtime_minutes",
    "title_original",
    "synopsis_en",
    "synopsis_nl",
)


@transaction.atomic
def film_fill_empty(*, film: Film, facts: dict, countries=(), by=None) -> list[str]:
    """Give a film the facts it lacks (a value it has is never replaced: a
    later source adds to a record, staff correct it); returns what was filled."""
    filled = [
        key
        for key in FILLABLE_FACTS
        if facts.get(key) not in (None, "") and getattr(film, key) in (None, "")
    ]
    for key in filled:
        setattr(film, key, facts[key])
    if filled:
        film.full_clean()
        film.save()
        change_record(obj=film, action="catalogue.film.filled", by=by)
    if countries and not film.production_countries.exists():
        film_set_countries(film=film, countries=list(countries), by=by)
        filled.append("countries")
    return filled


@transaction.atomic
def film_set_countries(*, film: Film, countries: list[str], by=None) -> Film:
    """Replace the film's production countries with ``countries``, in that order."""
    film.production_countries.all().delete()
    for order, code in enumerate(countries):
        row = FilmCountry(film=film, country=code, order=order)
        row.full_clean()
        row.save()
    return film


@transaction.atomic
def film_set_languages(*, film: Film, languages: list[str], by=None) -> Film:
    """Replace the film's spoken languages with ``languages``, in that order."""
    film.spoken_languages.all().delete()
    for order, code in enumerate(languages):
        row = FilmLanguage(film=film, language=code, order=order)
        row.full_clean()
        row.save()
    return film


@transaction.atomic
def film_title_add(
    *, film: Film, title: str, kind: str, language: str = "", by=None
) -> FilmTitle:
    """Give the film a further title (alternative, working, translated…)."""
    other = FilmTitle(film=film, title=title, kind=kind, language=language)
    other.full_clean()
    other.save()
    change_record(obj=other, action="catalogue.film_title.added", by=by)
    return other


@transaction.atomic
def film_provenance_add(
    *,
    film: Film,
    importer: str,
    imported_on: datetime.date,
    source_url: str = "",
    source_file: str = "",
    by=None,
) -> FilmProvenance:
    """Note where a film's facts came from; a source noted before is kept as is."""
    existing = FilmProvenance.objects.filter(
        film=film, source_url=source_url, source_file=source_file, importer=importer
    ).first()
    if existing:
        return existing
    provenance = FilmProvenance(
        film=film,
        source_url=source_url,
        source_file=source_file,
        importer=importer,
        imported_on=imported_on,
    )
    provenance.full_clean()
    provenance.save()
    change_record(obj=provenance, action="catalogue.film.source_added", by=by)
    return provenance


@transaction.atomic
def person_create(
    *, name: str, sort_name: str = "", name_variants: list[str] = (), by=None
) -> Person:
    """Create a person; the sort name defaults to 'Surname, Given names'."""
    if not sort_name:
        *given, surname = name.split()
        sort_name = f"{surname}, {' '.join(given)}" if given else surname
    base = make_slug(name)
    person = Person(
        name=name,
        sort_name=sort_name,
        name_variants=list(name_variants),
        slug=unique_slug(base, lambda s: Person.objects.filter(slug=s).exists()),
    )
    person.full_clean()
    person.save()
    change_record(obj=person, action="catalogue.person.created", by=by)
    return person


@transaction.atomic
def company_create(
    *, name: str, kind: str = Company.Kind.OTHER, country: str = "", by=None
) -> Company:
    """Create a company."""
    base = make_slug(name)
    company = Company(
        name=name,
        kind=kind,
        country=country,
        slug=unique_slug(base, lambda s: Company.objects.filter(slug=s).exists()),
    )
    company.full_clean()
    company.save()
    change_record(obj=company, action="catalogue.company.created", by=by)
    return company


@transaction.atomic
def credit_add(
    *,
    film: Film,
    role: Role,
    person: Person | None = None,
    company: Company | None = None,
    order: int | None = None,
    by=None,
) -> Credit:
    """Credit a person, a company, or a person for a company, on a film.

    Without ``order`` the credit goes after the film's other credits in that
    role. The constraints reject a credit with neither, and duplicates.
    """
    if order is None:
        order = Credit.objects.filter(film=film, role=role).count()
    credit = Credit(film=film, role=role, person=person, company=company, order=order)
    credit.full_clean()
    credit.save()
    change_record(obj=credit, action="catalogue.credit.added", by=by)
    return credit


def _merge(*, keep, merge, field: str, by=None):
    """Move ``merge``'s credits to ``keep`` (dropping those ``keep`` already has),
    keep its names as variants, record the merge and delete ``merge``."""
    if keep.pk == merge.pk:
        raise ValidationError(_("A record cannot be merged into itself."))
    moved = dropped = 0
    for credit in Credit.objects.filter(**{field: merge}):
        twin = {
            "film_id": credit.film_id,
            "role_id": credit.role_id,
            "person_id": credit.person_id,
            "company_id": credit.company_id,
            f"{field}_id": keep.pk,
        }
        if Credit.objects.filter(**twin).exists():
            credit.delete()
            dropped += 1
        else:
            setattr(credit, field, keep)
            credit.save()
            moved += 1
    # Portraits and logos move too, after the kept record's own.
    offset = (keep.images.aggregate(last=Max("order"))["last"] or 0) + 1
    images_moved = 0
    for image in merge.images.all():
        image.order += offset
        setattr(image, field, keep)
        image.save(update_fields=[field, "order"])
        images_moved += 1
    # A person's jury service moves too (a jury ``keep`` sat on already keeps
    # its own seat).
    jurors = merge.jury_service.all() if field == "person" else ()
    for juror in jurors:
        if keep.jury_service.filter(jury_id=juror.jury_id).exists():
            juror.delete()
        else:
            juror.person = keep
            juror.save(update_fields=["person"])
    variants = [*keep.name_variants, merge.name, *merge.name_variants]
    keep.name_variants = [v for v in dict.fromkeys(variants) if v and v != keep.name]
    keep.full_clean()
    keep._change_reason = f"Merged {merge.name} ({merge.slug}) into this record"
    keep.save()
    # Old links and permalinks to the merged record, and to anything merged
    # into it before, lead to the kept record from now on.
    permalinks.record_merge(merged=merge, into=keep)
    change_record(
        obj=keep,
        action=f"catalogue.{field}.merged",
        by=by,
        data={
            "merged": {"id": merge.pk, "name": merge.name, "slug": merge.slug},
            "credits_moved": moved,
            "credits_dropped": dropped,
            "images_moved": images_moved,
        },
    )
    merge._change_reason = f"Merged into {keep.name} ({keep.slug})"
    merge.delete()
    return keep


@transaction.atomic
def person_merge(*, keep: Person, merge: Person, by=None) -> Person:
    """Merge ``merge`` into ``keep``: its credits move over (a credit ``keep``
    already has is dropped), its name is kept as a variant, and it is deleted."""
    return _merge(keep=keep, merge=merge, field="person", by=by)


@transaction.atomic
def company_merge(*, keep: Company, merge: Company, by=None) -> Company:
    """Merge ``merge`` into ``keep`` as ``person_merge`` does; a missing country
    is taken from the merged company."""
    if not keep.country and merge.country:
        keep.country = merge.country
    return _merge(keep=keep, merge=merge, field="company", by=by)


def pair_mark_distinct(*, kind: str, first_id: int, second_id: int, by=None):
    """Record that two people (or companies) are different, so the duplicates
    list stops offering them."""
    low, high = sorted((int(first_id), int(second_id)))
    if low == high:
        raise ValidationError(_("A record cannot be different from itself."))
    pair, created = DistinctPair.objects.get_or_create(
        kind=kind,
        first_id=low,
        second_id=high,
        defaults={"by": by if by is not None and by.is_authenticated else None},
    )
    if created:
        change_record(obj=pair, action=f"catalogue.{kind}.checked_distinct", by=by)
    return pair


@transaction.atomic
def film_images_add(
    *, film: Film, files: list, kind: str = FilmImage.Kind.STILL, by=None
) -> list[FilmImage]:
    """Attach checked images (``festarchive.media.uploads.check_image``'s
    ``content``) to ``film`` after its other images. A film without a key
    image gets the first of them as its key image."""
    last = film.images.aggregate(last=Max("order"))["last"]
    order = 0 if last is None else last + 1
    needs_key = not film.images.filter(is_key=True).exists()
    added = [
        FilmImage(
            film=film, kind=kind, order=order + index, is_key=needs_key and index == 0
        )
        for index, _content in enumerate(files)
    ]
    # Every file first, all or none (StorageFailed when the storage refuses
    # one); then the rows, which roll back with this transaction.
    store_files(
        (image.image, content) for image, content in zip(added, files, strict=True)
    )
    try:
        for image in added:
            image.save()
    except BaseException:
        for image in added:
            image.image.storage.delete(image.image.name)
        raise
    if added:
        change_record(
            obj=film,
            action="catalogue.film.images_added",
            by=by,
            data={"images": [image.image.name for image in added]},
        )
    return added


@transaction.atomic
def film_image_make_key(*, image: FilmImage, by=None) -> FilmImage:
    """Make ``image`` its film's key image, in place of any other."""
    with pagetags.writing(pagetags.tag(Film, image.film_id)):
        FilmImage.objects.filter(film_id=image.film_id, is_key=True).exclude(
            pk=image.pk
        ).update(is_key=False)
    if not image.is_key:
        image.is_key = True
        image.save(update_fields=["is_key"])
    return image
