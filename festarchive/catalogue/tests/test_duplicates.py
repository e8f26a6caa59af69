"""Staff find probable duplicate people and companies and merge them in the admin."""

import pytest
from django.urls import reverse

from festarchive.catalogue.duplicates import (
    INITIALS,
    ONE_TYPO,
    SAME_NAME,
    company_duplicates,
    one_edit_apart,
    person_duplicates,
)
from festarchive.catalogue.models import Credit, Person, Role
from festarchive.catalogue.services import (
    company_create,
    credit_add,
    film_create,
    pair_mark_distinct,
    person_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles():
    return {r.slug: r for r in Role.objects.all()}


def _pairs(found):
    return {frozenset((p.keep.name, p.other.name)): p for p in found}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("kovalenko", "kovalenko", False),
        ("kovalenko", "kovalenco", True),
        ("kovalenko", "kovalnko", True),
        ("kovalenko", "kovalenkoo", True),
        ("kovalenko", "kovaelnko", True),
        ("kovalenko", "kavalenco", False),
        ("kovalenko", "kovalenkooo", False),
    ],
)
def test_one_edit_apart(a, b, expected):
    assert one_edit_apart(a, b) is expected
    assert one_edit_apart(b, a) is expected


def test_people_with_the_same_folded_or_transliterated_name_are_paired(roles):
    film = film_create(title_en="Shared Film")
    polish = person_create(name="Katarzyna Kuczyńska")
    plain = person_create(name="Katarzyna Kuczynska")
    credit_add(film=film, role=roles["director"], person=polish)
    credit_add(film=film, role=roles["editing"], person=plain)
    credit_add(
        film=film_create(title_en="Second"), role=roles["director"], person=polish
    )
    person_create(name="Valeriy Kalmykov")
    person_create(name="Kalmykov Valery")
    person_create(name="Somebody Else Entirely")

    found = _pairs(person_duplicates())

    pair = found[frozenset(("Katarzyna Kuczyńska", "Katarzyna Kuczynska"))]
    assert pair.reasons == (SAME_NAME,)
    assert pair.shared_films == 1
    assert pair.keep.name == "Katarzyna Kuczyńska"  # more credits: kept
    assert (
        SAME_NAME in found[frozenset(("Valeriy Kalmykov", "Kalmykov Valery"))].reasons
    )
    assert len(found) == 2
    # Pairs that share films come first.
    assert person_duplicates()[0].shared_films == 1


def test_names_one_typo_apart_and_initials_on_shared_films_are_paired(roles):
    person_create(name="Alexandra Bergström")
    person_create(name="Alexandra Bergstrom")  # same once folded
    person_create(name="Maximilian Oberhauser")
    person_create(name="Maximilian Oberhausr")
    film = film_create(title_en="Initials")
    full = person_create(name="Alisa Kovalenko")
    short = person_create(name="A. Kovalenko")
    credit_add(film=film, role=roles["director"], person=full)
    credit_add(film=film, role=roles["cinematography"], person=short)
    # The same initial without a shared film is not evidence enough.
    person_create(name="A. Petrenko")
    person_create(name="Anna Petrenko")
    # Short names one letter apart are usually different people.
    person_create(name="Li Wei")
    person_create(name="Li Wen")

    found = _pairs(person_duplicates())

    assert found[
        frozenset(("Maximilian Oberhauser", "Maximilian Oberhausr"))
    ].reasons == (ONE_TYPO,)
    assert found[frozenset(("Alisa Kovalenko", "A. Kovalenko"))].reasons == (INITIALS,)
    assert frozenset(("A. Petrenko", "Anna Petrenko")) not in found
    assert frozenset(("Li Wei", "Li Wen")) not in found


def test_companies_are_paired_without_their_legal_form():
    company_create(name="Trueman Production")
    company_create(name="Trueman Productions")
    company_create(name="HAKA Films")
    company_create(name="Haka Films B.V.")
    company_create(name="Another Company")

    found = _pairs(company_duplicates())

    assert (
        ONE_TYPO
        in found[frozenset(("Trueman Production", "Trueman Productions"))].reasons
    )
    assert SAME_NAME in found[frozenset(("HAKA Films", "Haka Films B.V."))].reasons
    assert len(found) == 2


