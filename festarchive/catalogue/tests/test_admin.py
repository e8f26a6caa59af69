"""Staff edit films in the admin: inlines, validation, history and revert."""

import pytest
from django.urls import reverse

from festarchive.catalogue.models import Credit, Film, Role
from festarchive.catalogue.services import (
    credit_add,
    film_create,
    person_create,
)
from festarchive.festival.models import Edition, PremiereStatus, Selection
from festarchive.testing.admin import add_inline_row, change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def film():
    return film_create(title_en="The Admin Film", year=2021, runtime_minutes=80)


def _change_url(film):
    return reverse("admin:catalogue_film_change", args=[film.pk])


def test_every_admin_list_and_form_opens(staff_client, reference_film):
    """Every model's list (with search and each filter) and forms render."""
    from django.contrib import admin

    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert staff_client.get(changelist).status_code == 200, changelist
        if model_admin.search_fields:
            assert staff_client.get(changelist, {"q": "kuczy"}).status_code == 200
        first = model.objects.first()
        if first is not None:
            change = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk]
            )
            assert staff_client.get(change).status_code == 200, change


def test_film_list_filters_by_edition_festival_and_country(
    staff_client, reference_film
):
    other = film_create(title_en="Not Selected")
    url = reverse("admin:catalogue_film_changelist")
    festival = reference_film.selections.first().edition.festival
    page = staff_client.get(
        url, {"selections__edition__festival__id__exact": festival.pk}
    )
    titles = [f.title_en for f in page.context["cl"].result_list]
    assert reference_film.title_en in titles
    assert other.title_en not in titles
    country = reference_film.production_countries.first().country.code
    page = staff_client.get(url, {"production_countries__country": country})
    assert [f.pk for f in page.context["cl"].result_list] == [reference_film.pk]


def test_credit_added_inline_with_person_and_company(staff_client, film):
    person = person_create(name="Valery Kalmykov")
    role = Role.objects.get(slug="production")
    data = change_form_data(staff_client.get(_change_url(film)))
    add_inline_row(data, "credits", {"role": role.pk, "person": person.pk, "order": 0})
    response = staff_client.post(_change_url(film), data)
    assert response.status_code == 302, response.context["errors"]
    assert [str(c) for c in film.credits.all()] == ["Production: Valery Kalmykov"]


def test_duplicate_or_empty_credit_is_refused_with_a_message(staff_client, film):
    person = person_create(name="Valery Kalmykov")
    role = Role.objects.get(slug="production")
    credit_add(film=film, role=role, person=person)
    data = change_form_data(staff_client.get(_change_url(film)))
    add_inline_row(data, "credits", {"role": role.pk, "person": person.pk, "order": 1})
    response = staff_client.post(_change_url(film), data)
    assert response.status_code == 200
    assert "This film already has this credit." in response.content.decode()
    assert film.credits.count() == 1

    data = change_form_data(staff_client.get(_change_url(film)))
    add_inline_row(data, "credits", {"role": role.pk, "order": 1})
    response = staff_client.post(_change_url(film), data)
    assert response.status_code == 200
    assert "A credit needs a person or a company." in response.content.decode()
    assert film.credits.count() == 1


def test_bad_film_facts_are_refused_with_a_message(staff_client, film):
    data = change_form_data(staff_client.get(_change_url(film)))
    data.update(year="3024", runtime_minutes="0")
    response = staff_client.post(_change_url(film), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "year" in errors and "runtime_minutes" in errors
    film.refresh_from_db()
    assert (film.year, film.runtime_minutes) == (2021, 80)


def test_selection_added_inline(staff_client, film, demo_catalogue):
    edition = Edition.objects.get(festival__slug="idfa", year=2023)
    premiere = PremiereStatus.objects.get(slug="world")
    data = change_form_data(staff_client.get(_change_url(film)))
    add_inline_row(data, "selections", {"edition": edition.pk, "premiere": premiere.pk})
    response = staff_client.post(_change_url(film), data)
    assert response.status_code == 302, response.context["errors"]
    assert Selection.objects.get(film=film).edition == edition


def test_history_records_who_changed_what_and_reverts(staff_client, film):
    data = change_form_data(staff_client.get(_change_url(film)))
    data["title_en"] = "The Renamed Film"
    data["runtime_minutes"] = "95"
    assert staff_client.post(_change_url(film), data).status_code == 302

    latest = film.history.latest()
    assert latest.history_user.username == "staff"
    delta = latest.diff_against(latest.prev_record)
    assert sorted(change.field for change in delta.changes) == [
        "runtime_minutes",
        "title_en",
    ]
    history = staff_client.get(
        reverse("admin:catalogue_film_history", args=[film.pk])
    ).content.decode()
    assert (
        "The Renamed Film" in history
        or "title_en" in history
        or "English title" in history
    )

    first = film.history.earliest()
    revert_url = reverse(
        "admin:catalogue_film_simple_history", args=[film.pk, first.history_id]
    )
    form = staff_client.get(revert_url)
    assert form.status_code == 200
    assert staff_client.post(revert_url, change_form_data(form)).status_code == 302
    film.refresh_from_db()
    assert (film.title_en, film.runtime_minutes) == ("The Admin Film", 80)
    assert film.history.count() == 3


def test_film_history_page_lists_credit_changes(staff_client, film):
    person = person_create(name="Stéphane Siohan")
    role = Role.objects.get(slug="director")
    data = change_form_data(staff_client.get(_change_url(film)))
    add_inline_row(data, "credits", {"role": role.pk, "person": person.pk, "order": 0})
    assert staff_client.post(_change_url(film), data).status_code == 302
    Credit.objects.get(film=film).delete()

    page = staff_client.get(reverse("admin:catalogue_film_history", args=[film.pk]))
    related = page.context["related_changes"]
    assert [(c.action, c.description) for c in related] == [
        ("removed", "Director: Stéphane Siohan"),
        ("added", "Director: Stéphane Siohan"),
    ]
    assert related[1].by == "staff"


def test_deleted_film_can_be_seen_in_history(staff_client, film):
    pk = film.pk
    Film.objects.get(pk=pk).delete()
    assert film.history.model.objects.filter(id=pk, history_type="-").exists()


def test_the_same_selection_or_country_twice_is_refused(
    staff_client, film, demo_catalogue
):
    edition = Edition.objects.get(festival__slug="idfa", year=2023)
    data = change_form_data(staff_client.get(_change_url(film)))
    add_inline_row(data, "selections", {"edition": edition.pk})
    add_inline_row(data, "selections", {"edition": edition.pk})
    response = staff_client.post(_change_url(film), data)
    assert response.status_code == 200
    assert not Selection.objects.filter(film=film).exists()

    data = change_form_data(staff_client.get(_change_url(film)))
    add_inline_row(data, "production_countries", {"country": "NL", "order": 0})
    add_inline_row(data, "production_countries", {"country": "NL", "order": 1})
    response = staff_client.post(_change_url(film), data)
    assert response.status_code == 200
    assert not film.production_countries.exists()
