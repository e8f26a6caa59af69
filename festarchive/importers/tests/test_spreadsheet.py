"""Films from spreadsheets: columns, separators, BOM, refusals, idempotency."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from festarchive.catalogue.models import Film, Person
from festarchive.importers.spreadsheet import import_spreadsheet

pytestmark = pytest.mark.django_db

CSV = (
    "title,original_title,year,runtime,countries,languages,directors,credits,edition,section,premiere,synopsis_en\n"
    '"Salt Roads",Solyani dorogi,2004,58,Kazakhstan; Germany,kk,Timur Abdrakhmanov,'
    '"Production: Aliya Sadykova for Steppe Pictures; World Sales: Northern Light Sales; Music: Jonas Weber",'
    "IDFA 2004,Reflecting Images,,Truck drivers haul salt across a dried sea.\n"
    '"The Quiet Pier",,2019,35,NL,,"Anna Berg; Tom de Wit",,2019,Best of Fests,Dutch Premiere,\n'
)


def test_rows_become_films_with_their_credits_and_festival_history(demo_catalogue):
    report = import_spreadsheet(CSV)
    assert report.ok, (report.error, report.rejected)
    assert report.created["films"] == 2
    film = Film.objects.get(title_en="Salt Roads")
    assert [c.country.code for c in film.production_countries.all()] == ["KZ", "DE"]
    assert {str(c) for c in film.credits.all()} >= {
        "Director: Timur Abdrakhmanov",
        "Production: Aliya Sadykova for Steppe Pictures",
        "World Sales: Northern Light Sales",
        "Music: Jonas Weber",
    }
    selection = film.selections.get()
    assert (str(selection.edition), selection.section.name_en) == (
        "IDFA 2004",
        "Reflecting Images",
    )
    pier = Film.objects.get(title_en="The Quiet Pier")
    assert pier.selections.get().premiere.slug == "dutch"
    assert [c.person.name for c in pier.credits.all()] == ["Anna Berg", "Tom de Wit"]


def test_semicolons_and_a_byte_order_mark_are_understood(demo_catalogue):
    text = "\ufefftitle;year;countries;directors\nHarbour Lights;2002;Netherlands, Belgium;Anna Berg\n"
    report = import_spreadsheet(text)
    assert report.ok, report.rejected
    film = Film.objects.get(title_en="Harbour Lights")
    assert [c.country.code for c in film.production_countries.all()] == ["NL", "BE"]


def test_importing_twice_changes_nothing_and_reuses_people(demo_catalogue):
    import_spreadsheet(CSV)
    people = Person.objects.count()
    report = import_spreadsheet(CSV)
    assert report.ok
    assert not +report.created and not +report.updated
    assert Person.objects.count() == people


def test_existing_people_are_reused_by_name(reference_film):
    text = "title,year,directors\nAnother Film,2020,Alisa Kovalenko\n"
    assert import_spreadsheet(text).ok
    assert Person.objects.filter(name="Alisa Kovalenko").count() == 1


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("Future Film,3024,", "year 3024"),
        ("Odd Film,twenty,", "year 'twenty' is not a whole number"),
        (",2020,", "title is missing"),
        ("Nowhere Film,2020,Atlantis", "country 'Atlantis' is not recognised"),
    ],
)
def test_bad_rows_are_reported_with_their_line_and_nothing_is_written(
    demo_catalogue, row, reason
):
    text = "title,year,countries\nGood Film,2020,NL\n" + row + "\n"
    report = import_spreadsheet(text)
    assert [(line, text) for line, text in report.rejected if reason in text] == [
        (3, next(t for _n, t in report.rejected if reason in t))
    ]
    assert not Film.objects.filter(title_en="Good Film").exists()


def test_bad_credit_and_role_are_refused(demo_catalogue):
    report = import_spreadsheet(
        "title,year,credits\nA,2020,Nonsense\nB,2021,Juggler: Someone\n"
    )
    assert [line for line, _reason in report.rejected] == [2, 3]
    assert "is not 'Role: Name'" in report.rejected[0][1]
    assert "role 'Juggler' is not in the vocabulary" in report.rejected[1][1]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,year\nX,2020\n", "one must be 'title'"),
        ("title,year,colour\nX,2020,red\n", "unknown columns: colour"),
        ("", "one must be 'title'"),
    ],
)
def test_wrong_columns_refuse_the_file(demo_catalogue, text, message):
    assert message in import_spreadsheet(text).error


def test_dry_run_writes_nothing(demo_catalogue):
    report = import_spreadsheet(CSV, dry_run=True)
    assert report.created["films"] == 2
    assert not Film.objects.filter(title_en="Salt Roads").exists()


def test_import_command_reads_csv(demo_catalogue, tmp_path):
    path = tmp_path / "films.csv"
    path.write_text(CSV, encoding="utf-8")
    out = StringIO()
    call_command("import", str(path), stdout=out)
    assert "Imported, created: " in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text("title,year\nX,3024\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import", str(bad), stderr=err)
    assert f"{bad}:2: year 3024" in err.getvalue()


def test_a_spreadsheet_is_a_source_of_the_films_it_creates_or_changes(
    demo_catalogue, admin_client
):
    report = import_spreadsheet(CSV, source="uploads/2004/festival-2004.csv")
    assert report.ok, (report.error, report.rejected)
    salt = Film.objects.get(title_en="Salt Roads")
    assert [(p.source_file, p.importer) for p in salt.provenances.all()] == [
        ("festival-2004.csv", "spreadsheet")
    ]

    # The same file again changes nothing, its source included.
    again = import_spreadsheet(CSV, source="festival-2004.csv")
    assert again.ok and not +again.updated
    assert salt.provenances.count() == 1

    # Another file that changes the film is its second source; one that
    # leaves a film as it is does not become its source.
    changed = CSV.replace(",58,", ",61,")
    later = import_spreadsheet(changed, source="corrections.csv")
    assert later.ok, later.rejected
    assert sorted(salt.provenances.values_list("source_file", flat=True)) == [
        "corrections.csv",
        "festival-2004.csv",
    ]
    pier = Film.objects.get(title_en="The Quiet Pier")
    assert list(pier.provenances.values_list("source_file", flat=True)) == [
        "festival-2004.csv"
    ]
    page = admin_client.get(salt.get_absolute_url())
    assert "corrections.csv" in page.content.decode()
