"""Live search in a real browser: typing, facets and the back button."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_live_search_facets_and_back_button(catalogue, browser_page):
    from playwright.sync_api import expect

    page, base_url = browser_page
    page.goto(f"{base_url}/en/archive/")
    count = page.locator(".results__count")
    assert count.inner_text() == "6 films"
    # A full page load would drop this marker; htmx swaps keep it.
    page.evaluate("window.loadedOnce = true")

    page.locator("#q").fill("kovalenko")
    page.wait_for_url("**/en/archive/?q=kovalenko")
    # The count is refilled a moment after the update, for screen readers.
    expect(count).to_have_text("3 films match “kovalenko”")
    assert (
        page.locator(".film-card__title").first.inner_text() == "We Will Not Fade Away"
    )
    assert page.evaluate("window.loadedOnce") is True

    page.locator(".facet__value", has_text="Best of Fests").click()
    page.wait_for_url("**section=best-of-fests**")
    expect(count).to_have_text("2 films match “kovalenko”")
    assert page.locator(".chip", has_text="Section: Best of Fests").is_visible()
    assert page.evaluate("window.loadedOnce") is True

    page.go_back()
    page.wait_for_url("**/en/archive/?q=kovalenko")
    expect(count).to_have_text("3 films match “kovalenko”")
    expect(page.locator("#q")).to_have_value("kovalenko")


def test_search_works_without_javascript(catalogue, live_server):
    from festarchive.testing.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        page = browser.new_context(java_script_enabled=False).new_page()
        try:
            page.goto(f"{live_server.url}/en/films/we-will-not-fade-away-2023/")
            page.locator("#site-search-q").fill("orchard")
            page.locator("#site-search-q").press("Enter")
            page.wait_for_url("**/en/archive/?q=orchard")
            assert (
                page.locator(".results__count").inner_text()
                == "1 film matches “orchard”"
            )
            page.locator(".facet__value", has_text="Poland").click()
            page.wait_for_url("**country=PL**")
            assert page.locator(".chip", has_text="Country: Poland").is_visible()
        finally:
            browser.close()
