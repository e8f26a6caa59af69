"""Venue, programme-of-films and screening pages through HTTP."""

import uuid

import pytest

from festarchive.programme import services
from festarchive.programme.models import ProgrammeFilm

from .pages import page, titles
from .week import local

pytestmark = pytest.mark.django_db

VENUE = "/en/festival/venues/tuschinski/"


def screening_url(screening, language="en") -> str:
    return f"/{language}/festival/screenings/{screening.uid}/"


# --- Venue ------------------------------------------------------------------


def test_a_venue_page_tells_where_it_is_and_how_to_get_in(client, festival):
    html = page(client, VENUE)
    assert '<h1 id="venue-title">Tuschinski</h1>' in html
    assert "Reguliersbreestraat 26-34<br>Amsterdam" in html
    assert (
        'href="https://www.openstreetmap.org/?mlat=52.366600&amp;mlon=4.894900'
        '#map=18/52.366600/4.894900"' in html
    )
    assert "Step-free from the street to every screen." in html
    assert "Hearing loop." in html
    assert "4 wheelchair places." in html
    assert '<th scope="row">Zaal 1</th><td>740</td>' in html
    assert '<th scope="row">Zaal 2</th><td>300</td>' in html


def test_a_venue_without_access_facts_says_what_is_missing(client, festival):
    html = page(client, "/en/festival/venues/eye-filmmuseum/")
    assert "Not every screen can be reached without steps." in html
    assert "No hearing loop." in html
    assert "No wheelchair places are recorded." in html


def test_a_venue_shows_its_accessibility_notes_in_the_page_language(client, festival):
    venue = festival.week.venues["tuschinski"]
    venue.accessibility_en = "The lift is beside the box office."
    venue.accessibility_nl = "De lift staat naast de kassa."
    venue.save()
    assert "The lift is beside the box office." in page(client, VENUE)
    assert "De lift staat naast de kassa." in page(client, "/nl" + VENUE[3:])


def test_a_venue_shows_its_day_programme_with_day_tabs(client, festival):
    html = page(client, VENUE)
    assert 'aria-label="Days at Tuschinski"' in html
    assert 'href="?day=2026-10-22" aria-current="page"' in html
    assert titles(html) == ["The Salt Keepers", "River of Glass", "Unknown Length"]
    friday = page(client, VENUE + "?day=2026-10-23")
    assert titles(friday) == []
    assert "Nothing is screened at Tuschinski on Friday 23 October." in friday
    assert 'href="/en/festival/idfa-2026/timetable/?day=2026-10-23"' in friday


def test_a_venue_page_survives_a_bad_day_and_refuses_a_day_off_the_festival(
    client, festival
):
    assert client.get(VENUE + "?day=２０２６-10-22").status_code == 200
    assert client.get(VENUE + "?day=" + "1" * 5000).status_code == 200
    assert client.get(VENUE + "?day=2031-01-01").status_code == 404
    assert client.get("/en/festival/venues/no-such-venue/").status_code == 404


# --- Programme of films -----------------------------------------------------


def test_a_programme_page_shows_its_text_films_in_order_and_screenings(
    client, festival
):
    url = f"/en/festival/programmes/{festival.shorts.slug}/"
    html = page(client, url)
    assert '<h1 id="programme-title">Shorts: Night and Salt</h1>' in html
    assert "Two short films about work done at night." in html
    assert "A programme of 2 films" in html
    cards = html.split('id="programme-films"')[1]
    assert cards.index("Night Shift") < cards.index("The Salt Keepers")
    assert 'class="film-card"' in cards
    assert titles(html) == ["Shorts: Night and Salt"]
    assert "Thu 22 Oct, 20:00" in html
    dutch = page(client, "/nl" + url[3:])
    assert "Korte films: nacht en zout" in dutch
    assert "Twee korte films over nachtwerk." in dutch


