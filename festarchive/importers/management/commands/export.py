import sys
from itertools import islice

from django.core.management.base import BaseCommand

from festarchive.importers.jsonl import export_lines


class Command(BaseCommand):
    help = "Write the whole catalogue as JSON Lines (docs/export-format.md)."
    # The export only reads the catalogue. The system checks would import every
    # URL configuration and view (the API's schemas among them) first: a good
    # part of the command's start-up, for nothing it uses.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", help="file to write (default: standard output)"
        )

    def handle(self, *args, output=None, **options):
        if output:
            with open(output, "wb") as stream:
                write_lines(stream)
        else:
            sys.stdout.flush()
            write_lines(sys.stdout.buffer)


def write_lines(stream) -> None:
    """The export's lines, UTF-8, to a binary stream.

    Thousands of lines a write: one call per line costs more than the writing
    itself at a few hundred thousand lines. Each line is encoded on its own:
    most are ASCII, which encodes as a copy, where the text of thousands of
    lines joined takes the widest character of any of them (a film's title in
    Cyrillic, an emoji) and encodes slowly as a whole."""
    lines = export_lines()
    while chunk := list(islice(lines, 5000)):
        chunk.append("")
        stream.write(b"\n".join([line.encode() for line in chunk]))
