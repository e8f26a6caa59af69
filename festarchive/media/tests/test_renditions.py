"""Renditions: named sizes in WebP and JPEG, made once and served from then on."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from festarchive.catalogue.models import Film, FilmImage, FilmVideo, PersonImage
from festarchive.catalogue.services import film_create, film_images_add, person_create
from festarchive.media.uploads import check_image
from festarchive.testing.html import section_html

from .images import image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    film = film_create(title_en="Rendered", year=2020, runtime_minutes=70)
    content = check_image(image_bytes("JPEG", (2400, 1350))).content
    (added,) = film_images_add(film=film, files=[content])
    return added


def _rendition_files(media_root) -> dict:
    folder = media_root / "renditions"
    if not folder.exists():
        return {}
    return {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_rendition_made_on_first_request_then_reused(client, image, _media_root):
    url = image.rendition_url("card", 640, "webp")
    assert _rendition_files(_media_root) == {}

    first = client.get(url)
    assert first.status_code == 200
    assert first["Content-Type"] == "image/webp"
    assert "immutable" in first["Cache-Control"]
    body = _body(first)
    made = _rendition_files(_media_root)
    assert len(made) == 1
    picture = Image.open(io.BytesIO(body))
    assert (picture.format, picture.size) == ("WEBP", (640, 360))

    second = client.get(url)
    assert second.status_code == 200
    assert _body(second) == body
    assert _rendition_files(_media_root) == made  # no new file, none rewritten


def test_each_format_and_width_is_its_own_file(client, image, _media_root):
    for ext, fmt in (("jpg", "JPEG"), ("webp", "WEBP")):
        for width in (480, 1200):
            response = client.get(image.rendition_url("hero", width, ext))
            picture = Image.open(io.BytesIO(_body(response)))
            assert (picture.format, picture.size) == (fmt, (width, width * 9 // 16))
    assert len(_rendition_files(_media_root)) == 4


def test_rendition_removed_from_storage_is_made_again(client, image, _media_root):
    url = image.rendition_url("thumb", 240, "jpg")
    client.get(url)
    (path,) = _rendition_files(_media_root)
    path.unlink()
    response = client.get(url)
    assert response.status_code == 200 and path.exists()


def test_only_the_defined_sizes_can_be_asked_for(client, image):
    kwargs = {
        "kind": "film",
        "pk": image.pk,
        "version": image.version,
        "rendition": "card",
        "ext": "jpg",
    }
    for width in (641, 5000, 1):
        url = reverse("media:rendition", kwargs={**kwargs, "width": width})
        assert client.get(url).status_code == 404
    for changed in ({"rendition": "huge"}, {"kind": "user"}, {"pk": 999_999}):
        url = reverse("media:rendition", kwargs={**kwargs, "width": 640, **changed})
        assert client.get(url).status_code == 404
    assert client.get(f"/images/film/{image.pk}/x/card-640.gif").status_code == 404
    assert client.post(image.rendition_url("card", 640, "jpg")).status_code == 405


def test_replaced_image_redirects_old_addresses(client, image):
    old = image.rendition_url("card", 640, "jpg")
    replacement = check_image(image_bytes("PNG", (1000, 800))).content
    image.image.save(replacement.name, replacement)
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == image.rendition_url("card", 640, "jpg")


def test_small_original_is_never_enlarged(client):
    film = film_create(title_en="Tiny", year=2020, runtime_minutes=70)
    content = ContentFile(image_bytes("JPEG", (300, 200)), name="tiny.jpg")
    film_images_add(film=film, files=[check_image(content).content])
    page = client.get(film.get_absolute_url()).content.decode()
    hero = re.search(r'<figure class="film__hero">(.*?)</figure>', page, re.S).group(1)
    assert "hero-300.webp 300w" in hero and "hero-480" not in hero
    url = re.search(r'src="([^"]+hero-300\.jpg)"', hero).group(1)
    picture = Image.open(io.BytesIO(_body(client.get(url))))
    assert picture.size == (300, 200)


def test_film_page_offers_small_files_to_phones(client, image):
    # A second image: the key image is shown at the top, not in the gallery.
    film_images_add(
        film=image.film,
        files=[check_image(image_bytes("JPEG", (2400, 1350), (20, 90, 40))).content],
    )
    page = client.get(image.film.get_absolute_url()).content.decode()
    hero = re.search(r'<figure class="film__hero">(.*?)</figure>', page, re.S).group(1)
    assert '<source type="image/webp" srcset="' in hero
    assert "hero-480.webp 480w" in hero and "hero-2000.webp 2000w" in hero
    assert 'sizes="(min-width: 75em) 72rem, 100vw"' in hero
    assert 'width="2000" height="1125"' in hero
    assert 'loading="eager"' in hero  # above the fold
    gallery = section_html(page, "images-heading")
    assert 'loading="lazy"' in gallery and "thumb-240.webp 240w" in gallery
    # Without JavaScript a thumbnail is a plain link to the large image.
    assert re.search(
        r'<a class="gallery__link" href="/images/film/\d+/\w+/full-2000\.jpg"', gallery
    )


def test_cards_show_the_key_image(client, image, demo_catalogue):
    from festarchive.search.indexer import rebuild_index

    rebuild_index()
    page = client.get(reverse("search:archive"), {"q": "Rendered"}).content.decode()
    card = re.search(r'<article class="film-card">(.*?)</article>', page, re.S).group(1)
    assert f"/images/film/{image.pk}/" in card and "card-320.webp 320w" in card
    assert 'alt=""' in card  # the card's title says it; the image is decoration
    other = re.search(
        r'<article class="film-card">((?:(?!</article>).)*We Will Not Fade Away.*?)</article>',
        client.get(reverse("search:archive")).content.decode(),
        re.S,
    )
    assert other and "film-card__image--type" in other.group(1)


def test_key_image_in_cards_costs_one_query(
    client, image, django_assert_max_num_queries
):
    from festarchive.catalogue.models import Film
    from festarchive.catalogue.queries import films_for_cards

    for n in range(5):
        film = film_create(title_en=f"Film {n}", year=2020, runtime_minutes=70)
        film_images_add(film=film, files=[check_image(image_bytes("JPEG")).content])
    films = list(films_for_cards(Film.objects.all()))
    with django_assert_max_num_queries(0):
        keys = [f.key_image for f in films]
    assert all(isinstance(k, FilmImage) for k in keys)


# -- who may see a picture ---------------------------------------------------------
@pytest.fixture
def hidden(image):
    """The image of a film that is not published."""
    Film.objects.filter(pk=image.film_id).update(is_published=False)
    return image


@pytest.fixture
def member(django_user_model):
    """Logged in, but not staff."""
    return django_user_model.objects.create_user(username="member")


def test_an_unpublished_films_images_are_not_found(client, member, hidden):
    url = hidden.rendition_url("card", 640, "jpg")
    wrong_version = url.replace(f"/{hidden.version}/", "/anything/")
    missing = url.replace(f"/film/{hidden.pk}/", f"/film/{hidden.pk + 1000}/")
    for visitor in (None, member):
        if visitor:
            client.force_login(visitor)
        answers = [client.get(u) for u in (url, wrong_version, missing)]
        assert [a.status_code for a in answers] == [404, 404, 404], visitor
        # Nothing tells a hidden image from one that does not exist.
        hidden_page, missing_page = (
            re.sub(r"film(/|%2F)\d+", "film/…", a.content.decode())
            for a in (answers[0], answers[2])
        )
        assert hidden_page == missing_page
        assert answers[0].headers.keys() == answers[2].headers.keys()


def test_staff_see_an_unpublished_films_images_kept_by_no_cache(
    staff_client, hidden, settings
):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "PAGE_CACHE": True}
    url = hidden.rendition_url("card", 640, "jpg")
    response = staff_client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    old = staff_client.get(url.replace(f"/{hidden.version}/", "/anything/"))
    assert (old.status_code, old["Location"]) == (301, url)
    assert old["Cache-Control"] == "private, no-store"
    staff_client.logout()
    assert staff_client.get(url).status_code == 404


def test_published_films_images_are_served_to_everyone(client, member, image):
    url = image.rendition_url("card", 640, "jpg")
    for visitor in (None, member):
        if visitor:
            client.force_login(visitor)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_an_unpublished_films_video_poster_is_not_found(client, hidden):
    content = check_image(image_bytes("JPEG", (1600, 900))).content
    video = FilmVideo.objects.create(
        film=hidden.film, url="https://vimeo.com/76979871", poster=content
    )
    url = video.rendition_url("hero", 800, "jpg")
    assert client.get(url).status_code == 404
    Film.objects.filter(pk=hidden.film_id).update(is_published=True)
    assert client.get(url).status_code == 200


def test_portraits_are_served_to_everyone(client, image):
    # People's pages are public whatever they are credited on; so are their
    # portraits.
    person = person_create(name="Ada Portrait")
    content = check_image(image_bytes("JPEG", (400, 400))).content
    portrait = PersonImage.objects.create(person=person, image=content)
    assert client.get(portrait.rendition_url("portrait", 320, "jpg")).status_code == 200
