"""Write paths of curated selections and the films in them."""

from django.db import transaction

from festarchive.catalogue.models import Film
from festarchive.core.services import change_record
from festarchive.core.text import make_slug, unique_slug

from .models import CuratedFilm, CuratedSelection

# Fields of a selection a service may set.
SELECTION_FIELDS = frozenset(
    {
        "title_en",
        "title_nl",
        "introduction_en",
        "introduction_nl",
        "is_published",
        "featured",
        "published_on",
        "order",
        "slug",
    }
)
FILM_FIELDS = frozenset({"film", "order", "note_en", "note_nl"})


def _check_fields(fields: dict, allowed: frozenset) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")


@transaction.atomic
def curated_selection_create(
    *, title_en: str, slug: str = "", by=None, **fields
) -> CuratedSelection:
    """Make a selection (unpublished unless ``is_published``); the slug is
    made from the English title when none is given, and kept unique."""
    _check_fields(fields, SELECTION_FIELDS)
    base = slug or make_slug(title_en)
    selection = CuratedSelection(
        title_en=title_en,
        slug=unique_slug(
            base, lambda s: CuratedSelection.objects.filter(slug=s).exists()
        ),
        **fields,
    )
    selection.full_clean()
    selection.save()
    change_record(obj=selection, action="curated.selection.created", by=by)
    return selection


@transaction.atomic
def curated_selection_update(
    selection: CuratedSelection, *, by=None, **fields
) -> CuratedSelection:
    """Change a selection's fields; records which ones changed."""
    _check_fields(fields, SELECTION_FIELDS)
    changed = sorted(
        name for name, value in fields.items() if getattr(selection, name) != value
    )
    for name, value in fields.items():
        setattr(selection, name, value)
    selection.full_clean()
    selection.save()
    change_record(
        obj=selection,
        action="curated.selection.changed",
        by=by,
        data={"fields": changed},
    )
    return selection


@transaction.atomic
def curated_selection_delete(selection: CuratedSelection, *, by=None) -> None:
    """Delete a selection and its list of films (never the films)."""
    change_record(obj=selection, action="curated.selection.deleted", by=by)
    selection.delete()


@transaction.atomic
def curated_film_add(
    *,
    selection: CuratedSelection,
    film: Film,
    order: int | None = None,
    note_en: str = "",
    note_nl: str = "",
    by=None,
) -> CuratedFilm:
    """Put a film in a selection, last unless ``order`` is given; a film is in
    a selection only once."""
    if order is None:
        last = selection.entries.order_by("-order").values_list("order", flat=True)
        order = (last.first() or 0) + 1
    entry = CuratedFilm(
        selection=selection, film=film, order=order, note_en=note_en, note_nl=note_nl
    )
    entry.full_clean()
    entry.save()
    change_record(obj=entry, action="curated.film.added", by=by)
    return entry


@transaction.atomic
def curated_film_update(entry: CuratedFilm, *, by=None, **fields) -> CuratedFilm:
    """Change a film's place or note in its selection (or the film in that place)."""
    _check_fields(fields, FILM_FIELDS)
    changed = sorted(
        name for name, value in fields.items() if getattr(entry, name) != value
    )
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.full_clean()
    entry.save()
    change_record(
        obj=entry, action="curated.film.changed", by=by, data={"fields": changed}
    )
    return entry


@transaction.atomic
def curated_film_remove(entry: CuratedFilm, *, by=None) -> None:
    """Take a film out of its selection."""
    change_record(obj=entry, action="curated.film.removed", by=by)
    entry.delete()
