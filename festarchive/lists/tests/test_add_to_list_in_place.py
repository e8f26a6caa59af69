"""Adding a film to a list from its page: in place with htmx, a plain form
post and a redirect without it; nothing of it on the public page."""

import pytest
from django.urls import reverse

from festarchive.lists.models import FilmListItem
from festarchive.lists.services import list_create

from .test_lists import make_visitor

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def visitor(client):
    user = make_visitor()
    client.force_login(user)
    return user


def test_htmx_add_swaps_the_forms_and_says_so_in_the_status_line(
    client, visitor, reference_film
):
    research = list_create(user=visitor, name="Research")
    page = reference_film.get_absolute_url()
    response = client.post(
        reverse("lists:list-add", args=[reference_film.slug]),
        {"film_list": research.pk, "next": page},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    # The forms: the film can now be taken out of the list, and the Add
    # button keeps its id, so the focus stays on it.
    assert "Remove from “Research”" in html
    assert f'id="add-{reference_film.pk}"' in html
    assert f'name="next" value="{page}"' in html
    # The summary and the polite status line, out of band.
    assert f'id="add-to-list-summary-{reference_film.pk}" hx-swap-oob="true"' in html
    assert "In 1 of your lists" in html
    assert (
        f'<p id="add-to-list-status-{reference_film.pk}" hx-swap-oob="innerHTML">'
        "Added We Will Not Fade Away to “Research”.</p>"
    ) in html
    assert FilmListItem.objects.filter(film_list=research, film=reference_film).exists()
    # No message is left over for the next page.
    assert 'class="messages"' not in client.get(page).content.decode()


def test_htmx_remove_and_errors_answer_in_place_too(client, visitor, reference_film):
    research = list_create(user=visitor, name="Research")
    client.post(
        reverse("lists:list-add", args=[reference_film.slug]),
        {"film_list": research.pk},
    )
    html = client.post(
        reverse("lists:list-remove", args=[reference_film.slug]),
        {"film_list": research.pk},
        **HTMX,
    ).content.decode()
    assert "Removed We Will Not Fade Away from “Research”." in html
    assert "autofocus" in html  # the pressed button is gone: Add takes the focus
    assert not FilmListItem.objects.exists()

    html = client.post(
        reverse("lists:list-add", args=[reference_film.slug]), {}, **HTMX
    ).content.decode()
    assert "Choose a list or name a new one." in html


def test_the_film_page_form_posts_with_htmx_and_falls_back_to_a_redirect(
    client, visitor, reference_film
):
    list_create(user=visitor, name="Research")
    page = client.get(reference_film.get_absolute_url()).content.decode()
    add = reverse("lists:list-add", args=[reference_film.slug])
    assert (
        f'<form class="add-to-list__add" method="post" action="{add}" '
        f'hx-post="{add}" hx-target="#add-to-list-forms-{reference_film.pk}" '
        'hx-swap="innerHTML">'
    ) in page
    assert (
        f'<p class="add-to-list__status" id="add-to-list-status-{reference_film.pk}" role="status">'
        in page
    )

    response = client.post(
        add, {"new_list": "Later", "next": reference_film.get_absolute_url()}
    )
    assert response.status_code == 302
    assert response["Location"] == reference_film.get_absolute_url()
    page = client.get(reference_film.get_absolute_url()).content.decode()
    assert "Added We Will Not Fade Away to “Later”." in page


def test_lists_never_reach_the_public_cached_page(client, visitor, reference_film):
    research = list_create(user=visitor, name="Secret research")
    client.post(
        reverse("lists:list-add", args=[reference_film.slug]),
        {"film_list": research.pk},
        **HTMX,
    )
    assert (
        "Secret research"
        in client.get(reference_film.get_absolute_url()).content.decode()
    )
    client.logout()
    for _ in range(2):  # rendered, then from the page cache
        response = client.get(reference_film.get_absolute_url())
        assert "Secret research" not in response.content.decode()
        assert "add-to-list" not in response.content.decode()
