"""The reference film's page in a real browser (Playwright + Debian's Chromium)."""

import pytest

from festarchive.testing.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reference_film_page_shows_its_facts_in_a_browser(demo_catalogue, browser_page):
    page, base_url = browser_page
    page.goto(f"{base_url}/en/films/we-will-not-fade-away-2023/")

    assert page.title().startswith("We Will Not Fade Away")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "We Will Not Fade Away"
    facts = page.locator(".film__facts")
    for fact in (
        "2023",
        "100 min",
        "Ukraine, France, Poland",
        "Dutch Premiere",
        "Best of Fests",
        "IDFA 2023",
    ):
        assert facts.get_by_text(fact, exact=True).is_visible(), fact
    assert page.get_by_text("My ne zgasnemo").is_visible()
    credits = page.locator(".credits")
    assert credits.get_by_role("link", name="Valery Kalmykov").is_visible()
    assert "Valery Kalmykov for Trueman Production" in credits.inner_text()
    assert credits.get_by_role("link", name="Stranger Films Sales").count() == 2

    target = screenshot(page, "film-page", full_page=True)
    assert target.stat().st_size > 10_000

    # The language switch keeps the visitor on the same film.
    page.get_by_role("link", name="NL").click()
    assert page.url.endswith("/nl/films/we-will-not-fade-away-2023/")


def test_skip_link_and_keyboard_reach_the_content(demo_catalogue, browser_page):
    page, base_url = browser_page
    page.goto(f"{base_url}/en/films/we-will-not-fade-away-2023/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
