"""Public pages come from the cache, and are never stale."""

import os
import threading
import time

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.test import Client

from festarchive.catalogue.models import Film, Person
from festarchive.catalogue.services import film_create
from festarchive.lists.tests.test_lists import make_visitor
from festarchive.ops import pagecache
from festarchive.ops.models import CatalogueVersion, RetiredTag

# Real commits: the version moves when a transaction commits, which never
# happens inside the transaction a plain database test runs in.
# Redis database 15, servers and database faults are one machine's: under
# pytest-xdist (--dist loadgroup) these tests all run in one worker, in turn.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group("serial"),
]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "PAGE_CACHE": True}


@pytest.fixture
def film(reference_film):
    return reference_film


def test_second_request_is_served_from_the_cache(client, film):
    url = film.get_absolute_url()
    first = client.get(url)
    assert first["X-Cache"] == "miss"
    second = client.get(url)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Cache-Control"] == first["Cache-Control"]
    assert (
        "public" in first["Cache-Control"] and "s-maxage=60" in first["Cache-Control"]
    )
    assert "HX-Request" in first["Vary"]


def test_public_pages_set_no_cookie_so_shared_caches_can_keep_them(client, film):
    for url in (film.get_absolute_url(), "/nl/", "/en/archive/?q=fade"):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, url
        assert "public" in response["Cache-Control"]
        # The security headers come with every copy.
        assert response["X-Frame-Options"] == "DENY"
        assert "Content-Security-Policy" in response
    hit = client.get(film.get_absolute_url())
    assert hit["X-Cache"] == "hit"
    assert hit["X-Frame-Options"] == "DENY" and "Content-Security-Policy" in hit
    assert hit["Content-Language"] == "en"


def test_a_public_page_answered_with_a_cookie_is_private(client, film, settings):
    settings.ROOT_URLCONF = "festarchive.testing.urls"
    for _ in range(2):
        response = client.get("/en/cookie-page/")
        assert response.cookies["remembered"].value == "yes"
        assert response["Cache-Control"] == "private, no-cache"
        assert "X-Cache" not in response


def test_a_host_with_another_port_never_shares_its_page(client, film):
    """The Host header passes ALLOWED_HOSTS whatever its port, and a page built
    on it links to that port: it is kept for that host alone."""
    url = film.get_absolute_url()
    poisoned = client.get(url, HTTP_HOST="localhost:6666")
    assert poisoned["X-Cache"] == "miss"
    assert "http://localhost:6666/" in poisoned.content.decode()
    for host in ("localhost", "testserver"):
        response = client.get(url, HTTP_HOST=host)
        assert response["X-Cache"] == "miss"
        assert "6666" not in response.content.decode()
        assert f"http://{host}/nl/films/" in response.content.decode()
    assert client.get(url, HTTP_HOST="localhost:6666")["X-Cache"] == "hit"


def test_a_disallowed_host_gets_400_even_for_a_cached_page(client, film):
    url = film.get_absolute_url()
    assert client.get(url)["X-Cache"] == "miss"
    hit = client.get(url)
    assert hit["X-Cache"] == "hit"
    response = client.get(url, HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert "X-Cache" not in response
    # Nor is a copy confirmed for it.
    revalidated = client.get(
        url, HTTP_HOST="attacker.example", HTTP_IF_NONE_MATCH=hit["ETag"]
    )
    assert revalidated.status_code == 400


def test_with_a_site_url_every_host_shares_one_page(client, film, settings):
    """Pages built from FESTARCHIVE_SITE_URL are the same whatever the host."""
    settings.FESTARCHIVE = {
        **settings.FESTARCHIVE,
        "SITE_URL": "https://archive.example.org",
    }
    url = film.get_absolute_url()
    first = client.get(url, HTTP_HOST="localhost:6666")
    assert first["X-Cache"] == "miss"
    second = client.get(url)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert "6666" not in second.content.decode()
    assert "https://archive.example.org/nl/films/" in second.content.decode()


def test_an_edit_shows_on_the_next_request(client, film):
    url = film.get_absolute_url()
    client.get(url)
    film.synopsis_en = "A new synopsis, written just now."
    film.save()
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert "A new synopsis, written just now." in response.content.decode()


def test_writes_that_bypass_models_retire_pages_too(client, film):
    url = film.get_absolute_url()
    client.get(url)
    # A bulk update sends no signal; raw SQL even less.
    Film.objects.filter(pk=film.pk).update(runtime_minutes=123)
    assert "123 min" in client.get(url).content.decode()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE catalogue_person SET name = %s WHERE slug = %s",
            ["Alisa Kovalenko-Raw", "alisa-kovalenko"],
        )
    assert "Alisa Kovalenko-Raw" in client.get(url).content.decode()


