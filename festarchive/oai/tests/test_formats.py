"""What each metadata format says of a film: oai_dc and fa_film."""

import pytest

from festarchive.catalogue.models import Film
from festarchive.catalogue.services import film_title_add
from festarchive.demo.generator import generate_catalogue
from festarchive.demo.loader import REFERENCE_FILM_SLUG
from festarchive.festival.models import Selection
from festarchive.festival.services import award_add

from .support import NS, XML_LANG

pytestmark = pytest.mark.django_db

REFERENCE_ID = f"oai:testserver:film/{REFERENCE_FILM_SLUG}"


@pytest.fixture
def film_record(oai):
    def get(prefix: str, identifier: str = REFERENCE_ID):
        document = oai(verb="GetRecord", metadataPrefix=prefix, identifier=identifier)
        return document.find(".//oai:metadata/*", NS)

    return get


@pytest.fixture
def described_film(reference_film):
    """The reference film with what it lacks: ids, more titles, an award."""
    Film.objects.filter(pk=reference_film.pk).update(
        imdb_id="tt1234567",
        wikidata_id="Q123",
        eidr_id="10.5240/ABCD-1234-ABCD-1234-ABCD-X",
        title_nl="Wij zullen niet vervagen",
    )
    film_title_add(film=reference_film, title="We Won't Fade", kind="working")
    award_add(
        selection=Selection.objects.get(film=reference_film),
        name_en="Audience Award",
        name_nl="Publieksprijs",
    )
    return reference_film


def texts(element, path: str) -> list[str]:
    return [e.text for e in element.iterfind(path, NS)]


def with_lang(element, path: str) -> list[tuple[str | None, str]]:
    return [(e.get(XML_LANG), e.text) for e in element.iterfind(path, NS)]


