"""Facet values the query names: "netherlands", "Verenigde Staten", "best of
fests", "IDFA 2023", "jaren 80".

A visitor who types a country, a section, an edition or a decade means the
films that have it, which their text seldom says. Each value's names, in
English and Dutch, are read with the same ``words`` as the index and the query,
so case, diacritics and transliterations do not matter ("Oekraïne" and
"oekraine" meet). The search then also finds the films having a value the query
names (``queries._select``) and offers it as a filter.

The names are the facet labels the page shows, in every site language, plus:
a country's other names (``core.countries.country_names``), also after
"the"; a bare year for
an edition ("2023"); short forms of a decade ("80s", "jaren 80", "eighties",
"jaren tachtig").
"""

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils import translation

from .normalise import fold, words

# Facets whose values a query may name, and the longest name in words.
NAMED_FACETS = ("country", "section", "edition", "decade")
MAX_NAME_WORDS = 8
_DECADE_WORDS = {
    20: ("twenties", "twintig"),
    30: ("thirties", "dertig"),
    40: ("forties", "veertig"),
    50: ("fifties", "vijftig"),
    60: ("sixties", "zestig"),
    70: ("seventies", "zeventig"),
    80: ("eighties", "tachtig"),
    90: ("nineties", "negentig"),
}


@dataclass
class Named:
    """Query words ``start`` to ``end`` (exclusive) that name facet values."""

    start: int
    end: int
    values: dict[str, list]  # facet -> internal values


def _decade_names(decades: list[int]) -> dict[int, list[str]]:
    """Short names of decades: '80s', 'jaren 80', 'eighties', 'jaren tachtig'
    each mean the latest such decade the archive has."""
    names: dict[int, list[str]] = {}
    for decade in sorted(decades):  # later decades take the short names
        short = decade % 100
        forms = [f"{short:02d}s", f"jaren {short:02d}"]
        for word in _DECADE_WORDS.get(short, ()):
            forms += [word, f"jaren {word}"]
        for other in names.values():
            for form in forms:
                if form in other:
                    other.remove(form)
        names[decade] = forms
    return names


def _key(name: str) -> tuple[str, ...]:
    return tuple(words(name))


@cache
def _country_keys(code: str) -> tuple[tuple[str, ...], ...]:
    """A country's names as query words (they only change with a release)."""
    from festarchive.core.countries import country_names

    names = country_names(code)
    return tuple(
        key
        for name in names
        for key in (_key(name), _key(f"the {name}"))  # the Netherlands, the UK
    )


def _values_by_name(index, vocabulary) -> dict[tuple[str, ...], dict[str, set]]:
    """Each name (as query words) and the facet values it names."""
    table: dict[tuple[str, ...], dict[str, set]] = {}

    def add(key: tuple[str, ...], facet: str, internal) -> None:
        if key and len(key) <= MAX_NAME_WORDS:
            table.setdefault(key, {}).setdefault(facet, set()).add(internal)

    present = {facet: index.pairs[facet].values for facet in NAMED_FACETS}
    for code in present["country"]:
        if vocabulary.known("country", code):
            for key in _country_keys(code):
                add(key, "country", code)
    for facet in ("section", "edition", "decade"):
        for internal in present[facet]:
            if not vocabulary.known(facet, internal):
                continue
            for language, _label in settings.LANGUAGES:
                with translation.override(language):
                    add(_key(vocabulary.label(facet, internal)), facet, internal)
    for internal in present["edition"]:
        if vocabulary.known("edition", internal):
            add(_key(str(vocabulary.editions[internal].year)), "edition", internal)
    for decade, forms in _decade_names(present["decade"]).items():
        for form in forms:
            add(_key(form), "decade", decade)
    return table


def _table(index, vocabulary):
    # Countries and decades change with the index, sections and editions with
    # the vocabulary (read on every search): keep the table while both hold.
    key = vocabulary.fingerprint
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
    found, position = [], 0
    while position < len(typed):
        for end in range(min(len(typed), position + MAX_NAME_WORDS), position, -1):
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
