"""Telling a caching proxy in front of the app servers what to drop.

The page cache (ops.pagecache) tags every public page with what it shows and
retires tags when a write commits. A proxy that can purge by tag keeps pages
until then, instead of for a short s-maxage: ``backend()`` is the one in use,
chosen by ``FESTARCHIVE["PURGE"]`` (environment ``FESTARCHIVE_PURGE_URLS``):

- ``NoPurge`` (no URLs): nothing to tell; the proxy keeps pages for the
  ``s-maxage`` of their Cache-Control (nginx's proxy_cache, a CDN).
- ``VarnishXkey``: Varnish with the xkey module (Debian's ``varnish`` and
  ``varnish-modules``). Pages carry their tags in an ``xkey`` header; a
  retirement is one ``PURGE`` request to each Varnish with the tags in an
  ``xkey-purge`` header. The VCL is in docs/deployment.md.

A proxy that cannot be reached is logged and skipped: the write has
committed, and the page cache behind the proxy is current; the proxy's copy
lasts until its Surrogate-Control max-age (the festival day's end at most).
"""

import logging
import urllib.error
import urllib.request
from functools import cache

from django.conf import settings

log = logging.getLogger(__name__)

# A purge waits no longer than this for each proxy: it runs after the
# commit, inside the request that wrote, and a staff edit must not hang.
TIMEOUT = 2.0
# Tags per purge request: Varnish's default header limit is 8 KiB.
TAGS_PER_REQUEST = 300


class NoPurge:
    """No purging proxy: pages carry no tags header."""

    tags_header = ""

    def purge(self, tags) -> None:
        return None


class VarnishXkey:
    """Varnish with vmod_xkey: purge by surrogate key."""

    tags_header = "xkey"

    def __init__(self, urls: list[str]):
        self.urls = urls

    def purge(self, tags) -> None:
        tags = sorted(tags)
        for start in range(0, len(tags), TAGS_PER_REQUEST):
            header = " ".join(tags[start : start + TAGS_PER_REQUEST])
            for url in self.urls:
                try:
                    request = urllib.request.Request(  # noqa: S310 - configured
                        url, method="PURGE", headers={"xkey-purge": header}
                    )
                    with urllib.request.urlopen(request, timeout=TIMEOUT):  # noqa: S310
                        pass
                except (urllib.error.URLError, OSError, ValueError) as error:
                    # ValueError: an address that is not one (a typo in
                    # FESTARCHIVE_PURGE_URLS); the edit has committed all the same.
                    log.warning("purge of %s at %s failed: %s", header, url, error)


@cache
def _configured(urls: tuple[str, ...]):
    return VarnishXkey(list(urls)) if urls else NoPurge()


def backend():
    """The purge backend the settings name."""
    urls = tuple(settings.FESTARCHIVE.get("PURGE", {}).get("URLS", ()))
    return _configured(urls)
