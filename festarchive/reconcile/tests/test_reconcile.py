"""The reconciliation service answers as the Reconciliation API 0.2 says,
checked with the specification's own JSON schemas (``schemas/``)."""

import json
from pathlib import Path

import jsonschema_rs
import pytest

from festarchive.catalogue.models import Role
from festarchive.catalogue.services import credit_add, film_create, person_create
from festarchive.search.indexer import rebuild_index

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "schemas"


def _schema(name):
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def _retrieve(uri):
    """The manifest's references, from the vendored files: never fetched."""
    if uri.endswith("/type.json"):
        return _schema("type.json")
    # Swagger's securityDefinitions (an optional member the service has
    # not) and the draft's meta-schema.
    return {"definitions": {"securityDefinitions": {"additionalProperties": {}}}}


def _validator(name):
    return jsonschema_rs.Draft7Validator(_schema(name), retriever=_retrieve)


MANIFEST = _validator("manifest.json")
QUERY_BATCH = _validator("reconciliation-query-batch.json")
RESULT_BATCH = _validator("reconciliation-result-batch.json")


@pytest.fixture
def archive(db):
    director = Role.objects.get(slug="director")
    kovalenko = person_create(name="Alisa Kovalenko")
    other = person_create(name="Maria Stoianova")
    films = {
        "fade": film_create(title_en="We Will Not Fade Away", year=2023),
        "fade-again": film_create(title_en="We Will Not Fade Away", year=2017),
        "hidden": film_create(
            title_en="We Will Not Fade Away", year=2019, is_published=False
        ),
        "mother": film_create(
            title_en="Oh, Mother", title_original="Ой, мамо", year=2020
        ),
    }
    credit_add(film=films["fade"], role=director, person=kovalenko)
    credit_add(film=films["fade-again"], role=director, person=other)
    credit_add(film=films["hidden"], role=director, person=kovalenko)
    credit_add(film=films["mother"], role=director, person=kovalenko)
    rebuild_index()
    return {"films": films, "kovalenko": kovalenko, "other": other}


def _reconcile(client, queries, method="post"):
    assert QUERY_BATCH.is_valid(queries)
    payload = {"queries": json.dumps(queries)}
    response = getattr(client, method)("/reconcile", payload)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    data = response.json()
    RESULT_BATCH.validate(data)
    return data


def test_the_manifest_follows_the_schema(client, db):
    response = client.get("/reconcile")
    assert response.status_code == 200
    manifest = response.json()
    MANIFEST.validate(manifest)
    assert manifest["versions"] == ["0.2"]
    assert manifest["identifierSpace"] == "http://testserver/en/records/"
    assert manifest["view"] == {"url": "http://testserver/en/records/{{id}}/"}
    assert [t["id"] for t in manifest["defaultTypes"]] == ["film", "person"]
    assert "{{id}}" in manifest["preview"]["url"]


def test_a_film_is_found_with_a_typo_and_its_year_picks_the_one(client, archive):
    fade, again = archive["films"]["fade"], archive["films"]["fade-again"]
    data = _reconcile(
        client,
        {
            "q0": {"query": "We Will Not Fade Away", "type": "film"},
            "q1": {
                "query": "We Will Not Fade Awaay",
                "type": "film",
                "properties": [{"pid": "year", "v": 2023}],
            },
        },
    )
    first = data["q0"]["result"]
    assert {c["id"] for c in first} == {f"film/{fade.pk}", f"film/{again.pk}"}
    # Two films of that title: neither is certain.
    assert [c["match"] for c in first] == [False, False]
    [best, *rest] = data["q1"]["result"]
    assert best["id"] == f"film/{fade.pk}"
    assert best["name"] == "We Will Not Fade Away"
    assert best["type"] == [{"id": "film", "name": "Film"}]
    assert all(best["score"] > other["score"] for other in rest)


def test_the_director_constraint_by_name_or_by_id(client, archive):
    fade, again = archive["films"]["fade"], archive["films"]["fade-again"]
    data = _reconcile(
        client,
        {
            "name": {
                "query": "We Will Not Fade Away",
                "properties": [{"pid": "director", "v": "Alisa Kovalenko"}],
            },
            "id": {
                "query": "We Will Not Fade Away",
                "properties": [
                    {"pid": "director", "v": {"id": f"person/{archive['other'].pk}"}}
                ],
            },
        },
    )
    assert data["name"]["result"][0]["id"] == f"film/{fade.pk}"
    assert data["name"]["result"][0]["match"] is True
    assert data["id"]["result"][0]["id"] == f"film/{again.pk}"


