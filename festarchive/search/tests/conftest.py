import pytest

from festarchive.catalogue.models import Film, Role
from festarchive.catalogue.services import (
    credit_add,
    film_create,
    film_title_add,
    person_create,
)
from festarchive.festival.models import Award, Edition, PremiereStatus, Section
from festarchive.festival.services import award_add, selection_add
from festarchive.search.indexer import rebuild_index


def _film(
    title,
    *,
    year,
    director=None,
    editor=None,
    section=None,
    premiere=None,
    award=None,
    countries=(),
    languages=(),
    runtime=90,
    **fields,
):
    film = film_create(
        title_en=title,
        year=year,
        runtime_minutes=runtime,
        countries=list(countries),
        languages=list(languages),
        **fields,
    )
    if director:
        credit_add(
            film=film,
            role=Role.objects.get(slug="director"),
            person=person_create(name=director),
        )
    if editor:
        credit_add(
            film=film,
            role=Role.objects.get(slug="editing"),
            person=person_create(name=editor),
        )
    if section:
        edition = Edition.objects.get(festival__slug="idfa", year=year)
        selection = selection_add(
            film=film,
            edition=edition,
            section=Section.objects.get(festival__slug="idfa", name_en=section),
            premiere=PremiereStatus.objects.get(slug=premiere) if premiere else None,
        )
        if award:
            award_add(selection=selection, name_en="Award for Best Film", outcome=award)
    return film


@pytest.fixture
def catalogue(demo_catalogue):
    """The reference film plus a handful of films made to test each search rule."""
    films = {"reference": demo_catalogue["film"]}
    films["silent"] = _film(
        "The Silent Orchard",
        year=2015,
        director="Katarzyna Żarnecka-Wójcik",
        section="Frontlight",
        premiere="world",
        award=Award.Outcome.WINNER,
        countries=["PL"],
        languages=["pl"],
        runtime=35,
        synopsis_nl="Een boomgaard aan de rand van Lublin, gefilmd over vier seizoenen.",
    )
    films["greek"] = _film(
        "The Silence of the Sea",
        year=2012,
        title_original="I siopi tis thalassas",
        title_original_language="el",
        countries=["GR"],
        section="Masters",
        premiere="international",
        runtime=52,
    )
    films["arabic"] = _film(
        "The Distant Sea",
        year=2010,
        title_original="Al-Bahr al-Ba'id",
        title_original_language="ar",
        countries=["EG", "FR"],
        section="Best of Fests",
        premiere="dutch",
        languages=["ar"],
    )
    films["cyrillic"] = _film(
        "Quiet over the River",
        year=2019,
        title_original="Тиша над рікою",
        title_original_language="uk",
        countries=["UA"],
        director="Olena Kovalenko-Shevchuk",
    )
    # Stored in Cyrillic alone: the Latin form must come from the index.
    Film.objects.filter(pk=films["cyrillic"].pk).update(title_original_latin="")
    films["edited"] = _film(
        "Coal and Salt",
        year=2021,
        editor="Ivan Kovalenko",
        countries=["UA"],
        section="Best of Fests",
        premiere="dutch",
        runtime=45,
        synopsis_en="Miners in the east of the country talk about the pits.",
    )
    rebuild_index()
    return films


@pytest.fixture
def harbour_films(demo_catalogue):
    """Films matching 'harbour' in every rank tier, in the order they must rank."""
    films = [
        _film("Harbour", year=2001),
        _film("Harbour Lights", year=2002),
        _film("Old Harbour", year=2019, section="Masters"),
        _film("Old Harbour Days", year=2004, section="Masters"),
    ]
    port = _film("Port Stories", year=2020)
    film_title_add(film=port, title="Harbour Tales", kind="alternative", language="en")
    films.append(port)
    films.append(_film("Blue Water", year=2018, director="Anna Harbour"))
    films.append(_film("Green Water", year=2018, editor="Tom Harbour"))
    films.append(
        _film(
            "Open Water",
            year=2022,
            synopsis_en="A ferry leaves the harbour every morning.",
        )
    )
    rebuild_index()
    return films


@pytest.fixture
def country_films(catalogue):
    """The catalogue with Dutch and American films, and a title naming a country."""
    films = dict(catalogue)
    films["dutch"] = _film(
        "Polder Light", year=2021, countries=["NL"], section="Best of Fests"
    )
    films["prairie"] = _film("Prairie", year=2020, countries=["US", "NL"])
    films["letters"] = _film("Letters from Ukraine", year=2018, countries=["PL"])
    rebuild_index()
    return films
