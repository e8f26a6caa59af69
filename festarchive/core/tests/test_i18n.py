"""English and Dutch: addresses, the language switch, translations and formats."""

import html
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from festarchive.catalogue.models import Film
from festarchive.catalogue.services import film_set_languages
from festarchive.core.untranslated import (
    po_findings,
    project_findings,
    python_findings,
    template_findings,
)
from festarchive.testing.html import section_html, visible_text

ROOT = Path(settings.BASE_DIR)
PO_FILE = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"
FILM = "/{language}/films/we-will-not-fade-away-2023/"


# The language of an address, and remembering the visitor's choice


@pytest.mark.django_db
def test_root_follows_the_browser_then_the_visitors_choice(client, reference_film):
    first = client.get("/", HTTP_ACCEPT_LANGUAGE="nl-NL,nl;q=0.9,en;q=0.5")
    assert first["Location"] == "/nl/"

    # Reading a page sets no cookie: caches may share it.
    page = client.get(FILM.format(language="nl"), HTTP_ACCEPT_LANGUAGE="nl")
    assert not page.cookies
    # The visitor follows the switch to English: that is their choice from
    # now on, whatever the browser says.
    switch = page.content.decode().split('id="language-switch"', 1)[1]
    href = html.unescape(switch.split('href="', 1)[1].split('"', 1)[0])
    followed = client.get(href)
    assert followed["Location"] == FILM.format(language="en")
    assert followed.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    again = client.get("/", HTTP_ACCEPT_LANGUAGE="nl-NL,nl;q=0.9")
    assert again["Location"] == "/en/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "/nl/films/", "/en/\r\nX-A: b", ""],
)
def test_the_switch_only_leads_to_our_own_pages_in_that_language(client, target):
    response = client.get("/language/en/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert client.get("/language/xx/").status_code == 404


@pytest.mark.django_db
def test_every_page_declares_its_language_and_links_its_twin(client, reference_film):
    page = client.get(FILM.format(language="nl")).content.decode()
    assert '<html lang="nl">' in page
    for language in ("en", "nl"):
        twin = f"http://testserver{FILM.format(language=language)}"
        assert f'<link rel="alternate" hreflang="{language}" href="{twin}">' in page
    assert 'hreflang="x-default"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "twin"),
    [
        # A route that matched, whose view found nothing: its twin all the same.
        ("/en/films/no-such-film/", "/nl/films/no-such-film/"),
        ("/nl/people/nobody-at-all/", "/en/people/nobody-at-all/"),
        # No route matched: the address as it is.
        ("/en/no/such/page/", "/en/no/such/page/"),
    ],
)
def test_a_page_not_found_links_its_twin_too(client, path, twin):
    response = client.get(path)
    assert response.status_code == 404
    page = response.content.decode()
    language = "nl" if path.startswith("/en/") else "en"
    assert (
        f'<link rel="alternate" hreflang="{language}" href="http://testserver{twin}">'
        in page
    )


@pytest.mark.django_db
def test_the_switch_keeps_the_search_and_its_filters(client, reference_film):
    url = "/en/archive/?q=donbas&country=UA&sort=year"
    page = client.get(url).content.decode()
    switch = page[page.index('id="language-switch"') :]
    switch = switch[: switch.index("</nav>")]
    assert (
        'href="/language/nl/?next=%2Fnl%2Farchive%2F%3Fq%3Ddonbas%26country%3DUA'
        '%26sort%3Dyear"' in switch
    )


