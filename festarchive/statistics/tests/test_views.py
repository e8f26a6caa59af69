import csv
import io
import re

import pytest

from festarchive.testing.html import section_html

from .archive import build, table

pytestmark = pytest.mark.django_db

EDITION_URL = "/en/editions/docsfest-2020/statistics/"
FESTIVAL_URL = "/en/festivals/docsfest/statistics/"


@pytest.fixture
def archive():
    return build()


def test_edition_statistics_count_published_films_only(client, archive):
    page = client.get(EDITION_URL).content.decode()
    assert "3 published films are counted." in page
    assert table(page, "countries") == [
        ("Belgium", "1"),
        ("Germany", "1"),
        ("Netherlands", "1"),
    ]
    assert "France" not in page  # Hidden is unpublished
    assert "Hidden" not in page
    assert table(page, "premieres") == [
        ("World Premiere", "1"),
        ("International Premiere", "1"),
        ("No premiere", "1"),
    ]
    assert table(page, "sections") == [("Competition", "2"), ("=Panorama", "1")]


def test_runtimes_first_films_and_co_productions(client, archive):
    page = client.get(EDITION_URL).content.decode()
    runtimes = dict(table(page, "runtimes"))
    assert runtimes["40 to 59 minutes"] == "1"
    assert runtimes["80 to 99 minutes"] == "1"
    assert runtimes["Runtime unknown"] == "1"
    assert runtimes["Under 20 minutes"] == "0"
    assert runtimes["120 minutes or more"] == "0"
    assert table(page, "first-films") == [
        ("First films", "1"),
        ("Later films", "1"),
        ("Year or director unknown", "1"),
    ]
    assert table(page, "co-productions") == [
        ("One country", "1"),
        ("Two countries", "1"),
        ("Three or more countries", "0"),
        ("No country recorded", "1"),
    ]


def test_won_elsewhere_counts_later_wins_at_other_festivals(client, archive):
    # Anchor won at Other Fest 2021; Bridge's special mention and Echo's
    # earlier prize do not count.
    page = client.get(EDITION_URL).content.decode()
    assert "1 of 3 films went on to win an award at another festival." in page
    assert table(page, "won-elsewhere") == [("2020", "3", "1", "33.3")]


def test_won_elsewhere_the_same_year_needs_a_later_first_day(client, archive):
    import datetime

    from festarchive.festival.services import award_add, edition_create, selection_add

    december = edition_create(
        festival=archive.later.festival,
        year=2020,
        starts_on=datetime.date(2020, 12, 1),
    )
    award_add(
        selection=selection_add(film=archive.films["bridge"], edition=december),
        name_en="December Prize",
    )
    page = client.get(EDITION_URL).content.decode()
    assert table(page, "won-elsewhere") == [("2020", "3", "2", "66.7")]


def test_festival_statistics_span_editions(client, archive):
    from festarchive.festival.services import edition_create, selection_add

    edition = edition_create(festival=archive.edition.festival, year=2021)
    selection_add(film=archive.films["bridge"], edition=edition)
    page = client.get(FESTIVAL_URL).content.decode()
    assert "3 published films are counted." in page
    assert table(page, "countries-over-time")[0][0] == "2020"
    header = section_html(page, "countries-over-time-heading")
    assert re.search(r'<th scope="col">Germany</th>', header)
    assert table(page, "countries-over-time")[1][0] == "2021"
    assert table(page, "won-elsewhere") == [
        ("2020", "3", "1", "33.3"),
        ("2021", "1", "0", "0.0"),
    ]


def test_charts_are_svg_images_with_a_title_and_a_table(client, archive):
    page = client.get(EDITION_URL).content.decode()
    charts = re.findall(r'<svg [^>]*role="img"[^>]*>', page)
    assert len(charts) == 7
    assert 'aria-labelledby="chart-countries-title chart-countries-desc"' in page
    assert (
        '<title id="chart-countries-title">Films by production country</title>' in page
    )
    assert '<th scope="row">Netherlands</th>' in page
    assert "<caption>Films by production country</caption>" in page
    main = page[page.index("<main") : page.index("</main>")]
    # The Content Security Policy allows no inline script or style.
    assert "<script" not in main and "<style" not in main and "style=" not in main
    assert 'class="nl country map-element' in main
    assert re.search(r'class="nl country map-element[^"]*level-\d', main)


def test_pages_link_to_their_statistics(client, archive):
    assert EDITION_URL in client.get("/en/editions/docsfest-2020/").content.decode()
    assert FESTIVAL_URL in client.get("/en/festivals/docsfest/").content.decode()


def test_statistics_in_dutch_name_countries_in_dutch(client, archive):
    page = client.get("/nl/editions/docsfest-2020/statistics/").content.decode()
    assert ("Nederland", "1") in table(page, "countries")
    assert ("Duitsland", "1") in table(page, "countries")


def test_csv_download_is_the_table_and_safe_to_open(client, archive):
    response = client.get(EDITION_URL + "sections.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "docsfest-2020-sections.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    # A section named like a formula stays text in a spreadsheet.
    assert rows == [["Section", "Films"], ["Competition", "2"], ["'=Panorama", "1"]]
    festival = client.get(FESTIVAL_URL + "countries-over-time.csv")
    assert festival.status_code == 200
    assert festival.content.decode().splitlines()[0].startswith("Edition,")


@pytest.mark.parametrize(
    "url",
    [
        EDITION_URL + "nothing.csv",
        FESTIVAL_URL + "..%2Fsecrets.csv",
        "/en/editions/no-such-edition/statistics/",
        "/en/festivals/no-such-festival/statistics/",
        "/en/festivals/no-such-festival/statistics/countries.csv",
        # Across editions only.
        EDITION_URL + "countries-over-time.csv",
    ],
)
def test_unknown_statistics_are_not_found(client, archive, url):
    assert client.get(url).status_code == 404


def test_an_edition_without_films_says_so(client, archive):
    from festarchive.festival.services import edition_create

    edition_create(festival=archive.edition.festival, year=2030)
    page = client.get("/en/editions/docsfest-2030/statistics/").content.decode()
    assert "No published films are recorded for this edition yet" in page
    assert "<svg" not in page[page.index("<main") : page.index("</main>")]


def test_edition_statistics_take_a_fixed_number_of_queries(
    client, archive, django_assert_max_num_queries
):
    from festarchive.catalogue.services import film_create
    from festarchive.festival.services import selection_add

    for n in range(6):
        film = film_create(
            title_en=f"Extra {n}",
            year=2020,
            runtime_minutes=30 + 20 * n,
            countries=["NL", "SE"][: 1 + n % 2],
        )
        selection_add(film=film, edition=archive.edition)
    # The edition, its counts and what the page declares it follows, the
    # same whatever the number of films.
    with django_assert_max_num_queries(25):
        response = client.get(EDITION_URL)
    assert "9 published films are counted." in response.content.decode()


def test_a_hostile_section_name_stays_text_in_the_chart(client, archive):
    from festarchive.festival.models import Section

    Section.objects.filter(name_en="Competition").update(
        name_en="<script>alert(1)</script>"
    )
    page = client.get(EDITION_URL).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section_html(
        page, "sections-heading"
    )
