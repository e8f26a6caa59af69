from django.core.management.base import BaseCommand

from festarchive.search.indexer import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the archive's search index from the catalogue."

    def handle(self, *args, **options):
        verbose = options["verbosity"] > 1
        report = rebuild_index(log=lambda m: self.stderr.write(m) if verbose else None)
        self.stdout.write(
            f"Indexed {report.films} films, {report.people} people and "
            f"{report.companies} companies ({report.terms} words) in "
            f"{report.seconds:.1f} s; the index takes {report.size_bytes / 2**20:.1f} MiB."
        )
