"""The index follows every edit, and can be rebuilt from scratch."""

import pytest
from django.core.management import call_command

from festarchive.catalogue.models import Film, Person, Role
from festarchive.catalogue.services import credit_add, film_create, person_create

pytestmark = pytest.mark.django_db


def titles(client, **params):
    return [
        f.title_en for f in client.get("/en/archive/", params).context["results"].films
    ]


def test_a_new_film_is_found_once_its_transaction_commits(
    client, catalogue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        film = film_create(title_en="Lighthouse Keepers", year=2020, countries=["NO"])
        credit_add(
            film=film,
            role=Role.objects.get(slug="director"),
            person=person_create(name="Solveig Haugen"),
        )
    assert titles(client, q="lighthouse") == ["Lighthouse Keepers"]
    assert titles(client, q="haugen") == ["Lighthouse Keepers"]
    assert "Norway" in [
        v.label
        for f in client.get("/en/archive/").context["results"].facets
        if f.name == "country"
        for v in f.values
    ]


def test_staff_edit_in_the_admin_shows_on_the_next_search(
    client, staff_client, catalogue, django_capture_on_commit_callbacks
):
    film = catalogue["silent"]
    assert titles(client, q="orchard") == ["The Silent Orchard"]
    with django_capture_on_commit_callbacks(execute=True):
        film.title_en = "The Quiet Vineyard"
        film.save()
    assert titles(client, q="orchard") == []
    assert titles(client, q="vineyard") == ["The Quiet Vineyard"]


def test_renaming_a_person_reindexes_their_films(
    client, catalogue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Person.objects.filter(name="Alisa Kovalenko").update(name="unused")  # no signal
        person = Person.objects.get(slug="alisa-kovalenko")
        person.name = "Alisa Kowalenko-Nowak"
        person.save()
    assert titles(client, q="nowak") == ["We Will Not Fade Away"]
    results = client.get("/en/archive/", {"q": "nowak"}).context["results"]
    assert [p.name for p in results.people] == ["Alisa Kowalenko-Nowak"]


def test_unpublished_and_deleted_films_leave_results_and_facets(
    client, catalogue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        film = catalogue["greek"]
        film.is_published = False
        film.save()
    assert titles(client, q="siopi") == []
    result = client.get("/en/archive/").context["results"]
    assert result.total == 5
    with django_capture_on_commit_callbacks(execute=True):
        catalogue["arabic"].delete()
    assert titles(client, q="distant") == []
    assert client.get("/en/archive/").context["results"].total == 4


def test_rebuild_command_reports_what_it_indexed(client, catalogue, capsys):
    Film.objects.filter(pk=catalogue["silent"].pk).update(title_en="Renamed Quietly")
    assert titles(client, q="renamed") == []  # a bulk update sends no signal
    call_command("rebuild_search_index")
    out = capsys.readouterr().out
    assert out.startswith("Indexed 6 films, ")
    assert titles(client, q="renamed") == ["Renamed Quietly"]


@pytest.mark.django_db(transaction=True)
def test_a_save_outside_any_transaction_is_indexed_too(client, reference_film):
    person = Person.objects.get(name="Alisa Kovalenko")
    person.name = "Alisa Zyxwvenko"
    person.save()  # autocommit: no transaction to wait for
    results = client.get("/en/archive/", {"q": "zyxwvenko"}).context["results"]
    assert [f.title_en for f in results.films] == ["We Will Not Fade Away"]


def test_an_edit_rewrites_its_films_facets_without_reading_every_film(
    client, catalogue, django_capture_on_commit_callbacks, monkeypatch
):
    from festarchive.catalogue.services import film_set_countries
    from festarchive.search import facets, signals

    def countries():
        return {
            v.label: v.count
            for f in client.get("/en/archive/").context["results"].facets
            if f.name == "country"
            for v in f.values
        }

    # What the fixture's writes left queued (its transaction never commits)
    # is indexed first, as a commit would have.
    signals.flush()
    before = countries()
    # From here on, building the index from every film is not allowed.
    monkeypatch.setattr(
        facets.FacetIndex,
        "__init__",
        lambda self, rows: pytest.fail("the whole index was read again"),
    )
    film = catalogue["silent"]
    with django_capture_on_commit_callbacks(execute=True):
        film_set_countries(film=film, countries=["IS"])
        film.title_en = "Aaa Orchard"  # moves to the top of the A–Z order
        film.save()
    after = countries()
    assert after["Iceland"] == before.get("Iceland", 0) + 1
    assert titles(client, sort="title")[0] == "Aaa Orchard"
