"""The archive page in a real browser: the phone drawer, sorting, history and
keyboard focus across htmx updates."""

import pytest

from festarchive.testing.browser import DESKTOP, PHONE, axe_violations, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KOVALENKO = ["We Will Not Fade Away", "Quiet over the River", "Coal and Salt"]


def _titles(page) -> list[str]:
    return page.locator(".film-card__title").all_inner_texts()


def _active(page) -> str:
    """The focused element, as ``tag#id`` or ``tag.class``."""
    return page.evaluate(
        """() => {
          const e = document.activeElement;
          return e.tagName.toLowerCase() + (e.id ? "#" + e.id : "." + e.className);
        }"""
    )


def _wait_for_focus_on_count(page) -> None:
    # expect() polls without eval, which the page's CSP forbids.
    from playwright.sync_api import expect

    expect(page.locator("#results-count")).to_be_focused()


def test_phone_shows_results_first_and_drawer_stays_as_left(catalogue, browser):
    from playwright.sync_api import expect

    chromium, base_url = browser
    page = open_page(chromium, PHONE)
    page.goto(f"{base_url}/en/archive/?q=kovalenko&section=best-of-fests")
    drawer = page.locator("#filters")
    toggle = page.locator(".filters-toggle")
    count = page.locator(".results__count")

    assert page.locator(".film-card").first.bounding_box()["y"] < PHONE["height"]
    expect(drawer).to_be_hidden()
    expect(toggle).to_have_text("Filters (1)")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    # Beside the count, not under it.
    assert abs(toggle.bounding_box()["y"] - count.bounding_box()["y"]) < 20
    first_card = page.locator(".film-card").first.bounding_box()["y"]
    assert page.locator(".chip").first.bounding_box()["y"] < first_card
    assert axe_violations(page) == []

    # Opened, it stays open when a facet in it is followed...
    toggle.click()
    expect(drawer).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    drawer.locator(".facet__value", has_text="Ukraine").click()
    page.wait_for_url("**country=UA**")
    expect(count).to_have_text("2 films match “kovalenko”")
    expect(drawer).to_be_visible()

    # ...and closed, it stays closed when a chip or the query changes.
    page.locator(".filters-toggle").click()
    expect(drawer).to_be_hidden()
    page.locator(".chip", has_text="Section: Best of Fests").click()
    page.wait_for_url(lambda url: "section=" not in url)
    expect(count).to_have_text("3 films match “kovalenko”")
    expect(drawer).to_be_hidden()
    page.locator("#q").fill("coal")
    page.wait_for_url("**q=coal**")
    expect(count).to_have_text("1 film matches “coal”")
    expect(drawer).to_be_hidden()
    expect(page.locator(".filters-toggle")).to_have_attribute("aria-expanded", "false")


def test_desktop_keeps_the_filters_as_a_sidebar(catalogue, browser):
    from playwright.sync_api import expect

    chromium, base_url = browser
    page = open_page(chromium, DESKTOP)
    page.goto(f"{base_url}/en/archive/?q=kovalenko")
    drawer = page.locator(".facets")
    expect(drawer).to_be_visible()
    expect(page.locator(".filters-toggle")).to_be_hidden()
    results = page.locator(".card-grid").bounding_box()
    assert drawer.bounding_box()["x"] + drawer.bounding_box()["width"] < results["x"]
    assert axe_violations(page) == []


def test_sort_works_after_a_facet_and_twice_in_a_row(catalogue, browser):
    from playwright.sync_api import expect

    chromium, base_url = browser
    page = open_page(chromium, DESKTOP)
    page.goto(f"{base_url}/en/archive/")
    page.locator("#q").fill("kovalenko")
    page.wait_for_url("**q=kovalenko")
    page.locator(".facet__value", has_text="Ukraine").click()
    page.wait_for_url("**country=UA**")
    expect(page.locator(".results__count")).to_have_text("3 films match “kovalenko”")
    assert _titles(page) == KOVALENKO

    page.locator("#sort").select_option("title")
    page.wait_for_url("**sort=title**")
    expect(page.locator(".film-card__title").first).to_have_text("Coal and Salt")
    assert _titles(page) == ["Coal and Salt", "Quiet over the River", KOVALENKO[0]]

    page.locator("#sort").select_option("oldest")
    page.wait_for_url("**sort=oldest**")
    expect(page.locator(".film-card__title").first).to_have_text("Quiet over the River")
    assert _titles(page) == ["Quiet over the River", "Coal and Salt", KOVALENKO[0]]
    assert "country=UA" in page.url


