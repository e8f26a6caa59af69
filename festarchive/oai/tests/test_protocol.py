"""The protocol through the endpoint: verbs, arguments, errors, paging, dates."""

import dataclasses
import datetime as dt
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext

from festarchive.catalogue.models import Film
from festarchive.catalogue.services import film_title_add
from festarchive.demo.generator import generate_catalogue
from festarchive.demo.loader import REFERENCE_FILM_SLUG
from festarchive.oai import tokens
from festarchive.oai.protocol import VERBS
from festarchive.search.models import SearchDocument
from festarchive.testing.hostile import ODD_NUMBERS

from .support import ADMIN_EMAIL, NS, error_code, valid_document

pytestmark = pytest.mark.django_db

REFERENCE_ID = f"oai:testserver:film/{REFERENCE_FILM_SLUG}"


def identifiers(document) -> list[str]:
    return [e.text for e in document.iterfind(".//oai:header/oai:identifier", NS)]


def token_of(document):
    return document.find(".//oai:resumptionToken", NS)


def harvest(oai, verb: str, **arguments) -> tuple[list[str], list]:
    """Follow the resumption tokens to the end: identifiers and the tokens seen."""
    document = oai(verb=verb, **arguments)
    found, seen = identifiers(document), []
    while (token := token_of(document)) is not None:
        seen.append(token)
        if not token.text:
            break
        document = oai(verb=verb, resumptionToken=token.text)
        found += identifiers(document)
    return found, seen


# --- Identify, ListMetadataFormats, ListSets ---------------------------------


def test_identify_describes_the_repository(oai, reference_film):
    document = oai(verb="Identify")
    identify = document.find("oai:Identify", NS)
    assert identify.findtext("oai:repositoryName", namespaces=NS) == "Festival Archive"
    assert identify.findtext("oai:baseURL", namespaces=NS) == "http://testserver/oai"
    assert identify.findtext("oai:protocolVersion", namespaces=NS) == "2.0"
    assert identify.findtext("oai:adminEmail", namespaces=NS) == ADMIN_EMAIL
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "no"
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    request = document.find("oai:request", NS)
    assert request.attrib == {"verb": "Identify"}
    assert request.text == "http://testserver/oai"


def test_earliest_datestamp_is_the_oldest_film_datestamp(oai, reference_film):
    generate_catalogue(films=5, seed=3)  # not indexed: updated_at counts
    listed, _ = harvest(oai, "ListIdentifiers", metadataPrefix="oai_dc")
    document = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    stamps = [e.text for e in document.iterfind(".//oai:datestamp", NS)]
    assert len(listed) == 6
    earliest = oai(verb="Identify").findtext(".//oai:earliestDatestamp", namespaces=NS)
    assert earliest == min(stamps)


def test_identify_describes_the_identifier_scheme_for_a_domain_name(
    oai, oai_settings, reference_film
):
    oai_settings.FESTARCHIVE_OAI = {
        "ADMIN_EMAIL": ADMIN_EMAIL,
        "REPOSITORY_ID": "archive.festival.example",
    }
    document = oai(verb="Identify")
    scheme = document.find(".//oai:description/id:oai-identifier", NS)
    assert scheme.findtext("id:repositoryIdentifier", namespaces=NS) == (
        "archive.festival.example"
    )
    assert scheme.findtext("id:sampleIdentifier", namespaces=NS) == (
        f"oai:archive.festival.example:film/{REFERENCE_FILM_SLUG}"
    )
    record = oai(
        verb="GetRecord",
        metadataPrefix="oai_dc",
        identifier=f"oai:archive.festival.example:film/{REFERENCE_FILM_SLUG}",
    )
    assert error_code(record) is None


def test_identify_leaves_the_scheme_out_for_a_host_that_is_no_domain_name(
    oai, reference_film
):
    assert oai(verb="Identify").find(".//oai:description", NS) is None


def test_admin_email_falls_back_to_the_default_sender(client, oai_settings, db):
    oai_settings.FESTARCHIVE_OAI = {}
    oai_settings.DEFAULT_FROM_EMAIL = "info@festival.example"
    document = valid_document(client.get("/oai", {"verb": "Identify"}).content)
    assert document.findtext(".//oai:adminEmail", namespaces=NS) == (
        "info@festival.example"
    )


