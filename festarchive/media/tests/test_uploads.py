"""Staff upload images in the admin: judged by content, cleaned, or refused."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from festarchive.catalogue.models import Film, FilmImage, PersonImage
from festarchive.catalogue.services import film_create, person_create
from festarchive.testing.admin import add_inline_row, change_form_data

from .images import (
    ARTIST,
    GPS_IFD,
    MAKE,
    MODEL,
    bomb_png,
    gif_bytes,
    image_bytes,
    jpeg_with_large_profile_cut_in_half,
    jpeg_with_metadata,
    png_with_text,
    truncated_jpeg,
    truncated_webp,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def film():
    return film_create(title_en="The Upload Film", year=2022, runtime_minutes=90)


def _url(film: Film) -> str:
    return reverse("admin:catalogue_film_change", args=[film.pk])


def _post_images(client, film, *files, kind="still"):
    data = change_form_data(client.get(_url(film)))
    data["add_images"] = list(files)
    data["add_images_kind"] = kind
    return client.post(_url(film), data)


def _stored_files(media_root) -> list:
    return (
        [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []
    )


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (
            gif_bytes(),
            "still.jpg",
            "still.jpg is a GIF image; upload a JPEG, PNG or WebP file",
        ),
        (
            b"%PDF-1.7\n%\xe2\xe3\n1 0 obj",
            "poster.jpg",
            "poster.jpg is a PDF document, not an image we accept",
        ),
        (b"just some words", "notes.png", "notes.png is not an image we can read"),
        (
            image_bytes("TIFF", (50, 50)),
            "scan.webp",
            "scan.webp is a TIFF image; upload a JPEG, PNG or WebP file",
        ),
        (bomb_png(), "bomb.png", "bomb.png would unpack to more than 100 megapixels"),
        (
            image_bytes("PNG", (12_001, 4)),
            "banner.png",
            "banner.png is 12001 × 4 pixels; images may be at most 12000 pixels a side",
        ),
        (
            b"\xff\xd8\xff\xe0" + bytes(21 * 1024 * 1024),
            "huge.jpg",
            "huge.jpg is 21.0\xa0MB; images may be at most 20.0\xa0MB.",
        ),
        (truncated_jpeg(), "cut.jpg", "cut.jpg is damaged or incomplete"),
        (
            jpeg_with_large_profile_cut_in_half(),
            "scan.jpg",
            "scan.jpg is damaged or incomplete",
        ),
        (truncated_webp(), "cut.webp", "cut.webp is damaged or incomplete"),
        (b"", "empty.jpg", "The submitted file is empty."),
    ],
    ids=[
        "gif",
        "pdf",
        "text",
        "tiff",
        "bomb",
        "too-wide",
        "too-big",
        "truncated",
        "truncated-in-header",
        "truncated-webp",
        "empty",
    ],
)
def test_refused_upload_gets_its_message_and_stores_nothing(
    staff_client, film, _media_root, data, name, message
):
    response = _post_images(staff_client, film, upload(data, name))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["add_images"]
    assert any(message in error for error in errors), errors
    assert film.images.count() == 0
    assert _stored_files(_media_root) == []


def test_one_bad_file_among_good_ones_stores_none_and_names_the_bad_one(
    staff_client, film, _media_root
):
    good = upload(image_bytes("JPEG"), "good.jpg")
    bad = upload(gif_bytes(), "bad.jpg")
    response = _post_images(staff_client, film, good, bad)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["add_images"]
    assert len(errors) == 1 and errors[0].startswith("bad.jpg is a GIF image")
    assert film.images.count() == 0
    assert _stored_files(_media_root) == []


def test_several_images_at_once_first_becomes_key(staff_client, film):
    files = [
        upload(image_bytes("JPEG", (1600, 900)), "a.jpg"),
        upload(image_bytes("PNG", (800, 600)), "b.png", "image/png"),
        upload(image_bytes("WEBP", (640, 480)), "c.webp", "image/webp"),
    ]
    response = _post_images(staff_client, film, *files, kind="poster")
    assert response.status_code == 302
    images = list(film.images.order_by("order"))
    assert [(i.kind, i.is_key, i.order) for i in images] == [
        ("poster", True, 0),
        ("poster", False, 1),
        ("poster", False, 2),
    ]
    assert [(i.width, i.height) for i in images] == [
        (1600, 900),
        (800, 600),
        (640, 480),
    ]
    # Stored under a hash of the content with the real type's extension.
    names = [i.image.name for i in images]
    assert [n.rsplit(".", 1)[1] for n in names] == ["jpg", "png", "webp"]
    assert not any(original in n for n in names for original in ("a.jpg", "b.png"))

    # More images later go after these; the key stays.
    _post_images(staff_client, film, upload(image_bytes("JPEG"), "d.jpg"))
    assert list(film.images.values_list("order", "is_key")) == [
        (0, True),
        (1, False),
        (2, False),
        (3, False),
    ]


def test_location_camera_and_comments_are_stripped(staff_client, film):
    response = _post_images(
        staff_client, film, upload(jpeg_with_metadata(orientation=6), "phone.jpg")
    )
    assert response.status_code == 302
    image = film.images.get()
    with image.image.open("rb") as stored:
        data = stored.read()
    picture = Image.open(io.BytesIO(data))
    exif = picture.getexif()
    assert not exif.get_ifd(GPS_IFD)
    for tag in (MAKE, MODEL, ARTIST):
        assert tag not in exif
    assert b"PhoneMaker" not in data and b"Jan Jansen" not in data
    assert b"shot at home" not in data
    # The camera said "turn 90°": the stored picture is upright instead.
    assert picture.size == (800, 1200) == (image.width, image.height)


def test_png_text_chunks_are_stripped(staff_client, film):
    response = _post_images(
        staff_client, film, upload(png_with_text(), "map.png", "image/png")
    )
    assert response.status_code == 302
    with film.images.get().image.open("rb") as stored:
        data = stored.read()
    assert b"Keizersgracht" not in data and b"Jan Jansen" not in data
    assert Image.open(io.BytesIO(data)).size == (600, 400)


def test_inline_upload_is_checked_too(staff_client, film, _media_root):
    data = change_form_data(staff_client.get(_url(film)))
    add_inline_row(data, "images", {"kind": "still", "order": 0})
    data["images-0-image"] = upload(gif_bytes(), "renamed.jpg")
    response = staff_client.post(_url(film), data)
    assert response.status_code == 200
    assert "renamed.jpg is a GIF image" in response.content.decode()
    assert FilmImage.objects.count() == 0
    assert _stored_files(_media_root) == []


def test_a_file_cut_off_in_its_header_is_damaged_not_a_storage_failure(
    staff_client, film, _media_root
):
    data = change_form_data(staff_client.get(_url(film)))
    add_inline_row(data, "images", {"kind": "still", "order": 0})
    data["images-0-image"] = upload(jpeg_with_large_profile_cut_in_half(), "scan.jpg")
    response = staff_client.post(_url(film), data, follow=True)
    page = response.content.decode()
    assert "scan.jpg is damaged or incomplete" in page
    assert "could not be stored" not in page
    assert "media storage" not in page
    assert FilmImage.objects.count() == 0
    assert _stored_files(_media_root) == []


def test_key_image_moves_in_one_save(staff_client, film):
    _post_images(
        staff_client,
        film,
        upload(image_bytes("JPEG", colour=(1, 2, 3)), "one.jpg"),
        upload(image_bytes("JPEG", colour=(4, 5, 6)), "two.jpg"),
    )
    first, second = film.images.order_by("order")
    data = change_form_data(staff_client.get(_url(film)))
    data.pop("images-0-is_key")
    data["images-1-is_key"] = "on"
    response = staff_client.post(_url(film), data)
    assert response.status_code == 302, response.context["errors"]
    assert list(film.images.filter(is_key=True)) == [second]

    data = change_form_data(staff_client.get(_url(film)))
    data["images-0-is_key"] = "on"
    response = staff_client.post(_url(film), data)
    assert response.status_code == 200
    assert "Mark one image as the key image" in response.content.decode()


def test_portrait_uploaded_for_a_person(staff_client):
    person = person_create(name="Alisa Kovalenko")
    url = reverse("admin:catalogue_person_change", args=[person.pk])
    data = change_form_data(staff_client.get(url))
    add_inline_row(data, "images", {"alt_en": "Alisa at work", "order": 0})
    data["images-0-image"] = upload(jpeg_with_metadata((600, 800)), "alisa.jpg")
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    portrait = PersonImage.objects.get(person=person)
    with portrait.image.open("rb") as stored:
        assert b"PhoneMaker" not in stored.read()
    page = staff_client.get(person.get_absolute_url()).content.decode()
    assert "/images/person/" in page and 'alt="Alisa at work"' in page
