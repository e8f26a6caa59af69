"""Staff make a selection in the admin; each save goes through the services
and lands in the change records."""

import pytest

from festarchive.core.models import ChangeRecord
from festarchive.curated.models import CuratedSelection

pytestmark = pytest.mark.django_db

ADD = "/en/admin/curated/curatedselection/add/"


def _form(films, **extra):
    data = {
        "title_en": "A Touring Programme",
        "title_nl": "Een reisprogramma",
        "slug": "a-touring-programme",
        "introduction_en": "Five cities, five evenings.",
        "introduction_nl": "",
        "is_published": "on",
        "published_on": "",
        "order": "100",
        "entries-TOTAL_FORMS": str(len(films)),
        "entries-INITIAL_FORMS": "0",
        "entries-MIN_NUM_FORMS": "0",
        "entries-MAX_NUM_FORMS": "1000",
    }
    for n, (film, order, note) in enumerate(films):
        data |= {
            f"entries-{n}-film": str(film.pk),
            f"entries-{n}-order": str(order),
            f"entries-{n}-note_en": note,
            f"entries-{n}-note_nl": "",
        }
    return data | extra


def test_staff_add_a_selection_with_its_films_in_order(staff_client, films):
    assert staff_client.get(ADD).status_code == 200
    response = staff_client.post(
        ADD,
        _form(
            [
                (films["orchard"], 2, "Second."),
                (films["salt"], 1, "First."),
            ]
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    selection = CuratedSelection.objects.get(slug="a-touring-programme")
    assert [(e.film.title_en, e.note_en) for e in selection.entries.all()] == [
        ("Coal and Salt", "First."),
        ("The Silent Orchard", "Second."),
    ]
    actions = sorted(ChangeRecord.objects.values_list("action", flat=True))
    assert actions.count("curated.selection.created") == 1
    assert actions.count("curated.film.added") == 2
    assert staff_client.get(selection.get_absolute_url()).status_code == 200
    change = f"/en/admin/curated/curatedselection/{selection.pk}/change/"
    assert "Coal and Salt" in staff_client.get(change).content.decode()


def test_a_film_twice_is_refused_on_the_form(staff_client, films):
    response = staff_client.post(
        ADD, _form([(films["salt"], 1, ""), (films["salt"], 2, "")])
    )
    assert response.status_code == 200
    assert "Please correct the duplicate data for film." in response.content.decode()
    assert not CuratedSelection.objects.exists()


def test_staff_change_a_note_and_remove_a_film(staff_client, nineties, films):
    entries = list(nineties.entries.all())
    data = _form([], title_en="Best of the 1990s", slug=nineties.slug)
    data |= {
        "entries-TOTAL_FORMS": str(len(entries)),
        "entries-INITIAL_FORMS": str(len(entries)),
    }
    for n, entry in enumerate(entries):
        data |= {
            f"entries-{n}-id": str(entry.pk),
            f"entries-{n}-selection": str(nineties.pk),
            f"entries-{n}-film": str(entry.film_id),
            f"entries-{n}-order": str(entry.order),
            f"entries-{n}-note_en": entry.note_en,
            f"entries-{n}-note_nl": entry.note_nl,
        }
    data["entries-0-note_en"] = "A better note."
    data["entries-1-DELETE"] = "on"
    url = f"/en/admin/curated/curatedselection/{nineties.pk}/change/"
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [(e.film_id, e.note_en) for e in nineties.entries.all()] == [
        (films["salt"].pk, "A better note."),
        (films["hidden"].pk, "Never shown."),
    ]
    actions = list(ChangeRecord.objects.values_list("action", "data"))
    assert ("curated.film.changed", {"fields": ["note_en"]}) in actions
    assert ("curated.film.removed", {}) in [(a, d) for a, d in actions]
    assert (
        "curated.selection.changed",
        {"fields": ["featured", "introduction_en", "introduction_nl", "title_nl"]},
    ) in actions


def test_the_film_field_completes_titles(staff_client, films):
    response = staff_client.get(
        "/en/admin/autocomplete/",
        {
            "term": "orchard",
            "app_label": "curated",
            "model_name": "curatedfilm",
            "field_name": "film",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == [str(films["orchard"])]
