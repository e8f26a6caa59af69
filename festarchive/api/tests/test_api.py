"""The JSON API through HTTP: whole answers, envelopes, paging, caching, limits."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from festarchive.catalogue.models import Film, Person
from festarchive.demo.generator import generate_catalogue
from festarchive.search.indexer import rebuild_index

pytestmark = pytest.mark.django_db

EXPECTED = Path(__file__).parent / "expected"
FILM = "/api/v1/films/we-will-not-fade-away-2023"


def _json(response, status=200):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def _expected(name: str) -> dict:
    return json.loads((EXPECTED / name).read_text(encoding="utf-8"))


def test_reference_film_whole_answer(client, reference_film):
    answer = _json(client.get(FILM))
    answer["data"]["updated_at"] = "(changes)"
    assert answer == _expected("film-en.json")


def test_reference_film_whole_answer_in_dutch(client, reference_film):
    answer = _json(client.get(FILM, {"lang": "nl"}))
    answer["data"]["updated_at"] = "(changes)"
    assert answer == _expected("film-nl.json")


def test_film_search_has_the_archive_facets_and_envelope(client, reference_film):
    answer = _json(client.get("/api/v1/films", {"q": "donbas", "country": "UA"}))
    assert [f["slug"] for f in answer["data"]] == ["we-will-not-fade-away-2023"]
    assert answer["meta"]["count"] == 1
    assert answer["meta"]["next_cursor"] is None
    country = next(f for f in answer["meta"]["facets"] if f["name"] == "country")
    assert {"value": "UA", "label": "Ukraine", "count": 1, "active": True} in country[
        "values"
    ]
    assert answer["links"]["html"] == "/en/archive/?q=donbas&country=UA"


def test_film_search_pages_through_every_result_with_cursors(client, reference_film):
    generate_catalogue(films=30, seed=4)
    rebuild_index()
    total = Film.objects.published().count()
    seen, url = [], "/api/v1/films?limit=7&sort=title"
    while url:
        answer = _json(client.get(url))
        seen += [f["slug"] for f in answer["data"]]
        url = answer["links"]["next"]
        assert len(seen) <= total
    assert len(seen) == len(set(seen)) == total


def test_a_cursor_belongs_to_its_search(client, reference_film):
    generate_catalogue(films=10, seed=4)
    rebuild_index()
    cursor = _json(client.get("/api/v1/films?limit=2"))["meta"]["next_cursor"]
    error = _json(
        client.get("/api/v1/films", {"limit": 2, "q": "x", "cursor": cursor}), 400
    )
    assert error["error"]["code"] == "bad_cursor"


def test_record_lists_page_in_a_stable_order(client, reference_film):
    people = set(Person.objects.values_list("slug", flat=True))
    seen, url = [], "/api/v1/people?limit=3"
    while url:
        answer = _json(client.get(url))
        seen += [p["slug"] for p in answer["data"]]
        url = answer["links"]["next"]
    assert seen == sorted(seen, key=lambda s: Person.objects.get(slug=s).pk)
    assert set(seen) == people


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/v1/films/no-such-film", 404, "not_found"),
        ("/api/v1/people/nobody", 404, "not_found"),
        ("/api/v1/films?limit=0", 400, "invalid_parameter"),
        ("/api/v1/films?limit=101", 400, "invalid_parameter"),
        ("/api/v1/people?cursor=not-a-cursor", 400, "bad_cursor"),
        ("/api/v1/people?cursor=eyJhZnRlciI6LTF9", 400, "bad_cursor"),  # after: -1
    ],
)
def test_every_error_has_one_shape(client, reference_film, url, status, code):
    error = _json(client.get(url), status)["error"]
    assert error["status"] == status and error["code"] == code
    assert isinstance(error["message"], str) and isinstance(error["details"], list)


def test_conditional_requests_get_304(client, reference_film):
    first = client.get(FILM)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(FILM, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(FILM, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    Film.objects.filter(pk=reference_film.pk).update(runtime_minutes=99)
    changed = client.get(FILM, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    # The Dutch answer is another representation with its own tag.
    assert client.get(FILM, {"lang": "nl"})["ETag"] != changed["ETag"]


def test_cors_is_open_for_reading(client, reference_film):
    response = client.get(FILM, HTTP_ORIGIN="https://archive.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        FILM,
        HTTP_ORIGIN="https://archive.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    # Pages outside the API do not open up.
    page = client.get("/en/", HTTP_ORIGIN="https://archive.example.org")
    assert "Access-Control-Allow-Origin" not in page


def test_each_client_is_rate_limited(client, reference_film, settings):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "API_RATE": "3/min"}
    for _ in range(3):
        assert client.get("/api/v1/vocabularies/roles").status_code == 200
    limited = client.get("/api/v1/vocabularies/roles")
    error = _json(limited, 429)["error"]
    assert error["code"] == "rate_limited"
    assert 1 <= int(limited["Retry-After"]) <= 60
    other = client.get("/api/v1/vocabularies/roles", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_a_forwarded_for_header_does_not_escape_the_limit(client, settings):
    """With no proxy of ours configured, X-Forwarded-For is the client's own
    say: ignored."""
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "API_RATE": "3/min"}
    answers = [
        client.get(
            "/api/v1/vocabularies/roles", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        ).status_code
        for n in range(5)
    ]
    assert answers == [200, 200, 200, 429, 429]


def test_behind_one_proxy_the_address_it_adds_is_the_client(client, settings):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "API_RATE": "3/min"}
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1

    def get(forwarded_for: str) -> int:
        return client.get(
            "/api/v1/vocabularies/roles",
            REMOTE_ADDR="10.0.0.2",  # the proxy
            HTTP_X_FORWARDED_FOR=forwarded_for,
        ).status_code

    # What the client wrote before the proxy's entry changes nothing.
    answers = [get(f"198.51.100.{n}, 192.0.2.1") for n in range(4)]
    assert answers == [200, 200, 200, 429]
    assert get("192.0.2.1") == 429
    # Another client, behind the same proxy, has a budget of its own.
    assert get("192.0.2.2") == 200
    assert get("192.0.2.1, 192.0.2.2") == 200


def test_a_request_with_fewer_forwarded_addresses_than_proxies_is_served(
    client, settings
):
    """Sent round the proxies, a request names fewer addresses than there
    are proxies: its own peer is then the client, not a server error."""
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "API_RATE": "2/min"}
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    answers = [
        client.get(
            "/api/v1/vocabularies/roles",
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(3)
    ]
    assert answers == [200, 200, 429]


def test_labels_follow_lang(client, reference_film):
    roles = _json(client.get("/api/v1/vocabularies/roles", {"lang": "nl"}))["data"]
    assert roles[0] == {
        "slug": "director",
        "name": "Regie",
        "name_en": "Director",
        "name_nl": "Regie",
        "order": 10,
    }
    countries = _json(client.get("/api/v1/vocabularies/countries", {"lang": "nl"}))
    names = {c["code"]: c for c in countries["data"]}
    assert names["NL"]["name"] == "Nederland"
    assert names["SUHH"]["historical"] is True


def test_festival_edition_and_section_records(client, reference_film):
    festival = _json(client.get("/api/v1/festivals/idfa"))["data"]
    assert festival["is_host"] is True and festival["country"]["code"] == "NL"
    edition = _json(client.get("/api/v1/editions/idfa-2023"))["data"]
    assert (edition["name"], edition["year"]) == ("IDFA 2023", 2023)
    section = _json(client.get("/api/v1/sections/best-of-fests"))["data"]
    assert section["festival"]["slug"] == "idfa"
    person = _json(client.get("/api/v1/people/valery-kalmykov"))["data"]
    assert {
        "film": {
            "slug": "we-will-not-fade-away-2023",
            "name": "We Will Not Fade Away",
            "url": FILM,
        },
        "year": 2023,
        "role": {"code": "production", "name": "Production"},
        "company": {
            "slug": "trueman-production",
            "name": "Trueman Production",
            "url": "/api/v1/companies/trueman-production",
        },
        "person": {
            "slug": "valery-kalmykov",
            "name": "Valery Kalmykov",
            "url": "/api/v1/people/valery-kalmykov",
        },
    } in person["filmography"]


@pytest.mark.parametrize(
    ("page", "twin"),
    [
        ("/en/films/we-will-not-fade-away-2023/", FILM),
        ("/en/people/valery-kalmykov/", "/api/v1/people/valery-kalmykov"),
        ("/en/companies/trueman-production/", "/api/v1/companies/trueman-production"),
        ("/en/festivals/idfa/", "/api/v1/festivals/idfa"),
        ("/en/editions/idfa-2023/", "/api/v1/editions/idfa-2023"),
        ("/en/sections/best-of-fests/", "/api/v1/sections/best-of-fests"),
        ("/en/awards/", "/api/v1/awards"),
        ("/en/awards/audience-award/", "/api/v1/awards/audience-award"),
        ("/en/archive/?q=donbas", "/api/v1/films?q=donbas"),
    ],
)
def test_every_public_page_links_its_json_twin(client, reference_film, page, twin):
    html = client.get(page).content.decode()
    assert f'<link rel="alternate" type="application/json" href="{twin}">' in html
    assert client.get(twin).status_code == 200


def test_the_schema_matches_the_committed_snapshot(client):
    """Any change to the API shows up here: update the snapshot on purpose with
    `make api-schema` and review the difference."""
    schema = _json(client.get(reverse("api:openapi-json")))
    assert schema["openapi"].startswith("3.1")
    snapshot = Path(__file__).resolve().parents[3] / "docs" / "api" / "openapi.json"
    assert schema == json.loads(snapshot.read_text(encoding="utf-8"))
