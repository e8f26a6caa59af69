"""The metadata formats the repository disseminates; every film has each one."""

import xml.etree.ElementTree as ET  # noqa: S405 - builds XML, never parses it
from collections.abc import Callable
from dataclasses import dataclass

from festarchive.catalogue.models import Film

from . import fa_film, oai_dc
from .links import Links
from .xmltree import FA_FILM, OAI_DC, OAI_DC_SCHEMA


@dataclass(frozen=True)
class MetadataFormat:
    prefix: str
    namespace: str
    schema: Callable[[Links], str]
    build: Callable[[Film, Links], ET.Element]


FORMATS = {
    fmt.prefix: fmt
    for fmt in (
        MetadataFormat(
            prefix=oai_dc.PREFIX,
            namespace=OAI_DC,
            schema=lambda _links: OAI_DC_SCHEMA,
            build=oai_dc.dublin_core,
        ),
        MetadataFormat(
            prefix=fa_film.PREFIX,
            namespace=FA_FILM,
            schema=lambda links: links.fa_film_schema(),
            build=fa_film.film_record,
        ),
    )
}