def test_a_rolled_back_write_leaves_the_version(client, film):
    before = CatalogueVersion.objects.get().counter
    try:
        with transaction.atomic():
            Person.objects.filter(slug="alisa-kovalenko").update(name="Never")
            raise RuntimeError("changed my mind")
    except RuntimeError:
        pass
    assert CatalogueVersion.objects.get().counter == before


def test_the_version_moves_once_when_a_transaction_commits(client, film):
    url = film.get_absolute_url()
    client.get(url)
    before = CatalogueVersion.objects.get().counter
    with transaction.atomic():
        Film.objects.filter(pk=film.pk).update(runtime_minutes=124)
        # Until the commit, pages keep their version (and their old data).
        assert CatalogueVersion.objects.get().counter == before
        Person.objects.filter(slug="alisa-kovalenko").update(name="Alisa K.")
    assert CatalogueVersion.objects.get().counter == before + 1
    assert "124 min" in client.get(url).content.decode()


def test_a_write_in_a_rolled_back_savepoint_still_counts_the_outer_ones(film):
    before = CatalogueVersion.objects.get().counter
    with transaction.atomic():
        try:
            with transaction.atomic():
                Person.objects.filter(slug="alisa-kovalenko").update(name="Gone")
                raise RuntimeError("undo the inner part")
        except RuntimeError:
            pass
        Film.objects.filter(pk=film.pk).update(runtime_minutes=125)
    assert CatalogueVersion.objects.get().counter == before + 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite lets one transaction write at a time, whatever we do",
)
def test_a_long_import_does_not_hold_up_staff_edits(film):
    importing, finish = threading.Event(), threading.Event()

    def long_import():
        try:
            with transaction.atomic():
                Person.objects.filter(slug="alisa-kovalenko").update(name="Importing")
                importing.set()
                finish.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=long_import)
    thread.start()
    assert importing.wait(10)
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '2s'")
    try:
        # A staff edit of another record, while the import is still open.
        Film.objects.filter(pk=film.pk).update(runtime_minutes=126)
    finally:
        finish.set()
        thread.join()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert Person.objects.get(slug="alisa-kovalenko").name == "Importing"


def test_conditional_requests_get_304(client, film):
    url = film.get_absolute_url()
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    film.title_nl = "Wij doven niet uit"
    film.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed["Last-Modified"] >= modified


