"""The home page and people's and companies' pages in a real browser, at a
phone's and a laptop's width: cards with images, and nothing axe-core finds."""

import pytest

from festarchive.testing.browser import DESKTOP, PHONE, axe_violations, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def archive(demo_catalogue):
    """The demo festivals with generated films and drawn key images, and an
    award at the latest edition."""
    from festarchive.demo.generator import generate_catalogue
    from festarchive.demo.pictures import add_key_images, add_reference_gallery
    from festarchive.festival.services import award_add

    generate_catalogue(films=30, seed=11)
    add_key_images()
    film = demo_catalogue["film"]
    add_reference_gallery(film)
    award_add(
        selection=film.selections.get(edition__year=2023), name_en="Audience Award"
    )
    return demo_catalogue


PAGES = {
    "home": "/en/",
    "person": "/en/people/valery-kalmykov/",
    "company": "/en/companies/trueman-production/",
}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_home_person_and_company_pages_have_no_accessibility_violations(
    archive, browser, viewport
):
    chromium, base_url = browser
    for name, path in PAGES.items():
        page = open_page(chromium, viewport)
        page.goto(base_url + path)
        cards = page.locator(".film-card")
        assert cards.count() > 0, name
        # Images are drawn at the card's width, and the page fits the screen.
        image = cards.first.locator("img")
        assert image.count() == 1, name
        image.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
        )
        box = image.bounding_box()
        assert 0 < box["width"] <= viewport["width"], name
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= viewport["width"], name
        assert axe_violations(page) == [], name
        page.context.close()


def test_role_summary_jumps_to_the_role(archive, browser):
    chromium, base_url = browser
    page = open_page(chromium, PHONE)
    page.goto(base_url + PAGES["person"])
    page.locator(".role-summary a").first.click()
    assert page.url.endswith("#role-production")
    heading = page.locator("#role-production")
    assert heading.is_visible() and heading.evaluate(
        "el => el.getBoundingClientRect().top >= 0"
    )
