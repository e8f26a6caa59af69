"""A donor's personal data: in their account's data download, erased with
their account or on request by staff, while the amounts, dates and Mollie
ids stay for the bookkeeping."""

import csv
import io
import json

import pytest
from django.urls import reverse

from festarchive.donations.models import Donation
from festarchive.donations.services.erasure import ErasureFailed, donation_erase

from .conftest import checkout, deliver, start
from .factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

DEDICATION = "For grandmother Wilhelmina"


@pytest.fixture
def donor(client):
    user = make_user("giver@example.org")
    client.force_login(user)
    return user


def _give(client, standin, kind="one_off"):
    checkout(
        start(
            client,
            kind=kind,
            email="giver@example.org",
            name="Gina Giver",
            dedication=DEDICATION,
        ),
        "paid",
    )
    deliver(standin, client)
    return Donation.objects.order_by("-pk").first()


def test_a_logged_in_donors_gift_is_linked_to_their_account(client, standin, donor):
    assert _give(client, standin).user == donor


def test_an_anonymous_donors_gift_is_linked_to_nobody(client, standin):
    assert _give(client, standin).user is None


def test_the_data_download_holds_the_donations(client, standin, donor):
    _give(client, standin)
    _give(client, standin, kind="monthly")
    data = json.loads(client.get(reverse("accounts:data-json")).content)
    one_off, monthly = data["donations"]
    assert one_off["amount"] == "25.00"
    assert one_off["email"] == "giver@example.org"
    assert one_off["name"] == "Gina Giver"
    assert one_off["dedication"] == DEDICATION
    assert one_off["status"] == "paid"
    assert monthly["kind"] == "monthly"
    assert monthly["monthly_gift"] == "active"
    assert monthly["payments"][0]["status"] == "paid"

    text = client.get(reverse("accounts:data-csv")).content.decode("utf-8-sig")
    rows = [row for row in csv.reader(io.StringIO(text)) if row[0] == "donation"]
    assert len(rows) == 2
    assert DEDICATION in rows[0][5]


def test_another_visitors_download_holds_none_of_them(client, standin, donor):
    _give(client, standin)
    client.force_login(make_user("other@example.org"))
    data = json.loads(client.get(reverse("accounts:data-json")).content)
    assert data["donations"] == []


def test_deleting_the_account_erases_the_donor_and_cancels_the_gift(
    client, standin, donor
):
    one_off = _give(client, standin)
    monthly = _give(client, standin, kind="monthly")
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    for donation in (one_off, monthly):
        donation.refresh_from_db()
        assert donation.user is None
        assert donation.name == donation.email == donation.dedication == ""
        assert donation.erased_at is not None
        # Kept for the bookkeeping.
        assert donation.amount and donation.status == "paid"
        assert donation.payments.get().mollie_id.startswith("tr_")
        assert donation.events.filter(action="donation.erased").exists()
    assert monthly.gift == "cancelled"
    assert standin.subscriptions[monthly.mollie_subscription_id]["status"] == "canceled"
    assert monthly.mollie_subscription_id and monthly.mollie_customer_id


def test_the_account_stays_when_the_gift_cannot_be_cancelled(client, standin, donor):
    monthly = _give(client, standin, kind="monthly")
    standin.fail_next(status=503, times=5)
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 200
    assert "has not been deleted" in response.content.decode()
    donor.refresh_from_db()  # still there
    monthly.refresh_from_db()
    assert monthly.email == "giver@example.org"
    assert monthly.gift == "active"


def test_a_later_month_of_an_erased_gift_sends_no_receipt(client, standin, mailoutbox):
    checkout(start(client, kind="monthly"), "paid")
    deliver(standin, client)
    donation = Donation.objects.get()
    subscription = donation.mollie_subscription_id
    # Mollie collected a payment just before the cancel reached it.
    collected = standin.charge(subscription)
    donation_erase(donation=donation)
    deliver(standin, client)
    assert donation.payments.get(mollie_id=collected["id"]).status == "paid"
    assert len(mailoutbox) == 1  # the first payment's only


def test_erasing_twice_changes_nothing_more(client, standin):
    checkout(start(client), "paid")
    deliver(standin, client)
    donation = donation_erase(donation=Donation.objects.get())
    events = donation.events.count()
    donation_erase(donation=donation)
    assert donation.events.count() == events


def test_erasure_waits_for_mollie_to_cancel_the_gift(client, standin):
    checkout(start(client, kind="monthly"), "paid")
    deliver(standin, client)
    standin.fail_next(status=500, times=5)
    with pytest.raises(ErasureFailed):
        donation_erase(donation=Donation.objects.get())
    assert Donation.objects.get().email == "donor@example.org"
