#!/usr/bin/env python
"""The festival programme: the busiest day's timetable, cold and warm, and a
visitor's calendar feed.

    .venv/bin/python bench/programme.py                 # SQLite
    .venv/bin/python bench/programme.py --database postgres://postgres@127.0.0.1:5432/festarchive_bench_programme

Builds a scratch database, dropped and created anew on every run: the demo
archive (``--films`` generated films, the reference film), the demo programme
(about 600 screenings over the live edition's twelve days, today its fourth),
and then packs today, the busiest day, up to ``--day-screenings`` screenings
(600 by default) in the extra rooms of a bench venue: the demo spreads 600
screenings over the edition, the bench puts 600 on the one day it renders. A
visitor plans ``--planned`` screenings (30) that do not overlap.

It prints, measured in this one process through Django's test client (no
server, nothing contacted over the network; PostgreSQL at 127.0.0.1 is the
only connection):

1. cold: the day's timetable (``programme:timetable?day=YYYY-MM-DD``) with
   the page cache off: the first rendering, then the median of ``--renders``
   more (target: 150 ms or less);
2. warm: requests a second through the page cache for ``--seconds`` each,
   the timetable and the reference film page side by side (target: the
   timetable as fast as the film page);
3. feed: the visitor's iCal feed (``programme:planner-feed``), the median of
   ``--renders`` (target: 50 ms or less).

A page that answers 404 is reported and skipped rather than timed.
"""

import argparse
import datetime
import logging
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TIMETABLE_TARGET_MS = 150
FEED_TARGET_MS = 50
BENCH_VISITOR = "bench-visitor@example.org"


@dataclass
class Prepared:
    edition: object
    day: datetime.date
    day_screenings: int
    planned: int
    feed_token: str


def prepare(
    *, today: datetime.date, day_screenings: int, planned: int, seed: int = 2023
) -> Prepared:
    """The bench's programme on a database holding the demo archive: the demo
    programme, ``today`` packed to ``day_screenings`` screenings and a visitor
    with ``planned`` screenings in their plan."""
    from django.contrib.auth import get_user_model

    from festarchive.demo.programme import ensure_programme, fill_day, plan_screenings
    from festarchive.programme.services import planner_for

    report = ensure_programme(today=today, seed=seed)
    edition = report.live_edition
    count = fill_day(edition, today, screenings=day_screenings, seed=seed)
    User = get_user_model()
    user = User.objects.filter(username=BENCH_VISITOR).first()
    if user is None:
        user = User.objects.create_user(
            username=BENCH_VISITOR, email=BENCH_VISITOR, password=None
        )
    plan_screenings(user=user, count=planned, seed=seed)
    planner = planner_for(user)
    return Prepared(
        edition=edition,
        day=today,
        day_screenings=count,
        planned=planner.items.count(),
        feed_token=planner.feed_token,
    )


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def verdict(ms: float, target: float) -> str:
    return "met" if ms <= target else "missed"


def timed_get(client, url: str):
    started = time.perf_counter()
    response = client.get(url)
    return response, time.perf_counter() - started


def per_second(client, url: str, seconds: float) -> float:
    """Requests a second to one address for ``seconds``, one after another."""
    done, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        client.get(url)
        done += 1
    return done / elapsed


def available(label: str, url: str, response, out) -> bool:
    """Whether the page answered, to be timed."""
    if response.status_code == 404:
        out(f"{label:<18}not found, skipped ({url})")
        return False
    if response.status_code != 200:
        out(f"{label:<18}answered {response.status_code} ({url}); skipped")
        return False
    return True


