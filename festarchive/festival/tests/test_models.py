import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from festarchive.catalogue.services import film_create
from festarchive.festival.models import Award, PremiereStatus, Selection
from festarchive.festival.services import (
    award_add,
    edition_create,
    festival_create,
    section_create,
    selection_add,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def festival():
    return festival_create(
        name="Test Documentary Festival", short_name="TDF", slug="tdf"
    )


@pytest.fixture
def edition(festival):
    return edition_create(festival=festival, year=2020, number=3)


@pytest.fixture
def section(festival):
    return section_create(
        festival=festival, name_en="Competition", name_nl="Competitie"
    )


@pytest.fixture
def film():
    return film_create(title_en="Tidewater", year=2020)


def test_premiere_vocabulary_is_there_in_both_languages():
    assert [(p.name_en, p.name_nl) for p in PremiereStatus.objects.all()] == [
        ("World Premiere", "Wereldpremière"),
        ("International Premiere", "Internationale première"),
        ("European Premiere", "Europese première"),
        ("Dutch Premiere", "Nederlandse première"),
    ]


def test_edition_slug_and_name_read_like_the_festival(edition):
    assert str(edition) == "TDF 2020"
    assert edition.slug == "tdf-2020"


def test_one_edition_a_year(festival, edition):
    with pytest.raises(ValidationError):
        edition_create(festival=festival, year=2020)


def test_edition_cannot_end_before_it_starts(festival):
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        edition_create(
            festival=festival,
            year=2021,
            starts_on=datetime.date(2021, 11, 10),
            ends_on=datetime.date(2021, 11, 1),
        )


def test_film_is_selected_once_per_edition_and_section(film, edition, section):
    selection_add(film=film, edition=edition, section=section)
    with pytest.raises(ValidationError):
        selection_add(film=film, edition=edition, section=section)


def test_selection_without_section_is_unique_too(film, edition):
    Selection.objects.create(film=film, edition=edition)
    with pytest.raises(IntegrityError), transaction.atomic():
        Selection.objects.create(film=film, edition=edition)


def test_section_must_belong_to_the_edition_festival(film, edition):
    other = festival_create(name="Elsewhere Fest", short_name="EF", slug="ef")
    foreign_section = section_create(festival=other, name_en="Panorama")
    with pytest.raises(ValidationError, match="belongs to another festival"):
        selection_add(film=film, edition=edition, section=foreign_section)


def test_award_is_linked_to_the_selection_and_its_edition(film, edition, section):
    selection = selection_add(film=film, edition=edition, section=section)
    award = award_add(
        selection=selection, name_en="Best Film", outcome=Award.Outcome.SPECIAL_MENTION
    )
    assert award.edition == edition
    assert str(award) == "Best Film (Special mention)"
