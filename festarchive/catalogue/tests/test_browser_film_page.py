"""The film page at a phone's and a laptop's width: the first screen, the
share link and the printed page (axe-core's findings on it are in
core/tests/test_browser_accessibility.py)."""

import re

import pytest

from festarchive.demo.pictures import add_reference_gallery
from festarchive.testing.browser import (
    DESKTOP,
    PHONE,
    logged_in,
    open_page,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FILM = "/en/films/we-will-not-fade-away-2023/"
WIDTHS = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])


@pytest.fixture
def gallery_film(reference_film):
    add_reference_gallery(reference_film)
    return reference_film


@WIDTHS
def test_first_screen_shows_the_facts_and_the_synopsis(gallery_film, browser, viewport):
    chromium, base_url = browser
    page = open_page(chromium, viewport)
    page.goto(f"{base_url}{FILM}")
    page.wait_for_load_state("networkidle")
    hero = page.locator(".film__hero img").bounding_box()
    assert hero["height"] <= viewport["height"] * 0.5
    facts = page.locator(".facts > div").first.bounding_box()
    assert facts["y"] + facts["height"] <= viewport["height"]
    first = page.locator(".film__synopsis [lang] p").first.bounding_box()
    # Measured: 747 px of 900 on the laptop, 788 px of 844 on the phone.
    assert first["y"] < viewport["height"] - 20, first
    poster = page.locator(".film__poster img").bounding_box()
    assert poster["height"] == pytest.approx(poster["width"] * 1.5, abs=2)
    assert page.locator(".gallery__link").count() == 3


def test_share_uses_the_devices_share_sheet_or_copies_the_link(reference_film, browser):
    chromium, base_url = browser
    page = open_page(chromium, PHONE)
    page.add_init_script(
        "navigator.share = (data) => { window.shared = data; return Promise.resolve(); };"
    )
    page.goto(f"{base_url}{FILM}")
    share = page.get_by_role("link", name="Share “We Will Not Fade Away”")
    assert share.get_attribute("href") == f"{base_url}{FILM}"
    share.click()
    assert page.evaluate("window.shared") == {
        "title": "We Will Not Fade Away",
        "url": f"{base_url}{FILM}",
    }
    assert page.url == f"{base_url}{FILM}"

    # Without a share sheet: the address is copied, and the page says so.
    desktop = open_page(
        chromium, DESKTOP, permissions=["clipboard-read", "clipboard-write"]
    )
    desktop.add_init_script("delete Navigator.prototype.share;")
    desktop.goto(f"{base_url}{FILM}")
    desktop.get_by_role("link", name=re.compile("^Share")).click()
    status = desktop.locator("[data-share-status]")
    status.filter(has_text="copied").wait_for()
    assert desktop.evaluate("navigator.clipboard.readText()") == f"{base_url}{FILM}"


def test_the_printed_page_is_one_page_of_facts_synopsis_and_credits(
    gallery_film, browser
):
    from festarchive.catalogue.models import FilmVideo

    FilmVideo.objects.create(film=gallery_film, url="https://vimeo.com/76979871")
    chromium, base_url = browser
    page = open_page(chromium, DESKTOP)
    logged_in(page, base_url)
    page.goto(f"{base_url}{FILM}")
    page.emulate_media(media="print")
    for shown in (".film__title", ".facts", ".film__synopsis", ".credits"):
        assert page.locator(shown).first.is_visible(), shown
    for hidden in (
        ".site-header",
        ".site-nav",
        ".site-footer",
        ".film__videos",
        ".film__images",
        ".film__actions",
        "main form",
    ):
        assert not page.locator(hidden).first.is_visible(), hidden
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
