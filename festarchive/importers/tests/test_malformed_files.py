"""Malformed files of every kind: each is refused with its line and reason,
never a traceback, and nothing is written."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from festarchive.catalogue.models import Film, FilmImage

pytestmark = pytest.mark.django_db

HEADER = json.dumps({"type": "header", "schema": "festarchive-catalogue", "version": 1})


def _film(**values) -> str:
    record = {
        "type": "film",
        "slug": "harbour-lights-2002",
        "title_en": "Harbour Lights",
        **values,
    }
    return json.dumps(record, ensure_ascii=True)


JSONL = {
    "a number of 5,000 digits": (
        '{"type": "film", "slug": "a", "title_en": "A", "year": ' + "5" * 5000 + "}",
        "not valid JSON here (a number with too many digits)",
    ),
    "deeply nested JSON": (
        '{"type": "film", "slug": "a", "title_en": '
        + "[" * 100_000
        + "]" * 100_000
        + "}",
        "not valid JSON here (lists or objects nested too deeply)",
    ),
    "a 200,000-character title": (
        _film(title_en="x" * 200_000),
        "title_en is longer than 300 characters",
    ),
    "credits given as a string": (
        _film(credits="Director: Anna Berg"),
        "credits must be a list of objects",
    ),
    "credits given as numbers": (
        _film(credits=[1, 2]),
        "credits must be a list of objects",
    ),
    "a credit's order as text": (
        _film(credits=[{"role": "director", "person": "anna-berg", "order": "first"}]),
        "order must be a whole number",
    ),
    "a list where a type name belongs": (
        json.dumps({"type": ["film"], "slug": "a", "title_en": "A"}),
        "unknown record type ['film']",
    ),
    "a lone surrogate": (
        '{"type": "film", "slug": "a", "title_en": "Harbour \\ud800 Lights"}',
        "holds a lone surrogate (half of a UTF-16 pair), which is not a character",
    ),
    "a NUL in an image path": (
        _film(images=[{"file": "films/harbour\u0000.jpg", "order": 0}]),
        "holds a NUL character",
    ),
    "a title without its text": (
        _film(titles=[{"kind": "working"}]),
        "title is missing",
    ),
    "a title that is a number": (
        _film(titles=[{"title": 7, "kind": "working"}]),
        "title must be text",
    ),
    "countries given as a string": (
        _film(countries="NL"),
        "countries must be a list of text values",
    ),
    "an IMDb id that is not one": (
        _film(imdb_id="nm0000001"),
        "imdb_id 'nm0000001': An IMDb ID looks like tt1234567.",
    ),
    "a Wikidata id that is not one": (
        _film(wikidata_id="12345"),
        "wikidata_id '12345': A Wikidata ID looks like Q12345.",
    ),
    "published given as text": (
        _film(is_published="yes"),
        "is_published must be true or false",
    ),
    "a language code that is not one": (
        _film(title_original_language="elvish"),
        "title_original_language is longer than 3 characters",
    ),
    "an empty country": (
        _film(countries=["NL", ""]),
        "country is missing",
    ),
    "an unknown country": (
        _film(countries=["XX"]),
        "country 'XX' is unknown",
    ),
    "a video's kind outside the vocabulary": (
        _film(videos=[{"url": "https://vimeo.com/76979871", "kind": "teaser!"}]),
        "video kind 'teaser!' is unknown",
    ),
    "a runtime beyond the model's": (
        _film(runtime_minutes=100_000),
        "runtime_minutes 100000 is outside 1–",
    ),
    "a slug longer than the film's": (
        _film(slug="a" * 121),
        "slug is longer than 120 characters",
    ),
}

CSV = {
    "superscript digits": (
        "title,year\nHarbour Lights,¹⁹⁹⁹\n",
        "year '¹⁹⁹⁹' is not a whole number",
    ),
    "Arabic-Indic digits": (
        "title,runtime\nHarbour Lights,٩٠\n",
        "runtime '٩٠' is not a whole number",
    ),
    "a number of 5,000 digits": (
        "title,runtime\nHarbour Lights," + "5" * 5000 + "\n",
        "runtime '55555555555555555…' is not a whole number",
    ),
    "a 200,000-character cell": (
        "title,synopsis_en\nHarbour Lights," + "x" * 200_000 + "\n",
        "a cell is longer than 131,072 characters, more than any field holds",
    ),
    "a NUL in a title": (
        "title\nHarbour\x00Lights\n",
        "holds a NUL character",
    ),
}


@pytest.mark.parametrize("case", sorted(JSONL))
def test_a_malformed_export_line_is_refused_with_its_number(
    case, tmp_path, demo_catalogue
):
    line, reason = JSONL[case]
    path = tmp_path / "catalogue.jsonl"
    path.write_text(f"{HEADER}\n{line}\n", encoding="utf-8")
    _refused(path, 2, reason)


@pytest.mark.parametrize("case", sorted(CSV))
def test_a_malformed_spreadsheet_row_is_refused_with_its_number(
    case, tmp_path, demo_catalogue
):
    text, reason = CSV[case]
    path = tmp_path / "films.csv"
    path.write_text(text, encoding="utf-8")
    _refused(path, 2, reason)


def _refused(path, line: int, reason: str) -> None:
    films, images = Film.objects.count(), FilmImage.objects.count()
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import", str(path), stdout=StringIO(), stderr=err)
    assert err.getvalue().startswith(f"{path}:{line}: ")
    assert reason in err.getvalue()
    assert (Film.objects.count(), FilmImage.objects.count()) == (films, images)


# A record of each kind with one text field a character over its model's
# limit: the file is refused with the limit the model has, before the
# database would refuse it.
OVER_THE_LIMIT = [
    ("role", {"name_en": "Sound"}, "name_en", "catalogue.Role"),
    ("premiere_status", {"name_en": "Premiere"}, "name_nl", "festival.PremiereStatus"),
    ("festival", {"name": "F", "short_name": "F"}, "city", "festival.Festival"),
    ("festival", {"name": "F", "short_name": "F"}, "short_name", "festival.Festival"),
    ("person", {"name": "Anna Berg"}, "sort_name", "catalogue.Person"),
    ("company", {"name": "Kino"}, "name", "catalogue.Company"),
    ("film", {"title_en": "Harbour"}, "title_original", "catalogue.Film"),
]


@pytest.mark.parametrize(("kind", "values", "field", "model"), OVER_THE_LIMIT)
def test_text_limits_are_the_models(kind, values, field, model, tmp_path):
    from django.apps import apps

    limit = apps.get_model(model)._meta.get_field(field).max_length
    record = {"type": kind, "slug": "over", **values, field: "x" * (limit + 1)}
    path = tmp_path / "over.jsonl"
    path.write_text(HEADER + "\n" + json.dumps(record) + "\n", encoding="utf-8")
    _refused(path, 2, f"{field} is longer than {limit} characters")


def test_every_field_a_film_exchanges_is_declared_once():
    """The export writes and the import checks the same declared fields: a
    field added to the film model and to the export is checked on import."""
    from festarchive.importers.record_schema import FILM_FIELDS, RECORDS

    declared = [key.name for key in RECORDS["film"].keys]
    assert declared[: len(FILM_FIELDS)] == list(FILM_FIELDS)
    assert len(set(declared)) == len(declared)
    exchanged = {
        f.name
        for f in Film._meta.concrete_fields
        if f.name not in ("id", "slug", "sort_title", "title_initial")
        and not f.name.endswith("_at")
    }
    assert exchanged == set(FILM_FIELDS)