def test_dublin_core_of_the_reference_film(film_record, described_film):
    dc = film_record("oai_dc")
    assert dc.tag == f"{{{NS['oai_dc']}}}dc"
    assert dc.get(f"{{{NS['xsi']}}}schemaLocation") == (
        "http://www.openarchives.org/OAI/2.0/oai_dc/"
        " http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    )
    assert with_lang(dc, "dc:title") == [
        ("en", "We Will Not Fade Away"),
        ("nl", "Wij zullen niet vervagen"),
        ("uk", "Ми не згаснемо"),
        ("uk-Latn", "My ne zgasnemo"),
        (None, "We Won't Fade"),
    ]
    assert texts(dc, "dc:creator") == ["Alisa Kovalenko"]
    contributors = texts(dc, "dc:contributor")
    assert contributors[:2] == [
        "Valery Kalmykov, Trueman Production (Production)",
        "Yana Kalmykova, Trueman Production (Production)",
    ]
    assert "Stéphane Siohan (Co-production)" in contributors
    assert "ARTE GEIE (Involved TV Channel)" in contributors
    assert len(contributors) == 14
    assert texts(dc, "dc:date") == ["2023"]
    assert texts(dc, "dc:type") == ["MovingImage"]
    assert texts(dc, "dc:format") == ["100 min"]
    assert texts(dc, "dc:coverage") == ["Ukraine", "France", "Poland"]
    assert [lang for lang, _ in with_lang(dc, "dc:description")] == ["en", "nl"]
    assert texts(dc, "dc:identifier") == [
        f"http://testserver/en/films/{REFERENCE_FILM_SLUG}/",
        "https://www.imdb.com/title/tt1234567/",
        "https://www.wikidata.org/wiki/Q123",
        "https://doi.org/10.5240/ABCD-1234-ABCD-1234-ABCD-X",
    ]
    assert texts(dc, "dc:relation") == ["http://testserver/en/editions/idfa-2023/"]
    assert texts(dc, "dc:language") == []  # the reference film lists none


def test_dublin_core_lists_spoken_languages(film_record, db):
    generate_catalogue(films=1, seed=8)
    film = Film.objects.get()
    dc = film_record("oai_dc", f"oai:testserver:film/{film.slug}")
    assert texts(dc, "dc:language") == list(
        film.spoken_languages.values_list("language", flat=True)
    )


def test_film_format_of_the_reference_film(film_record, described_film):
    film = film_record("fa_film")
    assert film.tag == f"{{{NS['fa']}}}film"
    assert film.get("generated") is None
    assert film.get(f"{{{NS['xsi']}}}schemaLocation") == (
        "urn:festarchive:fa_film:1.0"
        " http://testserver/static/festarchive/oai/fa_film-1.0.xsd"
    )
    assert [(i.get("scheme"), i.text) for i in film.iterfind("fa:identifier", NS)] == [
        ("url", f"http://testserver/en/films/{REFERENCE_FILM_SLUG}/"),
        ("slug", REFERENCE_FILM_SLUG),
        ("imdb", "tt1234567"),
        ("wikidata", "Q123"),
        ("eidr", "10.5240/ABCD-1234-ABCD-1234-ABCD-X"),
    ]
    assert [
        (t.get("type"), t.get(XML_LANG), t.text) for t in film.iterfind("fa:title", NS)
    ] == [
        ("archive", "en", "We Will Not Fade Away"),
        ("archive", "nl", "Wij zullen niet vervagen"),
        ("original", "uk", "Ми не згаснемо"),
        ("transliterated", "uk-Latn", "My ne zgasnemo"),
        ("working", None, "We Won't Fade"),
    ]
    assert texts(film, "fa:yearOfReference") == ["2023"]
    assert [
        (c.get("code"), c.text) for c in film.iterfind("fa:countryOfReference", NS)
    ] == [("UA", "Ukraine"), ("FR", "France"), ("PL", "Poland")]
    duration = film.find("fa:duration", NS)
    assert (duration.text, duration.get("unit")) == ("100", "minutes")
    assert [lang for lang, _ in with_lang(film, "fa:synopsis")] == ["en", "nl"]

    agents = film.findall("fa:agent", NS)
    assert len(agents) == 15
    director = agents[0]
    assert director.find("fa:role", NS).get("slug") == "director"
    assert with_lang(director, "fa:role/fa:name") == [
        ("en", "Director"),
        ("nl", "Regie"),
    ]
    assert director.find("fa:person", NS).get("href") == (
        "http://testserver/en/people/alisa-kovalenko/"
    )
    assert texts(director, "fa:person/fa:name") == ["Alisa Kovalenko"]
    producer = agents[1]
    company = producer.find("fa:company", NS)
    assert texts(producer, "fa:person/fa:name") == ["Valery Kalmykov"]
    assert (company.get("kind"), company.get("country")) == ("production", "UA")
    assert texts(company, "fa:name") == ["Trueman Production"]
    broadcaster = next(
        a for a in agents if a.find("fa:role", NS).get("slug") == "involved-tv-channel"
    )
    assert broadcaster.find("fa:person", NS) is None

    (event,) = film.findall("fa:event", NS)
    assert event.get("type") == "festival-selection"
    festival = event.find("fa:festival", NS)
    assert (festival.get("slug"), festival.get("shortName")) == ("idfa", "IDFA")
    edition = event.find("fa:edition", NS)
    assert {
        key: edition.get(key) for key in ("slug", "year", "startsOn", "endsOn")
    } == {
        "slug": "idfa-2023",
        "year": "2023",
        "startsOn": "2023-11-08",
        "endsOn": "2023-11-19",
    }
    assert texts(edition, "fa:name") == ["IDFA 2023"]
    section = event.find("fa:section", NS)
    assert section.get("slug") == "best-of-fests"
    assert with_lang(section, "fa:name")[0] == ("en", "Best of Fests")
    premiere = event.find("fa:premiere", NS)
    assert premiere.get("slug") == "dutch"
    (award,) = event.findall("fa:award", NS)
    assert award.get("outcome") == "winner"
    assert with_lang(award, "fa:name") == [
        ("en", "Audience Award"),
        ("nl", "Publieksprijs"),
    ]


def test_film_format_marks_generated_films(film_record, db):
    generate_catalogue(films=1, seed=8)
    film = Film.objects.get()
    record = film_record("fa_film", f"oai:testserver:film/{film.slug}")
    assert record.get("generated") == "true"
    assert len(record.findall("fa:language", NS)) == film.spoken_languages.count()
