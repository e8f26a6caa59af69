"""The catalogue's exchange record, declared once.

Every record a catalogue file may hold (JSON Lines, spreadsheets, which are
read into the same records) is declared here key by key: what the key holds,
and the model field it is written to. Limits and vocabularies are read from
that field (``max_length``, ``choices``, its validators, the database's range
of an integer column), so a file is refused with the line and the reason
before the database would refuse it, and a limit changed in a model is the
import's limit at once. The export writes a film's own fields in the order
declared here (``FILM_FIELDS``).

A record is checked by ``RECORDS[type].check(record, known)``; ``known(kind,
slug)`` says whether a referenced record exists (in the file or the archive)
and refuses the record when not.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    ProhibitNullCharactersValidator,
)
from django.db import connection, models

from festarchive.catalogue.models import (
    Company,
    CompanyImage,
    Credit,
    Film,
    FilmCountry,
    FilmImage,
    FilmLanguage,
    FilmProvenance,
    FilmTitle,
    FilmVideo,
    Person,
    PersonImage,
    Role,
)
from festarchive.core.limits import limit
from festarchive.festival.models import (
    Award,
    Edition,
    Festival,
    Juror,
    Jury,
    PremiereStatus,
    Prize,
    PrizeName,
    Section,
    Selection,
)
from festarchive.media.videos import VideoLinkError, parse_video_url


class Refused(ValueError):
    """A record that cannot be written, with the reason a person can act on."""


# A text field without a length of its own (a synopsis) still has one here:
# longer than this is not a synopsis but a file pasted into a cell.
TEXT_LIMIT = 100_000
SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
# A stored file's path: the length of Django's FileField (its default).
PATH_LIMIT = 100

Known = Callable[[str, str], None]


def short(value) -> str:
    """A value as a refusal quotes it: a long one is cut short."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "…"


class Key:
    """One key of a record."""

    name: str

    def check(self, record: dict, known: Known) -> None:
        raise NotImplementedError


def _bounds(model_field) -> tuple[int | None, int | None]:
    """An integer field's range: its validators', else its column's."""
    low, high = connection.ops.integer_field_range(model_field.get_internal_type())
    for validator in model_field.validators:
        if isinstance(validator, MinValueValidator):
            low = validator.limit_value
        elif isinstance(validator, MaxValueValidator):
            high = validator.limit_value
    return low, high


@dataclass
class Value(Key):
    """A key holding one value of a model field: text, a whole number, a flag
    or a date, checked as the field checks it."""

    model: type[models.Model]
    name: str
    required: bool = False
    # What a value outside the field's choices is called in a refusal.
    noun: str = ""
    # The field's own bounds, where they change with the day (a film's year).
    low: int | None = None
    high: int | Callable[[], int] | None = None
    _field: models.Field = field(init=False, repr=False)

    def __post_init__(self):
        self._field = self.model._meta.get_field(self.name)
        f = self._field
        if isinstance(f, models.BooleanField):
            self._check = self._flag
        elif isinstance(f, models.IntegerField):
            low, high = _bounds(f)
            self._low = self.low if self.low is not None else low
            self._high = high
            self._check = self._whole
        elif isinstance(f, models.DateField):
            self._check = self._date
        else:
            self._max_length = f.max_length or TEXT_LIMIT
            self._choices = (
                {str(code) for code, _label in f.flatchoices} if f.choices else None
            )
            # The length is checked above, NULs for every text at once
            # (catalogue_import.check_characters): the field's own rules stay.
            self._validators = [
                v
                for v in f.validators
                if not isinstance(
                    v, (MaxLengthValidator, ProhibitNullCharactersValidator)
                )
            ]
            self._passed: set[str] = set()
            self._check = self._text

    def check(self, record, known):
        self._check(record.get(self.name))

    def _text(self, value):
        key = self.name
        if value is None or value == "":
            if self.required:
                raise Refused(f"{key} is missing")
            return
        if not isinstance(value, str):
            raise Refused(f"{key} must be text")
        if self.required and not value.strip():
            raise Refused(f"{key} is missing")
        if len(value) > self._max_length:
            raise Refused(f"{key} is longer than {self._max_length} characters")
        if self._choices is not None:
            if value not in self._choices:
                raise Refused(f"{self.noun or key} {short(value)} is unknown")
            return
        if self._validators:
            self._validate(value)

    def _whole(self, value):
        key = self.name
        if value is None:
            if self.required:
                raise Refused(f"{key} is missing")
            return
        if isinstance(value, bool) or not isinstance(value, int):
            raise Refused(f"{key} must be a whole number")
        low, high = self._low, self.high if self.high is not None else self._high
        if callable(high):
            high = high()
        if (low is not None and value < low) or (high is not None and value > high):
            raise Refused(f"{key} {value} is outside {low}–{high}")

    def _flag(self, value):
        if value is not None and not isinstance(value, bool):
            raise Refused(f"{self.name} must be true or false")

    def _date(self, value):
        if value is None:
            if self.required:
                raise Refused(f"{self.name} is missing")
            return
        as_date(value, self.name)

    def _validate(self, value):
        """The field's own validators (an IMDb id's pattern, a language code);
        a short value that passed is not asked again (a film's languages are
        a few dozen codes over the whole file)."""
        if value in self._passed:
            return
        for validator in self._validators:
            try:
                validator(value)
            except ValidationError as error:
                raise Refused(
                    f"{self.name} {short(value)}: {error.messages[0]}"
                ) from None


