#!/usr/bin/env python
"""Festival-week load: the production server under wrk, beside nginx's ceiling.

    .venv/bin/python bench/load.py                       # SQLite, then PostgreSQL
    .venv/bin/python bench/load.py --database sqlite      # one of them
    .venv/bin/python bench/load.py --duration 10          # a quick look

For each database it starts ``festarchive serve`` (gunicorn, production
settings, Redis as the cache) on 127.0.0.1 against the generated archive of
100,000 films (``make bench-generate`` makes them; this script does too when
they are missing), and drives it with wrk, 64 connections for 60 s, through
the festival-week mix:

- 70% film pages, drawn at random from a pool of films itself drawn at random
  from the whole archive (``--film-pool``, 10,000 by default);
- 20% searches: words from titles and names, some misspelt or without their
  accents, half of them with one or two facets, and facet browsing alone;
- 10% person pages (directors and crew), edition pages, and the live
  edition's timetable by day and its venues' pages (the demo programme,
  ``festarchive.demo.programme``, which this script adds to the archive).

Per database, in one run:

1. ``nginx static``: nginx serving a saved copy of the reference film page at
   every address of the mix, driven by the same wrk script: the ceiling of
   this machine (``static, 1 url`` is the same page at one address);
2. ``app, cold``: the page cache off, so every page is rendered (and
   ``cold, films``: film pages alone); then ``plain Django``, the yardstick
   the cold target is set against: the same film pages from a plain Django
   view (``bench/plain``: Django's default middleware, the ORM with
   ``prefetch_related``, a template of the page's content), under gunicorn
   with as many workers, and ``cold, films`` as a multiple of it;
3. ``app, warm``: the page cache on, every page of the pools cached once first;
4. ``behind proxy``: nginx with ``proxy_cache`` (the ``location /`` of
   docs/deployment.md) in front of the warm application.

5. ``warm, counted`` and ``warm + edits``: the warm mix again, its answers
   counted (page-cache hits), then the same with staff edits at one a second
   (bench/editor.py: films, people, credits, screenings, through the models
   and services), which checks that each edit shows on the next request to
   its page;
6. ``varnish`` and ``varnish+edits``: Varnish with xkey (the VCL of
   docs/deployment.md) in front of the app, told of every edit, without and
   with the edits.

``--configs cold,warm,proxy,edits,varnish`` picks some of 2–6.
It prints requests/s, p50 and p99 latency, errors, the ratios to the nginx
ceiling and the memory of each gunicorn worker (RSS, and PSS, which shares
out the pages the workers hold in common). Only 127.0.0.1 is ever contacted;
every wrk run stops after ``--duration`` seconds. nginx and wrk come from
Debian's packages and are installed when missing (as root).
"""

import argparse
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = ROOT / "var" / "bench" / "load"
DATABASES = {
    "sqlite": f"sqlite:///{ROOT / 'var' / 'bench' / 'generate.sqlite3'}",
    "postgresql": "postgres://postgres@127.0.0.1:5432/festarchive_bench",
}
REDIS_URL = "redis://127.0.0.1:6379/14"  # the tests use 15
HOST = "127.0.0.1"
REFERENCE_FILM = "/en/films/we-will-not-fade-away-2023/"
# What the reverse proxy says on every request it forwards; the app redirects
# plain HTTP to HTTPS otherwise.
FORWARDED = {"X-Forwarded-Proto": "https"}


# -- tools ---------------------------------------------------------------------------
def ensure_tools() -> None:
    missing = [tool for tool in ("nginx", "wrk") if shutil.which(tool) is None]
    if shutil.which("varnishd") is None:
        missing += ["varnish", "varnish-modules"]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(
            f"Install {' and '.join(missing)} (apt-get install {' '.join(missing)})."
        )
    print(f"Installing {', '.join(missing)} from Debian's packages…", flush=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-q", *missing],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (loopback)
                return
        except urllib.error.HTTPError:
            return  # an answer all the same
        except (OSError, urllib.error.URLError):
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds:.0f} s")


# -- the archive and what to ask it -----------------------------------------------
def ensure_archive(database_url: str) -> None:
    """Generate the 100,000 films into the scratch database when missing."""
    if _film_count(database_url) >= 100_000:
        return
    print("Generating the 100,000-film archive (several minutes)…", flush=True)
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "generate.py"),
            "--database",
            database_url,
        ],
        check=True,
    )


