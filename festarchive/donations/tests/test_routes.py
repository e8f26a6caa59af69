"""Every donation route, tried by each wrong kind of user: an anonymous
visitor, another visitor, and staff without the donations permissions. The
donor's pages open only with the link signed for them, show nothing of the
donor but the gift, and change nothing; a route added without being listed
here fails the test."""

import pytest
from django.urls import reverse

from festarchive.donations import urls as donation_urls
from festarchive.donations.models import Donation

from .conftest import checkout, deliver, start
from .factories import make_staff, make_user

pytestmark = pytest.mark.django_db

SECRET = "owner-only-dedication-4711"
WRONG_USERS = ("anonymous", "visitor", "staff without permission")
BAD_TOKEN = "not-a-real-signed-token"
EXPECTED = {
    # (method, arguments, the status each wrong user gets)
    "donate": ("get", {}, 200),
    "thanks": ("get", {"token": BAD_TOKEN}, 404),
    "cancel": ("post", {"token": BAD_TOKEN}, 404),
}
WEBHOOK = {"donations-webhook"}


@pytest.fixture
def gift(client, standin):
    checkout(start(client, kind="monthly", dedication=SECRET), "paid")
    deliver(standin, client)
    client.logout()
    return Donation.objects.get()


def test_every_route_is_listed_here():
    names = {p.name for p in donation_urls.urlpatterns}
    assert names == set(EXPECTED), names ^ set(EXPECTED)
    assert {p.name for p in donation_urls.webhook_urlpatterns} == WEBHOOK


def _log_in(client, who):
    if who == "visitor":
        client.force_login(make_user("curious@example.org"))
    elif who == "staff without permission":
        client.force_login(make_staff("catalogue@example.org"))


@pytest.mark.parametrize("who", WRONG_USERS)
def test_no_wrong_user_gets_in_anywhere(client, gift, standin, who):
    _log_in(client, who)
    for name, (method, kwargs, status) in EXPECTED.items():
        url = reverse(f"donations:{name}", kwargs=kwargs)
        response = getattr(client, method)(url)
        assert response.status_code == status, (name, who, response.status_code)
        assert SECRET.encode() not in response.content
        assert b"donor@example.org" not in response.content
    # The admin's donation pages, and its actions.
    for url in (
        "/en/admin/donations/donation/",
        f"/en/admin/donations/donation/{gift.pk}/change/",
        "/en/admin/donations/donationpagetext/add/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), (url, who)
        assert SECRET.encode() not in response.content
    for action in ("export_csv", "cancel_gifts", "erase_personal_data"):
        response = client.post(
            "/en/admin/donations/donation/",
            {"action": action, "_selected_action": [gift.pk]},
        )
        assert response.status_code in (302, 403), (action, who)
        assert SECRET.encode() not in response.content
    # The webhook tells nobody anything, and a forged call changes nothing.
    forged = client.post("/donations/webhook/", {"id": "tr_forged", "status": "paid"})
    assert forged.status_code == 200 and forged.content == b"OK\n"
    gift.refresh_from_db()
    assert gift.gift == "active"
    assert gift.email == "donor@example.org"
    assert gift.dedication == SECRET
    assert standin.subscriptions[gift.mollie_subscription_id]["status"] == "active"


def test_the_owners_link_does_get_in(client, gift):
    """The control: the same routes open with the donor's signed links."""
    from festarchive.donations.queries import cancel_path, thanks_path

    assert client.get(thanks_path(gift)).status_code == 200
    assert client.get(cancel_path(gift)).status_code == 200
