"""docs/donations.md names every status, gift state, event, permission,
limit and setting of donations; the index, the README and the deployment
guide link them."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from festarchive.donations.models import Donation, PaymentStatus
from festarchive.donations.services import donations as donation_services
from festarchive.donations.services import erasure

DOCS = Path(settings.BASE_DIR) / "docs"
DOC = DOCS / "donations.md"


def _events() -> set[str]:
    """Every event the services record, read from their source."""
    source = "".join(
        Path(module.__file__).read_text(encoding="utf-8")
        for module in (donation_services, erasure)
    )
    events = set(re.findall(r'action="([a-z_.]+)"', source))
    events.discard("payment.{new}")
    return events | {"payment.<status>"}


@pytest.mark.parametrize(
    "name",
    [
        *(f"`{status}`" for status in PaymentStatus.values),
        *(f"`{gift}`" for gift in Donation.Gift.values if gift),
        *(f"`{event}`" for event in sorted(_events())),
        *(f"`donations.{code}`" for code, _label in Donation._meta.permissions),
        "`donations.view_donation`",
        "`donation_min_euros`",
        "`donation_max_euros`",
        "`donation_starts_per_hour`",
        "`FESTARCHIVE_MOLLIE_API_KEY`",
        "`FESTARCHIVE_MOLLIE_API_ENDPOINT`",
        "mollie-standin",
        "/donations/webhook/",
        '`sequenceType: "first"`',
        '`interval: "1 month"`',
    ],
)
def test_docs_name_it(name):
    assert name in DOC.read_text(encoding="utf-8")


def test_the_settings_and_limits_are_in_the_deployment_guide_and_readme():
    deployment = (DOCS / "deployment.md").read_text(encoding="utf-8")
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    for name in ("FESTARCHIVE_MOLLIE_API_KEY", "FESTARCHIVE_MOLLIE_API_ENDPOINT"):
        assert f"`{name}`" in deployment and name in readme
    for name in (
        "donation_min_euros",
        "donation_max_euros",
        "donation_starts_per_hour",
    ):
        assert f"`{name}`" in deployment
    assert "### Configuring Mollie" in readme


def test_docs_are_listed_in_the_index():
    assert "(donations.md)" in (DOCS / "index.md").read_text(encoding="utf-8")
