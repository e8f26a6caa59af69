#!/usr/bin/env python
"""Staff at work during the load test: one edit a second through the services.

    DATABASE_URL=… REDIS_URL=… python bench/editor.py POOLS.json BASE_URL SECONDS

Run by bench/load.py beside wrk, with the app servers' settings (so its
writes retire pages exactly as an editor's in the admin would). Each second
it edits a random film (its synopsis), person (their name), credit (a new
one, removed again by a later edit) or screening (its ticket state, when the
archive has a programme), then asks for the edited record's page at
BASE_URL and checks that the edit shows on that very next request (the new
synopsis, name or credited person; a removed credit and a ticket state are
asked for, not checked). Prints
one JSON line: the edits, how many showed at once, and the slowest round.
"""

import html
import json
import os
import random
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

import django  # noqa: E402

django.setup()

from festarchive.catalogue.models import Credit, Film, Person, Role  # noqa: E402
from festarchive.catalogue.services import credit_add  # noqa: E402
from festarchive.programme import services as programme  # noqa: E402
from festarchive.programme.models import Screening  # noqa: E402

HEADERS = {"X-Forwarded-Proto": "https"}


def page(url: str) -> str:
    request = urllib.request.Request(url, headers=HEADERS)  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.read().decode()


class Editor:
    def __init__(self, pools: dict, base: str, seed: int):
        self.rng = random.Random(seed)
        self.base = base
        slugs = [p.rstrip("/").rsplit("/", 1)[1] for p in pools["films"]]
        self.films = list(Film.objects.filter(slug__in=slugs[:2000]))
        people = [
            p.rstrip("/").rsplit("/", 1)[1] for p in pools["others"] if "/people/" in p
        ]
        self.people = list(Person.objects.filter(slug__in=people))
        self.roles = list(Role.objects.all())
        self.screenings = list(Screening.objects.order_by("?")[:500])
        self.added: list[Credit] = []
        self.round = 0

    def edit(self) -> tuple[str, str, str]:
        """Make one edit: (kind, page to look at, text it must now show)."""
        self.round += 1
        kinds = ["film", "person", "credit"] + (
            ["screening"] if self.screenings else []
        )
        kind = self.rng.choice(kinds)
        if kind == "film":
            film = self.rng.choice(self.films)
            film.synopsis_en = f"Edited in festival week, round {self.round}."
            film.save()
            return kind, film.get_absolute_url(), film.synopsis_en
        if kind == "person":
            person = self.rng.choice(self.people)
            base = person.name.split(" · ")[0]
            person.name = f"{base} · {self.round}"
            person.save()
            return kind, person.get_absolute_url(), person.name
        if kind == "credit":
            if self.added and self.rng.random() < 0.5:
                credit = self.added.pop()
                film = credit.film
                credit.delete()
                return "credit removed", film.get_absolute_url(), ""
            film, person = self.rng.choice(self.films), self.rng.choice(self.people)
            role = self.rng.choice(self.roles)
            if Credit.objects.filter(film=film, role=role, person=person).exists():
                return self.edit()
            self.added.append(credit_add(film=film, role=role, person=person))
            return kind, film.get_absolute_url(), person.name
        screening = self.rng.choice(self.screenings)
        state = self.rng.choice(("on_sale", "few_left", "sold_out"))
        programme.screening_update(screening, ticket_state=state)
        return kind, screening.get_absolute_url(), ""


def main() -> None:
    pools = json.loads(Path(sys.argv[1]).read_text())
    base, seconds = sys.argv[2], float(sys.argv[3])
    editor = Editor(pools, base, seed=int(os.environ.get("EDITOR_SEED", "7")))
    edits = shown = 0
    late: list[str] = []
    slowest = 0.0
    deadline = time.monotonic() + seconds
    next_at = time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(max(0.0, next_at - time.monotonic()))
        next_at += 1.0
        started = time.perf_counter()
        kind, path, text = editor.edit()
        body = page(base + path)
        slowest = max(slowest, time.perf_counter() - started)
        edits += 1
        if html.escape(text) in body:
            shown += 1
        else:
            late.append(f"{kind} {path}")
    print(
        json.dumps(
            {
                "edits": edits,
                "shown_on_next_request": shown,
                "not_shown": late[:10],
                "slowest_round_s": round(slowest, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
