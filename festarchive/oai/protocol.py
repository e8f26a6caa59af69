"""OAI-PMH 2.0: arguments, verbs, errors and the response document.

The protocol: http://www.openarchives.org/OAI/openarchivesprotocol.html
``respond`` takes the request's arguments (each name with every value it was
given, so repeats can be refused) and returns the whole response as bytes.
Errors are part of the document, never HTTP errors, as the protocol says.
"""

import dataclasses
import re
import xml.etree.ElementTree as ET  # noqa: S405 - builds XML, never parses it
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from django.utils import translation

from . import queries, tokens
from .datestamps import (
    GRANULARITY,
    DateBound,
    InvalidDatestamp,
    format_datetime,
    format_ms,
    now,
    parse_bound,
)
from .formats import FORMATS, MetadataFormat
from .links import Links
from .repository import Repository
from .xmltree import (
    DC,
    OAI,
    OAI_DC,
    OAI_DC_SCHEMA,
    OAI_IDENTIFIER,
    OAI_IDENTIFIER_SCHEMA,
    OAI_SCHEMA,
    clean,
    element,
    root,
    serialise,
    sub,
)

PROTOCOL_VERSION = "2.0"
DELETED_RECORD = "no"  # see docs/oai-pmh.md, "Deleted records"

BAD_ARGUMENT = "badArgument"
BAD_RESUMPTION_TOKEN = "badResumptionToken"  # noqa: S105 - an error code
BAD_VERB = "badVerb"
CANNOT_DISSEMINATE_FORMAT = "cannotDisseminateFormat"
ID_DOES_NOT_EXIST = "idDoesNotExist"
NO_RECORDS_MATCH = "noRecordsMatch"

RESUMPTION_TOKEN = "resumptionToken"  # noqa: S105 - an argument name