def test_htmx_results_and_whole_pages_are_cached_apart(client, film):
    from festarchive.search.indexer import rebuild_index

    rebuild_index()
    page = client.get("/en/archive/?q=fade")
    part = client.get("/en/archive/?q=fade", HTTP_HX_REQUEST="true")
    assert "<html" in page.content.decode()
    assert "<html" not in part.content.decode()
    assert page["ETag"] != part["ETag"]
    # Served again from the cache, the results keep htmx's address header.
    again = client.get("/en/archive/?q=fade", HTTP_HX_REQUEST="true")
    assert again["X-Cache"] == "hit"
    assert again["HX-Push-Url"] == part["HX-Push-Url"] == "/en/archive/?q=fade"
    assert again.content == part.content
    restore = client.get(
        "/en/archive/?q=fade",
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<html" in restore.content.decode()


def test_languages_are_cached_apart(client, film):
    english = client.get(film.get_absolute_url())
    dutch = client.get(film.get_absolute_url().replace("/en/", "/nl/"))
    assert english["ETag"] != dutch["ETag"]
    assert 'lang="nl"' in dutch.content.decode()


def test_logged_in_visitors_get_private_fresh_pages(client, film):
    url = film.get_absolute_url()
    Client().get(url)  # cached by an anonymous visitor
    client.force_login(make_visitor())
    response = client.get(url)
    assert response["Cache-Control"] == "private, no-cache"
    assert "X-Cache" not in response
    assert 'action="/en/films/' in response.content.decode()  # their heart form
    assert client.get("/en/my-archive/").status_code == 200


def test_a_pending_message_is_never_cached(client, film):
    client.force_login(make_visitor())
    client.post(f"/en/films/{film.slug}/add-to-list/", {"new_list": "Flash"})
    assert "messages" in client.cookies
    del client.cookies["sessionid"]  # no longer logged in; the message waits
    response = client.get(film.get_absolute_url())
    assert response["Cache-Control"] == "private, no-cache"
    assert "Added We Will Not Fade Away" in response.content.decode()
    assert (
        "Added We Will Not Fade Away"
        not in Client().get(film.get_absolute_url()).content.decode()
    )


def test_new_films_appear_in_cached_lists(client, film):
    from festarchive.search.indexer import rebuild_index

    rebuild_index()
    before = client.get("/en/archive/").content.decode()
    film_create(title_en="Brand New Arrival", year=2024, runtime_minutes=70)
    rebuild_index()
    after = client.get("/en/archive/").content.decode()
    assert "Brand New Arrival" not in before and "Brand New Arrival" in after


def test_an_import_retires_cached_pages(client, film):
    import json

    from festarchive.importers.catalogue_import import import_catalogue
    from festarchive.importers.jsonl import export_lines

    url = film.get_absolute_url()
    client.get(url)
    lines = []
    for line in export_lines():
        record = json.loads(line)
        if record.get("slug") == film.slug:
            record["runtime_minutes"] = 97
        lines.append(json.dumps(record, ensure_ascii=False))
    assert import_catalogue(lines).ok
    assert "97 min" in client.get(url).content.decode()


def test_a_tag_retired_elsewhere_shows_within_the_version_ttl(client, film):
    """On PostgreSQL the catalogue version is read from the cache for up to
    VERSION_TTL seconds: a writer that does not share this cache (an import
    run with another cache setting) is seen within that time. SQLite's is
    read from the file each time. Writes made here are seen at once."""
    url = film.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    # The other writer's retirement, straight into the tables.
    CatalogueVersion.objects.filter(pk=1).update(counter=F("counter") + 1)
    RetiredTag.objects.update_or_create(
        tag=f"film:{film.pk}",
        defaults={"version": CatalogueVersion.objects.get().counter},
    )
    if connection.vendor == "sqlite":
        assert client.get(url)["X-Cache"] == "miss"
    else:
        assert client.get(url)["X-Cache"] == "hit"
        time.sleep(pagecache.VERSION_TTL + 0.2)
        assert client.get(url)["X-Cache"] == "miss"

    film.runtime_minutes = 77
    film.save()
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert "77 min" in response.content.decode()


@pytest.fixture
def redis_cache(settings):
    """The page cache in Redis (the tests' database 15), as in production."""
    import redis

    url = "redis://127.0.0.1:6379/15"
    server = redis.Redis.from_url(url)
    try:
        server.flushdb()
    except redis.ConnectionError:
        if os.environ.get("FESTARCHIVE_REDIS_TESTS") == "required":
            pytest.fail("no Redis at 127.0.0.1:6379, and CI requires it")
        pytest.skip("no Redis at 127.0.0.1:6379")
    settings.CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url}
    }
    yield server
    server.flushdb()


# Every Redis command that reads a value, as counted by the server itself.
READS = ("get", "mget", "exists", "hget", "hmget")


def _cache_reads(server) -> int:
    stats = server.info("commandstats")
    return sum(stats.get(f"cmdstat_{name}", {}).get("calls", 0) for name in READS)


def test_a_cached_page_costs_redis_one_read_and_a_stale_one_is_replaced(
    client, film, redis_cache
):
    """While nothing is retired, the page and the catalogue version (cached
    with PostgreSQL) come back in one read; a page whose tags were retired is
    rendered again in its place."""
    url = film.get_absolute_url()
    assert client.get(url)["X-Cache"] == "miss"
    before = _cache_reads(redis_cache)
    hit = client.get(url)
    assert hit["X-Cache"] == "hit"
    assert _cache_reads(redis_cache) - before == 1

    film.synopsis_en = "Rewritten while its old page sat in Redis."
    film.save()
    fresh = client.get(url)
    assert fresh["X-Cache"] == "miss"
    assert "Rewritten while its old page sat in Redis." in fresh.content.decode()
    again = client.get(url)
    assert again["X-Cache"] == "hit"
    assert again.content == fresh.content
    assert again["ETag"] == fresh["ETag"] != hit["ETag"]
    # One page per address (and what it is checked by): the page of the
    # older version was overwritten.
    pages = [
        k
        for k in redis_cache.scan_iter("*page:*")
        if b":tag:" not in k and not k.endswith(b":version")
    ]
    assert sorted(k.endswith(b":body") for k in pages) == [False, True]


