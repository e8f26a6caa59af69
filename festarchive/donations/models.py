"""A donation, its payments at Mollie and its history, and the texts staff
write for the donation page.

A donation keeps as little about the donor as the receipt needs: an e-mail
address, a name if they gave one, the language they used the site in, an
optional dedication and, when they were logged in, their account. Erasing
(``donation_erase``) blanks those and keeps the amounts, dates and Mollie
ids, which the bookkeeping must keep for seven years.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from festarchive.core.models import TimeStampedModel


def new_donation_key() -> str:
    return secrets.token_urlsafe(24)


class PaymentStatus(models.TextChoices):
    """Mollie's payment statuses, spelt as Mollie spells them."""

    OPEN = "open", _("Open")
    PENDING = "pending", _("Pending")
    AUTHORIZED = "authorized", _("Authorised")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")
    CANCELED = "canceled", _("Cancelled")


# A payment in one of these has ended, and nothing Mollie says later moves it
# (docs/donations.md, "Idempotence").
FINAL_STATUSES = frozenset(
    {
        PaymentStatus.PAID,
        PaymentStatus.FAILED,
        PaymentStatus.EXPIRED,
        PaymentStatus.CANCELED,
    }
)
# How far along each status is: a status only ever moves to a later one.
STATUS_ORDER = {
    PaymentStatus.OPEN: 0,
    PaymentStatus.PENDING: 1,
    PaymentStatus.AUTHORIZED: 1,
    **dict.fromkeys(FINAL_STATUSES, 2),
}


class Donation(TimeStampedModel):
    class Kind(models.TextChoices):
        ONE_OFF = "one_off", _("One-off")
        MONTHLY = "monthly", _("Monthly")

    class Gift(models.TextChoices):
        """Where a monthly gift stands; empty for a one-off donation."""

        NONE = "", _("Not monthly")
        WAITING = "waiting", _("Waiting for the first payment")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Not started: the first payment did not go through")
        CANCELLED = "cancelled", _("Cancelled")

    key = models.CharField(
        max_length=64, unique=True, default=new_donation_key, editable=False
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, db_index=True
    )
    amount = models.DecimalField(_("amount (EUR)"), max_digits=9, decimal_places=2)
    # The status of the (first) payment: what the donor's checkout ended in.
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PaymentStatus.choices,
        default=PaymentStatus.OPEN,
        db_index=True,
    )
    gift = models.CharField(
        _("monthly gift"), max_length=12, choices=Gift.choices, blank=True
    )
    # The donor: blanked by donation_erase.
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    dedication = models.CharField(_("dedication"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="donations",
    )
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    # Mollie's side, kept for the bookkeeping.
    mollie_customer_id = models.CharField(max_length=40, blank=True, db_index=True)
    mollie_mandate_id = models.CharField(max_length=40, blank=True)
    mollie_subscription_id = models.CharField(max_length=40, blank=True, db_index=True)
    cancelled_at = models.DateTimeField(_("gift cancelled"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        permissions = [
            ("export_donation", _("Can export donations")),
            ("cancel_donation", _("Can cancel monthly gifts")),
            ("erase_donation", _("Can erase donors' personal data")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="donation_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        # No personal data: the string ends up in change records and logs.
        return f"Donation {self.pk} ({self.get_kind_display()}, EUR {self.amount})"

    @property
    def is_monthly(self) -> bool:
        return self.kind == self.Kind.MONTHLY

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def can_be_cancelled(self) -> bool:
        return self.is_monthly and self.gift in (self.Gift.WAITING, self.Gift.ACTIVE)


class DonationPayment(models.Model):
    """One payment at Mollie: a one-off gift's, a monthly gift's first, or a
    monthly gift's later collections."""

    class Sequence(models.TextChoices):
        ONE_OFF = "oneoff", _("One-off")
        FIRST = "first", _("First of a monthly gift")
        RECURRING = "recurring", _("Monthly collection")

    donation = models.ForeignKey(
        Donation, on_delete=models.PROTECT, related_name="payments"
    )
    mollie_id = models.CharField(_("Mollie payment id"), max_length=40, unique=True)
    sequence = models.CharField(_("sequence"), max_length=10, choices=Sequence.choices)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=9, decimal_places=2)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PaymentStatus.choices,
        default=PaymentStatus.OPEN,
    )
    method = models.CharField(_("method"), max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    receipt_sent_at = models.DateTimeField(_("receipt sent"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return self.mollie_id


class DonationEvent(models.Model):
    """One change of a donation, for staff: what happened and who did it."""

    donation = models.ForeignKey(
        Donation, on_delete=models.PROTECT, related_name="events"
    )
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=60)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.action


class DonationPageText(TimeStampedModel):
    """What staff write on the donation page, in English and Dutch.

    One row is used (the first); an empty field shows the other language's
    text, and both empty the default in ``queries.DEFAULT_TEXTS``.
    """

    introduction_en = models.TextField(_("introduction (English)"), blank=True)
    introduction_nl = models.TextField(_("introduction (Dutch)"), blank=True)
    anbi_note_en = models.TextField(_("ANBI note (English)"), blank=True)
    anbi_note_nl = models.TextField(_("ANBI note (Dutch)"), blank=True)
    suggested_amounts = models.CharField(
        _("suggested amounts"),
        max_length=100,
        blank=True,
        help_text=_("Whole euros, separated by commas, such as 10, 25, 50, 100."),
    )

    class Meta:
        verbose_name = _("donation page text")
        verbose_name_plural = _("donation page texts")

    def __str__(self) -> str:
        return str(_("Donation page text"))
