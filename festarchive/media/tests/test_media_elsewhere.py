"""Images beyond the film page: the demo, merges, the API, structured data,
and where files are stored."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from festarchive.catalogue.models import Film, PersonImage
from festarchive.catalogue.services import (
    film_create,
    film_images_add,
    person_create,
    person_merge,
)
from festarchive.demo.loader import REFERENCE_FILM_SLUG
from festarchive.media.uploads import check_image
from festarchive.testing.html import json_ld

from .images import image_bytes

pytestmark = pytest.mark.django_db


def test_every_demo_film_has_a_key_image_and_the_reference_a_gallery(client):
    call_command("demo", films=12, no_serve=True)
    assert not Film.objects.exclude(images__is_key=True).exists()
    reference = Film.objects.get(slug=REFERENCE_FILM_SLUG)
    images = list(reference.images.all())
    assert len(images) == 5
    assert [i.is_key for i in images] == [True, False, False, False, False]
    assert all(i.alt_en and i.alt_nl and i.caption for i in images)
    assert {i.kind for i in images} == {"still", "poster"}
    # The files exist and are what the rows say.
    key = reference.key_image
    with key.image.open("rb") as stored:
        assert check_image(stored.read()).width == key.width
    response = client.get(key.rendition_url("hero", 800, "webp"))
    assert response.status_code == 200


def test_merging_people_keeps_both_portraits(client):
    keep = person_create(name="Alisa Kovalenko")
    other = person_create(name="Alisa Kovalenko (2)")
    for person in (keep, other):
        content = check_image(image_bytes("JPEG", (400, 400))).content
        PersonImage.objects.create(person=person, image=content, alt_en=person.name)
    person_merge(keep=keep, merge=other)
    assert list(keep.images.values_list("alt_en", "order")) == [
        ("Alisa Kovalenko", 0),
        ("Alisa Kovalenko (2)", 1),
    ]
    page = client.get(keep.get_absolute_url()).content.decode()
    assert 'alt="Alisa Kovalenko"' in page


def test_api_and_structured_data_point_at_renditions(client):
    film = film_create(title_en="Seen Elsewhere", year=2021, runtime_minutes=60)
    (image,) = film_images_add(
        film=film, files=[check_image(image_bytes("JPEG", (1600, 900))).content]
    )
    data = client.get(reverse("api:film", args=[film.slug])).json()["data"]
    assert data["images"][0]["url"] == image.rendition_url("full", 1400, "jpg")
    assert client.get(data["images"][0]["url"]).status_code == 200
    page = client.get(film.get_absolute_url()).content.decode()
    (movie,) = [d for d in json_ld(page) if d["@type"] == "Movie"]
    assert movie["image"] == "http://testserver" + image.rendition_url(
        "hero", 1200, "jpg"
    )


def _storage_with(env: dict) -> dict:
    code = (
        "import json, django; django.setup();"
        "from django.core.files.storage import storages; s = storages['default'];"
        "print(json.dumps({'class': type(s).__name__,"
        " 'bucket': getattr(s, 'bucket_name', None),"
        " 'endpoint': getattr(s, 'endpoint_url', None),"
        " 'url': s.url('films/abc.jpg')}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_media_go_to_object_storage_when_a_bucket_is_set():
    assert _storage_with({})["class"] == "FileSystemStorage"
    s3 = _storage_with(
        {
            "FESTARCHIVE_S3_BUCKET": "festival-media",
            "FESTARCHIVE_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
            "FESTARCHIVE_S3_CUSTOM_DOMAIN": "media.example.org",
            "FESTARCHIVE_S3_ACCESS_KEY_ID": "key",
            "FESTARCHIVE_S3_SECRET_ACCESS_KEY": "secret",
        }
    )
    assert s3 == {
        "class": "S3Storage",
        "bucket": "festival-media",
        "endpoint": "http://127.0.0.1:9000",
        "url": "https://media.example.org/films/abc.jpg",
    }
