"""Every parameter of every endpoint, given odd digits: an answer in the
envelope, never a server error."""

import datetime
import json
from pathlib import Path

import pytest

from festarchive.catalogue.models import Company, Person
from festarchive.curated.services import curated_film_add, curated_selection_create
from festarchive.festival.models import Edition, Festival, Prize, Section
from festarchive.programme import services
from festarchive.testing.hostile import ODD_NUMBERS, in_other_digits

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[3] / "docs" / "api" / "openapi.json").read_text(
        encoding="utf-8"
    )
)
QUERY_PARAMETERS = [
    (path, parameter["name"])
    for path, operations in SCHEMA["paths"].items()
    for parameter in operations["get"].get("parameters", [])
    if parameter["in"] == "query"
]
RECORD_PATHS = [path for path in SCHEMA["paths"] if "{slug}" in path or "{uid}" in path]
# What each parameter answers to a value that is no number it takes.
REFUSED = {
    "limit": "invalid_parameter",
    "cursor": "bad_cursor",
    "day": "invalid_parameter",
    "kind": "invalid_parameter",
}
# On the films search, access is a facet: unknown values match nothing, as
# for every facet; on screenings it names one feature and must be known.
REFUSED_ON = {("/api/v1/screenings", "access"): "invalid_parameter"}


@pytest.fixture
def slugs(reference_film):
    """A record of each kind, so that record endpoints read their parameters."""
    edition = reference_film.selections.first().edition
    venue = services.venue_create(name="Tuschinski")
    screen = services.screen_create(venue=venue, name="Zaal 1")
    screening = services.screening_create(
        edition=edition,
        screen=screen,
        film=reference_film,
        starts_at=datetime.datetime(2023, 11, 10, 13, tzinfo=datetime.UTC),
    )
    selection = curated_selection_create(title_en="Best of 2023", is_published=True)
    curated_film_add(selection=selection, film=reference_film)
    return {
        "films": reference_film.slug,
        "people": Person.objects.order_by("pk").first().slug,
        "companies": Company.objects.order_by("pk").first().slug,
        "festivals": Festival.objects.order_by("pk").first().slug,
        "editions": Edition.objects.order_by("pk").first().slug,
        "sections": Section.objects.order_by("pk").first().slug,
        "awards": Prize.objects.order_by("pk").first().slug,
        "venues": venue.slug,
        "screenings": str(screening.uid),
        "selections": selection.slug,
    }


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["status"] == status
    assert isinstance(error["message"], str) and isinstance(error["details"], list)
    return error


@pytest.mark.parametrize("value", ODD_NUMBERS)
@pytest.mark.parametrize(("path", "name"), QUERY_PARAMETERS)
def test_odd_digits_in_any_query_parameter(client, slugs, path, name, value):
    kind = path.split("/")[3]  # /api/v1/<kind>/…
    url = path
    if "{" in path:
        url = path.replace("{slug}", slugs[kind]).replace("{uid}", slugs[kind])
    response = client.get(url, {name: value})
    refused = REFUSED_ON.get((path, name), REFUSED.get(name))
    if refused:
        assert _error(response, 400)["code"] == refused
    elif name == "q" and len(value) > 200:
        assert _error(response, 400)["code"] == "invalid_parameter"
    else:
        assert response.status_code == 200, response.content
        assert "data" in response.json()


@pytest.mark.parametrize("value", ODD_NUMBERS)
@pytest.mark.parametrize("path", RECORD_PATHS)
def test_odd_digits_as_a_slug_are_not_found(client, slugs, path, value):
    response = client.get(path.replace("{slug}", value).replace("{uid}", value))
    assert _error(response, 404)["code"] == "not_found"


@pytest.mark.parametrize("limit", ["+5", " 5", "5.0", "5_0", *in_other_digits(5)])
def test_limit_is_written_in_the_digits_0_to_9(client, reference_film, limit):
    for path in ("/api/v1/films", "/api/v1/people"):
        error = _error(client.get(path, {"limit": limit}), 400)
        assert error["code"] == "invalid_parameter"
        assert error["details"][0]["location"] == ["query", "limit"]
    assert client.get("/api/v1/people", {"limit": "05"}).json()["meta"]["limit"] == 5