def _film_count(database_url: str) -> int:
    parsed = urlparse(database_url)
    try:
        if parsed.scheme.startswith("sqlite"):
            import sqlite3

            if not Path(parsed.path).exists():
                return 0
            with sqlite3.connect(parsed.path) as conn:
                return conn.execute("SELECT count(*) FROM catalogue_film").fetchone()[0]
        import psycopg

        with psycopg.connect(database_url) as conn:
            return conn.execute("SELECT count(*) FROM catalogue_film").fetchone()[0]
    except Exception:  # noqa: BLE001 (no database, no table: generate it)
        return 0


def build_pools(database_url: str, film_pool: int, seed: int) -> dict[str, list[str]]:
    """The URLs of the mix, read from the archive in a child process (so this
    process never holds Django set up on one database while serving another)."""
    code = textwrap.dedent(
        f"""
        import json, os, sys
        sys.path.insert(0, {str(ROOT)!r})
        os.environ["DATABASE_URL"] = {database_url!r}
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
        import django
        django.setup()
        from bench.load import pools_from_archive
        from festarchive.demo.programme import ensure_programme
        ensure_programme()  # the live edition's timetable, moved to today
        print(json.dumps(pools_from_archive({film_pool}, {seed})))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    if result.returncode:
        sys.exit(f"Could not read the archive:\n{result.stderr}")
    output = result.stdout
    return json.loads(output.strip().splitlines()[-1])


def pools_from_archive(film_pool: int, seed: int) -> dict[str, list[str]]:
    from django.db.models import Count

    from festarchive.catalogue.models import Film, Person
    from festarchive.festival.models import Edition
    from festarchive.search.normalise import fold
    from festarchive.search.queries import SearchParams, archive_search

    rng = random.Random(seed)
    film_ids = list(Film.objects.filter(is_published=True).values_list("pk", flat=True))
    chosen = rng.sample(film_ids, min(film_pool, len(film_ids)))
    films = list(Film.objects.filter(pk__in=chosen).values_list("slug", "title_en"))
    people = list(
        Person.objects.annotate(n=Count("credits"))
        .filter(n__gt=0)
        .order_by("?")
        .values_list("slug", "name")[: max(200, film_pool // 10)]
    )
    editions = list(Edition.objects.values_list("slug", flat=True))
    # The live edition's timetable, a day at a time, and its venues' pages.
    from festarchive.programme.clock import festival_today
    from festarchive.programme.models import Screening, Venue

    live = Screening.objects.filter(starts_at__date__gte=festival_today())
    days = sorted(
        {str(moment.date()) for moment in live.values_list("starts_at", flat=True)}
    )[:10]
    venues = list(Venue.objects.values_list("slug", flat=True))
    facet_urls = [
        value.url
        for facet in archive_search(SearchParams()).facets
        for value in facet.values[:12]
    ]

    def misspelt(word: str) -> str:
        if len(word) < 6:
            return word
        i = rng.randrange(1, len(word) - 1)
        return word[:i] + word[i + 1 :]  # a letter dropped

    searches = []
    for _ in range(400):
        kind = rng.random()
        if kind < 0.45:
            text = rng.choice(films)[1]
            text = " ".join(text.split()[: rng.randint(1, 3)])
        else:
            text = rng.choice(people)[1].split()[-1]
        if rng.random() < 0.25:
            text = misspelt(text)
        if rng.random() < 0.25:
            text = fold(text)
        query = "?" + urlencode({"q": text})
        if rng.random() < 0.5:
            for facet_url in rng.sample(facet_urls, rng.randint(1, 2)):
                query += "&" + facet_url.lstrip("?")
        searches.append(query)
    # Browsing by facet alone, and through the pages of the list.
    searches += [rng.choice(facet_urls) for _ in range(100)]
    searches += [f"?page={rng.randint(2, 400)}" for _ in range(50)]

    language = lambda: rng.choice(("en", "en", "en", "nl"))  # noqa: E731
    return {
        "films": [f"/{language()}/films/{slug}/" for slug, _title in films],
        "searches": [f"/{language()}/archive/{query}" for query in searches],
        "others": [f"/{language()}/people/{slug}/" for slug, _name in people]
        + [f"/{language()}/editions/{slug}/" for slug in editions] * 10
        + [f"/{language()}/festival/?day={day}" for day in days] * 20
        + [f"/{language()}/festival/venues/{slug}/" for slug in venues] * 5,
    }


# -- wrk ---------------------------------------------------------------------------------
def lua_table(values: list[str]) -> str:
    return "{" + ",".join(json.dumps(v) for v in values) + "}"


WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, '
    .. '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, '
    .. '"p99_us": %d, "max_us": %d}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read,
    e.write, e.status, e.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max))
end
"""


# Counts what answered: the app's page cache (X-Cache) and Varnish's
# (X-Varnish names two requests when it answered from its cache). wrk calls
# response() only when a script defines it, which costs the client a little:
# the runs compared with each other all use it.
WRK_COUNTED_REPORT = """
threads = {}
hits, misses, proxied = 0, 0, 0

response = function(status, headers, body)
  local how = headers["X-Cache"]
  if how == "hit" or how == "wait" then hits = hits + 1 else misses = misses + 1 end
  local varnish = headers["X-Varnish"]
  if varnish and string.find(varnish, " ") then proxied = proxied + 1 end
end

done = function(summary, latency, requests)
  local h, m, p = 0, 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits"); m = m + thread:get("misses"); p = p + thread:get("proxied")
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, '
    .. '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, '
    .. '"p99_us": %d, "max_us": %d, "hits": %d, "misses": %d, "proxy_hits": %d}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read,
    e.write, e.status, e.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, h, m, p))
end
"""


def mix_script(
    pools: dict[str, list[str]],
    path: Path,
    films_only: bool = False,
    counted: bool = False,
) -> Path:
    film_share, search_share = (1.0, 1.0) if films_only else (0.70, 0.90)
    report = WRK_COUNTED_REPORT if counted else WRK_REPORT
    path.write_text(
        f"""
local films = {lua_table(pools["films"])}
local searches = {lua_table(pools["searches"])}
local others = {lua_table(pools["others"])}
local headers = {{["X-Forwarded-Proto"] = "https"}}
local counter = 0

setup = function(thread)
  counter = counter + 1
  thread:set("id", counter)
  if threads then table.insert(threads, thread) end
end

init = function(args)
  math.randomseed(1000 + id)
end

request = function()
  local r = math.random()
  local path
  if r < {film_share} then
    path = films[math.random(#films)]
  elseif r < {search_share} then
    path = searches[math.random(#searches)]
  else
    path = others[math.random(#others)]
  end
  return wrk.format("GET", path, headers)
end
{report}
"""
    )
    return path


def single_script(path: Path) -> Path:
    path.write_text(WRK_REPORT)
    return path


def run_wrk(url: str, script: Path, connections: int, duration: int) -> dict:
    result = subprocess.run(
        [
            "wrk",
            "--threads",
            "2",
            "--connections",
            str(connections),
            "--duration",
            f"{duration}s",
            "--timeout",
            "10s",
            "--script",
            str(script),
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    figures["errors"] = sum(
        figures[k] for k in ("connect", "read", "write", "status", "timeout")
    )
    return figures


def warm(base: str, pools: dict[str, list[str]]) -> tuple[int, float]:
    """Ask for every URL of the pools once, eight at a time."""
    urls = [base + path for pool in pools.values() for path in pool]
    failures = 0

    def fetch(url: str) -> bool:
        request = urllib.request.Request(url, headers=FORWARDED)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                response.read()
                return response.status == 200
        except (OSError, urllib.error.URLError):
            return False

    started = time.perf_counter()
    with ThreadPoolExecutor(8) as pool:
        failures = sum(not ok for ok in pool.map(fetch, urls))
    return failures, time.perf_counter() - started


# -- the application server ----------------------------------------------------------------
class AppServer:
    def __init__(
        self,
        database_url: str,
        page_cache: bool,
        workers: int | None,
        purge_url: str = "",
    ):
        self.port = free_port()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
            "DATABASE_URL": database_url,
            "REDIS_URL": REDIS_URL,
            "FESTARCHIVE_PAGE_CACHE": "1" if page_cache else "0",
            "FESTARCHIVE_STATIC_ROOT": str(WORK / "static"),
            "FESTARCHIVE_MEDIA_ROOT": str(WORK / "media"),
            "FESTARCHIVE_PURGE_URLS": purge_url,
        }
        if workers:
            self.env["FESTARCHIVE_WORKERS"] = str(workers)
        self.process = None

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def command(self) -> list[str]:
        return [
            str(Path(sys.executable).parent / "festarchive"),
            "serve",
            "--bind",
            f"{HOST}:{self.port}",
        ]

    def __enter__(self):
        self.log = open(WORK / "serve.log", "ab")  # noqa: SIM115 (closed in __exit__)
        self.process = subprocess.Popen(
            self.command(),
            env=self.env,
            stdout=self.log,
            stderr=self.log,
        )
        wait_for(self.base + "/healthz")
        return self

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def worker_memory(self) -> list[tuple[int, int]]:
        """(RSS, PSS) in bytes of each worker."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        sizes = []
        for pid in children.read_text().split():
            rss = pss = 0
            try:
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Rss:"):
                        rss = int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss = int(line.split()[1]) * 1024
            except OSError:
                continue
            sizes.append((rss, pss))
        return sizes


class PlainServer(AppServer):
    """bench/plain's film page under gunicorn, with the same workers as the app."""

    def __init__(self, database_url: str, workers: int | None):
        super().__init__(database_url, page_cache=False, workers=workers)
        self.env["DJANGO_SETTINGS_MODULE"] = "bench.plain.settings"

    def command(self) -> list[str]:
        from festarchive.ops.management.commands.serve import default_workers

        return [
            str(Path(sys.executable).parent / "gunicorn"),
            "bench.plain.wsgi:application",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            self.env.get("FESTARCHIVE_WORKERS")
            or str(default_workers(self.env["DATABASE_URL"].split(":", 1)[0])),
        ]


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


# -- nginx --------------------------------------------------------------------------------
NGINX_CONF = """
daemon off;
master_process on;
worker_processes auto;
user root root;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    keepalive_requests 100000;
    default_type text/html;
    client_body_temp_path {work}/client-body;
    proxy_temp_path {work}/proxy-temp;
    fastcgi_temp_path {work}/fastcgi-temp;
    uwsgi_temp_path {work}/uwsgi-temp;
    scgi_temp_path {work}/scgi-temp;

    # The ceiling: a saved copy of the reference film page.
    server {{
        listen {host}:{static_port};
        root {work}/static-site;
        location / {{ try_files /film.html =404; }}  # every address
    }}

    # The reverse proxy of docs/deployment.md, without TLS.
    upstream festarchive {{ server {host}:{app_port}; keepalive 32; }}
    proxy_cache_path {work}/cache keys_zone=festarchive:50m max_size=2g inactive=1d;
    server {{
        listen {host}:{proxy_port};
        add_header X-Proxy-Cache $upstream_cache_status;
        location / {{
{proxy_location}
        }}
    }}
}}
"""


def deployment_proxy_location() -> str:
    """The `location /` block of docs/deployment.md, so the benchmark measures
    what the documentation recommends."""
    text = (ROOT / "docs" / "deployment.md").read_text()
    block = text.split("location / {", 1)[1].split("\n    }", 1)[0]
    lines = block.strip("\n").splitlines()
    return "\n".join("    " + line for line in lines)


class Nginx:
    def __init__(self, app_port: int):
        self.work = WORK / "nginx"
        self.static_port = free_port()
        self.proxy_port = free_port()
        self.app_port = app_port

    def __enter__(self):
        shutil.rmtree(self.work / "cache", ignore_errors=True)
        for folder in ("client-body", "proxy-temp", "cache", "static-site"):
            (self.work / folder).mkdir(parents=True, exist_ok=True)
        conf = self.work / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                work=self.work,
                host=HOST,
                static_port=self.static_port,
                proxy_port=self.proxy_port,
                app_port=self.app_port,
                proxy_location=deployment_proxy_location(),
            )
        )
        subprocess.run(["nginx", "-t", "-q", "-c", str(conf)], check=True)
        self.process = subprocess.Popen(["nginx", "-c", str(conf)])
        wait_for(f"http://{HOST}:{self.static_port}/", 10)
        return self

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGQUIT)
        self.process.wait(30)

    def save_page(self, html: bytes) -> None:
        (self.work / "static-site" / "film.html").write_bytes(html)


