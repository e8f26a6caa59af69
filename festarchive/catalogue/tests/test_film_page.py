"""The film page's first screen, sharing, "More from" and its read budget."""

import re

import pytest
from django.test import Client

from festarchive.catalogue.models import Film, FilmImage, Role
from festarchive.catalogue.services import credit_add, film_create, person_create
from festarchive.demo.pictures import add_reference_gallery
from festarchive.festival.models import Selection
from festarchive.festival.services import selection_add
from festarchive.lists.services import favourite_set
from festarchive.lists.tests.test_lists import make_visitor
from festarchive.testing.html import section_html

pytestmark = pytest.mark.django_db

FILM_URL = "/en/films/we-will-not-fade-away-2023/"


def meta(page: str, key: str) -> str:
    """The content of the <meta> whose property or name is ``key``."""
    match = re.search(
        rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', page
    )
    assert match, key
    return match.group(1)


@pytest.fixture
def gallery_film(reference_film):
    add_reference_gallery(reference_film)
    return reference_film


def test_key_image_is_not_repeated_and_the_poster_stands_upright(client, gallery_film):
    page = client.get(FILM_URL).content.decode()
    key = gallery_film.images.get(is_key=True)
    poster = gallery_film.images.get(kind=FilmImage.Kind.POSTER)
    hero = page.split('class="film__hero"')[1].split("</figure>")[0]
    assert key.rendition_url("hero", 800, "jpg") in hero
    gallery = section_html(page, "images-heading")
    assert gallery.count('class="gallery__link"') == 3
    assert key.rendition_url("thumb", 240, "jpg") not in gallery
    assert poster.rendition_url("thumb", 240, "jpg") not in gallery
    facts = page.split('class="film__facts"')[1].split("</aside>")[0]
    assert 'class="film__poster"' in facts
    assert poster.rendition_url("poster", 480, "jpg") in facts
    # 2:3, never cut to a landscape shape.
    assert 'width="720" height="1080"' in facts


def test_a_poster_marked_as_key_image_is_shown_as_the_poster(client, gallery_film):
    poster = gallery_film.images.get(kind=FilmImage.Kind.POSTER)
    FilmImage.objects.filter(film=gallery_film).update(is_key=False)
    FilmImage.objects.filter(pk=poster.pk).update(is_key=True)
    page = client.get(FILM_URL).content.decode()
    assert 'class="film__hero"' not in page
    assert poster.rendition_url("poster", 480, "jpg") in page
    assert section_html(page, "images-heading").count('class="gallery__link"') == 4


def test_favourite_control_names_the_film_and_its_state(client, reference_film):
    visitor = make_visitor()
    client.force_login(visitor)
    page = client.get(FILM_URL).content.decode()
    button = re.search(r'<button[^>]*class="favourite__button[^>]*>.*?</button>', page)
    assert 'aria-pressed="false"' in button.group(0)
    assert "Add “We Will Not Fade Away” to favourites" in button.group(0)

    favourite_set(user=visitor, film=reference_film, on=True)
    page = client.get(FILM_URL).content.decode()
    button = re.search(r'<button[^>]*class="favourite__button[^>]*>.*?</button>', page)
    assert 'aria-pressed="true"' in button.group(0)
    assert "Remove “We Will Not Fade Away” from favourites" in button.group(0)

    dutch = client.get(FILM_URL.replace("/en/", "/nl/")).content.decode()
    assert "favorieten" in re.search(
        r'class="favourite__button.*?</button>', dutch
    ).group(0)


def test_share_link_canonical_and_card_tags_are_absolute(client, gallery_film):
    page = client.get(FILM_URL).content.decode()
    own = f"http://testserver{FILM_URL}"
    assert f'<link rel="canonical" href="{own}">' in page
    assert re.search(rf'<a class="share__link" href="{re.escape(own)}"', page)
    assert meta(page, "og:url") == own
    assert meta(page, "og:title") == "We Will Not Fade Away"
    assert meta(page, "og:type") == "video.movie"
    assert meta(page, "og:description").startswith("Since 2014")
    key = gallery_film.images.get(is_key=True)
    image = meta(page, "og:image")
    assert image == f"http://testserver{key.rendition_url('hero', 1200, 'jpg')}"
    assert meta(page, "twitter:image") == image
    assert meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "og:image:alt") == key.alt_en

    dutch = client.get(FILM_URL.replace("/en/", "/nl/")).content.decode()
    assert (
        f'<link rel="canonical" href="http://testserver/nl/films/{gallery_film.slug}/">'
        in dutch
    )
    assert meta(dutch, "og:locale") == "nl_NL"


