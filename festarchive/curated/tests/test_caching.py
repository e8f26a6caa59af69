"""Selection pages go through the page cache; a change to what they show
(the selection, a note, the order, a film's title, a film published) retires
them, and a change to a featured selection retires the home page."""

import pytest

from festarchive.catalogue.models import Film
from festarchive.curated import services

# Tags are retired when a transaction commits: these tests commit.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("serial"),
]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "PAGE_CACHE": True}


def cached(client, url) -> None:
    assert client.get(url)["X-Cache"] == "miss", url
    assert client.get(url)["X-Cache"] == "hit", url


def fresh(client, url) -> str:
    response = client.get(url)
    assert response["X-Cache"] == "miss", url
    return response.content.decode()


def test_the_selection_pages_are_cached(client, nineties):
    for url in ("/en/selections/", nineties.get_absolute_url()):
        cached(client, url)
        assert "public" in client.get(url)["Cache-Control"]


def test_a_new_title_shows_on_the_selection_its_list_and_the_home_page(
    client, nineties
):
    urls = ["/en/selections/", nineties.get_absolute_url(), "/en/"]
    for url in urls:
        cached(client, url)
    services.curated_selection_update(nineties, title_en="The Nineties, Again")
    for url in urls:
        assert "The Nineties, Again" in fresh(client, url), url


def test_a_selection_featured_later_joins_the_cached_home_page(client, draft):
    cached(client, "/en/")
    services.curated_selection_update(draft, is_published=True, featured=True)
    assert "Films about the Donbas" in fresh(client, "/en/")
    services.curated_selection_update(draft, featured=False)
    assert "Films about the Donbas" not in fresh(client, "/en/")


def test_a_note_the_order_and_a_film_s_title_show_at_once(client, nineties, films):
    url = nineties.get_absolute_url()
    cached(client, url)
    entry = nineties.entries.get(film=films["salt"])
    services.curated_film_update(entry, note_en="A new note on the sea.")
    assert "A new note on the sea." in fresh(client, url)

    assert client.get(url)["X-Cache"] == "hit"
    services.curated_film_update(entry, order=10)
    html = fresh(client, url)
    assert html.index("The Silent Orchard") < html.index("Coal and Salt")

    assert client.get(url)["X-Cache"] == "hit"
    film = Film.objects.get(pk=films["orchard"].pk)
    film.title_en = "The Quiet Orchard"
    film.save()
    assert "The Quiet Orchard" in fresh(client, url)


def test_a_film_published_later_joins_the_cached_page(client, nineties, films):
    url = nineties.get_absolute_url()
    cached(client, url)
    film = Film.objects.get(pk=films["hidden"].pk)
    film.is_published = True
    film.save()
    assert "Not Yet Shown" in fresh(client, url)


def test_a_selection_taken_back_is_gone_from_its_cached_page(client, nineties):
    url = nineties.get_absolute_url()
    cached(client, url)
    services.curated_selection_update(nineties, is_published=False)
    assert client.get(url).status_code == 404