def test_a_pair_checked_as_different_is_not_offered_again():
    a = person_create(name="Jan de Vries")
    b = person_create(name="Jan de Vries")
    assert len(person_duplicates()) == 1
    pair_mark_distinct(kind="person", first_id=b.pk, second_id=a.pk)
    assert person_duplicates() == []


def test_admin_duplicates_list_merge_and_redirect(staff_client, roles):
    film = film_create(title_en="Admin Merge")
    keep = person_create(name="Katarzyna Kuczyńska")
    other = person_create(name="Katarzyna Kuczynska")
    credit_add(film=film, role=roles["director"], person=keep)
    credit_add(film=film, role=roles["editing"], person=other)

    listing = staff_client.get(reverse("admin:catalogue_person_duplicates"))
    assert listing.status_code == 200
    merge_url = reverse("admin:catalogue_person_merge", args=[keep.pk, other.pk])
    assert merge_url in listing.content.decode()
    changelist = staff_client.get(reverse("admin:catalogue_person_changelist"))
    assert reverse("admin:catalogue_person_duplicates") in changelist.content.decode()

    confirm = staff_client.get(merge_url)
    assert confirm.status_code == 200
    assert Person.objects.filter(pk=other.pk).exists()  # nothing happens on GET

    done = staff_client.post(merge_url)
    assert done.status_code == 302
    assert not Person.objects.filter(pk=other.pk).exists()
    assert Credit.objects.filter(person=keep).count() == 2
    assert "Katarzyna Kuczynska" in Person.objects.get(pk=keep.pk).name_variants

    old_page = staff_client.get(f"/en/people/{other.slug}/")
    assert old_page.status_code == 301
    assert old_page["Location"] == keep.get_absolute_url()
    # The merge is in the kept record's history, with who did it.
    latest = keep.history.latest()
    assert "Merged Katarzyna Kuczynska" in latest.history_change_reason
    assert latest.history_user.username == "staff"


def test_admin_not_the_same_button(staff_client):
    a = person_create(name="Jan de Vries")
    b = person_create(name="Jan de Vries")
    url = reverse("admin:catalogue_person_distinct", args=[a.pk, b.pk])
    assert staff_client.get(url).status_code == 405
    assert staff_client.post(url).status_code == 302
    listing = staff_client.get(reverse("admin:catalogue_person_duplicates"))
    assert "Jan de Vries" not in listing.content.decode()


def test_merging_twice_keeps_every_old_address_working():
    first = person_create(name="Anna Kowalska")
    second = person_create(name="Anna Kowalska")
    third = person_create(name="Anna Kowalski")
    from festarchive.catalogue.services import person_merge

    person_merge(keep=second, merge=first)
    person_merge(keep=third, merge=second)

    from django.test import Client

    client = Client()
    for gone in (first, second):
        response = client.get(f"/en/people/{gone.slug}/")
        assert response.status_code == 301
        assert response["Location"] == third.get_absolute_url()
    assert client.get("/en/people/never-existed/").status_code == 404


def test_duplicates_pages_need_staff(client):
    response = client.get(reverse("admin:catalogue_person_duplicates"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_list_is_cached_but_merged_records_drop_out_at_once(roles):
    from festarchive.catalogue.services import person_merge

    a = person_create(name="Jan de Vries")
    b = person_create(name="Jan de Vries")
    assert len(person_duplicates()) == 1
    person_create(name="Piet Jansen")
    person_create(name="Piet Jansen")
    assert len(person_duplicates()) == 1  # from the cache
    assert len(person_duplicates(fresh=True)) == 2
    person_merge(keep=a, merge=b)
    assert [p.keep.name for p in person_duplicates()] == ["Piet Jansen"]
