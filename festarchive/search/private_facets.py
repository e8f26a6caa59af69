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
from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _

from festarchive.core import speedups
from festarchive.professionals.models import FilmAvailability
from festarchive.professionals.vocabulary import (
    WORLDWIDE,
    Right,
    Seeking,
    territory_known,
    territory_label,
)


@dataclass(frozen=True)
class PrivateFacet:
    name: str  # the URL parameter
    label: object
    field: str  # FilmAvailability's list field

    def value_label(self, value: str) -> str:
        if self.name == "territory":
            return territory_label(value)
        choices = dict(Right.choices if self.name == "rights" else Seeking.choices)
        return str(choices.get(value, value))

    def known(self, value: str) -> bool:
        if self.name == "territory":
            return territory_known(value)
        return value in (Right.values if self.name == "rights" else Seeking.values)


FACETS = (
    PrivateFacet("rights", _("Rights available"), "rights"),
    PrivateFacet("territory", _("Territory"), "territories"),
    PrivateFacet("seeking", _("Looking for"), "seeking"),
)
NAMES = tuple(f.name for f in FACETS)
BY_NAME = {f.name: f for f in FACETS}


class Availability:
    """Every film's stated availability, read once for one search, as the
    slots of the facet arrays ``index`` that hold each value."""

    def __init__(self, index):
        self.index = index
        rows = list(
            FilmAvailability.objects.values_list(
                "film_id", "rights", "territories", "seeking"
            )
        )
        # Where each film sits in the facet arrays (ids are sorted there);
        # films not in them (unpublished, not yet indexed) are left out.
        ids = np.array([row[0] for row in rows], dtype=np.int64)
        found = np.zeros(len(ids), dtype=bool)
        slots = np.zeros(len(ids), dtype=np.int64)
        if len(ids) and index.size:
            slots = np.minimum(np.searchsorted(index.ids, ids), index.size - 1)
            found = index.ids[slots] == ids
        # facet name -> value -> slots of the films holding it
        collected: dict[str, dict[str, list[int]]] = {f.name: {} for f in FACETS}
        for (_film_id, *lists), slot, ok in zip(rows, slots, found, strict=True):
            if not ok:
                continue
            for facet, values in zip(FACETS, lists, strict=True):
                for value in values if isinstance(values, list) else ():
                    value = str(value)
                    if facet.name == "territory":
                        value = value.upper()
                    collected[facet.name].setdefault(value, []).append(int(slot))
        self.slots = {
            name: {value: np.array(s, dtype=np.int64) for value, s in by_value.items()}
            for name, by_value in collected.items()
        }

    def mask(self, name: str, asked: list[str]) -> np.ndarray:
        """The films holding one of the ``asked`` values (a film available
        worldwide is available in every territory)."""
        wanted = set(asked)
        if name == "territory":
            wanted.add(WORLDWIDE)
        selected = np.zeros(self.index.size, dtype=bool)
        for value in wanted:
            slots = self.slots[name].get(value)
            if slots is not None:
                selected[slots] = True
        return selected

    def counts(self, name: str, within: np.ndarray) -> dict[str, int]:
        """How many films in the ``within`` mask hold each value."""
        tally = {
            value: int(within[slots].sum()) for value, slots in self.slots[name].items()
        }
        return {value: n for value, n in tally.items() if n}


class _Kept:
    """The last ``Availability`` read in this process, with what it was read
    for: the facet arrays, and the table's count, last change and last id."""

    index = None
    stamp = None
    availability = None


def _stamp() -> tuple:
    # Any write through the model moves one of these: a new row the count
    # and the last id, a change the last ``updated_at``, a deletion the count.
    found = FilmAvailability.objects.aggregate(
        n=Count("id"), changed=Max("updated_at"), last=Max("id")
    )
    return (found["n"], found["changed"], found["last"])


def availability_for(index) -> Availability:
    """The availability for one search: read afresh, or with the
    ``availability-cache`` speed-up (decision 0010) the process's own copy,
    while the table and the facet arrays are those it was read from."""
    if not speedups.enabled("availability-cache"):
        return Availability(index)
    stamp = _stamp()
    if _Kept.index is not index or _Kept.stamp != stamp:
        _Kept.availability = Availability(index)
        _Kept.index, _Kept.stamp = index, stamp
    return _Kept.availability
