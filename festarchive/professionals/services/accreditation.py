"""Write paths of accreditation: applying, and the festival's decisions.

Each decision is e-mailed to the applicant in the language they applied in,
once the transaction that made it has committed: a decision rolled back is
never announced.
"""

import datetime
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from festarchive.core.limits import limit
from festarchive.core.links import mail_url
from festarchive.core.services import change_record
from festarchive.festival.models import Edition

from .. import access
from ..models import Accreditation, TrustedDomain
from ..queries.accreditation import edition_is_open


def _language(code: str) -> str:
    """One of the site's languages: the applicant's, else the default."""
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _email_domain(email: str) -> str:
    return email.rpartition("@")[2].strip().lower() if "@" in email else ""


def is_trusted(user) -> bool:
    """The user's e-mail domain, exactly as after the @, is a trusted one.
    A subdomain (``news.vpro.nl`` for ``vpro.nl``) is not."""
    domain = _email_domain(user.email or "")
    return bool(domain) and TrustedDomain.objects.filter(domain__iexact=domain).exists()


def default_valid_until(accreditation: Accreditation, *, today=None) -> datetime.date:
    """The last day of access when staff do not set one: the edition's last day
    for edition access, a year's worth of days otherwise (and for an edition
    whose end is unknown or already past)."""
    today = today or timezone.localdate()
    year = today + datetime.timedelta(days=limit("accreditation_year_days"))
    edition = accreditation.edition
    if (
        accreditation.scope == Accreditation.Scope.EDITION
        and edition is not None
        and edition.ends_on is not None
        and edition.ends_on >= today
    ):
        return edition.ends_on
    return year


def send_to_applicant(*, accreditation: Accreditation, event: str) -> None:
    """E-mail the applicant about ``event`` (applied, approved, refused,
    withdrawn, expiring) in the language they applied in, from
    ``professionals/email/accreditation_<event>_subject.txt`` and ``_body.txt``."""
    user = accreditation.user
    if not user.email:
        return
    language = _language(accreditation.language)
    with translation.override(language):
        context = {
            "accreditation": accreditation,
            "name": user.display_name or user.get_full_name(),
            "site_name": settings.FESTARCHIVE["SITE_NAME"],
            "home_url": mail_url(reverse("professionals:home")),
            "apply_url": mail_url(reverse("professionals:apply")),
            "profile_url": mail_url(reverse("professionals:profile")),
        }
        prefix = f"professionals/email/accreditation_{event}"
        # A subject is one line, however the template wraps it.
        subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
        body = render_to_string(f"{prefix}_body.txt", context).strip() + "\n"
    EmailMessage(
        subject=subject,
        body=body,
        to=[user.email],
        headers={"Content-Language": language},
    ).send()


def _mail_on_commit(accreditation: Accreditation, event: str) -> None:
    # robust: the decision stands when the mail server is down; the failure
    # is logged.
    transaction.on_commit(
        partial(send_to_applicant, accreditation=accreditation, event=event),
        robust=True,
    )


@transaction.atomic
def accreditation_apply(
    *,
    user,
    organisation: str,
    role: str,
    country: str,
    website: str = "",
    description: str = "",
    scope: str = Accreditation.Scope.EDITION,
    edition: Edition | None = None,
    language: str = "en",
) -> Accreditation:
    """Apply for professional access.

    One application waits for a decision at a time, and nobody applies while
    an approved accreditation still runs. An applicant whose e-mail domain is
    trusted is approved at once, for the default period.
    """
    # Two submissions of the same form at once would both find nothing open.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    today = timezone.localdate()
    mine = Accreditation.objects.filter(user=user)
    if mine.pending().exists():
        raise ValidationError(
            _(
                "Your application is already waiting for a decision. "
                "We will e-mail you as soon as it is decided."
            )
        )
    running = mine.filter(
        status=Accreditation.Status.APPROVED, valid_until__gte=today
    ).first()
    if running is not None:
        raise ValidationError(
            _(
                "You are accredited until %(date)s. You can apply again once "
                "that accreditation has ended."
            )
            % {"date": date_format(running.valid_until)}
        )
    if scope == Accreditation.Scope.EDITION:
        if edition is None:
            raise ValidationError(
                {"edition": _("Choose the edition you are coming to.")}
            )
        if not edition_is_open(edition, today=today):
            raise ValidationError(
                {"edition": _("Choose one of the festival's coming editions.")}
            )
    else:
        # A year's access is not tied to an edition.
        edition = None

    accreditation = Accreditation(
        user=user,
        organisation=organisation.strip(),
        role=role,
        country=country,
        website=website.strip(),
        description=description.strip(),
        scope=scope,
        edition=edition,
        language=_language(language),
    )
    accreditation.full_clean()
    accreditation.save()
    change_record(
        obj=accreditation,
        action="professionals.accreditation.applied",
        by=user,
        data={"scope": scope, "edition": edition.pk if edition else None},
    )
    if is_trusted(user):
        _approve(accreditation, by=None, automatically=True)
    else:
        _mail_on_commit(accreditation, "applied")
    access.forget(user)
    return accreditation


