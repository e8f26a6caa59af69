"""Festivals, editions and sections keep their addresses; an edition is cited."""

import datetime
import json

import pytest

from festarchive.catalogue.services import film_create
from festarchive.core import pagetags
from festarchive.festival.models import Edition, Festival, Prize, Section, Selection
from festarchive.festival.services import selection_add

pytestmark = pytest.mark.django_db


def test_an_editions_old_address_and_permalink_lead_to_its_page(client, demo_catalogue):
    edition = Edition.objects.get(slug="idfa-2023")
    edition.slug = "idfa-36"
    edition.save()
    assert client.get("/nl/editions/idfa-2023/")["Location"] == "/nl/editions/idfa-36/"
    permalink = f"/en/records/edition/{edition.pk}/"
    assert client.get(permalink)["Location"] == "/en/editions/idfa-36/"


def test_festival_and_section_pages_show_their_permalinks(client, demo_catalogue):
    festival = Festival.objects.get(slug="idfa")
    section = Section.objects.filter(festival=festival).first()
    for record, kind in ((festival, "festival"), (section, "section")):
        page = client.get(record.get_absolute_url()).content.decode()
        assert f"http://testserver/en/records/{kind}/{record.pk}/" in page
        # Neither page offers a citation: only films, people, companies and
        # editions are cited.
        assert "Cite this record" not in page
    assert (
        client.get(f"/en/records/section/{section.pk}/citation.bib").status_code == 404
    )


def test_a_section_slug_change_redirects(client, demo_catalogue):
    section = Section.objects.filter(festival__slug="idfa").first()
    old = section.slug
    section.slug = f"{old}-renamed"
    section.save()
    response = client.get(f"/en/sections/{old}/?edition=idfa-2023")
    assert response.status_code == 301
    assert response["Location"] == f"/en/sections/{old}-renamed/?edition=idfa-2023"


def test_the_edition_page_cites_the_edition(client, demo_catalogue, settings):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "SITE_NAME": "The Doc Archive"}
    edition = Edition.objects.select_related("festival").get(slug="idfa-2023")
    page = client.get(edition.get_absolute_url()).content.decode()
    assert "Cite this record" in page
    assert f"“{edition.festival.name} 2023.” The Doc Archive. Last modified" in page
    data = json.loads(
        client.get(f"/en/records/edition/{edition.pk}/citation.json").content
    )
    assert data[0]["title"] == f"{edition.festival.name} 2023"
    assert data[0]["genre"] == "Festival edition"


def test_an_editions_last_change_counts_its_selections(client, demo_catalogue):
    edition = Edition.objects.get(slug="idfa-2023")
    old = datetime.datetime(2020, 5, 1, tzinfo=datetime.UTC)
    with pagetags.writing(pagetags.tag(Edition, edition.pk)):
        Edition.objects.filter(pk=edition.pk).update(updated_at=old)
        Selection.history.filter(edition_id=edition.pk).update(history_date=old)
    url = f"/en/records/edition/{edition.pk}/citation.json"
    assert json.loads(client.get(url).content)[0]["issued"] == {
        "date-parts": [[2020, 5, 1]]
    }
    selection_add(film=film_create(title_en="Newly Selected"), edition=edition)
    today = datetime.date.today()
    assert json.loads(client.get(url).content)[0]["issued"] == {
        "date-parts": [[today.year, today.month, today.day]]
    }


def test_an_awards_old_address_permalink_and_citation(client, demo_catalogue):
    prize = Prize.objects.select_related("festival").first()
    old = prize.slug
    prize.slug = f"{old}-renamed"
    prize.save()
    assert client.get(f"/nl/awards/{old}/")["Location"] == f"/nl/awards/{old}-renamed/"
    permalink = f"/en/records/award/{prize.pk}/"
    assert client.get(permalink)["Location"] == f"/en/awards/{old}-renamed/"
    page = client.get(prize.get_absolute_url()).content.decode()
    assert "Cite this record" in page
    assert f"http://testserver{permalink}" in page
    bib = client.get(f"{permalink}citation.bib").content.decode()
    assert prize.name_en in bib
