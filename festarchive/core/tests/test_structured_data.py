"""schema.org JSON-LD on film, person, company and edition pages."""

import pytest

from festarchive.catalogue.models import Company
from festarchive.testing.html import json_ld

pytestmark = pytest.mark.django_db
BASE = "http://testserver"


def _one(client, url: str) -> dict:
    blocks = json_ld(client.get(url).content.decode())
    assert len(blocks) == 1
    assert blocks[0]["@context"] == "https://schema.org"
    return blocks[0]


def test_film_is_a_movie_with_its_facts(client, reference_film):
    reference_film.imdb_id = "tt28374452"
    reference_film.save()
    movie = _one(client, "/en/films/we-will-not-fade-away-2023/")
    assert movie["@type"] == "Movie"
    assert movie["duration"] == "PT1H40M"
    assert [d["name"] for d in movie["director"]] == ["Alisa Kovalenko"]
    assert [c["name"] for c in movie["countryOfOrigin"]] == [
        "Ukraine",
        "France",
        "Poland",
    ]
    assert "Trueman Production" in [c["name"] for c in movie["productionCompany"]]
    assert movie["sameAs"] == ["https://www.imdb.com/title/tt28374452/"]


def test_person_page_is_a_person(client, reference_film):
    person = _one(client, "/en/people/katarzyna-kuczynska/")
    assert person == {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "Katarzyna Kuczyńska",
        "url": f"{BASE}/en/people/katarzyna-kuczynska/",
    }


def test_company_page_is_an_organization(client, reference_film):
    Company.objects.filter(slug="haka-films").update(
        country="PL", name_variants=["Haka Films Sp. z o.o."]
    )
    company = _one(client, "/en/companies/haka-films/")
    assert company == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "HAKA Films",
        "url": f"{BASE}/en/companies/haka-films/",
        "alternateName": ["Haka Films Sp. z o.o."],
        "address": {"@type": "PostalAddress", "addressCountry": "PL"},
    }


def test_edition_page_is_a_festival_event_presenting_its_films(client, reference_film):
    event = _one(client, "/en/editions/idfa-2023/")
    assert event["@type"] == "Festival"
    assert event["name"] == "IDFA 2023"
    assert event["startDate"] == "2023-11-08"
    assert (
        event["organizer"]["name"]
        == "International Documentary Film Festival Amsterdam"
    )
    assert event["location"]["address"]["addressLocality"] == "Amsterdam"
    assert {
        "@type": "Movie",
        "name": "We Will Not Fade Away",
        "url": f"{BASE}/en/films/we-will-not-fade-away-2023/",
    } in event["workPresented"]
