"""Files of deleted images and videos leave the media storage once the
deletion commits, unless a row still names them."""

import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse

from festarchive.catalogue.models import Film, FilmImage, FilmVideo, PersonImage
from festarchive.catalogue.services import film_create, film_images_add, person_create
from festarchive.importers.catalogue_import import import_catalogue
from festarchive.media.uploads import check_image
from festarchive.testing.admin import change_form_data

from .images import image_bytes, minimal_mp4, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def film():
    return film_create(title_en="The Cleanup Film", year=2019, runtime_minutes=75)


def _stored(media_root) -> set[str]:
    if not media_root.exists():
        return set()
    return {
        path.relative_to(media_root).as_posix()
        for path in media_root.rglob("*")
        if path.is_file()
    }


def _still(film, colour=(120, 60, 30)) -> FilmImage:
    content = check_image(image_bytes("JPEG", (1200, 800), colour)).content
    (image,) = film_images_add(film=film, files=[content])
    return image


def _with_renditions(client, picture) -> list[str]:
    """Ask for two renditions, so they are made and stored."""
    urls = [
        picture.rendition_url("thumb", 240, "webp"),
        picture.rendition_url("thumb", 240, "jpg"),
    ]
    for url in urls:
        assert client.get(url).status_code == 200
    return urls


def _video_with_file_and_poster(film) -> FilmVideo:
    poster = check_image(image_bytes("PNG", (640, 360))).content
    video = FilmVideo(film=film, kind="qa", title="Q&A", order=0)
    video.file.save("qa.mp4", ContentFile(minimal_mp4()), save=False)
    video.poster.save(poster.name, poster, save=False)
    video.save()
    return video


