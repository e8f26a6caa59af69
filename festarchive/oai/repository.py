"""Who the repository is and how it pages: settings with defaults, per request.

Everything can be set in an optional ``FESTARCHIVE_OAI`` settings dict:

- ``REPOSITORY_ID``: the middle part of every identifier
  (``oai:<id>:film/<slug>``); when unset, the host name of
  ``FESTARCHIVE_SITE_URL``, else of the request. Set one of them in production
  so identifiers do not change with the address used.
- ``ADMIN_EMAIL``: Identify's contact; else the first of ``ADMINS``, else
  ``DEFAULT_FROM_EMAIL``.
- ``RECORDS_PER_PAGE`` (100), ``IDENTIFIERS_PER_PAGE`` (500),
  ``TOKEN_LIFETIME_HOURS`` (24).
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.urls import reverse

from festarchive.core.links import absolute_url, site_origin

DEFAULTS = {
    "REPOSITORY_ID": "",
    "ADMIN_EMAIL": "",
    "RECORDS_PER_PAGE": 100,
    "IDENTIFIERS_PER_PAGE": 500,
    "TOKEN_LIFETIME_HOURS": 24,
}

# The repositoryIdentifier of the oai-identifier scheme: a domain name.
# http://www.openarchives.org/OAI/2.0/guidelines-oai-identifier.htm
DOMAIN_NAME = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")


def option(name: str):
    return getattr(settings, "FESTARCHIVE_OAI", {}).get(name, DEFAULTS[name])


@dataclass(frozen=True)
class Repository:
    """The repository as one request sees it: its names and its addresses."""

    name: str
    base_url: str
    repository_id: str
    admin_email: str
    records_per_page: int
    identifiers_per_page: int
    token_lifetime: dt.timedelta
    absolute: Callable[[str], str]

    @property
    def follows_identifier_scheme(self) -> bool:
        """True when identifiers follow the oai-identifier scheme, whose
        repository part must be a domain name (not ``localhost`` or an IP)."""
        return bool(DOMAIN_NAME.fullmatch(self.repository_id))

    def film_identifier(self, slug: str) -> str:
        return f"oai:{self.repository_id}:film/{slug}"

    def film_slug(self, identifier: str) -> str | None:
        """The slug in one of our film identifiers, else None."""
        prefix = f"oai:{self.repository_id}:film/"
        if identifier[: len(prefix)].lower() != prefix.lower():
            return None
        return identifier[len(prefix) :] or None


def repository_for(request: HttpRequest) -> Repository:
    """The repository answering ``request``."""
    # ADMINS holds (name, address) pairs, or plain addresses from Django 6.
    admins = [
        entry if isinstance(entry, str) else entry[1]
        for entry in getattr(settings, "ADMINS", [])
    ]
    return Repository(
        name=settings.FESTARCHIVE["SITE_NAME"],
        base_url=absolute_url(request, reverse("oai:endpoint")),
        repository_id=option("REPOSITORY_ID")
        or split_domain_port(urlsplit(site_origin(request)).netloc)[0],
        admin_email=option("ADMIN_EMAIL")
        or (admins[0] if admins else settings.DEFAULT_FROM_EMAIL),
        records_per_page=int(option("RECORDS_PER_PAGE")),
        identifiers_per_page=int(option("IDENTIFIERS_PER_PAGE")),
        token_lifetime=dt.timedelta(hours=float(option("TOKEN_LIFETIME_HOURS"))),
        absolute=partial(absolute_url, request),
    )
