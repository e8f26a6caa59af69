from festarchive.importers.management.filecommand import FileImportCommand
from festarchive.importers.timetable import import_timetable


class Command(FileImportCommand):
    help = (
        "Load a timetable spreadsheet (.csv, the columns in docs/programme-data.md): "
        "all of its screenings or, if any line is refused, none of them."
    )

    def load(self, text, path, *, dry_run, **options):
        return import_timetable(text, dry_run=dry_run, source=str(path))

    def describe(self, report, file, *, dry_run, **options):
        if dry_run:
            for line, change in report.changes:
                self.stdout.write(f"{file}:{line}: {change}")
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            f"{verb}: {report.created} new, {report.updated} changed, "
            f"{report.unchanged} unchanged screening(s)."
        )
