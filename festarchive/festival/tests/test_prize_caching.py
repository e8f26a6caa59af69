"""The award pages go through the page cache, and an edit to a prize, an
award, a jury or a juror retires the pages that show it."""

import pytest

from festarchive.catalogue.services import film_create, person_create
from festarchive.festival.models import Juror
from festarchive.festival.services import (
    award_add,
    award_statement_set,
    edition_create,
    festival_create,
    juror_add,
    jury_create,
    prize_name_add,
    selection_add,
)

# Tags are retired when a transaction commits: these tests commit.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("serial"),
]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "PAGE_CACHE": True}


@pytest.fixture
def docs():
    festival = festival_create(name="Harbourdocs", short_name="Harbourdocs")
    edition = edition_create(festival=festival, year=2023)
    tide = film_create(title_en="Tide Tables", year=2023)
    award = award_add(
        selection=selection_add(film=tide, edition=edition), name_en="Harbour Award"
    )
    jury = jury_create(edition=edition, name_en="Main Jury")
    mia = person_create(name="Mia Holm")
    juror_add(jury=jury, person=mia)
    return {
        "edition": edition,
        "tide": tide,
        "award": award,
        "prize": award.prize,
        "jury": jury,
        "mia": mia,
    }


def _cached(client, *urls) -> None:
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit", url


def test_a_renamed_prize_shows_on_every_page_that_names_it(client, docs):
    prize = docs["prize"]
    urls = [
        "/en/awards/",
        prize.get_absolute_url(),
        docs["edition"].get_absolute_url(),
        docs["tide"].get_absolute_url(),
    ]
    _cached(client, *urls)
    prize.name_en = "Harbour Grand Award"
    prize.save()
    assert "Harbour Grand Award" in client.get("/en/awards/").text
    assert "Harbour Grand Award" in client.get(prize.get_absolute_url()).text
    # The edition and film pages name the award as given that year; they
    # link to the prize, whose address they read again.
    assert client.get(docs["edition"].get_absolute_url())["X-Cache"] == "miss"
    assert client.get(docs["tide"].get_absolute_url())["X-Cache"] == "miss"


def test_a_former_name_and_a_statement_show_on_the_prize_page(client, docs):
    url = docs["prize"].get_absolute_url()
    _cached(client, url)
    prize_name_add(prize=docs["prize"], name_en="Pier Award", until_year=2010)
    assert "Pier Award" in client.get(url).text
    _cached(client, url)
    award_statement_set(award=docs["award"], statement_en="It listens.")
    assert "It listens." in client.get(url).text


def test_a_new_award_of_a_prize_shows_on_its_page(client, docs):
    url = docs["prize"].get_absolute_url()
    _cached(client, url, "/en/awards/")
    salt = film_create(title_en="Salt Roads", year=2023)
    award_add(
        selection=selection_add(film=salt, edition=docs["edition"]),
        name_en="Harbour Award",
        outcome="special_mention",
    )
    assert "Salt Roads" in client.get(url).text
    # No new prize: the list of prizes stays.
    assert client.get("/en/awards/")["X-Cache"] == "hit"


def test_a_new_prize_shows_on_the_awards_page(client, docs):
    _cached(client, "/en/awards/")
    award_add(selection=docs["award"].selection, name_en="Audience Award")
    assert "Audience Award" in client.get("/en/awards/").text


def test_jury_edits_show_on_the_edition_and_the_people_pages(client, docs):
    edition_url = docs["edition"].get_absolute_url()
    mia_url = docs["mia"].get_absolute_url()
    anna = person_create(name="Anna Berg")
    anna_url = anna.get_absolute_url()
    _cached(client, edition_url, mia_url, anna_url)
    juror_add(jury=docs["jury"], person=anna, role=Juror.Role.CHAIR)
    assert "Anna Berg" in client.get(edition_url).text
    assert "Main Jury" in client.get(anna_url).text
    _cached(client, edition_url, mia_url)
    docs["jury"].name_en = "Grand Jury"
    docs["jury"].save()
    assert "Grand Jury" in client.get(edition_url).text
    assert "Grand Jury" in client.get(mia_url).text
    _cached(client, edition_url)
    jury_create(edition=docs["edition"], name_en="Shorts Jury")
    assert "Shorts Jury" in client.get(edition_url).text