def test_list_metadata_formats_offers_dublin_core_and_the_film_format(
    oai, reference_film
):
    for arguments in ({}, {"identifier": REFERENCE_ID}):
        document = oai(verb="ListMetadataFormats", **arguments)
        formats = {
            f.findtext("oai:metadataPrefix", namespaces=NS): (
                f.findtext("oai:metadataNamespace", namespaces=NS),
                f.findtext("oai:schema", namespaces=NS),
            )
            for f in document.iterfind(".//oai:metadataFormat", NS)
        }
        assert formats == {
            "oai_dc": (
                "http://www.openarchives.org/OAI/2.0/oai_dc/",
                "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
            ),
            "fa_film": (
                "urn:festarchive:fa_film:1.0",
                "http://testserver/static/festarchive/oai/fa_film-1.0.xsd",
            ),
        }


def test_the_film_format_schema_is_a_static_file():
    from django.contrib.staticfiles import finders

    assert finders.find("festarchive/oai/fa_film-1.0.xsd")


def test_list_sets_has_festivals_editions_and_sections_under_their_parents(
    oai, reference_film
):
    document = oai(verb="ListSets")
    sets = {
        s.findtext("oai:setSpec", namespaces=NS): s.findtext(
            "oai:setName", namespaces=NS
        )
        for s in document.iterfind(".//oai:set", NS)
    }
    assert {"festival", "edition", "section"} <= sets.keys()
    assert sets["festival:idfa"] == "International Documentary Film Festival Amsterdam"
    assert sets["edition:idfa-2023"] == "IDFA 2023"
    assert sets["section:best-of-fests"] == "Best of Fests (IDFA)"
    assert all(spec.partition(":")[0] in sets for spec in sets), (
        "every set's parent is a set"
    )


def test_set_description_carries_the_section_description(oai, reference_film):
    from festarchive.festival.models import Section

    Section.objects.filter(slug="best-of-fests").update(
        description_en="Festival favourites.", description_nl="Festivalfavorieten."
    )
    document = oai(verb="ListSets")
    best = next(
        s
        for s in document.iterfind(".//oai:set", NS)
        if s.findtext("oai:setSpec", namespaces=NS) == "section:best-of-fests"
    )
    descriptions = {
        d.get("{http://www.w3.org/XML/1998/namespace}lang"): d.text
        for d in best.iterfind("oai:setDescription/oai_dc:dc/dc:description", NS)
    }
    assert descriptions == {"en": "Festival favourites.", "nl": "Festivalfavorieten."}


# --- Harvesting: lists, sets, tokens, dates -------------------------------------


def test_list_identifiers_gives_only_published_films(oai, reference_film):
    generate_catalogue(films=20, seed=5)
    hidden = list(Film.objects.exclude(pk=reference_film.pk)[:3])
    for film in hidden:
        film.is_published = False
        film.save()
    listed, _ = harvest(oai, "ListIdentifiers", metadataPrefix="fa_film")
    expected = {
        f"oai:testserver:film/{slug}"
        for slug in Film.objects.published().values_list("slug", flat=True)
    }
    assert len(listed) == len(set(listed)) == 18
    assert set(listed) == expected
    for film in hidden:
        gone = oai(
            verb="GetRecord",
            metadataPrefix="oai_dc",
            identifier=f"oai:testserver:film/{film.slug}",
        )
        assert error_code(gone) == "idDoesNotExist"


def test_lists_page_with_resumption_tokens_in_datestamp_order(
    oai, oai_settings, reference_film
):
    oai_settings.FESTARCHIVE_OAI = {
        "ADMIN_EMAIL": ADMIN_EMAIL,
        "RECORDS_PER_PAGE": 7,
        "IDENTIFIERS_PER_PAGE": 9,
    }
    generate_catalogue(films=24, seed=11)
    for verb, size in (("ListRecords", 7), ("ListIdentifiers", 9)):
        listed, seen = harvest(oai, verb, metadataPrefix="oai_dc")
        assert len(listed) == len(set(listed)) == 25
        assert [t.get("cursor") for t in seen] == [str(n) for n in range(0, 25, size)]
        assert {t.get("completeListSize") for t in seen} == {"25"}
        assert seen[-1].text is None  # the last part ends with an empty token
        assert all(t.get("expirationDate") for t in seen[:-1])
    document = oai(verb="ListRecords", metadataPrefix="oai_dc")
    stamps = [e.text for e in document.iterfind(".//oai:datestamp", NS)]
    assert stamps == sorted(stamps)


def test_a_list_that_fits_in_one_response_has_no_token(oai, reference_film):
    document = oai(verb="ListRecords", metadataPrefix="oai_dc")
    assert identifiers(document) == [REFERENCE_ID]
    assert token_of(document) is None


