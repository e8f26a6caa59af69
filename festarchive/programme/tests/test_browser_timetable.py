"""The timetable in a real browser: filtering and changing day with htmx and
without JavaScript, the grid on a phone, and axe-core on every programme page."""

import pytest

from festarchive.testing.browser import (
    DESKTOP,
    PHONE,
    axe_violations,
    open_page,
    screenshot,
)

from .programme_week import at, programme_week

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def week(monkeypatch):
    at(monkeypatch, 2026, 10, 22, 9)
    return programme_week()


def _titles(page) -> list[str]:
    return [
        " ".join(t.split()) for t in page.locator(".screening__title").all_inner_texts()
    ]


def test_filters_and_day_tabs_swap_the_results_in_place(week, browser):
    from playwright.sync_api import expect

    chromium, base_url = browser
    page = open_page(chromium, DESKTOP)
    page.goto(f"{base_url}/en/festival/?view=list")
    expect(page.locator(".day-tabs [aria-current=page]")).to_contain_text("22 Oct")
    assert len(_titles(page)) == 4
    # A marker that a full page load would lose.
    page.evaluate("() => { window.stayedOnPage = true; }")

    page.get_by_role("checkbox", name="Morning").check()
    page.wait_for_url("**time=morning**")
    expect(page.locator("#timetable-count")).to_have_text(
        "1 screening · Show all screenings of the day"
    )
    assert _titles(page) == ["The Salt Keepers"]

    page.locator(".day-tabs a", has_text="23 Oct").click()
    page.wait_for_url("**day=2026-10-23**")
    assert "time=morning" in page.url
    expect(page.locator(".day-tabs [aria-current=page]")).to_contain_text("23 Oct")
    # The tab followed is gone: focus is on the new count, not lost.
    expect(page.locator("#timetable-count")).to_be_focused()
    expect(page.locator(".empty-state")).to_contain_text(
        "No screenings on Friday 23 October match these filters."
    )
    # The form now carries the new day: unticking the filter keeps Friday.
    page.get_by_role("checkbox", name="Morning").uncheck()
    page.wait_for_url(lambda url: "time=" not in url)
    assert "day=2026-10-23" in page.url
    assert _titles(page) == ["Cancelled: River of Glass"]
    assert page.evaluate("() => window.stayedOnPage === true")

    # Back goes to the filtered Friday, then to Thursday's morning.
    page.go_back()
    page.wait_for_url("**time=morning**")
    expect(page.locator("#timetable-count")).to_contain_text("0 screenings")
    expect(page.get_by_role("checkbox", name="Morning")).to_be_checked()
    assert axe_violations(page) == []


def test_without_javascript_the_form_and_tabs_still_work(week, browser):
    from playwright.sync_api import expect

    chromium, base_url = browser
    page = open_page(chromium, DESKTOP, java_script_enabled=False)
    page.goto(f"{base_url}/en/festival/")
    page.get_by_label("Venue").select_option("eye-filmmuseum")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**venue=eye-filmmuseum**")
    assert "day=2026-10-22" in page.url
    assert _titles(page) == ["Shorts: Night and Salt"]

    page.locator(".day-tabs a", has_text="23 Oct").click()
    page.wait_for_url("**day=2026-10-23**")
    assert "venue=eye-filmmuseum" in page.url
    assert _titles(page) == ["Cancelled: River of Glass"]
    expect(page.get_by_label("Venue")).to_have_value("eye-filmmuseum")

    page.get_by_role("link", name="List", exact=True).click()
    page.wait_for_url("**view=list**")
    assert page.locator("table.tt-grid__table").count() == 0
    assert _titles(page) == ["Cancelled: River of Glass"]


def test_on_a_phone_the_grid_scrolls_inside_its_frame(week, browser):
    chromium, base_url = browser
    page = open_page(chromium, PHONE)
    page.goto(f"{base_url}/en/festival/?day=2026-10-22")
    frame = page.locator(".tt-grid")
    sizes = frame.evaluate("(e) => [e.scrollWidth, e.clientWidth]")
    assert sizes[0] > sizes[1] * 3  # sixteen hours at nine rem an hour
    # The page itself does not scroll sideways.
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    # The screens' names stay in view as the grid scrolls.
    frame.evaluate("(e) => { e.scrollLeft = 600; }")
    name = page.locator(".tt-grid__screen").first.bounding_box()
    assert 0 <= name["x"] < 40


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-js"])
def test_on_a_phone_the_screenings_come_first_and_the_filters_open(
    week, browser, javascript
):
    from playwright.sync_api import expect

    chromium, base_url = browser
    page = open_page(chromium, PHONE, java_script_enabled=javascript)
    page.goto(f"{base_url}/en/festival/?day=2026-10-22&view=list")
    form = page.locator("#timetable-form")
    expect(form).to_be_hidden()
    first_title = page.locator(".screening__title").first.bounding_box()
    assert first_title["y"] < 2 * PHONE["height"]
    page.get_by_role("link", name="Filters").click()
    expect(form).to_be_visible()
    page.get_by_role("checkbox", name="Morning").check()
    if not javascript:
        page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**time=morning**")
    assert _titles(page) == ["The Salt Keepers"]


# The pictures docs/programme.md shows (`make screenshots`).
SCREENSHOT_OF = {
    (DESKTOP["width"], "/en/festival/"): "timetable",
    (PHONE["width"], "/en/festival/?day=2026-10-22&view=list"): "timetable-phone",
}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_programme_page_has_an_accessibility_violation(week, browser, viewport):
    chromium, base_url = browser
    page = open_page(chromium, viewport)
    found = {}
    for path in (
        "/en/festival/",
        "/en/festival/?day=2026-10-22&view=list",
        "/nl/festival/?day=2026-10-23",
        "/en/festival/?day=2026-10-22&access=sdh&access=subtitles-en",
        "/en/festival/idfa-2025/timetable/",
        "/en/festival/venues/tuschinski/",
        f"/en/festival/programmes/{week.shorts.slug}/",
        f"/en/festival/screenings/{week.screenings['river'].uid}/",
        f"/en/festival/screenings/{week.screenings['friday'].uid}/",
        f"/en/films/{week.week.films[1].slug}/",
    ):
        page.goto(base_url + path)
        found[path] = axe_violations(page)
        if (viewport["width"], path) in SCREENSHOT_OF:
            screenshot(page, SCREENSHOT_OF[viewport["width"], path])
    assert found == {path: [] for path in found}
