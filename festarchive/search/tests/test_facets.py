"""Facet counts, toggles, chips and sorting."""

import pytest
from django.http import QueryDict

from festarchive.search.queries import parse_params
from festarchive.testing.html import visible_text

pytestmark = pytest.mark.django_db


def results(client, query: str = ""):
    response = client.get("/en/archive/?" + query)
    assert response.status_code == 200
    return response.context["results"]


def counts(result, facet: str) -> dict[str, int]:
    [found] = [f for f in result.facets if f.name == facet]
    return {value.label: value.count for value in found.values}


def test_empty_query_browses_everything_with_facets(client, catalogue):
    result = results(client)
    assert result.total == 6
    assert counts(result, "country") == {
        "Ukraine": 3,
        "Poland": 2,
        "Egypt": 1,
        "France": 2,
        "Greece": 1,
    }
    assert counts(result, "runtime") == {
        "Short (under 40 min)": 1,
        "Mid-length (40–60 min)": 2,
        "Feature (over 60 min)": 3,
    }
    assert counts(result, "edition") == {
        "IDFA 2023": 1,
        "IDFA 2021": 1,
        "IDFA 2015": 1,
        "IDFA 2012": 1,
        "IDFA 2010": 1,
    }
    assert counts(result, "decade") == {"2020s": 2, "2010s": 4}
    assert counts(result, "premiere") == {
        "World Premiere": 1,
        "International Premiere": 1,
        "Dutch Premiere": 3,
    }
    assert counts(result, "award") == {"Winner": 1}
    assert counts(result, "language") == {"Polish": 1, "Arabic": 1}
    assert counts(result, "section")["Best of Fests"] == 3


def test_counts_respect_the_other_filters_but_not_their_own(client, catalogue):
    result = results(client, "country=UA")
    assert result.total == 3
    # Within Ukraine: two Best of Fests films, no Frontlight.
    assert counts(result, "section") == {"Best of Fests": 2}
    # The country facet still offers the other countries to add (OR).
    assert counts(result, "country")["Poland"] == 2

    both = results(client, "country=UA&country=PL")
    assert both.total == 4
    narrowed = results(client, "country=UA&section=best-of-fests")
    assert narrowed.total == 2
    assert counts(narrowed, "country") == {
        "Ukraine": 2,
        "Egypt": 1,
        "France": 2,
        "Poland": 1,
    }


def test_each_facet_filters(client, catalogue):
    expectations = {
        "edition=idfa-2015": ["The Silent Orchard"],
        "decade=2020": ["Coal and Salt", "We Will Not Fade Away"],
        "premiere=world": ["The Silent Orchard"],
        "award=winner": ["The Silent Orchard"],
        "runtime=short": ["The Silent Orchard"],
        "runtime=mid": ["Coal and Salt", "The Silence of the Sea"],
        "language=ar": ["The Distant Sea"],
        "section=masters": ["The Silence of the Sea"],
    }
    for query, expected in expectations.items():
        found = sorted(f.title_en for f in results(client, query).films)
        assert found == sorted(expected), query


def test_facet_links_toggle_and_chips_remove(client, catalogue):
    result = results(client, "q=sea")
    [country] = [f for f in result.facets if f.name == "country"]
    greece = next(v for v in country.values if v.label == "Greece")
    assert not greece.active
    filtered = results(client, greece.url.lstrip("?"))
    assert [f.title_en for f in filtered.films] == ["The Silence of the Sea"]
    [country] = [f for f in filtered.facets if f.name == "country"]
    greece = next(v for v in country.values if v.label == "Greece")
    assert greece.active
    assert results(client, greece.url.lstrip("?")).total == 2  # toggled off again

    page = client.get("/en/archive/?q=sea&country=GR").content.decode()
    assert "Country: Greece" in visible_text(page)
    assert 'href="?q=sea"' in page  # the chip removes the filter


def test_search_state_round_trips_through_the_url(client, catalogue):
    params = parse_params(
        QueryDict(
            "q=kovalenko&country=UA&country=PL&decade=2020&sort=newest&letter=w&page=2"
        )
    )
    again = parse_params(QueryDict(params.url(page=params.page).lstrip("?")))
    assert again == params
    assert params.url() == (
        "?q=kovalenko&decade=2020&country=UA&country=PL&letter=w&sort=newest"
    )


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (
            "title",
            [
                "Coal and Salt",
                "The Distant Sea",
                "Quiet over the River",
                "The Silence of the Sea",
                "The Silent Orchard",
                "We Will Not Fade Away",
            ],
        ),
        (
            "newest",
            [
                "We Will Not Fade Away",
                "Coal and Salt",
                "Quiet over the River",
                "The Silent Orchard",
                "The Silence of the Sea",
                "The Distant Sea",
            ],
        ),
        (
            "oldest",
            [
                "The Distant Sea",
                "The Silence of the Sea",
                "The Silent Orchard",
                "Quiet over the River",
                "Coal and Salt",
                "We Will Not Fade Away",
            ],
        ),
    ],
)
def test_sort_orders(client, catalogue, sort, expected):
    assert [f.title_en for f in results(client, f"sort={sort}").films] == expected


def test_letter_browsing_combines_with_search(client, catalogue):
    assert [f.title_en for f in results(client, "letter=s").films] == [
        "The Silence of the Sea",
        "The Silent Orchard",
    ]
    assert [f.title_en for f in results(client, "letter=s&q=orchard").films] == [
        "The Silent Orchard"
    ]


def test_pagination_keeps_the_search(client, catalogue, settings):
    settings.FESTARCHIVE_LIMITS = {
        **settings.FESTARCHIVE_LIMITS,
        "archive_search_page": 2,
    }
    first = results(client, "sort=title")
    assert first.num_pages == 3
    assert first.next_url == "?sort=title&page=2"
    third = results(client, "sort=title&page=3")
    assert [f.title_en for f in third.films] == [
        "The Silent Orchard",
        "We Will Not Fade Away",
    ]
    assert results(client, "sort=title&page=99").page == 3


def test_htmx_requests_get_only_the_results(client, catalogue):
    response = client.get("/en/archive/", {"q": "orchard"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="search-results"')
    assert "<html" not in html
    restore = client.get(
        "/en/archive/",
        {"q": "orchard"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<html" in restore.content.decode()


def test_search_box_is_on_every_page(client, catalogue):
    page = client.get("/en/films/we-will-not-fade-away-2023/").content.decode()
    assert 'role="search" action="/en/archive/"' in page
    assert 'name="q"' in page
