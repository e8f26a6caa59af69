"""Write paths of the market library: its films and their screeners, the
holder's choice of roles, the viewing log and the holders' reports."""

import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from festarchive.core.links import mail_url
from festarchive.core.services import change_record

from ..market_links import holder_path
from ..models import MarketEntry, Viewing
from ..models.market import new_holder_key
from ..queries.contacts import film_holder
from ..queries.market import (
    REPORT_SENT,
    may_watch,
    report_csv,
    report_rows,
    reported_viewings,
    viewings_to_report,
)
from ..screeners import check_screener
from ..vocabulary import ProfessionalRole

# Seconds a viewing's recorded time may run ahead of the clock: heartbeats
# are sent every 15 seconds and may arrive a little early or late.
PROGRESS_MARGIN_SECONDS = 10


def _store_screener(entry: MarketEntry, upload) -> str:
    """Check ``upload`` and write it to the private storage; returns the name
    it was stored under."""
    checked = check_screener(upload)
    entry.screener.save(checked.file.name, checked.file, save=False)
    return entry.screener.name


def _delete_after_commit(name: str) -> None:
    """Remove a stored screener once the change that let go of it is saved:
    a change rolled back still finds its file."""
    if name:
        storage = MarketEntry._meta.get_field("screener").storage
        transaction.on_commit(lambda: storage.delete(name))


def _delete_now_if_rolled_back(name: str) -> None:
    storage = MarketEntry._meta.get_field("screener").storage
    if name and storage.exists(name):
        storage.delete(name)


@transaction.atomic
def market_add(
    *,
    film,
    edition,
    screener=None,
    holder_name: str = "",
    holder_email: str = "",
    by=None,
) -> MarketEntry:
    """Put ``film`` in ``edition``'s market library, with its screener when
    there is one. Without a holder given, the film's credited rights holder
    with an e-mail address on record is taken (``queries.contacts.film_holder``)."""
    if not holder_name and not holder_email:
        holder = film_holder(film)
        if holder is not None:
            holder_name, holder_email = holder.name, holder.email
    entry = MarketEntry(
        film=film,
        edition=edition,
        holder_name=holder_name.strip(),
        holder_email=holder_email.strip(),
    )
    entry.full_clean()
    stored = ""
    try:
        if screener is not None:
            stored = _store_screener(entry, screener)
        entry.save()
    except BaseException:
        _delete_now_if_rolled_back(stored)
        raise
    change_record(
        obj=entry,
        action="professionals.market.added",
        by=by,
        data={"screener": bool(stored), "holder": bool(entry.holder_email)},
    )
    return entry


@transaction.atomic
def market_remove(*, entry: MarketEntry, by=None) -> None:
    """Take a film out of the market library. Its screener file is deleted
    and its viewing log with it; the change record keeps how many there were."""
    change_record(
        obj=entry,
        action="professionals.market.removed",
        by=by,
        data={"viewings": entry.viewings.count()},
    )
    _delete_after_commit(entry.screener.name)
    entry.delete()


@transaction.atomic
def market_set_screener(*, entry: MarketEntry, screener, by=None) -> MarketEntry:
    """Store a new screener for ``entry`` (None removes it); the old file is
    deleted once the change is saved."""
    old = entry.screener.name
    stored = ""
    try:
        if screener is None:
            entry.screener = ""
        else:
            stored = _store_screener(entry, screener)
        entry.full_clean()
        entry.save(update_fields=["screener"])
    except BaseException:
        _delete_now_if_rolled_back(stored)
        raise
    if old and old != entry.screener.name:
        _delete_after_commit(old)
    change_record(
        obj=entry,
        action="professionals.market.screener_changed",
        by=by,
        data={"screener": bool(entry.screener)},
    )
    return entry


@transaction.atomic
def market_set_holder(
    *, entry: MarketEntry, holder_name: str, holder_email: str, by=None
) -> MarketEntry:
    """Change who receives the entry's viewing reports."""
    entry.holder_name = holder_name.strip()
    entry.holder_email = holder_email.strip()
    entry.full_clean()
    entry.save(update_fields=["holder_name", "holder_email"])
    change_record(obj=entry, action="professionals.market.holder_changed", by=by)
    return entry


@transaction.atomic
def market_holder_link_replace(*, entry: MarketEntry, by=None) -> MarketEntry:
    """Give the entry a new holder key: every holder link sent before stops
    working (for a link that reached the wrong person)."""
    entry.holder_key = new_holder_key()
    entry.full_clean()
    entry.save(update_fields=["holder_key"])
    change_record(obj=entry, action="professionals.market.holder_link_replaced", by=by)
    return entry


