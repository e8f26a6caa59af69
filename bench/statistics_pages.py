#!/usr/bin/env python
"""Cold renders of the statistics pages on the 100,000-film bench archive.

    .venv/bin/python bench/statistics_pages.py          # SQLite (reuses bench/generate.py's database)
    .venv/bin/python bench/statistics_pages.py --database postgres://postgres@127.0.0.1:5432/festarchive_bench

Reads the database ``bench/generate.py`` made (run it, or ``make
bench-generate``, first: it is not generated here). Picks the host
festival's edition with the most selected films and the archive's edition
of median size, then renders, with the page cache off (every request a cold render,
as after a write retired the page), through Django's test client in this
process:

- those editions' statistics pages (target: 200 ms or less, median), and
- the host festival's statistics page across its editions (kept ten
  minutes at most rather than retired by every film's edit: decision 0011),

``--renders`` times each after one warm-up request for the process (Django's
templates loaded, the blank world map drawn once), and prints the median and the
95th percentile, the number of queries and the page's size.
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

EDITION_TARGET_MS = 200


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class Counted(list):
    """An execute wrapper that keeps each statement it lets through."""

    def __call__(self, execute, sql, *rest):
        self.append(sql)
        return execute(sql, *rest)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database",
        default=f"sqlite:///{ROOT / 'var' / 'bench' / 'generate.sqlite3'}",
        help="database URL of bench/generate.py's archive",
    )
    parser.add_argument("--renders", type=int, default=20)
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.database
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_SSL_REDIRECT"] = "0"  # the test client speaks plain HTTP
    os.environ["FESTARCHIVE_PAGE_CACHE"] = "0"  # every request a cold render
    os.environ["FESTARCHIVE_REQUEST_LOG"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from festarchive.festival.models import Edition
    from festarchive.festival.queries import host_festival

    festival = host_festival()
    if festival is None:
        sys.exit("No host festival: run bench/generate.py first.")
    by_size = list(
        Edition.objects.annotate(films=Count("selections__film", distinct=True))
        .filter(films__gt=0)
        .order_by("-films", "slug")
    )
    edition = max(
        (e for e in by_size if e.festival_id == festival.pk), key=lambda e: e.films
    )
    typical = by_size[len(by_size) // 2]
    client = Client()
    print(f"database        {urlparse(args.database).scheme}")
    print(
        f"edition         {edition.slug}, {edition.films:,} films selected (the biggest)"
    )
    print(
        f"typical         {typical.slug}, {typical.films:,} films selected (the median)"
    )
    pages = {
        "edition page": f"/en/editions/{edition.slug}/statistics/",
        "typical page": f"/en/editions/{typical.slug}/statistics/",
        "festival page": f"/en/festivals/{festival.slug}/statistics/",
    }
    for label, url in pages.items():
        response = client.get(url)  # warm-up: templates, the map's file
        assert response.status_code == 200, (url, response.status_code)
        queries = Counted()
        with connection.execute_wrapper(queries):
            client.get(url)
        timings = []
        for _ in range(args.renders):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        median = statistics.median(timings)
        line = (
            f"{label:<15} median {median:7.1f} ms, p95 {percentile(timings, 0.95):7.1f}"
            f" ms ({args.renders} cold renders), {len(queries)} queries,"
            f" {len(response.content) / 1024:.0f} KiB"
        )
        if label in ("edition page", "typical page"):
            verdict = "met" if median <= EDITION_TARGET_MS else "missed"
            line += f"  (target <= {EDITION_TARGET_MS} ms: {verdict})"
        print(line)


if __name__ == "__main__":
    main()
