"""The market library's player in a real browser: the screener plays from its
signed link in byte ranges, under the viewer's watermark, within the page's
Content-Security-Policy, and the time played reaches the viewing log."""

import time

import pytest
from django.urls import reverse

from festarchive.professionals.models import Viewing
from festarchive.testing.browser import (
    DESKTOP,
    axe_violations,
    logged_in,
    open_page,
    screenshot,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _inside(inner: dict, outer: dict) -> bool:
    return (
        inner["x"] >= outer["x"]
        and inner["y"] >= outer["y"]
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"]
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"]
    )


def test_the_screener_plays_under_the_watermark_and_its_time_is_logged(
    browser, market_edition, professional
):
    from playwright.sync_api import expect

    chromium, base_url = browser
    page = open_page(chromium, DESKTOP)
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if message.type == "error" else None
        ),
    )
    ranges = []
    page.on(
        "request",
        lambda request: (
            ranges.append(request.headers.get("range"))
            if "/market/video/" in request.url
            else None
        ),
    )
    logged_in(page, base_url, professional)
    entry = market_edition.entries["Polder Light"]
    page.goto(base_url + reverse("professionals:market-film", kwargs={"pk": entry.pk}))

    video = page.locator("video")
    page.wait_for_function("() => document.querySelector('video').readyState >= 1")
    assert 5.5 < page.evaluate("() => document.querySelector('video').duration") < 6.5
    mark = page.locator(".market-watermark")
    expect(mark).to_be_visible()
    expect(mark).to_contain_text("Docs Festival")
    assert _inside(mark.bounding_box(), video.bounding_box())

    page.evaluate("v => { v.muted = true; return v.play(); }", video.element_handle())
    page.wait_for_function(
        "() => document.querySelector('video').currentTime > 2.5", timeout=15_000
    )
    screenshot(page, "market-player")
    page.evaluate("() => document.querySelector('video').pause()")
    assert axe_violations(page) == []

    viewing = Viewing.objects.get(entry=entry, viewer=professional)
    deadline = time.monotonic() + 10
    while viewing.seconds_watched < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
        viewing.refresh_from_db()
    assert viewing.seconds_watched >= 2
    # The browser asked for byte ranges, and nothing broke the page's policy.
    assert any(r and r.startswith("bytes=") for r in ranges), ranges
    assert problems == []


def test_the_library_filters_work_without_javascript_and_pass_axe(
    browser, market_edition, professional
):
    from playwright.sync_api import expect

    chromium, base_url = browser
    page = open_page(chromium, DESKTOP, java_script_enabled=False)
    logged_in(page, base_url, professional)
    page.goto(base_url + reverse("professionals:market"))
    expect(page.locator(".results__count")).to_have_text("4 films")
    page.get_by_role("link", name="Under 40 minutes").click()
    expect(page.locator(".results__count")).to_have_text("1 film")
    expect(page.locator(".film-card__title")).to_have_text("Polder Light")
    page.get_by_role("link", name="Length: Under 40 minutes").click()
    expect(page.locator(".results__count")).to_have_text("4 films")
    page.context.close()

    page = open_page(chromium, DESKTOP)
    logged_in(page, base_url, professional)
    page.goto(base_url + reverse("professionals:market") + "?country=NL")
    screenshot(page, "market-library", full_page=True)
    assert axe_violations(page) == []
