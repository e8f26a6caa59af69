"""Adding a film to a list from its page, in a real browser: in place, the
page staying where it was."""

import pytest

from festarchive.lists.models import FilmList, FilmListItem
from festarchive.testing.browser import DESKTOP, PHONE, logged_in, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_adding_to_a_list_keeps_the_page_where_it_was(
    reference_film, browser, viewport
):
    from playwright.sync_api import expect

    chromium, base_url = browser
    page = open_page(chromium, viewport)
    user = logged_in(page, base_url)
    FilmList.objects.create(user=user, name="Research")
    page.goto(f"{base_url}{reference_film.get_absolute_url()}")
    page.evaluate("window.stillHere = true")
    page.mouse.wheel(0, 200)
    page.wait_for_function("window.scrollY > 0")
    scrolled = page.evaluate("window.scrollY")

    actions = page.locator(".film__actions")
    actions.locator("summary").click()
    actions.locator("select").select_option(label="Research")
    add = actions.get_by_role("button", name="Add", exact=True)
    add.click()
    status = actions.locator(".add-to-list__status")
    expect(status).to_have_text("Added We Will Not Fade Away to “Research”.")
    expect(actions.locator("summary")).to_have_text("In 1 of your lists")
    expect(actions.get_by_role("button", name="Remove from “Research”")).to_be_visible()

    assert page.evaluate("window.stillHere") is True  # no page was loaded
    assert page.evaluate("window.scrollY") == scrolled
    assert page.evaluate("document.activeElement.id") == f"add-{reference_film.pk}"
    assert FilmListItem.objects.filter(
        film_list__user=user, film_list__name="Research", film=reference_film
    ).exists()
