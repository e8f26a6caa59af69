"""Writes of donations: a donor starts one, Mollie's webhook (or the donor's
return to the thank-you page) brings each payment's status, a paid first
payment of a monthly gift starts its subscription, and a donor or staff
cancel the gift.

The status of a payment is only ever read from Mollie's API, never taken from
a request: the webhook carries nothing but an id. Reading it is idempotent:
a status moves forward only (open, then pending, then a final one), so a
repeated webhook, a late one, or a slow read that returns an older status
changes nothing. Every change adds an event to the donation and a change
record; receipts are sent once a payment is paid, in the donor's language.
"""

import datetime
import logging
import re
import smtplib
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from festarchive.core.i18n import CONTENT_LANGUAGES
from festarchive.core.limits import limit
from festarchive.core.links import mail_url
from festarchive.core.services import change_record

from .. import mollie
from ..models import (
    FINAL_STATUSES,
    STATUS_ORDER,
    Donation,
    DonationEvent,
    DonationPayment,
    PaymentStatus,
)
from ..queries import cancel_url, page_texts, thanks_path

logger = logging.getLogger(__name__)

Gift = Donation.Gift
Sequence = DonationPayment.Sequence
# What a Mollie payment id looks like; the webhook refuses anything else.
PAYMENT_ID = re.compile(r"^tr_[A-Za-z0-9]{1,40}$")
# Methods that can start a monthly gift: each leaves a mandate behind, which
# Mollie turns into SEPA direct debits for the months that follow.
FIRST_PAYMENT_METHODS = ["ideal", "creditcard"]
MOLLIE_LOCALES = {"en": "en_US", "nl": "nl_NL"}
# Euros as a donor types them: digits, perhaps cents (no exponents, no NaN).
AMOUNT = re.compile(r"^-?[0-9]{1,12}(?:\.[0-9]+)?$")


def _refuse(message: str, code: str):
    raise ValidationError(message, code=code)


def _record(*, donation: Donation, action: str, by=None, **data) -> DonationEvent:
    """Add a step to the donation's history and to the change records. Data
    never holds the donor's name, address or dedication."""
    event = DonationEvent.objects.create(
        donation=donation,
        action=action,
        by=by if by is not None and by.is_authenticated else None,
        data=data,
    )
    change_record(obj=donation, action=f"donations.{action}", by=by, data=data)
    return event


def clean_amount(value) -> Decimal:
    """A donation's amount from what a donor typed: euros, at most two
    decimals (a comma as the decimal mark too), within the limits."""
    text = str(value).strip().removeprefix("€").strip().replace(",", ".")
    amount = Decimal(text) if AMOUNT.match(text) else None
    if amount is None:
        _refuse(_("Give the amount as a number of euros, such as 25."), "not_number")
    if amount.as_tuple().exponent < -2:
        _refuse(_("Give the amount in euros and whole cents."), "cents")
    low, high = limit("donation_min_euros"), limit("donation_max_euros")
    if amount < low:
        _refuse(
            _("The smallest gift we can take is €%(low)d.") % {"low": low}, "too_small"
        )
    if amount > high:
        _refuse(
            _(
                "The largest gift we take online is €%(high)d. Please write to us "
                "for a larger one."
            )
            % {"high": high},
            "too_large",
        )
    return amount.quantize(Decimal("0.01"))


def _count_start(address: str) -> None:
    """At most ``donation_starts_per_hour`` donations from one address."""
    key = f"donations:starts:{address}"
    cache.add(key, 0, timeout=3600)
    try:
        started = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        started = 1
    if started > limit("donation_starts_per_hour"):
        _refuse(
            _(
                "Many donations were started from your connection in the last "
                "hour. Please try again later."
            ),
            "rate_limited",
        )


def _description(donation: Donation) -> str:
    site = settings.FESTARCHIVE["SITE_NAME"]
    with translation.override(donation.language):
        if donation.is_monthly:
            return _("Monthly gift to %(site)s") % {"site": site}
        return _("Gift to %(site)s") % {"site": site}


def webhook_url() -> str:
    """Where Mollie reports a change: outside the language prefix."""
    return mail_url(reverse("donations-webhook"))


