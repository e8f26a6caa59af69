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


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Shopping list\n- bread\n",
        "IDFA 2023\n",
        "IDFA 2023\nA Title\n\nJust text.\n",
        "\x00\x01",
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


def test_command_prints_one_json_object():
    result = _cli(str(SAMPLES / "older-layout.txt"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "Salt Roads"


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


def test_command_refuses_a_file_that_is_not_utf8(tmp_path):
    latin1 = tmp_path / "page.txt"
    latin1.write_bytes("IDFA 2023\nCaf\xe9\n2023\n".encode("latin-1"))
    result = _cli(str(latin1))
    assert result.returncode == 1
    assert "not UTF-8" in result.stderr
