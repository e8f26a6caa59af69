import pytest

from festarchive.catalogue.services import film_create
from festarchive.curated import services


@pytest.fixture
def films(demo_catalogue):
    """The reference film and three more, one of them not published."""
    return {
        "reference": demo_catalogue["film"],
        "orchard": film_create(title_en="The Silent Orchard", year=1994),
        "salt": film_create(
            title_en="Coal and Salt", title_nl="Kolen en zout", year=1998
        ),
        "hidden": film_create(title_en="Not Yet Shown", year=1996, is_published=False),
    }


@pytest.fixture
def nineties(films):
    """A published, featured selection of four films (one unpublished), with
    notes in English, Dutch or only one of them."""
    selection = services.curated_selection_create(
        title_en="Best of the 1990s",
        title_nl="Het beste van de jaren negentig",
        introduction_en="Ten years of films that looked hard.\n\nA second paragraph.",
        introduction_nl="Tien jaar films die goed keken.\n\nEen tweede alinea.",
        is_published=True,
        featured=True,
    )
    services.curated_film_add(
        selection=selection,
        film=films["salt"],
        note_en="Miners talk about the sea.",
        note_nl="Mijnwerkers praten over de zee.",
    )
    services.curated_film_add(
        selection=selection, film=films["orchard"], note_en="Only in English."
    )
    services.curated_film_add(
        selection=selection, film=films["hidden"], note_en="Never shown."
    )
    return selection


@pytest.fixture
def draft(films):
    """A selection staff are still writing: not published."""
    selection = services.curated_selection_create(
        title_en="Films about the Donbas", introduction_en="Work in progress."
    )
    services.curated_film_add(selection=selection, film=films["reference"])
    return selection
