"""Absolute addresses start with the site's address when it is set, never
with the Host header a request happened to carry."""

import re

import pytest

from festarchive.testing.html import json_ld

# --- Absolute addresses -------------------------------------------------------

SITE = "https://archive.example.org"
# A host ALLOWED_HOSTS lets through (it compares names, not ports).
ELSEWHERE = {"HTTP_HOST": "localhost:6666"}
FILM = "/en/films/we-will-not-fade-away-2023/"


@pytest.fixture
def site_url(settings):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "SITE_URL": SITE}
    return SITE


def _urls(data) -> list[str]:
    """Every "url" and "image" in a JSON-LD block, however deep."""
    if isinstance(data, list):
        return [url for item in data for url in _urls(item)]
    if not isinstance(data, dict):
        return []
    found = [v for k, v in data.items() if k in ("url", "image")]
    return found + _urls([v for v in data.values() if isinstance(v, dict | list)])


@pytest.mark.parametrize(
    "path", [FILM, "/en/editions/idfa-2023/", "/en/people/alisa-kovalenko/"]
)
def test_pages_link_to_the_site_url_whatever_the_host(
    client, reference_film, site_url, path
):
    page = client.get(path, **ELSEWHERE).content.decode()
    assert "6666" not in page
    alternates = re.findall(
        r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"', page
    )
    assert alternates == [
        f"{SITE}{path}",
        f"{SITE}{path.replace('/en/', '/nl/', 1)}",
        f"{SITE}{path}",
    ]
    (block,) = json_ld(page)
    assert block["url"] == f"{SITE}{path}"
    assert all(url.startswith(f"{SITE}/") for url in _urls(block))


def test_oai_pmh_names_the_site_url_whatever_the_host(client, reference_film, site_url):
    identify = client.get("/oai", {"verb": "Identify"}, **ELSEWHERE)
    assert f"<baseURL>{SITE}/oai</baseURL>" in identify.content.decode()
    record = client.get(
        "/oai",
        {
            "verb": "GetRecord",
            "metadataPrefix": "oai_dc",
            "identifier": "oai:archive.example.org:film/we-will-not-fade-away-2023",
        },
        **ELSEWHERE,
    ).content.decode()
    assert f"<dc:identifier>{SITE}{FILM}</dc:identifier>" in record
    assert "6666" not in record


def test_downloads_and_shared_lists_use_the_site_url(client, reference_film, site_url):
    from festarchive.lists.services import list_create, list_set_public
    from festarchive.lists.tests.test_lists import make_visitor

    response = client.get("/en/archive/films.csv", **ELSEWHERE)
    text = b"".join(response.streaming_content).decode()
    assert f"{SITE}{FILM}" in text and "6666" not in text

    visitor = make_visitor()
    film_list = list_set_public(
        film_list=list_create(user=visitor, name="Shared"), public=True
    )
    client.force_login(visitor)
    page = client.get(film_list.get_absolute_url(), **ELSEWHERE).content.decode()
    assert f'href="{SITE}{film_list.get_public_url()}"' in page
    assert "6666" not in page


def test_without_a_site_url_links_follow_the_host(client, reference_film):
    page = client.get(FILM, HTTP_HOST="localhost:8000").content.decode()
    (block,) = json_ld(page)
    assert block["url"] == f"http://localhost:8000{FILM}"


@pytest.mark.parametrize(
    "value", ["archive.example.org", "https://", "https://x.org/archive", "ftp://x.org"]
)
def test_a_site_url_is_a_scheme_and_a_host(value):
    from django.core.exceptions import ImproperlyConfigured

    from config.settings.base import site_url

    assert site_url("https://archive.example.org/") == SITE
    assert site_url("") == ""
    with pytest.raises(ImproperlyConfigured):
        site_url(value)
