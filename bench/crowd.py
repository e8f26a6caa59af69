#!/usr/bin/env python
"""A crowd asks for one page just after an edit: how many renderings, and how
long until every visitor has it.

    .venv/bin/python bench/crowd.py                        # SQLite
    .venv/bin/python bench/crowd.py --database postgresql
    .venv/bin/python bench/crowd.py --path /en/ --crowd 32

Every edit moves the catalogue version on, and with it every cached page
misses at once. This starts ``festarchive serve`` (production settings, Redis
as the cache, the generated archive of bench/load.py) and, round after round,
moves the version on and sends ``--crowd`` visitors at the same page together
(by default the edition page with the most films: the heaviest public page).
The page cache renders it once and lets the others wait for that page
(festarchive.ops.pagecache); the X-Cache header of each answer says which it
got: ``miss`` (rendered it), ``wait`` (waited for it) or ``hit``. Only
127.0.0.1 is contacted.
"""

import argparse
import sqlite3
import statistics
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load import (  # noqa: E402
    DATABASES,
    FORWARDED,
    WORK,
    AppServer,
    ensure_archive,
    flush_redis,
)

# The cached copy of the version on PostgreSQL (pagecache.VERSION_TTL) must
# lapse before a version moved from outside the application shows.
VERSION_TTL = 1


def run_sql(database_url: str, sql: str) -> list[tuple]:
    parsed = urlparse(database_url)
    if parsed.scheme.startswith("sqlite"):
        with sqlite3.connect(parsed.path) as conn:
            return conn.execute(sql).fetchall()
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        cursor = conn.execute(sql)
        return cursor.fetchall() if cursor.description else []


def busiest_edition(database_url: str) -> str:
    rows = run_sql(
        database_url,
        "SELECT e.slug FROM festival_edition e"
        " JOIN festival_selection s ON s.edition_id = e.id"
        " GROUP BY e.slug ORDER BY count(*) DESC LIMIT 1",
    )
    return f"/en/editions/{rows[0][0]}/"


def move_version(database_url: str) -> None:
    """What every committed edit does to the version (ops.pagecache.bump)."""
    run_sql(database_url, "UPDATE ops_catalogueversion SET counter = counter + 1")
    if not database_url.startswith("sqlite"):
        time.sleep(VERSION_TTL + 0.2)


def visit(url: str) -> tuple[str, float]:
    """How the page came (X-Cache), or ``error``, and how long it took."""
    request = urllib.request.Request(url, headers=FORWARDED)  # noqa: S310
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            response.read()
            how = response.headers.get("X-Cache", "uncached")
    except OSError:  # refused, timed out, or an HTTP error status
        how = "error"
    return how, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=sorted(DATABASES), default="sqlite")
    parser.add_argument("--path", help="the page (default: the busiest edition)")
    parser.add_argument("--crowd", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, help="default: serve's")
    args = parser.parse_args()

    database_url = DATABASES[args.database]
    ensure_archive(database_url)
    WORK.mkdir(parents=True, exist_ok=True)
    path = args.path or busiest_edition(database_url)
    flush_redis()
    with AppServer(database_url, page_cache=True, workers=args.workers) as app:
        url = app.base + path
        # The workers start, and the page is cached once.
        if (how := visit(url)[0]) not in ("miss", "hit"):
            sys.exit(f"{path} is not a public page the cache keeps ({how}).")
        print(f"{args.crowd} visitors at once at {path}, just after an edit")
        times = []
        for number in range(1, args.rounds + 1):
            move_version(database_url)
            started = time.perf_counter()
            with ThreadPoolExecutor(args.crowd) as pool:
                answers = list(pool.map(visit, [url] * args.crowd))
            took = time.perf_counter() - started
            times.append(took)
            kinds = [kind for kind, _ in answers]
            print(
                f"round {number}: all served in {took:.2f} s"
                f" (slowest visitor {max(t for _, t in answers):.2f} s);"
                f" rendered {kinds.count('miss')}, waited {kinds.count('wait')},"
                f" hit {kinds.count('hit')}, failed {kinds.count('error')}",
                flush=True,
            )
        print(f"median: all served in {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
