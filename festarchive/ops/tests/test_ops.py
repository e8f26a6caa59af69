"""Running in production: health checks, request logs, the server command."""

import json
import logging
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings

# Redis database 15, servers and database faults are one machine's: under
# pytest-xdist (--dist loadgroup) these tests all run in one worker, in turn.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("serial")]

FESTARCHIVE = [sys.executable, "-m", "festarchive"]


def production_env(tmp_path, **extra) -> dict:
    # The browser tests' fixtures allow async-unsafe calls in this process;
    # a production server refuses to start with that set (async.E001).
    inherited = {
        k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,archive.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "FESTARCHIVE_MEDIA_ROOT": str(tmp_path / "media"),
        **extra,
    }


def run_in_production(tmp_path, code: str, **env) -> str:
    """What ``code`` prints when run in a fresh process with the production
    settings (and ``env`` on top): settings that only apply at start-up."""
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup();" + code],
        env=production_env(tmp_path, **env),
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout


def test_the_site_address_and_the_proxy_count_come_from_the_environment(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(repr(s.FESTARCHIVE['SITE_URL']), s.ALLAUTH_TRUSTED_PROXY_COUNT)"
    )
    assert run_in_production(tmp_path, code).split() == ["''", "0"]
    assert run_in_production(
        tmp_path,
        code,
        FESTARCHIVE_SITE_URL="https://archive.example.org/",
        FESTARCHIVE_TRUSTED_PROXY_COUNT="1",
    ).split() == ["'https://archive.example.org'", "1"]