def test_typing_makes_one_history_entry(catalogue, browser):
    from playwright.sync_api import expect

    chromium, base_url = browser
    page = open_page(chromium, DESKTOP)
    page.goto(f"{base_url}/en/archive/")
    before = page.evaluate("history.length")
    # Slower than the box's pause, so that every letter gets its own search.
    page.locator("#q").press_sequentially("kovalenko", delay=400)
    page.wait_for_url("**q=kovalenko")
    expect(page.locator(".results__count")).to_have_text("3 films match “kovalenko”")
    page.locator(".facet__value", has_text="Best of Fests").click()
    page.wait_for_url("**section=best-of-fests**")
    assert page.evaluate("history.length") - before <= 2

    page.go_back()
    page.wait_for_url("**/en/archive/?q=kovalenko")
    expect(page.locator(".results__count")).to_have_text("3 films match “kovalenko”")
    expect(page.locator("#q")).to_have_value("kovalenko")
    page.go_back()
    page.wait_for_url("**/en/archive/")
    expect(page.locator(".results__count")).to_have_text("6 films")


def test_focus_goes_to_the_count_after_every_update(catalogue, browser, settings):
    from playwright.sync_api import expect

    settings.FESTARCHIVE_LIMITS = {
        **settings.FESTARCHIVE_LIMITS,
        "archive_search_page": 2,
    }
    chromium, base_url = browser
    page = open_page(chromium, DESKTOP)
    page.goto(f"{base_url}/en/archive/")
    count = page.locator(".results__count")

    page.locator(".facet__value", has_text="Ukraine").click()
    page.wait_for_url("**country=UA**")
    _wait_for_focus_on_count(page)
    expect(count).to_have_text("3 films")

    page.locator(".pagination a", has_text="2").click()
    page.wait_for_url("**page=2**")
    _wait_for_focus_on_count(page)

    page.locator(".chip", has_text="Country: Ukraine").click()
    page.wait_for_url(lambda url: "country=" not in url)
    _wait_for_focus_on_count(page)
    expect(count).to_have_text("6 films")

    # Typing keeps focus in the box.
    page.locator("#q").fill("coal")
    page.wait_for_url("**q=coal**")
    expect(count).to_have_text("1 film matches “coal”")
    assert _active(page) == "input#q"


def test_only_the_count_line_is_live(catalogue, browser):
    chromium, base_url = browser
    page = open_page(chromium, DESKTOP)
    page.goto(f"{base_url}/en/archive/")
    live = "els => els.map(e => e.className + ' ' + e.getAttribute('aria-live'))"
    assert page.eval_on_selector_all("[aria-live]", live) == ["results__count polite"]
    page.locator(".facet__value", has_text="Ukraine").click()
    page.wait_for_url("**country=UA**")
    assert page.eval_on_selector_all("[aria-live]", live) == ["results__count polite"]


def test_skip_links_come_first_and_lead_to_the_results(catalogue, browser):
    chromium, base_url = browser
    for viewport in (DESKTOP, PHONE):
        page = open_page(chromium, viewport)
        page.goto(f"{base_url}/en/archive/?q=kovalenko")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to content"
        page.keyboard.press("Tab")
        skip = page.locator(".skip-link", has_text="Skip to results")
        assert page.evaluate("document.activeElement.textContent") == "Skip to results"
        assert skip.bounding_box()["y"] >= 0  # shown while it has focus
        page.keyboard.press("Enter")
        _wait_for_focus_on_count(page)
        # Then straight on to the controls of the results.
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('.results__head')")


def test_favourite_keeps_focus_on_the_heart(catalogue, browser, django_user_model):
    from django.conf import settings
    from django.test import Client
    from playwright.sync_api import expect

    user = django_user_model.objects.create_user(username="member", password="x")
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value

    chromium, base_url = browser
    page = open_page(chromium, DESKTOP)
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}]
    )
    page.goto(f"{base_url}/en/archive/?q=kovalenko")
    heart = page.locator(".favourite__button").first
    expect(heart).to_have_attribute("aria-pressed", "false")
    heart.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".favourite__button").first).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.locator(".favourite__button").first).to_be_focused()


def test_phone_filters_work_without_javascript(catalogue, browser):
    from playwright.sync_api import expect

    chromium, base_url = browser
    page = open_page(chromium, PHONE, java_script_enabled=False)
    page.goto(f"{base_url}/en/archive/?q=kovalenko")
    assert page.locator(".film-card").first.bounding_box()["y"] < PHONE["height"]
    expect(page.locator("#filters")).to_be_hidden()
    # The Filters link leads down to the filters, shown while it is followed.
    page.locator(".filters-toggle").click()
    expect(page.locator("#filters")).to_be_visible()
    page.locator(".facet__value", has_text="Ukraine").click()
    page.wait_for_url("**country=UA**")
    expect(page.locator(".chip", has_text="Country: Ukraine")).to_be_visible()
    expect(page.locator(".results__count")).to_have_text("3 films match “kovalenko”")
    page.locator("#sort").select_option("title")
    page.locator(".results__sort button").click()
    page.wait_for_url("**sort=title**")
    assert page.locator(".film-card__title").first.inner_text() == "Coal and Salt"
