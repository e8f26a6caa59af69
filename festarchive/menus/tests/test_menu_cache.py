"""A menu is on every page: changing it shows on cached pages at once."""

import pytest

from festarchive.editorial.models import EditorialPage
from festarchive.menus.models import Menu, MenuItem

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("serial"),
]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "PAGE_CACHE": True}


def test_a_menu_edit_retires_every_cached_page(client, home):
    client.get("/en/archive/")
    assert client.get("/en/archive/")["X-Cache"] == "hit"
    menu = Menu(place="header")
    menu.items = [MenuItem(label="Tickets", url="https://tickets.example.org/")]
    menu.save()
    response = client.get("/en/archive/")
    assert response["X-Cache"] == "miss"
    assert b">Tickets</a>" in response.content


def test_unpublishing_a_page_in_a_menu_retires_every_cached_page(client, home):
    page = EditorialPage(title="The institute", slug="institute")
    home.add_child(instance=page)
    page.save_revision().publish()
    menu = Menu(place="header")
    menu.items = [MenuItem(label="Institute", page=page)]
    menu.save()
    client.get("/en/archive/")
    assert client.get("/en/archive/")["X-Cache"] == "hit"
    page.unpublish()
    response = client.get("/en/archive/")
    assert response["X-Cache"] == "miss"
    assert b">Institute</a>" not in response.content


def test_a_new_translation_of_a_page_in_a_menu_shows_in_the_dutch_menu(client, home):
    from festarchive.editorial.services import translate

    page = EditorialPage(title="The institute", slug="institute")
    home.add_child(instance=page)
    page.save_revision().publish()
    menu = Menu(place="header")
    menu.items = [MenuItem(label="Institute", page=page)]
    menu.save()
    # A footer of staff's own too: the defaults look for top pages by slug.
    footer = Menu(place="footer")
    footer.items = [MenuItem(label="Archive", address="archive")]
    footer.save()
    client.get("/nl/archive/")
    assert client.get("/nl/archive/")["X-Cache"] == "hit"
    # The same slug in Dutch: no new address elsewhere retires the pages.
    translate(
        page,
        language_code="nl",
        texts={"The institute": "Het instituut", "institute": "institute"},
    )
    response = client.get("/nl/archive/")
    assert response["X-Cache"] == "miss"
    assert b'href="/nl/institute/"' in response.content
