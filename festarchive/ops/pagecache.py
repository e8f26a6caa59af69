"""Public pages cached whole, each retired by the writes that change it.

A page is cached for visitors who are not logged in and carry no pending
message: what they see is the same for everyone. While it renders, it
collects the tags of what it shows (festarchive.core.pagetags: ``film:12``,
``person:45``…); it is stored with them and with the catalogue version
(models.CatalogueVersion) read before it rendered. A committed write moves
the version on and marks the tags it changed with the new version
(models.RetiredTag); a stored page is served while none of its tags was
retired after the version it holds. So an edit shows on the very next
request to every page that showed what it changed, on every app server, and
every other page stays cached. A write the tags cannot follow (raw SQL with
no ``pagetags.writing``) retires ``pagetags.ALL``, which every page carries.

The version and the tags move when the transaction has committed, in a
transaction of their own: moving them inside it would hold their rows until
the commit, and a staff edit would wait for the whole of a long import. A page
rendered between the commit and the move holds new data under an old version:
it is retired by the move, harmlessly. Old data can never be stored as fresh,
because a page reads the version before its data, and a page whose tags were
retired while it rendered is not stored at all.

A page is stored under its address, in two entries: what a browser's copy
is checked against (version, tags, ETag, Last-Modified) and the page itself.
The address includes the origin its absolute links start with
(core.links.site_origin): the configured site address, which every host then
shares, or else the scheme and host the request came with, port included, so
that a page built for one Host header is never served for another. The host
is checked against ALLOWED_HOSTS before the cache is read: one Django would
refuse gets its 400, never a stored page.

A cached page is current at once when nothing at all was retired since it
was stored (its version is still the catalogue's); else its tags' versions
decide, which each process keeps a copy of (``_Retirements``: every
retirement since it started, caught up with one query when the version
moves). So a hit costs one round trip to the cache and no query, while staff
edit too. With PostgreSQL the cache keeps the catalogue version for a second
(``VERSION_TTL``), fetched with the page; a retirement through this code
writes the new one to the cache when it commits, and one made by a process
that uses another cache (an import run without ``REDIS_URL``) shows within
the second. (SQLite's version is read from this process's file, sooner than
the cache could answer.)

A page that several requests miss at once is rendered by the first of them,
under a lock in the cache; the others wait for its page, up to
``RENDER_WAIT``, and render their own only if it brings none.

A page also belongs to the festival day it was rendered on
(programme.clock.festival_today, turning at 06:00 on the festival's clock):
the timetable's default day, a film's upcoming screenings and the current
edition all move on with the day, without any write to say so. Every page is
therefore rendered afresh once a day.

A search's results depend on the search index, which an edit brings up to
date after its commit and an import after its whole file: they are kept for
``public_page(max_age=…)`` seconds at most (the archive's: a minute),
retired sooner by an edit to a film they show.

Each cached page answers conditional requests: a browser or proxy whose copy
is current gets a 304 without the page being rendered or read. A purging
proxy in front (ops.purge: Varnish with xkey) is told the tags of each page
in its ``xkey`` header and is sent the retired tags after each write.
Personal pages are marked private.
"""

import hashlib
import re
import threading
import time
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections, transaction
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import http_date, quote_etag
from django.utils.translation import get_language_from_path

from festarchive.core import pagetags
from festarchive.core.links import site_origin
from festarchive.core.public import (
    is_public_page,
    keep_at_most,
    kept_at_most,
    page_max_age,
)
from festarchive.programme.clock import festival_today, seconds_to_next_day

from . import purge
from .models import CatalogueVersion, RetiredTag

WRITES = ("insert", "update", "delete", "replace")

# Shared caches may keep a page this long; browsers revalidate every time
# (a 304 costs almost nothing). Edits reach a CDN within a minute; a purging
# proxy is told at once, and keeps pages until then (``Surrogate-Control``).
PUBLIC = "public, max-age=0, s-maxage=60, stale-while-revalidate=30"
PRIVATE = "private, no-cache"
TIMEOUT = 60 * 60 * 24
# How long the cache may answer for the catalogue version before it is read
# again from the database (every retirement through this code writes the new
# one to the cache at once).
VERSION_TTL = 1
# How long a request waits for a page that another one is rendering, and how
# often it looks (the slowest pages take a few hundred milliseconds).
RENDER_WAIT = 3
RENDER_POLL = 0.02
# Part of every key: a release that stores pages differently starts afresh
# instead of reading what an older one left in a shared cache.
CACHE_FORMAT = "v5"
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


