"""Uploads while the media storage fails: a clear error, nothing half-written.

A full disk is made real for this process with RLIMIT_FSIZE: the kernel
refuses to let a file grow past the limit (EFBIG), part-way through a write,
as a full disk does (ENOSPC). A media folder that cannot be written to is a
path through a plain file (ENOTDIR): root, which runs CI, ignores
permissions.
"""

import io
import os
import resource
import signal
from contextlib import contextmanager

import pytest
from django.urls import reverse
from PIL import Image

from festarchive.catalogue.models import Film, FilmImage
from festarchive.catalogue.services import film_create, film_images_add
from festarchive.media.uploads import StorageFailed, check_image
from festarchive.testing.admin import change_form_data

from .images import image_bytes, upload

pytestmark = pytest.mark.django_db

LIMIT = 64 * 1024


@contextmanager
def disk_full_beyond(limit: int):
    """No file this process writes may grow past ``limit`` bytes."""
    previous_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous_handler)


def noise_png(side=300) -> bytes:
    """An image no encoder can shrink: larger than LIMIT once stored."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(
        buffer, "PNG"
    )
    return buffer.getvalue()


def _files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def film():
    return film_create(title_en="The Storage Film", year=2021, runtime_minutes=80)


def test_a_disk_filling_up_midway_leaves_no_file_and_no_row(film, _media_root):
    small = check_image(upload(image_bytes("JPEG", (60, 40)), "small.jpg")).content
    large = check_image(upload(noise_png(), "large.png")).content
    assert small.size < LIMIT < large.size
    with disk_full_beyond(LIMIT), pytest.raises(StorageFailed) as failure:
        film_images_add(film=film, files=[small, large])
    assert failure.value.reason == os.strerror(27)  # EFBIG: "File too large"
    assert "large.png" not in str(failure.value)  # the stored, hashed name
    assert str(failure.value).endswith(f"could not be stored: {os.strerror(27)}.")
    assert not FilmImage.objects.exists()
    # Neither the first file, written whole, nor the second, written in part.
    assert _files(_media_root) == []


def test_an_unwritable_media_folder_is_a_clear_error(film, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = str(blocker / "media")
    image = check_image(upload(image_bytes("JPEG", (60, 40)), "still.jpg")).content
    with pytest.raises(StorageFailed, match="Not a directory"):
        film_images_add(film=film, files=[image])
    assert not FilmImage.objects.exists()


def test_the_admin_says_so_and_keeps_nothing_of_the_change(
    staff_client, film, _media_root
):
    url = reverse("admin:catalogue_film_change", args=[film.pk])
    data = change_form_data(staff_client.get(url))
    data["title_en"] = "A Title Typed With The Images"
    data["add_images"] = [
        upload(image_bytes("JPEG", (60, 40)), "small.jpg"),
        upload(noise_png(), "large.png", content_type="image/png"),
    ]
    data["add_images_kind"] = "still"
    with disk_full_beyond(LIMIT):
        response = staff_client.post(url, data)
    assert response.status_code == 302 and response["Location"] == url
    page = staff_client.get(url).content.decode()
    assert "could not be stored: File too large." in page
    assert "Nothing of this change was saved" in page
    film.refresh_from_db()
    assert film.title_en == "The Storage Film"
    assert not Film.objects.filter(title_en="A Title Typed With The Images").exists()
    assert not FilmImage.objects.exists()
    assert _files(_media_root) == []