# -- Varnish -------------------------------------------------------------------------------
class Varnish:
    """Varnish with the VCL of deploy/varnish/festarchive.vcl (the one
    docs/deployment.md shows) in front of an app server on ``app_port``."""

    def __init__(self):
        self.work = WORK / "varnish"
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"

    def start(self, app_port: int):
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(parents=True)
        vcl = self.work / "festarchive.vcl"
        vcl.write_text(
            (ROOT / "deploy" / "varnish" / "festarchive.vcl")
            .read_text()
            .replace('.port = "8000";', f'.port = "{app_port}";')
        )
        self.process = subprocess.Popen(
            [
                "varnishd", "-F", "-j", "none", "-a", f"{HOST}:{self.port}",
                "-f", str(vcl), "-n", str(self.work / "state"), "-s", "malloc,1g",
                "-p", "thread_pool_min=50",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(self.url + "/healthz", 20)
        return self

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def edits_during(base: str, pools_file: Path, seconds: int, app: "AppServer"):
    """bench/editor.py, one edit a second for ``seconds``, with the app's settings."""
    return subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "editor.py"), str(pools_file), base,
         str(seconds)],
        env=app.env,
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip


def editor_result(process) -> dict:
    out, _err = process.communicate(timeout=120)
    return json.loads(out.strip().splitlines()[-1])