class ProtocolError(Exception):
    """An OAI-PMH error condition, answered with an ``<error>`` element."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class VerbArguments:
    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    exclusive: str | None = None

    @property
    def allowed(self) -> frozenset[str]:
        extra = {self.exclusive} if self.exclusive else set()
        return self.required | self.optional | extra


_LIST_ARGUMENTS = VerbArguments(
    required=frozenset({"metadataPrefix"}),
    optional=frozenset({"from", "until", "set"}),
    exclusive=RESUMPTION_TOKEN,
)
VERBS = {
    "Identify": VerbArguments(),
    "ListMetadataFormats": VerbArguments(optional=frozenset({"identifier"})),
    "ListSets": VerbArguments(exclusive=RESUMPTION_TOKEN),
    "ListIdentifiers": _LIST_ARGUMENTS,
    "ListRecords": _LIST_ARGUMENTS,
    "GetRecord": VerbArguments(required=frozenset({"identifier", "metadataPrefix"})),
}


# What the protocol's schema allows in these arguments.
_SPEC_PART = r"[A-Za-z0-9\-_.!~*'()]+"
SYNTAX = {
    "metadataPrefix": re.compile(_SPEC_PART),
    "set": re.compile(rf"{_SPEC_PART}(:{_SPEC_PART})*"),
}


@dataclass
class Context:
    repository: Repository
    links: Links = field(init=False)

    def __post_init__(self):
        self.links = Links(self.repository)


def read_arguments(params: Mapping[str, Sequence[str]]) -> tuple[str, dict[str, str]]:
    """The verb and its arguments, or ``badVerb``/``badArgument``."""
    verbs = params.get("verb") or []
    if len(verbs) != 1 or verbs[0] not in VERBS:
        if len(verbs) > 1:
            message = "The verb argument is repeated."
        elif verbs:
            message = f"'{verbs[0]}' is not an OAI-PMH verb."
        else:
            message = "The verb argument is missing."
        raise ProtocolError(BAD_VERB, message)
    verb = verbs[0]
    spec = VERBS[verb]
    arguments = {}
    for name, values in params.items():
        if name == "verb":
            continue
        if name not in spec.allowed:
            raise ProtocolError(BAD_ARGUMENT, f"{verb} has no argument '{name}'.")
        if len(values) != 1:
            raise ProtocolError(BAD_ARGUMENT, f"The argument '{name}' is repeated.")
        if not values[0]:
            raise ProtocolError(BAD_ARGUMENT, f"The argument '{name}' is empty.")
        if name in SYNTAX and not SYNTAX[name].fullmatch(values[0]):
            raise ProtocolError(
                BAD_ARGUMENT, f"'{values[0]}' is not a possible {name}."
            )
        arguments[name] = values[0]
    if spec.exclusive and spec.exclusive in arguments:
        if len(arguments) > 1:
            raise ProtocolError(
                BAD_ARGUMENT,
                f"{spec.exclusive} is an exclusive argument: give it alone.",
            )
    else:
        missing = sorted(spec.required - arguments.keys())
        if missing:
            raise ProtocolError(
                BAD_ARGUMENT, f"{verb} needs the argument '{missing[0]}'."
            )
    return verb, arguments


def respond(params: Mapping[str, Sequence[str]], repository: Repository) -> bytes:
    """The response document to a request with these arguments."""
    with translation.override("en"):
        document = root(OAI, "OAI-PMH", schema=OAI_SCHEMA)
        sub(document, OAI, "responseDate", format_datetime(now()))
        request = sub(document, OAI, "request", repository.base_url)
        verb, arguments = None, {}
        try:
            verb, arguments = read_arguments(params)
            document.append(HANDLERS[verb](arguments, Context(repository)))
        except ProtocolError as error:
            sub(document, OAI, "error", error.message, code=error.code)
            if error.code in (BAD_VERB, BAD_ARGUMENT):
                # The protocol wants the bare base URL in these two cases.
                verb = None
        if verb:
            for name, value in {"verb": verb, **arguments}.items():
                request.set(name, clean(value))
        return serialise(document)


# --- Identify, ListMetadataFormats, ListSets --------------------------------


def identify(arguments: dict, context: Context) -> ET.Element:
    repository = context.repository
    body = element(OAI, "Identify")
    earliest = queries.earliest_datestamp_ms()
    for tag, text in (
        ("repositoryName", repository.name),
        ("baseURL", repository.base_url),
        ("protocolVersion", PROTOCOL_VERSION),
        ("adminEmail", repository.admin_email),
        (
            "earliestDatestamp",
            format_ms(earliest) if earliest is not None else format_datetime(now()),
        ),
        ("deletedRecord", DELETED_RECORD),
        ("granularity", GRANULARITY),
    ):
        sub(body, OAI, tag, text)
    if repository.follows_identifier_scheme:
        description = sub(body, OAI, "description")
        scheme = root(OAI_IDENTIFIER, "oai-identifier", schema=OAI_IDENTIFIER_SCHEMA)
        description.append(scheme)
        for tag, text in (
            ("scheme", "oai"),
            ("repositoryIdentifier", repository.repository_id),
            ("delimiter", ":"),
            (
                "sampleIdentifier",
                repository.film_identifier(queries.sample_slug() or "example"),
            ),
        ):
            sub(scheme, OAI_IDENTIFIER, tag, text)
    return body


def list_metadata_formats(arguments: dict, context: Context) -> ET.Element:
    if "identifier" in arguments:
        _listed_film(arguments["identifier"], context)  # every film has each format
    body = element(OAI, "ListMetadataFormats")
    for fmt in FORMATS.values():
        entry = sub(body, OAI, "metadataFormat")
        sub(entry, OAI, "metadataPrefix", fmt.prefix)
        sub(entry, OAI, "schema", fmt.schema(context.links))
        sub(entry, OAI, "metadataNamespace", fmt.namespace)
    return body


def list_sets(arguments: dict, context: Context) -> ET.Element:
    if RESUMPTION_TOKEN in arguments:
        raise ProtocolError(
            BAD_RESUMPTION_TOKEN,
            "ListSets answers in one response: there is nothing to resume.",
        )
    body = element(OAI, "ListSets")
    for oai_set in queries.oai_sets():
        entry = sub(body, OAI, "set")
        sub(entry, OAI, "setSpec", oai_set.spec)
        sub(entry, OAI, "setName", oai_set.name)
        if oai_set.descriptions:
            dc = root(OAI_DC, "dc", schema=OAI_DC_SCHEMA)
            for language, text in oai_set.descriptions.items():
                sub(dc, DC, "description", text, lang=language)
            sub(entry, OAI, "setDescription").append(dc)
    return body


# --- GetRecord, ListIdentifiers, ListRecords --------------------------------


def _format(prefix: str) -> MetadataFormat:
    fmt = FORMATS.get(prefix)
    if fmt is None:
        raise ProtocolError(
            CANNOT_DISSEMINATE_FORMAT,
            f"'{prefix}' is not a metadata format of this repository"
            f" ({', '.join(FORMATS)}).",
        )
    return fmt


def _listed_film(identifier: str, context: Context) -> queries.ListedFilm:
    slug = context.repository.film_slug(identifier)
    listed = queries.film_listed(slug=slug) if slug else None
    if listed is None:
        raise ProtocolError(
            ID_DOES_NOT_EXIST, f"'{identifier}' is not an identifier in this archive."
        )
    return listed


def _header(
    parent: ET.Element,
    listed: queries.ListedFilm,
    specs: list[str],
    context: Context,
) -> None:
    header = sub(parent, OAI, "header")
    sub(header, OAI, "identifier", context.repository.film_identifier(listed.slug))
    sub(header, OAI, "datestamp", format_ms(listed.datestamp_ms))
    for spec in specs:
        sub(header, OAI, "setSpec", spec)


def _records(
    parent: ET.Element,
    page: list[queries.ListedFilm],
    fmt: MetadataFormat | None,
    context: Context,
) -> None:
    """Headers (``fmt`` None) or whole records of the films in ``page``."""
    ids = [listed.id for listed in page]
    specs = queries.set_specs(ids)
    films = queries.films_for_records(ids) if fmt else {}
    for listed in page:
        if fmt is None:
            _header(parent, listed, specs.get(listed.id, []), context)
            continue
        film = films.get(listed.id)
        if film is None:  # deleted since the page was read
            continue
        record = sub(parent, OAI, "record")
        _header(record, listed, specs.get(listed.id, []), context)
        sub(record, OAI, "metadata").append(fmt.build(film, context.links))


def get_record(arguments: dict, context: Context) -> ET.Element:
    fmt = _format(arguments["metadataPrefix"])
    listed = _listed_film(arguments["identifier"], context)
    body = element(OAI, "GetRecord")
    _records(body, [listed], fmt, context)
    return body


def _bounds(arguments: dict) -> tuple[int | None, int | None]:
    """``from`` and ``until`` as the first and last millisecond they cover."""
    bounds: dict[str, DateBound] = {}
    for name in ("from", "until"):
        if name in arguments:
            try:
                bounds[name] = parse_bound(arguments[name])
            except InvalidDatestamp:
                raise ProtocolError(
                    BAD_ARGUMENT,
                    f"'{arguments[name]}' is not a date in the form YYYY-MM-DD"
                    " or YYYY-MM-DDThh:mm:ssZ.",
                ) from None
    start, end = bounds.get("from"), bounds.get("until")
    if start and end:
        if start.granularity != end.granularity:
            raise ProtocolError(
                BAD_ARGUMENT, "from and until must have the same granularity."
            )
        if start.first_ms > end.last_ms:
            raise ProtocolError(BAD_ARGUMENT, "from is later than until.")
    return (start.first_ms if start else None, end.last_ms if end else None)


def _films(set_spec: str | None, from_ms: int | None, until_ms: int | None):
    films = queries.films_changed_between(
        queries.harvestable_films(), from_ms=from_ms, until_ms=until_ms
    )
    if set_spec:
        films = queries.films_in_set(films, set_spec)
        if films is None:
            raise ProtocolError(
                NO_RECORDS_MATCH, f"'{set_spec}' is not a set of this repository."
            )
    return films


def _no_records() -> ProtocolError:
    return ProtocolError(NO_RECORDS_MATCH, "No film matches these arguments.")


def _resumed(token: str, verb: str, context: Context) -> tokens.ListState:
    try:
        state = tokens.read(token, max_age=context.repository.token_lifetime)
    except tokens.InvalidToken:
        state = None
    if state is None or state.verb != verb or state.metadata_prefix not in FORMATS:
        raise ProtocolError(
            BAD_RESUMPTION_TOKEN,
            "The resumption token is not valid or has expired: start the list again.",
        )
    return state


def _list(verb: str, arguments: dict, context: Context, *, records: bool):
    repository = context.repository
    size = repository.records_per_page if records else repository.identifiers_per_page
    if RESUMPTION_TOKEN in arguments:
        state = _resumed(arguments[RESUMPTION_TOKEN], verb, context)
        fmt = FORMATS[state.metadata_prefix]
        films = _films(state.set_spec, state.from_ms, state.until_ms)
        after = (state.after_ms, state.after_id)
        cursor, total = state.cursor, state.total
    else:
        from_ms, until_ms = _bounds(arguments)
        fmt = _format(arguments["metadataPrefix"])
        films = _films(arguments.get("set"), from_ms, until_ms)
        total = films.count()
        if not total:
            raise _no_records()
        state = tokens.ListState(
            verb=verb,
            metadata_prefix=fmt.prefix,
            set_spec=arguments.get("set"),
            from_ms=from_ms,
            until_ms=until_ms,
            after_ms=0,
            after_id=0,
            cursor=0,
            total=total,
        )
        after, cursor = None, 0
    page, more = queries.film_page(films, after=after, size=size)
    if not page:
        raise _no_records()
    body = element(OAI, verb)
    _records(body, page, fmt if records else None, context)
    sent = cursor + len(page)
    if more:
        expires = now() + repository.token_lifetime
        next_state = dataclasses.replace(
            state, after_ms=page[-1].datestamp_ms, after_id=page[-1].id, cursor=sent
        )
        sub(
            body,
            OAI,
            "resumptionToken",
            tokens.issue(next_state),
            expirationDate=format_datetime(expires),
            completeListSize=max(total, sent + 1),
            cursor=cursor,
        )
    elif RESUMPTION_TOKEN in arguments:
        # The last part of a list ends with an empty token.
        sub(
            body,
            OAI,
            "resumptionToken",
            completeListSize=max(total, sent),
            cursor=cursor,
        )
    return body


def list_identifiers(arguments: dict, context: Context) -> ET.Element:
    return _list("ListIdentifiers", arguments, context, records=False)


def list_records(arguments: dict, context: Context) -> ET.Element:
    return _list("ListRecords", arguments, context, records=True)


HANDLERS: dict[str, Callable[[dict, Context], ET.Element]] = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
    "GetRecord": get_record,
}
