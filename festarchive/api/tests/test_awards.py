"""Awards across editions and juries in the JSON API."""

import pytest

from festarchive.catalogue.models import Person
from festarchive.festival.models import Juror, Prize
from festarchive.festival.services import (
    award_add,
    juror_add,
    jury_create,
    prize_name_add,
)

pytestmark = pytest.mark.django_db

FILM = "/api/v1/films/we-will-not-fade-away-2023"


def _json(response, status=200):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


@pytest.fixture
def awarded(reference_film):
    selection = reference_film.selections.get()
    award = award_add(
        selection=selection,
        name_en="Audience Award",
        name_nl="Publieksprijs",
        statement_en="The audience spoke.",
    )
    prize_name_add(
        prize=award.prize, name_en="Public Prize", from_year=1990, until_year=1999
    )
    jury = jury_create(
        edition=selection.edition,
        name_en="Audience Jury",
        name_nl="Publieksjury",
        section=selection.section,
    )
    juror_add(
        jury=jury,
        person=Person.objects.get(slug="alisa-kovalenko"),
        role=Juror.Role.CHAIR,
    )
    return award


def test_the_award_list_is_paged_by_cursor(client, awarded):
    first = _json(client.get("/api/v1/awards", {"limit": 2}))
    assert len(first["data"]) == 2
    assert first["meta"]["next_cursor"]
    slugs, page = [p["slug"] for p in first["data"]], first
    while page["links"]["next"]:
        page = _json(client.get(page["links"]["next"]))
        slugs += [p["slug"] for p in page["data"]]
    assert slugs == list(Prize.objects.order_by("pk").values_list("slug", flat=True))
    assert _json(client.get("/api/v1/awards", {"cursor": "nonsense"}), 400)


def test_an_award_whole_answer_with_its_winners_by_edition(client, awarded):
    answer = _json(client.get("/api/v1/awards/audience-award", {"lang": "nl"}))
    film = answer["data"]["editions"][0]["awards"][0]["film"]
    assert film["slug"] == "we-will-not-fade-away-2023"
    answer["data"]["editions"][0]["awards"][0]["film"] = "(the film's summary)"
    assert answer == {
        "data": {
            "slug": "audience-award",
            "url": "/api/v1/awards/audience-award",
            "html": "/nl/awards/audience-award/",
            "festival": {
                "slug": "idfa",
                "name": "IDFA",
                "url": "/api/v1/festivals/idfa",
            },
            "name": "Publieksprijs",
            "name_en": "Audience Award",
            "name_nl": "Publieksprijs",
            "description": None,
            "former_names": [
                {
                    "name": "Public Prize",
                    "name_en": "Public Prize",
                    "name_nl": "",
                    "from_year": 1990,
                    "until_year": 1999,
                }
            ],
            "editions": [
                {
                    "edition": {
                        "slug": "idfa-2023",
                        "name": "IDFA 2023",
                        "url": "/api/v1/editions/idfa-2023",
                    },
                    "year": 2023,
                    "awards": [
                        {
                            "film": "(the film's summary)",
                            "name": "Publieksprijs",
                            "outcome": "winner",
                            "statement": {
                                "text": "The audience spoke.",
                                "language": "en",
                                "is_fallback": True,
                            },
                        }
                    ],
                }
            ],
        },
        "links": {
            "self": "/api/v1/awards/audience-award?lang=nl",
            "html": "/nl/awards/audience-award/",
            "next": None,
        },
    }


def test_an_unknown_award_is_not_found_in_the_envelope(client, db):
    error = _json(client.get("/api/v1/awards/nope"), 404)["error"]
    assert error["code"] == "not_found"


def test_an_edition_lists_its_juries_and_a_person_their_jury_service(client, awarded):
    edition = _json(client.get("/api/v1/editions/idfa-2023"))["data"]
    assert edition["juries"] == [
        {
            "name": "Audience Jury",
            "name_en": "Audience Jury",
            "name_nl": "Publieksjury",
            "section": {
                "slug": "best-of-fests",
                "name": "Best of Fests",
                "url": "/api/v1/sections/best-of-fests",
            },
            "jurors": [
                {
                    "person": {
                        "slug": "alisa-kovalenko",
                        "name": "Alisa Kovalenko",
                        "url": "/api/v1/people/alisa-kovalenko",
                    },
                    "role": {"code": "chair", "name": "Chair"},
                }
            ],
        }
    ]
    person = _json(client.get("/api/v1/people/alisa-kovalenko"))["data"]
    assert person["jury_service"] == [
        {
            "festival": {
                "slug": "idfa",
                "name": "IDFA",
                "url": "/api/v1/festivals/idfa",
            },
            "edition": {
                "slug": "idfa-2023",
                "name": "IDFA 2023",
                "url": "/api/v1/editions/idfa-2023",
            },
            "year": 2023,
            "jury": "Audience Jury",
            "section": {
                "slug": "best-of-fests",
                "name": "Best of Fests",
                "url": "/api/v1/sections/best-of-fests",
            },
            "role": {"code": "chair", "name": "Chair"},
        }
    ]
    assert (
        _json(client.get("/api/v1/people/valery-kalmykov"))["data"]["jury_service"]
        == []
    )


def test_a_films_award_names_its_prize(client, awarded):
    film = _json(client.get(FILM))["data"]
    assert film["selections"][0]["awards"][0]["prize"] == {
        "slug": "audience-award",
        "name": "Audience Award",
        "url": "/api/v1/awards/audience-award",
    }
