"""Public pages cached whole, kept exactly as fresh as the catalogue.

A page is cached for visitors who are not logged in and carry no pending
message: what they see is the same for everyone. It is served only at the
catalogue version (models.CatalogueVersion) it was rendered at, which moves
on after every transaction that wrote to a catalogue or festival table,
whatever made the write: the admin, a service, an import's raw SQL, a bulk
update. So an edit shows on the very next request, on every app server, and
nothing has to know which pages a change touches.

The version moves when the transaction has committed, in a statement of its
own. Moving it inside the transaction would lock the version row until the
commit: on PostgreSQL, a staff edit would wait for the whole of a long import.
A page rendered between the commit and the move holds the new data under the
old version, which is harmless; the old data can never be stored under the
new version, because a page reads the version before its data.

A page is stored under its address, with its version inside the value: a
page of an older version is a miss, and its next rendering takes its place (so
old pages do not pile up in the cache either). The address includes the origin
its absolute links start with (core.links.site_origin): the configured site
address, which every host then shares, or else the scheme and host the request
came with, port included, so that a page built for one Host header is never
served for another. The host is checked against ALLOWED_HOSTS before the cache
is read: one Django would refuse gets its 400, never a stored page.

Every public request needs the version, so with PostgreSQL the cache keeps it
too, for a second at most (``VERSION_TTL``): reading it from the database cost
a cached page a quarter of its time. The version and the page then come back
in one round trip to the cache. (SQLite answers from this process's memory,
sooner than the cache could.) A write made through this code drops that copy
when it commits, so its pages are retired at once; one made by a process
that uses another cache (an import run without ``REDIS_URL``) shows within
the second.

A page that several requests miss at once (after the version moved, the
busiest ones are) is rendered by the first of them, under a lock in the cache;
the others wait for its page, up to ``RENDER_WAIT``, and render their own only
if it brings none.

A page also belongs to the festival day it was rendered on
(programme.clock.festival_today, turning at 06:00 on the festival's
clock): the timetable's default day, a film's upcoming screenings and the
current edition all move on with the day, without any write to say so. Every
page is therefore rendered afresh once a day, which costs one rendering of
each page a day and spares the pages from declaring what depends on time.

Each cached page also answers conditional requests: its ETag and
Last-Modified come from the version, and a browser or proxy that has it gets a
304 without the page being rendered or even read from the cache. Personal
pages are marked private.
"""

import hashlib
import time
from datetime import UTC, datetime
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections, transaction
from django.db.backends.signals import connection_created
from django.db.models import F
from django.db.models.signals import post_migrate, pre_migrate
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language_from_path

from festarchive.core.links import site_origin
from festarchive.core.public import is_public_page
from festarchive.programme.clock import festival_today

from .models import CatalogueVersion

# Tables whose content the public pages show. Of the programme, its venues,
# screens ("programme_screen" also covers the screenings and their guests) and
# programmes of films, not visitors' planners: a star is no reason to retire
# every cached page.
WATCHED_PREFIXES = (
    "catalogue_",
    "festival_",
    "programme_venue",
    "programme_screen",
    "programme_filmprogramme",
    "programme_programmefilm",
)
WRITES = ("insert", "update", "delete", "replace")

# Shared caches may keep a page this long; browsers revalidate every time
# (a 304 costs almost nothing). Edits reach a CDN within a minute.
PUBLIC = "public, max-age=0, s-maxage=60, stale-while-revalidate=30"
PRIVATE = "private, no-cache"
TIMEOUT = 60 * 60 * 24
# How long the cache may answer for the version before it is read again.
VERSION_TTL = 1
# How long a request waits for a page that another one is rendering, and how
# often it looks (the slowest pages take a few hundred milliseconds).
RENDER_WAIT = 3
RENDER_POLL = 0.02
# Part of every key: a release that stores pages differently starts afresh
# instead of reading what an older one left in a shared cache.
CACHE_FORMAT = "v4"
VERSION_KEY = f"page:{CACHE_FORMAT}:version"
# Left out of a stored page: the outer middleware add their own (HSTS…), and
# the rest belongs to one answer only.
UNCACHED_HEADERS = {
    "set-cookie",
    "date",
    "content-length",
    "x-cache",
    "strict-transport-security",
    "cross-origin-opener-policy",
    "referrer-policy",
    "x-content-type-options",
}


