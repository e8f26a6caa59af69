"""The shapes the API answers with; the OpenAPI schema is generated from them.

Every answer is an envelope: ``data`` (one record or a list), ``links`` (this
answer, its HTML page, the next page) and, for lists, ``meta``. Every error is
``{"error": {"status", "code", "message", "details"}}``.
"""

from datetime import datetime

from ninja import Schema
from pydantic import Field


class Ref(Schema):
    """A record this one points to: its slug, label and API address."""

    slug: str
    name: str
    url: str


class Code(Schema):
    """An ISO code with its name in the requested language."""

    code: str
    name: str


class Links(Schema):
    self: str
    html: str | None = Field(None, description="The public page of this answer.")
    next: str | None = Field(None, description="The next page of a list.")


class ListMeta(Schema):
    count: int | None = Field(
        None, description="How many records the whole list holds (searches only)."
    )
    limit: int
    next_cursor: str | None = None


class ErrorBody(Schema):
    status: int
    code: str = Field(..., description="A stable, machine-readable error code.")
    message: str
    details: list[dict] = []


class ErrorEnvelope(Schema):
    error: ErrorBody


# -- films -------------------------------------------------------------------------
class Text(Schema):
    """A text in the requested language, or in the other one when it is missing."""

    text: str
    language: str
    is_fallback: bool


class FilmSummary(Schema):
    slug: str
    url: str
    html: str
    title: str = Field(..., description="The title in the requested language.")
    title_en: str
    title_nl: str
    original_title: str
    original_title_latin: str
    year: int | None
    runtime_minutes: int | None
    countries: list[Code]
    directors: list[Ref]


class OtherTitle(Schema):
    title: str
    kind: str
    language: str


class CreditOut(Schema):
    role: Code
    person: Ref | None
    company: Ref | None
    credited_as: str
    order: int


class AwardOut(Schema):
    name: str
    name_en: str
    name_nl: str
    outcome: str
    prize: Ref | None = Field(None, description="The award across editions.")


class SelectionOut(Schema):
    festival: Ref
    edition: Ref
    year: int
    section: Ref | None
    premiere: Code | None
    awards: list[AwardOut]


class ImageOut(Schema):
    url: str
    width: int | None
    height: int | None
    kind: str
    alt: str
    caption: str
    copyright: str
    is_key: bool


class VideoOut(Schema):
    url: str
    kind: str
    title: str


class Identifiers(Schema):
    imdb: str | None
    wikidata: str | None
    eidr: str | None


class FilmDetail(FilmSummary):
    original_title_language: Code | None
    languages: list[Code]
    synopsis: Text | None
    synopsis_en: str
    synopsis_nl: str
    other_titles: list[OtherTitle]
    credits: list[CreditOut]
    selections: list[SelectionOut]
    images: list[ImageOut]
    videos: list[VideoOut]
    identifiers: Identifiers
    updated_at: datetime


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    active: bool


class FacetOut(Schema):
    name: str
    label: str
    values: list[FacetValueOut]


class SuggestedFilterOut(Schema):
    """A facet value the query's words name ("netherlands": country NL)."""

    name: str = Field(..., description="The facet.")
    value: str
    label: str
    count: int = Field(..., description="Films the search finds with the filter.")
    q: str = Field(..., description="The query without the words naming the value.")


class FilmSearchMeta(ListMeta):
    facets: list[FacetOut]
    suggested_filters: list[SuggestedFilterOut] = Field(
        ...,
        description=(
            "Filters the query's words name and the search does not apply yet: "
            "search with `q` and `name=value` for the films having the value."
        ),
    )


class FilmList(Schema):
    data: list[FilmSummary]
    meta: FilmSearchMeta
    links: Links


class FilmOne(Schema):
    data: FilmDetail
    links: Links


# -- people and companies ------------------------------------------------------------
class FilmographyEntry(Schema):
    film: Ref
    year: int | None
    role: Code
    company: Ref | None = None
    person: Ref | None = None


class PersonSummary(Schema):
    slug: str
    url: str
    html: str
    name: str
    sort_name: str
    name_variants: list[str]


class JuryServiceEntry(Schema):
    festival: Ref
    edition: Ref
    year: int
    jury: str = Field(..., description="The jury's name in the requested language.")
    section: Ref | None = Field(None, description="The competition it judged.")
    role: Code


class PersonDetail(PersonSummary):
    filmography: list[FilmographyEntry]
    jury_service: list[JuryServiceEntry]


class CompanySummary(Schema):
    slug: str
    url: str
    html: str
    name: str
    kind: str
    country: Code | None
    name_variants: list[str]


class CompanyDetail(CompanySummary):
    filmography: list[FilmographyEntry]


class PersonList(Schema):
    data: list[PersonSummary]
    meta: ListMeta
    links: Links


class PersonOne(Schema):
    data: PersonDetail
    links: Links


class CompanyList(Schema):
    data: list[CompanySummary]
    meta: ListMeta
    links: Links


class CompanyOne(Schema):
    data: CompanyDetail
    links: Links


# -- festivals ---------------------------------------------------------------------------
class FestivalOut(Schema):
    slug: str
    url: str
    html: str
    name: str
    short_name: str
    city: str
    country: Code | None
    website: str
    is_host: bool


class EditionOut(Schema):
    slug: str
    url: str
    html: str
    festival: Ref
    year: int
    number: int | None
    name: str
    starts_on: str | None
    ends_on: str | None


class JurorOut(Schema):
    person: Ref
    role: Code