# -- versions and tags --------------------------------------------------------
_NEXT_VERSION_SQL = (
    f"UPDATE {CatalogueVersion._meta.db_table} "  # noqa: S608
    "SET counter = counter + 1, changed_at = %s WHERE id = 1 RETURNING counter"
)
_VERSION_SQL = f"SELECT counter FROM {CatalogueVersion._meta.db_table} WHERE id = 1"  # noqa: S608


def retire(tags, using: str = "default") -> int:
    """Move the version on and mark ``tags`` with it: every cached page with
    one of them is old from now on, here and in the purging proxy. Returns
    the new version."""
    tags = sorted(set(tags))
    with transaction.atomic(using=using):
        conn = connections[using]
        with conn.cursor() as cursor:
            cursor.execute(_NEXT_VERSION_SQL, [timezone.now()])
            row = cursor.fetchone()
        if row is None:
            CatalogueVersion.objects.using(using).get_or_create(
                pk=1, defaults={"counter": 1, "changed_at": timezone.now()}
            )
            return retire(tags, using=using)
        (version,) = row
        table = conn.ops.quote_name(RetiredTag._meta.db_table)
        for start in range(0, len(tags), 400):
            chunk = tags[start : start + 400]
            with conn.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {table} (tag, version) VALUES "  # noqa: S608
                    + ", ".join(["(%s, %s)"] * len(chunk))
                    + " ON CONFLICT (tag) DO UPDATE SET version = excluded.version",
                    [value for name in chunk for value in (name, version)],
                )
    if connection.vendor != "sqlite":
        cache.set(VERSION_KEY, version, VERSION_TTL)
    purge.backend().purge(tags)
    return version


def bump(using: str = "default") -> None:
    """Retire every cached page now."""
    retire({pagetags.ALL}, using=using)


def bump_on_commit(using: str = "default") -> None:
    """Retire every cached page once the current transaction commits."""
    pagetags.retire_on_commit({pagetags.ALL}, using=using)


def current_version() -> int:
    """The catalogue version, from the database."""
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL)
        row = cursor.fetchone()
    if row is None:
        bump()
        return current_version()
    return row[0]


def tag_versions(tags) -> int:
    """The latest version any of ``tags`` was retired at (0: never), from
    the database."""
    return _tag_versions_in_database(list(tags))


class _Retirements:
    """This process's copy of the retirements since it started: tag ->
    version, complete up to ``upto``. A cached page stored since then is
    checked here, without a query; the copy catches up with one query when
    the catalogue version has moved (once an edit, not once a request)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.since: int | None = None
        self.upto = 0
        self.versions: dict[str, int] = {}

    def latest(self, tags, stored_at: int, version: int) -> int:
        if self.since is None:
            with self.lock:
                if self.since is None:
                    self.since = self.upto = current_version()
        if version < self.upto:
            self.forget()  # the database went back (restored): start afresh
            return tag_versions(tags)
        if stored_at < self.since:
            return tag_versions(tags)  # older than this copy: ask the database
        if version > self.upto:
            self._catch_up(version)
        versions = self.versions
        return max((versions.get(name, 0) for name in tags), default=0)

    def _catch_up(self, version: int) -> None:
        with self.lock:
            if version <= self.upto:
                return
            table = connection.ops.quote_name(RetiredTag._meta.db_table)
            with connection.cursor() as cursor:
                # Every retirement up to ``version`` has committed: the
                # version moves in the same transaction as its tags.
                cursor.execute(
                    f"SELECT tag, version FROM {table} WHERE version > %s",  # noqa: S608
                    [self.upto],
                )
                rows = cursor.fetchall()
            if len(self.versions) > RETIREMENTS_KEPT:
                # Start the copy afresh: pages stored before ask the database.
                self.versions, self.since = {}, version
            self.versions.update(rows)
            self.upto = max([version, *(v for _tag, v in rows)])

    def forget(self) -> None:
        with self.lock:
            self.since, self.upto, self.versions = None, 0, {}


_retirements = _Retirements()


def forget_retirements() -> None:
    """Drop this process's copy of the retirements (tests, a restored database)."""
    _retirements.forget()


