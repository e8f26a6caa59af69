"""``festarchive remove_orphaned_media``: files no row names, found and removed."""

import os
import time
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from festarchive.catalogue.models import FilmVideo
from festarchive.catalogue.services import film_create, film_images_add
from festarchive.media.uploads import check_image

from .images import image_bytes, minimal_mp4

pytestmark = pytest.mark.django_db

ORPHANS = {
    "films/0123456789abcdef0123.jpg": image_bytes("JPEG", (300, 200)),
    "posters/fedcba9876543210fedc.png": image_bytes("PNG", (160, 90)),
    "videos/00aa11bb22cc33dd44ee.mp4": minimal_mp4(),
    # Renditions of an original no row names any more.
    "renditions/films/0123456789abcdef0123/thumb-240.webp": b"RIFF....WEBP",
    "renditions/films/0123456789abcdef0123/thumb-240.jpg": b"\xff\xd8\xff",
}


def _stored(media_root) -> set[str]:
    return {
        path.relative_to(media_root).as_posix()
        for path in media_root.rglob("*")
        if path.is_file()
    }


def _age(media_root, hours=2) -> None:
    then = time.time() - hours * 3600
    for path in media_root.rglob("*"):
        if path.is_file():
            os.utime(path, (then, then))


@pytest.fixture
def media(client, _media_root):
    """A film whose image (with renditions), video and poster are named, and
    files that nothing names, all written two hours ago; then an orphan just
    written, and a file outside the folders uploads go to."""
    film = film_create(title_en="Kept Pictures", year=2017)
    content = check_image(image_bytes("JPEG", (1200, 800))).content
    (image,) = film_images_add(film=film, files=[content])
    rendition = image.rendition_url("thumb", 240, "webp")
    assert client.get(rendition).status_code == 200
    poster = check_image(image_bytes("PNG", (640, 360))).content
    video = FilmVideo(film=film, kind="clip", order=0)
    video.file.save("clip.mp4", ContentFile(minimal_mp4()), save=False)
    video.poster.save(poster.name, poster, save=False)
    video.save()
    for name, data in ORPHANS.items():
        assert default_storage.save(name, ContentFile(data)) == name
    _age(_media_root)
    default_storage.save("films/just-uploaded.jpg", ContentFile(image_bytes()))
    default_storage.save("exports/catalogue.jsonl", ContentFile(b"{}\n"))
    named = {image.image.name, video.file.name, video.poster.name}
    return {"named": named, "rendition": rendition, "all": _stored(_media_root)}


def _run(*args) -> str:
    out = StringIO()
    call_command("remove_orphaned_media", *args, stdout=out)
    return out.getvalue()


def _orphan_bytes() -> int:
    return sum(len(data) for data in ORPHANS.values())


def test_a_dry_run_lists_the_orphans_and_removes_nothing(media, _media_root):
    output = _run("--dry-run")
    listed = {line.split("  ")[0] for line in output.splitlines() if "  " in line}
    assert listed == set(ORPHANS)
    assert (
        f"Would remove 5 orphaned files, {_orphan_bytes():,} bytes" in output
        and "nothing was removed (dry run)" in output
    )
    assert "Left 1 unnamed file(s) younger than 60 minutes alone" in output
    assert _stored(_media_root) == media["all"]


def test_orphans_are_removed_and_named_files_kept(media, client, _media_root):
    output = _run()
    assert f"Removed 5 orphaned files, {_orphan_bytes():,} bytes" in output
    stored = _stored(_media_root)
    assert stored == media["all"] - set(ORPHANS)
    assert media["named"] <= stored
    assert "films/just-uploaded.jpg" in stored
    assert "exports/catalogue.jsonl" in stored  # not a folder uploads go to
    assert any(name.startswith("renditions/films/") for name in stored)
    assert not (_media_root / "renditions/films/0123456789abcdef0123").exists()
    assert client.get(media["rendition"]).status_code == 200

    again = _run("--min-age", "0")
    assert "Removed 1 orphaned file, " in again
    assert "films/just-uploaded.jpg" in again
    assert _stored(_media_root) == stored - {"films/just-uploaded.jpg"}
