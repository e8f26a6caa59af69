"""The site's search box finds the editorial pages, below the archive."""

import pytest
from wagtail.models import PageViewRestriction

from .test_pages import _institute, _translate


@pytest.mark.django_db
def test_the_archive_search_lists_matching_pages_below_the_films(
    client, home, reference_film
):
    _institute(home)
    html = client.get("/en/archive/?q=institute").content.decode()
    assert 'id="pages-heading"' in html
    assert '<a href="/en/institute/">The institute</a>' in html
    # Below the films and the names, above the alphabet.
    assert html.index("pages-heading") > html.index("results")
    assert html.index("pages-heading") < html.index('class="alphabet"')


@pytest.mark.django_db
def test_words_no_page_has_list_no_pages(client, home):
    _institute(home)
    html = client.get("/en/archive/?q=submarine").content.decode()
    assert "pages-heading" not in html


@pytest.mark.django_db
def test_drafts_restricted_pages_and_other_languages_are_not_found(
    client, home, django_capture_on_commit_callbacks
):
    page = _institute(home)
    _translate(page, "nl", django_capture_on_commit_callbacks)
    # The Dutch page is found on the Dutch site only.
    assert "/nl/instituut/" in client.get("/nl/archive/?q=instituut").content.decode()
    assert (
        "/nl/instituut/" not in client.get("/en/archive/?q=instituut").content.decode()
    )

    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert (
        "pages-heading" not in client.get("/en/archive/?q=institute").content.decode()
    )

    draft = _institute.__globals__["EditorialPage"](
        title="Institute plans", slug="plans"
    )
    home.add_child(instance=draft)
    draft.unpublish()
    assert "Institute plans" not in client.get("/en/archive/?q=plans").content.decode()
