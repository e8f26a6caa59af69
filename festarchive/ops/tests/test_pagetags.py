"""An edit retires the cached pages that show what it changed, and no other."""

import pytest
from django.db import transaction
from django.test import Client

from festarchive.catalogue.models import Film, Role
from festarchive.catalogue.services import credit_add, film_create, person_create
from festarchive.catalogue.vocabulary import DIRECTOR
from festarchive.core import pagetags
from festarchive.festival.services import (
    award_add,
    edition_create,
    festival_create,
    section_create,
    selection_add,
)

# Tags are retired when a transaction commits: these tests commit.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "PAGE_CACHE": True}


@pytest.fixture
def archive():
    director, _ = Role.objects.get_or_create(
        slug=DIRECTOR, defaults={"name_en": "Director", "name_nl": "Regie"}
    )
    anna = person_create(name="Anna Berg")
    tom = person_create(name="Tom de Wit")
    harbour = film_create(title_en="Harbour Lights", year=2002, runtime_minutes=80)
    salt = film_create(title_en="Salt Roads", year=2004, runtime_minutes=58)
    credit_add(film=harbour, role=director, person=anna)
    credit_add(film=salt, role=director, person=tom)
    mia = person_create(name="Mia Holm")
    pier = film_create(title_en="The Quiet Pier", year=2019, runtime_minutes=35)
    credit_add(film=pier, role=director, person=mia)
    festival = festival_create(name="Harbourdocs", short_name="Harbourdocs")
    edition = edition_create(festival=festival, year=2004)
    competition = section_create(festival=festival, name_en="Competition")
    shorts = section_create(festival=festival, name_en="Shorts")
    selection = selection_add(film=harbour, edition=edition, section=competition)
    selection_add(film=salt, edition=edition, section=shorts)
    return {
        "anna": anna,
        "tom": tom,
        "mia": mia,
        "pier": pier,
        "harbour": harbour,
        "salt": salt,
        "edition": edition,
        "selection": selection,
    }


def _cached(client, *urls) -> None:
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit", url


def _answers(client, *urls) -> dict[str, str]:
    return {url: client.get(url)["X-Cache"] for url in urls}


def test_an_edit_to_a_person_retires_their_page_and_their_films_pages_only(
    client, archive
):
    anna_page = archive["anna"].get_absolute_url()
    her_film = archive["harbour"].get_absolute_url()
    other_film = archive["pier"].get_absolute_url()
    other_person = archive["mia"].get_absolute_url()
    _cached(client, anna_page, her_film, other_film, other_person)

    anna = archive["anna"]
    anna.name = "Anna Berg-Holm"
    anna.save()

    assert _answers(client, anna_page, her_film, other_film, other_person) == {
        anna_page: "miss",
        her_film: "miss",
        other_film: "hit",
        other_person: "hit",
    }
    assert "Anna Berg-Holm" in client.get(her_film).content.decode()


def test_a_new_credit_retires_the_film_the_person_and_their_other_films(
    client, archive
):
    film, person = archive["salt"], archive["anna"]
    urls = [
        film.get_absolute_url(),
        person.get_absolute_url(),
        archive["harbour"].get_absolute_url(),
        archive["tom"].get_absolute_url(),
        archive["pier"].get_absolute_url(),
        archive["mia"].get_absolute_url(),
    ]
    _cached(client, *urls)
    credit_add(film=film, role=Role.objects.get(slug=DIRECTOR), person=person)
    assert _answers(client, *urls) == {
        urls[0]: "miss",
        urls[1]: "miss",
        # Harbour Lights lists more films by its director, Anna: now Salt
        # Roads too; Tom's page shows Salt Roads' card, its directors on it.
        urls[2]: "miss",
        urls[3]: "miss",
        urls[4]: "hit",
        urls[5]: "hit",
    }
    assert "Salt Roads" in client.get(person.get_absolute_url()).content.decode()
    assert "Salt Roads" in client.get(urls[2]).content.decode()


def test_an_award_retires_its_film_and_its_edition_not_the_other_films(client, archive):
    edition_page = archive["edition"].get_absolute_url()
    winner = archive["harbour"].get_absolute_url()
    other = archive["salt"].get_absolute_url()
    _cached(client, edition_page, winner, other)
    award_add(selection=archive["selection"], name_en="Best Harbour Film")
    assert _answers(client, edition_page, winner, other) == {
        edition_page: "miss",
        winner: "miss",
        other: "hit",
    }
    assert "Best Harbour Film" in client.get(edition_page).content.decode()


def test_a_write_round_the_models_retires_every_page_unless_it_names_its_tags(
    client, archive
):
    harbour, salt = archive["harbour"], archive["salt"]
    urls = [harbour.get_absolute_url(), salt.get_absolute_url()]
    _cached(client, *urls)
    # A queryset's update() sends no signal: every page is retired.
    Film.objects.filter(pk=harbour.pk).update(runtime_minutes=81)
    assert _answers(client, *urls) == dict.fromkeys(urls, "miss")
    # Named, only the pages of what it changed.
    with pagetags.writing(pagetags.tag(Film, harbour.pk)):
        Film.objects.filter(pk=harbour.pk).update(runtime_minutes=82)
    assert _answers(client, *urls) == {urls[0]: "miss", urls[1]: "hit"}
    assert "82 min" in client.get(urls[0]).content.decode()


