"""The header and footer menus: defaults, staff's own, in both languages."""

import re

import pytest
from django.core.exceptions import ValidationError

from festarchive.editorial.models import EditorialPage
from festarchive.editorial.services import translate
from festarchive.menus.models import Menu, MenuItem
from festarchive.menus.queries import menu_links


def _header(html: str) -> list[tuple[str, str]]:
    nav = html.split('class="site-nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)


def _footer(html: str) -> list[tuple[str, str]]:
    footer = html.split('class="site-footer"', 1)[1]
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', footer)


def _page(home, slug, title):
    page = EditorialPage(title=title, slug=slug)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_the_default_menus_lead_to_the_site_s_own_pages(client, home):
    html = client.get("/en/archive/").content.decode()
    assert _header(html) == [
        ("/en/festival/", "Festival"),
        ("/en/professionals/", "Professionals"),
        ("/en/donate/", "Donate"),
        ("/en/about/", "About"),
        ("/en/archive/", "Archive"),
    ]
    assert 'href="/en/archive/" aria-current="page"' in html
    assert ("/en/about/", "About the archive") in _footer(html)


@pytest.mark.django_db
def test_a_default_item_for_a_page_shows_once_the_page_is_published(client, home):
    _page(home, "institute", "The institute")
    html = client.get("/nl/archive/").content.decode()
    assert _header(html)[0] == ("/en/institute/", "Instituut")


def _staff_menu(home):
    institute = _page(home, "institute", "The institute")
    menu = Menu(place="header")
    menu.items = [
        MenuItem(label="Institute", page=institute),
        MenuItem(label="Archive", address="archive"),
        MenuItem(label="Shop", url="https://shop.example.org/"),
    ]
    menu.save()
    return menu, institute


@pytest.mark.django_db
def test_staff_s_menu_replaces_the_defaults(client, home):
    _staff_menu(home)
    html = client.get("/en/").content.decode()
    assert _header(html) == [
        ("/en/institute/", "Institute"),
        ("/en/archive/", "Archive"),
        ("https://shop.example.org/", "Shop"),
    ]
    # The footer has no menu of staff's: its defaults stay.
    assert ("/en/about/", "About the archive") in _footer(html)


@pytest.mark.django_db
def test_a_link_to_an_unpublished_page_is_left_out(client, home):
    _menu, institute = _staff_menu(home)
    institute.unpublish()
    labels = [label for _url, label in _header(client.get("/en/").content.decode())]
    assert labels == ["Archive", "Shop"]


def _translate(instance, texts, capture_on_commit):
    with capture_on_commit(execute=True):
        translated = translate(instance, language_code="nl", texts=texts)
    translated.refresh_from_db()
    return translated


@pytest.mark.django_db
def test_the_dutch_menu_is_the_english_one_translated(
    client, home, django_capture_on_commit_callbacks
):
    menu, institute = _staff_menu(home)
    _translate(
        institute,
        {"The institute": "Het instituut", "institute": "instituut"},
        django_capture_on_commit_callbacks,
    )
    _translate(
        menu,
        {"Institute": "Instituut", "Archive": "Archief", "Shop": "Winkel"},
        django_capture_on_commit_callbacks,
    )
    assert _header(client.get("/nl/").content.decode()) == [
        ("/nl/instituut/", "Instituut"),
        ("/nl/archive/", "Archief"),
        ("https://shop.example.org/", "Winkel"),
    ]
    # English pages keep the English menu.
    assert _header(client.get("/en/").content.decode())[0] == (
        "/en/institute/",
        "Institute",
    )


@pytest.mark.django_db
def test_an_english_menu_not_yet_translated_serves_the_dutch_pages(client, home):
    _staff_menu(home)
    assert [label for _u, label in _header(client.get("/nl/").content.decode())] == [
        "Institute",
        "Archive",
        "Shop",
    ]


@pytest.mark.django_db
def test_a_link_names_exactly_one_destination(home):
    with pytest.raises(ValidationError):
        MenuItem(label="Nowhere").clean()
    with pytest.raises(ValidationError):
        MenuItem(label="Two", address="archive", url="https://example.org/").clean()
    MenuItem(label="One", address="archive").clean()


@pytest.mark.django_db
def test_a_site_address_this_installation_lacks_is_left_out(home):
    menu = Menu(place="footer")
    menu.items = [
        MenuItem(label="Gone", address="no-such-address"),
        MenuItem(label="Archive", address="archive"),
    ]
    menu.save()
    assert [link.label for link in menu_links("footer")] == ["Archive"]


@pytest.mark.django_db
def test_staff_edit_menus_in_the_page_admin(staff_client, home):
    assert staff_client.get("/cms/snippets/menus/menu/").status_code == 200
    assert staff_client.get("/cms/snippets/menus/menu/add/").status_code == 200
