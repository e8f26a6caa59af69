"""/api/v1/films: query words naming a facet value, as on the archive page."""

import pytest

from festarchive.catalogue.services import film_create
from festarchive.festival.models import Edition, Section
from festarchive.festival.services import selection_add
from festarchive.search.indexer import rebuild_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def films(reference_film):
    film_create(title_en="Polder Light", year=2021, countries=["NL"])
    film_create(title_en="Prairie", year=2020, countries=["US", "NL"])
    selection_add(
        film=film_create(title_en="Coal and Salt", year=2021, countries=["UA"]),
        edition=Edition.objects.get(festival__slug="idfa", year=2021),
        section=Section.objects.get(festival__slug="idfa", name_en="Best of Fests"),
    )
    rebuild_index()


def _search(client, **params):
    response = client.get("/api/v1/films", params)
    assert response.status_code == 200, response.content
    return response.json()


def _titles(answer) -> set[str]:
    return {film["title_en"] for film in answer["data"]}


@pytest.mark.parametrize("query", ["netherlands", "Nederland"])
def test_a_country_name_finds_the_films_made_there(client, films, query):
    answer = _search(client, q=query)
    assert _titles(answer) == {"Polder Light", "Prairie"}
    assert answer["meta"]["suggested_filters"] == [
        {"name": "country", "value": "NL", "label": "Netherlands", "count": 2, "q": ""}
    ]


def test_several_words_and_sections(client, films):
    assert _titles(_search(client, q="united states")) == {"Prairie"}
    answer = _search(client, q="best of fests")
    section = Section.objects.get(festival__slug="idfa", name_en="Best of Fests")
    assert _titles(answer) == set(
        section.selections.values_list("film__title_en", flat=True)
    )
    assert answer["meta"]["suggested_filters"][0]["value"] == "best-of-fests"


def test_the_filter_is_not_offered_once_applied_and_labels_follow_lang(client, films):
    applied = _search(client, q="netherlands", country="NL")
    assert _titles(applied) == {"Polder Light", "Prairie"}
    assert applied["meta"]["suggested_filters"] == []
    dutch = _search(client, q="polder netherlands", lang="nl")
    assert dutch["meta"]["suggested_filters"] == [
        {
            "name": "country",
            "value": "NL",
            "label": "Nederland",
            "count": 1,
            "q": "polder",
        }
    ]