def test_canonical_and_share_address_use_the_configured_site_address(
    client, settings, reference_film
):
    settings.FESTARCHIVE = {
        **settings.FESTARCHIVE,
        "SITE_URL": "https://archive.example.org",
    }
    page = Client(HTTP_HOST="localhost").get(FILM_URL).content.decode()
    own = f"https://archive.example.org{FILM_URL}"
    assert f'<link rel="canonical" href="{own}">' in page
    assert meta(page, "og:url") == own
    assert f'class="share__link" href="{own}"' in page
    # Without a key image: a small card, and no image tags.
    assert meta(page, "twitter:card") == "summary"
    assert 'property="og:image"' not in page


@pytest.fixture
def related(reference_film):
    """Films by the reference film's director and films of its section."""
    director = Role.objects.get(slug="director")
    alisa = reference_film.credits.get(role=director).person
    selection = Selection.objects.select_related("edition", "section").get(
        film=reference_film
    )
    others = {"director": [], "section": []}
    for n in range(8):
        film = film_create(title_en=f"Kovalenko Film {n}", year=2010 + n)
        credit_add(film=film, role=director, person=alisa)
        others["director"].append(film)
        shown = film_create(title_en=f"Festival Film {n}", year=2022)
        credit_add(film=shown, role=director, person=person_create(name=f"Maker {n}"))
        selection_add(film=shown, edition=selection.edition, section=selection.section)
        others["section"].append(shown)
    hidden = film_create(title_en="Kovalenko Unpublished", year=2024)
    credit_add(film=hidden, role=director, person=alisa)
    Film.objects.filter(pk=hidden.pk).update(is_published=False)
    return others


def _titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="film-card__title">([^<]+)</h3>', html)


def test_more_from_the_director_and_the_section_in_a_fixed_number_of_queries(
    client, related, django_assert_max_num_queries
):
    from festarchive.demo.pictures import add_key_images

    # Films with a key image come first.
    add_key_images(
        Film.objects.filter(title_en__in=["Kovalenko Film 1", "Festival Film 6"])
    )
    # The budget holds whatever the numbers: the page's own queries, the page
    # cache's version, two for the ids and six for the cards, and one for
    # when the film last changed (its citation).
    with django_assert_max_num_queries(21):
        page = client.get(FILM_URL).content.decode()
    by_director = _titles(section_html(page, "more-directors-heading"))
    assert "More from Alisa Kovalenko" in page
    assert len(by_director) == 6
    assert by_director[0] == "Kovalenko Film 1"
    assert by_director[1:] == [f"Kovalenko Film {n}" for n in (7, 6, 5, 4, 3)]
    assert "Kovalenko Unpublished" not in page
    in_section = _titles(section_html(page, "more-section-heading"))
    assert "More from Best of Fests, IDFA 2023" in page
    assert len(in_section) == 6 and in_section[0] == "Festival Film 6"
    assert "We Will Not Fade Away" not in by_director + in_section
    assert "?edition=idfa-2023" in section_html(page, "more-section-heading")


def test_more_from_costs_the_same_queries_for_two_films_or_eight(
    client, related, django_assert_num_queries
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as many:
        client.get(FILM_URL)
    Film.objects.filter(title_en__regex=r"Film [2-7]$").update(is_published=False)
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        page = client.get(FILM_URL).content.decode()
    assert len(_titles(section_html(page, "more-directors-heading"))) == 2
    assert len(few.captured_queries) == len(many.captured_queries)


def test_a_film_without_related_films_has_no_more_from(client, reference_film):
    page = client.get(FILM_URL).content.decode()
    assert "film-more" not in page