def _bytes_sent(server) -> int:
    return server.info("stats")["total_net_output_bytes"]


def test_a_304_does_not_fetch_the_page_from_redis(client, film, redis_cache):
    """Browsers revalidate every page they show again: the answer needs what
    the page is checked by, not the page."""
    url = film.get_absolute_url()
    first = client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    size = len(first.content)

    before = _bytes_sent(redis_cache)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    # What Redis sent: its own answer to INFO, the page's versions and tags.
    assert _bytes_sent(redis_cache) - before < size / 4

    # A copy that is out of date gets the page, from the cache.
    before = _bytes_sent(redis_cache)
    stale = client.get(url, HTTP_IF_NONE_MATCH='"an-older-etag"')
    assert (stale.status_code, stale["X-Cache"]) == (200, "hit")
    assert stale.content == first.content
    assert _bytes_sent(redis_cache) - before > size / 2


def _visit_at_once(paths: list[str]) -> list:
    """GET every path from its own thread and visitor, all at once."""
    responses: list = [None] * len(paths)
    start = threading.Barrier(len(paths))

    def visit(index: int, path: str) -> None:
        try:
            start.wait(10)
            responses[index] = Client().get(path)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=visit, args=(i, path)) for i, path in enumerate(paths)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return responses


def _cache_answers(responses) -> list[str]:
    return sorted(
        "stored" if r["X-Cache"] in ("wait", "hit") else r["X-Cache"] for r in responses
    )


@pytest.fixture
def patient(monkeypatch):
    # Far longer than any wait below should last: a wait that ends on its
    # own, not by running out of time, finishes well within it.
    monkeypatch.setattr(pagecache, "RENDER_WAIT", 30)


def test_a_page_asked_for_by_many_at_once_is_rendered_once(settings, film, patient):
    """After the version moves, every page misses at once: the busiest ones
    are rendered by one request while the others wait for its page."""
    from festarchive.testing.urls import slow_renders

    settings.ROOT_URLCONF = "festarchive.testing.urls"
    slow_renders.clear()
    started = time.monotonic()
    responses = _visit_at_once(["/en/slow/programme/"] * 4 + ["/en/slow/other/"])
    assert slow_renders == {"programme": 1, "other": 1}
    programme = responses[:4]
    assert {r.status_code for r in programme} == {200}
    assert len({r.content for r in programme}) == 1
    # One rendered it; the others waited for its page (or, arriving late,
    # found it stored).
    assert _cache_answers(programme) == ["miss", "stored", "stored", "stored"]
    assert len({r["ETag"] for r in programme}) == 1
    assert time.monotonic() - started < 15

    # The version moves: the next crowd gets the page rendered anew, once.
    Film.objects.filter(pk=film.pk).update(runtime_minutes=64)
    responses = _visit_at_once(["/en/slow/programme/"] * 3)
    assert slow_renders["programme"] == 2
    assert _cache_answers(responses) == ["miss", "stored", "stored"]
    assert responses[0]["ETag"] != programme[0]["ETag"]


def test_waiting_ends_when_the_first_rendering_has_nothing_to_share(settings, patient):
    """A page that cannot be cached (here a 404) is rendered by each request,
    which waited only as long as the first one took."""
    from festarchive.testing.urls import slow_renders

    settings.ROOT_URLCONF = "festarchive.testing.urls"
    slow_renders.clear()
    started = time.monotonic()
    responses = _visit_at_once(["/en/slow/missing/"] * 3)
    assert [r.status_code for r in responses] == [404, 404, 404]
    assert slow_renders["missing"] == 3
    # Each waited for the first (0.5 s), then rendered its own (0.5 s).
    assert time.monotonic() - started < 15
