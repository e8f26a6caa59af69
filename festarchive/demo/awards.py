"""The demo festival's awards across editions, its juries and a few jury
statements (demo content, written for the demo)."""

from django.db import transaction

from festarchive.catalogue.models import Person
from festarchive.festival.models import Award, Edition, Juror, Prize, Section
from festarchive.festival.services import (
    award_statement_set,
    juror_add,
    jury_create,
    prize_create,
    prize_name_add,
)

# (slug, English name, Dutch name, order, English and Dutch description)
HOST_PRIZES = [
    (
        "award-for-best-film",
        "Award for Best Film",
        "Prijs voor Beste Film",
        10,
        "The festival's main award, for a film of the International Competition.",
        "De belangrijkste prijs van het festival, voor een film uit de "
        "Internationale Competitie.",
    ),
    (
        "envision-competition-award",
        "Envision Competition Award",
        "Envision Competitieprijs",
        20,
        "",
        "",
    ),
    (
        "award-for-best-short-documentary",
        "Award for Best Short Documentary",
        "Prijs voor Beste Korte Documentaire",
        30,
        "",
        "",
    ),
    (
        "award-for-best-first-appearance",
        "Award for Best First Appearance",
        "Prijs voor Beste Eerste Verschijning",
        40,
        "",
        "",
    ),
    ("audience-award", "Audience Award", "Publieksprijs", 50, "", ""),
]
# The main award went by another name while its competition did.
FORMER_NAMES = {
    "award-for-best-film": [("Joris Ivens Award", "Joris Ivensprijs", 1988, 2011)]
}

STATEMENTS = {
    "award-for-best-film": (
        "A film that takes its time and trusts its audience. The jury admired "
        "how patiently it listens to the people in front of the camera, and how "
        "much it says without ever raising its voice.",
        "Een film die de tijd neemt en zijn publiek vertrouwt. De jury "
        "bewonderde hoe geduldig hij luistert naar de mensen voor de camera, en "
        "hoeveel hij zegt zonder ooit zijn stem te verheffen.",
    ),
    "award-for-best-short-documentary": (
        "In a few minutes this film opens a whole world, and leaves us wanting "
        "to stay in it.",
        "",
    ),
}

# (English name, Dutch name, competition, jurors as (person, role))
JURIES = [
    (
        "International Competition Jury",
        "Jury Internationale Competitie",
        "International Competition",
        [
            ("Katarzyna Kuczyńska", Juror.Role.CHAIR),
            ("Stéphane Siohan", Juror.Role.MEMBER),
            ("Mariia Nesterenko", Juror.Role.MEMBER),
        ],
    ),
    (
        "Short Documentary Jury",
        "Jury Korte Documentaire",
        "Short Documentary Competition",
        [
            ("Tomasz Morawski", Juror.Role.CHAIR),
            ("Wojciech Frycz", Juror.Role.MEMBER),
        ],
    ),
]
JURY_YEAR = 2023


@transaction.atomic
def ensure_prizes(host) -> list[Prize]:
    """The host festival's awards across editions (idempotent)."""
    prizes = []
    for slug, name_en, name_nl, order, about_en, about_nl in HOST_PRIZES:
        prize = Prize.objects.filter(slug=slug).first()
        if prize is None:
            prize = prize_create(
                festival=host,
                slug=slug,
                name_en=name_en,
                name_nl=name_nl,
                order=order,
                description_en=about_en,
                description_nl=about_nl,
            )
            for former_en, former_nl, first, last in FORMER_NAMES.get(slug, []):
                prize_name_add(
                    prize=prize,
                    name_en=former_en,
                    name_nl=former_nl,
                    from_year=first,
                    until_year=last,
                )
        prizes.append(prize)
    return prizes


@transaction.atomic
def ensure_juries_and_statements(host) -> list[str]:
    """The juries of the latest demo edition, with demo people as jurors, and
    the jury's statement on a few of its winners (idempotent); what it made."""
    made = []
    edition = Edition.objects.filter(festival=host, year=JURY_YEAR).first()
    if edition is None:
        return made
    for name_en, name_nl, section_name, jurors in JURIES:
        if edition.juries.filter(name_en=name_en).exists():
            continue
        people = {p.name: p for p in Person.objects.filter(name__in=dict(jurors))}
        if len(people) < len(jurors):
            continue
        jury = jury_create(
            edition=edition,
            name_en=name_en,
            name_nl=name_nl,
            section=Section.objects.filter(festival=host, name_en=section_name).first(),
        )
        for order, (name, role) in enumerate(jurors):
            juror_add(jury=jury, person=people[name], role=role, order=order)
        made.append(f"the {name_en} of {edition}")
    for slug, (statement_en, statement_nl) in STATEMENTS.items():
        award = (
            Award.objects.filter(
                prize__slug=slug,
                selection__edition=edition,
                outcome=Award.Outcome.WINNER,
                statement_en="",
            )
            .order_by("id")
            .first()
        )
        if award is not None:
            award_statement_set(
                award=award, statement_en=statement_en, statement_nl=statement_nl
            )
            made.append(f"the jury's statement on the {award.name_en} {JURY_YEAR}")
    return made
