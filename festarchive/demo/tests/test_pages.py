"""The demo's editorial pages and menus, in English and Dutch."""

import re

import pytest

from festarchive.demo.pages import ensure_pages
from festarchive.editorial.models import NewsPage


def _nav(html: str) -> list[tuple[str, str]]:
    nav = html.split('class="site-nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)


@pytest.mark.django_db
def test_the_demo_has_its_pages_and_menus_in_both_languages(
    client, demo_catalogue, home, django_capture_on_commit_callbacks
):
    # wagtail-localize publishes a translation once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        report = ensure_pages()
    assert len(report.created) == 7  # four pages, the news, two menus

    english = client.get("/en/institute/")
    assert english.status_code == 200
    assert "<h1>The institute</h1>" in english.content.decode()
    dutch = client.get("/nl/instituut/").content.decode()
    assert "<h1>Het instituut</h1>" in dutch
    assert "<h2>Fondsen</h2>" in dutch

    assert [label for _url, label in _nav(english.content.decode())] == [
        "Institute",
        "Festival",
        "Professionals",
        "Donate",
        "About",
        "Archive",
    ]
    assert _nav(dutch)[0] == ("/nl/instituut/", "Instituut")
    assert ("/nl/over/", "Over ons") in _nav(dutch)

    assert client.get("/en/visiting/").status_code == 200
    assert client.get("/nl/bezoeken/").status_code == 200
    assert "<h1>Over het festival</h1>" in client.get("/nl/over/").content.decode()
    news = client.get("/nl/nieuws/").content.decode()
    assert "Open oproep voor het documentairelab" in news
    assert NewsPage.objects.live().count() == 6


@pytest.mark.django_db
def test_a_second_run_adds_nothing(
    demo_catalogue, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ensure_pages()
    assert ensure_pages().created == []