# Tags this process keeps retirements of, at most (a day of edits at one a
# second retires some hundred thousand).
RETIREMENTS_KEPT = 200_000


def _tag_versions_in_database(tags: list[str]) -> int:
    return max(_tag_versions_by_name(tags).values(), default=0)


def _tag_versions_by_name(tags: list[str]) -> dict[str, int]:
    found = {}
    for start in range(0, len(tags), 500):  # under SQLite's variable limit
        found.update(
            RetiredTag.objects.filter(tag__in=tags[start : start + 500]).values_list(
                "tag", "version"
            )
        )
    return found


# -- writes the tags cannot follow ---------------------------------------
# While `migrate` runs, tables come and go (ours among them): nothing to watch.
_migrating = False


def _migration_started(**kwargs) -> None:
    global _migrating
    _migrating = True


def _migration_finished(**kwargs) -> None:
    global _migrating
    _migrating = False


def _shown_tables() -> tuple[str, ...]:
    from django.apps import apps

    tables = set()
    for model in apps.get_models(include_auto_created=True):
        if pagetags.is_shown(model) or (
            model._meta.auto_created and pagetags.is_shown(model._meta.auto_created)
        ):
            tables.add(model._meta.db_table.lower())
    return tuple(sorted(tables))


_SHOWN_TABLES = None  # a pattern of their names, once the apps are ready


def _watch_writes(execute, sql, params, many, context):
    """Database execute wrapper, the safety net of the tags: a statement that
    writes to a table the public pages show, outside a model's save or
    delete and outside ``pagetags.writing``, retires every page."""
    result = execute(sql, params, many, context)
    if _migrating:
        return result
    # The text first: a read (nearly every statement) is known by its first
    # word, and only a write to a shown table walks the call stack.
    statement = sql.lstrip()[:200].lower()
    if (
        statement.startswith(WRITES)
        and _SHOWN_TABLES.search(statement)
        and not pagetags.in_tracked_write()
    ):
        bump_on_commit(using=context["connection"].alias)
    return result


def install(sender=None, connection=None, **kwargs) -> None:
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def watch_all_connections() -> None:
    global _SHOWN_TABLES
    _SHOWN_TABLES = re.compile(
        r"\b(?:" + "|".join(re.escape(t) for t in _shown_tables()) + r")\b"
    )
    pagetags.watch_shown_models()
    pagetags.set_retirer(retire)
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
    page found in the cache costs two cache reads (the page, its tags'
    versions), not a session, a user, a CSRF check and a template. What it
    stores is the page as the inner middleware left it, their headers
    included.
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
        # A browser revalidating its copy needs the page's versions alone,
        # unless its copy turns out to be old.
        known = request.headers.get("If-None-Match")
        version, found = _version_with([key] if known else [key, key + ":body"])
        meta = found.get(key)
        if meta is not None and _current(meta, version):
            if known and meta.etag in [tag.strip() for tag in known.split(",")]:
                response = HttpResponseNotModified()
                _mark_public(response, meta)
                return response
            body = found.get(key + ":body") if not known else cache.get(key + ":body")
            if body is not None and body[0] == meta.version:
                return _from_cache(meta, body, "hit")

        # For process_view: where this page goes, should it be a public one.
        # The version a page is stored at is read from the database, before
        # its data: never a cached copy that may lag behind a retirement.
        version = current_version()
        request._page_miss = (key, version)
        try:
            with pagetags.collecting() as shown:
                response = self.get_response(request)
            if getattr(request, "_page_waited", False):
                if response.cookies:  # set on its way out: see _store
                    response["Cache-Control"] = PRIVATE
                return response
            if getattr(request, "_public_page", False):
                self._store(request, response, key, version, shown)
        finally:
            if lock := getattr(request, "_page_lock", None):
                cache.delete(lock)
        return response

    def _store(self, request, response, key, version, shown) -> None:
        if response.cookies:
            # Whatever set a cookie made this answer someone's own: a shared
            # cache must never hand it to anyone else.
            response["Cache-Control"] = PRIVATE
            return
        tags = tuple(pagetags.page_tags(shown))
        max_age = kept_at_most(request)
        meta = Stored(
            version=version,
            tags=tags,
            etag=quote_etag(_digest(f"{version}|{key}|{'|'.join(tags)}")),
            last_modified=http_date(time.time()),
            max_age=max_age,
        )
        _mark_public(response, meta)
        response["X-Cache"] = "miss"
        if response.status_code != 200 or response.streaming:
            return
        # Retired while it rendered: what it read may be old already.
        if tag_versions(tags) > version:
            return
        headers = [
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in UNCACHED_HEADERS
        ]
        timeout = max_age or TIMEOUT
        cache.set_many(
            {
                key: meta,
                key + ":body": (
                    version,
                    response.status_code,
                    headers,
                    response.content,
                ),
            },
            timeout,
        )

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_public_page(view_func):
            return None
        request._public_page = True
        keep_at_most(request, page_max_age(view_func))
        miss = getattr(request, "_page_miss", None)
        if miss is None:
            return None
        # One rendering of a page at a time: the busiest pages would otherwise
        # be rendered by every worker asked for them just after an edit. The
        # others wait for the first one's page (in the cache, so across app
        # servers).
        key, version = miss
        lock = f"{key}:rendering:{version}"
        # add() answers None when the cache is unreachable: render, then.
        if cache.add(lock, 1, RENDER_WAIT) is not False:
            request._page_lock = lock
            return None
        stored = _wait_for_page(key, version, lock)
        if stored is None:
            return None  # the first rendering gave nothing to share: render
        request._page_waited = True
        return _from_cache(*stored, "wait")