def _approve(
    accreditation: Accreditation,
    *,
    by,
    message: str = "",
    valid_until: datetime.date | None = None,
    automatically: bool = False,
) -> Accreditation:
    today = timezone.localdate()
    until = valid_until or default_valid_until(accreditation, today=today)
    if until < today:
        raise ValidationError(
            {"valid_until": _("The last day of access cannot be in the past.")}
        )
    accreditation.valid_from = today
    accreditation.valid_until = until
    accreditation.approved_automatically = automatically
    return _decide(
        accreditation,
        status=Accreditation.Status.APPROVED,
        event="approved",
        by=by,
        message=message,
        data={"valid_until": until.isoformat(), "automatically": automatically},
    )


def _decide(
    accreditation: Accreditation,
    *,
    status: str,
    event: str,
    by,
    message: str,
    data: dict | None = None,
) -> Accreditation:
    """Save a decision, record it, and tell the applicant once it commits."""
    accreditation.status = status
    accreditation.decided_at = timezone.now()
    accreditation.decided_by = by if by is not None and by.is_authenticated else None
    accreditation.decision_message = message.strip()
    accreditation.full_clean()
    accreditation.save()
    change_record(
        obj=accreditation,
        action=f"professionals.accreditation.{event}",
        by=by,
        data={**(data or {}), "message": accreditation.decision_message},
    )
    access.forget(accreditation.user)
    _mail_on_commit(accreditation, event)
    return accreditation


def _locked(accreditation: Accreditation) -> Accreditation:
    """The accreditation as it is now, held until the decision is saved: two
    members of staff deciding at once cannot both succeed."""
    current = Accreditation.objects.select_for_update().get(pk=accreditation.pk)
    accreditation.status = current.status
    accreditation.valid_until = current.valid_until
    return accreditation


def _require_pending(accreditation: Accreditation) -> None:
    if accreditation.status != Accreditation.Status.PENDING:
        raise ValidationError(
            _("This application was decided already (%(status)s).")
            % {"status": accreditation.get_status_display()}
        )


@transaction.atomic
def accreditation_approve(
    *,
    accreditation: Accreditation,
    by,
    message: str = "",
    valid_until: datetime.date | None = None,
) -> Accreditation:
    """Approve a waiting application from today; without ``valid_until`` the
    access lasts as ``default_valid_until`` says."""
    _require_pending(_locked(accreditation))
    return _approve(accreditation, by=by, message=message, valid_until=valid_until)


@transaction.atomic
def accreditation_refuse(
    *, accreditation: Accreditation, by, message: str
) -> Accreditation:
    """Refuse a waiting application; ``message`` tells the applicant why."""
    _require_pending(_locked(accreditation))
    return _decide(
        accreditation,
        status=Accreditation.Status.REFUSED,
        event="refused",
        by=by,
        message=message,
    )


@transaction.atomic
def accreditation_withdraw(
    *, accreditation: Accreditation, by, message: str = ""
) -> Accreditation:
    """End an approved accreditation at once, before its last day."""
    _locked(accreditation)
    if (
        accreditation.status != Accreditation.Status.APPROVED
        or accreditation.valid_until < timezone.localdate()
    ):
        raise ValidationError(
            _("Only an accreditation that is still running can be withdrawn.")
        )
    return _decide(
        accreditation,
        status=Accreditation.Status.WITHDRAWN,
        event="withdrawn",
        by=by,
        message=message,
    )


EXPIRY_NOTICE = "professionals.accreditation.expiry_noticed"


@transaction.atomic
def accreditation_notice_expiry(*, accreditation: Accreditation) -> Accreditation:
    """Tell a professional their access ends soon, and record that it was
    said, so the notice goes out once."""
    change_record(
        obj=accreditation,
        action=EXPIRY_NOTICE,
        data={"valid_until": accreditation.valid_until.isoformat()},
    )
    _mail_on_commit(accreditation, "expiring")
    return accreditation
