"""Switching language in a real browser keeps the visitor where they were."""

import pytest

from festarchive.catalogue.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _switch_to_dutch(page):
    page.locator("#language-switch a[hreflang=nl]").click()
    page.wait_for_load_state()


def test_switching_language_keeps_film_search_filters_and_person(
    catalogue, browser_page
):
    from playwright.sync_api import expect

    page, base_url = browser_page

    # A film page: the same film, in Dutch.
    page.goto(f"{base_url}/en/films/we-will-not-fade-away-2023/")
    _switch_to_dutch(page)
    assert page.url == f"{base_url}/nl/films/we-will-not-fade-away-2023/"
    assert page.locator("html").get_attribute("lang") == "nl"
    expect(page.locator(".film__title")).to_contain_text("We Will Not Fade Away")
    expect(page.locator(".film__facts")).to_contain_text("Oekraïne")

    # A search refined live (htmx): the switch follows the search on screen.
    page.goto(f"{base_url}/en/archive/")
    page.locator("#q").fill("kovalenko")
    page.wait_for_url("**/en/archive/?q=kovalenko")
    page.locator(".facet__value", has_text="Best of Fests").click()
    page.wait_for_url("**section=best-of-fests**")
    _switch_to_dutch(page)
    page.wait_for_url("**/nl/archive/?q=kovalenko**section=best-of-fests**")
    expect(page.locator(".results__count")).to_have_text(
        "2 films gevonden voor ‘kovalenko’"
    )
    expect(page.locator("#q")).to_have_value("kovalenko")
    expect(page.locator(".chip")).to_contain_text("Best of Fests")

    # A person page: the same person, in Dutch.
    person = Person.objects.get(name="Ivan Kovalenko")
    response = page.goto(f"{base_url}{person.get_absolute_url()}")
    assert response.status == 200, (response.status, response.text()[:2000])
    expect(page.locator("h1")).to_have_text("Ivan Kovalenko")
    _switch_to_dutch(page)
    assert page.url == f"{base_url}/nl/people/{person.slug}/"
    expect(page.locator("h1")).to_have_text("Ivan Kovalenko")
    assert page.locator("html").get_attribute("lang") == "nl"
