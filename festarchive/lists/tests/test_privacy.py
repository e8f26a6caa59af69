"""Nobody reaches another visitor's private lists or favourites, and nothing a
visitor types runs as code on anyone's page."""

import pytest
from django.contrib.auth import get_user, get_user_model
from django.urls import reverse

from festarchive.catalogue.services import film_create
from festarchive.lists.models import Favourite, FilmList, FilmListItem
from festarchive.lists.services import list_set_public
from festarchive.testing.hostile import ODD_NUMBERS, in_other_digits

from .test_lists import make_visitor

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("list")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def film():
    return film_create(title_en="Private Matters", year=2022, runtime_minutes=90)


@pytest.fixture
def owners_list(film):
    owner = make_visitor("owner@example.org")
    film_list = FilmList.objects.create(user=owner, name="Owner's list")
    item = FilmListItem.objects.create(film_list=film_list, film=film, note="secret")
    Favourite.objects.create(user=owner, film=film)
    return film_list, item


@pytest.fixture
def intruder(client):
    client.force_login(make_visitor("intruder@example.org"))
    return client


def test_another_visitors_list_is_not_found_whatever_is_tried(
    intruder, owners_list, film
):
    film_list, item = owners_list
    pk = film_list.pk
    assert intruder.get(reverse("lists:list-detail", args=[pk])).status_code == 404
    attempts = [
        (
            reverse("lists:list-detail", args=[pk]),
            {"name": "Mine now", "description": ""},
        ),
        (reverse("lists:list-share", args=[pk]), {"public": "1"}),
        (reverse("lists:list-delete", args=[pk]), {}),
        (reverse("lists:item-remove", args=[pk, item.pk]), {}),
        (reverse("lists:item-move", args=[pk, item.pk]), {"to": "up"}),
        (reverse("lists:item-note", args=[pk, item.pk]), {"note": "changed"}),
        (reverse("lists:list-add", args=[film.slug]), {"film_list": pk}),
    ]
    for url, data in attempts:
        assert intruder.post(url, data).status_code == 404, url
    film_list.refresh_from_db()
    item.refresh_from_db()
    assert (film_list.name, film_list.is_public, film_list.share_token) == (
        "Owner's list",
        False,
        None,
    )
    assert item.note == "secret" and film_list.items.count() == 1


def test_a_list_named_in_other_digits_is_not_found(intruder, film):
    """Not even the visitor's own list, whose id ``int()`` would read."""
    own = FilmList.objects.create(user=get_user(intruder), name="Mine")
    FilmListItem.objects.create(film_list=own, film=film)
    for value in [*in_other_digits(own.pk), *ODD_NUMBERS]:
        for name in ("lists:list-add", "lists:list-remove"):
            url = reverse(name, args=[film.slug])
            response = intruder.post(url, {"film_list": value})
            assert response.status_code == 404, (name, value)
    assert own.items.count() == 1


def test_an_item_cannot_be_reached_through_ones_own_list(intruder, owners_list):
    _owner_list, item = owners_list
    own = FilmList.objects.create(
        user=get_user_model().objects.get(email="intruder@example.org"),
        name="Intruder's",
    )
    url = reverse("lists:item-note", args=[own.pk, item.pk])
    assert intruder.post(url, {"note": "changed"}).status_code == 404
    item.refresh_from_db()
    assert item.note == "secret"


def test_private_lists_and_favourites_of_others_never_show(intruder, owners_list):
    page = intruder.get(reverse("lists:my-archive")).content.decode()
    assert "Owner&#x27;s list" not in page and "Private Matters" not in page
    data = intruder.get(reverse("accounts:data-json")).content.decode()
    assert "Owner" not in data and "private-matters" not in data


def test_private_list_has_no_public_address(client, owners_list):
    film_list, _item = owners_list
    assert film_list.get_public_url() is None
    for guess in ("1", str(film_list.pk), "None", "", "a" * 22):
        if guess:
            assert client.get(f"/en/lists/{guess}/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, owners_list):
    film_list, _item = owners_list
    for url in (
        reverse("lists:my-archive"),
        reverse("lists:list-detail", args=[film_list.pk]),
        reverse("accounts:data-json"),
        reverse("accounts:delete"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")


def test_visitor_text_comes_back_inert(client, film):
    owner = make_visitor("writer@example.org")
    client.force_login(owner)
    client.post(reverse("lists:list-create"), {"name": PAYLOAD, "description": PAYLOAD})
    film_list = FilmList.objects.get()
    client.post(
        reverse("lists:list-add", args=[film.slug]), {"film_list": film_list.pk}
    )
    item = film_list.items.get()
    client.post(
        reverse("lists:item-note", args=[film_list.pk, item.pk]), {"note": PAYLOAD}
    )
    list_set_public(film_list=film_list, public=True)

    pages = [
        client.get(film_list.get_absolute_url()),
        client.get(reverse("lists:my-archive")),
        client.get(film.get_absolute_url()),  # the add-to-list menu names the list
        client.get(film_list.get_public_url()),
    ]
    for response in pages:
        html = response.content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;alert(&quot;list&quot;)&lt;/script&gt;" in html
