"""Namespaces and small helpers for building the responses with ElementTree."""

import re
import xml.etree.ElementTree as ET  # noqa: S405 - builds XML, never parses it

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
DC = "http://purl.org/dc/elements/1.1/"
OAI_IDENTIFIER = "http://www.openarchives.org/OAI/2.0/oai-identifier"
OAI_IDENTIFIER_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML = "http://www.w3.org/XML/1998/namespace"
# The film format's namespace is a name, not an address: it stays the same
# wherever the archive runs. Each archive serves the schema as a static file
# (/static/festarchive/oai/fa_film-1.0.xsd).
FA_FILM = "urn:festarchive:fa_film:1.0"

PREFIXES = {
    "xsi": XSI,
    "oai_dc": OAI_DC,
    "dc": DC,
    "oai-identifier": OAI_IDENTIFIER,
    "fa_film": FA_FILM,
}
for _prefix, _uri in PREFIXES.items():
    ET.register_namespace(_prefix, _uri)

XML_LANG = f"{{{XML}}}lang"
SCHEMA_LOCATION = f"{{{XSI}}}schemaLocation"

# Characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/FFFF):
# pasted text can carry them, and one would make the whole response unreadable.
_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text) -> str:
    return _NOT_XML.sub("", str(text))


def qualified(namespace: str, tag: str) -> str:
    """The element name ElementTree should use: OAI-PMH elements stay
    unqualified and ``serialise`` declares OAI-PMH the default namespace
    (ElementTree's own ``default_namespace`` refuses unqualified attributes)."""
    return tag if namespace == OAI else f"{{{namespace}}}{tag}"


def element(namespace: str, tag: str) -> ET.Element:
    return ET.Element(qualified(namespace, tag))


def sub(
    parent: ET.Element,
    namespace: str,
    tag: str,
    text=None,
    *,
    lang: str | None = None,
    **attributes,
) -> ET.Element:
    """Append ``<tag>`` to ``parent``; attributes that are None or "" are left out."""
    child = ET.SubElement(parent, qualified(namespace, tag))
    if lang:
        child.set(XML_LANG, lang)
    for name, value in attributes.items():
        if value is not None and value != "":
            child.set(name, clean(value))
    if text is not None:
        child.text = clean(text)
    return child


def root(namespace: str, tag: str, *, schema: str, **attributes) -> ET.Element:
    """A document or metadata root element carrying its xsi:schemaLocation."""
    top = element(namespace, tag)
    if namespace == OAI:
        top.set("xmlns", OAI)
    top.set(SCHEMA_LOCATION, f"{namespace} {schema}")
    for name, value in attributes.items():
        if value is not None and value != "":
            top.set(name, clean(value))
    return top


def serialise(document: ET.Element) -> bytes:
    """The document as UTF-8 bytes with an XML declaration; the OAI-PMH
    namespace is the default one, the others keep their usual prefixes."""
    body = ET.tostring(document, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode()