def test_set_narrows_the_list(oai, reference_film):
    generate_catalogue(films=30, seed=2)
    for spec in ("edition:idfa-2023", "section:best-of-fests", "festival:idfa"):
        listed, _ = harvest(oai, "ListIdentifiers", metadataPrefix="oai_dc", set=spec)
        kind, _, slug = spec.partition(":")
        lookup = {
            "edition": "selections__edition__slug",
            "section": "selections__section__slug",
            "festival": "selections__edition__festival__slug",
        }[kind]
        expected = set(
            Film.objects.published()
            .filter(**{lookup: slug})
            .values_list("slug", flat=True)
        )
        assert {i.rsplit("/", 1)[1] for i in listed} == expected
        assert REFERENCE_ID in listed
    document = oai(verb="ListIdentifiers", metadataPrefix="oai_dc")
    header = next(
        h
        for h in document.iterfind(".//oai:header", NS)
        if h.findtext("oai:identifier", namespaces=NS) == REFERENCE_ID
    )
    assert [s.text for s in header.iterfind("oai:setSpec", NS)] == [
        "festival:idfa",
        "edition:idfa-2023",
        "section:best-of-fests",
    ]


def test_parent_sets_hold_every_selected_film(oai, reference_film):
    generate_catalogue(films=10, seed=4)
    everything, _ = harvest(oai, "ListIdentifiers", metadataPrefix="oai_dc")
    for parent in ("festival", "edition"):
        listed, _ = harvest(oai, "ListIdentifiers", metadataPrefix="oai_dc", set=parent)
        assert sorted(listed) == sorted(everything)


def test_datestamp_follows_a_change_to_something_attached(
    oai, reference_film, django_capture_on_commit_callbacks
):
    long_ago = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    Film.objects.filter(pk=reference_film.pk).update(updated_at=long_ago)
    SearchDocument.objects.filter(film_id=reference_film.pk).update(
        version=int(long_ago.timestamp() * 1000)
    )
    before = oai(verb="GetRecord", metadataPrefix="oai_dc", identifier=REFERENCE_ID)
    assert before.findtext(".//oai:datestamp", namespaces=NS) == "2020-01-01T00:00:00Z"

    started = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        film_title_add(film=reference_film, title="My ne zgasnemo!", kind="working")
    after = oai(verb="GetRecord", metadataPrefix="oai_dc", identifier=REFERENCE_ID)
    stamp = after.findtext(".//oai:datestamp", namespaces=NS)
    assert stamp >= started.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_film_without_index_row_is_dated_by_its_last_save(oai, db):
    generate_catalogue(films=1, seed=9)
    film = Film.objects.get()
    document = oai(
        verb="GetRecord",
        metadataPrefix="oai_dc",
        identifier=f"oai:testserver:film/{film.slug}",
    )
    assert document.findtext(".//oai:datestamp", namespaces=NS) == (
        film.updated_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    )


def test_from_and_until_select_by_datestamp_in_both_granularities(oai, reference_film):
    document = oai(verb="GetRecord", metadataPrefix="oai_dc", identifier=REFERENCE_ID)
    stamp = document.findtext(".//oai:datestamp", namespaces=NS)
    moment = dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ")
    second = dt.timedelta(seconds=1)
    day = moment.strftime("%Y-%m-%d")
    as_seconds = lambda m: m.strftime("%Y-%m-%dT%H:%M:%SZ")  # noqa: E731
    next_day = (moment + dt.timedelta(days=1)).strftime("%Y-%m-%d")
    matching = [
        {"from": stamp},
        {"until": stamp},
        {"from": stamp, "until": stamp},
        {"from": day},
        {"until": day},
        {"from": day, "until": day},
        {"from": as_seconds(moment - second), "until": as_seconds(moment + second)},
    ]
    for bounds in matching:
        listed = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", **bounds)
        assert identifiers(listed) == [REFERENCE_ID], bounds
        assert listed.find("oai:request", NS).attrib == {
            "verb": "ListIdentifiers",
            "metadataPrefix": "oai_dc",
            **bounds,
        }
    for bounds in (
        {"from": as_seconds(moment + second)},
        {"until": as_seconds(moment - second)},
        {"from": next_day},
    ):
        listed = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", **bounds)
        assert error_code(listed) == "noRecordsMatch", bounds


def test_post_is_answered_like_get(client, reference_film):
    arguments = {"verb": "GetRecord", "metadataPrefix": "oai_dc"}
    arguments["identifier"] = REFERENCE_ID
    got = valid_document(client.get("/oai", arguments).content)
    posted = valid_document(
        client.post(
            "/oai",
            urlencode(arguments),
            content_type="application/x-www-form-urlencoded",
        ).content
    )
    for document in (got, posted):
        assert identifiers(document) == [REFERENCE_ID]
    assert posted.find("oai:request", NS).attrib == arguments


