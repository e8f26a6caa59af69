"""A real OAI-PMH client (Sickle) harvesting the archive from a running server."""

import datetime as dt
import math
import time

import pytest
from django.db import transaction
from sickle import Sickle, oaiexceptions
from sickle.iterator import OAIResponseIterator

from festarchive.catalogue.models import Film, Person
from festarchive.catalogue.services import film_title_add
from festarchive.demo.generator import generate_catalogue
from festarchive.demo.loader import REFERENCE_FILM_SLUG, load_reference_film
from festarchive.search.indexer import rebuild_index

from .support import NS, valid_document

pytestmark = pytest.mark.django_db(transaction=True)

FILMS = 250
UNPUBLISHED = 12


@pytest.fixture
def archive(live_server):
    """A generated archive of 250 films and the reference film, indexed, with
    a dozen films unpublished; the server's address and the published slugs."""
    generate_catalogue(films=FILMS, seed=2023)
    load_reference_film()
    rebuild_index()
    others = list(Film.objects.exclude(slug=REFERENCE_FILM_SLUG).order_by("pk"))
    for film in others[::20][:UNPUBLISHED]:
        film.is_published = False
        film.save()
    published = set(Film.objects.published().values_list("slug", flat=True))
    assert len(published) == FILMS + 1 - UNPUBLISHED
    return f"{live_server.url}/oai", published


def slugs(items) -> list[str]:
    return [item.header.identifier.rsplit("/", 1)[1] for item in items]


def header_slugs(headers) -> list[str]:
    return [header.identifier.rsplit("/", 1)[1] for header in headers]


def test_harvesting_every_record_gives_exactly_the_published_films(archive):
    url, published = archive
    for method in ("GET", "POST"):
        client = Sickle(url, http_method=method)
        records = list(client.ListRecords(metadataPrefix="oai_dc"))
        assert len(records) == len(published)  # three pages of 100
        assert set(slugs(records)) == published
        assert not any(record.deleted for record in records)
        films = list(client.ListRecords(metadataPrefix="fa_film"))
        assert set(slugs(films)) == published
        headers = list(client.ListIdentifiers(metadataPrefix="oai_dc"))
        assert sorted(header_slugs(headers)) == sorted(published)


def test_identifiers_page_too(archive, settings):
    url, published = archive
    settings.FESTARCHIVE_OAI = {"IDENTIFIERS_PER_PAGE": 60}
    responses = list(
        Sickle(url, iterator=OAIResponseIterator).ListIdentifiers(
            metadataPrefix="oai_dc"
        )
    )
    assert len(responses) == math.ceil(len(published) / 60)
    found = []
    for response in responses:
        document = valid_document(response.raw.encode())
        found += [
            e.text.rsplit("/", 1)[1]
            for e in document.iterfind(".//oai:header/oai:identifier", NS)
        ]
    assert sorted(found) == sorted(published)


def test_every_response_is_valid_oai_pmh(archive):
    url, _published = archive
    client = Sickle(url, iterator=OAIResponseIterator)
    for response in client.ListRecords(metadataPrefix="fa_film"):
        valid_document(response.raw.encode())
    for response in client.ListSets():
        valid_document(response.raw.encode())
    valid_document(client.harvest(verb="Identify").raw.encode())


def _next_second() -> dt.datetime:
    """Wait for the next whole second; every earlier change is dated before it."""
    now = time.time()
    time.sleep(math.floor(now) + 1 - now + 0.01)
    return dt.datetime.fromtimestamp(math.floor(now) + 1, tz=dt.UTC)


