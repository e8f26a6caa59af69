"""Addresses that last: a record's permalink never changes, and the addresses
it had before lead to its page now."""

import pytest
from django.urls import reverse

from festarchive.catalogue.models import Film, Person
from festarchive.catalogue.services import (
    film_create,
    person_create,
    person_merge,
)
from festarchive.core.models import FormerAddress
from festarchive.festival.models import Festival
from festarchive.testing.admin import change_form_data

pytestmark = pytest.mark.django_db


def _rename(record, slug):
    record.slug = slug
    record.full_clean()
    record.save()
    return record


def test_an_edited_slug_leads_to_the_page_now_in_the_same_language(client):
    film = film_create(title_en="The Harbour", year=2020, slug="harbour")
    _rename(film, "the-harbour-2020")
    response = client.get("/nl/films/harbour/?from=list")
    assert response.status_code == 301
    assert response["Location"] == "/nl/films/the-harbour-2020/?from=list"
    assert client.get(response["Location"]).status_code == 200


def test_a_chain_of_slugs_leads_from_the_first_to_the_last(client):
    film = film_create(title_en="Chain", slug="a")
    _rename(film, "b")
    _rename(film, "c")
    assert client.get("/en/films/a/")["Location"] == "/en/films/c/"
    assert client.get("/en/films/b/")["Location"] == "/en/films/c/"


def test_a_record_taking_a_freed_slug_wins_over_the_redirect(client):
    first = film_create(title_en="First", slug="shared")
    _rename(first, "first")
    second = film_create(title_en="Second", slug="shared")
    response = client.get("/en/films/shared/")
    assert response.status_code == 200
    assert response.context["film"] == second
    # Leaving it again, the slug now leads to the record that had it last.
    _rename(second, "second")
    assert client.get("/en/films/shared/")["Location"] == "/en/films/second/"


def test_going_back_to_a_former_slug_keeps_no_redirect_to_itself(client):
    film = film_create(title_en="Back", slug="back")
    _rename(film, "away")
    _rename(film, "back")
    assert client.get("/en/films/back/").status_code == 200
    assert client.get("/en/films/away/")["Location"] == "/en/films/back/"


def test_an_unpublished_film_is_404_at_its_permalink_and_old_addresses(client):
    film = film_create(title_en="Secret", slug="secret", is_published=False)
    _rename(film, "still-secret")
    for url in (f"/en/records/film/{film.pk}/", "/en/films/secret/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "still-secret" not in response.content.decode()
        assert not response.has_header("Location")


def test_the_permalink_leads_to_the_page_whatever_its_slug(client):
    film = film_create(title_en="Lasting", slug="lasting")
    url = f"/nl/records/film/{film.pk}/"
    assert client.get(url)["Location"] == "/nl/films/lasting/"
    _rename(film, "lasting-2024")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == "/nl/films/lasting-2024/"


def test_the_page_shows_its_permalink(client):
    film = film_create(title_en="Shown", slug="shown")
    page = client.get(film.get_absolute_url()).content.decode()
    assert "Permalink" in page
    assert f"http://testserver/en/records/film/{film.pk}/" in page


def test_merged_records_lead_to_the_kept_one_by_permalink_and_address(client):
    first = person_create(name="Alisa Kovalenko")
    second = person_create(name="Alisa Kovalenko", name_variants=["A. Kovalenko"])
    third = person_create(name="Alisa Kovalenko-Levchenko")
    first_pk, first_slug = first.pk, first.slug
    second_pk, second_slug = second.pk, second.slug
    _rename(first, "alisa-k")
    person_merge(keep=second, merge=first)
    person_merge(keep=third, merge=second)
    target = third.get_absolute_url()
    for url in (
        f"/en/records/person/{first_pk}/",
        f"/en/records/person/{second_pk}/",
    ):
        assert client.get(url)["Location"] == target, url
    for slug in (first_slug, "alisa-k", second_slug):
        assert client.get(f"/en/people/{slug}/")["Location"] == target, slug


def test_unknown_kinds_and_ids_are_404(client, db):
    for url in (
        "/en/records/planet/1/",
        "/en/records/film/999999/",
        "/en/records/film/99999999999999999999999999/",
        "/en/records/film/0/",
    ):
        assert client.get(url).status_code == 404, url


def test_a_slug_edited_in_the_admin_leaves_its_former_address(staff_client, client):
    festival = Festival.objects.create(name="Doc Days", short_name="DD", slug="dd")
    change = reverse("admin:festival_festival_change", args=[festival.pk])
    data = change_form_data(staff_client.get(change))
    data["slug"] = "doc-days"
    response = staff_client.post(change, data)
    assert response.status_code == 302, response.context["errors"]
    assert FormerAddress.objects.filter(kind="festival", slug="dd").exists()
    staff_client.logout()
    assert client.get("/en/festivals/dd/")["Location"] == "/en/festivals/doc-days/"


def test_former_person_and_company_slugs_are_one_table(db):
    person = person_create(name="Moved Person")
    _rename(person, "moved")
    film = film_create(title_en="Moved Film", slug="moved")
    _rename(film, "moved-film")
    rows = set(FormerAddress.objects.values_list("kind", "slug", "object_id"))
    assert ("person", "moved-person", person.pk) in rows
    assert ("film", "moved", film.pk) in rows
    # A deleted record leaves no address behind.
    Person.objects.filter(pk=person.pk).delete()
    Film.objects.get(pk=film.pk).delete()
    assert not FormerAddress.objects.filter(object_id__in=[person.pk, film.pk])
