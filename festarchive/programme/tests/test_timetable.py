"""The timetable through HTTP: current edition, day tabs, grid and list,
filters as a plain form and through htmx, hostile addresses, query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from festarchive.catalogue.services import film_create
from festarchive.festival.services import edition_create, selection_add
from festarchive.programme import services
from festarchive.programme.vocabulary import TicketState
from festarchive.testing.hostile import ODD_NUMBERS, in_other_digits
from festarchive.testing.queries import MENU_QUERIES

from .pages import page, titles
from .programme_week import at
from .week import local

pytestmark = pytest.mark.django_db

THURSDAY = [
    "The Salt Keepers",
    "River of Glass",
    "Shorts: Night and Salt",
    "Unknown Length",
]
URL = "/en/festival/"


def current_tab(html: str) -> str:
    import re

    found = re.findall(
        r'<a class="day-tabs__tab" href="([^"]*)" aria-current="page"', html
    )
    assert len(found) == 1
    return found[0]


def test_the_festival_page_opens_on_today_inside_the_festival(client, festival):
    html = page(client, URL)
    assert "<h1>IDFA 2026</h1>" in html
    assert current_tab(html) == "?day=2026-10-22"
    assert "Thursday 22 October" in html
    # Half past midnight still belongs to Thursday's programme.
    assert sorted(titles(html)) == sorted(THURSDAY)
    assert "4 screenings" in html


def test_each_festival_day_is_a_tab_linking_to_its_day(client, festival):
    html = page(client, URL)
    for n in range(12):
        day = datetime.date(2026, 10, 21) + datetime.timedelta(days=n)
        assert f'href="?day={day.isoformat()}"' in html
    friday = page(client, URL + "?day=2026-10-23")
    assert current_tab(friday) == "?day=2026-10-23"
    assert titles(friday) == ["River of Glass"]
    assert "Cancelled" in friday and "The film print did not arrive." in friday


def test_outside_the_festival_the_timetable_opens_on_its_first_day(
    client, festival, monkeypatch
):
    at(monkeypatch, 2026, 12, 2, 12)
    html = page(client, URL)
    # The latest edition with screenings, now part of the archive.
    assert "<h1>IDFA 2026</h1>" in html
    assert "IDFA 2026 is over" in html
    assert current_tab(html) == "?day=2026-10-21"
    assert "No screenings are scheduled on Wednesday 21 October yet." in html


def test_the_next_edition_is_current_before_it_begins(client, festival, monkeypatch):
    edition_create(
        festival=festival.week.edition.festival,
        year=2027,
        starts_on=datetime.date(2027, 11, 10),
        ends_on=datetime.date(2027, 11, 21),
    )
    at(monkeypatch, 2026, 9, 1, 12)
    assert "<h1>IDFA 2026</h1>" in page(client, URL)
    at(monkeypatch, 2026, 12, 2, 12)
    html = page(client, URL)
    assert "<h1>IDFA 2027</h1>" in html
    assert "The timetable of IDFA 2027 is not published yet." not in html
    assert "No screenings are scheduled on Wednesday 10 November yet." in html


def test_without_any_edition_the_festival_page_says_so(client, db):
    html = page(client, URL)
    assert "programme is not published yet" in html


def test_any_edition_has_its_own_timetable(client, festival):
    html = page(client, "/en/festival/idfa-2026/timetable/?day=2026-10-22")
    assert "Timetable of IDFA 2026" in html
    assert sorted(titles(html)) == sorted(THURSDAY)
    # An edition without dates or screenings has no days yet.
    empty = page(client, "/en/festival/idfa-2025/timetable/")
    assert "The timetable of IDFA 2025 is not published yet." in empty
    assert client.get("/en/festival/no-such-edition/timetable/").status_code == 404


def test_the_grid_places_each_screening_by_screen_and_time(client, festival):
    html = page(client, URL)
    assert '<table class="tt-grid__table">' in html
    assert html.count('<th scope="row" class="tt-grid__screen"') == 3
    # 10:00 to 02:00: sixteen hours of five-minute columns.
    assert 'span="192"' in html
    # River of Glass, 14:00 to 16:00 (95 minutes and 25 of talk), four hours in.
    zaal_1 = html.split("Zaal 1</span></th>")[1].split("</tr>")[0]
    assert zaal_1.startswith('\n        <td colspan="48" class="tt-grid__gap"></td>')
    assert '<td colspan="24" class="tt-grid__cell">' in zaal_1
    assert "list" not in titles(html)


def test_screenings_that_overlap_in_a_screen_take_two_lanes(client, festival):
    week = festival.week
    services.screening_cancel(festival.screenings["river"])
    services.screening_create(
        edition=week.edition,
        screen=week.screens["t1"],
        film=week.films[1],
        starts_at=local(2026, 10, 22, 14, 30),
    )
    html = page(client, URL)
    assert '<th scope="row" class="tt-grid__screen" rowspan="2">' in html
    assert "tt-grid__cell" in html.split('rowspan="2"')[1].split("</tbody>")[0]


def test_the_list_shows_the_day_in_order_by_part_of_the_day(client, festival):
    html = page(client, URL + "?day=2026-10-22&view=list")
    assert "<table" not in html
    assert titles(html) == THURSDAY
    parts = [p for p in ("Morning", "Afternoon", "Evening", "Night") if p in html]
    assert parts == ["Morning", "Afternoon", "Evening", "Night"]
    assert html.index(">Morning</h3>") < html.index(">Night</h3>")
    # The view travels with the day tabs and the form.
    assert 'href="?day=2026-10-23&amp;view=list"' in html
    assert 'form="timetable-form" name="view" value="list"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("time=morning", ["The Salt Keepers"]),
        ("time=night", ["Unknown Length"]),
        ("time=morning&time=evening", ["The Salt Keepers", "Shorts: Night and Salt"]),
        ("section=frontlight", ["Shorts: Night and Salt"]),
        ("venue=eye-filmmuseum", ["Shorts: Night and Salt"]),
        ("lang=nl", ["Shorts: Night and Salt"]),
        ("access=sdh", ["The Salt Keepers"]),
        ("access=subtitles-nl", ["Unknown Length"]),
        ("access=audio-description", ["Shorts: Night and Salt"]),
        ("access=relaxed&access=subtitles-nl", ["Unknown Length"]),
        ("access=sdh&access=subtitles-en", []),
        ("qa=1", ["River of Glass"]),
        ("available=1", ["River of Glass", "Shorts: Night and Salt", "Unknown Length"]),
    ],
)
def test_filters_narrow_the_day(client, festival, query, expected):
    html = page(client, f"{URL}?day=2026-10-22&view=list&{query}")
    assert titles(html) == expected
    if not expected:
        assert "No screenings on Thursday 22 October match these filters." in html
    assert "Show all screenings of the day" in html


def test_hide_sold_out_hides_cancelled_screenings_too(client, festival):
    assert titles(page(client, URL + "?day=2026-10-23")) == ["River of Glass"]
    assert titles(page(client, URL + "?day=2026-10-23&available=1")) == []


def test_filters_stay_on_the_day_tabs_and_the_form(client, festival):
    html = page(client, URL + "?section=frontlight&access=audio-description&qa=")
    assert (
        'href="?day=2026-10-24&amp;section=frontlight&amp;access=audio-description"'
        in html
    )
    assert '<option value="frontlight" selected>' in html
    assert 'value="audio-description" checked' in html
    assert 'name="qa" value="1" checked' not in html


def test_the_filters_are_a_plain_get_form(client, festival):
    html = page(client, URL)
    assert (
        '<form id="timetable-form" class="timetable-filters" method="get" action="/en/festival/"'
        in html
    )
    assert '<button type="submit">Apply</button>' in html
    for label_for in ("filter-section", "filter-venue", "filter-lang"):
        assert f'<label for="{label_for}">' in html
    # What a browser submits: every field, the empty ones too.
    submitted = page(
        client,
        URL
        + "?time=evening&section=&venue=&lang=&access=audio-description&day=2026-10-22",
    )
    assert titles(submitted) == ["Shorts: Night and Salt"]


def test_htmx_gets_the_results_alone_and_a_tidy_address(client, festival):
    response = client.get(
        URL + "?section=frontlight&venue=&lang=&day=2026-10-22",
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="timetable-results"')
    assert "<html" not in html and 'timetable-form" class' not in html
    assert titles(html) == ["Shorts: Night and Salt"]
    assert response["HX-Push-Url"] == "/en/festival/?day=2026-10-22&section=frontlight"
    # The language switch follows the filters.
    assert 'hx-swap-oob="true"' in html
    assert "section%3Dfrontlight" in html


def test_htmx_history_restore_gets_the_whole_page(client, festival):
    html = page(
        client,
        URL + "?day=2026-10-22",
        **{"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in html and 'id="timetable-form"' in html


@pytest.mark.parametrize(
    "query",
    [
        "day=2026-13-01",
        "day=2026-02-30",
        "day=" + "２０２６-10-22",
        "day=¹²³⁴-10-22",
        *[f"day={odd}-10-22" for odd in ODD_NUMBERS],
        *[f"day={d}-10-22" for d in in_other_digits(2026)],
        "day=2026-10-22%00",
        "day=20261022",
        "day=" + "9" * 5000,
        "view=" + "grid" * 5000,
        "time=%F0%9F%92%A5&time=dawn",
        "section=" + "x" * 10000,
        "venue=%00%ff&lang=klingon&access=telepathy",
        "qa=" + "1" * 5000,
        "&".join(f"section=s{n}" for n in range(3000)),
        "day=&day=2026-10-22",
        "%ZZ=%ZZ&day[]=1",
    ],
)
def test_hostile_addresses_get_a_page_not_an_error(client, festival, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="timetable-results"' in html


def test_a_day_outside_the_festival_is_not_found(client, festival):
    for day in ("2026-10-20", "2027-01-01", "0001-01-01", "9999-12-31"):
        response = client.get(f"{URL}?day={day}")
        assert response.status_code == 404, day


def test_the_dutch_timetable(client, festival):
    html = page(client, "/nl/festival/?day=2026-10-22&view=list")
    assert '<html lang="nl">' in html
    assert "donderdag 22 oktober" in html
    assert "Korte films: nacht en zout" in html
    assert "Envision Competitie" in html
    assert 'href="/nl/festival/screenings/' in html


def test_unpublished_films_never_show_on_the_timetable(client, festival):
    for query in ("", "?view=list", "?day=2026-10-22&time=afternoon"):
        html = page(client, URL + query)
        assert "Secret Cut" not in html
    assert "Secret Cut" not in page(
        client, "/en/festival/idfa-2026/timetable/?day=2026-10-22"
    )


def test_the_navigation_leads_to_the_festival(client, festival):
    html = page(client, "/en/festival/venues/tuschinski/")
    assert '<a href="/en/festival/" aria-current="page">Festival</a>' in html
    assert '<a href="/en/festival/">Festival</a>' in page(client, "/en/archive/")


def _busy_day(count: int) -> None:
    """``count`` more screenings on Saturday 24 October, in screens of their own."""
    from festarchive.programme.models import Screening

    week_edition = Screening.objects.first().edition
    venue = services.venue_create(name=f"Hall {count}", order=50)
    films = []
    for n in range(count):
        film = film_create(title_en=f"Busy {count} {n}", year=2026, runtime_minutes=50)
        selection_add(film=film, edition=week_edition)
        films.append(film)
    for n, film in enumerate(films):
        if n % 8 == 0:
            current = services.screen_create(venue=venue, name=f"Room {n // 8}")
        services.screening_create(
            edition=week_edition,
            screen=current,
            film=film,
            starts_at=local(2026, 10, 24, 10) + datetime.timedelta(hours=n % 8),
            ticket_state=TicketState.ON_SALE,
            ticket_url="https://tickets.example.org/x",
        )


@pytest.mark.parametrize("view", ["grid", "list"])
def test_a_busy_day_costs_the_same_queries_as_a_quiet_one(client, festival, view):
    url = f"{URL}?day=2026-10-24&view={view}"
    _busy_day(3)
    with CaptureQueriesContext(connection) as few:
        assert len(titles(page(client, url))) == 3
    _busy_day(40)
    with CaptureQueriesContext(connection) as many:
        assert len(titles(page(client, url))) == 43
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_day_of_screenings_has_a_small_query_budget(
    client, festival, django_assert_max_num_queries
):
    _busy_day(24)
    with django_assert_max_num_queries(8 + MENU_QUERIES):
        assert len(titles(page(client, URL + "?day=2026-10-24"))) == 24
