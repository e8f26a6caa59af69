#!/usr/bin/env python
"""What the professionals' side costs a page, side by side in one run.

    .venv/bin/python bench/professionals.py                 # SQLite, 10,000 films
    .venv/bin/python bench/professionals.py --films 100000 --database postgres://…

Builds the archive if the database holds fewer films than ``--films``, gives
``--share`` of its films an availability (rights, territories, what they look
for) and their world sales company contact details, then renders, through
Django's test client with the page cache off, in alternating rounds:

- archive searches (no words, a word, a professional's filter) as an
  anonymous visitor, as a logged-in visitor and as an accredited professional, whose searches read
  the availability table for their own facets;
- film pages as both, the professional's with the panel of contact details,
  availability, requests and the market library;
- the professional again with the ``availability-cache`` speed-up off
  (decision 0010), each search reading the availability table afresh.

Prints the median and 95th percentile of each, and each professional's
against the visitor's.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def prepare(args):
    os.environ["DATABASE_URL"] = args.database
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_SSL_REDIRECT"] = "0"
    os.environ["FESTARCHIVE_PAGE_CACHE"] = "0"
    os.environ["FESTARCHIVE_REQUEST_LOG"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from festarchive.catalogue.models import Film
    from festarchive.demo.generator import generate_catalogue
    from festarchive.demo.loader import load_reference_film
    from festarchive.search.indexer import rebuild_index
    from festarchive.search.models import SearchDocument

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    call_command("migrate", verbosity=0)
    films = Film.objects.count()
    if films < args.films:
        print(f"building the archive: {args.films - films:,} films more", flush=True)
        generate_catalogue(films=args.films - films, seed=2023)
        if not films:
            load_reference_film()
    if SearchDocument.objects.count() != Film.objects.count():
        print("building the search index", flush=True)
        rebuild_index()
    return give_availability(args)


def give_availability(args) -> list:
    """Availability and contact details for ``--share`` of the films (kept
    between runs), and the accredited professional who searches."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from festarchive.catalogue.models import Credit, Film
    from festarchive.professionals.models import (
        Accreditation,
        Contact,
        FilmAvailability,
    )

    rng = random.Random(3)
    ids = list(Film.objects.published().values_list("pk", flat=True))
    wanted = rng.sample(ids, int(len(ids) * args.share))
    have = set(FilmAvailability.objects.values_list("film_id", flat=True))
    rights = ["theatrical", "tv", "vod", "educational"]
    territories = ["NL", "BE", "DE", "FR", "GB", "US", "WW", "DK", "PL", "UA"]
    seeking = ["sales-agent", "distributor", "broadcaster"]
    FilmAvailability.objects.bulk_create(
        [
            FilmAvailability(
                film_id=film_id,
                rights=rng.sample(rights, rng.randint(1, 3)),
                territories=rng.sample(territories, rng.randint(1, 4)),
                seeking=rng.sample(seeking, rng.randint(0, 2)),
            )
            for film_id in wanted
            if film_id not in have
        ],
        batch_size=2000,
    )
    companies = set(
        Credit.objects.filter(film_id__in=wanted, role__slug="world-sales")
        .exclude(company=None)
        .values_list("company_id", flat=True)
    )
    known = set(Contact.objects.values_list("company_id", flat=True))
    Contact.objects.bulk_create(
        [
            Contact(company_id=pk, email=f"sales{pk}@bench.example")
            for pk in companies - known
        ],
        batch_size=2000,
    )
    User = get_user_model()
    pro, created = User.objects.get_or_create(
        username="bench-pro@example.org", defaults={"email": "bench-pro@example.org"}
    )
    if created or not Accreditation.objects.current().filter(user=pro).exists():
        today = timezone.localdate()
        Accreditation.objects.create(
            user=pro,
            organisation="Bench Docs",
            role="programmer",
            country="NL",
            status="approved",
            valid_from=today,
            valid_until=today.replace(year=today.year + 1),
        )
    print(
        f"{FilmAvailability.objects.count():,} films with availability, "
        f"{Contact.objects.count():,} contacts, of {len(ids):,} published films",
        flush=True,
    )
    return [pro, rng.sample(wanted, min(args.pages, len(wanted)))]


def run(args, pro, film_ids) -> None:
    from django.test import Client

    from festarchive.catalogue.models import Film

    slugs = dict(Film.objects.filter(pk__in=film_ids).values_list("pk", "slug"))
    pages = {
        "archive, no words": ["/en/archive/"],
        "archive, a word": ["/en/archive/?q=river", "/en/archive/?q=harbour"],
        "archive, filtered": ["/en/archive/?country=NL&rights=vod&territory=DE"],
        "film page": [f"/en/films/{slugs[pk]}/" for pk in film_ids if pk in slugs],
    }
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from festarchive.core import speedups

    visitor, member, professional = Client(), Client(), Client()
    professional.force_login(pro)
    # A logged-in visitor without accreditation: what any account costs a page
    # (the session, favourite buttons and list menus on every card).
    member.force_login(
        get_user_model().objects.get_or_create(
            username="bench-member@example.org",
            defaults={"email": "bench-member@example.org"},
        )[0]
    )
    everything = speedups.NAMES
    # (client, the speed-ups on) for each column
    clients = {
        "visitor": (visitor, everything),
        "logged-in visitor": (member, everything),
        "professional": (professional, everything),
        "pro, cache off": (professional, everything - {"availability-cache"}),
    }
    for client, chosen in clients.values():  # warm: facet arrays, templates
        settings.FESTARCHIVE["SPEEDUPS"] = chosen
        for urls in pages.values():
            for url in urls[:3]:
                assert client.get(url).status_code == 200, url
    times = {(who, kind): [] for who in clients for kind in pages}
    for _round in range(args.rounds):
        for who, (client, chosen) in clients.items():
            settings.FESTARCHIVE["SPEEDUPS"] = chosen
            for kind, urls in pages.items():
                for url in urls:
                    started = time.perf_counter()
                    client.get(url)
                    times[(who, kind)].append((time.perf_counter() - started) * 1000)
    print("\nmedian / 95th percentile, ms; x: against the visitor's median")
    print(f"{'page':<20}" + "".join(f"{who:>26}" for who in clients))
    for kind in pages:
        visitor_median = statistics.median(times[("visitor", kind)])
        cells = []
        for who in clients:
            got = times[(who, kind)]
            median = statistics.median(got)
            cells.append(
                f"{median:>9.1f} / {percentile(got, 0.95):>6.1f}"
                f" {median / visitor_median:>5.2f}x"
            )
        print(f"{kind:<20}" + "".join(f"{cell:>26}" for cell in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database",
        default=f"sqlite:///{ROOT / 'var' / 'bench' / 'professionals.sqlite3'}",
    )
    parser.add_argument("--films", type=int, default=10_000)
    parser.add_argument(
        "--share", type=float, default=0.3, help="films with availability"
    )
    parser.add_argument("--pages", type=int, default=40, help="film pages drawn")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if args.database.startswith("sqlite:///"):
        Path(args.database.removeprefix("sqlite:///")).parent.mkdir(
            parents=True, exist_ok=True
        )
    pro, film_ids = prepare(args)
    run(args, pro, film_ids)


if __name__ == "__main__":
    main()
