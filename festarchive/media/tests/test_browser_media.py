"""The gallery and the video player in a real browser."""

import re

import pytest

from festarchive.catalogue.models import FilmVideo
from festarchive.catalogue.services import film_create, film_images_add
from festarchive.media.uploads import check_image

from .images import image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIDEO_SITES = re.compile(r"youtube|youtu\.be|vimeo|ytimg|googlevideo")


@pytest.fixture
def film():
    film = film_create(title_en="Gallery Film", year=2024, runtime_minutes=75)
    # The first becomes the key image, shown at the top; the gallery has the rest.
    colours = [(90, 90, 90), (200, 60, 40), (40, 120, 200), (60, 160, 80)]
    film_images_add(
        film=film,
        files=[
            check_image(image_bytes("JPEG", (1600, 900), colour)).content
            for colour in colours
        ],
    )
    for number, image in enumerate(film.images.filter(is_key=False), start=1):
        image.caption = f"Still {number}"
        image.save()
    FilmVideo.objects.create(
        film=film, url="https://www.youtube.com/watch?v=dQw4w9WgXcQ", title="Trailer"
    )
    return film


def test_gallery_keys_and_video_player_on_click(film, browser_page):
    from playwright.sync_api import expect

    page, base_url = browser_page
    outside = []

    def video_site(route):
        outside.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<p>player</p>")

    page.route(VIDEO_SITES, video_site)
    page.goto(f"{base_url}{film.get_absolute_url()}")
    page.wait_for_load_state("networkidle")
    assert outside == []  # the page alone asks nothing of the video site

    # The gallery opens large on click and is driven by the keyboard.
    links = page.locator("a.gallery__link")
    expect(links).to_have_count(3)
    links.nth(0).click()
    dialog = page.locator("dialog.lightbox")
    expect(dialog).to_be_visible()
    count = dialog.locator(".lightbox__count")
    caption = dialog.locator(".lightbox__caption")
    expect(count).to_have_text("1 of 3")
    expect(caption).to_have_text("Still 1")
    expect(dialog.locator("img")).to_have_attribute(
        "src", re.compile(r"full-1400\.jpg$")
    )
    page.keyboard.press("ArrowRight")
    expect(count).to_have_text("2 of 3")
    expect(caption).to_have_text("Still 2")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(count).to_have_text("1 of 3")  # round to the first again
    page.keyboard.press("ArrowLeft")
    expect(count).to_have_text("3 of 3")
    # The large image really arrives (made on this first request).
    page.wait_for_function(
        "() => { const img = document.querySelector('dialog.lightbox img');"
        " return img.complete && img.naturalWidth > 0; }"
    )
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    # Focus goes back to where the visitor was.
    assert page.evaluate("document.activeElement.className") == "gallery__link"

    # The video: our own poster until the click, then the privacy-enhanced player.
    poster = page.locator("a.video__poster")
    expect(poster).to_contain_text("Play Trailer")
    expect(page.locator("iframe")).to_have_count(0)
    assert outside == []
    poster.click()
    frame = page.locator("iframe.video__frame")
    expect(frame).to_have_attribute(
        "src", re.compile(r"^https://www\.youtube-nocookie\.com/embed/dQw4w9WgXcQ\?")
    )
    page.wait_for_timeout(200)
    expect(poster).to_have_count(0)
    assert outside and all("youtube-nocookie.com" in url for url in outside)


def test_gallery_works_as_plain_links_without_javascript(film, live_server):
    from playwright.sync_api import sync_playwright

    from festarchive.testing.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_context(java_script_enabled=False).new_page()
            page.goto(f"{live_server.url}{film.get_absolute_url()}")
            page.locator("a.gallery__link").nth(1).click()
            page.wait_for_load_state()
            assert re.search(r"/images/film/\d+/\w+/full-1400\.jpg$", page.url)
        finally:
            browser.close()
