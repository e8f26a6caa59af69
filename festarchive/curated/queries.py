"""Read paths of curated selections: the list, one selection's page, the
home page's featured ones and the API."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from festarchive.catalogue.models import Film
from festarchive.catalogue.queries import films_for_cards
from festarchive.core import pagetags

from .models import CuratedFilm, CuratedSelection, selections_list_tag


def selection_list() -> QuerySet[CuratedSelection]:
    """The published selections, in their display order."""
    pagetags.show(selections_list_tag(), pagetags.collection(CuratedSelection))
    return CuratedSelection.objects.published()


def featured_selections(*, most: int = 3) -> list[CuratedSelection]:
    """The published selections featured on the home page, at most ``most``."""
    pagetags.show(selections_list_tag(), pagetags.collection(CuratedSelection))
    return list(CuratedSelection.objects.featured()[:most])


def selection_get(*, slug: str) -> CuratedSelection:
    """A published selection by slug; 404 for an unpublished or unknown one."""
    return get_object_or_404(CuratedSelection.objects.published(), slug=slug)


def selection_films(selection: CuratedSelection) -> list[CuratedFilm]:
    """The selection's entries whose films are published, in their order,
    each with its film ready for a film card (``entry.film``) and its note
    (``entry.note``, in the current language or else the other one).

    The page shows the entries and the films' cards, whose tags retire it;
    a film of the selection not published yet is not shown, so its own tag is
    declared: published, it joins the page."""
    entries = list(CuratedFilm.objects.filter(selection=selection))
    films = films_for_cards(
        Film.objects.published().filter(pk__in=[e.film_id for e in entries])
    ).in_bulk()
    hidden = [e.film_id for e in entries if e.film_id not in films]
    pagetags.show(*(pagetags.tag(Film, pk) for pk in hidden))
    shown = [entry for entry in entries if entry.film_id in films]
    for entry in shown:
        entry.film = films[entry.film_id]
    return shown
