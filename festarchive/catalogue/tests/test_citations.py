"""'Cite this record' on the record pages, and its downloads."""

import datetime
import json

import bibtexparser
import pytest
import rispy

from festarchive.catalogue.models import Film, Role
from festarchive.catalogue.services import (
    credit_add,
    film_create,
    person_create,
    person_merge,
)
from festarchive.core import pagetags

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture(autouse=True)
def archive_name(settings):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "SITE_NAME": "The Doc Archive"}


@pytest.fixture
def film():
    film = film_create(
        title_en="Oh, Mother & 100% Sons_{1}",
        title_original="Ой, мамо",
        title_original_language="uk",
        year=2020,
        slug="oh-mother-2020",
    )
    director = Role.objects.get(slug="director")
    for name in ("Alisa Kovalenko", "Żanna Wójcik"):
        credit_add(film=film, role=director, person=person_create(name=name))
    return film


def _citation_url(film, fmt, lang="en"):
    return f"/{lang}/records/film/{film.pk}/citation.{fmt}"


def _age(film, day):
    """Make the film and its credits look last changed on ``day``."""
    at = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    with pagetags.writing(pagetags.tag(Film, film.pk)):
        Film.objects.filter(pk=film.pk).update(updated_at=at)
        film.credits.model.history.filter(film_id=film.pk).update(history_date=at)


def test_the_film_page_cites_the_film_in_chicago_style(client, film):
    page = client.get(film.get_absolute_url()).content.decode()
    assert "Cite this record" in page
    permalink = f"http://testserver/en/records/film/{film.pk}/"
    date = f"{TODAY.day} {TODAY:%B} {TODAY.year}"
    assert (
        "“Oh, Mother &amp; 100% Sons_{1} / Ой, мамо (2020).” "
        "Directed by Alisa Kovalenko and Żanna Wójcik. The Doc Archive. "
        f"Last modified {date}. {permalink}."
    ) in page
    for fmt in ("bib", "ris", "json"):
        assert _citation_url(film, fmt) in page


def test_the_citation_is_in_the_pages_language(client, film):
    page = client.get("/nl/films/oh-mother-2020/").content.decode()
    assert f"http://testserver/nl/records/film/{film.pk}/" in page
    assert f"/nl/records/film/{film.pk}/citation.bib" in page


def test_bibtex_escapes_latex_and_keeps_the_original_script(client, film):
    response = client.get(_citation_url(film, "bib"))
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    key = f"film-{film.pk}-oh-mother-2020"
    assert response["Content-Disposition"] == f'attachment; filename="{key}.bib"'
    text = response.content.decode()
    assert r"Oh, Mother \& 100\% Sons\_\{1\} / Ой, мамо (2020)" in text
    entry = bibtexparser.parse_string(text).entries[0]
    assert entry.entry_type == "online"
    assert entry.key == key
    assert entry["url"] == f"http://testserver/en/records/film/{film.pk}/"
    assert entry["organization"] == "The Doc Archive"
    assert entry["date"] == TODAY.isoformat()
    assert entry["langid"] == "uk"


def test_ris_names_the_archive_the_permalink_and_the_day(client, film):
    response = client.get(_citation_url(film, "ris"))
    assert response["Content-Type"] == (
        "application/x-research-info-systems; charset=utf-8"
    )
    assert response.content.decode().startswith("TY  - ELEC")
    [record] = rispy.loads(response.content.decode())
    assert record["title"] == "Oh, Mother & 100% Sons_{1} / Ой, мамо (2020)"
    assert record["alternate_title1"] == "Ой, мамо"
    assert record["secondary_title"] == "The Doc Archive"
    assert record["urls"] == [f"http://testserver/en/records/film/{film.pk}/"]
    assert record["date"] == TODAY.strftime("%Y/%m/%d")
    assert record["notes"] == ["Directed by Alisa Kovalenko and Żanna Wójcik"]


def test_csl_json_is_one_webpage_item(client, film):
    response = client.get(_citation_url(film, "json"))
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json"
    assert response["Content-Disposition"].endswith('.json"')
    assert json.loads(response.content) == [
        {
            "id": f"film-{film.pk}-oh-mother-2020",
            "type": "webpage",
            "title": "Oh, Mother & 100% Sons_{1} / Ой, мамо (2020)",
            "container-title": "The Doc Archive",
            "publisher": "The Doc Archive",
            "URL": f"http://testserver/en/records/film/{film.pk}/",
            "issued": {"date-parts": [[TODAY.year, TODAY.month, TODAY.day]]},
            "original-title": "Ой, мамо",
            "director": [
                {"literal": "Alisa Kovalenko"},
                {"literal": "Żanna Wójcik"},
            ],
            "genre": "Film",
            "language": "uk",
        }
    ]


def test_the_last_change_counts_a_credit_changed_since(client, film):
    _age(film, datetime.date(2021, 3, 9))
    url = _citation_url(film, "json")
    issued = json.loads(client.get(url).content)[0]["issued"]
    assert issued == {"date-parts": [[2021, 3, 9]]}
    credit_add(
        film=film,
        role=Role.objects.get(slug="editing"),
        person=person_create(name="New Editor"),
    )
    issued = json.loads(client.get(url).content)[0]["issued"]
    assert issued == {"date-parts": [[TODAY.year, TODAY.month, TODAY.day]]}


def test_an_unpublished_film_has_no_citation(client, db):
    film = film_create(title_en="Hidden", is_published=False)
    for fmt in ("bib", "ris", "json"):
        assert client.get(_citation_url(film, fmt)).status_code == 404


def test_unknown_formats_are_404(client, film):
    for url in (
        _citation_url(film, "pdf"),
        f"/en/records/festival/{film.pk}/citation.bib",
        f"/en/records/film/{film.pk}/citation.",
    ):
        assert client.get(url).status_code == 404, url


def test_people_and_companies_are_cited_too(client, film):
    person = film.credits.first().person
    page = client.get(person.get_absolute_url()).content.decode()
    assert "Cite this record" in page
    assert f"“{person.name}.” The Doc Archive." in page
    response = client.get(f"/en/records/person/{person.pk}/citation.ris")
    assert rispy.loads(response.content.decode())[0]["title"] == person.name


def test_a_merged_persons_citation_leads_to_the_kept_one(client, db):
    keep, merge = person_create(name="Ana Kept"), person_create(name="Ana Merged")
    merged_pk = merge.pk
    person_merge(keep=keep, merge=merge)
    response = client.get(f"/en/records/person/{merged_pk}/citation.bib")
    assert response.status_code == 302
    assert response["Location"] == f"/en/records/person/{keep.pk}/citation.bib"


@pytest.mark.django_db(transaction=True)
@pytest.mark.xdist_group("serial")
def test_a_cached_citation_is_retired_by_an_edit(client, settings):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "PAGE_CACHE": True}
    film = film_create(title_en="Before", year=2020)
    urls = [_citation_url(film, "bib"), film.get_absolute_url()]
    for url in urls:
        assert client.get(url)["X-Cache"] == "miss", url
        assert client.get(url)["X-Cache"] == "hit", url
    film.title_en = "After"
    film.save()
    for url in urls:
        fresh = client.get(url)
        assert fresh["X-Cache"] == "miss", url
        assert "After (2020)" in fresh.content.decode(), url
    director, _ = Role.objects.get_or_create(
        slug="director", defaults={"name_en": "Director", "name_nl": "Regie"}
    )
    credit_add(film=film, role=director, person=person_create(name="Late Director"))
    assert "Late Director" in client.get(urls[0]).content.decode()
