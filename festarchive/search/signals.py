"""Keep the search index in step with the catalogue.

Writes collect the films (and people, companies) they touch; the index is
updated once per transaction, after it commits, so an admin save with twenty
inline credits reindexes its film once.
"""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from festarchive.catalogue.models import (
    Company,
    Credit,
    Film,
    FilmCountry,
    FilmLanguage,
    FilmTitle,
    Person,
)
from festarchive.curated.models import CuratedFilm
from festarchive.festival.models import Award, Selection
from festarchive.programme.models import ProgrammeFilm, Screening

_pending = threading.local()


def _enqueue(kind: str, pk: int) -> None:
    """Queue a change in this thread; it is indexed after the next commit.

    Every change asks for a flush on commit; the first flush does the work and
    the others find nothing left. Changes of a transaction that rolled back
    stay queued and are reindexed with the next commit, which is harmless: the
    index is always rebuilt from what the database holds. The change is queued
    before the flush is asked for: outside a transaction the flush runs at once.
    """
    queue = getattr(_pending, "queue", None)
    if queue is None:
        queue = _pending.queue = {"film": set(), "person": set(), "company": set()}
    queue[kind].add(pk)
    # robust: an indexing failure is logged, never turned into an error for a
    # save that has already committed; `rebuild_search_index` repairs the index.
    transaction.on_commit(_flush, robust=True)


def flush() -> None:
    """Index the pending changes now, inside the current transaction (bulk
    loaders call this so that each record they write is findable by the next)."""
    _flush()


def _flush() -> None:
    from .indexer import index_films, index_names

    queue = getattr(_pending, "queue", None)
    _pending.queue = None
    if not queue or not any(queue.values()):
        return
    film_ids = set(queue["film"])
    if queue["person"]:
        film_ids |= set(
            Credit.objects.filter(person_id__in=queue["person"]).values_list(
                "film_id", flat=True
            )
        )
    if queue["company"]:
        film_ids |= set(
            Credit.objects.filter(company_id__in=queue["company"]).values_list(
                "film_id", flat=True
            )
        )
    index_films(film_ids)
    index_names("person", queue["person"])
    index_names("company", queue["company"])


def film_changed(film_id: int) -> None:
    """Reindex this film once the current transaction commits."""
    _enqueue("film", film_id)


def _on_film(sender, instance, **kwargs):
    film_changed(instance.pk)


def _on_film_part(sender, instance, **kwargs):
    film_changed(instance.film_id)


def _on_award(sender, instance, **kwargs):
    # The selection may be gone already when a cascade deletes its awards.
    film_id = (
        Selection.objects.filter(pk=instance.selection_id)
        .values_list("film_id", flat=True)
        .first()
    )
    if film_id:
        film_changed(film_id)


def _screening_films(film_id, programme_id) -> set[int]:
    films = {film_id} if film_id else set()
    if programme_id:
        films |= set(
            ProgrammeFilm.objects.filter(programme_id=programme_id).values_list(
                "film_id", flat=True
            )
        )
    return films


def _on_screening_before(sender, instance, raw=False, **kwargs):
    # A screening given another film leaves the first one's facets too.
    if raw or instance.pk is None:
        return
    before = (
        Screening.objects.filter(pk=instance.pk)
        .values_list("film_id", "film_programme_id")
        .first()
    )
    if before and before != (instance.film_id, instance.film_programme_id):
        for film_id in _screening_films(*before):
            film_changed(film_id)


def _on_screening(sender, instance, **kwargs):
    # The accessibility facet reads screenings (facet_types.AccessFacet).
    for film_id in _screening_films(instance.film_id, instance.film_programme_id):
        film_changed(film_id)


def _on_curated_film_before(sender, instance, raw=False, **kwargs):
    # Another film in the same place of a selection leaves the facet too.
    if raw or instance.pk is None:
        return
    before = (
        CuratedFilm.objects.filter(pk=instance.pk)
        .values_list("film_id", flat=True)
        .first()
    )
    if before and before != instance.film_id:
        film_changed(before)


def _on_person(sender, instance, **kwargs):
    _enqueue("person", instance.pk)


def _on_company(sender, instance, **kwargs):
    _enqueue("company", instance.pk)


def connect() -> None:
    pre_save.connect(
        _on_screening_before, sender=Screening, dispatch_uid="search-screening-pre"
    )
    pre_save.connect(
        _on_curated_film_before,
        sender=CuratedFilm,
        dispatch_uid="search-curated-film-pre",
    )
    for signal in (post_save, post_delete):
        signal.connect(_on_film, sender=Film, dispatch_uid=f"search-film-{signal}")
        for model in (
            FilmTitle,
            FilmCountry,
            FilmLanguage,
            Credit,
            Selection,
            # The curated facet (facet_types.CuratedFacet).
            CuratedFilm,
        ):
            signal.connect(
                _on_film_part,
                sender=model,
                dispatch_uid=f"search-{model.__name__}-{signal}",
            )
        signal.connect(_on_award, sender=Award, dispatch_uid=f"search-award-{signal}")
        for model in (Screening, ProgrammeFilm):
            signal.connect(
                _on_screening if model is Screening else _on_film_part,
                sender=model,
                dispatch_uid=f"search-{model.__name__}-{signal}",
            )
        signal.connect(
            _on_person, sender=Person, dispatch_uid=f"search-person-{signal}"
        )
        signal.connect(
            _on_company, sender=Company, dispatch_uid=f"search-company-{signal}"
        )