def bump(using: str = "default") -> None:
    """Move the catalogue version on now: every cached page is retired."""
    versions = CatalogueVersion.objects.using(using)
    if not versions.filter(pk=1).update(
        counter=F("counter") + 1, changed_at=timezone.now()
    ):
        versions.get_or_create(
            pk=1, defaults={"counter": 1, "changed_at": timezone.now()}
        )
    cache.delete(VERSION_KEY)


# Read on every public request: plain SQL, without the ORM's compiling.
_VERSION_SQL = (
    f"SELECT counter, changed_at FROM {CatalogueVersion._meta.db_table}"  # noqa: S608
    " WHERE id = 1"
)


def version_and_page(
    key: str | None,
) -> tuple[tuple[int, datetime], tuple | None]:
    """The catalogue version and when it moved, and what the cache holds
    under ``key`` (None: the version alone). The version comes from the cache
    when it holds it (``VERSION_TTL``), fetched with the page in one round
    trip, else from the database."""
    if connection.vendor == "sqlite":
        # A file read in this process: quicker than any cache's round trip.
        return _read_version(), cache.get(key) if key else None
    found = cache.get_many([VERSION_KEY, key] if key else [VERSION_KEY])
    version = found.get(VERSION_KEY)
    if version is None:
        version = _read_version()
        cache.set(VERSION_KEY, version, VERSION_TTL)
    return version, found.get(key) if key else None


def _read_version() -> tuple[int, datetime]:
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL)
        row = cursor.fetchone()
    if row is None:
        bump()
        return _read_version()
    counter, changed_at = row
    if isinstance(changed_at, str):  # SQLite hands datetimes back as UTC text
        changed_at = datetime.fromisoformat(changed_at)
    if changed_at.tzinfo is None:
        changed_at = changed_at.replace(tzinfo=UTC)
    return counter, changed_at


# While `migrate` runs, tables come and go (ours among them): nothing to watch.
_migrating = False


def _migration_started(**kwargs) -> None:
    global _migrating
    _migrating = True


def _migration_finished(**kwargs) -> None:
    global _migrating
    _migrating = False


def bump_on_commit(using: str = "default") -> None:
    """Move the version on once the current transaction commits (at once
    outside a transaction); nothing moves if it rolls back."""
    conn = connections[using]
    if any(
        getattr(func, "func", None) is _bump_after_commit
        for *_sids, func, _robust in _pending(conn)
    ):
        return  # once a transaction is enough
    transaction.on_commit(partial(_bump_after_commit, using), using=using)


def _pending(conn) -> list:
    # (savepoint ids, function, robust) of callbacks waiting for the commit;
    # a savepoint rolled back takes its own callbacks with it.
    return conn.run_on_commit if conn.in_atomic_block else []


def _bump_after_commit(using: str) -> None:
    bump(using=using)


def _watch_writes(execute, sql, params, many, context):
    """Database execute wrapper: a transaction that writes to a watched table
    moves the version on when it commits."""
    result = execute(sql, params, many, context)
    if _migrating:
        return result
    statement = sql.lstrip()[:200].lower()
    if statement.startswith(WRITES) and any(
        prefix in statement for prefix in WATCHED_PREFIXES
    ):
        bump_on_commit(using=context["connection"].alias)
    return result


def install(sender=None, connection=None, **kwargs) -> None:
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def watch_all_connections() -> None:
    connection_created.connect(install, dispatch_uid="festarchive-pagecache")
    pre_migrate.connect(_migration_started, dispatch_uid="festarchive-pagecache")
    post_migrate.connect(_migration_finished, dispatch_uid="festarchive-pagecache")
    # The connection of this thread may be open already (tests, shells).
    if connection.connection is not None:
        install(connection=connection)


def _cacheable(request) -> bool:
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
    )


