"""Festivals, editions and sections as citable records: their permalinks and
former addresses (``core.permalinks``), and an edition's citation.

A further kind is one more ``permalinks.register`` line in
``register_kinds`` (with ``cite=`` when its page offers a citation).
"""

from django.conf import settings
from django.db.models import Max

from festarchive.core import pagetags, permalinks
from festarchive.core.citations import Citation
from festarchive.core.links import absolute_url

from .models import Edition, Festival, Prize, Section, Selection


def edition_last_changed(edition: Edition):
    """When the edition last changed: itself, or a film selected in it (the
    selections' history keeps each one added, changed or removed)."""
    at = Selection.history.filter(edition_id=edition.pk).aggregate(
        at=Max("history_date")
    )["at"]
    return max(edition.updated_at, at) if at else edition.updated_at


def edition_citation(edition: Edition, request) -> Citation:
    """An edition's citation: the festival's name and the year."""
    pagetags.show(pagetags.list_tag(pagetags.tag(Edition, edition.pk), Selection))
    return Citation(
        key=f"edition-{edition.pk}-{edition.slug}"[:120],
        title=f"{edition.festival.name} {edition.year}",
        archive=settings.FESTARCHIVE["SITE_NAME"],
        url=absolute_url(request, permalinks.permalink(edition)),
        last_changed=edition_last_changed(edition).date(),
        genre="Festival edition",
    )


def prize_citation(prize: Prize, request) -> Citation:
    """An award's citation: its name now, as its page heads it. Its years
    are the awards given, which change with the prize's page tags."""
    return Citation(
        key=f"award-{prize.pk}-{prize.slug}"[:120],
        title=prize.name,
        archive=settings.FESTARCHIVE["SITE_NAME"],
        url=absolute_url(request, permalinks.permalink(prize)),
        last_changed=prize.updated_at.date(),
        genre="Festival award",
    )


def register_kinds() -> None:
    """Give festivals, editions, sections and awards permalinks; editions
    and awards citations."""
    permalinks.register("festival", Festival)
    permalinks.register(
        "edition",
        Edition,
        public=Edition.objects.select_related("festival").all,
        cite=edition_citation,
    )
    permalinks.register("section", Section)
    permalinks.register(
        "award",
        Prize,
        public=Prize.objects.select_related("festival").all,
        cite=prize_citation,
    )