def as_date(value, key: str = "date") -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError) as error:
        raise Refused(f"{key} {short(value)} is not YYYY-MM-DD") from error


@dataclass
class Reference(Key):
    """A key holding the slug of another record."""

    name: str
    kind: str
    required: bool = True

    def check(self, record, known):
        value = record.get(self.name)
        if not value and not self.required:
            return
        known(self.kind, slug_of(record, self.name))


def slug_of(record: dict, key: str = "slug", *, max_length: int | None = None) -> str:
    value = record.get(key)
    if not isinstance(value, str) or not SLUG.match(value):
        raise Refused(f"{key} {short(value)} is not a slug")
    if max_length and len(value) > max_length:
        raise Refused(f"{key} is longer than {max_length} characters")
    return value


@dataclass
class StoredPath(Key):
    """A file's path in the media storage, as the export writes it (the files
    travel separately from the export: see docs/export-format.md)."""

    name: str
    required: bool = False

    def check(self, record, known):
        value = record.get(self.name) or ""
        if not isinstance(value, str):
            raise Refused(f"{self.name} must be a file path")
        parts = value.split("/")
        if (
            len(value) > PATH_LIMIT
            or value.startswith("/")
            or "\\" in value
            or any(part in ("", ".", "..") for part in parts if value)
        ):
            raise Refused(f"{self.name} {value!r} is not a path in the media storage")
        if self.required and not value:
            raise Refused(f"{self.name} is missing")


def list_under(record: dict, key: str, kind: type) -> list:
    """A list of ``kind`` (dict: objects; str: text) under ``key``, or refused."""
    value = record.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, kind) for v in value):
        raise Refused(
            f"{key} must be a list of {'objects' if kind is dict else 'text values'}"
        )
    return value


@dataclass
class Codes(Key):
    """A list of codes, each a value of a model field (a film's countries)."""

    name: str
    item: Value
    unique_as: str = ""

    def check(self, record, known):
        codes = list_under(record, self.name, str)
        check = self.item._check
        for code in codes:
            check(code)
        if self.unique_as and len(set(codes)) != len(codes):
            raise Refused(f"a {self.unique_as} is listed twice")