def measure(
    *,
    timetable: str,
    film_page: str,
    feed: str,
    renders: int,
    seconds: float,
    out=print,
) -> dict[str, float]:
    """Time the three pages in this process and print the figures; returns
    them (milliseconds, requests a second) by name."""
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client, override_settings

    client = Client()
    no_page_cache = override_settings(
        FESTARCHIVE={**settings.FESTARCHIVE, "PAGE_CACHE": False}
    )
    figures: dict[str, float] = {}

    # 1. Cold: rendered every time.
    with no_page_cache:
        response, first = timed_get(client, timetable)
        if available("timetable, cold", timetable, response, out):
            median = statistics.median(
                timed_get(client, timetable)[1] for _ in range(renders)
            )
            figures["timetable_first_ms"] = first * 1000
            figures["timetable_cold_ms"] = median * 1000
            out(
                f"timetable, cold   first {milliseconds(first)}, median of"
                f" {renders} {milliseconds(median)}"
                f"  (target <= {TIMETABLE_TARGET_MS} ms: "
                f"{verdict(median * 1000, TIMETABLE_TARGET_MS)})"
            )
        else:
            timetable = None

    # 2. Warm: through the page cache, side by side with a cached film page.
    cache.clear()
    for label, url in (("film page", film_page), ("timetable", timetable)):
        if url is None:
            continue
        client.get(url)  # cached once
        response = client.get(url)
        if not available(f"{label}, warm", url, response, out):
            continue
        how = response.get("X-Cache", "uncached")
        figures[f"{label}_warm_rps"] = rate = per_second(client, url, seconds)
        out(f"{label + ', warm':<18}{rate:7.0f} req/s  (X-Cache: {how})")
    if {"film page_warm_rps", "timetable_warm_rps"} <= set(figures):
        ratio = figures["timetable_warm_rps"] / figures["film page_warm_rps"]
        out(f"{'warm ratio':<18}{ratio:7.2f}  (timetable / film page; target ~1)")

    # 3. The visitor's calendar feed.
    with no_page_cache:
        response, _first = timed_get(client, feed)
        if available("planner feed", feed, response, out):
            median = statistics.median(
                timed_get(client, feed)[1] for _ in range(renders)
            )
            figures["feed_ms"] = median * 1000
            events = response.content.count(b"BEGIN:VEVENT")
            out(
                f"{'planner feed':<18}{milliseconds(median)} median of {renders},"
                f" {events} events  (target <= {FEED_TARGET_MS} ms: "
                f"{verdict(median * 1000, FEED_TARGET_MS)})"
            )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--day-screenings", type=int, default=600)
    parser.add_argument("--planned", type=int, default=30)
    parser.add_argument("--renders", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument(
        "--database",
        default=f"sqlite:///{ROOT / 'var' / 'bench' / 'programme.sqlite3'}",
        help="database URL of a scratch database (it is dropped and recreated)",
    )
    args = parser.parse_args()
    if urlparse(args.database).hostname not in (None, "", "127.0.0.1"):
        sys.exit("The bench only uses a database on 127.0.0.1.")

    os.environ["DATABASE_URL"] = args.database
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_SSL_REDIRECT"] = "0"  # the test client speaks plain HTTP
    os.environ["FESTARCHIVE_REQUEST_LOG"] = "WARNING"
    os.environ.pop("REDIS_URL", None)  # the page cache in this process's memory
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    from bench.generate import fresh_database

    fresh_database(args.database)

    import django

    django.setup()
    from django.core.management import call_command
    from django.urls import reverse
    from django.utils import timezone, translation

    from festarchive.catalogue.models import Film
    from festarchive.demo.festivals import ensure_festivals
    from festarchive.demo.generator import generate_catalogue
    from festarchive.demo.loader import load_reference_film
    from festarchive.programme.models import Screening

    # A page that is not there yet is reported below, not logged as well.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    ensure_festivals()
    reference = load_reference_film()
    generate_catalogue(films=args.films, seed=args.seed)
    catalogue_seconds = time.perf_counter() - started
    today = timezone.localdate()
    started = time.perf_counter()
    prepared = prepare(
        today=today,
        day_screenings=args.day_screenings,
        planned=args.planned,
        seed=args.seed,
    )
    programme_seconds = time.perf_counter() - started

    print(f"database          {urlparse(args.database).scheme}")
    print(
        f"catalogue         {Film.objects.count():,} films in {catalogue_seconds:.1f} s"
    )
    print(
        f"programme         {Screening.objects.filter(edition=prepared.edition).count():,}"
        f" screenings of {prepared.edition}, {prepared.day_screenings:,} on"
        f" {prepared.day} (the day rendered), in {programme_seconds:.1f} s"
    )
    print(f"plan              {prepared.planned} screenings")
    print()

    with translation.override("en"):
        timetable = reverse("programme:timetable") + f"?day={prepared.day.isoformat()}"
        film_page = reference.get_absolute_url()
        feed = reverse("programme:planner-feed", kwargs={"token": prepared.feed_token})
    measure(
        timetable=timetable,
        film_page=film_page,
        feed=feed,
        renders=args.renders,
        seconds=args.seconds,
    )


if __name__ == "__main__":
    main()
