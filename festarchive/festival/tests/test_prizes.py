"""Awards across editions (prizes), their pages, and juries."""

import json
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation

from festarchive.catalogue.models import Role
from festarchive.catalogue.services import (
    credit_add,
    film_create,
    person_create,
    person_merge,
)
from festarchive.catalogue.vocabulary import DIRECTOR
from festarchive.festival.models import Award, Juror, Prize
from festarchive.festival.services import (
    award_add,
    award_statement_set,
    edition_create,
    festival_create,
    juror_add,
    jury_create,
    prize_create,
    prize_find,
    prize_for_name,
    prize_name_add,
    section_create,
    selection_add,
)
from festarchive.testing.html import visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def docs():
    director, _ = Role.objects.get_or_create(
        slug=DIRECTOR, defaults={"name_en": "Director", "name_nl": "Regie"}
    )
    festival = festival_create(name="Harbourdocs", short_name="Harbourdocs")
    old = edition_create(festival=festival, year=2009)
    new = edition_create(festival=festival, year=2023)
    competition = section_create(festival=festival, name_en="Competition")
    prize = prize_create(
        festival=festival,
        name_en="Harbour Award for Best Film",
        name_nl="Havenprijs voor Beste Film",
        description_en="The main award.",
    )
    prize_name_add(
        prize=prize, name_en="Lighthouse Award", from_year=1990, until_year=2011
    )
    anna = person_create(name="Anna Berg")
    tide = film_create(title_en="Tide Tables", year=2023)
    credit_add(film=tide, role=director, person=anna)
    salt = film_create(title_en="Salt Roads", year=2009)
    winner = award_add(
        selection=selection_add(film=tide, edition=new, section=competition),
        name_en="Harbour Award for Best Film",
        name_nl="Havenprijs voor Beste Film",
        statement_en="A film that listens.",
    )
    earlier = award_add(
        selection=selection_add(film=salt, edition=old, section=competition),
        name_en="lighthouse award!",
    )
    jury = jury_create(
        edition=new,
        name_en="Competition Jury",
        name_nl="Competitiejury",
        section=competition,
    )
    mia = person_create(name="Mia Holm")
    juror_add(jury=jury, person=mia, role=Juror.Role.CHAIR)
    juror_add(jury=jury, person=anna)
    return {
        "festival": festival,
        "prize": prize,
        "new": new,
        "old": old,
        "tide": tide,
        "salt": salt,
        "winner": winner,
        "earlier": earlier,
        "jury": jury,
        "mia": mia,
        "anna": anna,
        "competition": competition,
    }


def test_an_award_is_a_year_of_the_prize_its_name_or_former_name_is(docs):
    assert docs["winner"].prize == docs["prize"]
    # The folded former name of its years finds the prize too.
    assert docs["earlier"].prize == docs["prize"]
    assert Prize.objects.count() == 1


def test_an_award_of_a_new_name_creates_its_prize(docs):
    award = award_add(
        selection=docs["winner"].selection,
        name_en="Audience Award",
        name_nl="Publieksprijs",
    )
    assert award.prize.name_en == "Audience Award"
    assert award.prize.festival == docs["festival"]
    assert award.prize.slug == "harbourdocs-audience-award"
    assert (
        prize_for_name(festival=docs["festival"], name_en="AUDIENCE award")
        == award.prize
    )


def test_a_prize_of_another_festival_is_not_found(docs):
    other = festival_create(name="Saltdocs", short_name="Saltdocs")
    assert prize_find(festival=other, name="Lighthouse Award") is None
    with pytest.raises(ValidationError):
        award_add(
            selection=docs["winner"].selection,
            name_en="Stolen Award",
            prize=prize_create(festival=other, name_en="Stolen Award"),
        )


def test_a_person_sits_on_a_jury_once(docs):
    with pytest.raises(ValidationError):
        juror_add(jury=docs["jury"], person=docs["mia"])


def test_a_former_name_cannot_end_before_it_begins(docs):
    with pytest.raises(ValidationError):
        prize_name_add(
            prize=docs["prize"], name_en="Backwards", from_year=2000, until_year=1999
        )


def test_the_awards_page_lists_prizes_by_festival(client, docs):
    text = visible_text(client.get("/en/awards/").content.decode())
    assert "Awards" in text
    assert "Harbourdocs Harbour Award for Best Film" in text
    nl = visible_text(client.get("/nl/awards/").content.decode())
    assert "Havenprijs voor Beste Film" in nl


def test_a_prize_page_shows_winners_by_edition_newest_first(client, docs):
    page = client.get(docs["prize"].get_absolute_url()).content.decode()
    text = visible_text(page)
    assert "Formerly: Lighthouse Award (1990–2011)" in text
    assert text.index("Harbourdocs 2023") < text.index("Harbourdocs 2009")
    assert "Tide Tables" in text and "Salt Roads" in text
    assert "A film that listens." in text
    assert docs["tide"].get_absolute_url() in page
    # The award's name of that year, where it differs from today's.
    assert "lighthouse award!" in text