def test_listing_100_records_costs_no_query_per_film(client, oai_settings, db):
    generate_catalogue(films=110, seed=1)

    def queries_for(size: int) -> int:
        oai_settings.FESTARCHIVE_OAI = {"RECORDS_PER_PAGE": size}
        for prefix in ("oai_dc", "fa_film"):
            with CaptureQueriesContext(connection) as context:
                response = client.get(
                    "/oai", {"verb": "ListRecords", "metadataPrefix": prefix}
                )
            assert len(identifiers(valid_document(response.content))) == size
        return len(context.captured_queries)

    assert queries_for(100) == queries_for(5) <= 12


def test_text_xml_cannot_carry_is_left_out(oai, reference_film):
    reference_film.synopsis_en = "Bell\x07 and form feed\x0c gone."
    reference_film.save()
    document = oai(verb="GetRecord", metadataPrefix="oai_dc", identifier=REFERENCE_ID)
    descriptions = document.iterfind(".//dc:description", NS)
    assert "Bell and form feed gone." in [d.text for d in descriptions]


# --- Errors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "",
        "verb=Nonsense",
        "verb=Identify&verb=Identify",
        "verb=identify",
        "metadataPrefix=oai_dc",
    ],
)
def test_bad_verb(client, db, query):
    document = valid_document(client.get(f"/oai?{query}").content)
    assert error_code(document) == "badVerb"
    assert document.find("oai:request", NS).attrib == {}


@pytest.mark.parametrize(
    "query",
    [
        "verb=Identify&metadataPrefix=oai_dc",
        "verb=ListRecords",
        "verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=fa_film",
        "verb=ListRecords&metadataPrefix=oai_dc&identifier=x",
        "verb=ListRecords&metadataPrefix=",
        "verb=ListRecords&metadataPrefix=oai%20dc",
        "verb=ListIdentifiers&metadataPrefix=oai_dc&from=2024-13-01",
        "verb=ListIdentifiers&metadataPrefix=oai_dc&from=yesterday",
        "verb=ListIdentifiers&metadataPrefix=oai_dc&from=2024-01-01T10:00:00",
        "verb=ListIdentifiers&metadataPrefix=oai_dc&until=2024-01-01T25:00:00Z",
        "verb=ListIdentifiers&metadataPrefix=oai_dc&from=2024-02-01&until=2024-01-01",
        "verb=ListIdentifiers&metadataPrefix=oai_dc"
        "&from=2024-01-01T00:00:01Z&until=2024-01-01T00:00:00Z",
        "verb=ListIdentifiers&metadataPrefix=oai_dc"
        "&from=2024-01-01&until=2024-01-02T00:00:00Z",
        "verb=ListIdentifiers&metadataPrefix=oai_dc&set=a::b",
        "verb=ListIdentifiers&metadataPrefix=oai_dc&resumptionToken=abc",
        "verb=ListSets&resumptionToken=abc&set=edition",
        "verb=GetRecord&metadataPrefix=oai_dc",
        "verb=GetRecord&identifier=oai:testserver:film/x",
        "verb=ListMetadataFormats&set=edition",
    ],
)
def test_bad_argument(client, db, query):
    document = valid_document(client.get(f"/oai?{query}").content)
    assert error_code(document) == "badArgument"
    assert document.find("oai:request", NS).attrib == {}


# Each verb with each argument it takes; the others get a value that works.
VERB_ARGUMENTS = [
    (verb, name) for verb, taken in VERBS.items() for name in sorted(taken.allowed)
]
WORKING = {"metadataPrefix": "oai_dc", "identifier": REFERENCE_ID}


@pytest.mark.parametrize("value", ODD_NUMBERS)
@pytest.mark.parametrize(("verb", "name"), VERB_ARGUMENTS)
def test_odd_digits_in_any_argument_are_a_protocol_error(
    oai, reference_film, verb, name, value
):
    taken = VERBS[verb]
    # The exclusive argument (resumptionToken) comes alone.
    required = () if name == taken.exclusive else taken.required
    arguments = {n: WORKING[n] for n in required} | {name: value}
    code = error_code(oai(verb=verb, **arguments))
    if name in ("from", "until"):
        assert code == "badArgument"
    else:
        # A set of digits is well formed, but holds nothing; the rest is
        # malformed or unknown.
        assert code in {
            "badArgument",
            "badResumptionToken",
            "cannotDisseminateFormat",
            "idDoesNotExist",
            "noRecordsMatch",
        }


@pytest.mark.parametrize("value", ODD_NUMBERS)
def test_odd_digits_as_the_verb_are_a_bad_verb(oai, db, value):
    assert error_code(oai(verb=value)) == "badVerb"


