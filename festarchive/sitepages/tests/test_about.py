"""About: the fixed text until staff publish their own About page."""

import pytest

from festarchive.editorial.models import EditorialPage
from festarchive.editorial.tests.test_pages import _translate


def _about(home, *, publish=True):
    page = EditorialPage(title="About the festival", slug="about", intro="Who we are.")
    home.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


@pytest.mark.django_db
def test_about_is_the_fixed_text_until_staff_publish_theirs(client, home):
    assert b"About the archive" in client.get("/en/about/").content
    _about(home, publish=False)  # a draft changes nothing
    assert b"About the archive" in client.get("/en/about/").content


@pytest.mark.django_db
def test_staff_s_about_page_takes_the_address(client, home):
    _about(home)
    html = client.get("/en/about/").content.decode()
    assert "<h1>About the festival</h1>" in html
    assert "About the archive</h1>" not in html


@pytest.mark.django_db
def test_the_dutch_address_leads_to_the_dutch_page_at_its_own_slug(
    client, home, django_capture_on_commit_callbacks, monkeypatch
):
    from festarchive.editorial.tests import test_pages

    monkeypatch.setitem(test_pages.DUTCH, "About the festival", "Over het festival")
    monkeypatch.setitem(test_pages.DUTCH, "about", "over")
    monkeypatch.setitem(test_pages.DUTCH, "Who we are.", "Wie we zijn.")
    _translate(_about(home), "nl", django_capture_on_commit_callbacks)
    response = client.get("/nl/about/")
    assert response.status_code == 302
    assert response["Location"] == "/nl/over/"
    assert "<h1>Over het festival</h1>" in client.get("/nl/over/").content.decode()
