"""The public pages of selections: the list and one selection."""

import json
import re

import pytest

from festarchive.testing.html import visible_text

pytestmark = pytest.mark.django_db

_JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _titles(html: str) -> list[str]:
    return re.findall(r'class="film-card__title">([^<]+)<', html)


def test_the_list_shows_published_selections_only(client, nineties, draft):
    response = client.get("/en/selections/")
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert "Best of the 1990s" in text
    assert "Ten years of films that looked hard." in text
    assert "A second paragraph." not in text  # only the first paragraph
    assert "Films about the Donbas" not in text
    assert f'href="{nineties.get_absolute_url()}"' in response.content.decode()


def test_the_list_without_selections_says_so(client, db):
    text = visible_text(client.get("/en/selections/").content.decode())
    assert "No selections have been published yet." in text


def test_a_selection_shows_its_introduction_then_its_published_films_in_order(
    client, nineties
):
    html = client.get(nineties.get_absolute_url()).content.decode()
    text = visible_text(html)
    assert text.index("Ten years of films") < text.index("Coal and Salt")
    assert _titles(html) == ["Coal and Salt", "The Silent Orchard"]
    assert "Not Yet Shown" not in text and "Never shown." not in text
    assert "Miners talk about the sea." in text
    assert "A selection of 2 films." in text


def test_notes_follow_the_page_language_and_fall_back(client, nineties):
    html = client.get(f"/nl/selections/{nineties.slug}/").content.decode()
    text = visible_text(html)
    assert "Het beste van de jaren negentig" in text
    assert "Mijnwerkers praten over de zee." in text
    assert "Miners talk about the sea." not in text
    # No Dutch note: the English one, marked as English.
    assert '<div class="curated-film__note prose" lang="en">' in html
    assert "Only in English." in text


def test_a_changed_order_shows_the_films_in_the_new_order(client, nineties, films):
    from festarchive.curated import services

    entry = nineties.entries.get(film=films["salt"])
    services.curated_film_update(entry, order=5)
    html = client.get(nineties.get_absolute_url()).content.decode()
    assert _titles(html) == ["The Silent Orchard", "Coal and Salt"]


def test_an_unpublished_selection_is_not_found(client, draft, django_user_model):
    assert client.get(draft.get_absolute_url()).status_code == 404
    visitor = django_user_model.objects.create_user(
        username="visitor@example.org", email="visitor@example.org"
    )
    client.force_login(visitor)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Films about the Donbas" not in client.get("/en/selections/").text


@pytest.mark.parametrize(
    "path", ["/en/selections/no-such-selection/", "/en/selections/%00%2F..%2F/"]
)
def test_unknown_or_hostile_addresses_are_not_found(client, db, path):
    assert client.get(path).status_code == 404


def test_a_selection_page_describes_an_item_list_of_movies(client, nineties, films):
    html = client.get(nineties.get_absolute_url()).content.decode()
    (data,) = [json.loads(block) for block in _JSONLD.findall(html)]
    assert data["@type"] == "ItemList"
    assert data["name"] == "Best of the 1990s"
    assert data["numberOfItems"] == 2
    assert [
        (item["position"], item["item"]["@type"], item["item"]["name"])
        for item in data["itemListElement"]
    ] == [(1, "Movie", "Coal and Salt"), (2, "Movie", "The Silent Orchard")]
    assert data["itemListElement"][0]["item"]["url"].endswith(
        films["salt"].get_absolute_url()
    )


def test_a_selection_page_names_its_twin_in_the_other_language(client, nineties):
    html = client.get(nineties.get_absolute_url()).content.decode()
    assert (
        f'hreflang="nl" href="http://testserver/nl/selections/{nineties.slug}/"' in html
    )
    assert f'href="/api/v1/selections/{nineties.slug}"' in html
