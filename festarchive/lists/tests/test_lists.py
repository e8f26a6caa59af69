"""Favourites, lists, "My archive" and the visitor's own data, through HTTP."""

import csv
import io
import json
from urllib.parse import urlencode

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from festarchive.catalogue.services import film_create
from festarchive.lists.models import Favourite, FilmList, FilmListItem, RecentView
from festarchive.lists.views import PENDING_FAVOURITE

pytestmark = pytest.mark.django_db

PASSWORD = "Documentary-Archive-2024"


def make_visitor(email="ada@example.org"):
    user = get_user_model().objects.create_user(
        username=email, email=email, password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def visitor(client):
    user = make_visitor()
    client.force_login(user)
    return user


@pytest.fixture
def films():
    return [
        film_create(title_en=title, year=2020 + n, runtime_minutes=80)
        for n, title in enumerate(["First Light", "Second Wind", "Third Shore"])
    ]


def test_favourite_with_a_plain_form_post(client, visitor, films):
    film = films[0]
    url = reverse("lists:favourite", args=[film.slug])
    response = client.post(url, {"on": "1", "next": film.get_absolute_url()})
    assert (
        response.status_code == 302 and response["Location"] == film.get_absolute_url()
    )
    assert Favourite.objects.filter(user=visitor, film=film).exists()
    page = client.get(film.get_absolute_url()).content.decode()
    assert 'aria-pressed="true"' in page
    client.post(url, {"on": "0"})
    assert not Favourite.objects.exists()
    # Posting "on" twice (a double click) keeps one favourite.
    client.post(url, {"on": "1"})
    client.post(url, {"on": "1"})
    assert Favourite.objects.count() == 1


def test_favourite_with_htmx_returns_the_button(client, visitor, films):
    url = reverse("lists:favourite", args=[films[1].slug])
    response = client.post(url, {"on": "1"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<form class="favourite"') and 'aria-pressed="true"' in html
    assert 'name="on" value="0"' in html


def test_offsite_next_is_ignored(client, visitor, films):
    url = reverse("lists:favourite", args=[films[0].slug])
    response = client.post(url, {"on": "1", "next": "https://evil.example/"})
    assert response["Location"] == films[0].get_absolute_url()


def _log_in(client, login_url: str, user) -> str:
    """Log in on the page at ``login_url``; where the visitor is sent after."""
    response = client.post(login_url, {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return response["Location"]


def test_anonymous_heart_link_asks_to_log_in_and_changes_nothing(client, films):
    film = films[2]
    user = make_visitor()
    # Logged out, the heart is a plain link: the page is the same for everyone.
    page = client.get(film.get_absolute_url()).content.decode()
    action = reverse("lists:favourite", args=[film.slug])
    assert f'<a class="favourite favourite__button" href="{action}"' in page
    assert "csrfmiddlewaretoken" not in page
    response = client.get(action)
    assert response.status_code == 302
    login = f"/en/accounts/login/?{urlencode({'next': film.get_absolute_url()})}"
    assert response["Location"] == login
    # Nothing is kept, not even a session.
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert PENDING_FAVOURITE not in client.session
    assert _log_in(client, login, user) == film.get_absolute_url()
    assert not Favourite.objects.exists()
    # Back on the film, the heart is the button that sets it.
    page = client.get(film.get_absolute_url()).content.decode()
    assert 'aria-pressed="false"' in page and f'action="{action}"' in page


def test_anonymous_heart_link_with_htmx_changes_nothing(client, films):
    film = films[0]
    action = reverse("lists:favourite", args=[film.slug])
    response = client.get(action, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith("/en/accounts/login/?next=")
    assert PENDING_FAVOURITE not in client.session
    _log_in(client, response["HX-Redirect"], make_visitor())
    assert not Favourite.objects.exists()


def test_a_heart_posted_while_logged_out_is_set_on_logging_in(client, films):
    """A page left open after logging out still shows the heart as a form."""
    film = films[2]
    user = make_visitor()
    response = client.post(reverse("lists:favourite", args=[film.slug]), {"on": "1"})
    assert response.status_code == 302
    assert _log_in(client, response["Location"], user) == film.get_absolute_url()
    assert Favourite.objects.filter(user=user, film=film).exists()
    page = client.get(film.get_absolute_url()).content.decode()
    assert 'aria-pressed="true"' in page


def test_a_logged_in_get_of_the_heart_changes_nothing(client, visitor, films):
    Favourite.objects.create(user=visitor, film=films[1])
    for film, on in ((films[0], "1"), (films[1], "0")):
        response = client.get(reverse("lists:favourite", args=[film.slug]), {"on": on})
        assert response.status_code == 302
        assert response["Location"] == film.get_absolute_url()
    assert list(Favourite.objects.values_list("film", flat=True)) == [films[1].pk]


def test_anonymous_heart_with_htmx_redirects_the_page(client, films):
    response = client.post(
        reverse("lists:favourite", args=[films[0].slug]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith("/en/accounts/login/")


def test_favourite_on_search_results(client, visitor, films, demo_catalogue):
    from festarchive.search.indexer import rebuild_index

    rebuild_index()
    page = client.get(reverse("search:archive"), {"q": "second wind"}).content.decode()
    action = reverse("lists:favourite", args=[films[1].slug])
    assert f'action="{action}"' in page
    client.post(action, {"on": "1"})
    page = client.get(reverse("search:archive"), {"q": "second wind"}).content.decode()
    assert 'aria-pressed="true"' in page
    # Each result can also go into a list from there.
    add = reverse("lists:list-add", args=[films[1].slug])
    assert f'action="{add}"' in page


def test_lists_made_filled_ordered_noted_and_deleted(client, visitor, films):
    response = client.post(
        reverse("lists:list-create"),
        {"name": "Winter programme", "description": "For the January series"},
    )
    film_list = FilmList.objects.get()
    assert response["Location"] == film_list.get_absolute_url()
    assert not film_list.is_public
    # From the film page's form, to an existing list and to a new one.
    for film in films:
        client.post(
            reverse("lists:list-add", args=[film.slug]), {"film_list": film_list.pk}
        )
    client.post(reverse("lists:list-add", args=[films[0].slug]), {"new_list": "Later"})
    assert FilmList.objects.get(name="Later").items.get().film == films[0]
    assert [i.film for i in film_list.items.all()] == films
    # Adding a film again keeps it once.
    client.post(
        reverse("lists:list-add", args=[films[0].slug]), {"film_list": film_list.pk}
    )
    assert film_list.items.count() == 3

    last = film_list.items.get(film=films[2])
    client.post(reverse("lists:item-move", args=[film_list.pk, last.pk]), {"to": "up"})
    assert [i.film for i in film_list.items.all()] == [films[0], films[2], films[1]]
    client.post(
        reverse("lists:item-note", args=[film_list.pk, last.pk]),
        {"note": "Show with the Q&A"},
    )
    first = film_list.items.get(film=films[0])
    client.post(reverse("lists:item-remove", args=[film_list.pk, first.pk]))
    page = client.get(film_list.get_absolute_url()).content.decode()
    page = page[page.index('id="films-heading"') :]
    assert "Show with the Q&amp;A" in page
    assert page.index("Third Shore") < page.index("Second Wind")
    assert "First Light" not in page

    client.post(
        film_list.get_absolute_url(), {"name": "Spring programme", "description": ""}
    )
    film_list.refresh_from_db()
    assert film_list.name == "Spring programme"
    client.post(reverse("lists:list-delete", args=[film_list.pk]))
    assert not FilmList.objects.filter(pk=film_list.pk).exists()
    assert not FilmListItem.objects.filter(film_list_id=film_list.pk).exists()


def test_a_list_needs_a_name(client, visitor, films):
    response = client.post(reverse("lists:list-create"), {"name": " "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    response = client.post(
        reverse("lists:list-add", args=[films[0].slug]), {}, follow=True
    )
    assert "Choose a list or name a new one." in response.content.decode()
    response = client.post(
        reverse("lists:list-add", args=[films[0].slug]),
        {"new_list": "x" * 121},
        follow=True,
    )
    assert "at most 120 characters" in response.content.decode()
    assert not FilmList.objects.exists()


def test_public_list_shared_and_unshared(client, visitor, films):
    film_list = FilmList.objects.create(user=visitor, name="Shared")
    FilmListItem.objects.create(film_list=film_list, film=films[0])
    client.post(reverse("lists:list-share", args=[film_list.pk]), {"public": "1"})
    film_list.refresh_from_db()
    public = film_list.get_public_url()
    assert str(film_list.pk) not in public.split("/")
    assert len(film_list.share_token) >= 20

    from django.test import Client

    stranger = Client()
    page = stranger.get(public)
    assert page.status_code == 200 and "First Light" in page.content.decode()
    assert "private" in page["Cache-Control"]

    client.post(reverse("lists:list-share", args=[film_list.pk]), {"public": "0"})
    assert stranger.get(public).status_code == 404
    # Sharing again gives a new address; the old one stays dead.
    client.post(reverse("lists:list-share", args=[film_list.pk]), {"public": "1"})
    film_list.refresh_from_db()
    assert film_list.get_public_url() != public
    assert stranger.get(public).status_code == 404
    assert stranger.get(film_list.get_public_url()).status_code == 200


def test_recently_viewed_only_while_logged_in(client, films):
    client.get(films[0].get_absolute_url())
    assert not RecentView.objects.exists()
    user = make_visitor()
    client.force_login(user)
    for film in (films[0], films[1], films[0]):
        client.get(film.get_absolute_url())
    page = client.get(reverse("lists:my-archive")).content.decode()
    section = page[page.index('id="recent-heading"') :]
    assert section.index("First Light") < section.index("Second Wind")
    assert RecentView.objects.filter(user=user).count() == 2


def test_download_my_data_as_json_and_csv(client, visitor, films):
    Favourite.objects.create(user=visitor, film=films[0])
    film_list = FilmList.objects.create(
        user=visitor, name="Research", description="Ukraine"
    )
    FilmListItem.objects.create(film_list=film_list, film=films[1], note="ask for copy")
    other = make_visitor("other@example.org")
    Favourite.objects.create(user=other, film=films[2])

    response = client.get(reverse("accounts:data-json"))
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["email"] == "ada@example.org"
    assert [f["slug"] for f in data["favourites"]] == [films[0].slug]
    assert data["lists"][0]["name"] == "Research"
    assert data["lists"][0]["films"][0]["note"] == "ask for copy"
    assert films[2].slug not in response.content.decode()

    response = client.get(reverse("accounts:data-csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["kind", "list", "film_slug"]
    kinds = [row[0] for row in rows[1:]]
    assert kinds == ["profile", "favourite", "list", "list item"]


def test_my_data_csv_writes_formulas_as_text(client, visitor, films):
    film_list = FilmList.objects.create(user=visitor, name="=1+2")
    FilmListItem.objects.create(
        film_list=film_list, film=films[1], note='=HYPERLINK("http://x.example")'
    )
    response = client.get(reverse("accounts:data-csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert "'=1+2" in cells
    assert '\'=HYPERLINK("http://x.example")' in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_delete_account_needs_the_password_and_erases_everything(
    client, visitor, films
):
    Favourite.objects.create(user=visitor, film=films[0])
    film_list = FilmList.objects.create(user=visitor, name="Mine")
    FilmListItem.objects.create(film_list=film_list, film=films[0])
    from festarchive.lists.services import list_set_public

    list_set_public(film_list=film_list, public=True)
    public = film_list.get_public_url()

    response = client.post(reverse("accounts:delete"), {"password": "not it"})
    assert response.status_code == 200
    assert "That is not your password." in response.content.decode()
    assert get_user_model().objects.filter(pk=visitor.pk).exists()

    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=visitor.pk).exists()
    assert not EmailAddress.objects.filter(email="ada@example.org").exists()
    assert not Favourite.objects.exists() and not FilmList.objects.exists()
    assert client.get(public).status_code == 404
    assert client.get(reverse("lists:my-archive")).status_code == 302


def test_remove_a_film_from_a_list_on_its_page(client, visitor, films):
    film_list = FilmList.objects.create(user=visitor, name="Shortlist")
    FilmListItem.objects.create(film_list=film_list, film=films[0])
    page = client.get(films[0].get_absolute_url()).content.decode()
    assert "Remove from “Shortlist”" in page
    action = reverse("lists:list-remove", args=[films[0].slug])
    response = client.post(action, {"film_list": film_list.pk})
    assert response.status_code == 302
    assert not film_list.items.exists()
    # Not in the list (any more), not a list of ours, or no list: not found.
    assert client.post(action, {"film_list": film_list.pk}).status_code == 404
    other = FilmList.objects.create(user=make_visitor("b@example.org"), name="B")
    FilmListItem.objects.create(film_list=other, film=films[0])
    assert client.post(action, {"film_list": other.pk}).status_code == 404
    assert client.post(action, {"film_list": "x"}).status_code == 404
    assert other.items.count() == 1
