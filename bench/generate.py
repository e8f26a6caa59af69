#!/usr/bin/env python
"""Time ``festarchive generate`` into a scratch database, then time key pages.

    .venv/bin/python bench/generate.py                      # 100,000 films, SQLite
    .venv/bin/python bench/generate.py --database postgres://postgres@127.0.0.1:5432/festarchive_bench

Prints the generation time, the database size, and the median time of a few
requests to the archive list, a film page, a person page and an edition page
(rendered in-process through Django's test client, so no server is involved).
The search index is built after generating (its time is printed too). The
scratch database is created anew on every run.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def fresh_database(url: str) -> None:
    parsed = urlparse(url)
    if parsed.scheme.startswith("sqlite"):
        path = Path(parsed.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    name = parsed.path.lstrip("/")
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def database_size(url: str) -> int:
    parsed = urlparse(url)
    if parsed.scheme.startswith("sqlite"):
        from django.db import connection

        connection.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return sum(
            Path(f"{parsed.path}{s}").stat().st_size
            for s in ("", "-wal")
            if Path(f"{parsed.path}{s}").exists()
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]


def time_page(client, url: str, runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument(
        "--database",
        default=f"sqlite:///{ROOT / 'var' / 'bench' / 'generate.sqlite3'}",
        help="database URL of a scratch database (it is dropped and recreated)",
    )
    parser.add_argument("--runs", type=int, default=5, help="requests per page")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.database
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_SSL_REDIRECT"] = "0"  # the test client speaks plain HTTP
    os.environ["FESTARCHIVE_PAGE_CACHE"] = "0"  # time the rendering, not the cache
    os.environ["FESTARCHIVE_REQUEST_LOG"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    fresh_database(args.database)

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from festarchive.catalogue.models import Film, Person
    from festarchive.core.limits import limit
    from festarchive.demo.generator import generate_catalogue
    from festarchive.demo.loader import load_reference_film
    from festarchive.search.indexer import rebuild_index

    call_command("migrate", verbosity=0)
    load_reference_film_started = time.perf_counter()
    report = generate_catalogue(films=args.films, seed=args.seed)
    load_reference_film()
    total = time.perf_counter() - load_reference_film_started
    index = rebuild_index()
    size = database_size(args.database)

    print(f"database        {urlparse(args.database).scheme}")
    print(f"films           {Film.objects.count():,}")
    print(f"people          {report.people:,}")
    print(f"companies       {report.companies:,}")
    print(f"credits         {report.credits:,}")
    print(f"selections      {report.selections:,}")
    print(f"awards          {report.awards:,}")
    print(f"generate        {total:.1f} s")
    print(f"search index    {index.seconds:.1f} s, {index.size_bytes / 2**20:.0f} MiB")
    print(f"database size   {size / 1024 / 1024:.0f} MiB (search index included)")

    client = Client()
    film = Film.objects.filter(is_generated=True).order_by("pk")[args.films // 2]
    busiest = (
        Person.objects.filter(credits__role__slug="director").order_by("pk").first()
    )
    last_page = -(-(args.films + 1) // limit("archive_search_page"))
    pages = {
        "archive, page 1": "/en/archive/",
        f"archive, page {last_page}": f"/en/archive/?page={last_page}",
        "archive, letter m": "/en/archive/?letter=m",
        "reference film": "/en/films/we-will-not-fade-away-2023/",
        "generated film": film.get_absolute_url(),
        "director page": busiest.get_absolute_url(),
        "edition page": "/en/editions/idfa-2023/",
        "section page": "/en/sections/best-of-fests/",
    }
    for label, url in pages.items():
        print(
            f"{label:<24}{time_page(client, url, args.runs):8.1f} ms (median of {args.runs})"
        )


if __name__ == "__main__":
    main()
