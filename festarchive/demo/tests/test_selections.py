"""The demo's selections: made over the archive's films, never empty."""

import pytest

from festarchive.catalogue.services import film_create
from festarchive.curated.models import CuratedSelection
from festarchive.demo.selections import ensure_selections
from festarchive.festival.services import (
    award_add,
    edition_create,
    festival_create,
    selection_add,
)

pytestmark = pytest.mark.django_db


def test_the_decade_waits_for_an_award_winner_of_the_1990s():
    festival = festival_create(name="Docs Fest", short_name="DF", slug="docsfest")
    edition = edition_create(festival=festival, year=1996)
    film = film_create(title_en="Coal and Salt", year=1995)
    shown = selection_add(film=film, edition=edition)
    ensure_selections()
    assert not CuratedSelection.objects.filter(slug="best-of-the-1990s").exists()

    award_add(selection=shown, name_en="Award for Best Film")
    made = ensure_selections()
    decade = CuratedSelection.objects.get(slug="best-of-the-1990s")
    assert made == ["selection 'Best of the 1990s'"]
    assert decade.is_published
    assert [entry.film for entry in decade.entries.all()] == [film]
