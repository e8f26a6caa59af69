"""The donation side of the demo: the donation page's texts in English and
Dutch, and two example donations so staff see the admin's list, a payment
and a history. The examples never were at Mollie: their ids say "demo".

Idempotent, like the rest of ``demo``: a second run finds what the first
made and adds nothing.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from festarchive.donations.models import (
    Donation,
    DonationEvent,
    DonationPageText,
    DonationPayment,
)

INTRODUCTION_EN = (
    "Every November the festival brings documentaries from all over the world "
    "to Amsterdam, and this archive keeps every edition open to anyone, free "
    "of charge.\n"
    "Your gift pays for subtitles, for film-makers' travel and for the "
    "archive itself."
)
INTRODUCTION_NL = (
    "Elk jaar in november brengt het festival documentaires van over de hele "
    "wereld naar Amsterdam, en dit archief houdt elke editie gratis open voor "
    "iedereen.\n"
    "Uw gift betaalt ondertitels, de reizen van filmmakers en het archief zelf."
)
ANBI_EN = (
    "The festival's foundation is a registered ANBI (public benefit "
    "organisation) in the Netherlands, so gifts may be deductible from Dutch "
    "income tax. Keep the receipt we e-mail you."
)
ANBI_NL = (
    "De stichting achter het festival is een ANBI (algemeen nut beogende "
    "instelling). Uw gift is daardoor mogelijk aftrekbaar van de "
    "inkomstenbelasting. Bewaar het ontvangstbewijs dat wij u mailen."
)
EXAMPLES = [
    # Mollie id, kind, amount, gift, name, e-mail, language, dedication, days ago
    (
        "tr_demo0000001",
        Donation.Kind.ONE_OFF,
        "50.00",
        Donation.Gift.NONE,
        "Ada Example",
        "ada@example.org",
        "en",
        "For the student jury",
        12,
    ),
    (
        "tr_demo0000002",
        Donation.Kind.MONTHLY,
        "10.00",
        Donation.Gift.ACTIVE,
        "",
        "bram@example.org",
        "nl",
        "",
        40,
    ),
]


def ensure_donations() -> list[str]:
    """The page's texts and the example donations; returns what was made."""
    made = []
    if not DonationPageText.objects.exists():
        DonationPageText.objects.create(
            introduction_en=INTRODUCTION_EN,
            introduction_nl=INTRODUCTION_NL,
            anbi_note_en=ANBI_EN,
            anbi_note_nl=ANBI_NL,
            suggested_amounts="10, 25, 50, 100",
        )
        made.append("the donation page's texts")
    for (
        mollie_id,
        kind,
        amount,
        gift,
        name,
        email,
        language,
        dedication,
        ago,
    ) in EXAMPLES:
        if DonationPayment.objects.filter(mollie_id=mollie_id).exists():
            continue
        when = timezone.now() - datetime.timedelta(days=ago)
        donation = Donation.objects.create(
            kind=kind,
            amount=Decimal(amount),
            status="paid",
            gift=gift,
            name=name,
            email=email,
            language=language,
            dedication=dedication,
            mollie_customer_id="cst_demo" if gift else "",
            mollie_subscription_id="sub_demo" if gift else "",
        )
        DonationPayment.objects.create(
            donation=donation,
            mollie_id=mollie_id,
            sequence="first" if gift else "oneoff",
            amount=Decimal(amount),
            status="paid",
            method="ideal",
            paid_at=when,
            receipt_sent_at=when,
        )
        for action in ("donation.started", "payment.paid", "receipt.sent"):
            DonationEvent.objects.create(donation=donation, action=action)
        if gift:
            DonationEvent.objects.create(donation=donation, action="gift.started")
        made.append(f"an example {donation.get_kind_display().lower()} donation")
    return made