@transaction.atomic
def market_limit_roles(
    *, entry: MarketEntry, roles, by_holder: bool = True, by=None
) -> MarketEntry:
    """Let only professionals in ``roles`` watch the film (none: everyone).
    The holder does this from their page, staff from the admin."""
    roles = list(dict.fromkeys(roles))
    unknown = [role for role in roles if role not in ProfessionalRole.values]
    if unknown:
        raise ValidationError(
            _("These are not professional roles: %(roles)s.")
            % {"roles": ", ".join(map(str, unknown))},
            code="unknown_role",
        )
    # Stored in the vocabulary's order, so the same choice is the same value.
    entry.allowed_roles = [role for role in ProfessionalRole.values if role in roles]
    entry.full_clean()
    entry.save(update_fields=["allowed_roles"])
    change_record(
        obj=entry,
        action="professionals.market.limited",
        by=by,
        data={"roles": entry.allowed_roles, "by_holder": by_holder},
    )
    return entry


def viewing_start(*, entry: MarketEntry, viewer) -> Viewing:
    """Log that ``viewer`` opened the entry's player. Each opening is a
    viewing of its own; its time grows with ``viewing_progress``."""
    if not entry.screener or not may_watch(viewer, entry):
        raise PermissionDenied
    viewing = Viewing(entry=entry, viewer=viewer)
    viewing.full_clean()
    viewing.save()
    return viewing


def viewing_progress(*, viewing: Viewing, seconds: int) -> Viewing:
    """Record that the player has played ``seconds`` in all.

    The time only grows, and never past the time since the viewing started
    (plus a small margin): a player reporting more than that is believed only
    as far as the clock allows.
    """
    now = timezone.now()
    elapsed = (now - viewing.started_at).total_seconds()
    ceiling = int(elapsed) + PROGRESS_MARGIN_SECONDS
    wanted = max(0, min(int(seconds), ceiling))
    viewing.full_clean()
    # One UPDATE keeping the larger time: two tabs reporting at once cannot
    # move it back.
    Viewing.objects.filter(pk=viewing.pk).update(
        seconds_watched=Greatest(F("seconds_watched"), Value(wanted)),
        last_seen_at=now,
    )
    viewing.refresh_from_db(fields=["seconds_watched", "last_seen_at"])
    return viewing


@transaction.atomic
def market_report_send(*, entry: MarketEntry, by=None) -> int:
    """E-mail the holder the viewings of ``entry`` since their last report,
    as a CSV attachment, in English; returns how many (0: nothing was sent).

    The change record of each report keeps the last viewing it covered, so
    the next one starts after it. A holder without an e-mail address gets
    nothing.
    """
    if not entry.holder_email:
        return 0
    viewings = viewings_to_report(entry)
    if not viewings:
        return 0
    with translation.override("en"):
        rows = report_rows(viewings)
        total = reported_viewings(entry).count()
        context = {
            "entry": entry,
            "film": entry.film,
            "edition": entry.edition,
            "holder_name": entry.holder_name,
            "count": len(rows),
            "total": total,
            "minutes": sum(row.minutes for row in rows),
            "page_url": mail_url(holder_path(entry)),
            "site_name": settings.FESTARCHIVE["SITE_NAME"],
        }
        subject = render_to_string(
            "professionals/email/market_report_subject.txt", context
        )
        body = render_to_string("professionals/email/market_report_body.txt", context)
        attachment = report_csv(rows)
    # A holder who answers the mail reaches the festival's industry office,
    # where there is one, rather than the archive's sending address.
    office = settings.FESTARCHIVE.get("PRO_OFFICE_EMAIL")
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=re.sub(r"\n{3,}", "\n\n", body).strip() + "\n",
        to=[entry.holder_email],
        reply_to=[office] if office else None,
    )
    film_slug = entry.film.slug
    message.attach(
        f"viewings-{film_slug}-{timezone.localdate():%Y-%m-%d}.csv",
        attachment,
        "text/csv",
    )
    # Recorded first: a mail that cannot be sent rolls the record back, and
    # the next run tries again with the same viewings.
    change_record(
        obj=entry,
        action=REPORT_SENT,
        by=by,
        data={
            "through_viewing": max(viewing.pk for viewing in viewings),
            "viewings": len(viewings),
        },
    )
    message.send()
    return len(viewings)
