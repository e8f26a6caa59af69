from django.core.management.base import BaseCommand, CommandError

from festarchive.demo.generator import generate_catalogue
from festarchive.search.indexer import rebuild_index


class Command(BaseCommand):
    help = (
        "Add a deterministic generated catalogue (films marked as generated) "
        "for demos and benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--films", type=int, default=3000, help="How many films.")
        parser.add_argument("--seed", type=int, default=2023, help="Random seed.")

    def handle(self, *args, films, seed, **options):
        if films < 1:
            raise CommandError("--films must be at least 1.")
        report = generate_catalogue(
            films=films,
            seed=seed,
            log=lambda message: (
                self.stderr.write(message) if options["verbosity"] > 1 else None
            ),
        )
        self.stdout.write(
            f"Generated {report.films} films, {report.people} people, "
            f"{report.companies} companies, {report.credits} credits, "
            f"{report.selections} selections and {report.awards} awards "
            f"in {report.seconds:.1f} s."
        )
        index = rebuild_index()
        self.stdout.write(f"Rebuilt the search index in {index.seconds:.1f} s.")