@dataclass
class Names(Key):
    """A list of names (a person's other spellings)."""

    name: str

    def check(self, record, known):
        value = record.get(self.name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise Refused(f"{self.name} must be a list of names")


@dataclass
class Many(Key):
    """A list of nested records (a film's credits), each checked as declared."""

    name: str
    of: "Record"

    def check(self, record, known):
        items = list_under(record, self.name, dict)
        for item in items:
            self.of.check(item, known)
        for rule in self.of.list_rules:
            rule(items)


@dataclass
class Record:
    """The keys of one kind of record, and the rules across its keys."""

    keys: list[Key]
    model: type[models.Model] | None = None
    # Rules over the whole record, and over a list of records of this kind.
    rules: list[Callable[[dict], None]] = field(default_factory=list)
    list_rules: list[Callable[[list[dict]], None]] = field(default_factory=list)

    def __post_init__(self):
        # The one-value keys are checked first, without a call of their own:
        # a 100,000-film file has millions of them.
        self._values = [(k.name, k._check) for k in self.keys if isinstance(k, Value)]
        self._others = [k for k in self.keys if not isinstance(k, Value)]

    def check(self, record: dict, known: Known) -> None:
        get = record.get
        for name, check in self._values:
            check(get(name))
        for key in self._others:
            key.check(record, known)
        for rule in self.rules:
            rule(record)

    @property
    def slug_length(self) -> int:
        return self.model._meta.get_field("slug").max_length


def _order(model) -> Value:
    return Value(model, "order")


def _picture_keys(model) -> list[Key]:
    def most():
        return limit("upload_max_side")

    return [
        StoredPath("file", required=True),
        Value(model, "alt_en"),
        Value(model, "alt_nl"),
        Value(model, "caption"),
        Value(model, "copyright"),
        _order(model),
        Value(model, "width", low=1, high=most),
        Value(model, "height", low=1, high=most),
    ]


def _one_key_image(images: list[dict]) -> None:
    if sum(1 for p in images if p.get("is_key")) > 1:
        raise Refused("more than one image is marked as the key image")


def _url_or_file(video: dict) -> None:
    url, stored = video.get("url") or "", video.get("file") or ""
    if bool(url) == bool(stored):
        raise Refused("a video needs a url or a file, not both")
    if url:
        try:
            parse_video_url(url)
        except VideoLinkError as error:
            raise Refused(f"video {url!r}: {error}") from None


def _source_rule(source: dict) -> None:
    url, path = source.get("source_url") or "", source.get("source_file") or ""
    if not (url or path):
        raise Refused("a source needs a source_url or a source_file")
    if url and not url.startswith(("https://", "http://")):
        raise Refused(f"source_url {short(url)} is not a web address")
    if as_date(source.get("imported_on"), "imported_on") is None:
        raise Refused("a source needs its imported_on date")


def _sources_once(sources: list[dict]) -> None:
    seen = set()
    for source in sources:
        key = (source.get("source_url"), source.get("source_file"), source["importer"])
        if key in seen:
            raise Refused(f"source {short(key[0] or key[1])} appears twice")
        seen.add(key)


def _person_or_company(credit: dict) -> None:
    if not credit.get("person") and not credit.get("company"):
        raise Refused("a credit needs a person or a company")


def _credits_once(credits: list[dict]) -> None:
    seen = set()
    for credit in credits:
        key = (credit["role"], credit.get("person"), credit.get("company"))
        if key in seen:
            raise Refused(f"credit {key} appears twice")
        seen.add(key)


def _edition_in_order(edition: dict) -> None:
    starts = as_date(edition.get("starts_on"), "starts_on")
    ends = as_date(edition.get("ends_on"), "ends_on")
    if starts and ends and ends < starts:
        raise Refused("the edition ends before it starts")


def _next_year() -> int:
    return datetime.date.today().year + 1


COUNTRY = Value(FilmCountry, "country", noun="country", required=True)
LANGUAGE = Value(FilmLanguage, "language", required=True)

TITLE = Record(
    [
        Value(FilmTitle, "title", required=True),
        Value(FilmTitle, "kind", noun="title kind", required=True),
        Value(FilmTitle, "language"),
    ]
)
CREDIT = Record(
    [
        _order(Credit),
        Reference("role", "role"),
        Reference("person", "person", required=False),
        Reference("company", "company", required=False),
    ],
    rules=[_person_or_company],
    list_rules=[_credits_once],
)
AWARD = Record(
    [
        Value(Award, "name_en", required=True),
        Value(Award, "name_nl"),
        Value(Award, "outcome", noun="award outcome", required=True),
        Reference("prize", "prize", required=False),
        Value(Award, "statement_en"),
        Value(Award, "statement_nl"),
    ]
)


def _former_years_in_order(former: dict) -> None:
    first, last = former.get("from_year"), former.get("until_year")
    if first is not None and last is not None and last < first:
        raise Refused(
            f"former name {short(former.get('name_en'))} ends before it begins"
        )


def _former_names_once(names: list[dict]) -> None:
    seen = set()
    for former in names:
        if former["name_en"] in seen:
            raise Refused(f"former name {short(former['name_en'])} appears twice")
        seen.add(former["name_en"])


def _jurors_once(jurors: list[dict]) -> None:
    seen = set()
    for juror in jurors:
        if juror["person"] in seen:
            raise Refused(f"juror {juror['person']!r} appears twice")
        seen.add(juror["person"])


FORMER_NAME = Record(
    [
        Value(PrizeName, "name_en", required=True),
        Value(PrizeName, "name_nl"),
        Value(PrizeName, "from_year", low=1800, high=2200),
        Value(PrizeName, "until_year", low=1800, high=2200),
    ],
    rules=[_former_years_in_order],
    list_rules=[_former_names_once],
)
JUROR = Record(
    [
        Reference("person", "person"),
        Value(Juror, "role", noun="juror role"),
        _order(Juror),
    ],
    list_rules=[_jurors_once],
)
SELECTION = Record(
    [
        Reference("edition", "edition"),
        Reference("section", "section", required=False),
        Reference("premiere", "premiere_status", required=False),
        Many("awards", AWARD),
    ],
    model=Selection,
)
FILM_IMAGE = Record(
    [
        *_picture_keys(FilmImage),
        Value(FilmImage, "kind", noun="image kind"),
        Value(FilmImage, "is_key"),
    ],
    list_rules=[_one_key_image],
)
VIDEO = Record(
    [
        Value(FilmVideo, "url"),
        StoredPath("file"),
        StoredPath("poster"),
        Value(FilmVideo, "kind", noun="video kind"),
        Value(FilmVideo, "title"),
        _order(FilmVideo),
    ],
    rules=[_url_or_file],
)
SOURCE = Record(
    [
        Value(FilmProvenance, "source_url"),
        Value(FilmProvenance, "source_file"),
        Value(FilmProvenance, "importer", required=True),
    ],
    rules=[_source_rule],
    list_rules=[_sources_once],
)

# A film's own fields, in the order of the export.
FILM_VALUES = [
    Value(Film, "title_en", required=True),
    Value(Film, "title_nl"),
    Value(Film, "title_original"),
    Value(Film, "title_original_latin"),
    Value(Film, "title_original_language"),
    Value(Film, "year", high=_next_year),
    Value(Film, "runtime_minutes"),
    Value(Film, "synopsis_en"),
    Value(Film, "synopsis_nl"),
    Value(Film, "imdb_id"),
    Value(Film, "wikidata_id"),
    Value(Film, "eidr_id"),
    Value(Film, "is_published"),
    Value(Film, "is_generated"),
]
FILM_FIELDS = tuple(key.name for key in FILM_VALUES)

_NAMES = [Value(Role, "name_en", required=True), Value(Role, "name_nl"), _order(Role)]

RECORDS: dict[str, Record] = {
    "role": Record(_NAMES, model=Role),
    "premiere_status": Record(
        [
            Value(PremiereStatus, "name_en", required=True),
            Value(PremiereStatus, "name_nl"),
            _order(PremiereStatus),
        ],
        model=PremiereStatus,
    ),
    "festival": Record(
        [
            Value(Festival, "name", required=True),
            Value(Festival, "short_name", required=True),
            Value(Festival, "country", noun="country"),
            Value(Festival, "city"),
            Value(Festival, "website"),
        ],
        model=Festival,
    ),
    "edition": Record(
        [
            Reference("festival", "festival"),
            Value(Edition, "year", required=True, low=1800, high=2200),
            Value(Edition, "number"),
            Value(Edition, "starts_on"),
            Value(Edition, "ends_on"),
        ],
        model=Edition,
        rules=[_edition_in_order],
    ),
    "section": Record(
        [
            Reference("festival", "festival"),
            Value(Section, "name_en", required=True),
            Value(Section, "name_nl"),
            Value(Section, "description_en"),
            Value(Section, "description_nl"),
            _order(Section),
        ],
        model=Section,
    ),
    "prize": Record(
        [
            Reference("festival", "festival"),
            Value(Prize, "name_en", required=True),
            Value(Prize, "name_nl"),
            Value(Prize, "description_en"),
            Value(Prize, "description_nl"),
            _order(Prize),
            Many("former_names", FORMER_NAME),
        ],
        model=Prize,
    ),
    "jury": Record(
        [
            Reference("edition", "edition"),
            Reference("section", "section", required=False),
            Value(Jury, "name_en", required=True),
            Value(Jury, "name_nl"),
            _order(Jury),
            Many("jurors", JUROR),
        ],
        model=Jury,
    ),
    "person": Record(
        [
            Value(Person, "name", required=True),
            Value(Person, "sort_name"),
            Names("name_variants"),
            Many("images", Record(_picture_keys(PersonImage))),
        ],
        model=Person,
    ),
    "company": Record(
        [
            Value(Company, "name", required=True),
            Names("name_variants"),
            Value(Company, "kind", noun="company kind"),
            Value(Company, "country", noun="country"),
            Many("images", Record(_picture_keys(CompanyImage))),
        ],
        model=Company,
    ),
    "film": Record(
        [
            *FILM_VALUES,
            Codes("countries", COUNTRY, unique_as="country"),
            Codes("languages", LANGUAGE),
            Many("titles", TITLE),
            Many("images", FILM_IMAGE),
            Many("videos", VIDEO),
            Many("provenance", SOURCE),
            Many("credits", CREDIT),
            Many("selections", SELECTION),
        ],
        model=Film,
    ),
}
