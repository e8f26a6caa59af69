"""Constraints that keep bad data out, at both the service and the database level."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from festarchive.catalogue.models import Credit, Film, FilmCountry, Role
from festarchive.catalogue.services import (
    company_create,
    credit_add,
    film_create,
    person_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def film():
    return film_create(title_en="Harbour Lights", year=2001, runtime_minutes=90)


@pytest.fixture
def director():
    return Role.objects.get(slug="director")


@pytest.fixture
def person():
    return person_create(name="Anna Berg")


@pytest.fixture
def company():
    return company_create(name="Polder Docs", kind="production", country="NL")


@pytest.mark.parametrize("year", [1887, datetime.date.today().year + 2])
def test_film_year_outside_range_is_refused(year):
    with pytest.raises(ValidationError) as error:
        film_create(title_en="Too Early Or Late", year=year)
    assert "year" in error.value.message_dict


@pytest.mark.parametrize("year", [1888, datetime.date.today().year + 1])
def test_film_year_at_the_edges_is_accepted(year):
    assert film_create(title_en="Edge", year=year).year == year


@pytest.mark.parametrize("runtime", [0, 1501])
def test_film_runtime_outside_range_is_refused(runtime):
    with pytest.raises(ValidationError) as error:
        film_create(title_en="Wrong Length", runtime_minutes=runtime)
    assert "runtime_minutes" in error.value.message_dict


@pytest.mark.parametrize(
    ("field", "value"), [("year", 1500), ("runtime_minutes", 2000)]
)
def test_database_refuses_out_of_range_values_that_skip_validation(film, field, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        Film.objects.filter(pk=film.pk).update(**{field: value})


def test_credit_needs_a_person_or_a_company(film, director):
    with pytest.raises(ValidationError, match="needs a person or a company"):
        credit_add(film=film, role=director)
    with pytest.raises(IntegrityError), transaction.atomic():
        Credit.objects.create(film=film, role=director)


def test_same_person_twice_in_one_role_is_refused(film, director, person):
    credit_add(film=film, role=director, person=person)
    with pytest.raises(ValidationError, match="already has this credit"):
        credit_add(film=film, role=director, person=person)
    with pytest.raises(IntegrityError), transaction.atomic():
        Credit.objects.create(film=film, role=director, person=person, order=5)


def test_same_company_alone_twice_is_refused_by_the_database(film, company):
    sales = Role.objects.get(slug="world-sales")
    Credit.objects.create(film=film, role=sales, company=company)
    with pytest.raises(IntegrityError), transaction.atomic():
        Credit.objects.create(film=film, role=sales, company=company, order=1)


def test_person_for_company_twice_is_refused(film, person, company):
    production = Role.objects.get(slug="production")
    credit_add(film=film, role=production, person=person, company=company)
    with pytest.raises(ValidationError):
        credit_add(film=film, role=production, person=person, company=company)


def test_person_alone_and_person_for_company_are_different_credits(
    film, person, company
):
    production = Role.objects.get(slug="production")
    credit_add(film=film, role=production, person=person)
    credit_add(film=film, role=production, person=person, company=company)
    assert film.credits.count() == 2


def test_same_person_in_two_roles_is_allowed(film, director, person):
    credit_add(film=film, role=director, person=person)
    credit_add(film=film, role=Role.objects.get(slug="editing"), person=person)
    assert [str(c) for c in film.credits.all()] == [
        "Director: Anna Berg",
        "Editing: Anna Berg",
    ]


def test_credited_as_reads_person_for_company(film, person, company):
    production = Role.objects.get(slug="production")
    credit = credit_add(film=film, role=production, person=person, company=company)
    assert credit.credited_as == "Anna Berg for Polder Docs"


def test_production_countries_keep_their_order_and_allow_historic_countries():
    film = film_create(
        title_en="Old Reels",
        year=1975,
        countries=["SUHH", "DDDE", "CSHH", "YUCS", "FI"],
    )
    names = [str(c.country.name) for c in film.production_countries.all()]
    assert names == [
        "USSR",
        "German Democratic Republic",
        "Czechoslovakia",
        "Yugoslavia",
        "Finland",
    ]


def test_unknown_country_code_is_refused():
    with pytest.raises(ValidationError):
        film_create(title_en="Nowhere", countries=["XX"])
    assert not Film.objects.filter(title_en="Nowhere").exists()


def test_same_country_twice_is_refused(film):
    FilmCountry.objects.create(film=film, country="NL", order=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        FilmCountry.objects.create(film=film, country="NL", order=1)


def test_spoken_languages_are_iso_639_codes():
    film = film_create(title_en="Talking", languages=["uk", "en", "fil"])
    assert [str(lang) for lang in film.spoken_languages.all()] == [
        "Ukrainian",
        "English",
        "Filipino",
    ]
    with pytest.raises(ValidationError):
        film_create(title_en="Gibberish", languages=["xq"])


@pytest.mark.parametrize(
    ("field", "value"),
    [("imdb_id", "1234567"), ("wikidata_id", "12345"), ("eidr_id", "10.5240/XYZ")],
)
def test_malformed_external_ids_are_refused(field, value):
    with pytest.raises(ValidationError) as error:
        film_create(title_en="Badly Identified", **{field: value})
    assert field in error.value.message_dict


def test_well_formed_external_ids_are_kept():
    film = film_create(
        title_en="Well Identified",
        imdb_id="tt1234567",
        wikidata_id="Q42",
        eidr_id="10.5240/7791-8534-2C23-9030-8610-5",
    )
    assert film.eidr_id == "10.5240/7791-8534-2C23-9030-8610-5"


def test_person_with_credits_cannot_be_deleted(film, director, person):
    credit_add(film=film, role=director, person=person)
    with pytest.raises(IntegrityError), transaction.atomic():
        person.delete()
