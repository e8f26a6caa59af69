"""A donor's way through in a real browser, against the Mollie stand-in:
choose an amount, pay on the stand-in's checkout, come back to the real
status; and a monthly gift, cancelled from the link in its receipt."""

import re
import time

import pytest
from django.core import mail

from festarchive.donations.models import Donation
from festarchive.donations.standin import STANDIN_KEY, serve
from festarchive.testing.browser import DESKTOP, axe_violations, open_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_standin(settings, browser):
    """The stand-in calling the live server's webhook, as Mollie would."""
    _chromium, base_url = browser
    standin, server = serve(deliver=True)
    settings.FESTARCHIVE = {
        **settings.FESTARCHIVE,
        "MOLLIE_API_KEY": STANDIN_KEY,
        "MOLLIE_API_ENDPOINT": standin.base_url,
        "SITE_URL": base_url,
    }
    yield standin
    server.shutdown()
    server.server_close()


def _wait_for(check, seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def test_a_one_off_gift_is_paid_and_thanked(browser, live_standin):
    from playwright.sync_api import expect

    chromium, base_url = browser
    page = open_page(chromium, DESKTOP)
    page.goto(f"{base_url}/en/donate/")
    expect(page.get_by_role("heading", name="Donate", exact=True)).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("€50").check()
    page.get_by_label("E-mail address").fill("browser-donor@example.org")
    page.get_by_label("Name (optional)").fill("Bea Browser")
    screenshot(page, "donate", full_page=True)
    page.get_by_role("button", name="Continue to payment").click()

    expect(page.get_by_role("heading", name="Mollie stand-in checkout")).to_be_visible()
    expect(page.get_by_text("Amount: EUR 50.00")).to_be_visible()
    page.get_by_role("button", name="Paid").click()

    expect(page.get_by_role("heading", name="Thank you for your gift")).to_be_visible()
    expect(page.locator("[data-status=paid]")).to_have_text("Paid")
    assert page.url.startswith(f"{base_url}/en/donate/thanks/")
    donation = Donation.objects.get()
    assert donation.status == "paid"
    assert _wait_for(lambda: len(mail.outbox) == 1), list(
        donation.events.values_list("action", "data")
    )
    assert mail.outbox[0].to == ["browser-donor@example.org"]


def test_an_expired_payment_says_so(browser, live_standin):
    from playwright.sync_api import expect

    chromium, base_url = browser
    page = open_page(chromium, DESKTOP)
    page.goto(f"{base_url}/nl/donate/")
    page.get_by_label("E-mail address").or_(page.get_by_label("E-mailadres")).fill(
        "laat@example.org"
    )
    page.locator("button[type=submit]").last.click()
    page.get_by_role("button", name="Expired").click()
    expect(page.locator("[data-status=expired]")).to_be_visible()
    assert "/nl/donate/thanks/" in page.url
    assert Donation.objects.get().status == "expired"


def test_a_monthly_gift_is_started_and_cancelled_from_its_receipt(
    browser, live_standin
):
    from playwright.sync_api import expect

    chromium, base_url = browser
    page = open_page(chromium, DESKTOP)
    page.goto(f"{base_url}/en/donate/")
    page.get_by_label("Monthly").check()
    page.get_by_label("Another amount", exact=True).check()
    page.get_by_label("Another amount, in euros").fill("7,50")
    page.get_by_label("E-mail address").fill("monthly@example.org")
    page.get_by_role("button", name="Continue to payment").click()
    expect(page.get_by_text("SEPA direct debit mandate")).to_be_visible()
    page.get_by_role("button", name="Paid").click()
    expect(page.get_by_role("heading", name="Thank you for your gift")).to_be_visible()

    assert _wait_for(lambda: Donation.objects.get().gift == "active")
    donation = Donation.objects.get()
    assert donation.amount == 7.5
    sub = live_standin.subscriptions[donation.mollie_subscription_id]
    assert sub["status"] == "active" and sub["interval"] == "1 month"
    assert _wait_for(lambda: len(mail.outbox) >= 1)
    link = re.search(r"(http://\S+/en/donate/cancel/\S+/)", mail.outbox[0].body)[1]

    page.goto(link)
    expect(page.get_by_role("heading", name="Cancel your monthly gift")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Cancel my monthly gift").click()
    expect(page.get_by_text("Your monthly gift has been cancelled.")).to_be_visible()
    expect(page.locator("[data-gift=cancelled]")).to_be_visible()
    assert sub["status"] == "canceled"
    donation.refresh_from_db()
    assert donation.gift == "cancelled"
