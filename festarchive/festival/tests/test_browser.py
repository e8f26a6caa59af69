"""Edition and section pages in a real browser, at a phone's and a laptop's width."""

import pytest

from festarchive.testing.browser import DESKTOP, PHONE, axe_violations, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def programme(demo_catalogue):
    """The demo festivals with some generated films, key images drawn."""
    from festarchive.demo.generator import generate_catalogue
    from festarchive.demo.pictures import add_key_images

    generate_catalogue(films=30, seed=11)
    add_key_images()
    return demo_catalogue


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_section_and_edition_pages_have_no_accessibility_violations(
    programme, browser, viewport
):
    chromium, base_url = browser
    for path in ("/en/sections/best-of-fests/", "/en/editions/idfa-2023/"):
        page = open_page(chromium, viewport)
        page.goto(base_url + path)
        assert page.locator(".film-card").count() > 0, path
        assert axe_violations(page) == [], path
        page.context.close()
