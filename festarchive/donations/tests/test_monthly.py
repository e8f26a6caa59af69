"""Monthly gifts, Mollie's recurring flow: a customer, a first payment that
leaves a mandate, a subscription once it is paid, the months collected after
it, and cancelling from the signed link in every receipt."""

import re

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from festarchive.donations.models import Donation, DonationPayment
from festarchive.donations.queries import cancel_path
from festarchive.donations.services.donations import donation_cancel

from .conftest import checkout, deliver, start

pytestmark = pytest.mark.django_db


def _monthly(client, standin, status="paid", amount="10"):
    thanks = checkout(start(client, kind="monthly", amount=amount), status)
    codes = deliver(standin, client)
    return Donation.objects.get(), thanks, codes


def _cancel_link(mail) -> str:
    match = re.search(r"https?://[^/\s]+(/\S+/cancel/\S+/)", mail.body)
    assert match, mail.body
    return match[1]


def test_a_monthly_gift_starts_with_a_first_payment_for_a_customer(client, standin):
    start(client, kind="monthly", amount="10")
    donation = Donation.objects.get()
    payment = standin.last_payment()
    assert donation.mollie_customer_id in standin.customers
    customer = standin.customers[donation.mollie_customer_id]
    assert customer["email"] == "donor@example.org"
    assert payment["sequenceType"] == "first"
    assert payment["customerId"] == donation.mollie_customer_id
    assert payment["method"] == ["ideal", "creditcard"]
    assert donation.gift == "waiting"
    assert standin.subscriptions == {}


def test_a_paid_first_payment_starts_the_subscription(client, standin, mailoutbox):
    donation, thanks, codes = _monthly(client, standin)
    assert codes == [200]
    assert donation.status == "paid"
    assert donation.gift == "active"
    [sub] = standin.subscriptions.values()
    assert donation.mollie_subscription_id == sub["id"]
    assert sub["customerId"] == donation.mollie_customer_id
    assert sub["amount"] == {"currency": "EUR", "value": "10.00"}
    assert sub["interval"] == "1 month"
    next_month = timezone.localdate() + relativedelta(months=1)
    assert sub["startDate"] == next_month.isoformat()
    assert sub["webhookUrl"].endswith("/donations/webhook/")
    [mandate] = standin.mandates[donation.mollie_customer_id]
    assert mandate["method"] == "directdebit"
    assert sub["mandateId"] == mandate["id"] == donation.mollie_mandate_id

    [mail] = mailoutbox
    assert "monthly gift" in mail.body
    assert "SEPA direct debit" in mail.body
    assert "/en/donate/cancel/" in mail.body
    page = client.get(thanks).content.decode()
    assert "Thank you for your gift" in page
    assert "SEPA direct debit" in page


@pytest.mark.parametrize("status", ["failed", "canceled", "expired"])
def test_an_unpaid_first_payment_starts_no_subscription(client, standin, status):
    donation, _thanks, _codes = _monthly(client, standin, status)
    assert donation.status == status
    assert donation.gift == "ended"
    assert standin.subscriptions == {}


def test_each_month_collected_is_a_payment_of_the_gift_with_a_receipt(
    client, standin, mailoutbox
):
    donation, _thanks, _codes = _monthly(client, standin)
    collected = standin.charge(donation.mollie_subscription_id)
    assert deliver(standin, client) == [200]
    payment = DonationPayment.objects.get(mollie_id=collected["id"])
    assert payment.donation == donation
    assert payment.sequence == "recurring"
    assert payment.status == "paid"
    assert len(mailoutbox) == 2
    assert collected["id"] in mailoutbox[1].body
    assert "/cancel/" in mailoutbox[1].body

    # Mollie repeating the call adds no second payment and no second receipt.
    standin.send_webhook(collected["id"])
    deliver(standin, client)
    assert donation.payments.count() == 2
    assert len(mailoutbox) == 2

    # A failed collection is recorded too, without a receipt.
    failed = standin.charge(donation.mollie_subscription_id, status="failed")
    deliver(standin, client)
    assert DonationPayment.objects.get(mollie_id=failed["id"]).status == "failed"
    assert len(mailoutbox) == 2
    donation.refresh_from_db()
    assert donation.status == "paid"  # the gift's first payment's
    assert donation.gift == "active"


