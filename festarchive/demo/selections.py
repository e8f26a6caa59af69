"""The demo's curated selections: a decade's best, a theme and a touring
programme, over the demo's films, with introductions and notes in English
and Dutch. The theme is featured on the home page.

The films are picked by rule (the 1990s' winners, the films set in the
Donbas, the latest competition), so the same archive always gives the same
selections. Idempotent, like the rest of ``demo``: a selection already there
is left as it is.
"""

import datetime

from django.db import transaction
from django.db.models import Q

from festarchive.catalogue.models import Film
from festarchive.curated.models import CuratedSelection
from festarchive.curated.services import curated_film_add, curated_selection_create
from festarchive.festival.models import Award

from .loader import REFERENCE_FILM_SLUG

MOST_FILMS = 8

DECADE = {
    "slug": "best-of-the-1990s",
    "title_en": "Best of the 1990s",
    "title_nl": "Het beste van de jaren negentig",
    "introduction_en": (
        "The 1990s were the decade in which the festival found its voice: "
        "a wall had just come down, cameras became light enough to carry "
        "anywhere, and film-makers went to places no news crew stayed long "
        "enough to understand.\n\n"
        "These are the films from those years that juries rewarded, in the "
        "order they were made. Many of them still look forward rather than "
        "back."
    ),
    "introduction_nl": (
        "In de jaren negentig vond het festival zijn stem: de Muur was net "
        "gevallen, camera's werden licht genoeg om overal mee naartoe te "
        "nemen, en filmmakers gingen naar plekken waar geen nieuwsploeg lang "
        "genoeg bleef om ze te begrijpen.\n\n"
        "Dit zijn de films uit die jaren die een jury bekroonde, in de "
        "volgorde waarin ze gemaakt zijn. Veel ervan kijken nog steeds eerder "
        "vooruit dan terug."
    ),
    "order": 20,
}
DECADE_NOTES = [
    (
        "A patient opening: the camera waits until the people in front of it "
        "forget it is there.",
        "Een geduldig begin: de camera wacht tot de mensen ervoor vergeten "
        "dat hij er is.",
    ),
    (
        "The jury praised its editing, which lets two stories run side by "
        "side without ever explaining the link.",
        "De jury prees de montage, die twee verhalen naast elkaar laat lopen "
        "zonder het verband ooit uit te leggen.",
    ),
    (
        "Shot on borrowed equipment over four winters; it shows in the best "
        "possible way.",
        "Gedraaid met geleende apparatuur, vier winters lang; dat zie je, op "
        "de beste manier.",
    ),
    (
        "Still one of the most requested films from the archive by teachers.",
        "Nog altijd een van de films uit het archief waar docenten het vaakst "
        "om vragen.",
    ),
    (
        "Watch it for the last ten minutes, which hardly anyone in the "
        "audience that year expected.",
        "Kijk hem om de laatste tien minuten, die bijna niemand in de zaal "
        "dat jaar zag aankomen.",
    ),
    (
        "A small film about a large change, told from one kitchen table.",
        "Een kleine film over een grote verandering, verteld vanaf één keukentafel.",
    ),
]

THEME = {
    "slug": "films-about-the-donbas",
    "title_en": "Films about the Donbas",
    "title_nl": "Films over de Donbas",
    "introduction_en": (
        "Coal, steppe and, since 2014, a front line: the Donbas in the east "
        "of Ukraine has been filmed by the people who live there and by "
        "those who came to listen to them.\n\n"
        "This selection gathers the archive's films set in the region, "
        "starting with the festival's own reference film."
    ),
    "introduction_nl": (
        "Steenkool, steppe en sinds 2014 een frontlinie: de Donbas in het "
        "oosten van Oekraïne is gefilmd door de mensen die er wonen en door "
        "wie kwam om naar hen te luisteren.\n\n"
        "Deze selectie brengt de films uit het archief bijeen die zich in de "
        "regio afspelen, te beginnen met de referentiefilm van het festival."
    ),
    "featured": True,
    "order": 10,
}
THEME_FIRST_NOTE = (
    "Five teenagers train for a trek to the Himalayas while the front line "
    "stays within earshot: the film the archive's examples are built around.",
    "Vijf tieners trainen voor een tocht naar de Himalaya terwijl het front "
    "binnen gehoorsafstand blijft: de film waar de voorbeelden van het archief "
    "omheen zijn gebouwd.",
)
THEME_NOTES = [
    (
        "A mining town seen through the eyes of the family that stayed.",
        "Een mijnstadje gezien door de ogen van de familie die bleef.",
    ),
    (
        "Made before 2014, it now reads as a portrait of a world about to disappear.",
        "Gemaakt vóór 2014; nu lees je het als het portret van een wereld die "
        "op het punt stond te verdwijnen.",
    ),
    (
        "Less about the war than about the work, and all the more about the "
        "war for it.",
        "Minder over de oorlog dan over het werk, en juist daardoor des te "
        "meer over de oorlog.",
    ),
]

