import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from festarchive.catalogue.models import Film
from festarchive.curated.models import CuratedSelection
from festarchive.demo.loader import REFERENCE_FILM_SLUG

pytestmark = pytest.mark.django_db


def test_demo_loads_once_and_is_idempotent(capsys):
    call_command("demo", films=30, no_serve=True)
    assert Film.objects.count() == 31
    assert Film.objects.filter(slug=REFERENCE_FILM_SLUG, is_generated=False).exists()
    first_out = capsys.readouterr().out
    assert "Loaded the reference film and 30 generated films" in first_out
    # A share of the demo films carries Dutch texts, and the rest is counted.
    with_dutch = Film.objects.exclude(synopsis_nl="").count()
    assert 0 < with_dutch < 31
    assert Film.objects.get(slug=REFERENCE_FILM_SLUG).synopsis_nl
    assert f"{31 - with_dutch} of 31 films have no Dutch synopsis" in first_out
    # Selections over the demo's films, the theme on the home page; none is
    # published empty (30 films may hold no award winner of the 1990s: the
    # decade's is made once they do, see curated/tests/test_services.py).
    selections = {s.slug: s for s in CuratedSelection.objects.published()}
    assert {"films-about-the-donbas", "on-tour-five-evenings"} <= set(selections)
    assert all(s.entries.exists() for s in selections.values())
    made = len(selections)
    theme = selections["films-about-the-donbas"]
    assert theme.featured and theme.title_nl and theme.introduction_nl
    first = theme.entries.first()
    assert first.film.slug == REFERENCE_FILM_SLUG and first.note_en and first.note_nl
    assert "Selections: selection 'Films about the Donbas'" in first_out

    call_command("demo", films=30, no_serve=True)
    assert Film.objects.count() == 31
    assert CuratedSelection.objects.count() == made
    assert "already has films" in capsys.readouterr().out


def test_demo_creates_the_accounts_listed_in_the_readme(
    client, django_capture_on_commit_callbacks
):
    # The Dutch pages are published once their transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", films=1, no_serve=True)
    User = get_user_model()
    admin, editor = (
        User.objects.get(username="admin"),
        User.objects.get(username="editor"),
    )
    assert admin.is_superuser and admin.check_password("festival-admin")
    assert editor.is_staff and not editor.is_superuser
    assert editor.has_perm("catalogue.change_film")
    assert editor.has_perm("curated.change_curatedselection")
    assert editor.has_perm("curated.add_curatedfilm")
    assert not editor.has_perm("auth.change_user")

    assert client.login(username="editor", password="festival-editor")
    response = client.get("/en/admin/catalogue/film/")
    assert response.status_code == 200
    assert "We Will Not Fade Away" in response.content.decode()
    # The editor writes and publishes the festival's pages, not its menus.
    institute = Page.objects.get(slug="institute", locale__language_code="en")
    assert client.get(f"/cms/pages/{institute.pk}/edit/").status_code == 200
    assert institute.permissions_for_user(editor).can_publish()
    assert not editor.has_perm("menus.change_menu")
    # The demo's pages, in both languages.
    assert client.get("/en/institute/").status_code == 200
    assert client.get("/nl/instituut/").status_code == 200

    # The professional of the README's table: accredited, with market films
    # holding the test screener and a request waiting for its rights holder.
    client.logout()
    assert client.login(username="pro@example.org", password="festival-pro")
    market = client.get("/en/professionals/market/")
    assert market.status_code == 200
    assert "We Will Not Fade Away" in market.content.decode()
    requests = client.get("/en/professionals/requests/").content.decode()
    assert "Waiting for the rights holder" in requests


def test_demo_visitor_logs_in_with_e_mail_and_has_a_list(client):
    call_command("demo", films=3, no_serve=True)
    response = client.post(
        "/en/accounts/login/",
        {"login": "visitor@example.org", "password": "festival-visitor"},
    )
    assert response.status_code == 302
    page = client.get("/en/my-archive/").content.decode()
    assert "Demo list" in page and "public" in page


def test_staff_edit_in_the_admin_is_recorded_and_shown(staff_client):
    call_command("demo", films=1, no_serve=True)
    from festarchive.core.models import ChangeRecord

    film = Film.objects.get(slug=REFERENCE_FILM_SLUG)
    url = f"/en/admin/catalogue/film/{film.pk}/change/"
    page = staff_client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form.initial.get(name, "") or "" for name in form.fields}
    data.update(
        {
            "title_en": "We Will Not Fade Away",
            "year": 2023,
            "runtime_minutes": 101,
            "is_published": "on",
            "slug": film.slug,
        }
    )
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for index, inline_form in enumerate(formset.initial_forms):
            for name, field in inline_form.fields.items():
                value = inline_form.initial.get(name, field.initial)
                if value is None:
                    continue
                data[f"{formset.prefix}-{index}-{name}"] = getattr(value, "pk", value)
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Film.objects.get(pk=film.pk).runtime_minutes == 101
    assert ChangeRecord.objects.filter(
        action="catalogue.film.changed", object_id=str(film.pk)
    ).exists()
    assert "101 min" in staff_client.get(film.get_absolute_url()).content.decode()


def test_demo_builds_a_live_programme_and_keeps_it_live(capsys):
    from festarchive.programme.models import PlannedScreening, Screening

    call_command("demo", films=30, no_serve=True, today=datetime.date(2026, 12, 2))
    out = capsys.readouterr().out
    assert "Festival programme:" in out
    assert "IDFA 2023 runs from 2026-11-29 to 2026-12-10" in out
    assert Screening.objects.filter(edition__year=2023).exists()
    assert PlannedScreening.objects.filter(
        planner__user__username="visitor@example.org"
    ).exists()

    call_command("demo", films=30, no_serve=True, today=datetime.date(2026, 12, 5))
    out = capsys.readouterr().out
    assert "runs from 2026-12-02 to 2026-12-13 (moved on by 3 days)" in out
