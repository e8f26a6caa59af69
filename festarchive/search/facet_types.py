"""The archive's facets, one class each, in one registry.

A facet class says everything the archive needs to know about one filter:

- for the index: ``extract`` (what a film's search document stores) and
  ``values`` (the values the facet arrays hold, read back from the document);
- for the address: ``internal`` (URL value to internal value) and ``external``
  (the other way);
- for the page: ``label`` (the heading), ``value_label``, ``order`` and
  ``known`` (values of records deleted since the index was written are not);
- for the API and the docs: ``description``;
- for words that name a value (``named``): ``named_order`` and ``names``.

The URL parser (``queries.parse_params``), the facet arrays (``facets``), the
indexer, named-value recognition, the API's ``/films`` parameters and the table
in ``docs/search.md`` all read ``registry``, in its order (the order the page
shows). Adding a facet is one class with ``@registry.register`` and its test.

Borrowed from datasette's ``facets.py``, where each facet type is a class the
table view asks for its results. Here a class is instantiated once per search,
so ``__init__`` loads what the facet needs from the database (its vocabulary).
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any, ClassVar

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from festarchive.core.i18n import localized
from festarchive.core.languages import language_name
from festarchive.core.numbers import parse_int
from festarchive.curated.models import CuratedSelection
from festarchive.festival.models import Award, Edition, PremiereStatus, Section
from festarchive.programme.vocabulary import ACCESS_BY_CODE, ARCHIVE_ACCESS_FEATURES


@dataclass
class FilmFacts:
    """What the indexer has read of one film, for the facets to extract from."""

    film: dict  # Film.values(): the fields in indexer.FILM_FIELDS
    selections: list[dict] = field(default_factory=list)  # at the host festival
    awards: set = field(default_factory=set)  # award outcomes, at any festival
    countries: list[str] = field(default_factory=list)  # in credit order
    languages: list[str] = field(default_factory=list)
    # Codes of ARCHIVE_ACCESS_FEATURES its screenings had (indexer._access).
    access: set = field(default_factory=set)
    # Ids of the curated selections it is in, published or not.
    curated: set = field(default_factory=set)


class FacetType:
    """One facet: how it is indexed, read from the address, labelled and ordered.

    Class attributes and class methods need no database; an instance is the
    facet's vocabulary for one search.
    """

    name: ClassVar[str]  # the URL parameter and the document key
    label: ClassVar[Any]  # the heading (lazy translation)
    description: ClassVar[str]  # the API parameter's description, and the docs'
    # Film fields ``extract`` reads besides the indexer's own.
    film_fields: ClassVar[tuple[str, ...]] = ()
    # Whether query words may name its values, and in which order the
    # suggested filters list them (None: they may not).
    named_order: ClassVar[int | None] = None

    # -- the index ---------------------------------------------------------------
    @classmethod
    def extract(cls, facts: FilmFacts):
        """What the film's search document stores under ``name`` (JSON), or
        ``NotImplemented`` when the facet is derived from other keys."""
        raise NotImplementedError

    @classmethod
    def values(cls, document: dict) -> list:
        """The facet's internal values in a search document."""
        value = document.get(cls.name)
        if isinstance(value, list):
            return value
        return [value] if value else []

    # -- one search ----------------------------------------------------------------
    def fingerprint(self) -> tuple:
        """What the names of the values are made of (``named`` caches on it)."""
        return ()

    def internal(self, value: str):
        """The internal value for a URL value, or None when there is none."""
        return value.lower()

    def external(self, internal) -> str:
        """The URL value of an internal value."""
        return str(internal)

    def value_label(self, internal) -> str:
        return str(internal)

    def order(self, internal, count: int) -> tuple:
        """Sort key among the facet's values: by default most films first."""
        return (-count, self.value_label(internal))

    def known(self, internal) -> bool:
        """Whether the value still exists (the index may name deleted records)."""
        return True

    def names(self, values: list) -> Iterator[tuple[str, Any]]:
        """(name, internal value) for each name a query may use for ``values``
        (the values some film has): by default the label in every language."""
        for language, _label in settings.LANGUAGES:
            with translation.override(language):
                for internal in values:
                    yield self.value_label(internal), internal