def test_healthz_and_readyz(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_fails_when_the_cache_loses_what_it_is_given(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["problems"] == ["cache: a value set could not be read back"]


def test_readyz_fails_when_the_database_is_down(tmp_path):
    code = (
        "from django.test import Client;"
        "r = Client().get('/readyz', HTTP_HOST='127.0.0.1', secure=True);"
        "print(r.status_code, r.content.decode())"
    )
    output = run_in_production(
        tmp_path, code, DATABASE_URL="postgres://postgres@127.0.0.1:1/none"
    )
    status, body = output.split(" ", 1)
    assert status == "503"
    assert json.loads(body)["problems"] == ["database default: OperationalError"]


def test_one_json_line_per_request_without_personal_data(
    client, caplog, reference_film
):
    caplog.set_level(logging.INFO, logger="festarchive.requests")
    client.get(
        "/en/archive/?q=alisa+kovalenko&section=best-of-fests",
        REMOTE_ADDR="203.0.113.9",
    )
    (record,) = [r for r in caplog.records if r.name == "festarchive.requests"]
    from festarchive.ops.requestlog import JsonFormatter

    line = json.loads(JsonFormatter().format(record))
    assert line["method"] == "GET" and line["path"] == "/en/archive/"
    assert line["status"] == 200 and line["duration_ms"] > 0
    assert line["query_keys"] == ["q", "section"]
    text = json.dumps(line)
    for personal in ("alisa", "kovalenko", "203.0.113.9"):
        assert personal not in text


def serve_check_only(env: dict) -> subprocess.CompletedProcess:
    """``festarchive serve --check-only`` in a fresh process with ``env``."""
    return subprocess.run(
        [*FESTARCHIVE, "serve", "--check-only"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_serve_refuses_an_insecure_configuration(tmp_path):
    for extra, message in (
        ({"DJANGO_DEBUG": "1"}, "DJANGO_DEBUG must be 0"),
        ({"DJANGO_SECRET_KEY": ""}, "Set DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "short"}, "security.W009"),
        ({"DJANGO_HSTS_SECONDS": "0"}, "security.W004"),
    ):
        env = production_env(tmp_path, **extra)
        if not env["DJANGO_SECRET_KEY"]:
            del env["DJANGO_SECRET_KEY"]
        result = serve_check_only(env)
        assert result.returncode == 1, (extra, result.stdout)
        assert message in result.stderr, (extra, result.stderr)


@pytest.mark.parametrize(
    ("database_url", "workers"),
    [
        # Read in the worker's own process: one worker a core, and one more.
        ("sqlite:///{tmp}/db.sqlite3", (os.cpu_count() or 1) + 1),
        # A server to wait on: gunicorn's two a core, and one more.
        ("postgres://postgres@127.0.0.1:5432/unused", 2 * (os.cpu_count() or 1) + 1),
    ],
)
def test_serve_sizes_its_workers_from_the_cores_and_the_database(
    tmp_path, database_url, workers
):
    env = production_env(
        tmp_path,
        DATABASE_URL=database_url.format(tmp=tmp_path),
        FESTARCHIVE_STATIC_ROOT=str(tmp_path / "static"),
    )
    env.pop("FESTARCHIVE_WORKERS", None)
    result = serve_check_only(env)
    assert result.returncode == 0, result.stderr
    assert f"Workers: {workers}." in result.stdout
    env["FESTARCHIVE_WORKERS"] = "7"
    chosen = serve_check_only(env)
    assert "Workers: 7." in chosen.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _get(url: str, **headers):
    """The server's own answer (a redirect is not followed)."""
    request = urllib.request.Request(  # noqa: S310 - our own server on the loopback
        url, headers={"Host": "archive.example.org", **headers}
    )
    try:
        return _opener.open(request, timeout=5)
    except urllib.error.HTTPError as error:
        return error


def test_serve_runs_gunicorn_with_static_files_cached_for_ever(tmp_path):
    env = production_env(
        tmp_path,
        FESTARCHIVE_STATIC_ROOT=str(tmp_path / "static"),
        FESTARCHIVE_ACCESS_LOG="1",
    )
    subprocess.run(
        [*FESTARCHIVE, "migrate", "-v", "0"], env=env, cwd=settings.BASE_DIR, check=True
    )
    port = _free_port()
    server = subprocess.Popen(
        [*FESTARCHIVE, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                health = _get(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.2)
        else:
            server.kill()
            pytest.fail(server.stdout.read())
        assert health.status == 200
        # Plain HTTP is sent to HTTPS; behind the proxy (X-Forwarded-Proto) it is served.
        assert _get(f"{base}/en/about/").status == 301
        page = _get(f"{base}/en/about/", **{"X-Forwarded-Proto": "https"})
        assert page.status == 200
        html = page.read().decode()
        css = next(
            part.split('"')[0]
            for part in html.split('href="')[1:]
            if part.startswith("/static/festarchive/css/site.")
        )
        assert css != "/static/festarchive/css/site.css"  # a hashed name
        static = _get(
            f"{base}{css}", **{"Accept-Encoding": "gzip", "X-Forwarded-Proto": "https"}
        )
        assert static.status == 200
        assert "immutable" in static.headers["Cache-Control"]
        assert static.headers["Content-Encoding"] == "gzip"
        assert "max-age=31536000" in page.headers.get("Strict-Transport-Security", "")
    finally:
        server.terminate()
        server.wait(timeout=30)
    # Asked for, gunicorn's own access line comes beside the application's.
    output = server.stdout.read()
    assert '"GET /healthz HTTP/1.1" 200' in output


def _page_and_ready(tmp_path, redis_url: str) -> tuple[int, int, str]:
    code = (
        "from django.core.management import call_command;"
        "call_command('migrate', verbosity=0);"
        "from django.test import Client; c = Client();"
        "page = c.get('/en/about/', HTTP_HOST='127.0.0.1', secure=True);"
        "ready = c.get('/readyz', HTTP_HOST='127.0.0.1', secure=True);"
        "print(page.status_code, ready.status_code, ready.content.decode())"
    )
    output = run_in_production(tmp_path, code, REDIS_URL=redis_url)
    page, ready, body = output.strip().split(" ", 2)
    return int(page), int(ready), body


def test_redis_is_the_shared_cache_and_its_absence_only_slows_things(tmp_path):
    import redis

    try:
        # Database 15 is the tests' own: start from nothing.
        redis.Redis.from_url("redis://127.0.0.1:6379/15").flushdb()
    except redis.ConnectionError:
        if os.environ.get("FESTARCHIVE_REDIS_TESTS") == "required":
            pytest.fail("no Redis at 127.0.0.1:6379, and CI requires it")
        pytest.skip("no Redis at 127.0.0.1:6379")
    assert _page_and_ready(tmp_path, "redis://127.0.0.1:6379/15")[:2] == (200, 200)
    # Nothing listens on port 1: the site still answers; /readyz says why not.
    page, ready, body = _page_and_ready(tmp_path, "redis://127.0.0.1:1/0")
    assert (page, ready) == (200, 503)
    assert "cache" in body


def test_pages_answer_503_with_the_designed_page_when_the_database_is_down(tmp_path):
    code = (
        "import time;"
        "from django.test import Client;"
        "c = Client(raise_request_exception=False);"
        "started = time.monotonic();"
        "r = c.get('/en/', HTTP_HOST='127.0.0.1', secure=True);"
        "print(r.status_code, r['Retry-After'], round(time.monotonic() - started, 1));"
        "print(r.content.decode())"
    )
    output = run_in_production(
        tmp_path, code, DATABASE_URL="postgres://postgres@127.0.0.1:1/none"
    )
    first, page = output.split("\n", 1)
    status, retry_after, seconds = first.split()
    assert (status, retry_after) == ("503", "30")
    assert float(seconds) < 5  # no hang
    assert "The archive is back in a moment" in page
    assert "Traceback" not in page and "OperationalError" not in page


@pytest.mark.django_db(transaction=True)
def test_gunicorn_reads_the_search_index_once_before_forking(reference_film):
    from festarchive.ops import gunicorn_conf
    from festarchive.search import facets
    from festarchive.search.indexer import rebuild_index

    rebuild_index()
    facets.forget()
    assert gunicorn_conf.preload_app is True
    gunicorn_conf.when_ready(server=None)
    # The workers, forked after this, start with the index in memory.
    index = facets._cache.states["default"][2]
    assert reference_film.pk in set(index.ids.tolist())
