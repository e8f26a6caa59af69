"""The Mollie stand-in, started for each test that asks for it, and the
steps of a donation as a donor takes them."""

import re

import pytest
import requests
from django.urls import reverse

from festarchive.donations.standin import STANDIN_KEY, serve


@pytest.fixture
def standin(settings):
    """The real Mollie client pointed at a fresh stand-in. Webhooks are kept
    back until ``deliver`` is called: the test client is not a server."""
    standin, server = serve(deliver=False)
    settings.FESTARCHIVE = {
        **settings.FESTARCHIVE,
        "MOLLIE_API_KEY": STANDIN_KEY,
        "MOLLIE_API_ENDPOINT": standin.base_url,
    }
    yield standin
    server.shutdown()
    server.server_close()


def deliver(standin, client) -> list:
    """Deliver the webhooks the stand-in holds, as Mollie would; returns the
    answers' status codes."""
    codes = []
    standin.deliver_webhooks(
        lambda path, data: codes.append(client.post(path, data).status_code)
    )
    return codes


def start(client, *, kind="one_off", amount="25", language="en", **fields):
    """Fill in the donation form; returns the response."""
    data = {
        "kind": kind,
        "choice": amount if amount in ("10", "25", "50", "100") else "other",
        "other_amount": "" if amount in ("10", "25", "50", "100") else amount,
        "email": "donor@example.org",
        "name": "Dana Donor",
        "dedication": "",
        **fields,
    }
    return client.post(f"/{language}/donate/", data)


def checkout(response, status: str) -> str:
    """Pick ``status`` on the stand-in's checkout page the donor was sent to;
    returns the path of the thank-you page Mollie sends them back to."""
    assert response.status_code == 303, response.content[:2000]
    page = requests.get(response["Location"], timeout=5)
    assert "Mollie stand-in checkout" in page.text
    back = requests.post(
        response["Location"], data={"status": status}, allow_redirects=False, timeout=5
    )
    assert back.status_code == 303
    return re.sub(r"^https?://[^/]+", "", back.headers["Location"])


def donate_page():
    return reverse("donations:donate")
