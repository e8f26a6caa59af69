"""The statistics pages go through the page cache, and a write to what they
count retires them (core.pagetags)."""

import pytest

from festarchive.catalogue.services import film_create, film_set_countries
from festarchive.festival.services import award_add, selection_add

from .archive import build, table

# The version moves when a transaction commits: these tests commit.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("serial"),
]

EDITION_URL = "/en/editions/docsfest-2020/statistics/"
FESTIVAL_URL = "/en/festivals/docsfest/statistics/"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "PAGE_CACHE": True}


@pytest.fixture
def archive():
    return build()


def cached(client, url) -> str:
    assert client.get(url)["X-Cache"] == "miss"
    second = client.get(url)
    assert second["X-Cache"] == "hit"
    return second.content.decode()


def fresh(client, url) -> str:
    response = client.get(url)
    assert response["X-Cache"] == "miss", url
    return response.content.decode()


@pytest.mark.parametrize("url", [EDITION_URL, FESTIVAL_URL])
def test_a_selection_added_shows_on_the_cached_page(client, archive, url):
    cached(client, url)
    cached(client, url + "sections.csv")
    film = film_create(title_en="Late Entry", year=2020, countries=["SE"])
    selection_add(film=film, edition=archive.edition)
    page = fresh(client, url)
    assert "4 published films are counted." in page
    assert ("Sweden", "1") in table(page, "countries")
    assert "No section recorded,1" in fresh(client, url + "sections.csv")


@pytest.mark.parametrize("url", [EDITION_URL, FESTIVAL_URL])
def test_a_film_country_or_runtime_edited_shows_on_the_cached_page(
    client, archive, url, settings
):
    # The festival's page follows its films' own edits when it is not kept
    # a bounded time instead.
    settings.FESTARCHIVE = {
        **settings.FESTARCHIVE,
        "STATISTICS_ACROSS_EDITIONS_FRESH_FOR": 0,
    }
    cached(client, url)
    film_set_countries(film=archive.films["bridge"], countries=["DK"])
    page = fresh(client, url)
    assert ("Denmark", "1") in table(page, "countries")
    assert ("Germany", "1") not in table(page, "countries")
    assert client.get(url)["X-Cache"] == "hit"
    bridge = archive.films["bridge"]
    bridge.runtime_minutes = 130
    bridge.save()
    page = fresh(client, url)
    assert ("120 minutes or more", "1") in table(page, "runtimes")


def test_an_award_elsewhere_shows_on_the_cached_page(client, archive):
    assert table(cached(client, EDITION_URL), "won-elsewhere")[0][2] == "1"
    bridge_later = archive.films["bridge"].selections.get(edition=archive.later)
    award_add(selection=bridge_later, name_en="Audience Award")
    assert table(fresh(client, EDITION_URL), "won-elsewhere")[0][2] == "2"


def test_the_festival_page_is_kept_a_bounded_time_for_its_films_own_edits(
    client, archive, settings
):
    # A purging proxy is told how long it may keep each page.
    settings.FESTARCHIVE = {
        **settings.FESTARCHIVE,
        "PURGE": {"URLS": ["http://127.0.0.1:9/"]},
    }
    for url in (FESTIVAL_URL, FESTIVAL_URL + "countries.csv"):
        response = client.get(url)
        kept = int(response["Surrogate-Control"].removeprefix("max-age="))
        assert 0 < kept <= 600  # the setting's default
    # A film's own facts edited leave it cached until that time runs out;
    # the edition's page shows the edit at once.
    assert client.get(FESTIVAL_URL)["X-Cache"] == "hit"
    cached(client, EDITION_URL)
    film_set_countries(film=archive.films["bridge"], countries=["DK"])
    assert client.get(FESTIVAL_URL)["X-Cache"] == "hit"
    assert ("Denmark", "1") in table(fresh(client, EDITION_URL), "countries")


def test_an_earlier_film_by_the_director_shows_on_the_cached_page(client, archive):
    from festarchive.catalogue.models import Role
    from festarchive.catalogue.services import credit_add

    cached(client, EDITION_URL)
    newcomer = archive.films["anchor"].credits.get().person
    older = film_create(title_en="Student Film", year=2012)
    credit_add(film=older, role=Role.objects.get(slug="director"), person=newcomer)
    page = fresh(client, EDITION_URL)
    assert ("First films", "0") in table(page, "first-films")


def test_an_edit_elsewhere_leaves_the_edition_page_cached(client, archive):
    cached(client, EDITION_URL)
    film_create(title_en="Unrelated", year=2020, countries=["IT"])
    assert client.get(EDITION_URL)["X-Cache"] == "hit"
