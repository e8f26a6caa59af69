"""Merging duplicate people and companies loses nothing."""

import pytest
from django.core.exceptions import ValidationError

from festarchive.catalogue.models import Company, Credit, Person, Role
from festarchive.catalogue.services import (
    company_create,
    company_merge,
    credit_add,
    film_create,
    person_create,
    person_merge,
)
from festarchive.core.models import ChangeRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles():
    return {r.slug: r for r in Role.objects.all()}


def test_person_merge_moves_credits_keeps_the_name_and_drops_only_true_duplicates(
    roles,
):
    keep = person_create(name="Katarzyna Kuczyńska")
    merge = person_create(name="Katarzyna Kuczynska", name_variants=["K. Kuczynska"])
    shared, only_merge = (
        film_create(title_en="Shared"),
        film_create(title_en="Only Merge"),
    )
    company = company_create(name="HAKA Films")
    credit_add(film=shared, role=roles["co-production"], person=keep, company=company)
    credit_add(film=shared, role=roles["co-production"], person=merge, company=company)
    credit_add(film=shared, role=roles["editing"], person=merge)
    credit_add(film=only_merge, role=roles["director"], person=merge)

    person_merge(keep=keep, merge=merge)

    keep.refresh_from_db()
    assert not Person.objects.filter(pk=merge.pk).exists()
    assert keep.name_variants == ["Katarzyna Kuczynska", "K. Kuczynska"]
    assert sorted(str(c) for c in Credit.objects.filter(person=keep)) == [
        "Co-production: Katarzyna Kuczyńska for HAKA Films",
        "Director: Katarzyna Kuczyńska",
        "Editing: Katarzyna Kuczyńska",
    ]
    record = ChangeRecord.objects.get(action="catalogue.person.merged")
    assert record.data["merged"]["name"] == "Katarzyna Kuczynska"
    assert (record.data["credits_moved"], record.data["credits_dropped"]) == (2, 1)


def test_company_merge_moves_credits_and_keeps_the_name(roles):
    keep = company_create(name="ARTE GEIE", kind="broadcaster")
    merge = company_create(name="Arte G.E.I.E.", country="FR")
    film = film_create(title_en="Channel Film")
    credit_add(film=film, role=roles["involved-tv-channel"], company=merge)
    company_merge(keep=keep, merge=merge)
    keep.refresh_from_db()
    assert keep.name_variants == ["Arte G.E.I.E."]
    assert keep.country.code == "FR"
    assert [str(c) for c in film.credits.all()] == ["Involved TV Channel: ARTE GEIE"]
    assert not Company.objects.filter(pk=merge.pk).exists()


def test_merging_a_record_into_itself_is_refused():
    person = person_create(name="Solo Person")
    with pytest.raises(ValidationError):
        person_merge(keep=person, merge=person)
    assert Person.objects.filter(pk=person.pk).exists()


def test_admin_merge_action_keeps_the_record_with_most_credits(staff_client, roles):
    busy = person_create(name="Alisa Kovalenko")
    spare = person_create(name="Alisa Kovalenko", name_variants=[])
    for title in ("One", "Two"):
        credit_add(
            film=film_create(title_en=title), role=roles["director"], person=busy
        )
    credit_add(film=film_create(title_en="Three"), role=roles["director"], person=spare)
    response = staff_client.post(
        "/en/admin/catalogue/person/",
        {"action": "merge", "_selected_action": [spare.pk, busy.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Merged Alisa Kovalenko into Alisa Kovalenko." in response.content.decode()
    assert list(Person.objects.values_list("pk", flat=True)) == [busy.pk]
    assert Credit.objects.filter(person=busy).count() == 3


def test_merged_person_is_found_by_the_other_spelling(
    client, reference_film, roles, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        keep = Person.objects.get(name="Katarzyna Kuczyńska")
        merge = person_create(name="Kasia Kuczynska-Nowak")
        person_merge(keep=keep, merge=merge)
    results = client.get("/en/archive/", {"q": "nowak"}).context["results"]
    assert [p.name for p in results.people] == ["Katarzyna Kuczyńska"]
