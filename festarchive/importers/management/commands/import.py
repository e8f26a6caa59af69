import sys

from django.core.management.base import CommandError

from festarchive.importers.catalogue_import import import_catalogue
from festarchive.importers.management.filecommand import FileImportCommand
from festarchive.importers.spreadsheet import import_spreadsheet

# Items listed under each heading of a dry run; the rest are counted.
LISTED = 200


def _role_map(pairs: list[str]) -> dict[str, str]:
    """``--map-role`` values ("Label=slug") as label -> slug."""
    mapped = {}
    for pair in pairs:
        label, equals, slug = pair.rpartition("=")
        if not equals or not label.strip() or not slug.strip():
            raise CommandError(
                f"--map-role {pair!r} is not LABEL=SLUG "
                '(--map-role "Foley artist=sound")'
            )
        mapped[label.strip()] = slug.strip()
    return mapped


class Command(FileImportCommand):
    help = (
        "Load a catalogue file written by `festarchive export` (JSON Lines), or a "
        "spreadsheet of films (.csv): all of it or, if any line is refused, none of it."
    )

    rerun_hint = (
        "run it again when the database is back; records already there are "
        "matched by their slugs."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="let the file remove what it leaves out or empties (fields, "
            "credits, selections, awards, images…); without it such a file is "
            "refused",
        )
        parser.add_argument(
            "--map-role",
            action="append",
            default=[],
            metavar="LABEL=SLUG",
            help="a spreadsheet's credit label read as the role of this slug "
            '(--map-role "Foley artist=sound"); repeatable',
        )
        parser.add_argument(
            "--create-roles",
            action="store_true",
            help="make a new role of each credit label of a spreadsheet that no "
            "role answers to, instead of refusing the file",
        )

    def load(self, text, path, *, dry_run, replace, map_role, create_roles, **options):
        progress = self._progress if sys.stderr.isatty() else None
        if path.suffix.lower() in {".csv", ".tsv", ".txt"}:
            return import_spreadsheet(
                text,
                dry_run=dry_run,
                replace=replace,
                progress=progress,
                role_map=_role_map(map_role),
                create_roles=create_roles,
                source=str(path),
            )
        if map_role or create_roles:
            raise CommandError(
                f"{path}: --map-role and --create-roles are for spreadsheets "
                "(.csv); a catalogue file names its roles by slug"
            )
        return import_catalogue(
            text.splitlines(),
            dry_run=dry_run,
            replace=replace,
            progress=progress,
            source=str(path),
        )

    def explain(self, report, file, *, dry_run, **options):
        if not dry_run:
            return
        for heading, items in report.readings.items():
            self.stdout.write(f"{heading} ({len(items)}):")
            for item in items[:LISTED]:
                self.stdout.write(f"  {item}")
            if len(items) > LISTED:
                self.stdout.write(f"  … and {len(items) - LISTED} more")

    def describe(self, report, file, *, dry_run, **options):
        verb = "Would import" if dry_run else "Imported"
        for file_slug, archive_slug, label in report.matched_by_id[:50]:
            self.stdout.write(
                f"Matched by {label}: film {file_slug!r} is the archive's {archive_slug!r}"
            )
        if len(report.matched_by_id) > 50:
            self.stdout.write(
                f"… and {len(report.matched_by_id) - 50} more films matched by id"
            )
        if dry_run:
            self._list(report.changes, "Film {slug!r}:")
        self._list(
            report.removed,
            "Would remove from film {slug!r}:"
            if dry_run
            else "Removed from film {slug!r}:",
        )
        for label, counter in (
            ("created", report.created),
            ("updated", report.updated),
            ("unchanged", report.unchanged),
        ):
            if counter:
                self.stdout.write(
                    f"{verb}, {label}: "
                    + ", ".join(f"{n} {kind}" for kind, n in sorted(counter.items()))
                )
        if report.index_error:
            raise CommandError(f"{file}: imported, but {report.index_error}")
        if report.indexed:
            self.stdout.write("Search index updated.")

    def _list(self, films: dict[str, list[str]], heading: str, limit=200) -> None:
        """Each film's lines under a heading, for the first ``limit`` films."""
        for slug, lines in list(films.items())[:limit]:
            self.stdout.write(heading.format(slug=slug))
            for line in lines:
                self.stdout.write(f"  {line}")
        if len(films) > limit:
            self.stdout.write(f"… and {len(films) - limit} more films")

    def _progress(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} films"
        )
        if done >= total:
            sys.stderr.write("\n")
