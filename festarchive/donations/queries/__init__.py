"""Reads of donations: the page's texts, the signed links in receipts, the
donor's data download and the staff's export."""

from dataclasses import dataclass
from decimal import Decimal

from django.core import signing
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from festarchive.core.i18n import current_language, localized
from festarchive.core.links import mail_url

from ..models import Donation, DonationPageText

# Shown until staff write their own (admin: Donations › Donation page texts).
DEFAULT_TEXTS = {
    "introduction": _(
        "The festival shows documentaries that would otherwise never reach a "
        "screen, and keeps this archive open to everyone, free of charge. A "
        "gift, once or every month, helps us bring film-makers to the "
        "festival, subtitle their films and keep every edition on record."
    ),
    "anbi_note": _(
        "The festival's foundation is registered in the Netherlands as a "
        "public benefit organisation (ANBI). Donors who pay tax in the "
        "Netherlands may be able to deduct their gift from their income "
        "tax; the receipt we e-mail you is your record of it."
    ),
}
DEFAULT_AMOUNTS = (10, 25, 50, 100)
THANKS_SALT = "festarchive.donations.thanks"
CANCEL_SALT = "festarchive.donations.cancel"
# Far longer than any token we sign; anything longer is not worth unsigning.
TOKEN_MAX_LENGTH = 200


@dataclass(frozen=True)
class PageTexts:
    introduction: str
    anbi_note: str
    amounts: tuple[int, ...]


def parse_amounts(text: str) -> tuple[int, ...]:
    """Whole euros from text such as "10, 25, 50"; what is not one is left out."""
    amounts = []
    for part in text.replace(";", ",").split(","):
        part = part.strip().removeprefix("€").strip()
        if part.isdigit() and int(part) > 0 and int(part) not in amounts:
            amounts.append(int(part))
    return tuple(amounts[:8])


def page_texts(language: str | None = None) -> PageTexts:
    """The donation page's texts in ``language`` (the active one by default):
    staff's text, else the other language's, else the default."""
    language = language or current_language()
    row = DonationPageText.objects.order_by("pk").first()
    texts = {}
    for name, default in DEFAULT_TEXTS.items():
        text = localized(row, name, language).text if row else ""
        texts[name] = text or str(default)
    amounts = parse_amounts(row.suggested_amounts) if row else ()
    return PageTexts(amounts=amounts or DEFAULT_AMOUNTS, **texts)


def _token(donation: Donation, salt: str) -> str:
    return signing.dumps({"d": donation.key}, salt=salt, compress=False)


def thanks_path(donation: Donation) -> str:
    """The thank-you page Mollie sends the donor back to."""
    return reverse("donations:thanks", kwargs={"token": _token(donation, THANKS_SALT)})


def cancel_path(donation: Donation) -> str:
    """The page that cancels a monthly gift, linked from every receipt."""
    return reverse("donations:cancel", kwargs={"token": _token(donation, CANCEL_SALT)})


def cancel_url(donation: Donation) -> str:
    return mail_url(cancel_path(donation))


def _from_token(token: str, salt: str) -> Donation:
    if len(token) > TOKEN_MAX_LENGTH:
        raise Http404
    try:
        data = signing.loads(token, salt=salt)
    except (signing.BadSignature, ValueError) as error:
        raise Http404 from error
    if not isinstance(data, dict) or not isinstance(data.get("d"), str):
        raise Http404
    donation = Donation.objects.filter(key=data["d"]).first()
    if donation is None:
        raise Http404
    return donation


def donation_for_thanks(token: str) -> Donation:
    """The donation a thank-you link was signed for; 404 for any other."""
    return _from_token(token, THANKS_SALT)


def donation_for_cancel(token: str) -> Donation:
    """The monthly gift a cancel link was signed for; 404 for any other."""
    donation = _from_token(token, CANCEL_SALT)
    if not donation.is_monthly:
        raise Http404
    return donation


def paid_total(donation: Donation) -> Decimal:
    """What the donation has brought in: its paid payments together."""
    return sum(
        (p.amount for p in donation.payments.all() if p.status == "paid"),
        Decimal("0.00"),
    )


EXPORT_COLUMNS = [
    "id",
    "made",
    "kind",
    "amount",
    "currency",
    "status",
    "monthly_gift",
    "paid_total",
    "payments",
    "name",
    "email",
    "language",
    "dedication",
    "erased",
    "mollie_customer",
    "mollie_subscription",
]


def export_rows(donations) -> list[list]:
    """Rows of the staff's CSV export, one a donation, in EXPORT_COLUMNS."""
    rows = []
    for d in donations.prefetch_related("payments"):
        rows.append(
            [
                d.pk,
                d.created_at.isoformat(),
                d.kind,
                f"{d.amount:.2f}",
                "EUR",
                d.status,
                d.gift,
                f"{paid_total(d):.2f}",
                len(d.payments.all()),
                d.name,
                d.email,
                d.language,
                d.dedication,
                d.erased_at.isoformat() if d.erased_at else "",
                d.mollie_customer_id,
                d.mollie_subscription_id,
            ]
        )
    return rows