@transaction.atomic
def donation_start(
    *,
    kind: str,
    amount,
    email: str,
    language: str,
    name: str = "",
    dedication: str = "",
    user=None,
    address: str = "",
    origin: str = "",
) -> tuple[Donation, str]:
    """Start a donation and its first payment at Mollie; returns the donation
    and the checkout address to send the donor to.

    A monthly gift first makes a Mollie customer, and its first payment
    (``sequenceType: "first"``, by iDEAL or card) gives the mandate the later
    months are collected with. When Mollie cannot be reached nothing is kept
    (``mollie.Unavailable``), so the donor can simply try again. ``origin``
    is the site's address the donor returns to (the request's, or
    ``FESTARCHIVE_SITE_URL``).
    """
    if kind not in Donation.Kind.values:
        _refuse(_("Choose a one-off or a monthly gift."), "kind")
    amount = clean_amount(amount)
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        _refuse(_("Give an e-mail address for your receipt."), "email")
    mollie_client = mollie.client()  # NotConfigured before anything is counted
    if address:
        _count_start(address)
    donation = Donation(
        kind=kind,
        amount=amount,
        email=email,
        name=(name or "").strip()[:200],
        dedication=(dedication or "").strip()[:300],
        language=language if language in CONTENT_LANGUAGES else "en",
        user=user if user is not None and user.is_authenticated else None,
        gift=Gift.WAITING if kind == Donation.Kind.MONTHLY else Gift.NONE,
    )
    donation.full_clean()
    donation.save()
    data = {
        "amount": mollie.euros(amount),
        "description": _description(donation),
        "redirectUrl": (origin or mail_url("").rstrip("/")) + thanks_path(donation),
        "webhookUrl": webhook_url(),
        "locale": MOLLIE_LOCALES[donation.language],
        "metadata": {"donation": donation.pk},
    }
    with mollie.calling():
        if donation.is_monthly:
            customer = mollie_client.customers.create(
                {
                    "name": donation.name or None,
                    "email": donation.email,
                    "locale": MOLLIE_LOCALES[donation.language],
                    "metadata": {"donation": donation.pk},
                },
                idempotency_key=f"donation-{donation.key}-customer",
            )
            donation.mollie_customer_id = customer.id
            donation.save(update_fields=["mollie_customer_id", "updated_at"])
            data |= {
                "sequenceType": "first",
                "customerId": customer.id,
                "method": FIRST_PAYMENT_METHODS,
            }
        payment = mollie_client.payments.create(
            data, idempotency_key=f"donation-{donation.key}-payment"
        )
    checkout = payment.checkout_url
    if not checkout:
        raise mollie.Unavailable("Mollie gave no checkout address.")
    DonationPayment.objects.create(
        donation=donation,
        mollie_id=payment.id,
        sequence=Sequence.FIRST if donation.is_monthly else Sequence.ONE_OFF,
        amount=amount,
        status=_known(payment.status) or PaymentStatus.OPEN,
    )
    _record(
        donation=donation,
        action="donation.started",
        by=user,
        kind=kind,
        amount=f"{amount:.2f}",
        payment=payment.id,
    )
    return donation, checkout


def _known(status) -> str:
    return status if status in PaymentStatus.values else ""


def _when(text) -> datetime.datetime | None:
    if not text:
        return None
    try:
        return datetime.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def payment_sync(*, mollie_id: str) -> DonationPayment | None:
    """Read a payment's status from Mollie and record it; returns the
    payment, or None for an id that is not one of our donations'.

    A payment Mollie collected for a monthly gift (it carries the gift's
    subscription id) is added to the gift the first time it is seen. A paid
    first payment starts the gift's subscription, and a paid payment its
    receipt; both are tried again on the next call until they are done, so a
    webhook Mollie repeats after an error finishes the work.
    """
    if not PAYMENT_ID.match(mollie_id or ""):
        return None
    with mollie.calling():
        remote = mollie.client().payments.get(mollie_id)
    with transaction.atomic():
        payment = _payment_for(remote)
        if payment is None:
            return None
        _apply_status(payment, remote)
    donation = payment.donation
    # The receipt first: it never raises, and the subscription may.
    if payment.status == PaymentStatus.PAID and payment.receipt_sent_at is None:
        receipt_send(payment=payment)
    if (
        payment.sequence == Sequence.FIRST
        and payment.status == PaymentStatus.PAID
        and donation.gift == Gift.WAITING
    ):
        subscription_start(donation=donation, mandate_id=remote.mandate_id or "")
    return payment