def test_a_subscription_mollie_fails_to_make_is_made_on_the_next_call(client, standin):
    checkout(start(client, kind="monthly"), "paid")
    standin.fail_next(status=503, path="/v2/customers/")
    assert deliver(standin, client) == [503]
    donation = Donation.objects.get()
    assert donation.status == "paid"
    assert donation.gift == "waiting"
    standin.send_webhook(donation.payments.get().mollie_id)
    standin.send_webhook(donation.payments.get().mollie_id)
    assert deliver(standin, client) == [200, 200]
    donation.refresh_from_db()
    assert donation.gift == "active"
    assert len(standin.subscriptions) == 1


def test_the_donor_cancels_from_the_link_in_the_receipt(client, standin, mailoutbox):
    donation, _thanks, _codes = _monthly(client, standin)
    link = _cancel_link(mailoutbox[0])
    page = client.get(link)
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    assert "noindex" in page["X-Robots-Tag"]
    text = page.content.decode()
    assert "Cancel my monthly gift" in text
    assert "donor@example.org" not in text
    # Opening the link cancels nothing: only the button does.
    assert standin.subscriptions[donation.mollie_subscription_id]["status"] == "active"

    done = client.post(link)
    assert done.status_code == 303
    assert (
        standin.subscriptions[donation.mollie_subscription_id]["status"] == "canceled"
    )
    donation.refresh_from_db()
    assert donation.gift == "cancelled"
    assert donation.cancelled_at is not None
    after = client.get(link).content.decode()
    assert "has been cancelled" in after

    # Again: nothing changes, nothing fails.
    events = donation.events.count()
    assert client.post(link).status_code == 200
    assert donation.events.count() == events
    with pytest.raises(ValueError, match="canceled"):
        standin.charge(donation.mollie_subscription_id)


def test_a_gift_cancelled_at_mollie_already_is_cancelled_here_too(client, standin):
    donation, _thanks, _codes = _monthly(client, standin)
    standin.subscriptions[donation.mollie_subscription_id]["status"] = "canceled"
    donation = donation_cancel(donation=donation)
    assert donation.gift == "cancelled"


def test_cancelling_with_mollie_down_changes_nothing(client, standin, mailoutbox):
    donation, _thanks, _codes = _monthly(client, standin)
    link = _cancel_link(mailoutbox[0])
    standin.fail_next(status=503, times=3)
    page = client.post(link)
    assert page.status_code == 503
    assert "has not been cancelled yet" in page.content.decode()
    donation.refresh_from_db()
    assert donation.gift == "active"
    assert standin.subscriptions[donation.mollie_subscription_id]["status"] == "active"


def test_a_gift_cancelled_before_its_first_payment_never_starts(client, standin):
    checkout(start(client, kind="monthly"), "open")
    donation = Donation.objects.get()
    assert client.post(cancel_path(donation)).status_code == 303
    donation.refresh_from_db()
    assert donation.gift == "cancelled"
    standin.pay(donation.payments.get().mollie_id)
    deliver(standin, client)
    donation.refresh_from_db()
    assert donation.status == "paid"
    assert donation.gift == "cancelled"
    assert standin.subscriptions == {}


def test_a_tampered_cancel_link_cancels_nothing(client, standin, mailoutbox):
    donation, _thanks, _codes = _monthly(client, standin)
    link = _cancel_link(mailoutbox[0])
    token = link.rstrip("/").rsplit("/", 1)[1]
    for bad in (token[:-2], token + "x", "nonsense", "x" * 400):
        assert client.post(link.replace(token, bad)).status_code == 404
        assert client.get(link.replace(token, bad)).status_code == 404
    donation.refresh_from_db()
    assert donation.gift == "active"


def test_a_thank_you_link_does_not_cancel(client, standin):
    donation, thanks, _codes = _monthly(client, standin)
    token = thanks.rstrip("/").rsplit("/", 1)[1]
    assert client.post(f"/en/donate/cancel/{token}/").status_code == 404
    donation.refresh_from_db()
    assert donation.gift == "active"


def test_a_one_off_gift_has_no_cancel_page(client, standin):
    checkout(start(client), "paid")
    deliver(standin, client)
    assert client.get(cancel_path(Donation.objects.get())).status_code == 404
