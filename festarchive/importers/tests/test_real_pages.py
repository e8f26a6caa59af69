"""parse-page on real pages of our festival's site and of others'.

The pages and the facts an archivist reads from them live beside the project,
in ../shared/samples/pages, with the script that scores a parse against them.
They are others' words, so they stay out of the project; without them these
tests are skipped.
"""

import importlib.util
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
PAGES = SHARED / "samples" / "pages"
SCORER = SHARED / "tools" / "score_sample_pages.py"

pytestmark = pytest.mark.skipif(
    not PAGES.is_dir(), reason=f"the real sample pages are not at {PAGES}"
)
needs_scorer = pytest.mark.skipif(
    not SCORER.is_file(), reason=f"the script scoring the pages is not at {SCORER}"
)


def parsed(name: str) -> dict:
    out = StringIO()
    call_command("parse_page", str(PAGES / f"{name}.txt"), stdout=out)
    return json.loads(out.getvalue())


def expected(name: str) -> dict:
    return json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))


def _scorer():
    spec = importlib.util.spec_from_file_location("score_sample_pages", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _accuracy(ours: bool) -> float:
    scorer = _scorer()
    checks = hits = 0
    for path in sorted(PAGES.glob("*.json")):
        facts = json.loads(path.read_text(encoding="utf-8"))
        if (facts.get("festival") == "IDFA") != ours:
            continue
        page_checks, page_hits, *_rest = scorer.score_page(facts, parsed(path.stem))
        checks += page_checks
        hits += page_hits
    assert checks, "no sample page of this group"
    return hits / checks


@needs_scorer
def test_our_festivals_pages_are_read_almost_whole():
    assert _accuracy(ours=True) >= 0.95


@needs_scorer
def test_other_festivals_pages_are_read_mostly():
    assert _accuracy(ours=False) >= 0.7


def test_every_real_page_gives_a_title_and_what_it_lacks():
    for path in sorted(PAGES.glob("*.txt")):
        page = parsed(path.stem)
        assert page["title"], path.name
        assert isinstance(page["missing"], list), path.name
        assert page["source"]["importer"] == "parse-page"
        assert page["source"]["url"] == expected(path.stem)["url"]


def test_partial_page_gives_title_and_synopsis_and_lists_the_rest_missing():
    page = parsed("05_this-was-your-nicest-auntie-ria")
    assert page["title"] == "This Was Your Nicest Auntie Ria"
    assert page["synopsis"].startswith("She’s not stupid")
    assert {"directors", "countries", "year", "runtime_minutes"} <= set(page["missing"])


def test_mojibake_at_the_end_of_a_synopsis_is_repaired():
    page = parsed("10_no-crying-at-the-dinner-table")
    assert "Â" not in page["synopsis"]
    assert page["synopsis"].endswith("for those watching.")


def test_credits_printed_twice_count_once():
    credits = parsed("28_trains")["credits"]
    pairs = [(c["role"], c["person"] or c["company"]) for c in credits]
    assert len(pairs) == len(set(pairs))
    assert ("Sound Design", "Saulius Urbanavičius") in pairs


def test_names_without_a_role_are_left_out():
    credits = parsed("02_octopus")["credits"]
    assert {c["role"] for c in credits} == {"Executive producer"}
    assert {
        "role": "Executive producer",
        "person": "Johan Matton",
        "company": "Changing Film Productions",
    } in credits
    zagreb = parsed("13_zagrebdox-apolonia-apolonia")["credits"]
    assert not any(c["person"] == "Jonas Struck" for c in zagreb)


def test_other_festivals_layouts():
    table = parsed("19_zlinfest-we-will-not-fade-away")
    assert (table["title"], table["year"], table["runtime_minutes"]) == (
        "We Will Not Fade Away",
        2023,
        100,
    )
    german = parsed("20_kasselerdokfest-les-porteurs")
    assert german["premiere"] == "Deutschlandpremiere"
    assert (german["premiere_kind"], german["premiere_country"]) == ("national", "DE")
    assert german["language"] == "de"
    slashes = parsed("27_cphdox-amilcar")
    assert slashes["directors"] == ["Miguel Eek"]
    assert "Cape Verde" in slashes["countries"]


def test_the_festivals_other_pages_list_are_read():
    assert parsed("13_zagrebdox-apolonia-apolonia")["festivals"] == [
        {"festival": "IDFA", "year": 2022, "award": None, "section": None}
    ]
    assert parsed("35_mdag2018-alicia")["festivals"] == [
        {
            "festival": "IDFA Amsterdam",
            "year": 2017,
            "award": "Special Jury Award",
            "section": None,
        }
    ]
    # Our own pages' 'IDFA history' is the page's own selection, not a list.
    assert parsed("02_octopus")["festivals"] == []


def test_edition_only_where_the_page_or_its_address_states_it():
    assert parsed("28_trains")["edition"] == "IDFA 2024"
    assert parsed("02_octopus")["edition"] is None
    assert parsed("12_berlinale-devils-peak")["edition"] == "Berlinale 2022"


@pytest.mark.django_db
def test_every_real_page_loads_and_other_festivals_become_selections():
    from festarchive.catalogue.models import Film
    from festarchive.festival.models import Selection
    from festarchive.importers.pages import import_pages

    report = import_pages([PAGES])
    assert not report.unreadable
    assert len(report.loaded) == len(list(PAGES.glob("*.txt")))
    berlinale = Selection.objects.get(film__title_en="Devil’s Peak")
    assert (berlinale.edition.festival.name, berlinale.edition.year) == (
        "Berlinale",
        2022,
    )
    trains = Film.objects.get(title_en="Trains")
    assert trains.selections.get().premiere.slug == "world"
    assert trains.provenances.get().source_url == expected("28_trains")["url"]