def _payment_for(remote) -> DonationPayment | None:
    payment = (
        DonationPayment.objects.select_for_update()
        .select_related("donation")
        .filter(mollie_id=remote.id)
        .first()
    )
    if payment is not None or not remote.subscription_id:
        return payment
    donation = (
        Donation.objects.select_for_update()
        .filter(mollie_subscription_id=remote.subscription_id)
        .first()
    )
    if donation is None:
        return None
    amount = (remote.amount or {}).get("value") or donation.amount
    # Two calls for a new collection at once: the second finds the first's
    # row (get_or_create reads it again after a refused insert).
    payment, created = DonationPayment.objects.select_related("donation").get_or_create(
        mollie_id=remote.id,
        defaults={
            "donation": donation,
            "sequence": Sequence.RECURRING,
            "amount": Decimal(str(amount)),
            "status": PaymentStatus.OPEN,
        },
    )
    if created:
        _record(donation=donation, action="payment.collected", payment=remote.id)
    return payment


def _apply_status(payment: DonationPayment, remote) -> None:
    """Move the payment (and a first payment's donation) to Mollie's status,
    if that is further along than the one recorded.

    The move is a compare-and-set (``UPDATE … WHERE status = old``) besides
    the row lock, so two calls at once (the webhook, and the donor back on
    the thank-you page) move it once on databases without row locks too."""
    new = _known(remote.status)
    old = payment.status
    if not new or STATUS_ORDER[new] <= STATUS_ORDER[old]:
        return  # a repeat, an older status, or one we do not know: no change
    paid_at = payment.paid_at
    if new == PaymentStatus.PAID:
        paid_at = _when(remote.paid_at) or timezone.now()
    method = (remote.method or "")[:30]
    moved = DonationPayment.objects.filter(pk=payment.pk, status=old).update(
        status=new, method=method, paid_at=paid_at
    )
    payment.refresh_from_db()
    if not moved:
        return  # another call moved it first
    donation = Donation.objects.select_for_update().get(pk=payment.donation_id)
    payment.donation = donation
    if payment.sequence != Sequence.RECURRING:
        ended = (
            donation.is_monthly
            and new in FINAL_STATUSES
            and new != PaymentStatus.PAID
            and donation.gift == Gift.WAITING
        )
        Donation.objects.filter(pk=donation.pk).update(
            status=new,
            gift=Gift.ENDED if ended else donation.gift,
            updated_at=timezone.now(),
        )
        donation.refresh_from_db()
    _record(
        donation=donation,
        action=f"payment.{new}",
        payment=payment.mollie_id,
        previous=old,
    )


def subscription_start(*, donation: Donation, mandate_id: str = "") -> Donation:
    """Start a monthly gift's subscription at Mollie, once its first payment
    is paid: the amount every month from a month on, on the customer's
    mandate. Nothing happens for a gift that is not waiting for it (started
    already, or cancelled while the first payment was open)."""
    with transaction.atomic():
        donation = Donation.objects.select_for_update().get(pk=donation.pk)
        if donation.gift != Gift.WAITING or donation.mollie_subscription_id:
            return donation
        mollie_client = mollie.client()
        with mollie.calling():
            customer = mollie_client.customers.get(donation.mollie_customer_id)
            if not mandate_id:
                usable = [
                    m
                    for m in customer.mandates.list()
                    if m.status in ("valid", "pending")
                ]
                mandate_id = usable[0].id if usable else ""
            data = {
                "amount": mollie.euros(donation.amount),
                "interval": "1 month",
                "startDate": (
                    timezone.localdate() + relativedelta(months=1)
                ).isoformat(),
                "description": _description(donation),
                "webhookUrl": webhook_url(),
                "metadata": {"donation": donation.pk},
            }
            if mandate_id:
                data["mandateId"] = mandate_id
            subscription = customer.subscriptions.create(
                data, idempotency_key=f"donation-{donation.key}-subscription"
            )
        # Mollie answers a repeat of the same Idempotency-Key with the same
        # subscription; of two calls at once, the first to write records it.
        started = Donation.objects.filter(
            pk=donation.pk, gift=Gift.WAITING, mollie_subscription_id=""
        ).update(
            mollie_subscription_id=subscription.id,
            mollie_mandate_id=subscription.mandate_id or mandate_id,
            gift=Gift.ACTIVE,
            updated_at=timezone.now(),
        )
        donation.refresh_from_db()
        if not started:
            return donation
        _record(
            donation=donation,
            action="gift.started",
            subscription=subscription.id,
            starts=data["startDate"],
        )
    return donation


