"""Staff edit a page in Wagtail's admin and see it published in English and
Dutch, in a real browser."""

import pytest
from django.contrib.auth import get_user_model

from festarchive.testing.browser import DESKTOP, logged_in, open_page

from .test_pages import _institute, _translate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_edit_a_page_and_its_dutch_translation(
    browser, home, django_capture_on_commit_callbacks
):
    from playwright.sync_api import expect

    chromium, base_url = browser
    english = _institute(home)
    dutch = _translate(english, "nl", django_capture_on_commit_callbacks)
    staff = get_user_model().objects.create_superuser(
        username="editor-in-chief", email="chief@example.org", password="x"
    )
    page = open_page(chromium, DESKTOP)
    logged_in(page, base_url, staff)

    # The English page: a new introduction, published.
    page.goto(f"{base_url}/cms/pages/{english.pk}/edit/")
    intro = page.locator("textarea[name=intro]")
    intro.fill("Who we are, what we keep and whom we train.")
    page.locator(
        "footer .dropdown-toggle, [data-w-dropdown-target=toggle]"
    ).last.click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("has been published")

    visitor = open_page(chromium, DESKTOP)
    visitor.goto(f"{base_url}/en/institute/")
    expect(visitor.locator(".editorial__intro")).to_have_text(
        "Who we are, what we keep and whom we train."
    )

    # The Dutch page, in wagtail-localize's translation editor: one text
    # changed, published in Dutch.
    page.goto(f"{base_url}/cms/pages/{dutch.pk}/edit/")
    page.locator("li", has_text="Wie we zijn en wat we bewaren.").last.get_by_role(
        "button", name="Edit"
    ).click()
    # Editing one text at a time: the one being edited is the only field.
    page.locator("textarea").fill("Wie we zijn, wat we bewaren en wie we opleiden.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(
        page.get_by_text("Wie we zijn, wat we bewaren en wie we opleiden.")
    ).to_be_visible()
    page.get_by_role("button", name="Publish in Dutch").click()
    expect(page.locator(".messages")).to_contain_text("Published")

    visitor.goto(f"{base_url}/nl/instituut/")
    expect(visitor.locator(".editorial__intro")).to_have_text(
        "Wie we zijn, wat we bewaren en wie we opleiden."
    )
    expect(visitor.locator("html")).to_have_attribute("lang", "nl")