def test_a_programme_page_leaves_out_unpublished_films(client, festival):
    ProgrammeFilm.objects.create(
        programme=festival.shorts, film=festival.hidden_film, position=3
    )
    url = f"/en/festival/programmes/{festival.shorts.slug}/"
    html = page(client, url)
    assert "Secret Cut" not in html
    assert "A programme of 2 films" in html
    assert "Secret Cut" not in page(client, "/en/festival/?view=list")
    assert "Secret Cut" not in page(
        client, screening_url(festival.screenings["shorts"])
    )


def test_an_unknown_programme_is_not_found(client, festival):
    assert client.get("/en/festival/programmes/no-such-thing/").status_code == 404


# --- Screening --------------------------------------------------------------


def test_a_screening_page_has_every_fact_and_its_links(client, festival):
    river = festival.screenings["river"]
    html = page(client, screening_url(river))
    assert (
        f'href="/en/films/{festival.week.films[0].slug}/">River of Glass</a></h1>'
        in html
    )
    assert "Thursday 22 October 2026, 14:00" in html
    assert 'href="/en/festival/venues/tuschinski/">Tuschinski</a> · Zaal 1' in html
    assert "120 minutes" in html and "25 minutes" in html
    assert "English subtitles" in html
    assert "Yes, after the screening" in html
    assert (
        f'<a class="button" href="{river.ticket_url}" rel="external">Buy tickets</a>'
        in html
    )
    assert f'href="/en/festival/screenings/{river.uid}.ics" download' in html
    assert 'href="/en/festival/idfa-2026/timetable/?day=2026-10-22"' in html
    # Its other screening, on Friday, is cancelled.
    assert "Other screenings" in html and "The film print did not arrive." in html


def test_a_programme_screening_links_its_films(client, festival):
    html = page(client, screening_url(festival.screenings["shorts"]))
    assert f'href="/en/festival/programmes/{festival.shorts.slug}/">Shorts' in html
    films = html.split('id="screening-films"')[1]
    assert films.index("Night Shift") < films.index("The Salt Keepers")
    assert "Dutch version" in html and "Audio description" in html


def test_a_cancelled_screening_says_so_and_sells_nothing(client, festival):
    friday = festival.screenings["friday"]
    html = page(client, screening_url(friday))
    assert "This screening is cancelled." in html
    assert "The film print did not arrive." in html
    assert "Buy tickets" not in html
    assert "De filmkopie is niet aangekomen." in page(
        client, screening_url(friday, "nl")
    )


def test_a_moved_screening_says_where_and_when_it_was(client, festival):
    salt = festival.screenings["salt"]
    services.screening_update(
        salt,
        starts_at=local(2026, 10, 22, 11, 30),
        screen=festival.week.screens["e1"],
        notice_en="Moved to a larger room.",
    )
    html = page(client, screening_url(salt))
    assert "This screening has moved." in html
    assert "It was on Thursday 22 October at 10:30, Tuschinski · Zaal 2." in html
    assert "Moved to a larger room." in html
    listed = page(client, "/en/festival/?view=list")
    assert "was Thu 22 Oct, 10:30, Tuschinski · Zaal 2" in listed


def test_screenings_of_unpublished_films_and_unknown_ones_are_not_found(
    client, festival
):
    assert client.get(screening_url(festival.screenings["hidden"])).status_code == 404
    assert client.get(f"/en/festival/screenings/{uuid.uuid4()}/").status_code == 404
    assert client.get("/en/festival/screenings/not-a-uuid/").status_code == 404


def test_unpublished_films_are_on_no_public_page(client, festival):
    from festarchive.catalogue.models import Film

    hidden = Film.objects.get(pk=festival.hidden_film.pk)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    for url in (
        "/en/festival/",
        "/en/festival/?view=list",
        "/en/festival/venues/tuschinski/",
        f"/en/festival/programmes/{festival.shorts.slug}/",
        screening_url(festival.screenings["river"]),
    ):
        assert "Secret Cut" not in page(client, url), url
