"""What every all-or-nothing file import says the same way at the command
line: a file it cannot read, a database that went away, the lines it refused.
The catalogue import and the timetable import are subclasses."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import InterfaceError, OperationalError

# Refused lines are listed up to this many; the rest are counted.
LISTED_REFUSALS = 200


class FileImportCommand(BaseCommand):
    """Reads ``file`` as UTF-8 text, hands it to ``load`` and reports the
    refusals of what ``load`` returns (a report with ``error``, ``rejected``
    and, if it has them, ``warnings``); ``describe`` then tells what was done."""

    # How a rerun behaves, for the message after the database went away.
    rerun_hint = "run it again when the database is back."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and list what would change, change nothing",
        )

    def load(self, text: str, path: Path, **options):
        raise NotImplementedError

    def describe(self, report, file: str, **options) -> None:
        raise NotImplementedError

    def explain(self, report, file: str, **options) -> None:
        """Say what the file was read as, before any refusals are listed (so a
        dry run shows it for a refused file too); by default nothing."""

    def handle(self, *args, file, **options):
        path = Path(file)
        text = read_text(path, file)
        try:
            report = self.load(text, path, **options)
        except (OperationalError, InterfaceError) as error:
            reason = str(error).strip().splitlines()[0]
            raise CommandError(
                f"{file}: the database could not be reached or went away "
                f"({reason}). An import is written whole or not at all: "
                f"{self.rerun_hint}"
            ) from error
        if report.error:
            raise CommandError(f"{file}: {report.error}; nothing was imported")
        self.explain(report, file, **options)
        for line, warning in getattr(report, "warnings", ()):
            self.stderr.write(f"{file}:{line}: warning: {warning}")
        if report.rejected:
            for line, reason in report.rejected[:LISTED_REFUSALS]:
                self.stderr.write(f"{file}:{line}: {reason}")
            more = len(report.rejected) - LISTED_REFUSALS
            if more > 0:
                self.stderr.write(f"… and {more} more refused lines")
            raise CommandError(
                f"{file}: {len(report.rejected)} line(s) refused; nothing was imported"
            )
        self.describe(report, file, **options)


def read_text(path: Path, name: str) -> str:
    """The file as text (UTF-8, a byte-order mark dropped), or a CommandError
    that says why not."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CommandError(f"{name}: cannot read it ({error.strerror})") from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(
            f"{name}: not UTF-8 text (byte {error.start}); nothing was imported"
        ) from error
