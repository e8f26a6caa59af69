"""Contact details and availability reach accredited professionals and staff,
and nobody else, on any surface: pages, the JSON API, JSON-LD, OAI-PMH, the
CSV download, the search index and the public export.

Each private value carries a marker no public text contains, so one test can
look for all of them in everything a surface returns. Every test also checks
that the professional does see them, so the marker would be found if it
leaked.
"""

import io

import pytest
from django.db import connection
from django.urls import reverse

from festarchive.catalogue.models import Role
from festarchive.catalogue.services import (
    company_create,
    credit_add,
    film_create,
    person_create,
)
from festarchive.catalogue.vocabulary import ensure_roles
from festarchive.professionals.models import Contact, FilmAvailability
from festarchive.search.indexer import rebuild_index

from .factories import make_professional, make_user

pytestmark = pytest.mark.django_db

EMAIL = "sales-desk@hidden-holder.example"
PHONE = "+31 20 555 0199"
WEBSITE = "https://hidden-holder.example/screeners"
PERSON_EMAIL = "producer-direct@hidden-holder.example"
NOTE = "Benelux rights reserved until the TV window closes"
MARKERS = ("hidden-holder", "555 0199", "555%200199", "TV window closes")


@pytest.fixture
def held_film():
    ensure_roles()
    film = film_create(
        title_en="The Quiet Harbour", year=2024, runtime_minutes=84, countries=["NL"]
    )
    sales = company_create(name="Northern Lights Sales", kind="sales", country="DK")
    producer = person_create(name="Mira Janssen")
    credit_add(film=film, role=Role.objects.get(slug="world-sales"), company=sales)
    credit_add(film=film, role=Role.objects.get(slug="production"), person=producer)
    Contact.objects.create(company=sales, email=EMAIL, phone=PHONE, website=WEBSITE)
    Contact.objects.create(person=producer, email=PERSON_EMAIL)
    FilmAvailability.objects.create(
        film=film, rights=["vod", "tv"], territories=["NL", "BE"], note=NOTE
    )
    rebuild_index()
    return film, sales, producer


def _leaks(text: str) -> list[str]:
    return [marker for marker in MARKERS if marker in text]


