"""Loading scraped pages into the catalogue: reuse, duplicates, failures, dry runs."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from festarchive.catalogue.models import Credit, Film, Person
from festarchive.festival.models import Festival, PremiereStatus, Selection
from festarchive.importers.pages import import_pages
from festarchive.testing.html import visible_text

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PAGES = [
    SAMPLES / "current-layout-dutch.txt",
    SAMPLES / "older-layout.txt",
    SAMPLES / "single-credits-numbers.txt",
]


def _counts():
    return (
        Film.objects.count(),
        Person.objects.count(),
        Credit.objects.count(),
        Selection.objects.count(),
        Festival.objects.count(),
    )


def test_pages_load_with_every_fact_on_the_film_page(client, db):
    report = import_pages(PAGES)
    assert len(report.loaded) == 3 and not report.unreadable
    film = Film.objects.get(title_en="The Last Ferry to Vlieland")
    text = visible_text(client.get(film.get_absolute_url()).content.decode())
    for fact in (
        "2016",
        "52 min",
        "Netherlands",
        "Dutch Premiere",
        "Best of Fests",
        "IDFA 2016",
        "Erik Haverkamp",
        "Ria Smit for Wadden Docs",
        "Northern Light Sales",
        "carried 300 passengers",
    ):
        assert fact in text, fact
    dutch = Film.objects.get(title_nl="Het geheugen van de polder")
    assert dutch.synopsis_nl.startswith("In een dorp achter de dijk")
    assert [c.country.code for c in dutch.production_countries.all()] == ["NL", "BE"]
    assert dutch.selections.get().premiere.slug == "world"


def test_existing_records_are_reused(demo_catalogue):
    before = Festival.objects.count()
    report = import_pages([SAMPLES / "single-credits-numbers.txt"])
    assert Festival.objects.count() == before  # IDFA is the demo festival
    assert report.reused["festivals"] == 1
    assert report.reused["sections"] == 1  # Best of Fests
    assert report.reused["editions"] == 1  # IDFA 2016


def test_importing_the_same_pages_twice_changes_nothing(db):
    import_pages(PAGES)
    first = _counts()
    report = import_pages(PAGES)
    assert _counts() == first
    assert not report.created


def test_names_equal_but_for_accents_are_flagged_not_merged(reference_film, tmp_path):
    page = (SAMPLES / "single-credits-numbers.txt").read_text(encoding="utf-8")
    page = page.replace("Erik Haverkamp", "Katarzyna Kuczynska")
    path = tmp_path / "page.txt"
    path.write_text(page, encoding="utf-8")
    report = import_pages([path])
    assert (
        "people",
        "Katarzyna Kuczynska",
        "Katarzyna Kuczyńska",
    ) in report.probable_duplicates
    assert (
        Person.objects.filter(
            name__in=["Katarzyna Kuczynska", "Katarzyna Kuczyńska"]
        ).count()
        == 2
    )


def test_unreadable_files_are_reported_and_the_rest_loads(db, tmp_path):
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(
        (SAMPLES / "older-layout.txt")
        .read_text()
        .replace("Salt", "Sält")
        .encode("latin-1")
    )
    future = tmp_path / "future.txt"
    future.write_text(
        (SAMPLES / "older-layout.txt")
        .read_text()
        .replace("Year: 2004", "Year: 2024")
        .replace("IDFA 2004", "IDFA 3024")
        .replace("Year: 2024", "Year: 3024"),
        encoding="utf-8",
    )
    report = import_pages(
        [
            SAMPLES / "not-a-page.txt",
            latin1,
            future,
            tmp_path / "missing.txt",
            SAMPLES / "older-layout.txt",
        ]
    )
    reasons = dict(report.unreadable)
    assert "not a film page" in reasons[str(SAMPLES / "not-a-page.txt")]
    assert reasons[str(latin1)] == "not UTF-8 text"
    assert reasons[str(tmp_path / "missing.txt")] == "no such file"
    assert report.loaded == [str(SAMPLES / "older-layout.txt")]
    assert list(Film.objects.values_list("title_en", flat=True)) == ["Salt Roads"]


def test_a_page_refused_halfway_leaves_nothing_behind(db, tmp_path):
    bad = tmp_path / "bad.txt"
    # A runtime the catalogue refuses: the film is refused after its
    # festival and edition would have been made.
    bad.write_text(
        (SAMPLES / "older-layout.txt").read_text().replace("58 min", "5000 min"),
        encoding="utf-8",
    )
    report = import_pages([bad])
    assert report.unreadable and "refused" in report.unreadable[0][1]
    assert _counts() == (0, 0, 0, 0, 0)
    assert not report.created


def test_dry_run_reports_and_changes_nothing(db):
    report = import_pages(PAGES, dry_run=True)
    assert report.created["films"] == 3
    assert _counts() == (0, 0, 0, 0, 0)


def test_command_prints_a_report(db, capsys):
    call_command("import_pages", str(SAMPLES))
    out = capsys.readouterr()
    pages = [path for path in SAMPLES.glob("*.txt") if path.name != "not-a-page.txt"]
    assert len(pages) == 9  # the layouts, the reference film's page, a damaged one
    assert "Loaded 9 page(s)." in out.out
    assert "Created: " in out.out
    assert "not-a-page.txt: not a film page" in out.err
    with pytest.raises(CommandError, match="No page could be loaded"):
        call_command("import_pages", str(SAMPLES / "not-a-page.txt"))


def test_another_festivals_page_adds_to_the_films_festival_history(db):
    report = import_pages([SAMPLES / "table-layout.txt"])
    assert report.loaded and not report.unreadable
    film = Film.objects.get(title_en="Galley Stories")
    selection = film.selections.get()
    assert selection.edition.festival.name == "Harbourdocs"
    assert selection.edition.festival.website == "https://archive.harbourdocs.example"
    assert selection.edition.year == 2022
    assert selection.section.name_en == "Competition of Nordic Documentaries"
    assert report.created["festivals"] == 1


def test_a_page_without_an_edition_loads_the_film_without_a_selection(db):
    report = import_pages([SAMPLES / "bullet-header.txt"])
    film = Film.objects.get(title_en="The Lighthouse Keepers Log")
    assert film.year == 2019
    assert not film.selections.exists()
    assert not Festival.objects.exists()
    assert any("no festival edition" in message for _s, message in report.warnings)


def test_a_premiere_beyond_the_vocabulary_is_kept(db, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(
        (SAMPLES / "slash-header.txt")
        .read_text(encoding="utf-8")
        .replace("/en/films/", "/en/2023/films/"),
        encoding="utf-8",
    )
    report = import_pages([page])
    selection = Film.objects.get(title_en="Mountain Radio").selections.get()
    assert selection.edition.year == 2023
    assert selection.premiere.name_en == "Austrian Premiere"
    assert selection.premiere.slug == "national-at"
    assert any("Austrian Premiere" in message for _s, message in report.warnings)
    # Printed in German on a later page, it is the same premiere status.
    later = tmp_path / "later.txt"
    later.write_text(
        page.read_text(encoding="utf-8")
        .replace("Austrian Premiere", "Österreichpremiere")
        .replace("/2023/", "/2024/"),
        encoding="utf-8",
    )
    import_pages([later])
    film = Film.objects.get(title_en="Mountain Radio")
    assert [s.premiere.slug for s in film.selections.order_by("edition__year")] == [
        "national-at",
        "national-at",
    ]
    assert PremiereStatus.objects.filter(slug__startswith="national-").count() == 1


def _signed_in_visitor():
    from festarchive.lists.tests.test_lists import make_visitor

    client = Client()
    client.force_login(make_visitor("reader@example.org"))
    return client


def test_each_film_keeps_where_its_facts_came_from(db, staff_client):
    import_pages([SAMPLES / "table-layout.txt", SAMPLES / "german-labels.txt"])
    import_pages([SAMPLES / "table-layout.txt"])
    film = Film.objects.get(title_en="Galley Stories")
    [source] = film.provenances.all()
    assert source.source_url.startswith("https://archive.harbourdocs.example/2022/")
    assert (source.importer, source.source_file) == ("import-pages", "")
    assert source.imported_on
    german = Film.objects.get(title_en="Der stille Hafen").provenances.get()
    assert german.source_file == str(SAMPLES / "german-labels.txt")
    page = staff_client.get(reverse("admin:catalogue_film_change", args=[film.pk]))
    assert page.status_code == 200
    text = visible_text(page.content.decode())
    assert source.source_url in text
    assert 'name="provenances-0-source_url"' not in page.content.decode()
    # The public page names its sources to staff only.
    staff_page = staff_client.get(film.get_absolute_url()).content.decode()
    assert "For staff: record based on" in staff_page
    assert source.source_url in staff_page
    for client in (Client(), _signed_in_visitor()):
        public = client.get(film.get_absolute_url()).content.decode()
        assert "record based on" not in public and source.source_url not in public


def test_a_partial_page_adds_to_the_one_film_of_its_title(db, tmp_path):
    import_pages([SAMPLES / "table-layout.txt"])
    partial = tmp_path / "partial.txt"
    partial.write_text(
        "URL: https://www.idfa.nl/en/film/9c1d/galley-stories\n\nGalley Stories\n"
        "A cook on a ferry feeds the crew through a winter of storms and hears "
        "what none of them would tell anybody on land.\n",
        encoding="utf-8",
    )
    report = import_pages([partial])
    assert report.reused["films"] == 1
    assert Film.objects.filter(title_en="Galley Stories").count() == 1


def test_a_premiere_in_other_words_is_the_standard_one(db, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(
        (SAMPLES / "german-labels.txt")
        .read_text(encoding="utf-8")
        .replace("Deutschlandpremiere", "Weltpremiere"),
        encoding="utf-8",
    )
    page.write_text(
        "URL: https://www.dokfest.example.de/2021/film/der-stille-hafen\n\n"
        + page.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    import_pages([page])
    selection = Film.objects.get(title_en="Der stille Hafen").selections.get()
    assert selection.premiere.slug == "world"


LISTED_ELSEWHERE = """URL: https://archive.harbourdocs.example/2023/film-detail?id=5120

