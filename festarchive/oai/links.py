"""Public addresses of catalogue records, as absolute English-page URLs."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

from .repository import Repository

# The fa_film schema is a static file: festarchive/oai/static/<this path>.
FA_FILM_SCHEMA = "festarchive/oai/fa_film-1.0.xsd"


class Links:
    """Absolute URLs of the pages a record points to (the ``/en/`` ones: an
    address must not depend on the harvester's language)."""

    def __init__(self, repository: Repository):
        self._absolute = repository.absolute

    def _url(self, name: str, slug: str) -> str:
        with translation.override("en"):
            return self._absolute(reverse(name, kwargs={"slug": slug}))

    def film(self, slug: str) -> str:
        return self._url("catalogue:film-detail", slug)

    def person(self, slug: str) -> str:
        return self._url("catalogue:person-detail", slug)

    def company(self, slug: str) -> str:
        return self._url("catalogue:company-detail", slug)

    def festival(self, slug: str) -> str:
        return self._url("festival:festival-detail", slug)

    def edition(self, slug: str) -> str:
        return self._url("festival:edition-detail", slug)

    def section(self, slug: str) -> str:
        return self._url("festival:section-detail", slug)

    def fa_film_schema(self) -> str:
        return self._absolute(static(FA_FILM_SCHEMA))
