from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from festarchive.importers.pages import import_pages


class Command(BaseCommand):
    help = (
        "Load film pages scraped as text (files, or folders of them) into the "
        "catalogue; one transaction per page."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="page files or folders")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="report what would change, change nothing",
        )

    def handle(self, *args, paths, dry_run, **options):
        report = import_pages([Path(p) for p in paths], dry_run=dry_run)
        write = self.stdout.write
        write(
            ("Would load" if dry_run else "Loaded") + f" {len(report.loaded)} page(s)."
        )
        for label, counter in (("Created", report.created), ("Reused", report.reused)):
            if counter:
                write(
                    f"{label}: "
                    + ", ".join(f"{n} {kind}" for kind, n in sorted(counter.items()))
                )
        for kind, new, existing in report.probable_duplicates:
            write(
                f"Probable duplicate ({kind}): {new!r} looks like {existing!r}; merge them if so."
            )
        for source, title, facts in report.filled:
            write(f"Filled in: {source}: {title!r} lacked {', '.join(facts)}")
        for source, message in report.warnings:
            write(f"Warning: {source}: {message}")
        for source, reason in report.unreadable:
            self.stderr.write(f"Could not read {source}: {reason}")
        if report.unreadable and not report.loaded:
            raise CommandError("No page could be loaded.")
