"""A donor's name, e-mail address and dedication reach staff with the right
permission and the donor's own data download, and no other surface: public
pages, the JSON API, JSON-LD, OAI-PMH, the search, the public export, the
page cache, or the tables other apps keep (search index, change records).

Each private value carries a marker no public text contains; every test
also checks the marker is found where it belongs, so it would be found if
it leaked.
"""

import io

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from festarchive.donations.models import Donation

from .conftest import checkout, deliver, start
from .factories import make_staff, make_user

pytestmark = pytest.mark.django_db

EMAIL = "secret-donor@hidden-giver.example"
NAME = "Quirinus Hiddengiver"
DEDICATION = "In memory of Aunt Zebedea"
MARKERS = ("hidden-giver", "Hiddengiver", "Zebedea")


def _leaks(text: str) -> list[str]:
    return [marker for marker in MARKERS if marker in text]


@pytest.fixture
def gift(client, standin, demo_catalogue):
    checkout(
        start(
            client,
            kind="monthly",
            email=EMAIL,
            name=NAME,
            dedication=DEDICATION,
        ),
        "paid",
    )
    deliver(standin, client)
    client.logout()
    return Donation.objects.get()


def _public_pages(film) -> dict[str, str]:
    return {
        "home": reverse("home"),
        "donate": reverse("donations:donate"),
        "donate (nl)": "/nl/donate/",
        "film page": film.get_absolute_url(),
        "archive": reverse("search:archive"),
        "CSV download": reverse("search:archive-csv"),
        "API films": "/api/v1/films",
        "API film": f"/api/v1/films/{film.slug}",
        "OAI Dublin Core": "/oai?verb=ListRecords&metadataPrefix=oai_dc",
    }


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "visitor", "staff without permission"])
def test_no_public_surface_shows_a_donor_to_the_wrong_user(
    client, gift, demo_catalogue, who
):
    if who == "visitor":
        client.force_login(make_user("curious@example.org"))
    elif who == "staff without permission":
        client.force_login(make_staff("catalogue@example.org"))
    for name, url in _public_pages(demo_catalogue["film"]).items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        assert not _leaks(_body(response)), (who, name)
    # Searching for the donor finds nothing (the page repeats the words).
    for words in MARKERS:
        found = client.get(reverse("search:archive"), {"q": words})
        assert found.context["results"].total == 0, words
        api = client.get("/api/v1/films", {"q": words}).json()
        assert api["data"] == [], words
    # The donor's own pages, from the receipt's links, show the gift alone.
    from festarchive.donations.queries import cancel_path

    page = client.get(cancel_path(gift))
    assert page.status_code == 200
    assert not _leaks(page.content.decode())
    for url in (
        "/en/admin/donations/donation/",
        f"/en/admin/donations/donation/{gift.pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), (who, url)
        assert not _leaks(response.content.decode())
    # The data download is the visitor's own, not the donor's.
    if who != "anonymous":
        assert not _leaks(client.get(reverse("accounts:data-json")).content.decode())


def test_the_public_export_and_other_apps_tables_hold_no_donor(gift):
    from festarchive.importers.management.commands.export import write_lines

    out = io.BytesIO()
    write_lines(out)
    assert not _leaks(out.getvalue().decode())
    texts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table.startswith("donations_"):
                continue
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - our own table names
            texts.extend(repr(row) for row in cursor.fetchall())
    assert not _leaks("\n".join(texts))


def test_staff_with_the_permission_see_the_donor(client, gift):
    """The control: the markers are there to be found, by the right user."""
    client.force_login(make_staff("desk@example.org", "view_donation"))
    page = client.get(
        f"/en/admin/donations/donation/{gift.pk}/change/"
    ).content.decode()
    assert EMAIL in page and NAME in page and DEDICATION in page


def test_donation_pages_never_reach_the_page_cache(client, standin, settings):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "PAGE_CACHE": True}
    for _ in range(2):
        response = Client().get("/en/donate/")
        assert response["Cache-Control"] == "private, no-store"
        assert "csrfmiddlewaretoken" in response.content.decode()
    tokens = {Client().get("/en/donate/").cookies["csrftoken"].value for _ in range(2)}
    assert len(tokens) == 2  # a fresh page each time, not a kept copy