TOUR = {
    "slug": "on-tour-five-evenings",
    "title_en": "On tour: five evenings of the festival",
    "title_nl": "Op tournee: vijf avonden festival",
    "introduction_en": (
        "After every festival a handful of films from the competition travel "
        "on to film theatres across the Netherlands, one evening in each "
        "city, with a talk after the screening.\n\n"
        "This is the latest touring programme, in the order it travels."
    ),
    "introduction_nl": (
        "Na elk festival reist een handvol films uit de competitie door naar "
        "filmtheaters in heel Nederland, één avond per stad, met een gesprek "
        "na de vertoning.\n\n"
        "Dit is het laatste tourneeprogramma, in de volgorde waarin het reist."
    ),
    "order": 30,
}
TOUR_STOPS = [
    ("Groningen", "Groningen"),
    ("Utrecht", "Utrecht"),
    ("Maastricht", "Maastricht"),
    ("Rotterdam", "Rotterdam"),
    ("Nijmegen", "Nijmegen"),
]


def _decade_films() -> list[Film]:
    """The published films of the 1990s that won an award, oldest first."""
    return list(
        Film.objects.published()
        .filter(
            year__range=(1990, 1999),
            selections__awards__outcome=Award.Outcome.WINNER,
        )
        .distinct()
        .order_by("year", "sort_title", "pk")[:MOST_FILMS]
    )


def _theme_films() -> list[Film]:
    """The reference film, then the published films whose synopsis is set in
    the Donbas."""
    reference = Film.objects.published().filter(slug=REFERENCE_FILM_SLUG)
    others = (
        Film.objects.published()
        .filter(Q(synopsis_en__icontains="Donbas"))
        .exclude(slug=REFERENCE_FILM_SLUG)
        .order_by("-year", "sort_title", "pk")[: MOST_FILMS - 1]
    )
    return [*reference, *others]


def _tour_films() -> list[Film]:
    """Five published films of the latest edition's International
    Competition."""
    latest = (
        Film.objects.published()
        .filter(selections__section__name_en="International Competition")
        .order_by("-selections__edition__year")
        .values_list("selections__edition__year", flat=True)
        .first()
    )
    if latest is None:
        return []
    return list(
        Film.objects.published()
        .filter(
            selections__section__name_en="International Competition",
            selections__edition__year=latest,
        )
        .distinct()
        .order_by("sort_title", "pk")[: len(TOUR_STOPS)]
    )


def _tour_notes(position: int) -> tuple[str, str]:
    city_en, city_nl = TOUR_STOPS[position]
    return (
        f"Evening {position + 1}: {city_en}, followed by a talk with the film-maker.",
        f"Avond {position + 1}: {city_nl}, met na afloop een gesprek met de filmmaker.",
    )


def _make(fields: dict, films: list[Film], notes) -> bool:
    # No films for it yet (a small archive): made on a later run that has
    # them, never published empty.
    if not films or CuratedSelection.objects.filter(slug=fields["slug"]).exists():
        return False
    selection = curated_selection_create(
        is_published=True, published_on=datetime.date(2024, 1, 15), **fields
    )
    for position, film in enumerate(films):
        note_en, note_nl = notes(position)
        curated_film_add(
            selection=selection, film=film, note_en=note_en, note_nl=note_nl
        )
    return True


def ensure_selections() -> list[str]:
    """The three demo selections, unless they exist; what was made."""
    made = []
    with transaction.atomic():
        if _make(
            DECADE,
            _decade_films(),
            lambda n: DECADE_NOTES[n % len(DECADE_NOTES)],
        ):
            made.append(f"selection {DECADE['title_en']!r}")
        if _make(
            THEME,
            _theme_films(),
            lambda n: THEME_FIRST_NOTE if n == 0 else THEME_NOTES[n % len(THEME_NOTES)],
        ):
            made.append(f"selection {THEME['title_en']!r}, featured on the home page")
        if _make(TOUR, _tour_films(), _tour_notes):
            made.append(f"selection {TOUR['title_en']!r}")
    return made