@pytest.mark.parametrize("bound", ["٢٠٢٤-٠١-٠١", "２０２４-０１-０１T00:00:00Z"])
def test_datestamps_are_written_in_the_digits_0_to_9(oai, reference_film, bound):
    for name in ("from", "until"):
        document = oai(verb="ListIdentifiers", metadataPrefix="oai_dc", **{name: bound})
        assert error_code(document) == "badArgument"


def _token(state: tokens.ListState) -> str:
    return tokens.issue(state)


STATE = tokens.ListState(
    verb="ListRecords",
    metadata_prefix="oai_dc",
    set_spec=None,
    from_ms=None,
    until_ms=None,
    after_ms=0,
    after_id=0,
    cursor=100,
    total=250,
)


def _state(**changes) -> tokens.ListState:
    return dataclasses.replace(STATE, **changes)


@pytest.mark.parametrize(
    ("verb", "token"),
    [
        ("ListRecords", "garbage"),
        ("ListRecords", lambda: _token(_state())[:-3] + "xyz"),
        ("ListRecords", lambda: signing.dumps({"v": 1}, salt=tokens.SALT)),
        ("ListRecords", lambda: signing.dumps({"v": 1, "cursor": 1}, salt="other")),
        ("ListIdentifiers", lambda: _token(_state())),
        ("ListRecords", lambda: _token(_state(metadata_prefix="marc21"))),
        ("ListRecords", lambda: _token(_state(cursor="100"))),
        ("ListSets", lambda: _token(_state())),
    ],
)
def test_bad_resumption_token(client, reference_film, verb, token):
    value = token() if callable(token) else token
    document = valid_document(
        client.get("/oai", {"verb": verb, "resumptionToken": value}).content
    )
    assert error_code(document) == "badResumptionToken"
    assert document.find("oai:request", NS).attrib == {
        "verb": verb,
        "resumptionToken": value,
    }


def test_expired_resumption_token(oai, reference_film, monkeypatch):
    value = _token(_state())
    assert error_code(oai(verb="ListRecords", resumptionToken=value)) is None
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=25)
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=later.timestamp))
    document = oai(verb="ListRecords", resumptionToken=value)
    assert error_code(document) == "badResumptionToken"


@pytest.mark.parametrize(
    "arguments",
    [
        {"verb": "ListRecords", "metadataPrefix": "marc21"},
        {"verb": "ListIdentifiers", "metadataPrefix": "mods"},
        {"verb": "GetRecord", "metadataPrefix": "ead", "identifier": REFERENCE_ID},
    ],
)
def test_cannot_disseminate_format(oai, reference_film, arguments):
    document = oai(**arguments)
    assert error_code(document) == "cannotDisseminateFormat"
    assert document.find("oai:request", NS).attrib == arguments


@pytest.mark.parametrize(
    "identifier",
    [
        "oai:testserver:film/no-such-film",
        f"oai:elsewhere.example:film/{REFERENCE_FILM_SLUG}",
        f"oai:testserver:person/{REFERENCE_FILM_SLUG}",
        REFERENCE_FILM_SLUG,
        "oai:testserver:film/",
    ],
)
def test_id_does_not_exist(oai, reference_film, identifier):
    for arguments in (
        {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": identifier},
        {"verb": "ListMetadataFormats", "identifier": identifier},
    ):
        document = oai(**arguments)
        assert error_code(document) == "idDoesNotExist"
        assert document.find("oai:request", NS).attrib == arguments


@pytest.mark.parametrize(
    "arguments",
    [
        {"from": "2999-01-01"},
        {"until": "1990-01-01T00:00:00Z"},
        {"set": "edition:idfa-1990"},
        {"set": "festival:no-such-festival"},
        {"set": "colour:blue"},
    ],
)
def test_no_records_match(oai, reference_film, arguments):
    for verb in ("ListIdentifiers", "ListRecords"):
        document = oai(verb=verb, metadataPrefix="oai_dc", **arguments)
        assert error_code(document) == "noRecordsMatch"
        assert document.find("oai:request", NS).attrib == {
            "verb": verb,
            "metadataPrefix": "oai_dc",
            **arguments,
        }


def test_empty_archive_has_no_records(oai, db):
    document = oai(verb="ListRecords", metadataPrefix="oai_dc")
    assert error_code(document) == "noRecordsMatch"
    assert oai(verb="Identify").findtext(".//oai:earliestDatestamp", namespaces=NS)


def test_other_methods_are_refused(client, db):
    assert client.put("/oai", {"verb": "Identify"}).status_code == 405
