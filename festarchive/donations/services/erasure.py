"""Erasing a donor's personal data, on request or with their account.

A donation's amount, dates, statuses and Mollie ids stay: Dutch law has the
festival keep its financial records for seven years (Algemene wet inzake
rijksbelastingen, art. 52). The donor's name, e-mail address, dedication and
the link to their account go. An active monthly gift is cancelled at Mollie
first, so nobody is charged who can no longer be told about it; when Mollie
cannot be reached nothing is erased (``mollie.Unavailable``) and the erasure
can be tried again.
"""

from django.db import transaction
from django.utils import timezone

from .. import mollie
from ..models import Donation
from .donations import _record, donation_cancel


class ErasureFailed(Exception):
    """A monthly gift could not be cancelled at Mollie; nothing was erased."""


def donation_erase(*, donation: Donation, by=None) -> Donation:
    """Blank the donor's personal data on one donation (idempotent)."""
    if donation.can_be_cancelled:
        try:
            donation_cancel(donation=donation, by=by)
        except (mollie.Unavailable, mollie.NotConfigured) as error:
            raise ErasureFailed(str(error)) from error
    with transaction.atomic():
        donation = Donation.objects.select_for_update().get(pk=donation.pk)
        if donation.erased_at and not (donation.email or donation.user_id):
            return donation
        donation.name = donation.email = donation.dedication = ""
        donation.user = None
        donation.erased_at = timezone.now()
        donation.full_clean()
        donation.save(
            update_fields=[
                "name",
                "email",
                "dedication",
                "user",
                "erased_at",
                "updated_at",
            ]
        )
        _record(donation=donation, action="donation.erased", by=by)
    return donation


def donations_erase_for_user(*, user) -> int:
    """Erase the donor's data on every donation made from ``user``'s
    account, before the account is deleted; returns how many. Raises
    ``ErasureFailed`` (the account should then stay) when an active monthly
    gift cannot be cancelled at Mollie."""
    donations = list(Donation.objects.filter(user=user).order_by("pk"))
    for donation in donations:
        donation_erase(donation=donation, by=None)
    return len(donations)