class JuryOut(Schema):
    name: str = Field(..., description="The jury's name in the requested language.")
    name_en: str
    name_nl: str
    section: Ref | None = Field(None, description="The competition it judged.")
    jurors: list[JurorOut]


class EditionDetail(EditionOut):
    juries: list[JuryOut]


class SectionOut(Schema):
    slug: str
    url: str
    html: str
    festival: Ref
    name: str
    name_en: str
    name_nl: str
    description: Text | None


class FestivalList(Schema):
    data: list[FestivalOut]
    meta: ListMeta
    links: Links


class FestivalOne(Schema):
    data: FestivalOut
    links: Links


class EditionList(Schema):
    data: list[EditionOut]
    meta: ListMeta
    links: Links


class EditionOne(Schema):
    data: EditionDetail
    links: Links


class SectionList(Schema):
    data: list[SectionOut]
    meta: ListMeta
    links: Links


class SectionOne(Schema):
    data: SectionOut
    links: Links


# -- awards --------------------------------------------------------------------------------
class FormerName(Schema):
    name: str
    name_en: str
    name_nl: str
    from_year: int | None
    until_year: int | None


class PrizeOut(Schema):
    slug: str
    url: str
    html: str
    festival: Ref
    name: str = Field(..., description="The current name in the requested language.")
    name_en: str
    name_nl: str
    description: Text | None
    former_names: list[FormerName]


class PrizeAward(Schema):
    film: FilmSummary
    name: str = Field(..., description="The award's name that year.")
    outcome: str
    statement: Text | None = Field(None, description="The jury's statement.")


class PrizeEdition(Schema):
    edition: Ref
    year: int
    awards: list[PrizeAward]


class PrizeDetail(PrizeOut):
    editions: list[PrizeEdition] = Field(
        ..., description="Winners and special mentions by edition, newest first."
    )


class PrizeList(Schema):
    data: list[PrizeOut]
    meta: ListMeta
    links: Links


class PrizeOne(Schema):
    data: PrizeDetail
    links: Links


# -- vocabularies --------------------------------------------------------------------------
class VocabularyTerm(Schema):
    slug: str
    name: str
    name_en: str
    name_nl: str
    order: int


class CountryOut(Schema):
    code: str
    name: str
    historical: bool


class VocabularyList(Schema):
    data: list[VocabularyTerm]
    links: Links


class CountryList(Schema):
    data: list[CountryOut]
    links: Links


# -- the festival programme ----------------------------------------------------------------
class ScreenOut(Schema):
    name: str
    capacity: int | None
    order: int


class VenueOut(Schema):
    slug: str
    url: str
    html: str
    name: str
    address: str
    city: str
    latitude: float | None
    longitude: float | None
    step_free: bool
    hearing_loop: bool
    wheelchair_places: int
    accessibility: Text | None = Field(
        ..., description="Notes on getting in and around, in the requested language."
    )
    website: str
    map_url: str


class VenueDetail(VenueOut):
    screens: list[ScreenOut]


class ProgrammeRef(Schema):
    """A programme of films: several films shown together under one title."""

    slug: str
    name: str
    html: str


class MovedFrom(Schema):
    starts_at: datetime
    screen: str


class ScreeningOut(Schema):
    id: str = Field(..., description="Stable across changes (the iCal UID's part).")
    url: str
    html: str
    title: str = Field(..., description="The film's or programme's title.")
    edition: Ref
    section: Ref | None
    films: list[Ref] = Field(
        ..., description="The published films shown, in order (one, or a programme's)."
    )
    programme: ProgrammeRef | None
    venue: Ref
    screen: str
    starts_at: datetime
    ends_at: datetime
    day: str = Field(..., description="The festival day, YYYY-MM-DD in its zone.")
    duration_minutes: int
    extra_minutes: int = Field(..., description="Introduction and Q&A minutes.")
    kind: Code
    language_version: Code
    access: list[Code] = Field(..., description="Subtitles and access features.")
    qa: bool
    guests: list[Ref]
    tickets: Code
    ticket_url: str
    status: Code
    notice: str = Field(..., description="A notice in the requested language.")
    notice_en: str
    notice_nl: str
    moved_from: MovedFrom | None = Field(
        ..., description="Where and when it was before it moved."
    )
    sequence: int = Field(..., description="Counts the changes (iCal SEQUENCE).")
    updated_at: datetime


class ScreeningList(Schema):
    data: list[ScreeningOut]
    meta: ListMeta
    links: Links


class ScreeningOne(Schema):
    data: ScreeningOut
    links: Links


class VenueList(Schema):
    data: list[VenueOut]
    meta: ListMeta
    links: Links


class VenueOne(Schema):
    data: VenueDetail
    links: Links


# -- curated selections ----------------------------------------------------------
class CuratedSelectionOut(Schema):
    slug: str
    url: str
    html: str
    title: str = Field(..., description="The title in the requested language.")
    title_en: str
    title_nl: str
    introduction: Text | None
    introduction_en: str
    introduction_nl: str
    featured: bool = Field(..., description="Featured on the home page.")
    published_on: str | None
    updated_at: datetime


class CuratedFilmOut(Schema):
    position: int = Field(..., description="1 for the first film, and so on.")
    film: FilmSummary
    note: Text | None
    note_en: str
    note_nl: str


class CuratedSelectionDetail(CuratedSelectionOut):
    films: list[CuratedFilmOut] = Field(
        ..., description="The published films, in the selection's order."
    )


class CuratedSelectionList(Schema):
    data: list[CuratedSelectionOut]
    meta: ListMeta
    links: Links


class CuratedSelectionOne(Schema):
    data: CuratedSelectionDetail
    links: Links
