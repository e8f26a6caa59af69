"""The film admin in a real browser, logged in as staff."""

import pytest
from django.conf import settings

from festarchive.testing.browser import DESKTOP, SCREENSHOTS, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def staff_page(browser, client, django_user_model):
    """A laptop-sized page whose session is a staff member's."""
    chromium, base_url = browser
    user = django_user_model.objects.create_user(
        username="curator",
        password="Curator-Password-1",
        is_staff=True,
        is_superuser=True,
    )
    client.force_login(user)
    page = open_page(chromium, DESKTOP)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )
    return page, base_url


def test_film_admin_with_images_fits_a_laptop_screen(demo_catalogue, staff_page):
    from festarchive.demo.pictures import add_reference_gallery

    film = demo_catalogue["film"]
    add_reference_gallery(film)
    page, base_url = staff_page
    page.goto(f"{base_url}/en/admin/catalogue/film/{film.pk}/change/")

    images = page.locator("#images-group")
    previews = images.locator("img[src*='/images/film/']")
    assert previews.count() == 5  # every image has its preview
    assert images.locator("input[name='images-0-alt_en']").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= DESKTOP["width"], f"the page is {width} px wide"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    images.screenshot(path=str(SCREENSHOTS / "admin-film-images.png"))
