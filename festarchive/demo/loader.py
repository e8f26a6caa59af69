"""Load a film record (a JSON document) into the catalogue through the services."""

import json
from pathlib import Path

from django.db import transaction

from festarchive.catalogue.models import Company, Film, Person, Role
from festarchive.catalogue.services import (
    company_create,
    credit_add,
    film_create,
    person_create,
)
from festarchive.festival.models import Edition, Festival, PremiereStatus, Section
from festarchive.festival.services import award_add, selection_add

FIXTURES = Path(__file__).parent / "fixtures"
REFERENCE_FILM = FIXTURES / "reference-film.json"
REFERENCE_FILM_SLUG = "we-will-not-fade-away-2023"


def _person(name: str) -> Person:
    return Person.objects.filter(name=name).first() or person_create(name=name)


def _company(name: str, details: dict) -> Company:
    existing = Company.objects.filter(name=name).first()
    if existing:
        return existing
    return company_create(
        name=name, kind=details.get("kind", "other"), country=details.get("country", "")
    )


@transaction.atomic
def load_film_record(record: dict) -> Film:
    """Create the film in ``record`` with its credits, selections and awards.

    People and companies already in the catalogue under the same name are
    reused; festivals, editions and sections must exist.
    """
    film = film_create(**record["film"])
    companies = {c["name"]: c for c in record.get("companies", [])}
    roles = {role.slug: role for role in Role.objects.all()}
    for credit in record.get("credits", []):
        credit_add(
            film=film,
            role=roles[credit["role"]],
            person=_person(credit["person"]) if credit.get("person") else None,
            company=(
                _company(credit["company"], companies.get(credit["company"], {}))
                if credit.get("company")
                else None
            ),
        )
    for item in record.get("selections", []):
        festival = Festival.objects.get(slug=item["festival"])
        edition = Edition.objects.get(festival=festival, year=item["year"])
        section = (
            Section.objects.get(festival=festival, name_en=item["section"])
            if item.get("section")
            else None
        )
        premiere = (
            PremiereStatus.objects.get(slug=item["premiere"])
            if item.get("premiere")
            else None
        )
        selection = selection_add(
            film=film, edition=edition, section=section, premiere=premiere
        )
        for award in item.get("awards", []):
            award_add(selection=selection, **award)
    return film


def load_reference_film() -> Film:
    """The reference film of the demo archive (idempotent)."""
    existing = Film.objects.filter(slug=REFERENCE_FILM_SLUG).first()
    if existing:
        return existing
    record = json.loads(REFERENCE_FILM.read_text(encoding="utf-8"))
    return load_film_record(record)
