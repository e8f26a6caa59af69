import sys
from itertools import islice

from django.core.management.base import BaseCommand

from festarchive.importers.jsonl import export_lines


class Command(BaseCommand):
    help = "Write the whole catalogue as JSON Lines (docs/export-format.md)."

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", help="file to write (default: standard output)"
        )

    def handle(self, *args, output=None, **options):
        stream = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
        try:
            # Thousands of lines a write: one call per line costs more than
            # the writing itself at a few hundred thousand lines.
            lines = export_lines()
            while chunk := list(islice(lines, 5000)):
                chunk.append("")
                stream.write("\n".join(chunk))
        finally:
            if output:
                stream.close()
