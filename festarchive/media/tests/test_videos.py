"""Videos: hosted ones load nothing from their site before the click; MP4s play."""

import re

import pytest
from django.urls import reverse

from festarchive.catalogue.models import FilmVideo
from festarchive.catalogue.services import film_create
from festarchive.media.videos import VideoLinkError, parse_video_url
from festarchive.testing.admin import add_inline_row, change_form_data
from festarchive.testing.html import section_html

from .images import gif_bytes, minimal_mp4, upload

pytestmark = pytest.mark.django_db

THIRD_PARTY = re.compile(r"youtube|youtu\.be|vimeo|ytimg|googlevideo", re.I)


@pytest.mark.parametrize(
    ("url", "site", "video_id", "start"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ", 0),
        ("https://youtu.be/dQw4w9WgXcQ?t=1m30s", "youtube", "dQw4w9WgXcQ", 90),
        (
            "https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42",
            "youtube",
            "dQw4w9WgXcQ",
            42,
        ),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ", 0),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ", 0),
        (
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "youtube",
            "dQw4w9WgXcQ",
            0,
        ),
        ("https://vimeo.com/76979871", "vimeo", "76979871", 0),
        ("https://vimeo.com/channels/staffpicks/76979871", "vimeo", "76979871", 0),
        (
            "https://player.vimeo.com/video/76979871?h=8272103f6e",
            "vimeo",
            "76979871",
            0,
        ),
    ],
)
def test_pasted_addresses_are_understood(url, site, video_id, start):
    link = parse_video_url(url)
    assert (link.site, link.video_id, link.start) == (site, video_id, start)


def test_embeds_use_the_privacy_enhanced_players():
    youtube = parse_video_url("https://youtu.be/dQw4w9WgXcQ?t=90")
    assert youtube.embed_url.startswith(
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?"
    )
    assert "start=90" in youtube.embed_url
    vimeo = parse_video_url("https://vimeo.com/76979871/8272103f6e")
    assert vimeo.embed_url == (
        "https://player.vimeo.com/video/76979871?h=8272103f6e&autoplay=1&dnt=1"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/trailer.mp4",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/channel/UC123",
        "https://vimeo.com/about",
        "javascript:alert(1)",
        "youtube.com/watch?v=dQw4w9WgXcQ",
    ],
)
def test_other_addresses_are_refused(url):
    with pytest.raises(VideoLinkError):
        parse_video_url(url)


@pytest.fixture
def film():
    return film_create(title_en="Trailer Film", year=2023, runtime_minutes=88)


def test_no_third_party_request_before_the_click(client, film):
    FilmVideo.objects.create(
        film=film, url="https://www.youtube.com/watch?v=dQw4w9WgXcQ", title="Trailer"
    )
    FilmVideo.objects.create(film=film, url="https://vimeo.com/76979871", kind="qa")
    page = client.get(film.get_absolute_url()).content.decode()
    # Nothing the browser fetches by itself points at a video site: no
    # iframe, script, image, style or preconnect.
    assert "<iframe" not in page
    for tag, attribute, value in re.findall(
        r"<(\w+)[^>]*?\s(src|srcset|poster|data|href)=\"([^\"]*)\"", page
    ):
        if tag != "a":
            assert not THIRD_PARTY.search(value), (tag, attribute, value)
    videos = section_html(page, "videos-heading")
    # The player address waits in a data attribute; the link works without JS.
    assert (
        'data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1'
        in videos
    )
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in videos
    assert (
        'data-embed="https://player.vimeo.com/video/76979871?autoplay=1&amp;dnt=1"'
        in videos
    )
    assert "Play Trailer" in videos


def _film_url(film):
    return reverse("admin:catalogue_film_change", args=[film.pk])


def test_staff_paste_a_link_and_a_wrong_site_is_refused(staff_client, film):
    data = change_form_data(staff_client.get(_film_url(film)))
    add_inline_row(
        data,
        "videos",
        {"kind": "trailer", "order": 0, "url": "https://example.com/v/1"},
    )
    response = staff_client.post(_film_url(film), data)
    assert response.status_code == 200
    assert "Only YouTube and Vimeo videos can be linked" in response.content.decode()
    assert not film.videos.exists()

    data["videos-0-url"] = "https://youtu.be/dQw4w9WgXcQ"
    response = staff_client.post(_film_url(film), data)
    assert response.status_code == 302
    assert film.videos.get().link.video_id == "dQw4w9WgXcQ"


def test_uploaded_mp4_plays_in_the_page(staff_client, film, client):
    data = change_form_data(staff_client.get(_film_url(film)))
    add_inline_row(data, "videos", {"kind": "clip", "order": 0, "title": "Opening"})
    data["videos-0-file"] = upload(minimal_mp4(), "opening scene.mp4", "video/mp4")
    response = staff_client.post(_film_url(film), data)
    assert response.status_code == 302, response.context["errors"]
    video = film.videos.get()
    assert re.fullmatch(r"videos/[0-9a-f]{20}\.mp4", video.file.name)
    videos = section_html(
        client.get(film.get_absolute_url()).content.decode(), "videos-heading"
    )
    assert '<video class="video__player" controls preload="none"' in videos
    assert f'<source src="/media/{video.file.name}" type="video/mp4">' in videos


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (gif_bytes(), "clip.mp4 is not an MP4 video (GIF image)"),
        (b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  ", "clip.mp4 is a qt video"),
    ],
)
def test_a_file_that_is_not_mp4_is_refused(
    staff_client, film, _media_root, data, message
):
    form = change_form_data(staff_client.get(_film_url(film)))
    add_inline_row(form, "videos", {"kind": "clip", "order": 0})
    form["videos-0-file"] = upload(data, "clip.mp4", "video/mp4")
    response = staff_client.post(_film_url(film), form)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not film.videos.exists()
    assert not (_media_root / "videos").exists()


def test_a_video_needs_a_link_or_a_file_not_both(staff_client, film):
    form = change_form_data(staff_client.get(_film_url(film)))
    add_inline_row(
        form,
        "videos",
        {"kind": "clip", "order": 0, "url": "https://youtu.be/dQw4w9WgXcQ"},
    )
    form["videos-0-file"] = upload(minimal_mp4(), "clip.mp4", "video/mp4")
    response = staff_client.post(_film_url(film), form)
    assert response.status_code == 200
    assert "not both" in response.content.decode()
    assert not film.videos.exists()