def test_selective_harvest_from_a_time_gives_the_films_changed_since(archive):
    url, published = archive
    client = Sickle(url)
    since = _next_second()
    changed = Film.objects.published().exclude(slug=REFERENCE_FILM_SLUG).first()
    film_title_add(film=changed, title="A title added later", kind="alternative")
    stamp = since.strftime("%Y-%m-%dT%H:%M:%SZ")
    headers = list(client.ListIdentifiers(metadataPrefix="oai_dc", **{"from": stamp}))
    assert header_slugs(headers) == [changed.slug]
    assert headers[0].datestamp >= stamp

    # A renamed director changes every film they directed.
    person = Person.objects.get(
        credits__film__slug=REFERENCE_FILM_SLUG, credits__role__slug="director"
    )
    person.name = f"{person.name} (renamed)"
    with transaction.atomic():  # as the admin saves
        person.save()
    expected = set(
        Film.objects.published()
        .filter(credits__person=person)
        .values_list("slug", flat=True)
    ) | {changed.slug}
    records = list(client.ListRecords(metadataPrefix="oai_dc", **{"from": stamp}))
    assert set(slugs(records)) == expected
    day = since.strftime("%Y-%m-%d")
    today = client.ListIdentifiers(metadataPrefix="oai_dc", **{"from": day})
    assert expected <= set(header_slugs(today)) <= published


def test_get_record_of_the_reference_film_carries_its_facts(archive):
    url, _published = archive
    client = Sickle(url)
    identifier = f"oai:localhost:film/{REFERENCE_FILM_SLUG}"
    record = client.GetRecord(identifier=identifier, metadataPrefix="oai_dc")
    assert record.header.identifier == identifier
    assert "edition:idfa-2023" in record.header.setSpecs
    assert "section:best-of-fests" in record.header.setSpecs
    metadata = record.metadata
    assert metadata["title"][:3] == [
        "We Will Not Fade Away",
        "Ми не згаснемо",
        "My ne zgasnemo",
    ]
    assert metadata["creator"] == ["Alisa Kovalenko"]
    assert (
        "Valery Kalmykov, Trueman Production (Production)" in (metadata["contributor"])
    )
    assert metadata["date"] == ["2023"]
    assert metadata["coverage"] == ["Ukraine", "France", "Poland"]
    assert metadata["type"] == ["MovingImage"]
    assert metadata["format"] == ["100 min"]
    assert metadata["description"][0].startswith("Since 2014, war has been part")
    assert metadata["description"][1].startswith("Sinds 2014 hoort oorlog")
    assert f"{url[:-4]}/en/films/{REFERENCE_FILM_SLUG}/" in metadata["identifier"]
    assert f"{url[:-4]}/en/editions/idfa-2023/" in metadata["relation"]

    film = client.GetRecord(identifier=identifier, metadataPrefix="fa_film")
    assert film.metadata["yearOfReference"] == ["2023"]
    assert film.metadata["duration"] == ["100"]
    assert film.metadata["countryOfReference"] == ["Ukraine", "France", "Poland"]


def test_each_error_reaches_the_client(archive):
    url, _published = archive
    client = Sickle(url)
    with pytest.raises(oaiexceptions.BadVerb):
        OAIResponseIterator(client, {"verb": "Harvest"})
    with pytest.raises(oaiexceptions.BadArgument):
        client.ListRecords(metadataPrefix="oai_dc", **{"from": "last week"})
    with pytest.raises(oaiexceptions.BadArgument):
        client.ListRecords(
            metadataPrefix="oai_dc", **{"from": "2024-02-01", "until": "2024-01-01"}
        )
    with pytest.raises(oaiexceptions.BadResumptionToken):
        client.ListRecords(resumptionToken="not-a-token")
    with pytest.raises(oaiexceptions.CannotDisseminateFormat):
        client.ListRecords(metadataPrefix="marc21")
    with pytest.raises(oaiexceptions.IdDoesNotExist):
        client.GetRecord(
            identifier="oai:localhost:film/nothing", metadataPrefix="oai_dc"
        )
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        client.ListIdentifiers(metadataPrefix="oai_dc", **{"from": "2999-01-01"})
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        client.ListIdentifiers(metadataPrefix="oai_dc", set="edition:no-such-edition")
