"""Query words naming a facet value (a country, a section, an edition, a
decade) find the films having it, and offer it as a filter."""

import pytest

from festarchive.festival.models import Section
from festarchive.search.tests.test_matching import titles
from festarchive.testing.html import visible_text

pytestmark = pytest.mark.django_db

DUTCH = {"Polder Light", "Prairie"}


@pytest.mark.parametrize(
    "query", ["netherlands", "Nederland", "NEDERLAND", "the Netherlands", "holland"]
)
def test_a_country_name_finds_the_films_made_there(client, country_films, query):
    assert set(titles(client, q=query)) == DUTCH


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("united states", {"Prairie"}),
        ("Verenigde Staten", {"Prairie"}),
        (
            "Oekraïne",
            {"We Will Not Fade Away", "Coal and Salt", "Quiet over the River"},
        ),
        (
            "oekraine",
            {"We Will Not Fade Away", "Coal and Salt", "Quiet over the River"},
        ),
    ],
)
def test_country_names_of_several_words_and_in_dutch(
    client, country_films, query, expected
):
    assert set(titles(client, q=query)) == expected


def test_a_section_name_finds_the_section_s_films(client, country_films):
    section = Section.objects.get(festival__slug="idfa", name_en="Best of Fests")
    expected = set(section.selections.values_list("film__title_en", flat=True))
    assert "Polder Light" in expected
    assert set(titles(client, q="best of fests")) == expected


@pytest.mark.parametrize("query", ["IDFA 2021", "2021"])
def test_an_edition_finds_its_films(client, country_films, query):
    assert set(titles(client, q=query)) == {"Coal and Salt", "Polder Light"}


@pytest.mark.parametrize("query", ["2010s", "jaren 10", "Jaren 2010"])
def test_a_decade_finds_the_films_made_then(client, country_films, query):
    assert set(titles(client, q=query)) == {
        "The Silent Orchard",
        "The Silence of the Sea",
        "The Distant Sea",
        "Quiet over the River",
        "Letters from Ukraine",
    }


def test_a_title_word_that_is_a_country_finds_the_title_first(client, country_films):
    found = titles(client, q="ukraine")
    assert found[0] == "Letters from Ukraine"
    assert set(found[1:]) == {
        "We Will Not Fade Away",
        "Coal and Salt",
        "Quiet over the River",
    }


def test_the_other_words_must_still_match(client, country_films):
    assert titles(client, q="polder nederland") == ["Polder Light"]
    assert titles(client, q="orchard poland") == ["The Silent Orchard"]


def _suggested(response):
    return [(str(s), s.url) for s in response.context["results"].suggested_filters]


def test_the_named_country_is_offered_as_a_filter(client, country_films):
    response = client.get("/en/archive/", {"q": "netherlands"})
    assert _suggested(response) == [("Country: Netherlands", "?country=NL")]
    assert "Country: Netherlands? 2" in visible_text(response.content.decode())

    filtered = client.get("/en/archive/?country=NL")
    assert {f.title_en for f in filtered.context["results"].films} == DUTCH
    assert filtered.context["params"].q == ""


def test_the_filter_keeps_the_other_words(client, country_films):
    response = client.get("/en/archive/", {"q": "polder Nederland"})
    assert _suggested(response) == [("Country: Netherlands", "?q=polder&country=NL")]


def test_no_filter_is_offered_when_it_is_already_applied(client, country_films):
    response = client.get("/en/archive/", {"q": "netherlands", "country": "NL"})
    assert _suggested(response) == []
    assert "chip--suggested" not in response.content.decode()
    assert set(titles(client, q="netherlands", country="NL")) == DUTCH


def test_the_dutch_page_offers_the_filter_in_dutch(client, country_films):
    response = client.get("/nl/archive/", {"q": "netherlands"})
    assert _suggested(response) == [("Land: Nederland", "?country=NL")]
    assert "Land: Nederland?" in visible_text(response.content.decode())


def test_a_section_and_an_edition_are_offered_too(client, country_films):
    assert _suggested(client.get("/en/archive/", {"q": "best of fests"})) == [
        ("Section: Best of Fests", "?section=best-of-fests")
    ]
    assert _suggested(client.get("/en/archive/", {"q": "idfa 2021"})) == [
        ("Edition: IDFA 2021", "?edition=idfa-2021")
    ]


def test_new_countries_and_renamed_sections_are_known_at_once(client, country_films):
    from festarchive.catalogue.services import film_create
    from festarchive.search.indexer import index_films

    assert titles(client, q="iceland") == []
    film = film_create(title_en="Glacier", year=2022, countries=["IS"])
    index_films([film.pk])  # what the signals do after the commit
    assert titles(client, q="iceland") == ["Glacier"]
    assert titles(client, q="IJsland") == ["Glacier"]

    Section.objects.filter(name_en="Best of Fests").update(name_en="Festival Hits")
    assert "Polder Light" in titles(client, q="festival hits")
