"""A filter the query names, followed on a phone."""

import pytest

from festarchive.testing.browser import PHONE, axe_violations, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_following_a_suggested_filter_on_a_phone(country_films, browser):
    from playwright.sync_api import expect

    chromium, base_url = browser
    page = open_page(chromium, PHONE)
    page.goto(f"{base_url}/en/archive/?q=netherlands")
    assert axe_violations(page) == []
    page.locator(".chip--suggested", has_text="Country: Netherlands?").click()
    page.wait_for_url("**/en/archive/?country=NL")
    expect(page.locator(".results__count")).to_have_text("2 films")
    expect(page.locator(".chip", has_text="Country: Netherlands")).to_be_visible()
    expect(page.locator(".chip--suggested")).to_have_count(0)
    expect(page.locator("#q")).to_have_value("")
