import pytest
from django.core.exceptions import ValidationError

from festarchive.core.models import ChangeRecord
from festarchive.curated import services

pytestmark = pytest.mark.django_db


def test_a_selection_gets_a_unique_slug_from_its_title(films):
    first = services.curated_selection_create(title_en="Best of the 1990s")
    second = services.curated_selection_create(title_en="Best of the 1990s")
    assert first.slug == "best-of-the-1990s"
    assert second.slug != first.slug and second.slug.startswith(first.slug)
    assert not first.is_published


def test_films_are_added_last_and_only_once(nineties, films):
    orders = list(nineties.entries.values_list("film__title_en", "order"))
    assert orders == [
        ("Coal and Salt", 1),
        ("The Silent Orchard", 2),
        ("Not Yet Shown", 3),
    ]
    with pytest.raises(ValidationError):
        services.curated_film_add(selection=nineties, film=films["salt"])


def test_every_write_is_recorded(nineties, films, django_user_model):
    editor = django_user_model.objects.create_user(username="ed", is_staff=True)
    services.curated_selection_update(nineties, title_en="The 1990s", by=editor)
    entry = nineties.entries.get(film=films["salt"])
    services.curated_film_update(entry, order=9, by=editor)
    services.curated_film_remove(entry, by=editor)
    records = ChangeRecord.objects.filter(by=editor).order_by("id")
    assert [(r.action, r.data) for r in records] == [
        ("curated.selection.changed", {"fields": ["title_en"]}),
        ("curated.film.changed", {"fields": ["order"]}),
        ("curated.film.removed", {}),
    ]


def test_a_service_refuses_fields_it_does_not_know(nineties):
    with pytest.raises(TypeError):
        services.curated_selection_update(nineties, slugg="typo")


def test_a_title_is_required(films):
    with pytest.raises(ValidationError):
        services.curated_selection_create(title_en="")
