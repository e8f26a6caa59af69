import pytest

from festarchive.catalogue.models import Role
from festarchive.catalogue.services import (
    company_create,
    credit_add,
    film_create,
    person_create,
)
from festarchive.core.models import ChangeRecord

pytestmark = pytest.mark.django_db


def test_film_create_transliterates_a_non_latin_original_title():
    film = film_create(title_en="The Silence", title_original="Η σιωπή", year=2020)
    assert film.title_original == "Η σιωπή"
    assert film.title_original_latin == "I siopi"


def test_film_create_keeps_a_given_transliteration():
    film = film_create(
        title_en="We Will Not Fade Away",
        title_original="Ми не згаснемо",
        title_original_latin="My ne zgasnemo",
    )
    assert film.title_original_latin == "My ne zgasnemo"


def test_film_create_leaves_latin_original_titles_alone():
    film = film_create(title_en="The Last Summer", title_original="Ostatnie lato")
    assert film.title_original_latin == ""
    assert film.original_title_display == "Ostatnie lato"


def test_film_slugs_are_unique_and_ascii():
    first = film_create(title_en="Żółte pola", year=2019)
    second = film_create(title_en="Żółte pola", year=2019)
    assert first.slug == "zolte-pola-2019"
    assert second.slug == "zolte-pola-2019-2"


def test_film_in_a_script_without_latin_letters_gets_a_readable_slug():
    assert film_create(title_en="沉默的河", year=2015).slug == "chenmodehe-2015"


def test_person_create_derives_sort_name_and_unique_slug():
    first = person_create(name="Katarzyna Kuczyńska")
    second = person_create(name="Katarzyna Kuczynska")
    assert first.sort_name == "Kuczyńska, Katarzyna"
    assert (first.slug, second.slug) == ("katarzyna-kuczynska", "katarzyna-kuczynska-2")


def test_credit_add_appends_in_order_within_a_role():
    film = film_create(title_en="Ordered")
    role = Role.objects.get(slug="production")
    people = [person_create(name=name) for name in ("Ann Z", "Bob Y", "Cy X")]
    for person in people:
        credit_add(film=film, role=role, person=person)
    assert [c.person.name for c in film.credits.all()] == ["Ann Z", "Bob Y", "Cy X"]
    assert [c.order for c in film.credits.all()] == [0, 1, 2]


def test_services_record_each_change():
    company = company_create(name="Tidal Films")
    record = ChangeRecord.objects.get(
        object_id=str(company.pk), action="catalogue.company.created"
    )
    assert record.object_repr == "Tidal Films"


def test_a_refused_film_leaves_nothing_behind():
    with pytest.raises(Exception):  # noqa: B017 - any refusal must roll everything back
        film_create(title_en="Half Made", countries=["NL", "??"])
    from festarchive.catalogue.models import Film

    assert not Film.objects.filter(title_en="Half Made").exists()
    assert not ChangeRecord.objects.filter(object_repr__startswith="Half Made").exists()
