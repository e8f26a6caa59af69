from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from festarchive.media.cleanup import orphaned_media_remove
from festarchive.media.uploads import STORAGE_ERRORS


def _human(size: int) -> str:
    # filesizeformat joins with a no-break space, meant for pages.
    return filesizeformat(size).replace("\xa0", " ")


def _size(size: int) -> str:
    exact = f"{size:,} byte{'' if size == 1 else 's'}"
    return exact if size < 1024 else f"{exact} ({_human(size)})"


class Command(BaseCommand):
    help = (
        "Remove the files in the media storage that no image or video names "
        "(originals, posters, videos) and the renditions of images that are gone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="list them, remove nothing"
        )
        parser.add_argument(
            "--min-age",
            type=int,
            default=60,
            metavar="MINUTES",
            help="leave files younger than this alone (default 60): an upload "
            "writes its file before its row is saved",
        )

    def handle(self, *args, dry_run, min_age, **options):
        if min_age < 0:
            raise CommandError("--min-age cannot be negative")
        try:
            report = orphaned_media_remove(
                dry_run=dry_run, min_age=timedelta(minutes=min_age)
            )
        except STORAGE_ERRORS as error:
            raise CommandError(
                f"the media storage could not be listed: {error}; nothing was removed"
            ) from error
        if options["verbosity"] > 0:
            for name, size in report.files:
                self.stdout.write(f"{name}  {_human(size)}")
        count = len(report.files)
        files = "file" if count == 1 else "files"
        if dry_run:
            self.stdout.write(
                f"Would remove {count} orphaned {files}, {_size(report.total_bytes)}; "
                "nothing was removed (dry run)."
            )
        else:
            self.stdout.write(
                f"Removed {count} orphaned {files}, {_size(report.total_bytes)}."
            )
        if report.too_recent:
            self.stdout.write(
                f"Left {report.too_recent} unnamed file(s) younger than "
                f"{min_age} minutes alone: their rows may not be saved yet."
            )
