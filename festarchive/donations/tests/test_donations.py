"""A donation from the donor's side, through the site's pages and the real
Mollie client talking to the stand-in: one-off gifts in every status, the
webhook's idempotence, the receipt, and bad input of every kind."""

from decimal import Decimal

import pytest

from festarchive.core.models import ChangeRecord
from festarchive.donations.models import Donation, DonationEvent, DonationPayment

from .conftest import checkout, deliver, start

pytestmark = pytest.mark.django_db


def test_the_page_offers_the_suggested_amounts_and_a_free_one(client, standin):
    page = client.get("/en/donate/")
    assert page.status_code == 200
    text = page.content.decode()
    for amount in ("€10", "€25", "€50", "€100", "Another amount", "Monthly"):
        assert amount in text
    assert "ANBI" in text
    assert page["Cache-Control"] == "private, no-store"


def test_a_paid_one_off_gift_is_recorded_and_receipted(client, standin, mailoutbox):
    response = start(client, amount="25", dedication="For the night crew")
    assert Donation.objects.count() == 1
    thanks = checkout(response, "paid")
    assert deliver(standin, client) == [200]

    donation = Donation.objects.get()
    assert donation.status == "paid"
    assert donation.amount == Decimal("25.00")
    assert donation.kind == "one_off"
    assert donation.gift == ""
    payment = donation.payments.get()
    assert payment.status == "paid" and payment.paid_at is not None
    assert standin.payments[payment.mollie_id]["amount"] == {
        "currency": "EUR",
        "value": "25.00",
    }

    [mail] = mailoutbox
    assert mail.to == ["donor@example.org"]
    assert "receipt" in mail.subject
    assert "EUR 25.00" in mail.body
    assert "For the night crew" in mail.body
    assert "/cancel/" not in mail.body  # one-off: nothing to cancel

    page = client.get(thanks)
    assert page.status_code == 200
    assert "Thank you for your gift" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    assert "noindex" in page["X-Robots-Tag"]


def test_a_dutch_donor_gets_a_dutch_checkout_and_receipt_language(
    client, standin, mailoutbox
):
    start(client, amount="10", language="nl")
    donation = Donation.objects.get()
    assert donation.language == "nl"
    assert standin.last_payment()["locale"] == "nl_NL"
    assert "/nl/donate/thanks/" in standin.last_payment()["redirectUrl"]
    standin.pay(standin.last_payment()["id"])
    deliver(standin, client)
    [mail] = mailoutbox
    assert "EUR 10.00" in mail.body


@pytest.mark.parametrize(
    ("status", "words"),
    [
        ("failed", "did not go through"),
        ("canceled", "You cancelled the payment"),
        ("expired", "not completed in time"),
    ],
)
def test_an_unpaid_gift_shows_its_real_status_and_sends_no_receipt(
    client, standin, mailoutbox, status, words
):
    thanks = checkout(start(client), status)
    deliver(standin, client)
    assert Donation.objects.get().status == status
    page = client.get(thanks).content.decode()
    assert words in page
    assert "Try again" in page
    assert mailoutbox == []


def test_the_thank_you_page_asks_mollie_when_the_webhook_is_not_there_yet(
    client, standin, mailoutbox
):
    thanks = checkout(start(client), "open")
    page = client.get(thanks).content.decode()
    assert "has not been completed yet" in page
    assert Donation.objects.get().status == "open"

    # Paid at Mollie; the webhook has not arrived (it is held back).
    standin.pay(standin.last_payment()["id"])
    page = client.get(thanks).content.decode()
    assert "Thank you for your gift" in page
    assert Donation.objects.get().status == "paid"
    assert len(mailoutbox) == 1
    # The webhook arriving afterwards changes nothing and sends nothing.
    assert deliver(standin, client) == [200]
    assert len(mailoutbox) == 1


def test_a_repeated_or_late_webhook_changes_nothing(client, standin, mailoutbox):
    checkout(start(client), "paid")
    deliver(standin, client)
    payment_id = DonationPayment.objects.get().mollie_id
    events = DonationEvent.objects.count()
    records = ChangeRecord.objects.count()
    for _ in range(3):
        standin.send_webhook(payment_id)
    assert deliver(standin, client) == [200, 200, 200]
    assert DonationEvent.objects.count() == events
    assert ChangeRecord.objects.count() == records
    assert len(mailoutbox) == 1


