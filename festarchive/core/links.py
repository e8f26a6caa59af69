"""Absolute addresses of records and pages.

Absolute addresses (hreflang links, JSON-LD, OAI-PMH, downloads, shared
lists) all come from ``absolute_url``: they start with the site's configured
address (``FESTARCHIVE["SITE_URL"]``) when there is one, never with the Host
header a request happened to carry.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.http import HttpRequest


def site_origin(request: HttpRequest) -> str:
    """The scheme and host that absolute addresses start with: the configured
    ``FESTARCHIVE["SITE_URL"]``, else the request's own (port included)."""
    return (
        settings.FESTARCHIVE.get("SITE_URL")
        or f"{request.scheme}://{request.get_host()}"
    )


def absolute_url(request: HttpRequest, location: str) -> str:
    """``location`` (a path, or an address already absolute) as an absolute
    address on ``site_origin``; ``request.build_absolute_uri`` when no site
    address is configured."""
    origin = settings.FESTARCHIVE.get("SITE_URL")
    if not origin:
        return request.build_absolute_uri(location)
    if location.startswith("/") and not location.startswith("//"):
        return origin + location  # nearly every call: a reversed path
    return urljoin(origin + request.path, location)


# Where links in e-mails point when FESTARCHIVE_SITE_URL is not set: the
# demo's own server (``make demo``). Production sets the site address; a mail
# sent from cron has no request to take a host from.
DEMO_ORIGIN = "http://127.0.0.1:8000"


def mail_url(path: str) -> str:
    """An absolute address for an e-mail, written with or without a request."""
    return (settings.FESTARCHIVE.get("SITE_URL") or DEMO_ORIGIN) + path
