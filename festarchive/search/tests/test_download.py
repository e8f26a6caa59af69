"""A search's films as CSV: same filters, one film a row, importable again."""

import csv
import io

import pytest

from festarchive.catalogue.models import Film
from festarchive.importers.spreadsheet import import_spreadsheet

pytestmark = pytest.mark.django_db


def _download(client, **params):
    response = client.get("/en/archive/films.csv", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return text, list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_download_has_every_film_of_the_search_and_no_other(client, catalogue):
    shown = client.get("/en/archive/", {"q": "kovalenko"}).context["results"]
    _text, rows = _download(client, q="kovalenko")
    assert [r["slug"] for r in rows] == [f.slug for f in shown.films]
    assert len(rows) == shown.total == 3

    _text, filtered = _download(client, q="kovalenko", section="best-of-fests")
    assert len(filtered) == 2


def test_a_row_carries_the_films_facts(client, catalogue):
    _text, rows = _download(client, q="we will not fade away")
    row = next(r for r in rows if r["slug"] == "we-will-not-fade-away-2023")
    assert row["title"] == "We Will Not Fade Away"
    assert row["original_title"] == "Ми не згаснемо"
    assert row["countries"] == "UA; FR; PL"
    assert row["directors"] == "Alisa Kovalenko"
    assert "Production: Valery Kalmykov for Trueman Production" in row["credits"]
    assert (row["festival"], row["edition"], row["section"], row["premiere"]) == (
        "IDFA",
        "2023",
        "Best of Fests",
        "Dutch Premiere",
    )
    assert row["url"] == "http://testserver/en/films/we-will-not-fade-away-2023/"


def test_the_archive_links_the_download_of_its_search(client, catalogue):
    page = client.get("/en/archive/", {"q": "kovalenko"}).content.decode()
    assert 'href="/en/archive/films.csv?q=kovalenko"' in page


def test_a_download_imports_again_as_the_same_films(client, catalogue):
    text, rows = _download(client)
    before = {
        f.slug: (f.title_en, f.year, f.runtime_minutes) for f in Film.objects.all()
    }
    Film.objects.all().delete()
    report = import_spreadsheet(text.lstrip("\ufeff"))
    assert report.ok, report.rejected or report.error
    after = {
        f.slug: (f.title_en, f.year, f.runtime_minutes) for f in Film.objects.all()
    }
    assert after == before
