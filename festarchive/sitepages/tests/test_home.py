"""The home page leads with the latest edition's films as image cards."""

import re

import pytest

from festarchive.catalogue.models import FilmImage, Role
from festarchive.catalogue.services import (
    credit_add,
    film_create,
    film_images_add,
    person_create,
)
from festarchive.curated.services import curated_selection_create
from festarchive.festival.services import award_add, selection_add
from festarchive.media.tests.images import image_bytes
from festarchive.media.uploads import check_image
from festarchive.testing.html import section_html, visible_text
from festarchive.testing.queries import MENU_QUERIES

pytestmark = pytest.mark.django_db


def _film(title, section, *, director, image=None, alt="", award=""):
    """A 2023 film shown in ``section`` (a host section) at IDFA 2023."""
    film = film_create(title_en=title, year=2023, runtime_minutes=80, countries=["NL"])
    credit_add(
        film=film,
        role=Role.objects.get(slug="director"),
        person=person_create(name=director),
    )
    if image:
        content = check_image(image_bytes("JPEG", (1600, 900))).content
        (added,) = film_images_add(film=film, files=[content], kind=image)
        FilmImage.objects.filter(pk=added.pk).update(
            alt_en=alt, is_key=image == FilmImage.Kind.STILL
        )
    edition = section.festival.editions.get(year=2023)
    selection = selection_add(film=film, edition=edition, section=section)
    if award:
        award_add(selection=selection, name_en=award, name_nl=award)
    return film


@pytest.fixture
def latest_edition(demo_catalogue):
    """IDFA 2023 with a winner, two films with pictures and one without."""
    festivals = demo_catalogue["festivals"]
    sections = festivals.host_sections
    return {
        "winner": _film(
            "Harbour Songs",
            sections["International Competition"],
            director="Anna Visser",
            image=FilmImage.Kind.STILL,
            alt="A harbour at dawn, boats setting out",
            award="Best Feature-Length Documentary",
        ),
        "competition": _film(
            "Quiet Fields",
            sections["Envision Competition"],
            director="Jonas Berg",
            image=FilmImage.Kind.STILL,
        ),
        "poster": _film(
            "Paper Boats",
            sections["Best of Fests"],
            director="Mira Doe",
            image=FilmImage.Kind.POSTER,
            alt="The film's poster: a paper boat on a canal",
        ),
        "no_picture": _film(
            "Without Pictures",
            sections["International Competition"],
            director="Lev Stone",
        ),
    }


def _cards(html: str) -> list[str]:
    return re.findall(r'<article class="film-card">.*?</article>', html, re.S)


def test_home_leads_with_the_latest_editions_winners_then_featured_films(
    client, latest_edition
):
    page = client.get("/en/").content.decode()
    main = page.split('id="content"')[1]
    winners = section_html(page, "winners-heading")
    featured = section_html(page, "featured-heading")
    assert main.index("winners-heading") < main.index("featured-heading")
    assert main.index("featured-heading") < main.index("editions-heading")
    assert "Award winners at IDFA 2023" in visible_text(winners)

    (winner,) = _cards(winners)
    text = visible_text(winner)
    assert "Harbour Songs" in text and "Anna Visser" in text and "2023" in text
    assert "Best Feature-Length Documentary" in text
    assert 'alt="A harbour at dawn, boats setting out"' in winner
    assert "card-640.webp 640w" in winner

    # Competitions first (section order), a poster stands in for a missing
    # key image, films without any picture and the winners are not repeated.
    titles = [
        re.search(r'class="film-card__title">([^<]+)<', card).group(1)
        for card in _cards(featured)
    ]
    assert titles == ["Quiet Fields", "Paper Boats"]
    quiet, paper = _cards(featured)
    assert 'alt=""' in quiet  # no alt text given: the image is decoration
    assert 'alt="The film&#x27;s poster: a paper boat on a canal"' in paper
    assert 'href="/en/editions/idfa-2023/"' in featured


def test_each_home_card_is_one_link_to_its_film(client, latest_edition):
    page = client.get("/en/").content.decode()
    cards = _cards(section_html(page, "winners-heading")) + _cards(
        section_html(page, "featured-heading")
    )
    assert len(cards) == 3
    for card in cards:
        link = card.split('<div class="film-card__actions">')[0]
        hrefs = re.findall(r'href="([^"]+)"', link)
        assert len(hrefs) == 1 and hrefs[0].startswith("/en/films/")
        assert "<h3 " in link  # under the section's h2


def test_home_in_dutch(client, latest_edition):
    text = visible_text(client.get("/nl/").content.decode())
    assert "Prijswinnaars op IDFA 2023" in text
    assert "Uit het programma van IDFA 2023" in text


def test_home_without_winners_or_pictures_shows_the_editions(client, demo_catalogue):
    page = client.get("/en/").content.decode()
    assert "winners-heading" not in page and "featured-heading" not in page
    assert "Recent editions" in visible_text(page)


def test_home_reads_a_bounded_number_of_queries(
    client, latest_edition, django_assert_max_num_queries
):
    for n in range(6):
        _film(
            f"Extra {n}",
            latest_edition["competition"].selections.get().section,
            director=f"Extra Director {n}",
            image=FilmImage.Kind.STILL,
            award=f"Prize {n}",
        )
    for n in range(4):
        curated_selection_create(
            title_en=f"Selection {n}", is_published=True, featured=True
        )
    # One query of them is the featured selections.
    with django_assert_max_num_queries(13 + MENU_QUERIES):
        response = client.get("/en/")
    assert len(_cards(response.content.decode())) == 8 + 1  # winners + featured
    assert response.content.decode().count('class="curated-teaser"') == 3


def test_home_leads_to_the_featured_selections(client, latest_edition):
    featured = curated_selection_create(
        title_en="Films about the Donbas",
        title_nl="Films over de Donbas",
        introduction_en="Coal and steppe.\n\nA second paragraph.",
        is_published=True,
        featured=True,
    )
    curated_selection_create(title_en="Not Featured", is_published=True)
    curated_selection_create(title_en="Draft", featured=True)
    page = client.get("/en/").content.decode()
    selections = section_html(page, "selections-heading")
    text = visible_text(selections)
    assert "Films about the Donbas" in text and "Coal and steppe." in text
    assert "A second paragraph." not in text
    assert "Not Featured" not in text and "Draft" not in text
    assert f'href="{featured.get_absolute_url()}"' in selections
    assert 'href="/en/selections/"' in selections
    assert "Films over de Donbas" in client.get("/nl/").content.decode()
