"""Reading film pages scraped from an old archive site."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from festarchive.importers.sources.archive_page import KEYS, NotAFilmPage, parse_page

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
# A copy of the shared reference page, so that a plain clone tests it too.
REFERENCE = SAMPLES / "reference-film-page.txt"


def sample(name: str) -> dict:
    return parse_page((SAMPLES / name).read_text(encoding="utf-8"))


@pytest.fixture
def reference_page() -> dict:
    return parse_page(REFERENCE.read_text(encoding="utf-8"))


def test_reference_page_gives_every_fact_a_reader_sees(reference_page):
    page = reference_page
    assert list(page) == list(KEYS)
    assert page["title"] == "We Will Not Fade Away"
    assert page["original_title"] == "My ne zgasnemo"
    assert (page["festival"], page["edition"], page["year"]) == (
        "IDFA",
        "IDFA 2023",
        2023,
    )
    assert page["directors"] == ["Alisa Kovalenko"]
    assert page["countries"] == ["Ukraine", "France", "Poland"]
    assert page["runtime_minutes"] == 100
    assert page["premiere"] == "Dutch Premiere"
    assert page["section"] == "Best of Fests"
    assert page["language"] == "en"
    paragraphs = page["synopsis"].split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("The people of the Donbas region")
    assert paragraphs[2].endswith("is finally over.")


def test_reference_page_credits_in_page_order_once_each(reference_page):
    assert [
        (c["role"], c["person"], c["company"]) for c in reference_page["credits"]
    ] == [
        ("Production", "Valery Kalmykov", "Trueman Production"),
        ("Production", "Yana Kalmykova", "Trueman Production"),
        ("Production", "Oleksiy Kobelev", "Trueman Production"),
        ("Co-production", "Katarzyna Kuczyńska", "HAKA Films"),
        ("Co-production", "Tomasz Morawski", "HAKA Films"),
        ("Co-production", "Stéphane Siohan", None),
        ("Sound", "Mariia Nesterenko", None),
        ("Music", "Wojciech Frycz", None),
        ("Involved TV Channel", None, "ARTE GEIE"),
        ("Involved TV Channel", None, "TVP"),
        ("Involved TV Channel", None, "Current Time TV"),
        ("Involved TV Channel", None, "VGTV"),
        ("World Sales", None, "Stranger Films Sales"),
        ("Screening copy", None, "Stranger Films Sales"),
    ]


def test_title_in_the_navigation_still_finds_the_edition_in_the_breadcrumb():
    address = "URL: https://festival.idfa.nl/en/film/0f0e0d0c/we-will-not-fade-away"
    page = parse_page(address + "\n\n" + REFERENCE.read_text(encoding="utf-8"))
    assert page["source"]["url"] == address.removeprefix("URL: ")
    assert (page["title"], page["edition"]) == ("We Will Not Fade Away", "IDFA 2023")
    assert page["original_title"] == "My ne zgasnemo"
    assert page["section"] == "Best of Fests"


def test_dutch_page():
    page = sample("current-layout-dutch.txt")
    assert page["language"] == "nl"
    assert page["title"] == "Het geheugen van de polder"
    assert page["original_title"] == "Polderherinneringen"
    assert page["directors"] == ["Marieke van der Berg", "Joost Tiemens"]
    assert page["countries"] == ["Nederland", "België"]
    assert (page["year"], page["runtime_minutes"]) == (2021, 74)
    assert page["premiere"] == "Wereldpremière"
    assert page["section"] == "Frontlight"
    credits = [(c["role"], c["person"], c["company"]) for c in page["credits"]]
    assert ("Productie", "Ilse Dekker", "Laagland Films") in credits
    assert credits.count(("Productie", "Ilse Dekker", "Laagland Films")) == 1
    assert ("Betrokken tv-zender", None, "NTR") in credits
    assert not any(
        role == "Montage" for role, _p, _c in credits
    )  # heading without names


def test_older_labelled_layout():
    page = sample("older-layout.txt")
    assert page["title"] == "Salt Roads"
    assert page["original_title"] == "Solyani dorogi"
    assert page["directors"] == ["Timur Abdrakhmanov"]
    assert page["countries"] == ["Kazakhstan", "Germany"]
    assert (page["year"], page["runtime_minutes"]) == (2004, 58)
    assert page["premiere"] is None
    assert page["section"] == "Reflecting Images"
    assert page["synopsis"].startswith("Across the dried bed of the Aral Sea")
    assert {
        "role": "Cinematography",
        "person": "Aigerim Nurlanova",
        "company": None,
    } in page["credits"]
    assert {"role": "Production", "person": None, "company": "Steppe Pictures"} in page[
        "credits"
    ]


def test_numbers_in_the_synopsis_are_not_facts_and_credits_print_once():
    page = sample("single-credits-numbers.txt")
    assert (page["year"], page["runtime_minutes"]) == (2016, 52)
    assert page["original_title"] is None
    assert "45 min crossing" in page["synopsis"]
    assert page["synopsis"].count("\n\n") == 1
    assert [(c["role"], c["person"], c["company"]) for c in page["credits"]] == [
        ("Director", "Erik Haverkamp", None),
        ("Production", None, "Wadden Docs"),
        ("Production", "Ria Smit", "Wadden Docs"),
        ("Sound Design", "Bram Lutke", None),
        ("World Sales", None, "Northern Light Sales"),
    ]


def test_bullet_header_without_a_title_takes_it_from_the_address():
    page = sample("bullet-header.txt")
    assert page["title"] == "The Lighthouse Keepers Log"
    assert page["directors"] == ["Anouk de Vries"]
    assert page["countries"] == ["Netherlands, The"]
    assert (page["year"], page["runtime_minutes"]) == (2019, 71)
    assert page["premiere"] == "Dutch Premiere"
    assert page["festival"] == "IDFA"
    # Nothing on the page or in its address names the year of the edition.
    assert page["edition"] is None and "edition" in page["missing"]
    assert page["synopsis"].startswith("A keeper on a northern island")
    assert "cookies" not in json.dumps(page)


def test_names_printed_without_a_role_are_left_out_and_for_is_shared():
    credits = sample("bullet-header.txt")["credits"]
    assert credits == [
        {
            "role": "Executive producer",
            "person": "Maud Jansen",
            "company": "Noorderlicht Films",
        },
        {
            "role": "Executive producer",
            "person": "Kees Visser",
            "company": "Noorderlicht Films",
        },
    ]


def test_pipe_table_of_another_festival_with_the_edition_in_the_address():
    page = sample("table-layout.txt")
    assert page["title"] == "Galley Stories"
    assert (page["festival"], page["edition"]) == ("Harbourdocs", "Harbourdocs 2022")
    assert page["section"] == "Competition of Nordic Documentaries"
    assert page["countries"] == ["Denmark", "Sweden"]
    assert (page["year"], page["runtime_minutes"]) == (2022, 78)
    assert page["directors"] == ["Freja Holm"]
    assert ("Edited by", "Ida Lund", None) in [
        (c["role"], c["person"], c["company"]) for c in page["credits"]
    ]
    assert page["missing"] == []


def test_damaged_text_is_repaired_and_a_partial_page_says_what_it_lacks():
    page = sample("damaged-partial.txt")
    assert page["title"] == "Café de Wereld"
    assert "owner’s plan" in page["synopsis"]
    assert not any(c in page["synopsis"] for c in "Ã\u00a0Â")
    assert page["missing"] == [
        "directors",
        "countries",
        "year",
        "runtime_minutes",
        "credits",
        "edition",
    ]


def test_slash_header_and_a_premiere_beyond_the_vocabulary():
    page = sample("slash-header.txt")
    assert page["directors"] == ["Lena Gruber"]
    assert page["countries"] == ["Austria", "Switzerland"]
    assert (page["year"], page["runtime_minutes"]) == (2023, 66)
    assert page["premiere"] == "Austrian Premiere"
    assert (page["premiere_kind"], page["premiere_country"]) == ("national", "AT")
    assert ("Camera", "Tobias Steiner") in [
        (c["role"], c["person"]) for c in page["credits"]
    ]


def test_a_long_slash_header_is_facts_not_prose():
    page = parse_page(
        "Sea Glass\n"
        "Ana Ruiz, Tom Lee & Ida Berg / Spain, France, Portugal, Sweden & Cape "
        "Verde / 2025 / 84 min\n"
        "Three divers collect the glass the sea returns to a beach in Galicia and "
        "wonder which bottles it was before.\n"
    )
    assert page["directors"] == ["Ana Ruiz", "Tom Lee", "Ida Berg"]
    assert page["countries"][-1] == "Cape Verde"
    assert (page["year"], page["runtime_minutes"]) == (2025, 84)
    assert page["synopsis"].startswith("Three divers")


def test_a_section_named_in_the_address_and_on_the_page():
    page = parse_page(
        "URL: https://archive.example.net/en/2021/programme/short_docs/the-jetty.html"
        "\n\nThe Jetty\n\nOn a jetty in winter, an old angler teaches a boy to wait "
        "for the fish, and the boy teaches him his games.\n\nPoland\n2021, 18'\n\n"
        "More from Short Docs\nShort Docs\n"
    )
    assert page["section"] == "Short Docs"
    assert page["edition"] == "Example 2021"


def test_company_and_person_in_parentheses_and_cast_with_characters():
    page = parse_page(
        "Low Tide\n\nAt low tide a village walks out onto the mud flats to gather "
        "what the sea has left behind, as it has done for centuries.\n\n"
        "Production: Wadfilm Productions (Ria Smit), Kees Visser (Noordzee Media)\n"
        "Cast: Anna Berg (the mother), Tom Lee\n"
    )
    credits = [(c["role"], c["person"], c["company"]) for c in page["credits"]]
    assert credits == [
        ("Production", "Ria Smit", "Wadfilm Productions"),
        ("Production", "Kees Visser", "Noordzee Media"),
        ("Cast", "Anna Berg", None),
        ("Cast", "Tom Lee", None),
    ]


def test_german_labels_and_a_section_under_the_title():
    page = sample("german-labels.txt")
    assert page["language"] == "de"
    assert page["title"] == "Der stille Hafen"
    assert page["section"] == "Dokfest – Programm 4: Küstenbilder"
    assert (page["year"], page["runtime_minutes"]) == (2021, 45)
    assert page["countries"] == ["Deutschland"]
    assert page["directors"] == ["Jana Petersen"]
    assert page["premiere"] == "Deutschlandpremiere"
    assert [c["person"] for c in page["credits"] if c["role"] == "Schnitt"] == [
        "Jana Petersen",
        "Ole Brandt",
    ]


def test_banners_are_dropped_but_a_synopsis_about_cookies_is_kept():
    page = parse_page(
        "The Bakery\n\nIn a fortune cookie bakery in Rotterdam, two sisters write "
        "the paper fortunes by hand and wonder who reads them.\n\n"
        "This website uses cookies.\nRead here everything about our cookie policy.\n"
    )
    assert page["synopsis"].startswith("In a fortune cookie bakery")
    assert "policy" not in page["synopsis"]


def test_a_title_and_a_synopsis_are_a_page():
    page = parse_page(
        "The Quiet Dyke\n\nAn old lock keeper counts the ships that pass his "
        "lock, and wonders who will count them after him when he retires.\n"
    )
    assert page["title"] == "The Quiet Dyke"
    assert page["synopsis"].startswith("An old lock keeper")
    assert page["edition"] is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Shopping list\n- bread\n",
        "IDFA 2023\n",
        "IDFA 2023\nA Title\n\nJust text.\n",
        "\x00\x01",
        '{"title": "Salt Roads", "year": 2004, "synopsis": "Trucks haul salt."}',
        "<!DOCTYPE html>\n<html><head><title>Salt Roads</title></head></html>",
    ],
)
def test_text_that_is_no_film_page_is_refused(text):
    with pytest.raises(NotAFilmPage):
        parse_page(text)


def _cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "festarchive", "parse-page", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_command_prints_one_json_object_with_its_source():
    result = _cli(str(SAMPLES / "older-layout.txt"))
    assert result.returncode == 0, result.stderr
    page = json.loads(result.stdout)
    assert page["title"] == "Salt Roads"
    assert page["source"]["file"] == str(SAMPLES / "older-layout.txt")
    assert page["source"]["importer"] == "parse-page"
    assert page["source"]["date"]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (SAMPLES / "not-a-page.txt", "not a film page"),
        (SAMPLES / "missing.txt", "no such file"),
        (SAMPLES, "is a folder"),
    ],
)
def test_command_reports_one_line_and_exits_1(path, message):
    result = _cli(str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the page is empty"),
        (b"  \n\n", "the page is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
)
def test_command_refuses_empty_and_binary_files_in_one_line(tmp_path, content, message):
    path = tmp_path / "page.txt"
    path.write_bytes(content)
    result = _cli(str(path))
    assert result.returncode == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_command_refuses_a_file_that_is_not_utf8(tmp_path):
    latin1 = tmp_path / "page.txt"
    latin1.write_bytes("IDFA 2023\nCaf\xe9\n2023\n".encode("latin-1"))
    result = _cli(str(latin1))
    assert result.returncode == 1
    assert "not UTF-8" in result.stderr
