"""Facets only accredited professionals and staff see: what a film's rights
holder says is available (rights, territories, what the film is looking for).

They are not in the facet registry, the search documents or the facet
arrays: availability is private to professionals, and the public index, the
API and the docs' facet table must not hold it. Each search by a professional
reads the availability table (one row per film whose holder filled it in, a
small table) and filters the slots of the facet arrays with it.
"""

from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from festarchive.professionals.models import FilmAvailability
from festarchive.professionals.vocabulary import Right, Seeking

WORLDWIDE = "WW"


@dataclass(frozen=True)
class PrivateFacet:
    name: str  # the URL parameter
    label: object
    field: str  # FilmAvailability's list field

    def value_label(self, value: str) -> str:
        if self.name == "territory":
            return str(_("Worldwide")) if value == WORLDWIDE else countries.name(value)
        choices = dict(Right.choices if self.name == "rights" else Seeking.choices)
        return str(choices.get(value, value))

    def known(self, value: str) -> bool:
        if self.name == "territory":
            return value == WORLDWIDE or bool(countries.name(value))
        return value in (Right.values if self.name == "rights" else Seeking.values)

    def matches(self, held: set, asked: list[str]) -> bool:
        """A film available worldwide is available in every territory."""
        if self.name == "territory" and WORLDWIDE in held:
            return True
        return bool(held.intersection(asked))


FACETS = (
    PrivateFacet("rights", _("Rights available"), "rights"),
    PrivateFacet("territory", _("Territory"), "territories"),
    PrivateFacet("seeking", _("Looking for"), "seeking"),
)
NAMES = tuple(f.name for f in FACETS)
BY_NAME = {f.name: f for f in FACETS}


class Availability:
    """Every film's stated availability, read once for one search, as slots
    of the facet arrays ``index``."""

    def __init__(self, index):
        self.index = index
        # facet name -> [(slot, values held)]
        self.held: dict[str, list[tuple[int, set]]] = {f.name: [] for f in FACETS}
        rows = FilmAvailability.objects.values_list(
            "film_id", "rights", "territories", "seeking"
        )
        for film_id, rights, territories, seeking in rows:
            slots = index.slots_of([film_id])
            if not len(slots):
                continue  # unpublished, or not yet in the index
            slot = int(slots[0])
            for name, values in (
                ("rights", rights),
                ("territory", territories),
                ("seeking", seeking),
            ):
                if isinstance(values, list) and values:
                    held = {
                        str(v).upper() if name == "territory" else str(v)
                        for v in values
                    }
                    self.held[name].append((slot, held))

    def mask(self, name: str, asked: list[str]) -> np.ndarray:
        """The films holding one of the ``asked`` values."""
        facet = BY_NAME[name]
        selected = np.zeros(self.index.size, dtype=bool)
        for slot, held in self.held[name]:
            if facet.matches(held, asked):
                selected[slot] = True
        return selected

    def counts(self, name: str, within: np.ndarray) -> dict[str, int]:
        """How many films in the ``within`` mask hold each value."""
        tally: dict[str, int] = {}
        for slot, held in self.held[name]:
            if within[slot]:
                for value in held:
                    tally[value] = tally.get(value, 0) + 1
        return tally
