from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import InterfaceError, OperationalError

from festarchive.importers.timetable import import_timetable


class Command(BaseCommand):
    help = (
        "Load a timetable spreadsheet (.csv, the columns in docs/programme-data.md): "
        "all of its screenings or, if any line is refused, none of them."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and list what would change, change nothing",
        )

    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: cannot read it ({error.strerror})") from error
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise CommandError(
                f"{file}: not UTF-8 text (byte {error.start}); nothing was imported"
            ) from error
        try:
            report = import_timetable(text, dry_run=dry_run)
        except (OperationalError, InterfaceError) as error:
            reason = str(error).strip().splitlines()[0]
            raise CommandError(
                f"{file}: the database could not be reached or went away "
                f"({reason}). A timetable is written whole or not at all: run it "
                "again when the database is back."
            ) from error
        if report.error:
            raise CommandError(f"{file}: {report.error}; nothing was imported")
        for line, warning in report.warnings:
            self.stderr.write(f"{file}:{line}: warning: {warning}")
        if report.rejected:
            for line, reason in report.rejected[:200]:
                self.stderr.write(f"{file}:{line}: {reason}")
            more = len(report.rejected) - 200
            if more > 0:
                self.stderr.write(f"… and {more} more refused lines")
            raise CommandError(
                f"{file}: {len(report.rejected)} line(s) refused; nothing was imported"
            )
        if dry_run:
            for line, change in report.changes:
                self.stdout.write(f"{file}:{line}: {change}")
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            f"{verb}: {report.created} new, {report.updated} changed, "
            f"{report.unchanged} unchanged screening(s)."
        )
