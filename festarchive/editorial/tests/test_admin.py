"""Staff move between the catalogue's admin and the pages' admin with one
login; editors get what their group grants, nothing more."""

import pytest
from django.contrib.auth.models import Group

from .test_pages import _institute


@pytest.fixture
def editor_client(client, django_user_model):
    """A member of Wagtail's Editors group: pages, not the catalogue."""
    user = django_user_model.objects.create_user(
        username="editor", email="editor@example.org", password="editor-password"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_staff_have_links_both_ways(staff_client, home):
    django_admin = staff_client.get("/en/admin/").content.decode()
    assert 'href="/cms/">Pages</a>' in django_admin
    wagtail_admin = staff_client.get("/cms/").content.decode()
    assert '"/en/admin/"' in wagtail_admin and "Catalogue" in wagtail_admin


@pytest.mark.django_db
def test_an_editor_edits_pages_but_not_the_catalogue(editor_client, home):
    page = _institute(home)
    assert editor_client.get("/cms/").status_code == 200
    assert editor_client.get(f"/cms/pages/{page.pk}/edit/").status_code == 200
    assert "Catalogue" not in editor_client.get("/cms/").content.decode()
    # Django's admin asks for a staff login.
    response = editor_client.get("/en/admin/catalogue/film/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    # Menus are not an editor's unless their group is given them.
    assert editor_client.get("/cms/snippets/menus/menu/").status_code in (302, 403)


@pytest.mark.django_db
def test_a_visitor_does_not_enter_the_page_admin(client, home, django_user_model):
    user = django_user_model.objects.create_user(username="visitor", password="x")
    client.force_login(user)
    response = client.get("/cms/")
    assert response.status_code == 302
    assert "/cms/login/" in response["Location"]


@pytest.mark.django_db
def test_a_draft_is_previewed_inside_the_admin(staff_client, home):
    page = _institute(home)
    form = staff_client.get(f"/cms/pages/{page.pk}/edit/preview/?mode=")
    # Wagtail's preview frames the page from the same site: allowed there,
    # whereas every other page refuses to be framed.
    assert form["X-Frame-Options"] == "SAMEORIGIN"
    assert staff_client.get("/en/institute/")["X-Frame-Options"] == "DENY"
