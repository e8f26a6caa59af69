"""An edition's statistics page in a real browser (Playwright + Chromium)."""

import pytest

from festarchive.testing.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_edition_statistics_draw_without_a_policy_violation(
    demo_catalogue, browser_page
):
    page, base_url = browser_page
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.goto(f"{base_url}/en/editions/idfa-2023/statistics/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Statistics of IDFA 2023"
    )
    chart = page.get_by_role("img", name="Films by production country")
    assert chart.is_visible()
    assert chart.bounding_box()["height"] > 100
    assert page.get_by_role("table", name="Films by section").is_visible()
    assert refused == []
    target = screenshot(page, "statistics", full_page=True)
    assert target.stat().st_size > 10_000
