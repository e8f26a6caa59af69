"""A small archive to count: two festivals, four films, awards before and
after, and a film nobody may see."""

import datetime
import re
from dataclasses import dataclass

from festarchive.catalogue.models import Film, Role
from festarchive.catalogue.services import credit_add, film_create, person_create
from festarchive.catalogue.vocabulary import ensure_roles
from festarchive.festival.models import Award, Edition, PremiereStatus, Selection
from festarchive.festival.services import (
    award_add,
    edition_create,
    festival_create,
    section_create,
    selection_add,
)
from festarchive.festival.vocabulary import ensure_premiere_statuses
from festarchive.testing.html import section_html


@dataclass
class Archive:
    edition: Edition
    later: Edition  # the other festival's, the year after
    films: dict[str, Film]
    selections: dict[str, Selection]


def build() -> Archive:
    """Docs Fest 2020 shows Anchor (NL and BE, 95 min, a first film), Bridge
    (DE, 45 min, by a director with a film of 2015) and Echo (no country,
    runtime or director); Hidden (FR) is selected but unpublished. At Other
    Fest 2021, Anchor wins and Bridge gets a special mention; Echo won at
    Other Fest 2019, before."""
    ensure_roles()
    ensure_premiere_statuses()  # a transactional test starts without them
    director = Role.objects.get(slug="director")
    host = festival_create(name="Docs Fest", short_name="DF", slug="docsfest")
    other = festival_create(name="Other Fest", short_name="OF", slug="otherfest")
    edition = edition_create(
        festival=host,
        year=2020,
        starts_on=datetime.date(2020, 11, 1),
        ends_on=datetime.date(2020, 11, 10),
    )
    later = edition_create(festival=other, year=2021)
    earlier = edition_create(festival=other, year=2019)
    competition = section_create(festival=host, name_en="Competition", order=1)
    panorama = section_create(festival=host, name_en="=Panorama", order=2)
    world = PremiereStatus.objects.get(slug="world")
    international = PremiereStatus.objects.get(slug="international")
    films = {
        "anchor": film_create(
            title_en="Anchor", year=2020, runtime_minutes=95, countries=["NL", "BE"]
        ),
        "bridge": film_create(
            title_en="Bridge", year=2020, runtime_minutes=45, countries=["DE"]
        ),
        "echo": film_create(title_en="Echo", year=2019),
        "hidden": film_create(
            title_en="Hidden", year=2020, runtime_minutes=70, countries=["FR"]
        ),
        "old": film_create(title_en="Old Work", year=2015, countries=["DE"]),
    }
    Film.objects.filter(pk=films["hidden"].pk).update(is_published=False)
    newcomer = person_create(name="Nina Newcomer")
    veteran = person_create(name="Victor Veteran")
    credit_add(film=films["anchor"], role=director, person=newcomer)
    credit_add(film=films["bridge"], role=director, person=veteran)
    credit_add(film=films["old"], role=director, person=veteran)
    selections = {
        "anchor": selection_add(
            film=films["anchor"], edition=edition, section=competition, premiere=world
        ),
        "bridge": selection_add(
            film=films["bridge"],
            edition=edition,
            section=panorama,
            premiere=international,
        ),
        "echo": selection_add(film=films["echo"], edition=edition, section=competition),
        "hidden": selection_add(
            film=films["hidden"], edition=edition, section=competition
        ),
    }
    award_add(
        selection=selection_add(film=films["anchor"], edition=later),
        name_en="Grand Prize",
    )
    award_add(
        selection=selection_add(film=films["bridge"], edition=later),
        name_en="Jury Prize",
        outcome=Award.Outcome.SPECIAL_MENTION,
    )
    award_add(
        selection=selection_add(film=films["echo"], edition=earlier),
        name_en="Early Prize",
    )
    return Archive(edition=edition, later=later, films=films, selections=selections)


def table(html: str, slug: str) -> list[tuple[str, ...]]:
    """The rows of the numbers table under the chart ``slug``."""
    part = section_html(html, f"{slug}-heading")
    body = part[part.index("<tbody>") : part.index("</tbody>")]
    return [
        tuple(
            re.sub(r"<[^>]+>", "", cell)
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        )
        for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    ]