def donation_cancel(*, donation: Donation, by=None) -> Donation:
    """Cancel a monthly gift: its subscription at Mollie, then here.

    Idempotent: a gift already cancelled, or one that never started, stays
    as it is. When Mollie cannot be reached, nothing changes
    (``mollie.Unavailable``) and the donor or staff can try again.
    """
    donation.refresh_from_db()
    if not donation.can_be_cancelled:
        return donation
    if donation.mollie_subscription_id:
        mollie_client = mollie.client()
        with mollie.calling():
            customer = mollie_client.customers.get(donation.mollie_customer_id)
            try:
                customer.subscriptions.delete(donation.mollie_subscription_id)
            except mollie.ResponseError as error:
                # Cancelled already (at Mollie's dashboard, or a second click
                # that raced the first): check, and carry on if so.
                if error.status not in (404, 410, 422):
                    raise
                remote = customer.subscriptions.get(donation.mollie_subscription_id)
                if remote.status != "canceled":
                    raise
    with transaction.atomic():
        now = timezone.now()
        cancelled = Donation.objects.filter(
            pk=donation.pk, gift__in=(Gift.WAITING, Gift.ACTIVE)
        ).update(gift=Gift.CANCELLED, cancelled_at=now, updated_at=now)
        donation.refresh_from_db()
        if not cancelled:
            return donation  # cancelled by another call meanwhile
        _record(
            donation=donation,
            action="gift.cancelled",
            by=by,
            subscription=donation.mollie_subscription_id,
            by_staff=bool(by is not None and getattr(by, "is_staff", False)),
        )
    return donation


def receipt_send(*, payment: DonationPayment) -> bool:
    """E-mail the donor a receipt for a paid payment, once, in the language
    they used the site in; a monthly gift's receipt carries the signed link
    that cancels it. A mail server that refuses leaves the receipt unsent, to
    be tried on Mollie's next call; returns whether it was sent.

    The receipt is claimed first (``UPDATE … WHERE receipt_sent_at IS
    NULL``), so of two calls at once only one sends it."""
    payment = DonationPayment.objects.select_related("donation").get(pk=payment.pk)
    donation = payment.donation
    if payment.status != PaymentStatus.PAID or not donation.email:
        return False  # not paid, or the donor was erased
    claimed = DonationPayment.objects.filter(
        pk=payment.pk, receipt_sent_at__isnull=True
    ).update(receipt_sent_at=timezone.now())
    if not claimed:
        return False
    with translation.override(donation.language):
        context = {
            "donation": donation,
            "payment": payment,
            "amount": f"{payment.amount:.2f}",
            "paid_on": timezone.localtime(payment.paid_at or timezone.now()).date(),
            "cancel_url": cancel_url(donation) if donation.is_monthly else "",
            "anbi_note": page_texts(donation.language).anbi_note,
            "site_name": settings.FESTARCHIVE["SITE_NAME"],
        }
        subject = " ".join(
            render_to_string("donations/email/receipt_subject.txt", context).split()
        )
        body = render_to_string("donations/email/receipt_body.txt", context)
    body = re.sub(r"\n{3,}", "\n\n", body).strip() + "\n"
    try:
        EmailMessage(subject, body, to=[donation.email]).send()
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Receipt for %s not sent: %s", payment.mollie_id, error)
        DonationPayment.objects.filter(pk=payment.pk).update(receipt_sent_at=None)
        _record(donation=donation, action="receipt.failed", payment=payment.mollie_id)
        return False
    _record(donation=donation, action="receipt.sent", payment=payment.mollie_id)
    return True