def test_an_older_status_read_late_never_overwrites_a_final_one(
    client, standin, mailoutbox
):
    checkout(start(client), "paid")
    deliver(standin, client)
    payment_id = DonationPayment.objects.get().mollie_id
    # A slow read of the payment from before it was paid.
    standin.payments[payment_id]["status"] = "open"
    standin.send_webhook(payment_id)
    assert deliver(standin, client) == [200]
    assert Donation.objects.get().status == "paid"
    assert DonationPayment.objects.get().status == "paid"


def test_pending_moves_on_to_paid_but_not_back(client, standin):
    start(client)
    payment_id = standin.last_payment()["id"]
    standin.payments[payment_id]["status"] = "pending"
    standin.send_webhook(payment_id)
    deliver(standin, client)
    assert Donation.objects.get().status == "pending"
    standin.payments[payment_id]["status"] = "open"
    standin.send_webhook(payment_id)
    deliver(standin, client)
    assert Donation.objects.get().status == "pending"
    standin.pay(payment_id, "paid")
    deliver(standin, client)
    assert Donation.objects.get().status == "paid"


def test_every_state_change_is_recorded(client, standin):
    checkout(start(client), "paid")
    deliver(standin, client)
    donation = Donation.objects.get()
    actions = list(donation.events.values_list("action", flat=True))
    assert actions == ["donation.started", "payment.paid", "receipt.sent"]
    records = ChangeRecord.objects.filter(action__startswith="donations.")
    assert {r.action for r in records} == {
        "donations.donation.started",
        "donations.payment.paid",
        "donations.receipt.sent",
    }
    # No personal data in what staff's change records show.
    for record in records:
        assert "donor@example.org" not in str(record.data) + record.object_repr
        assert "Dana" not in str(record.data) + record.object_repr


def test_the_webhook_answers_unknown_ids_without_changing_anything(client, standin):
    checkout(start(client), "paid")
    response = client.post("/donations/webhook/", {"id": "tr_unknown123"})
    assert response.status_code == 200
    assert Donation.objects.get().status == "open"


@pytest.mark.parametrize(
    "data",
    [{}, {"id": ""}, {"id": "'; DROP TABLE donations"}, {"id": "tr_" + "x" * 300}],
)
def test_the_webhook_refuses_what_is_no_payment_id(client, standin, data):
    response = client.post("/donations/webhook/", data)
    assert response.status_code == 400
    assert standin.requests == []  # Mollie was not even asked


def test_the_webhook_takes_only_posts(client, standin):
    assert client.get("/donations/webhook/?id=tr_abc").status_code == 405


@pytest.mark.parametrize("status", [500, 502, 503])
def test_the_webhook_asks_to_be_called_again_when_mollie_fails(client, standin, status):
    checkout(start(client), "paid")
    standin.fail_next(status=status)
    assert deliver(standin, client) == [503]
    assert Donation.objects.get().status == "open"
    standin.send_webhook(DonationPayment.objects.get().mollie_id)
    assert deliver(standin, client) == [200]
    assert Donation.objects.get().status == "paid"


def test_the_webhook_asks_again_when_mollie_cannot_be_reached(
    client, standin, settings
):
    checkout(start(client), "paid")
    settings.FESTARCHIVE = {
        **settings.FESTARCHIVE,
        "MOLLIE_API_ENDPOINT": "http://127.0.0.1:9",
    }
    assert deliver(standin, client) == [503]
    assert Donation.objects.get().status == "open"


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("lots", "Give the amount as a number of euros"),
        ("0.50", "The smallest gift we can take is €1."),
        ("-5", "The smallest gift we can take is €1."),
        ("10001", "The largest gift we take online is €10000."),
        ("12.345", "whole cents"),
        ("1e3", "Give the amount as a number of euros"),
        ("NaN", "Give the amount as a number of euros"),
        ("", "Give the amount you want to give."),
    ],
)
def test_a_bad_amount_is_refused_and_nothing_is_started(
    client, standin, amount, message
):
    response = start(client, amount=amount)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Donation.objects.count() == 0
    assert standin.requests == []
    # What the donor typed is kept for them to correct.
    assert "donor@example.org" in response.content.decode()


def test_an_amount_with_a_decimal_comma_is_taken(client, standin):
    assert start(client, amount="12,50").status_code == 303
    assert Donation.objects.get().amount == Decimal("12.50")


def test_a_bad_kind_or_email_is_refused(client, standin):
    assert start(client, kind="weekly").status_code == 400
    assert start(client, email="not-an-address").status_code == 400
    assert Donation.objects.count() == 0


def test_the_amount_limits_are_read_from_the_settings(client, standin, settings):
    settings.FESTARCHIVE_LIMITS = {
        **settings.FESTARCHIVE_LIMITS,
        "donation_min_euros": 5,
        "donation_max_euros": 500,
    }
    assert (
        "smallest gift we can take is €5" in start(client, amount="4").content.decode()
    )
    assert start(client, amount="501").status_code == 400
    assert start(client, amount="500").status_code == 303