def _surfaces(client, film, sales, producer):
    """(name, text) of every public surface that shows the film or its people."""
    pages = {
        "film page": film.get_absolute_url(),
        "film page (nl)": film.get_absolute_url().replace("/en/", "/nl/", 1),
        "company page": sales.get_absolute_url(),
        "person page": producer.get_absolute_url(),
        "archive": reverse("search:archive"),
        "archive search": reverse("search:archive") + "?q=harbour",
        "archive filtered by rights": reverse("search:archive") + "?rights=vod",
        "CSV download": reverse("search:archive-csv") + "?q=harbour",
        "API film": f"/api/v1/films/{film.slug}",
        "API films": "/api/v1/films?q=harbour",
        "API company": f"/api/v1/companies/{sales.slug}",
        "API companies": "/api/v1/companies",
        "API person": f"/api/v1/people/{producer.slug}",
        "API people": "/api/v1/people",
        "OAI Dublin Core": "/oai?verb=ListRecords&metadataPrefix=oai_dc",
        "OAI films": "/oai?verb=ListRecords&metadataPrefix=fa_film",
        "home": reverse("home"),
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
        yield name, body.decode()


def _public_export() -> str:
    out = io.BytesIO()
    from festarchive.importers.management.commands.export import write_lines

    write_lines(out)
    return out.getvalue().decode()


def _tables_outside_professionals() -> str:
    """Every row of every table but the professionals' own: the search
    index's, the catalogue's history, the change records, the cache tables."""
    texts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table.startswith("professionals_"):
                continue
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - our own table names
            texts.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(texts)


@pytest.mark.parametrize("who", ["anonymous", "visitor", "expired professional"])
def test_no_public_surface_shows_private_details_to_the_wrong_user(
    client, held_film, who
):
    film, sales, producer = held_film
    if who == "visitor":
        client.force_login(make_user("curious@example.org"))
    elif who == "expired professional":
        client.force_login(make_professional("lapsed@example.org", days_left=-1))
    for name, text in _surfaces(client, film, sales, producer):
        assert not _leaks(text), (who, name, _leaks(text))
        assert PERSON_EMAIL not in text, (who, name)
    # Searching for the details finds nothing (the page repeats the words).
    for words in ("hidden-holder", "sales-desk", "0199", "TV window"):
        found = client.get(reverse("search:archive"), {"q": words})
        assert found.context["results"].total == 0, words


def test_the_public_export_and_the_search_index_hold_no_private_details(held_film):
    assert not _leaks(_public_export())
    assert not _leaks(_tables_outside_professionals())


def test_a_professional_sees_the_details_the_others_do_not(client, held_film):
    """The control: the markers are there to be found, for the right user."""
    film, sales, producer = held_film
    client.force_login(make_professional())
    page = client.get(film.get_absolute_url()).content.decode()
    assert EMAIL in page and PHONE in page and WEBSITE in page
    assert PERSON_EMAIL in page and NOTE in page
    assert "VOD" in page and "Belgium" in page
    assert EMAIL in client.get(sales.get_absolute_url()).content.decode()
    assert PERSON_EMAIL in client.get(producer.get_absolute_url()).content.decode()


def test_staff_see_the_details_too(staff_client, held_film):
    film, _sales, _producer = held_film
    page = staff_client.get(film.get_absolute_url()).content.decode()
    assert EMAIL in page and NOTE in page


def test_availability_filters_are_for_professionals_only(client, held_film):
    film, _sales, _producer = held_film
    other = film_create(title_en="Open Water", year=2024)
    rebuild_index()
    archive = reverse("search:archive")

    anonymous = client.get(archive, {"rights": "vod"})
    assert "Rights available" not in anonymous.content.decode()
    assert {f.slug for f in anonymous.context["results"].films} == {
        film.slug,
        other.slug,
    }, "the filter is ignored, not applied, for the public"

    client.force_login(make_professional())
    page = client.get(archive, {"rights": "vod"})
    html = page.content.decode()
    assert "Rights available" in html and "Only professionals see this filter." in html
    assert [f.slug for f in page.context["results"].films] == [film.slug]
    facets = {f.name: f for f in page.context["results"].facets}
    assert {v.value: v.count for v in facets["rights"].values} == {"vod": 1, "tv": 1}
    # The public facets count within the professional's filter.
    assert sum(v.count for v in facets["decade"].values) == 1

    by_territory = client.get(archive, {"territory": "be"})
    assert [f.slug for f in by_territory.context["results"].films] == [film.slug]
    nowhere = client.get(archive, {"territory": "JP"})
    assert nowhere.context["results"].films == []
    hostile = client.get(archive, {"territory": "<script>", "rights": "x" * 500})
    assert hostile.status_code == 200
    assert len(hostile.context["results"].films) == 2


def test_worldwide_availability_matches_every_territory(client, held_film):
    film, _sales, _producer = held_film
    availability = FilmAvailability.objects.get(film=film)
    availability.territories = ["WW"]
    availability.save()
    client.force_login(make_professional())
    page = client.get(reverse("search:archive"), {"territory": "JP"})
    assert [f.slug for f in page.context["results"].films] == [film.slug]


def test_a_professionals_page_never_reaches_the_page_cache(client, held_film, settings):
    """With the page cache on, what a professional was shown is not what the
    next anonymous visitor gets."""
    from django.test import Client

    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "PAGE_CACHE": True}
    film, sales, _producer = held_film
    client.force_login(make_professional())
    for url in (film.get_absolute_url(), sales.get_absolute_url()):
        response = client.get(url)
        assert EMAIL in response.content.decode()
        assert "private" in response["Cache-Control"]
    anonymous = Client()
    for url in (film.get_absolute_url(), sales.get_absolute_url()):
        for _ in range(2):  # the second from the cache
            response = anonymous.get(url)
            assert not _leaks(response.content.decode()), url