@pytest.mark.django_db
def test_a_live_search_brings_the_switch_up_to_date(client, reference_film):
    response = client.get(
        "/en/archive/", {"q": "donbas", "country": "UA"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    switch = page[page.index('id="language-switch"') :]
    assert 'hx-swap-oob="true"' in switch
    assert "next=%2Fnl%2Farchive%2F%3Fq%3Ddonbas%26country%3DUA" in switch


# Content in the page's language, or marked as the other one


@pytest.mark.django_db
def test_a_missing_dutch_synopsis_shows_the_english_one_marked_as_such(
    client, reference_film
):
    Film.objects.filter(pk=reference_film.pk).update(synopsis_nl="")
    page = client.get(FILM.format(language="nl")).content.decode()
    synopsis = visible_text(section_html(page, "synopsis-heading"))
    assert "Alleen in het Engels beschikbaar." in synopsis
    assert "Donbas" in synopsis
    assert '<div lang="en">' in page
    english = client.get(FILM.format(language="en")).content.decode()
    assert "Only available in" not in english


@pytest.mark.django_db
def test_dutch_pages_have_dutch_labels_countries_languages_and_dates(
    client, reference_film
):
    film_set_languages(film=reference_film, languages=["uk"])
    page = visible_text(client.get(FILM.format(language="nl")).content.decode())
    assert "Oekraïne" in page and "Frankrijk" in page
    assert "Oekraïens" in page
    assert "Regie" in page or "Regisseur" in page
    edition = client.get("/nl/editions/idfa-2023/").content.decode()
    assert "november 2023" in visible_text(edition)
    english = client.get("/en/editions/idfa-2023/").content.decode()
    assert "November 2023" in visible_text(english)


@pytest.mark.django_db
def test_search_facets_follow_the_page_language(client, reference_film):
    dutch = client.get("/nl/archive/").context["results"].facets
    labels = {facet.name: facet.label for facet in dutch}
    english = {
        f.name: f.label for f in client.get("/en/archive/").context["results"].facets
    }
    assert labels["country"] != english["country"]
    assert str(labels["country"]) in ("Land", "Productieland")


# Every string marked and translated


def test_every_template_and_python_string_is_marked_for_translation():
    findings = project_findings(ROOT / "festarchive")
    assert not findings, "\n".join(map(str, findings))


def test_every_message_has_a_dutch_translation():
    findings = po_findings(PO_FILE)
    assert not findings, "\n".join(map(str, findings))


def test_the_checks_catch_a_planted_untranslated_string(tmp_path):
    template = """{% load i18n %}<h1>{% translate "Films" %}</h1>
<p class="{{ css }}">Welcome to the archive</p>
<img src="x.png" alt="A film still">
{% blocktranslate %}Fine inside a block{% endblocktranslate %}"""
    assert [f.text for f in template_findings(template)] == [
        "A film still",
        "Welcome to the archive",
    ]
    python = """
from django.contrib import messages
from django.utils.translation import gettext as _
messages.success(request, "Saved the film")
messages.success(request, _("Saved"))
name = models.CharField("name", max_length=10)
raise ValidationError(_("Fine"))
"""
    assert [f.text for f in python_findings(python)] == ["Saved the film", "name"]
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "Films"\nmsgstr "Films"\n\n'
        'msgid "Search"\nmsgstr ""\n\n#, fuzzy\nmsgid "Sort"\nmsgstr "Sorteren"\n',
        encoding="utf-8",
    )
    assert [f.text for f in po_findings(po)] == ["Search", "Sort"]


def test_the_catalogue_holds_every_marked_string(tmp_path):
    """makemessages on a copy of the code finds nothing the .po file lacks."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI"):
            pytest.fail("xgettext (Debian's gettext) is needed to check the catalogue")
        pytest.skip("xgettext not installed: apt-get install gettext")
    copy = tmp_path / "project"
    for name in ("festarchive", "config", "locale"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "nl", "--no-location"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**os.environ, "DATABASE_URL": "sqlite:///:memory:"},
    )
    fresh = _msgids(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po")
    kept = _msgids(PO_FILE)
    assert not fresh - kept, f"run `make messages` and translate: {fresh - kept}"


def _msgids(path: Path) -> set[str]:
    import ast

    ids, current = set(), None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            current = ast.literal_eval(line[6:])
        elif line.startswith('"') and current is not None:
            current += ast.literal_eval(line)
        else:
            if current:
                ids.add(current)
            current = None
    return ids


@pytest.mark.django_db
def test_admin_lists_the_translation_backlog(staff_client, reference_film):
    Film.objects.create(title_en="Only English", slug="only-english", synopsis_en="x")
    url = reverse("admin:catalogue_film_changelist")
    page = staff_client.get(url).content.decode()
    assert "No Dutch synopsis (1)" in page
    listed = staff_client.get(url, {"missing": "synopsis_nl"}).context["cl"].result_list
    assert [f.slug for f in listed] == ["only-english"]
    dutch = staff_client.get("/nl/admin/catalogue/film/").content.decode()
    assert 'lang="nl"' in dutch