def test_an_image_deleted_in_the_admin_leaves_storage_with_its_renditions(
    staff_client, client, film, _media_root, django_capture_on_commit_callbacks
):
    image = _still(film)
    urls = _with_renditions(client, image)
    assert any(name.startswith("renditions/films/") for name in _stored(_media_root))
    url = reverse("admin:catalogue_film_change", args=[film.pk])
    data = change_form_data(staff_client.get(url))
    data["images-0-DELETE"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert not FilmImage.objects.exists()
    assert _stored(_media_root) == set()
    for rendition in urls:
        assert client.get(rendition).status_code == 404


def test_deleting_a_film_removes_its_images_videos_and_posters(
    staff_client, client, film, _media_root, django_capture_on_commit_callbacks
):
    _with_renditions(client, _still(film))
    video = _video_with_file_and_poster(film)
    _with_renditions(client, video)
    stored = _stored(_media_root)
    assert {video.file.name, video.poster.name} <= stored
    assert any(name.startswith("renditions/posters/") for name in stored)
    url = reverse("admin:catalogue_film_delete", args=[film.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Film.objects.filter(pk=film.pk).exists()
    assert _stored(_media_root) == set()


def test_a_portrait_goes_with_its_person_and_a_cleared_poster_with_its_field(
    film, _media_root, django_capture_on_commit_callbacks
):
    person = person_create(name="Ada Vermeer")
    portrait = PersonImage.objects.create(
        person=person, image=check_image(image_bytes("JPEG", (400, 500))).content
    )
    video = _video_with_file_and_poster(film)
    with django_capture_on_commit_callbacks(execute=True):
        person.delete()
        video.poster = ""
        video.save()
    assert _stored(_media_root) == {video.file.name}
    assert not default_storage.exists(portrait.image.name)


def test_an_image_replaced_in_the_admin_leaves_its_old_file(
    staff_client, film, _media_root, django_capture_on_commit_callbacks
):
    old = _still(film).image.name
    url = reverse("admin:catalogue_film_change", args=[film.pk])
    data = change_form_data(staff_client.get(url))
    data["images-0-image"] = upload(image_bytes("JPEG", colour=(9, 9, 9)), "new.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    new = FilmImage.objects.get().image.name
    assert new != old
    assert _stored(_media_root) == {new}


def test_nothing_is_removed_when_the_deletion_rolls_back(
    film, _media_root, django_capture_on_commit_callbacks
):
    image = _still(film)
    video = _video_with_file_and_poster(film)
    stored = _stored(_media_root)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            film.delete()
            raise RuntimeError("the change is abandoned")
        # A later deletion in the same transaction does not carry the
        # abandoned one's files with it.
        FilmVideo.objects.filter(pk=video.pk).delete()
    assert FilmImage.objects.filter(pk=image.pk).exists()
    assert _stored(_media_root) == stored - {video.file.name, video.poster.name}


def test_a_file_two_rows_name_stays_until_the_second_goes(
    film, _media_root, django_capture_on_commit_callbacks
):
    first = _still(film)
    other = film_create(title_en="Same Picture", year=2020)
    second = FilmImage.objects.create(
        film=other, image=first.image.name, width=1200, height=800
    )
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert default_storage.exists(second.image.name)
    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert not default_storage.exists(second.image.name)


def _catalogue(*, images: list[dict]) -> list[str]:
    return [
        json.dumps({"schema": "festarchive-catalogue", "type": "header", "version": 1}),
        json.dumps(
            {
                "type": "film",
                "slug": "the-imported-film-2018",
                "title_en": "The Imported Film",
                "year": 2018,
                "images": images,
            }
        ),
        json.dumps(
            {
                "type": "person",
                "slug": "imported-maker",
                "name": "Imported Maker",
                "images": [
                    {
                        "file": "people/maker.jpg",
                        "width": 1200,
                        "height": 800,
                        "alt_en": "The maker",
                    }
                ],
            }
        ),
    ]


def test_an_import_that_rewrites_images_keeps_their_files(
    _media_root, django_capture_on_commit_callbacks
):
    # An import names files already in the storage (they travel separately).
    still = default_storage.save("films/still.jpg", ContentFile(image_bytes()))
    portrait = default_storage.save("people/maker.jpg", ContentFile(image_bytes()))
    image = {"file": still, "width": 1200, "height": 800, "is_key": True}
    with django_capture_on_commit_callbacks(execute=True):
        assert import_catalogue(_catalogue(images=[{**image, "caption": "A"}])).ok
    with django_capture_on_commit_callbacks(execute=True):
        lines = _catalogue(images=[{**image, "caption": "Rewritten"}])
        # The portrait's rows are rewritten too, naming the same file.
        lines[2] = lines[2].replace("The maker", "The maker at work")
        report = import_catalogue(lines)
    assert report.ok and report.updated["films"] == 1, report.updated
    assert report.updated["portraits"] == 1
    assert FilmImage.objects.get().caption == "Rewritten"
    assert _stored(_media_root) == {still, portrait}

    with django_capture_on_commit_callbacks(execute=True):
        assert import_catalogue(_catalogue(images=[]), replace=True).ok
    assert not FilmImage.objects.exists()
    assert _stored(_media_root) == {portrait}


def test_a_dry_run_import_removes_nothing(
    _media_root, django_capture_on_commit_callbacks
):
    still = default_storage.save("films/still.jpg", ContentFile(image_bytes()))
    with django_capture_on_commit_callbacks(execute=True):
        import_catalogue(
            _catalogue(images=[{"file": still, "width": 1200, "height": 800}])
        )
        import_catalogue(_catalogue(images=[]), dry_run=True, replace=True)
    assert FilmImage.objects.get().image.name == still
    assert default_storage.exists(still)


@pytest.mark.django_db(transaction=True)
def test_with_real_commits_an_import_keeps_files_and_a_deletion_removes_them(
    _media_root,
):
    still = default_storage.save("films/still.jpg", ContentFile(image_bytes()))
    portrait = default_storage.save("people/maker.jpg", ContentFile(image_bytes()))
    image = {"file": still, "width": 1200, "height": 800}
    assert import_catalogue(_catalogue(images=[{**image, "caption": "A"}])).ok
    report = import_catalogue(_catalogue(images=[{**image, "caption": "B"}]))
    assert report.updated["films"] == 1
    assert _stored(_media_root) == {still, portrait}
    with pytest.raises(RuntimeError), transaction.atomic():
        Film.objects.all().delete()
        raise RuntimeError("the change is abandoned")
    assert _stored(_media_root) == {still, portrait}
    Film.objects.all().delete()
    assert _stored(_media_root) == {portrait}
