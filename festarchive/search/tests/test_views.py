"""The archive page through the test client: empty states and pagination."""

from types import SimpleNamespace

import pytest

from festarchive.testing.html import visible_text

pytestmark = pytest.mark.django_db


def _text(client, path, **params) -> str:
    return visible_text(client.get(path, params).content.decode())


@pytest.mark.parametrize(
    "language, message",
    [
        ("en", "No films match “village” in the 1980s and Best of Fests."),
        ("nl", "Geen films gevonden voor ‘village’ in de jaren 1980 en Best of Fests."),
    ],
)
def test_no_results_names_the_filters_that_emptied_them(
    client, catalogue, language, message
):
    text = _text(
        client,
        f"/{language}/archive/",
        q="village",
        decade="1980",
        section="best-of-fests",
    )
    assert message in text


def test_no_results_without_words_names_the_filters_and_letter(client, catalogue):
    text = _text(client, "/en/archive/", country="PL", section="masters", letter="b")
    # In the order of the facets beside the results.
    assert "No films in Masters, Poland and titles starting with B." in text


def test_no_results_offers_to_remove_each_filter(client, catalogue):
    # No single filter brings films back, so each one gets its own way out.
    html = client.get(
        "/en/archive/", {"q": "orchard", "country": "UA", "section": "masters"}
    ).content.decode()
    empty = html[html.index('class="empty-state"') :]
    text = visible_text(empty)
    assert "Remove Country: Ukraine" in text
    assert "Remove Section: Masters" in text
    hrefs = empty.replace("&amp;", "&")
    assert 'href="?q=orchard&section=masters"' in hrefs
    assert 'href="?q=orchard&country=UA"' in hrefs


def test_page_numbers_surround_the_current_page():
    from festarchive.search.templatetags.search import page_numbers

    def numbers(page, num_pages):
        return page_numbers(SimpleNamespace(page=page, num_pages=num_pages))

    assert numbers(6, 20) == [1, None, 4, 5, 6, 7, 8, None, 20]
    assert numbers(1, 20) == [1, 2, 3, None, 20]
    assert numbers(4, 20) == [1, 2, 3, 4, 5, 6, None, 20]  # no gap of one page
    assert numbers(19, 20) == [1, None, 17, 18, 19, 20]
    assert numbers(1, 1) == [1]
    assert numbers(3, 5) == [1, 2, 3, 4, 5]


def test_pagination_links_numbered_pages(client, catalogue, settings):
    settings.FESTARCHIVE_LIMITS = {
        **settings.FESTARCHIVE_LIMITS,
        "archive_search_page": 1,
    }
    html = client.get("/en/archive/", {"sort": "title", "page": "6"}).content.decode()
    nav = html[html.index('<nav class="pagination"') :]
    nav = nav[: nav.index("</nav>")].replace("&amp;", "&")
    assert 'aria-label="Pages of results"' in nav
    assert visible_text(nav) == ("← Previous Page 1 … Page 4 Page 5 Page 6")
    assert '<a href="?sort=title" >' not in nav
    assert '<a href="?sort=title">' in nav  # the first page, plainly linked
    assert '<a href="?sort=title&page=6" aria-current="page">' in nav
    assert nav.count("aria-current") == 1


def test_pagination_comes_with_htmx_results(client, catalogue, settings):
    settings.FESTARCHIVE_LIMITS = {
        **settings.FESTARCHIVE_LIMITS,
        "archive_search_page": 2,
    }
    response = client.get(
        "/en/archive/", {"sort": "title", "page": "2"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode().replace("&amp;", "&")
    assert html.lstrip().startswith('<div id="search-results"')
    # Links inside the results region, which htmx boosts.
    assert 'hx-boost="true"' in html[: html.index(">")]
    assert '<a href="?sort=title&page=3">' in html
    assert '<a href="?sort=title&page=2" aria-current="page">' in html
    assert response["HX-Push-Url"] == "/en/archive/?sort=title&page=2"