class FacetRegistry:
    """The facets, in the order the archive page shows them."""

    def __init__(self):
        self._facets: dict[str, type[FacetType]] = {}

    def register(self, facet: type[FacetType]) -> type[FacetType]:
        """Add a facet class (usable as a class decorator)."""
        if facet.name in self._facets:
            raise ValueError(f"A facet named {facet.name!r} is registered already.")
        self._facets[facet.name] = facet
        return facet

    def unregister(self, name: str) -> None:
        del self._facets[name]

    @contextmanager
    def added(self, facet: type[FacetType]):
        """The registry with ``facet`` for the duration (tests)."""
        self.register(facet)
        try:
            yield facet
        finally:
            self.unregister(facet.name)

    def __iter__(self) -> Iterator[type[FacetType]]:
        return iter(list(self._facets.values()))

    def __getitem__(self, name: str) -> type[FacetType]:
        return self._facets[name]

    def __contains__(self, name: str) -> bool:
        return name in self._facets

    def names(self) -> tuple[str, ...]:
        return tuple(self._facets)

    def named(self) -> list[type[FacetType]]:
        """Facets whose values query words may name, in suggestion order."""
        return sorted(
            (f for f in self if f.named_order is not None),
            key=lambda f: f.named_order,
        )

    def film_fields(self) -> set[str]:
        return {name for facet in self for name in facet.film_fields}

    def markdown_table(self) -> str:
        """The facet table of ``docs/search.md`` (a test keeps the two equal)."""
        with translation.override("en"):
            lines = [
                "| parameter | label | named by words | description |",
                "|---|---|---|---|",
            ]
            for facet in self:
                named = "yes" if facet.named_order is not None else "no"
                lines.append(
                    f"| `{facet.name}` | {facet.label} | {named} | "
                    f"{facet.description} |"
                )
        return "\n".join(lines) + "\n"


registry = FacetRegistry()


class Vocabulary:
    """Every registered facet's vocabulary for one search, by facet name."""

    def __init__(self):
        self.facets = {facet.name: facet() for facet in registry}
        self.fingerprint = tuple(
            (name, bound.fingerprint()) for name, bound in self.facets.items()
        )

    def __getitem__(self, facet: str) -> FacetType:
        return self.facets[facet]

    def internal(self, facet: str, value: str):
        return self.facets[facet].internal(value)

    def external(self, facet: str, internal) -> str:
        return self.facets[facet].external(internal)

    def label(self, facet: str, internal) -> str:
        return self.facets[facet].value_label(internal)

    def order(self, facet: str, internal, count: int) -> tuple:
        return self.facets[facet].order(internal, count)

    def known(self, facet: str, internal) -> bool:
        return self.facets[facet].known(internal)


# -- the archive's facets ------------------------------------------------------------
def _host() -> str:
    return settings.FESTARCHIVE["HOST_FESTIVAL_SLUG"]


class _Records(FacetType):
    """A facet whose values are records, in the URL by slug."""

    records: dict

    def __init__(self):
        self.records = {obj.pk: obj for obj in self.load()}
        self.by_slug = {obj.slug: pk for pk, obj in self.records.items()}

    def load(self) -> Iterable:
        raise NotImplementedError

    def internal(self, value: str):
        return self.by_slug.get(value)

    def external(self, internal) -> str:
        return self.records[internal].slug

    def value_label(self, internal) -> str:
        return str(localized(self.records[internal], "name"))

    def known(self, internal) -> bool:
        return internal in self.records


@registry.register
class EditionFacet(_Records):
    name = "edition"
    label = _("Edition")
    description = (
        "An edition of the host festival, by slug (`idfa-2023`); "
        "a query may name it by its label or its year."
    )
    named_order = 2

    @classmethod
    def extract(cls, facts: FilmFacts):
        return sorted({s["edition_id"] for s in facts.selections})

    def load(self):
        return Edition.objects.filter(festival__slug=_host()).select_related("festival")

    def fingerprint(self) -> tuple:
        return tuple((pk, str(e), e.year) for pk, e in sorted(self.records.items()))

    def value_label(self, internal) -> str:
        return str(self.records[internal])

    def order(self, internal, count: int) -> tuple:
        return (-self.records[internal].year,)

    def names(self, values: list):
        yield from super().names(values)
        for internal in values:
            yield str(self.records[internal].year), internal