class Stored(NamedTuple):
    """What a cached page is checked by: the version it was rendered at, its
    tags, its ETag and Last-Modified, and how long it may be kept (None: until
    retired)."""

    version: int
    tags: tuple[str, ...]
    etag: str
    last_modified: str
    max_age: int | None = None


def _current(meta: Stored, version: int) -> bool:
    """Whether no tag of the page was retired after it was rendered: at once
    when nothing at all was retired since (``version``, the catalogue's, is
    still the page's), else by its tags' versions."""
    if version <= meta.version:
        return True
    return _retirements.latest(meta.tags, meta.version, version) <= meta.version


def _version_with(keys: list[str]) -> tuple[int | None, dict]:
    """What the cache holds under ``keys``, and the catalogue version: with
    SQLite from the file, else from the cache (``VERSION_TTL``) when it has
    it, in the same round trip."""
    if connection.vendor == "sqlite":
        return current_version(), cache.get_many(keys)
    found = cache.get_many([*keys, VERSION_KEY])
    version = found.pop(VERSION_KEY, None)
    if version is None:
        version = current_version()
        cache.set(VERSION_KEY, version, VERSION_TTL)
    return version, found


def _wait_for_page(key: str, version: int, lock: str) -> tuple | None:
    """The page at ``version`` or later once another request has stored it;
    None if that request ends without storing one, or takes longer than
    RENDER_WAIT."""
    deadline = time.monotonic() + RENDER_WAIT
    while time.monotonic() < deadline:
        time.sleep(RENDER_POLL)
        found = cache.get_many([key, key + ":body", lock])
        meta, body = found.get(key), found.get(key + ":body")
        if (
            meta is not None
            and body is not None
            and meta.version >= version
            and body[0] == meta.version
        ):
            return meta, body
        if lock not in found:
            return None
    return None


def _from_cache(meta: Stored, body: tuple, how: str) -> HttpResponse:
    _version, status, headers, content = body
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


def _mark_public(response, meta: Stored) -> None:
    response["ETag"] = meta.etag
    response["Last-Modified"] = meta.last_modified
    if meta.max_age is not None:
        response["Cache-Control"] = (
            f"public, max-age=0, s-maxage={min(meta.max_age, 60)}, "
            "stale-while-revalidate=30"
        )
    else:
        response["Cache-Control"] = PUBLIC
    vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
    for header in ("HX-Request", "HX-History-Restore-Request"):
        if header not in vary:
            vary.append(header)
    response["Vary"] = ", ".join(vary)
    proxy = purge.backend()
    if proxy.tags_header:
        # A purging proxy keeps the page until one of its tags is retired,
        # or the festival's day turns, or its max_age runs out.
        response[proxy.tags_header] = " ".join(pagetags.proxy_tags(meta.tags))
        keep = seconds_to_next_day()
        if meta.max_age is not None:
            keep = min(keep, meta.max_age)
        response["Surrogate-Control"] = f"max-age={keep}"