def test_an_unpublished_film_is_never_a_candidate(client, archive):
    hidden = archive["films"]["hidden"]
    data = _reconcile(
        client, {"q": {"query": "We Will Not Fade Away", "limit": 10}}, method="get"
    )
    assert f"film/{hidden.pk}" not in {c["id"] for c in data["q"]["result"]}
    preview = client.get("/reconcile/preview", {"id": f"film/{hidden.pk}"})
    assert preview.status_code == 404


def test_a_film_is_found_by_its_original_title(client, archive):
    mother = archive["films"]["mother"]
    data = _reconcile(client, {"q": {"query": "Ой, мамо"}})
    assert data["q"]["result"][0]["id"] == f"film/{mother.pk}"
    assert data["q"]["result"][0]["match"] is True


def test_people_are_found_and_their_films_pick_the_one(client, archive):
    namesake = person_create(name="Alisa Kovalenko")
    rebuild_index()
    kovalenko = archive["kovalenko"]
    data = _reconcile(
        client,
        {
            "plain": {"query": "alisa kovalenko", "type": "person"},
            "film": {
                "query": "Alisa Kovalenko",
                "type": "person",
                "properties": [
                    {"pid": "film", "v": "Oh, Mother"},
                    {"pid": "role", "v": "Director"},
                ],
            },
        },
    )
    plain = data["plain"]["result"]
    assert {c["id"] for c in plain} == {
        f"person/{kovalenko.pk}",
        f"person/{namesake.pk}",
    }
    assert not any(c["match"] for c in plain)
    best = data["film"]["result"][0]
    assert best["id"] == f"person/{kovalenko.pk}"
    assert best["match"] is True
    assert best["type"] == [{"id": "person", "name": "Person"}]


@pytest.mark.parametrize(
    "queries",
    [
        "{not json",
        "[1, 2]",
        '"text"',
        '{"q": "just text"}',
        '{"q": {"query": 12}}',
        '{"q": {"query": "x", "type": "planet"}}',
        '{"q": {"query": "x", "limit": "many"}}',
        '{"q": {"query": "x", "properties": {"pid": "year"}}}',
        '{"q": {"query": "x", "properties": [{"pid": "colour", "v": "red"}]}}',
        '{"q": {"query": "x", "properties": [{"pid": "year", "v": [[1]]}]}}',
        '{"q": {}}',
        json.dumps({f"q{i}": {"query": "x"} for i in range(51)}),
    ],
)
def test_a_batch_that_cannot_be_read_is_a_400_saying_why(client, db, queries):
    response = client.post("/reconcile", {"queries": queries})
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == "error" and body["message"]


def test_a_post_without_queries_is_a_400(client, db):
    assert client.post("/reconcile", {}).status_code == 400


def test_hostile_text_is_answered_not_crashed(client, archive):
    data = _reconcile(
        client,
        {
            "long": {"query": "fade " * 500},
            "symbols": {"query": "'; DROP TABLE film; -- %_\\ \u0000"},
            "empty": {"query": "", "properties": [{"pid": "year", "v": "2023"}]},
        },
    )
    assert data["empty"] == {"result": []}


def test_cross_origin_calls_are_allowed_here_only(client, db):
    origin = {"HTTP_ORIGIN": "http://127.0.0.1:3333"}
    assert client.get("/reconcile", **origin)["Access-Control-Allow-Origin"] == "*"
    page = client.get("/en/", **origin)
    assert not page.has_header("Access-Control-Allow-Origin")


def test_the_preview_shows_a_film_in_a_frame(client, archive):
    fade = archive["films"]["fade"]
    response = client.get("/reconcile/preview", {"id": f"film/{fade.pk}"})
    assert response.status_code == 200
    assert "Directed by Alisa Kovalenko." in response.content.decode()
    assert "X-Frame-Options" not in response
    for bad in ("film/abc", "planet/1", "", "film/99999999999999999999999"):
        assert client.get("/reconcile/preview", {"id": bad}).status_code == 404