def test_a_rolled_back_edit_retires_nothing(client, archive):
    url = archive["harbour"].get_absolute_url()
    _cached(client, url)
    with pytest.raises(RuntimeError), transaction.atomic():
        film = Film.objects.get(pk=archive["harbour"].pk)
        film.runtime_minutes = 99
        film.save()
        raise RuntimeError("changed my mind")
    assert client.get(url)["X-Cache"] == "hit"


def test_a_page_tells_a_purging_proxy_its_tags(client, archive, settings):
    settings.FESTARCHIVE = {
        **settings.FESTARCHIVE,
        "PURGE": {"URLS": ["http://127.0.0.1:9/"]},
    }
    response = Client().get(archive["harbour"].get_absolute_url())
    tags = response["xkey"].split()
    assert f"film:{archive['harbour'].pk}" in tags
    assert f"person:{archive['anna'].pk}" in tags
    assert pagetags.ALL in tags
    assert response["Surrogate-Control"].startswith("max-age=")
    # Without a purging proxy, no page names its records.
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "PURGE": {"URLS": []}}
    assert "xkey" not in Client().get(archive["salt"].get_absolute_url())


def test_a_proxy_header_folds_many_records_or_lists_of_a_kind():
    many = {f"film:{n}" for n in range(pagetags.MOST_OF_A_KIND + 1)}
    lists = {f"person:{n}:credit" for n in range(pagetags.MOST_OF_A_KIND + 1)}
    few_lists = {f"edition:{n}:selection" for n in range(3)}
    keyed = {f"edition:3:day:2026-11-{n:02}" for n in range(1, 30)}
    folded = pagetags.proxy_tags(
        many | lists | few_lists | keyed | {"person:7", "credit:any", pagetags.ALL}
    )
    assert "film:any" in folded and not any(t.startswith("film:1") for t in folded)
    assert "credit:any" in folded and not lists & set(folded)
    assert few_lists | keyed <= set(folded)
    assert {"person:7", pagetags.ALL} <= set(folded)


def test_a_write_that_retires_a_list_retires_its_rows_any_too(archive):
    # What lets a proxy's header fold many lists into one ``<model>:any``.
    film = archive["harbour"]
    credit = film.credits.select_related("person").first()
    tags = pagetags.written_tags(credit)
    assert f"person:{credit.person_id}:credit" in tags
    assert "credit:any" in tags


def test_an_edit_commits_and_shows_when_the_purge_address_is_wrong(
    client, archive, settings
):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "PURGE": {"URLS": ["not-a-url"]}}
    film = archive["harbour"]
    url = film.get_absolute_url()
    _cached(client, url)
    film.runtime_minutes = 91
    film.save()
    assert Film.objects.get(pk=film.pk).runtime_minutes == 91
    assert "91 min" in client.get(url).content.decode()


def test_a_corrected_synopsis_retires_the_films_page_not_the_pages_of_its_card(
    client, archive
):
    film = archive["harbour"]
    film_page = film.get_absolute_url()
    director = archive["anna"].get_absolute_url()  # her filmography: its card
    edition = archive["edition"].get_absolute_url()  # its card among the films
    _cached(client, film_page, director, edition)

    film.synopsis_en = "Night shifts in a harbour that never sleeps."
    film.save()
    assert _answers(client, film_page, director, edition) == {
        film_page: "miss",
        director: "hit",
        edition: "hit",
    }
    assert "never sleeps" in client.get(film_page).content.decode()

    # What a card shows (a title) retires every page that shows the card.
    film.title_en = "Harbour Lights at Night"
    film.save()
    assert _answers(client, film_page, director, edition) == dict.fromkeys(
        (film_page, director, edition), "miss"
    )
    for url in (director, edition):
        assert "Harbour Lights at Night" in client.get(url).content.decode()


def test_unpublishing_a_film_retires_the_pages_of_its_card(client, archive):
    film = archive["harbour"]
    edition = archive["edition"].get_absolute_url()
    _cached(client, edition)
    film.is_published = False
    film.save()
    assert client.get(edition)["X-Cache"] == "miss"
    assert "Harbour Lights" not in client.get(edition).content.decode()


def test_a_named_bulk_write_of_a_film_retires_its_cards_too(client, archive):
    film = archive["harbour"]
    edition = archive["edition"].get_absolute_url()
    _cached(client, edition)
    with pagetags.writing(pagetags.tag(Film, film.pk)):
        Film.objects.filter(pk=film.pk).update(title_en="Harbour Lamps")
    assert client.get(edition)["X-Cache"] == "miss"
    assert "Harbour Lamps" in client.get(edition).content.decode()


def test_cards_show_none_of_the_fields_an_edit_of_which_spares_them():
    from django.template.loader import get_template

    card = get_template("includes/_film_card.html").template.source
    for field in Film.PAGE_ONLY_FIELDS:
        assert field not in card, field
