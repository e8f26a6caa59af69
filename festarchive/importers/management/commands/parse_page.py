import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from festarchive.importers.sources.archive_page import (
    NotAFilmPage,
    parse_page,
    read_page,
)


class Command(BaseCommand):
    help = "Parse a film page scraped as text from a festival site; print it as JSON."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the scraped page, as UTF-8 text")

    def handle(self, *args, file, **options):
        path = Path(file)
        try:
            text = read_page(path)
            page = parse_page(text, file=str(path))
        except FileNotFoundError:
            return self._fail(f"{file}: no such file")
        except IsADirectoryError:
            return self._fail(f"{file}: is a folder, not a page")
        except PermissionError:
            return self._fail(f"{file}: not allowed to read it")
        except UnicodeDecodeError:
            return self._fail(f"{file}: not UTF-8 text")
        except NotAFilmPage as error:
            return self._fail(f"{file}: not a film page: {error}")
        self.stdout.write(json.dumps(page, ensure_ascii=False, indent=2))

    def _fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(1)
