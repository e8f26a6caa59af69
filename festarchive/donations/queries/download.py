"""What the archive keeps about a donor with an account, for their own data
download (``accounts.queries.account_data``)."""

from ..models import Donation


def donation_download(user) -> list[dict]:
    """The user's donations, for their own data download
    (``accounts.queries.account_data``)."""
    return [
        {
            "kind": d.kind,
            "amount": f"{d.amount:.2f}",
            "currency": "EUR",
            "status": d.status,
            "monthly_gift": d.gift or None,
            "name": d.name,
            "email": d.email,
            "language": d.language,
            "dedication": d.dedication,
            "made": d.created_at.isoformat(),
            "payments": [
                {
                    "amount": f"{p.amount:.2f}",
                    "status": p.status,
                    "made": p.created_at.isoformat(),
                    "paid": p.paid_at.isoformat() if p.paid_at else None,
                }
                for p in d.payments.all()
            ],
        }
        for d in Donation.objects.filter(user=user)
        .prefetch_related("payments")
        .order_by("created_at", "id")
    ]
