"""The archive search's ``curated`` facet: the films of a published selection."""

import pytest

from festarchive.curated import services
from festarchive.search.indexer import rebuild_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(nineties, draft):
    rebuild_index()
    return nineties


def facet(client, **params) -> dict[str, tuple]:
    result = client.get("/en/archive/", params).context["results"]
    [found] = [f for f in result.facets if f.name == "curated"]
    return {v.value: (v.label, v.count, v.url) for v in found.values}


def titles(client, **params) -> list[str]:
    results = client.get("/en/archive/", params).context["results"]
    return sorted(film.title_en for film in results.films)


def test_published_selections_are_values_with_counts_and_toggles(client, indexed):
    values = facet(client)
    # The draft is no value; the unpublished film is not counted.
    assert list(values) == [indexed.slug]
    label, count, url = values[indexed.slug]
    assert (label, count) == ("Best of the 1990s", 2)
    assert url == f"?curated={indexed.slug}"
    assert titles(client, curated=indexed.slug) == [
        "Coal and Salt",
        "The Silent Orchard",
    ]
    # Chosen, its link takes it away again.
    assert facet(client, curated=indexed.slug)[indexed.slug][2] == "?"


def test_the_label_is_in_the_page_language(client, indexed):
    result = client.get("/nl/archive/", {"curated": indexed.slug}).context["results"]
    [found] = [f for f in result.facets if f.name == "curated"]
    assert [v.label for v in found.values] == ["Het beste van de jaren negentig"]


def test_an_unpublished_or_unknown_selection_finds_no_films(client, indexed, draft):
    # Like any value the archive does not know: the draft's films stay unsaid.
    assert titles(client, curated=draft.slug) == []
    assert titles(client, curated="<script>") == []
    response = client.get("/en/archive/", {"curated": ["%00", "x" * 500]})
    assert response.status_code == 200


def test_the_facet_follows_a_change_to_the_selection(
    client, indexed, films, draft, django_capture_on_commit_callbacks
):
    # The index follows the films' changes once their transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        services.curated_film_add(selection=indexed, film=films["reference"])
    assert facet(client)[indexed.slug][1] == 3
    with django_capture_on_commit_callbacks(execute=True):
        services.curated_film_remove(indexed.entries.get(film=films["salt"]))
    assert facet(client)[indexed.slug][1] == 2
    entry = indexed.entries.get(film=films["orchard"])
    with django_capture_on_commit_callbacks(execute=True):
        services.curated_film_update(entry, film=films["salt"])
    assert titles(client, curated=indexed.slug) == [
        "Coal and Salt",
        "We Will Not Fade Away",
    ]
    services.curated_selection_update(draft, is_published=True)
    assert facet(client)[draft.slug][1] == 1
    services.curated_selection_update(indexed, is_published=False)
    assert indexed.slug not in facet(client)


def test_the_api_filters_films_by_selection(client, indexed):
    answer = client.get("/api/v1/films", {"curated": indexed.slug}).json()
    assert sorted(f["title_en"] for f in answer["data"]) == [
        "Coal and Salt",
        "The Silent Orchard",
    ]
