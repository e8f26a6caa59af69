"""Reads of accreditation: where an applicant stands, and which editions
one may apply for."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from festarchive.festival.models import Edition
from festarchive.festival.queries import host_festival

from .. import access
from ..models import Accreditation


def _open(today: datetime.date) -> Q:
    # An edition without a last day on record is open until its year is over:
    # old editions imported without dates never count as coming.
    return Q(ends_on__gte=today) | Q(ends_on__isnull=True, year__gte=today.year)


def open_editions(*, today: datetime.date | None = None) -> QuerySet[Edition]:
    """The host festival's editions that have not ended, soonest first."""
    festival = host_festival()
    if festival is None:
        return Edition.objects.none()
    today = today or timezone.localdate()
    return (
        Edition.objects.filter(festival=festival)
        .filter(_open(today))
        .select_related("festival")
        .order_by("year")
    )


def edition_is_open(edition: Edition, *, today: datetime.date | None = None) -> bool:
    """One of ``open_editions``."""
    return open_editions(today=today).filter(pk=edition.pk).exists()


@dataclass(frozen=True)
class Standing:
    """Where a user stands: ``kind`` is anonymous, none (never applied),
    pending, current, refused, withdrawn or expired; ``accreditation`` the
    application it is about."""

    kind: str
    accreditation: Accreditation | None = None

    @property
    def may_apply(self) -> bool:
        return self.kind in ("none", "refused", "withdrawn", "expired")


def accreditation_standing(user) -> Standing:
    """The user's current accreditation, else their waiting application, else
    what became of their latest one."""
    if not getattr(user, "is_authenticated", False):
        return Standing("anonymous")
    current = access.current_accreditation(user)
    if current is not None:
        return Standing("current", current)
    mine = Accreditation.objects.filter(user=user).select_related("edition__festival")
    pending = mine.pending().first()
    if pending is not None:
        return Standing("pending", pending)
    latest = mine.exclude(status=Accreditation.Status.PENDING).first()
    if latest is None:
        return Standing("none")
    if latest.status == Accreditation.Status.APPROVED:
        if latest.valid_until and latest.valid_until >= timezone.localdate():
            # Approved for a period that starts later: shown as waiting.
            return Standing("pending", latest)
        return Standing("expired", latest)
    return Standing(latest.status, latest)


def latest_application(user) -> Accreditation | None:
    """The user's latest application, to fill in the form to apply again."""
    return Accreditation.objects.filter(user=user).first()
