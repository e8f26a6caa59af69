"""A film's links to other registers are the same wherever the archive
gives them: the page, its JSON-LD, both OAI-PMH formats and the API."""

import json
import re

import pytest
from lxml import etree

from festarchive.catalogue.models import Film
from festarchive.oai.tests.support import ADMIN_EMAIL, NS

pytestmark = pytest.mark.django_db

IDS = {
    "imdb_id": "tt1234567",
    "wikidata_id": "Q123",
    "eidr_id": "10.5240/ABCD-1234-ABCD-1234-ABCD-X",
}
EXPECTED = [
    ("imdb", "tt1234567", "https://www.imdb.com/title/tt1234567/"),
    ("wikidata", "Q123", "https://www.wikidata.org/wiki/Q123"),
    (
        "eidr",
        "10.5240/ABCD-1234-ABCD-1234-ABCD-X",
        "https://doi.org/10.5240/ABCD-1234-ABCD-1234-ABCD-X",
    ),
]


@pytest.fixture
def film(reference_film, settings):
    settings.FESTARCHIVE_OAI = {"ADMIN_EMAIL": ADMIN_EMAIL}
    Film.objects.filter(pk=reference_film.pk).update(**IDS)
    return Film.objects.get(pk=reference_film.pk)


def test_the_model_builds_the_links(film):
    assert [(link.scheme, link.id, link.url) for link in film.external_links()] == (
        EXPECTED
    )


def test_page_jsonld_oai_and_api_agree(client, film):
    urls = [url for _scheme, _id, url in EXPECTED]

    page = client.get(film.get_absolute_url()).content.decode()
    assert re.findall(r'<a href="([^"]+)" rel="external">', page) == urls

    script = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', page, re.S
    ).group(1)
    assert json.loads(script)["sameAs"] == urls

    def record(prefix):
        response = client.get(
            "/oai",
            {
                "verb": "GetRecord",
                "metadataPrefix": prefix,
                "identifier": f"oai:testserver:film/{film.slug}",
            },
        )
        return etree.fromstring(response.content).find(".//oai:metadata/*", NS)

    dc = record("oai_dc")
    identifiers = [i.text for i in dc.iterfind("dc:identifier", NS)]
    assert identifiers[1:] == urls  # after the film's own page

    fa = record("fa_film")
    assert [
        (i.get("scheme"), i.text, i.get("href"))
        for i in fa.iterfind("fa:identifier", NS)
        if i.get("href")
    ] == EXPECTED

    # The API gives the ids, which the links are built from.
    api = client.get(f"/api/v1/films/{film.slug}").json()["data"]
    assert api["identifiers"] == {scheme: id_ for scheme, id_, _url in EXPECTED}
