#!/usr/bin/env python
"""What each speed-up of the performance layer buys, against its plain way, in one run.

    .venv/bin/python bench/speedups.py           # SQLite: bench/generate.py's database
    .venv/bin/python bench/speedups.py --database postgres://postgres@127.0.0.1:5432/festarchive_bench

Builds the archive if the database holds fewer films than ``--films`` (and its
search index if that is short). Pages are rendered in this process through
Django's test client with the page cache off: what a visitor waits for on a
miss, without the network. In rounds, so that a drifting machine shifts every
configuration alike, each configuration renders the same pages:

- every speed-up on (``FESTARCHIVE_SPEEDUPS=all``), every one off (``none``),
  and each one off alone (the others on);
- film pages, searches, and person and edition pages, drawn from the archive
  as ``bench/load.py`` draws them.

Then, each against its plain way:

- ``export-as-text``: the film lines of the whole archive, films a second;
- ``prepared-queries``: ``film_get_for_page`` alone, prepared and through the
  ORM;
- ``frozen-heap``: a full garbage collection's pause once the facet arrays are
  built, with the heap frozen and not;
- the write safety net of the page cache (always on): its cost a statement,
  10,000 reads with the execute wrapper and without it.
"""

import argparse
import gc
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def prepare(args) -> None:
    os.environ["DATABASE_URL"] = args.database
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_SSL_REDIRECT"] = "0"  # the test client speaks plain HTTP
    os.environ["FESTARCHIVE_PAGE_CACHE"] = "0"  # time the rendering, not the cache
    os.environ["FESTARCHIVE_REQUEST_LOG"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.core.management import call_command

    from festarchive.catalogue.models import Film
    from festarchive.demo.generator import generate_catalogue
    from festarchive.demo.loader import load_reference_film
    from festarchive.search.indexer import rebuild_index
    from festarchive.search.models import SearchDocument

    call_command("migrate", verbosity=0)
    films = Film.objects.count()
    if films < args.films:
        print(f"building the archive: {args.films - films:,} films more")
        generate_catalogue(films=args.films - films, seed=2023)
        if not films:
            load_reference_film()
    if SearchDocument.objects.count() != Film.objects.count():
        print("building the search index")
        rebuild_index()


def switch(chosen: frozenset) -> None:
    from django.conf import settings

    settings.FESTARCHIVE["SPEEDUPS"] = chosen


def pages(args) -> None:
    from django.test import Client
    from load import pools_from_archive

    from festarchive.core import speedups

    pools = pools_from_archive(args.film_pool, seed=11)
    rng = random.Random(7)
    kinds = {
        "film page": rng.sample(pools["films"], min(args.pages, len(pools["films"]))),
        "search": rng.sample(
            pools["searches"], min(args.pages, len(pools["searches"]))
        ),
        "person/edition": rng.sample(
            pools["others"], min(args.pages, len(pools["others"]))
        ),
    }
    kinds = {kind: urls for kind, urls in kinds.items() if kind in args.kinds}
    everything = speedups.NAMES
    configurations = {"all on": everything, "all off": frozenset()}
    for speedup in speedups.SPEEDUPS:
        configurations[f"{speedup.name} off"] = everything - {speedup.name}
    client = Client()
    # Warm every configuration once (compiled patterns, the facet arrays).
    for chosen in configurations.values():
        switch(chosen)
        for urls in kinds.values():
            for url in urls[:5]:
                client.get(url)
    times = {(label, kind): [] for label in configurations for kind in kinds}
    for _round in range(args.rounds):
        for label, chosen in configurations.items():
            switch(chosen)
            for kind, urls in kinds.items():
                for url in urls:
                    started = time.perf_counter()
                    response = client.get(url)
                    times[label, kind].append(time.perf_counter() - started)
                    if response.status_code != 200:
                        sys.exit(f"{url} answered {response.status_code}")
    switch(everything)
    print(
        f"\nPages rendered uncached, {args.rounds} rounds of {args.pages} a kind "
        "(ms; ratio = median against all on)"
    )
    print(f"{'':<24}" + "".join(f"{kind:>28}" for kind in kinds))
    base = {kind: statistics.median(times["all on", kind]) * 1000 for kind in kinds}
    for label in configurations:
        cells = []
        for kind in kinds:
            ms = [t * 1000 for t in times[label, kind]]
            median = statistics.median(ms)
            cells.append(
                f"{median:7.1f} p95 {percentile(ms, 0.95):6.1f} ×{median / base[kind]:4.2f}"
            )
        print(f"{label:<24}" + "".join(f"{cell:>28}" for cell in cells))


def calls(args) -> None:
    """What ``prepared-queries`` saves on its own calls: the film page's
    queries, read and turned into objects."""
    from load import pools_from_archive

    from festarchive.catalogue.queries import film_get_for_page
    from festarchive.core import speedups

    pools = pools_from_archive(args.film_pool, seed=11)
    slugs = [url.rstrip("/").rsplit("/", 1)[1] for url in pools["films"][:200]]
    print("\nprepared-queries: film_get_for_page for 200 films (median of 5 rounds)")
    results = {}
    for _round in range(5):
        for label, chosen in (("prepared", speedups.NAMES), ("ORM", frozenset())):
            switch(chosen)
            started = time.perf_counter()
            for slug in slugs:
                film_get_for_page(slug=slug)
            results.setdefault(label, []).append(
                (time.perf_counter() - started) / len(slugs)
            )
    for label, seconds in results.items():
        print(f"  {label:<10}{statistics.median(seconds) * 1000:6.2f} ms a film")


def export() -> None:
    from festarchive.catalogue.models import Film
    from festarchive.core import speedups
    from festarchive.importers.jsonl import film_lines

    films = Film.objects.count()
    print("\nexport-as-text: the film lines of the whole archive")
    for label, chosen in (("text", speedups.NAMES), ("plain", frozenset())):
        switch(chosen)
        started = time.perf_counter()
        count = sum(1 for _ in film_lines())
        seconds = time.perf_counter() - started
        print(
            f"  {label:<8}{count:>9,} films in {seconds:6.1f} s  {films / seconds:8,.0f} films/s"
        )
    switch(speedups.NAMES)


def frozen_heap() -> None:
    from festarchive.core import speedups
    from festarchive.search import facets
    from festarchive.search.queries import SearchParams, archive_search

    print("\nfrozen-heap: a full collection with the facet arrays built (median of 9)")
    for label, chosen in (("frozen", speedups.NAMES), ("not frozen", frozenset())):
        switch(chosen)
        gc.unfreeze()
        facets.forget()
        archive_search(SearchParams())  # builds the arrays, freezing when on
        pauses = []
        for _ in range(9):
            started = time.perf_counter()
            gc.collect()
            pauses.append(time.perf_counter() - started)
        tracked = len(gc.get_objects())
        print(
            f"  {label:<12}{statistics.median(pauses) * 1000:7.1f} ms a collection, "
            f"{tracked:>10,} objects for the collector to walk"
        )
    switch(speedups.NAMES)


def safety_net() -> None:
    from django.db import connection

    from festarchive.ops import pagecache

    print("\nthe page cache's write safety net: 10,000 reads (SELECT 1)")
    connection.ensure_connection()
    results = {}
    for label in ("with", "without", "with ", "without "):
        watching = pagecache._watch_writes in connection.execute_wrappers
        if label.strip() == "with" and not watching:
            connection.execute_wrappers.append(pagecache._watch_writes)
        if label.strip() == "without" and watching:
            connection.execute_wrappers.remove(pagecache._watch_writes)
        with connection.cursor() as cursor:
            started = time.perf_counter()
            for _ in range(10_000):
                cursor.execute("SELECT 1")
            results.setdefault(label.strip(), []).append(time.perf_counter() - started)
    with_, without = min(results["with"]), min(results["without"])
    print(
        f"  with {with_ * 100:.1f} µs a statement, without {without * 100:.1f} µs: "
        f"{(with_ - without) * 100:.1f} µs the wrapper"
    )
    if pagecache._watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(pagecache._watch_writes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database",
        default=f"sqlite:///{ROOT / 'var' / 'bench' / 'generate.sqlite3'}",
    )
    parser.add_argument("--films", type=int, default=100_000)
    parser.add_argument("--film-pool", type=int, default=2000)
    parser.add_argument("--pages", type=int, default=40, help="pages of each kind")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--kinds",
        type=lambda value: value.split(","),
        default=["film page", "search", "person/edition"],
        help="pages to render, of: film page,search,person/edition",
    )
    parser.add_argument(
        "--only-calls", action="store_true", help="skip the pages and the export"
    )
    args = parser.parse_args()
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    prepare(args)
    from django.db import connection

    print(f"database {connection.vendor}, {args.films:,} films")
    if not args.only_calls:
        pages(args)
    calls(args)
    frozen_heap()
    safety_net()
    if not args.only_calls:
        export()


if __name__ == "__main__":
    main()
