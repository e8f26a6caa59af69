"""My festival in a real browser: star two screenings that clash on their
pages, see the clash on My festival, and read the calendar feed back."""

import urllib.request

import icalendar
import pytest

from festarchive.testing.browser import logged_in, open_page

from .plan_fixtures import schedule
from .week import small_week

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_star_two_clashing_screenings_and_subscribe(browser):
    from playwright.sync_api import expect

    chromium, base_url = browser
    week = small_week()
    river = schedule(week, "t1", 0, (2026, 10, 22, 14))
    night = schedule(week, "t2", 2, (2026, 10, 22, 15))
    page = open_page(chromium)
    logged_in(page, base_url)

    # The star on each screening's page (htmx swaps it in place).
    for screening in (river, night):
        response = page.goto(f"{base_url}{screening.get_absolute_url()}")
        assert response.status == 200, "the screening page is not there"
        star = page.locator(f"#star-{screening.uid}")
        expect(star).to_have_attribute("aria-pressed", "false")
        star.click()
        expect(page.locator(f"#star-{screening.uid}")).to_have_attribute(
            "aria-pressed", "true"
        )

    page.goto(f"{base_url}/en/my-archive/festival/")
    expect(page.locator("h1")).to_have_text("My festival")
    expect(page.locator(".plan-item")).to_have_count(2)
    expect(page.locator(".plan-clashes")).to_contain_text("One clash in your plan")
    expect(page.locator(f"#planned-{night.uid} .plan-warning")).to_contain_text(
        "Overlaps with River of Glass"
    )

    # Subscribe: the address on the page gives the plan as a calendar.
    feed_url = page.locator(".feed-url--https").inner_text().strip()
    webcal = page.locator(".feed-url--webcal").get_attribute("href")
    assert webcal == "webcal://" + feed_url.split("://", 1)[1]
    with urllib.request.urlopen(feed_url) as answer:  # noqa: S310 - the live server
        assert answer.headers["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = icalendar.Calendar.from_ical(answer.read())
    uids = {str(event["UID"]).split("@")[0] for event in calendar.walk("VEVENT")}
    assert uids == {str(river.uid), str(night.uid)}


def test_my_festival_is_accessible_and_unstars_without_javascript(browser):
    from playwright.sync_api import expect

    from festarchive.lists.tests.test_lists import make_visitor
    from festarchive.programme import services
    from festarchive.testing.browser import DESKTOP, PHONE, axe_violations

    chromium, base_url = browser
    week = small_week()
    river = schedule(week, "t1", 0, (2026, 10, 22, 14))
    night = schedule(week, "t2", 2, (2026, 10, 22, 15))
    early = schedule(week, "t1", 0, (2026, 10, 23, 10))
    across = schedule(week, "e1", 1, (2026, 10, 23, 11, 55))
    services.screening_cancel(early, notice_en="The print did not arrive.")
    for n, viewport in enumerate((DESKTOP, PHONE)):
        page = open_page(chromium, viewport)
        user = logged_in(page, base_url, make_visitor(f"viewer{n}@example.org"))
        for screening in (river, night, early, across):
            services.plan_add(user=user, screening=screening)
        page.goto(f"{base_url}/en/my-archive/festival/")
        expect(page.locator(".plan-item")).to_have_count(4)
        assert axe_violations(page) == []
        page.goto(f"{base_url}/en/my-archive/festival/print/")
        assert axe_violations(page) == []
        page.context.close()

    # A plain form: taking a screening off reloads the plan without the clash.
    page = open_page(chromium, java_script_enabled=False)
    user = logged_in(page, base_url, make_visitor("plain@example.org"))
    services.plan_add(user=user, screening=river)
    services.plan_add(user=user, screening=night)
    page.goto(f"{base_url}/en/my-archive/festival/")
    expect(page.locator(".plan-clashes")).to_be_visible()
    page.locator(f"#star-{night.uid}").click()
    page.wait_for_url("**/en/my-archive/festival/")
    expect(page.locator(".messages")).to_contain_text("Took Night Shift off")
    expect(page.locator(".plan-item")).to_have_count(1)
    expect(page.locator(".plan-clashes")).to_have_count(0)