class PageCacheMiddleware:
    """Serve public pages from the cache before the rest of the stack runs.

    It sits just inside SecurityMiddleware (so plain HTTP is still redirected
    and the security headers are still added) and outside everything else: a
    page found in the cache costs a version read and a cache read (one round
    trip together with PostgreSQL), not a session, a user, a CSRF check and a
    template. What it stores is the page as the inner middleware left it,
    their headers included.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.FESTARCHIVE.get("PAGE_CACHE", True):
            return self.get_response(request)
        language = get_language_from_path(request.path_info)
        if not language or not _cacheable(request):
            # Only addresses in a language can be public pages.
            response = self.get_response(request)
            if getattr(request, "_public_page", False):
                response["Cache-Control"] = PRIVATE
            return response

        # Django checks the host only further in, and a cached page would be
        # served before: a host outside ALLOWED_HOSTS raises DisallowedHost
        # here, which Django answers with its 400.
        request.get_host()
        variant = "|".join(
            (
                site_origin(request),
                language,
                request.get_full_path(),
                festival_today().isoformat(),
                # htmx asks for the results region alone, except when it
                # restores its history (see search.views.archive).
                "part"
                if request.headers.get("HX-Request") == "true"
                and request.headers.get("HX-History-Restore-Request") != "true"
                else "page",
            )
        )
        key = f"page:{CACHE_FORMAT}:{_digest(variant)}"
        # A browser revalidating its copy needs the version alone, unless its
        # copy turns out to be old.
        known = request.headers.get("If-None-Match")
        (counter, changed_at), stored = version_and_page(None if known else key)
        etag = quote_etag(_digest(f"{counter}|{variant}"))
        last_modified = http_date(changed_at.timestamp())
        # Only a public page ever gave out this ETag, for this very variant.
        if known and etag in [tag.strip() for tag in known.split(",")]:
            response = HttpResponseNotModified()
            _mark_public(response, etag, last_modified)
            return response
        if known:
            stored = cache.get(key)
        if stored is not None and stored[0] == counter:
            return _from_cache(stored, "hit")

        # For process_view: where this page goes, should it be a public one.
        request._page_miss = (key, counter)
        try:
            response = self.get_response(request)
            if getattr(request, "_page_waited", False):
                if response.cookies:  # set on its way out: see _store
                    response["Cache-Control"] = PRIVATE
                return response
            if getattr(request, "_public_page", False):
                self._store(response, key, counter, etag, last_modified)
        finally:
            if lock := getattr(request, "_page_lock", None):
                cache.delete(lock)
        return response

    def _store(self, response, key, counter, etag, last_modified) -> None:
        if response.cookies:
            # Whatever set a cookie made this answer someone's own: a shared
            # cache must never hand it to anyone else.
            response["Cache-Control"] = PRIVATE
            return
        _mark_public(response, etag, last_modified)
        if response.status_code == 200 and not response.streaming:
            headers = [
                (name, value)
                for name, value in response.headers.items()
                if name.lower() not in UNCACHED_HEADERS
            ]
            cache.set(
                key, (counter, response.status_code, headers, response.content), TIMEOUT
            )
        response["X-Cache"] = "miss"

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_public_page(view_func):
            return None
        request._public_page = True
        miss = getattr(request, "_page_miss", None)
        if miss is None:
            return None
        # One rendering of a page at a time: when the version moves, every
        # page misses at once, and the busiest ones would otherwise be
        # rendered by every worker that is asked for them. The others wait
        # for the first one's page (in the cache, so across app servers).
        key, counter = miss
        lock = f"{key}:rendering:{counter}"
        # add() answers None when the cache is unreachable: render, then.
        if cache.add(lock, 1, RENDER_WAIT) is not False:
            request._page_lock = lock
            return None
        stored = _wait_for_page(key, counter, lock)
        if stored is None:
            return None  # the first rendering gave nothing to share: render
        request._page_waited = True
        return _from_cache(stored, "wait")


def _wait_for_page(key: str, counter: int, lock: str) -> tuple | None:
    """The page at ``counter`` once another request has stored it; None if
    that request ends without storing one, or takes longer than RENDER_WAIT."""
    deadline = time.monotonic() + RENDER_WAIT
    while time.monotonic() < deadline:
        time.sleep(RENDER_POLL)
        found = cache.get_many([key, lock])
        stored = found.get(key)
        if stored is not None and stored[0] == counter:
            return stored
        if lock not in found:
            return None
    return None


def _from_cache(stored: tuple, how: str) -> HttpResponse:
    _counter, status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    # Its length, so proxies need not chunk it (CommonMiddleware, which adds
    # it to fresh pages, is not on this path).
    response["Content-Length"] = str(len(content))
    response["X-Cache"] = how
    return response


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _mark_public(response, etag: str, last_modified: str) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = last_modified
    response["Cache-Control"] = PUBLIC
    vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
    for header in ("HX-Request", "HX-History-Restore-Request"):
        if header not in vary:
            vary.append(header)
    response["Vary"] = ", ".join(vary)
