"""Editorial pages come from the page cache, and a publish shows at once."""

import datetime

import pytest
from wagtail.rich_text import RichText

from festarchive.editorial.models import NewsIndexPage, NewsPage

from .test_pages import _institute, _translate

# Real commits, as in festarchive/ops/tests/test_pagecache.py.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("serial"),
]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "PAGE_CACHE": True}


def _publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_a_page_is_cached_until_it_is_published_again(client, home):
    page = _institute(home)
    assert client.get("/en/institute/")["X-Cache"] == "miss"
    cached = client.get("/en/institute/")
    assert cached["X-Cache"] == "hit"
    assert "public" in cached["Cache-Control"]

    _publish(page, title="The festival's institute")
    fresh = client.get("/en/institute/")
    assert fresh["X-Cache"] == "miss"
    assert "<h1>The festival&#x27;s institute</h1>" in fresh.content.decode()


def test_a_saved_draft_changes_nothing_visitors_see(client, home):
    page = _institute(home)
    client.get("/en/institute/")
    page.title = "A draft title"
    page.save_revision()  # not published
    response = client.get("/en/institute/")
    assert response["X-Cache"] == "hit"
    assert b"A draft title" not in response.content


def test_an_unpublished_page_leaves_the_cache(client, home):
    page = _institute(home)
    client.get("/en/institute/")
    page.unpublish()
    assert client.get("/en/institute/").status_code == 404


def test_a_new_news_item_shows_on_the_cached_news_index(client, home):
    news = NewsIndexPage(title="News", slug="news")
    home.add_child(instance=news)
    news.save_revision().publish()
    assert b"There is no news yet" in client.get("/en/news/").content
    assert client.get("/en/news/")["X-Cache"] == "hit"

    item = NewsPage(
        title="The new edition's programme is out",
        slug="programme-out",
        date=datetime.date(2026, 10, 1),
        body=[("paragraph", RichText("<p>Read it now.</p>"))],
    )
    news.add_child(instance=item)
    item.save_revision().publish()
    response = client.get("/en/news/")
    assert response["X-Cache"] == "miss"
    assert b"The new edition&#x27;s programme is out" in response.content


def test_a_changed_slug_retires_the_pages_that_link_to_it(client, home):
    page = _institute(home)
    client.get("/en/about/")  # another public page, now cached
    assert client.get("/en/about/")["X-Cache"] == "hit"
    _publish(page, slug="our-institute")
    assert client.get("/en/about/")["X-Cache"] == "miss"
    assert client.get("/en/our-institute/").status_code == 200


def test_visitors_logged_in_get_fresh_pages(staff_client, home):
    _institute(home)
    staff_client.get("/en/institute/")
    response = staff_client.get("/en/institute/")
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_the_language_switch_leads_to_the_translation_at_its_own_address(
    client, home, django_capture_on_commit_callbacks
):
    page = _institute(home)
    html = client.get("/en/institute/").content.decode()
    # No Dutch page yet: the Dutch link leads to the Dutch home page.
    assert 'hreflang="nl" href="http://testserver/nl/"' in html

    dutch = _translate(page, "nl", django_capture_on_commit_callbacks)
    html = client.get("/en/institute/").content.decode()
    assert f'hreflang="nl" href="http://testserver/nl/{dutch.slug}/"' in html
    assert "?next=%2Fnl%2Finstituut%2F" in html
    html = client.get("/nl/instituut/").content.decode()
    assert 'hreflang="en" href="http://testserver/en/institute/"' in html


def test_a_page_with_a_saved_search_is_kept_no_longer_than_search_results(
    client, home, settings
):
    from festarchive.search.queries import RESULTS_FRESH_FOR

    # A purging proxy is told how long it may keep each page.
    settings.FESTARCHIVE = {
        **settings.FESTARCHIVE,
        "PURGE": {"URLS": ["http://127.0.0.1:9/"]},
    }
    plain = _institute(home)
    response = client.get("/en/institute/")
    assert f"editorialpage:{plain.pk}" in response["xkey"].split()
    _publish(
        plain,
        body=[
            (
                "archive_search",
                {
                    "heading": "Recent films",
                    "address": "/en/archive/?sort=year",
                    "words": "",
                    "count": 3,
                },
            )
        ],
    )
    response = client.get("/en/institute/")
    assert response.status_code == 200
    kept = int(response["Surrogate-Control"].removeprefix("max-age="))
    assert kept <= RESULTS_FRESH_FOR


def test_a_film_card_on_a_page_follows_the_film_s_title(client, home, reference_film):
    page = _institute(home)
    _publish(page, body=[("film", reference_film)])
    assert reference_film.title_en.encode() in client.get("/en/institute/").content
    assert client.get("/en/institute/")["X-Cache"] == "hit"
    reference_film.title_en = "A title corrected"
    reference_film.save()
    response = client.get("/en/institute/")
    assert response["X-Cache"] == "miss"
    assert b"A title corrected" in response.content
