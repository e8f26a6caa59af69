"""Staff's side: the read-only list and detail, the CSV export, cancelling a
gift and erasing a donor through the admin, each behind its permission, and
the donation page's texts."""

import csv
import io

import pytest
from django.urls import reverse

from festarchive.donations.models import Donation, DonationPageText

from .conftest import checkout, deliver, start
from .factories import make_staff

pytestmark = pytest.mark.django_db

LIST = "/en/admin/donations/donation/"


@pytest.fixture
def gifts(client, standin):
    checkout(start(client, name='=HYPERLINK("http://evil")', amount="50"), "paid")
    checkout(start(client, kind="monthly", amount="10"), "paid")
    checkout(start(client, amount="100"), "failed")
    deliver(standin, client)
    client.logout()
    return list(Donation.objects.order_by("pk"))


def _action(client, action, donations):
    return client.post(
        LIST,
        {"action": action, "_selected_action": [d.pk for d in donations]},
    )


def test_staff_with_view_permission_see_the_list_and_detail(client, gifts):
    client.force_login(make_staff("desk@example.org", "view_donation"))
    page = client.get(LIST)
    assert page.status_code == 200
    assert page.content.decode().count("donor@example.org") == 3
    assert client.get(LIST + "?status__exact=failed").context["cl"].result_count == 1
    assert client.get(LIST + "?kind__exact=monthly").context["cl"].result_count == 1
    assert client.get(LIST + "?q=nobody@").context["cl"].result_count == 0
    detail = client.get(f"{LIST}{gifts[1].pk}/change/").content.decode()
    for part in ("gift.started", "payment.paid", gifts[1].payments.get().mollie_id):
        assert part in detail
    # Read-only: no save button, no add, no delete.
    assert 'name="_save"' not in detail
    assert client.get(LIST + "add/").status_code == 403
    assert client.post(f"{LIST}{gifts[0].pk}/delete/").status_code == 403


def test_staff_without_the_permission_see_nothing(client, gifts):
    client.force_login(make_staff("catalogue@example.org"))
    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}{gifts[0].pk}/change/").status_code == 403
    assert "donor@example.org" not in client.get("/en/admin/").content.decode()


def test_the_export_is_a_safe_csv(client, gifts):
    client.force_login(
        make_staff("desk@example.org", "view_donation", "export_donation")
    )
    response = _action(client, "export_csv", gifts)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, *body = rows
    assert header[:6] == ["id", "made", "kind", "amount", "currency", "status"]
    assert [row[3] for row in body] == ["50.00", "10.00", "100.00"]
    assert [row[7] for row in body] == ["50.00", "10.00", "0.00"]
    assert body[0][header.index("name")].startswith("'=HYPERLINK")


def test_the_export_needs_its_permission(client, gifts):
    client.force_login(make_staff("desk@example.org", "view_donation"))
    response = _action(client, "export_csv", gifts)
    assert not response["Content-Type"].startswith("text/csv")


def test_staff_cancel_a_monthly_gift(client, gifts, standin):
    staff = make_staff("desk@example.org", "view_donation", "cancel_donation")
    client.force_login(staff)
    monthly = gifts[1]
    response = _action(client, "cancel_gifts", gifts)
    assert response.status_code == 302
    monthly.refresh_from_db()
    assert monthly.gift == "cancelled"
    assert standin.subscriptions[monthly.mollie_subscription_id]["status"] == "canceled"
    event = monthly.events.get(action="gift.cancelled")
    assert event.by == staff
    # The one-off gifts are left alone.
    assert {d.gift for d in Donation.objects.exclude(pk=monthly.pk)} == {""}


def test_staff_see_when_mollie_is_down_and_nothing_changes(client, gifts, standin):
    client.force_login(
        make_staff("desk@example.org", "view_donation", "cancel_donation")
    )
    standin.fail_next(status=503, times=5)
    response = _action(client, "cancel_gifts", gifts)
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("could not be reached" in m for m in messages)
    gifts[1].refresh_from_db()
    assert gifts[1].gift == "active"


def test_cancelling_needs_its_permission(client, gifts, standin):
    client.force_login(make_staff("desk@example.org", "view_donation"))
    _action(client, "cancel_gifts", gifts)
    gifts[1].refresh_from_db()
    assert gifts[1].gift == "active"


def test_staff_erase_a_donor_who_asks(client, gifts, standin):
    client.force_login(
        make_staff("desk@example.org", "view_donation", "erase_donation")
    )
    _action(client, "erase_personal_data", gifts[:2])
    for donation in gifts[:2]:
        donation.refresh_from_db()
        assert donation.email == donation.name == ""
    assert gifts[1].gift == "cancelled"
    gifts[2].refresh_from_db()
    assert gifts[2].email == "donor@example.org"


def test_erasing_needs_its_permission(client, gifts):
    client.force_login(
        make_staff("desk@example.org", "view_donation", "cancel_donation")
    )
    _action(client, "erase_personal_data", gifts)
    assert Donation.objects.filter(email="").count() == 0


def test_default_texts_show_until_staff_write_their_own(client, standin):
    page = client.get(reverse("donations:donate")).content.decode()
    assert "keeps this archive open to everyone" in page
    assert "€25" in page


def test_staff_texts_show_in_each_language_with_a_fallback(client, standin):
    DonationPageText.objects.create(
        introduction_en="Help us screen more films.",
        introduction_nl="Help ons meer films te vertonen.",
        anbi_note_en="We are an ANBI, RSIN 123456789.",
        suggested_amounts="5, 15, €40, nonsense",
    )
    en = client.get("/en/donate/").content.decode()
    nl = client.get("/nl/donate/").content.decode()
    assert "Help us screen more films." in en
    assert "Help ons meer films te vertonen." in nl
    assert "RSIN 123456789" in nl  # no Dutch note: the English one
    for amount in ("€5", "€15", "€40"):
        assert amount in en
    assert "€25" not in en


def test_staff_edit_the_texts_in_the_admin(client):
    staff = make_staff(
        "editor@example.org",
        "add_donationpagetext",
        "change_donationpagetext",
        "view_donationpagetext",
    )
    client.force_login(staff)
    url = "/en/admin/donations/donationpagetext/add/"
    response = client.post(
        url,
        {
            "introduction_en": "Give.",
            "introduction_nl": "Geef.",
            "anbi_note_en": "",
            "anbi_note_nl": "",
            "suggested_amounts": "20, 30",
        },
    )
    assert response.status_code == 302
    assert DonationPageText.objects.get().introduction_nl == "Geef."
    # One row is read: no second.
    assert client.get(url).status_code == 403