# A decade's short names; later decades take them ("80s" is the 1980s).
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


def decade_short_names(decades: list[int]) -> dict[int, list[str]]:
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


@registry.register
class DecadeFacet(FacetType):
    name = "decade"
    label = _("Decade")
    description = (
        "The decade of production, by its first year (`1980`); a query may name "
        "it (`1980s`, `80s`, `jaren tachtig`)."
    )
    named_order = 3

    @classmethod
    def extract(cls, facts: FilmFacts):
        return NotImplemented  # read from the document's year

    @classmethod
    def values(cls, document: dict) -> list:
        year = document.get("year")
        return [year // 10 * 10] if year else []

    def internal(self, value: str):
        return parse_int(value, low=1000, high=9999) if len(value) == 4 else None

    def value_label(self, internal) -> str:
        return _("%(decade)ss") % {"decade": internal}

    def order(self, internal, count: int) -> tuple:
        return (-internal,)

    def names(self, values: list):
        yield from super().names(values)
        for decade, forms in decade_short_names(values).items():
            for form in forms:
                yield form, decade


@registry.register
class SectionFacet(_Records):
    name = "section"
    label = _("Section")
    description = (
        "A section of the host festival, by slug (`best-of-fests`); a query may "
        "name it in English or Dutch."
    )
    named_order = 1

    @classmethod
    def extract(cls, facts: FilmFacts):
        return sorted({s["section_id"] for s in facts.selections if s["section_id"]})

    def load(self):
        return Section.objects.filter(festival__slug=_host())

    def fingerprint(self) -> tuple:
        return tuple(
            (pk, s.name_en, s.name_nl) for pk, s in sorted(self.records.items())
        )

    def order(self, internal, count: int) -> tuple:
        section = self.records[internal]
        return (section.order, section.name_en)


@cache
def _country_names(code: str) -> tuple[str, ...]:
    """A country's names for queries (they only change with a release)."""
    from festarchive.core.countries import country_names

    # "the Netherlands", "the UK"
    return tuple(n for name in country_names(code) for n in (name, f"the {name}"))


@registry.register
class CountryFacet(FacetType):
    name = "country"
    label = _("Country")
    description = (
        "A production country, by ISO 3166 code (`UA`, or four letters for a "
        "former country); a query may name it by any of its names."
    )
    named_order = 0

    @classmethod
    def extract(cls, facts: FilmFacts):
        return facts.countries

    def internal(self, value: str):
        # Codes are letters (ISO 3166-1 alpha-2, ISO 3166-3 alpha-4).
        # django-countries would read digits as a numeric code, with
        # str.isdigit and int, and fail on "¹" (see core.numbers).
        return value.upper() if value.isascii() and value.isalpha() else None

    def value_label(self, internal) -> str:
        return str(countries.name(internal)) or internal

    def known(self, internal) -> bool:
        # Looked up in the list itself, not through django-countries'
        # lookups, which also take three-letter and numeric codes.
        return internal in countries.countries

    def names(self, values: list):
        for code in values:
            for name in _country_names(code):
                yield name, code


@registry.register
class PremiereFacet(_Records):
    name = "premiere"
    label = _("Premiere")
    description = (
        "The premiere status at the host festival, by slug (`world`, "
        "`international`, `european`, `dutch`, or one staff added: see "
        "`/vocabularies/premiere-statuses`)."
    )

    @classmethod
    def extract(cls, facts: FilmFacts):
        return sorted({s["premiere_id"] for s in facts.selections if s["premiere_id"]})

    def load(self):
        return PremiereStatus.objects.all()

    def order(self, internal, count: int) -> tuple:
        return (self.records[internal].order,)


@registry.register
class AwardFacet(FacetType):
    name = "award"
    label = _("Award")
    description = (
        "An award outcome at any festival: "
        + ", ".join(f"`{v}`" for v in Award.Outcome.values)
        + "."
    )

    @classmethod
    def extract(cls, facts: FilmFacts):
        return sorted(facts.awards)

    def internal(self, value: str):
        return value if value in Award.Outcome.values else None

    def value_label(self, internal) -> str:
        return str(Award.Outcome(internal).label)

    def order(self, internal, count: int) -> tuple:
        return (Award.Outcome.values.index(internal),)


RUNTIME_LABELS = {
    "short": _("Short (under 40 min)"),
    "mid": _("Mid-length (40–60 min)"),
    "feature": _("Feature (over 60 min)"),
}


def runtime_band(minutes: int | None) -> str | None:
    """'short' under 40 minutes, 'mid' for 40–60, 'feature' above 60."""
    if not minutes:
        return None
    if minutes < 40:
        return "short"
    return "mid" if minutes <= 60 else "feature"


@registry.register
class RuntimeFacet(FacetType):
    name = "runtime"
    label = _("Length")
    description = (
        "The length: `short` (under 40 minutes), `mid` (40–60) or `feature` (over 60)."
    )
    film_fields = ("runtime_minutes",)

    @classmethod
    def extract(cls, facts: FilmFacts):
        return runtime_band(facts.film["runtime_minutes"])

    def internal(self, value: str):
        return value if value in RUNTIME_LABELS else None

    def value_label(self, internal) -> str:
        return str(RUNTIME_LABELS[internal])

    def order(self, internal, count: int) -> tuple:
        return (list(RUNTIME_LABELS).index(internal),)


@registry.register
class LanguageFacet(FacetType):
    name = "language"
    label = _("Language")
    description = "A spoken language, by ISO 639 code (`uk`, `ar`)."

    @classmethod
    def extract(cls, facts: FilmFacts):
        return facts.languages

    def value_label(self, internal) -> str:
        return language_name(internal)


@registry.register
class AccessFacet(FacetType):
    """Films that were shown in a way made accessible: subtitles for the deaf
    and hard of hearing, audio description or a relaxed screening, in a
    screening of the film or of a programme of films it was part of."""

    name = "access"
    label = _("Accessibility")
    description = (
        "A way one of the film's screenings was made accessible: `sdh` "
        "(subtitles for the deaf and hard of hearing), `audio-description` or "
        "`relaxed` (a relaxed screening). A screening of a programme of films "
        "counts for each of its films; a cancelled one counts for none."
    )

    @classmethod
    def extract(cls, facts: FilmFacts):
        return [code for code in ARCHIVE_ACCESS_FEATURES if code in facts.access]

    def internal(self, value: str):
        value = value.lower()
        return value if value in ARCHIVE_ACCESS_FEATURES else None

    def value_label(self, internal) -> str:
        return str(ACCESS_BY_CODE[internal].label)

    def order(self, internal, count: int) -> tuple:
        return (ARCHIVE_ACCESS_FEATURES.index(internal),)

    def known(self, internal) -> bool:
        return internal in ARCHIVE_ACCESS_FEATURES


@registry.register
class CuratedFacet(_Records):
    """Films in a selection staff made (``curated.CuratedSelection``). The
    index holds every selection a film is in; only the published ones are
    values, so publishing one or taking it back changes no document.

    Named ``curated``, not ``selection``: a selection in the festival's own
    words is a film shown at an edition (``festival.Selection``)."""

    name = "curated"
    label = _("Selection")
    description = (
        "A published selection staff made of the archive's films, by slug "
        "(`best-of-the-1990s`): see `/selections`."
    )

    @classmethod
    def extract(cls, facts: FilmFacts):
        return sorted(facts.curated)

    def load(self):
        return CuratedSelection.objects.published()

    def fingerprint(self) -> tuple:
        return tuple(
            (pk, s.title_en, s.title_nl) for pk, s in sorted(self.records.items())
        )

    def value_label(self, internal) -> str:
        return str(localized(self.records[internal], "title"))

    def order(self, internal, count: int) -> tuple:
        selection = self.records[internal]
        return (selection.order, selection.title_en)


__all__ = [
    "FacetRegistry",
    "FacetType",
    "FilmFacts",
    "Vocabulary",
    "registry",
    "runtime_band",
]