def hit_ratio(result: dict, key: str = "hits") -> float:
    answered = result["hits"] + result["misses"]
    return result[key] / answered if answered else 0.0


def fetch(url: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=FORWARDED)  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status, dict(response.headers), response.read()


# -- one database --------------------------------------------------------------------------
def measure(name: str, database_url: str, args) -> dict[str, dict]:
    print(f"\n== {name}: {database_url}", flush=True)
    ensure_archive(database_url)
    pools = build_pools(database_url, args.film_pool, args.seed)
    print(
        f"pools: {len(pools['films']):,} films, {len(pools['searches']):,} searches,"
        f" {len(pools['others']):,} person, edition, timetable and venue pages",
        flush=True,
    )
    scripts = Path(tempfile.mkdtemp(dir=WORK))
    mix = mix_script(pools, scripts / "mix.lua")
    films_only = mix_script(pools, scripts / "films.lua", films_only=True)
    plain_films = mix_script(
        {
            **pools,
            "films": [
                "/plain/films/" + path.rstrip("/").rsplit("/", 1)[1] + "/"
                for path in pools["films"]
            ],
        },
        scripts / "plain.lua",
        films_only=True,
    )
    single = single_script(scripts / "single.lua")
    counted = mix_script(pools, scripts / "counted.lua", counted=True)
    pools_file = scripts / "pools.json"
    pools_file.write_text(json.dumps(pools))
    figures = {}

    def report(label: str, result: dict, memory=None) -> None:
        figures[label] = result
        line = (
            f"{label:<14}{result['rps']:>9,.0f} req/s   p50 {result['p50_us'] / 1000:6.1f} ms"
            f"   p99 {result['p99_us'] / 1000:6.1f} ms   errors {result['errors']}"
        )
        if memory:
            rss = max(m[0] for m in memory) / 2**20
            pss = max(m[1] for m in memory) / 2**20
            result["worker_rss_mib"] = rss
            result["worker_pss_mib"] = pss
            line += f"   worker RSS ≤ {rss:.0f} MiB (PSS ≤ {pss:.0f} MiB)"
        print(line, flush=True)

    page = None
    if "cold" in args.configs:
        # Every page rendered.
        flush_redis()
        with AppServer(database_url, page_cache=False, workers=args.workers) as app:
            page = fetch(app.base + REFERENCE_FILM)[2]
            # A first pass so each worker has opened its database: "cold" is
            # about the page cache, not about a process starting.
            run_wrk(app.base, mix, args.connections, 5)
            report(
                "app, cold",
                run_wrk(app.base, mix, args.connections, args.duration),
                app.worker_memory(),
            )
            report(
                "cold, films",
                run_wrk(app.base, films_only, args.connections, args.duration),
                app.worker_memory(),
            )
        # The yardstick of the cold target, measured beside the app: the same
        # film pages from a plain Django view (bench/plain), served the same way.
        with PlainServer(database_url, workers=args.workers) as plain:
            run_wrk(plain.base, plain_films, args.connections, 5)
            report(
                "plain Django",
                run_wrk(plain.base, plain_films, args.connections, args.duration),
                plain.worker_memory(),
            )

    # The ceiling, the warm cache and the proxy share one server.
    flush_redis()
    with AppServer(database_url, page_cache=True, workers=args.workers) as app:
        page = page or fetch(app.base + REFERENCE_FILM)[2]
        with Nginx(app.port) as nginx:
            nginx.save_page(page)
            static = f"http://{HOST}:{nginx.static_port}"
            # The same page for every address of the mix, asked for by the
            # same wrk script as the app: the client's own cost is in both.
            report(
                "nginx static",
                run_wrk(static, mix, args.connections, args.duration),
            )
            report(
                "static, 1 url",
                run_wrk(static + "/", single, args.connections, args.duration),
            )
            if "warm" in args.configs:
                failures, seconds = warm(app.base, pools)
                print(
                    f"warmed the app's cache in {seconds:.0f} s ({failures} failures)"
                )
                report(
                    "app, warm",
                    run_wrk(app.base, mix, args.connections, args.duration),
                    app.worker_memory(),
                )
            if "proxy" in args.configs:
                proxy = f"http://{HOST}:{nginx.proxy_port}"
                failures, seconds = warm(proxy, pools)
                print(
                    f"warmed the proxy's cache in {seconds:.0f} s ({failures} failures)"
                )
                headers = fetch(proxy + pools["films"][0])[1]
                print(
                    f"the proxy's answer to a film page: {headers.get('X-Proxy-Cache')}"
                )
                report(
                    "behind proxy",
                    run_wrk(proxy, mix, args.connections, args.duration),
                    app.worker_memory(),
                )
            if "edits" in args.configs:
                # The same mix, answers counted, without and then with staff
                # editing: side by side, on the same warm server.
                warm(app.base, pools)
                report(
                    "warm, counted",
                    run_wrk(app.base, counted, args.connections, args.duration),
                    app.worker_memory(),
                )
                editor = edits_during(app.base, pools_file, args.duration, app)
                result = run_wrk(app.base, counted, args.connections, args.duration)
                figures["edits"] = editor_result(editor)
                report("warm + edits", result, app.worker_memory())

    if "varnish" in args.configs:
        # Varnish in front, told of every edit: the same mix, with the edits.
        flush_redis()
        varnish = Varnish()
        with AppServer(
            database_url,
            page_cache=True,
            workers=args.workers,
            purge_url=varnish.url + "/",
        ) as app:
            varnish.start(app.port)
            try:
                failures, seconds = warm(varnish.url, pools)
                print(f"warmed Varnish in {seconds:.0f} s ({failures} failures)")
                report(
                    "varnish",
                    run_wrk(varnish.url, counted, args.connections, args.duration),
                    app.worker_memory(),
                )
                editor = edits_during(varnish.url, pools_file, args.duration, app)
                result = run_wrk(varnish.url, counted, args.connections, args.duration)
                figures["varnish edits"] = editor_result(editor)
                report("varnish+edits", result, app.worker_memory())
            finally:
                varnish.stop()

    ceiling = figures["nginx static"]["rps"]
    print(f"page size       {len(page):,} bytes (reference film page, uncompressed)")
    for label in (
        "app, cold",
        "cold, films",
        "app, warm",
        "behind proxy",
        "varnish",
        "varnish+edits",
    ):
        if label in figures:
            print(f"{label:<14}{figures[label]['rps'] / ceiling:8.1%} of nginx static")
    if "warm + edits" in figures:
        edited, still = figures["warm + edits"], figures["warm, counted"]
        print(
            f"warm + edits  {edited['rps'] / still['rps']:8.1%} of the same mix"
            " without edits (target ≥ 90%)"
        )
        print(
            f"page cache    {hit_ratio(still):8.1%} hits without edits,"
            f" {hit_ratio(edited):.1%} with them (target ≥ 95%)"
        )
    for label in ("edits", "varnish edits"):
        if label in figures:
            edits = figures[label]
            print(
                f"{label:<14}{edits['shown_on_next_request']}/{edits['edits']} shown on"
                f" the next request, slowest round {edits['slowest_round_s']} s"
                + (f"; not shown: {edits['not_shown']}" if edits["not_shown"] else "")
            )
    if "varnish+edits" in figures:
        result = figures["varnish+edits"]
        print(
            f"varnish       {hit_ratio(result, 'proxy_hits'):8.1%} answered by Varnish"
            " during the edits"
        )
    if "plain Django" in figures:
        print(
            f"cold, films   {figures['cold, films']['rps'] / figures['plain Django']['rps']:8.2f}"
            " × the plain Django view (target ≥ 2×)"
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=[*DATABASES, "both"], default="both")
    parser.add_argument("--duration", type=int, default=60, help="seconds per run")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument(
        "--workers", type=int, help="gunicorn workers (default: serve's)"
    )
    parser.add_argument("--film-pool", type=int, default=10_000)
    parser.add_argument(
        "--configs",
        type=lambda text: set(text.split(",")),
        default={"cold", "warm", "proxy", "edits", "varnish"},
        help="which of cold,warm,proxy,edits,varnish to run (nginx static always runs)",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    ensure_tools()
    WORK.mkdir(parents=True, exist_ok=True)
    names = list(DATABASES) if args.database == "both" else [args.database]
    results = {}
    for name in names:
        results[name] = measure(name, DATABASES[name], args)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