def test_too_many_donations_from_one_address_are_refused(client, standin, settings):
    settings.FESTARCHIVE_LIMITS = {
        **settings.FESTARCHIVE_LIMITS,
        "donation_starts_per_hour": 2,
    }
    assert start(client).status_code == 303
    assert start(client).status_code == 303
    refused = start(client)
    assert refused.status_code == 400
    assert "try again later" in refused.content.decode()
    assert Donation.objects.count() == 2


@pytest.mark.parametrize("status", [401, 500, 503])
def test_mollie_refusing_a_payment_keeps_nothing(client, standin, status):
    standin.fail_next(status=status)
    response = start(client)
    assert response.status_code == 400
    assert "cannot reach our payment provider" in response.content.decode()
    assert Donation.objects.count() == 0


def test_a_wrong_api_key_keeps_nothing(client, standin, settings):
    settings.FESTARCHIVE = {
        **settings.FESTARCHIVE,
        "MOLLIE_API_KEY": "test_notthekeythestandinknows",
    }
    response = start(client)
    assert response.status_code == 400
    assert "cannot reach our payment provider" in response.content.decode()
    assert Donation.objects.count() == 0


def test_mollie_out_of_reach_keeps_nothing(client, settings):
    settings.FESTARCHIVE = {
        **settings.FESTARCHIVE,
        "MOLLIE_API_KEY": "test_standinstandinstandinstandin",
        "MOLLIE_API_ENDPOINT": "http://127.0.0.1:9",
    }
    response = start(client)
    assert response.status_code == 400
    assert Donation.objects.count() == 0


@pytest.mark.parametrize("key", ["", "not-a-mollie-key"])
def test_without_a_key_the_page_says_donations_are_not_open(client, settings, key):
    settings.FESTARCHIVE = {**settings.FESTARCHIVE, "MOLLIE_API_KEY": key}
    page = client.get("/en/donate/")
    if key:  # set, but not a key: the form shows, and a donation says so
        response = start(client)
        assert response.status_code == 503
        assert "Donations are not open yet" in response.content.decode()
    else:
        assert page.status_code == 200
        assert "Donations are not open yet" in page.content.decode()
        assert 'name="email"' not in page.content.decode()
        assert start(client).status_code == 503
    assert Donation.objects.count() == 0


@pytest.mark.parametrize(
    "token", ["nonsense", "a" * 500, "eyJkIjoieCJ9:1:abc", "..%2F..%2Fetc"]
)
def test_a_tampered_thank_you_link_is_not_found(client, standin, token):
    checkout(start(client), "paid")
    assert client.get(f"/en/donate/thanks/{token}/").status_code == 404


def test_a_thank_you_link_changed_by_one_character_is_not_found(client, standin):
    thanks = checkout(start(client), "paid")
    token = thanks.rstrip("/").rsplit("/", 1)[1]
    changed = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(thanks).status_code == 200
    assert client.get(thanks.replace(token, changed)).status_code == 404


def test_the_thank_you_page_copes_with_mollie_down(client, standin):
    thanks = checkout(start(client), "open")
    standin.fail_next(status=503)
    page = client.get(thanks)
    assert page.status_code == 200
    assert "could not reach our payment provider" in page.content.decode()


def test_the_form_may_send_the_browser_on_to_mollies_checkout(client, standin):
    policy = client.get("/en/donate/")["Content-Security-Policy"]
    form_action = next(p for p in policy.split(";") if "form-action" in p)
    assert "'self'" in form_action
    assert "https://www.mollie.com" in form_action
    assert standin.base_url in form_action
    # Other pages keep their own.
    other = client.get("/en/about/")["Content-Security-Policy"]
    assert "mollie" not in other


class RefusingBackend:
    """A mail server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("Connection refused")


def test_a_receipt_the_mail_server_refused_is_sent_on_mollies_next_call(
    client, standin, settings, mailoutbox
):
    checkout(start(client), "paid")
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    assert deliver(standin, client) == [200]  # the payment is recorded anyway
    payment = DonationPayment.objects.get()
    assert payment.status == "paid" and payment.receipt_sent_at is None
    assert payment.donation.events.filter(action="receipt.failed").exists()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    standin.send_webhook(payment.mollie_id)
    deliver(standin, client)
    payment.refresh_from_db()
    assert payment.receipt_sent_at is not None
    assert len(mailoutbox) == 1
