#!/usr/bin/env python
"""Archive search latency over a generated archive of 100,000 films.

    .venv/bin/python bench/search.py                    # SQLite (reuses bench/generate.py's database)
    .venv/bin/python bench/search.py --database postgres://postgres@127.0.0.1:5432/festarchive_bench

Builds the archive if the database has fewer films than ``--films`` (and its
search index if it is empty or ``--rebuild``), then runs a fixed mix of
queries: single words, names with and without diacritics, non-Latin queries
and their transliterations, typos, prefixes, queries with 1–3 facet filters,
and the empty query with facets. For each it times

- the complete search, as the archive view computes it: page 1 of results
  (with the film card data) and the counts of every facet; and
- the floor: the database's bare ranked full-text match of the same words
  (FTS5 ``MATCH ... ORDER BY rank LIMIT 20``, or ``@@`` with ``ts_rank``),
  no facets,

and prints p50, p95 and p99 of each and the ratio of the p95s, measured in
the same run.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def describe(label: str, seconds: list[float]) -> tuple[float, float, float]:
    ms = [s * 1000 for s in seconds]
    p50, p95, p99 = (percentile(ms, f) for f in (0.50, 0.95, 0.99))
    print(
        f"{label:<34}{len(ms):>5}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  p99 {p99:7.1f} ms"
    )
    return p50, p95, p99


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def query_mix(rng: random.Random) -> list[tuple[str, str]]:
    """(kind, query string) pairs, at least 200, drawn from the archive itself."""
    from festarchive.catalogue.models import Film, Person
    from festarchive.core.text import fold
    from festarchive.festival.models import Section

    mix: list[tuple[str, str]] = []
    words = [
        "river",
        "harbour",
        "mother",
        "summer",
        "border",
        "village",
        "garden",
        "letters",
        "winter",
        "forest",
        "island",
        "factory",
        "children",
        "desert",
        "voices",
        "bridge",
        "archive",
        "promise",
        "exile",
        "choir",
    ]
    mix += [("word", f"q={w}") for w in words * 2]

    people = list(Person.objects.order_by("pk").values_list("name", flat=True)[:40000])
    accented = [n for n in people if fold(n) != n.lower() and n.isascii() is False][
        :3000
    ]
    for name in rng.sample(accented, 30):
        mix.append(("name, diacritics", f"q={name}"))
        mix.append(("name, folded", f"q={fold(name)}"))

    originals = list(
        Film.objects.exclude(title_original_latin="")
        .order_by("pk")
        .values_list("title_original", "title_original_latin")[:20000]
    )
    for native, latin in rng.sample(originals, 20):
        mix.append(("non-Latin", f"q={native}"))
        mix.append(("transliterated", f"q={latin}"))

    surnames = [
        n.split()[-1] for n in people if len(n.split()[-1]) >= 6 and n.isascii()
    ]
    for surname in rng.sample(surnames, 30):
        mix.append(("typo", f"q={typo(surname.lower(), rng)}"))
    for surname in rng.sample(surnames, 30):
        mix.append(("prefix", f"q={surname[:4].lower()}"))

    sections = list(
        Section.objects.filter(festival__slug="idfa").values_list("slug", flat=True)
    )
    countries = ["NL", "DE", "FR", "UA", "PL", "GB", "US", "BE", "EG", "CN"]
    decades = ["1990", "2000", "2010", "2020"]
    for index in range(30):
        filters = [f"country={rng.choice(countries)}"]
        if index % 3 >= 1:
            filters.append(f"section={rng.choice(sections)}")
        if index % 3 == 2:
            filters.append(f"decade={rng.choice(decades)}")
        mix.append(("word + facets", f"q={rng.choice(words)}&" + "&".join(filters)))
    for index in range(20):
        filters = [f"decade={rng.choice(decades)}"]
        if index % 2:
            filters.append(f"country={rng.choice(countries)}")
        mix.append(("empty query + facets", "&".join(filters)))
    mix.append(("empty query", ""))
    return mix


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, default=100_000)
    parser.add_argument(
        "--database",
        default=f"sqlite:///{ROOT / 'var' / 'bench' / 'generate.sqlite3'}",
        help="database URL (created and filled if it holds fewer films)",
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="timed passes over the mix"
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="rebuild the search index"
    )
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.database
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_SSL_REDIRECT"] = "0"  # the test client speaks plain HTTP
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    if urlparse(args.database).scheme.startswith("sqlite"):
        Path(urlparse(args.database).path).parent.mkdir(parents=True, exist_ok=True)

    import django

    django.setup()
    from urllib.parse import parse_qsl

    from django.core.management import call_command
    from django.utils.datastructures import MultiValueDict

    from festarchive.catalogue.models import Film
    from festarchive.demo.generator import generate_catalogue
    from festarchive.demo.loader import load_reference_film
    from festarchive.search.backends import get_backend
    from festarchive.search.indexer import rebuild_index
    from festarchive.search.models import SearchDocument
    from festarchive.search.queries import archive_search, build_query, parse_params

    call_command("migrate", verbosity=0)
    films = Film.objects.count()
    if films < args.films:
        print(f"generating {args.films - films:,} films …", flush=True)
        generate_catalogue(films=args.films - films, seed=2023)
        load_reference_film()
    if args.rebuild or SearchDocument.objects.count() != Film.objects.count():
        report = rebuild_index()
        print(
            f"index build        {report.seconds:.1f} s for {report.films:,} films, "
            f"{report.people:,} people, {report.companies:,} companies"
        )
        print(
            f"index size         {report.size_bytes / 2**20:.0f} MiB ({report.terms:,} words)"
        )
    else:
        print(
            f"index size         {get_backend().size_bytes() / 2**20:.0f} MiB (reused)"
        )

    mix = query_mix(random.Random(7))
    requests = []
    for kind, query in mix:
        data = MultiValueDict()
        for key, value in parse_qsl(query, keep_blank_values=True):
            data.appendlist(key, value)
        params = parse_params(data)
        requests.append((kind, params, build_query(params.q) if params.q else None))
    print(
        f"database           {urlparse(args.database).scheme}, {Film.objects.count():,} films"
    )
    print(f"queries            {len(requests)} in the mix, {args.rounds} timed rounds")

    backend = get_backend()
    for _kind, params, _query in requests:  # warm caches and the facet index
        archive_search(params)
    complete, complete_text, floor, by_kind = [], [], [], {}
    for _round in range(args.rounds):
        for kind, params, query in requests:
            started = time.perf_counter()
            results = archive_search(params)
            elapsed = time.perf_counter() - started
            complete.append(elapsed)
            by_kind.setdefault(kind, []).append(elapsed)
            assert results.page == 1
            if query:
                complete_text.append(elapsed)
                started = time.perf_counter()
                backend.ranked_match(query, limit=20)
                floor.append(time.perf_counter() - started)

    print()
    _p50, p95_all, _p99 = describe("complete search, all queries", complete)
    _p50, p95_text, _p99 = describe("complete search, text queries", complete_text)
    _p50, p95_floor, _p99 = describe("floor: bare ranked match, top 20", floor)
    print(f"{'ratio of p95s (all / floor)':<34}       {p95_all / p95_floor:.2f}")
    print(f"{'ratio of p95s (text / floor)':<34}       {p95_text / p95_floor:.2f}")
    print()
    for kind, seconds in by_kind.items():
        describe(f"  {kind}", seconds)
    print(
        f"\nmedian of all complete searches: {statistics.median(complete) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
