"""The demo's donation side: the page's texts and two example donations,
made once however often the demo runs."""

import pytest

from festarchive.demo.donations import ensure_donations
from festarchive.donations.models import Donation, DonationPageText

pytestmark = pytest.mark.django_db


def test_the_demo_adds_texts_and_examples_once(client, standin):
    assert ensure_donations()
    assert ensure_donations() == []
    assert DonationPageText.objects.count() == 1
    assert Donation.objects.count() == 2
    assert set(Donation.objects.values_list("kind", flat=True)) == {
        "one_off",
        "monthly",
    }
    nl = client.get("/nl/donate/").content.decode()
    assert "Uw gift betaalt ondertitels" in nl
    assert "ANBI (algemeen nut beogende" in nl
