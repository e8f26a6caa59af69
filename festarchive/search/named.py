"""Facet values the query names: "netherlands", "Verenigde Staten", "best of
fests", "IDFA 2023", "jaren 80".

A visitor who types a country, a section, an edition or a decade means the
films that have it, which their text seldom says. Each value's names, in
English and Dutch, are read with the same ``words`` as the index and the query,
so case, diacritics and transliterations do not matter ("Oekraïne" and
"oekraine" meet). The search then also finds the films having a value the query
names (``queries._select``) and offers it as a filter.

Which facets a query may name, and by which names, the facet classes say
(``facet_types``: ``named_order`` and ``names``): by default the labels the
page shows, in every site language; for a country its names
(``core.countries.country_names``), also after "the"; for an edition also its
year ("2023"); for a decade also its short forms ("80s", "jaren 80",
"eighties", "jaren tachtig").
"""

from dataclasses import dataclass
from functools import lru_cache

from festarchive.core.limits import limit

from .facet_types import registry
from .normalise import fold, words


@dataclass
class Named:
    """Query words ``start`` to ``end`` (exclusive) that name facet values."""

    start: int
    end: int
    values: dict[str, list]  # facet -> internal values


@lru_cache(maxsize=65536)
def _key(name: str) -> tuple[str, ...]:
    return tuple(words(name))


def _values_by_name(index, vocabulary) -> dict[tuple[str, ...], dict[str, set]]:
    """Each name (as query words) and the facet values it names: the names
    each facet class gives (``FacetType.names``) of the values some film has."""
    longest = limit("search_max_name_words")  # the longest name, in words
    table: dict[tuple[str, ...], dict[str, set]] = {}
    for facet in registry.named():
        bound = vocabulary[facet.name]
        present = [v for v in index.pairs[facet.name].values if bound.known(v)]
        for name, internal in bound.names(present):
            key = _key(name)
            if key and len(key) <= longest:
                table.setdefault(key, {}).setdefault(facet.name, set()).add(internal)
    return table


def _table(index, vocabulary):
    # Countries and decades change with the index, sections and editions with
    # the vocabulary (read on every search): keep the table while both hold.
    key = (registry.names(), vocabulary.fingerprint, limit("search_max_name_words"))
    cached = getattr(index, "_named_table", None)
    if cached and cached[0] == key:
        return cached[1]
    table = _values_by_name(index, vocabulary)
    index._named_table = (key, table)
    return table


def named_values(typed: list[str], index, vocabulary) -> list[Named]:
    """Runs of the query's words (``normalise.words``) that name facet
    values, longest first, left to right, never overlapping."""
    table = _table(index, vocabulary)
    longest = limit("search_max_name_words")
    found, position = [], 0
    while position < len(typed):
        for end in range(min(len(typed), position + longest), position, -1):
            values = table.get(tuple(typed[position:end]))
            if values:
                found.append(
                    Named(position, end, {f: sorted(v) for f, v in values.items()})
                )
                position = end
                break
        else:
            position += 1
    return found


def without_words(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` as typed, without the words in ``spans`` (positions in
    ``fold(text).split()``); a typed word that folds into several keeps its
    place unless all of them go."""
    kept, position = [], 0
    for token in text.split():
        count = len(fold(token).split())
        inside = [
            any(start <= p < end for start, end in spans)
            for p in range(position, position + count)
        ]
        if not (inside and all(inside)):
            kept.append(token)
        position += count
    return " ".join(kept)