Section: Competition of Nordic Documentaries
Salt and Tide (2022)
Two sisters keep their late father's oyster beds going for one more season, against the sea and the bank.
| Country | Norway |
| Year | 2022 |
| Duration | 84 min |
| Directed by | Siri Vik |

Festivals & Awards:

IDFA Amsterdam (2022)
2023 – Visions du Réel: Special Mention
Hot Docs 2023, World Showcase
"""


def test_the_festivals_a_page_lists_become_the_films_selections(db, tmp_path):
    idfa = Festival.objects.create(
        slug="idfa",
        name="International Documentary Film Festival Amsterdam",
        short_name="IDFA",
        city="Amsterdam",
        country="NL",
    )
    page = tmp_path / "salt.txt"
    page.write_text(LISTED_ELSEWHERE, encoding="utf-8")
    report = import_pages([page])
    assert report.loaded, report.unreadable
    film = Film.objects.get(title_en="Salt and Tide")
    history = {
        (s.edition.festival.short_name, s.edition.year): s
        for s in film.selections.select_related("edition__festival", "section")
    }
    assert set(history) == {
        ("Harbourdocs", 2023),
        ("IDFA", 2022),
        ("Visions du Réel", 2023),
        ("Hot Docs", 2023),
    }
    # 'IDFA Amsterdam' is ours, not a festival of its own.
    assert history[("IDFA", 2022)].edition.festival == idfa
    assert [
        (a.name_en, a.outcome) for a in history[("Visions du Réel", 2023)].awards.all()
    ] == [("Special Mention", "special_mention")]
    assert history[("Hot Docs", 2023)].section.name_en == "World Showcase"
    # The list is not the synopsis.
    assert "Festivals" not in film.synopsis_en
    # Loading the page again adds nothing.
    counts = (Selection.objects.count(), Festival.objects.count())
    import_pages([page])
    assert (Selection.objects.count(), Festival.objects.count()) == counts


def test_a_later_page_fills_what_a_film_lacks_and_replaces_nothing(db, tmp_path):
    partial = tmp_path / "partial.txt"
    partial.write_text(
        "URL: https://www.idfa.nl/en/film/9c1d/galley-stories\n\nGalley Stories\n"
        "A cook on a ferry feeds the crew through a winter of storms and hears "
        "what none of them would tell anybody on land.\n",
        encoding="utf-8",
    )
    import_pages([partial])
    film = Film.objects.get(title_en="Galley Stories")
    assert film.runtime_minutes is None and not film.production_countries.exists()
    synopsis = film.synopsis_en
    report = import_pages([SAMPLES / "table-layout.txt"])
    film.refresh_from_db()
    assert film.runtime_minutes == 78 and film.year == 2022
    assert [c.country.code for c in film.production_countries.all()] == ["DK", "SE"]
    assert film.synopsis_en == synopsis  # it had one: kept
    [(_page, title, facts)] = report.filled
    assert title == "Galley Stories" and "runtime_minutes" in facts
