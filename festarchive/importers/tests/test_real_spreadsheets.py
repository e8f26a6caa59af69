"""Spreadsheets as festivals write them: printed role labels, countries as
people spell them, roles mapped or created at the command line, dry runs."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from festarchive.catalogue.models import Film, Person, Role
from festarchive.catalogue.services import person_create

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "festival-credits.csv"


def _import(path, *options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import", str(path), *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _refused(path, *options) -> str:
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import", str(path), *options, stdout=StringIO(), stderr=err)
    return err.getvalue()


def _csv(tmp_path, text: str) -> Path:
    path = tmp_path / "films.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _credits(title: str) -> set[str]:
    return {str(c) for c in Film.objects.get(title_en=title).credits.all()}


def _countries(title: str) -> list[str]:
    film = Film.objects.get(title_en=title)
    return [c.country.code for c in film.production_countries.all()]


def test_a_festival_spreadsheet_with_printed_roles_and_countries_imports():
    out, err = _import(SAMPLE)
    assert "Imported, created: " in out, err
    assert _credits("The Lantern Keepers") == {
        "Director: Ines Tavares",
        "Production: Rui Semedo",
        "Production: Marta Lobo",
        "Cinematography: Joana Pires",
        "Editing: Pieter Vos",
        "Sound: Lotte Brandt",
        "Sound Design: Lotte Brandt",
        "Music: Ana Duarte",
    }
    assert _credits("Salt in the Wind") == {
        "Director: Olga Petrenko",
        "Cinematography: Jan Novak",
        "Editing: Eva Horakova",
        "Sound: Milan Dvorak",
        "Screenplay: Olga Petrenko",
    }
    assert _credits("Harbour of Small Hours") == {
        "Director: Min-jun Park",
        "Director: Aung Kyaw",
        "Editing: Claire Dubois",
        "Music: Bas de Groot",
        "Production: Seo-yeon Kim for Quiet Tide Films",
    }
    assert _countries("The Lantern Keepers") == ["CV", "NL"]
    assert _countries("Salt in the Wind") == ["SUHH", "DDDE"]
    assert _countries("Harbour of Small Hours") == ["KR", "MM", "CI"]
    assert _countries("Weather for Swimmers") == ["NL", "CH", "GB", "US"]


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("Netherlands, The", "NL"),
        ("The Netherlands", "NL"),
        ("Czech Republic", "CZ"),
        ("Swaziland", "SZ"),
        ("Macedonia", "MK"),
        ("Zaire", "CD"),
        ("Great Britain", "GB"),
        ("South Korea", "KR"),
        ("North Korea", "KP"),
        ("Russia", "RU"),
        ("Iran", "IR"),
        ("Iran, Islamic Republic of", "IR"),
        ("Syria", "SY"),
        ("Vietnam", "VN"),
        ("Laos", "LA"),
        ("Bolivia", "BO"),
        ("Venezuela", "VE"),
        ("Tanzania", "TZ"),
        ("Moldova", "MD"),
        ("Palestine", "PS"),
        ("Soviet Union", "SUHH"),
        ("Yugoslavia", "YUCS"),
        ("Czechoslovakia", "CSHH"),
        ("GDR", "DDDE"),
        ("West Germany", "DE"),
        ("Duitsland", "DE"),
        ("België", "BE"),
        ("Frankrijk", "FR"),
        ("Verenigde Staten", "US"),
        ("Oostenrijk", "AT"),
        ("UK", "GB"),
    ],
)
def test_a_country_as_people_write_it_is_read(tmp_path, spelling, code):
    quoted = spelling.replace('"', '""')
    _import(_csv(tmp_path, f'title,countries\nA Film,"{quoted}"\n'))
    assert _countries("A Film") == [code]


def test_an_inverted_country_name_in_a_list_is_one_country(tmp_path):
    path = _csv(
        tmp_path,
        'title,countries\nA Film,"Netherlands, The, Belgium, Korea, Republic of"\n',
    )
    _import(path)
    assert _countries("A Film") == ["NL", "BE", "KR"]


def test_an_unknown_country_refuses_the_file_with_its_line(tmp_path):
    path = _csv(tmp_path, "title,countries\nGood Film,NL\nBad Film,Atlantis\n")
    assert f"{path}:3: country 'Atlantis' is not recognised" in _refused(path)
    assert not Film.objects.exists()


def test_an_unknown_role_refuses_the_file_with_the_nearest_roles(tmp_path):
    roles = Role.objects.count()
    path = _csv(
        tmp_path,
        "title,credits\nGood Film,Producer: Ann Lee\nBad Film,Prodcuer: Bo Lund\n",
    )
    err = _refused(path)
    assert f"{path}:3: role 'Prodcuer' is not in the vocabulary; nearest known " in err
    assert "Production (production)" in err
    assert '--map-role "Prodcuer=SLUG"' in err
    assert "--create-roles" in err
    assert not Film.objects.exists()
    assert not Person.objects.exists()
    assert Role.objects.count() == roles


def test_map_role_reads_a_label_as_the_role_it_names(tmp_path):
    path = _csv(tmp_path, "title,credits\nA Film,Foley artist: Bo Lund\n")
    assert "Foley artist" in _refused(path)
    _import(path, "--map-role", "Foley artist=sound-design")
    assert _credits("A Film") == {"Sound Design: Bo Lund"}


def test_map_role_to_a_slug_no_role_has_refuses_the_file(tmp_path):
    path = _csv(tmp_path, "title,credits\nA Film,Foley artist: Bo Lund\n")
    err = StringIO()
    with pytest.raises(CommandError, match="no role with the slug foley"):
        call_command("import", str(path), "--map-role", "Foley artist=foley")
    assert not err.getvalue()
    with pytest.raises(CommandError, match="is not LABEL=SLUG"):
        call_command("import", str(path), "--map-role", "Foley artist")
    assert not Film.objects.exists()


def test_create_roles_makes_a_role_of_an_unknown_label(tmp_path):
    path = _csv(
        tmp_path,
        "title,credits\nA Film,Foley artist: Bo Lund; Camera/Gaffer: Ann Lee\n"
        "B Film,FOLEY ARTIST: Ann Lee\n",
    )
    out, _err = _import(path, "--create-roles", "--dry-run")
    assert (
        "Roles to create (2):\n  Foley artist (foley-artist)\n  Gaffer (gaffer)" in out
    )
    assert not Role.objects.filter(slug="foley-artist").exists()
    _import(path, "--create-roles")
    assert Role.objects.get(slug="foley-artist").name_en == "Foley artist"
    assert _credits("A Film") == {
        "Foley artist: Bo Lund",
        "Cinematography: Ann Lee",
        "Gaffer: Ann Lee",
    }
    assert _credits("B Film") == {"Foley artist: Ann Lee"}


def test_dry_run_lists_what_would_be_created_matched_and_read(tmp_path):
    person_create(name="Pieter Vos")
    out, _err = _import(SAMPLE, "--dry-run")
    assert (
        "Films to create (4):\n  The Lantern Keepers (the-lantern-keepers-2021), line 2\n"
        in out
    )
    assert "People matched in the archive (1):\n  Pieter Vos\n" in out
    assert "People to create (" in out and "\n  Ines Tavares\n" in out
    assert "Companies to create (2):\n  Quiet Tide Films\n  Lighthouse Sales\n" in out
    assert "  'Produced by' as Production (production)\n" in out
    assert (
        "  'Sound/Sounddesign' as Sound (sound), Sound Design (sound-design)\n" in out
    )
    assert "  'Regisseur' as Director (director)\n" in out
    assert "  'Netherlands, The' as NL (Netherlands)\n" in out
    assert "  'USSR' as SUHH (USSR)\n" in out
    assert "Would import, created: " in out
    assert not Film.objects.exists()
    assert list(Person.objects.values_list("name", flat=True)) == ["Pieter Vos"]


def test_dry_run_of_an_imported_file_lists_the_films_to_update(tmp_path):
    _import(SAMPLE)
    changed = SAMPLE.read_text(encoding="utf-8").replace(",74,", ",75,")
    out, _err = _import(_csv(tmp_path, changed), "--dry-run")
    assert "Films to update (1):\n  The Lantern Keepers" in out
    assert "Films already in the archive as the file has them (3):" in out
    assert "Films to create" not in out
    assert "People to create" not in out


def test_dry_run_of_a_refused_file_lists_the_readings_and_the_refusals(tmp_path):
    path = _csv(tmp_path, "title,countries,credits\nA Film,Burma,Juggler: Ann Lee\n")
    out = StringIO()
    err = StringIO()
    with pytest.raises(CommandError, match="1 line"):
        call_command("import", str(path), "--dry-run", stdout=out, stderr=err)
    assert "  'Burma' as MM (Myanmar)\n" in out.getvalue()
    assert f"{path}:2: role 'Juggler' is not in the vocabulary" in err.getvalue()


def test_role_options_are_refused_for_a_catalogue_file(tmp_path):
    path = tmp_path / "catalogue.jsonl"
    path.write_text("", encoding="utf-8")
    with pytest.raises(CommandError, match="are for spreadsheets"):
        call_command("import", str(path), "--create-roles")


@pytest.mark.parametrize(
    ("row", "options", "reason"),
    [
        ("A Film,,Camera Joana Pires", (), "credit 'Camera Joana Pires' is not"),
        ("A Film,,/: Joana Pires", ("--create-roles",), "role '/' has no word"),
        ('A Film,", The",', (), "country 'The' is not recognised"),
        ("A Film,Atlantis / NL,", (), "country 'Atlantis' is not recognised"),
        ("A Film,,Sound/Juggling: Bo Lund", (), "role 'Sound/Juggling' is not"),
    ],
)
def test_bad_input_is_refused_on_its_line_and_nothing_is_written(
    tmp_path, row, options, reason
):
    path = _csv(tmp_path, f"title,countries,credits\nGood Film,NL,\n{row}\n")
    err = _refused(path, *options)
    assert err.startswith(f"{path}:3: ")
    assert reason in err
    assert not Film.objects.exists()
