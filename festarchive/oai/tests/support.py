"""Reading OAI-PMH responses in tests: namespaces, and a validator for the
protocol's schema with the metadata formats inside it (offline)."""

from pathlib import Path

from lxml import etree

from festarchive.oai.fa_film import SCHEMA_FILE

SCHEMAS = Path(__file__).parent / "schemas"
NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "fa": "urn:festarchive:fa_film:1.0",
    "id": "http://www.openarchives.org/OAI/2.0/oai-identifier",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ADMIN_EMAIL = "archive@festival.example"


class _LocalSchemas(etree.Resolver):
    """Imports resolved on disk: no network. The fa_film schema is the one the
    endpoint serves; the others are in ``schemas/``."""

    def resolve(self, url, pubid, context):
        name = url.rsplit("/", 1)[-1]
        if name == SCHEMA_FILE.name:
            return self.resolve_filename(str(SCHEMA_FILE), context)
        if (SCHEMAS / name).exists():
            return self.resolve_filename(str(SCHEMAS / name), context)
        return None


def _schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalSchemas())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "all.xsd"), parser))


SCHEMA = _schema()


def valid_document(content: bytes) -> etree._Element:
    """The response parsed, after checking it is well-formed OAI-PMH 2.0 whose
    metadata is valid in its own format."""
    document = etree.fromstring(content, etree.XMLParser(no_network=True))
    assert document.tag == f"{{{NS['oai']}}}OAI-PMH"
    if not SCHEMA.validate(document):
        raise AssertionError(str(SCHEMA.error_log))
    return document


def error_code(document) -> str | None:
    error = document.find("oai:error", NS)
    return None if error is None else error.get("code")