def test_a_prize_page_in_dutch_falls_back_to_the_english_statement(client, docs):
    page = client.get(f"/nl/awards/{docs['prize'].slug}/").content.decode()
    assert "Havenprijs voor Beste Film" in page
    assert 'lang="en"' in page and "A film that listens." in page
    award_statement_set(
        award=docs["winner"],
        statement_en="A film that listens.",
        statement_nl="Een film die luistert.",
    )
    assert (
        "Een film die luistert."
        in client.get(f"/nl/awards/{docs['prize'].slug}/").content.decode()
    )


def test_a_prize_page_leaves_out_unpublished_films(client, docs):
    docs["salt"].is_published = False
    docs["salt"].save()
    text = visible_text(client.get(docs["prize"].get_absolute_url()).content.decode())
    assert "Salt Roads" not in text and "Harbourdocs 2009" not in text


def test_a_prize_page_describes_its_winners_as_json_ld(client, docs):
    page = client.get(docs["prize"].get_absolute_url()).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1)
    )
    assert data["@type"] == "ItemList"
    assert data["name"] == "Harbour Award for Best Film"
    assert data["numberOfItems"] == 2
    first = data["itemListElement"][0]["item"]
    assert first["@type"] == "Movie" and first["name"] == "Tide Tables"
    assert first["award"] == "Harbour Award for Best Film, Harbourdocs 2023"


def test_an_unknown_or_hostile_prize_address_is_404(client, db):
    for url in ("/en/awards/nope/", "/en/awards/%00/", "/en/awards/" + "x" * 300 + "/"):
        assert client.get(url).status_code == 404


def test_the_edition_page_links_awards_and_shows_juries(client, docs):
    page = client.get(docs["new"].get_absolute_url()).content.decode()
    assert f'href="{docs["prize"].get_absolute_url()}"' in page
    text = visible_text(page)
    assert "Juries Competition Jury · Competition Mia Holm (chair) Anna Berg" in text
    assert docs["mia"].get_absolute_url() in page


def test_the_film_page_links_its_award_to_the_prize(client, docs):
    page = client.get(docs["tide"].get_absolute_url()).content.decode()
    assert f'href="{docs["prize"].get_absolute_url()}"' in page


def test_a_person_page_shows_jury_service_beside_films(client, docs):
    page = client.get(docs["anna"].get_absolute_url()).content.decode()
    text = visible_text(page)
    assert "Tide Tables" in text
    assert (
        "Jury service Harbourdocs 2023 · Competition Jury (Competition) · Member"
        in text
    )
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1)
    )
    assert data["memberOf"] == [
        {
            "@type": "ProgramMembership",
            "programName": "Competition Jury, Harbourdocs 2023",
            "roleName": "Member",
            "hostingOrganization": {"@type": "Organization", "name": "Harbourdocs"},
        }
    ]
    with translation.override("nl"):
        nl = visible_text(
            client.get(f"/nl/people/{docs['anna'].slug}/").content.decode()
        )
    assert "Competitiejury" in nl


def test_merging_people_moves_their_jury_service(docs):
    twin = person_create(name="Anna  Berg")
    other = jury_create(edition=docs["old"], name_en="Shorts Jury")
    juror_add(jury=other, person=twin)
    juror_add(jury=docs["jury"], person=twin)
    person_merge(keep=docs["anna"], merge=twin)
    assert sorted(
        docs["anna"].jury_service.values_list("jury__name_en", flat=True)
    ) == ["Competition Jury", "Shorts Jury"]


def test_the_migration_links_every_existing_award_to_a_prize(docs):
    from importlib import import_module

    migration = import_module(
        "festarchive.festival.migrations.0006_link_awards_to_prizes"
    )
    other = festival_create(name="Saltdocs", short_name="Saltdocs")
    edition = edition_create(festival=other, year=2020)
    selection = selection_add(film=docs["salt"], edition=edition)
    rows = [
        Award.objects.create(selection=selection, name_en="Salt Prize", name_nl=""),
        Award.objects.create(
            selection=docs["winner"].selection,
            name_en="Jury Prize",
            name_nl="Juryprijs",
        ),
    ]
    migration.link_awards(apps, None)
    salt, jury = (Award.objects.get(pk=row.pk).prize for row in rows)
    assert (salt.festival, salt.slug, salt.name_en) == (
        other,
        "saltdocs-salt-prize",
        "Salt Prize",
    )
    assert (jury.festival, jury.name_nl) == (docs["festival"], "Juryprijs")
    assert not Award.objects.filter(prize__isnull=True).exists()
