"""A search's films as a CSV file, one film a row.

The columns are those of the spreadsheet import (docs/importing.md) plus the
film's address, so a downloaded file can be edited and imported again.
"""

from collections.abc import Iterator

from django.conf import settings
from django.db.models import Prefetch

from festarchive.catalogue.columns import COLUMN_ORDER, INFORMATIONAL
from festarchive.catalogue.models import Credit, Film
from festarchive.catalogue.vocabulary import DIRECTOR
from festarchive.core.spreadsheets import csv_writer
from festarchive.festival.models import Selection

COLUMNS = [*COLUMN_ORDER, *INFORMATIONAL]
BATCH = 500


class _Echo:
    """A file-like object that hands back what is written, for streaming."""

    def write(self, value: str) -> str:
        return value


def csv_lines(film_ids: list[int], absolute) -> Iterator[str]:
    """The CSV text, line by line: a byte-order mark and header first, so
    spreadsheet programs read the file as UTF-8."""
    writer = csv_writer(_Echo())
    yield "\ufeff" + writer.writerow(COLUMNS)
    for start in range(0, len(film_ids), BATCH):
        for row in _rows(film_ids[start : start + BATCH], absolute):
            yield writer.writerow(row)


def _rows(ids: list[int], absolute) -> Iterator[list]:
    host = settings.FESTARCHIVE["HOST_FESTIVAL_SLUG"]
    films = Film.objects.prefetch_related(
        "production_countries",
        "spoken_languages",
        Prefetch(
            "credits",
            queryset=Credit.objects.select_related("role", "person", "company"),
        ),
        Prefetch(
            "selections",
            queryset=Selection.objects.select_related(
                "edition__festival", "section", "premiere"
            ).order_by("-edition__year", "id"),
        ),
    ).in_bulk(ids)
    for film_id in ids:
        film = films.get(film_id)
        if film is None:
            continue
        credits = list(film.credits.all())
        selections = list(film.selections.all())
        # The festival's own most recent screening, else the latest elsewhere.
        shown = next(
            (s for s in selections if s.edition.festival.slug == host),
            selections[0] if selections else None,
        )
        yield [
            film.title_en,
            film.title_nl,
            film.title_original,
            film.title_original_latin,
            film.title_original_language,
            film.year or "",
            film.runtime_minutes or "",
            "; ".join(c.country.code for c in film.production_countries.all()),
            "; ".join(lang.language for lang in film.spoken_languages.all()),
            "; ".join(
                c.person.name for c in credits if c.role.slug == DIRECTOR and c.person
            ),
            "; ".join(
                f"{c.role.name_en}: {_credited(c)}"
                for c in credits
                if not (c.role.slug == DIRECTOR and c.person and not c.company)
            ),
            shown.edition.festival.short_name if shown else "",
            shown.edition.year if shown else "",
            shown.section.name_en if shown and shown.section else "",
            shown.premiere.name_en if shown and shown.premiere else "",
            film.synopsis_en,
            film.synopsis_nl,
            film.imdb_id,
            film.wikidata_id,
            film.eidr_id,
            film.slug,
            absolute(film.get_absolute_url()),
        ]


def _credited(credit) -> str:
    if credit.person and credit.company:
        return f"{credit.person.name} for {credit.company.name}"
    return (credit.person or credit.company).name
