"""Writes of screener requests: a professional asks, the rights holder
answers from the link in their e-mail, reminders follow while nobody answers.

Every step adds an event to the request's history (which all three parties
see), a change record (which staff see), and an e-mail to the other party in
the language the request was made in: holders have no account to keep a
language in. The e-mail is sent last, inside the transaction, so a mail
server that refuses it leaves the request as it was (``MailNotSent``).
"""

import datetime
import re
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from festarchive.catalogue.models import Film
from festarchive.core.i18n import CONTENT_LANGUAGES, localized
from festarchive.core.limits import limit
from festarchive.core.links import mail_url
from festarchive.core.services import change_record

from ..access import is_professional
from ..models import ScreenerRequest, ScreenerRequestEvent
from ..models.requests import new_holder_key
from ..queries.contacts import film_holder
from ..queries.requests import HOLDER_LINK_MAX_AGE, holder_path, requester

Party = ScreenerRequestEvent.Party
Status = ScreenerRequest.Status

APPROVE, DECLINE, QUESTION = "approve", "decline", "question"
ANSWERS = (APPROVE, DECLINE, QUESTION)


class MailNotSent(Exception):
    """The mail server refused or could not be reached; nothing was saved."""


def _refuse(message: str, code: str):
    raise ValidationError(message, code=code)


def _film_title(film: Film, language: str) -> str:
    return localized(film, "title", language).text or film.title_original


def _mail(*, screener_request: ScreenerRequest, event: str, to_holder: bool, **extra):
    """Send ``professionals/email/request_<event>_{subject,body}.txt`` to the
    holder or the professional, in the request's language. Only the holder's
    mails carry the holder's link: it answers the request."""
    language = screener_request.language
    with translation.override(language):
        if to_holder:
            to = screener_request.holder_email
            link = {
                "holder_url": mail_url(holder_path(screener_request)),
                "link_days": HOLDER_LINK_MAX_AGE.days,
            }
        else:
            to = screener_request.professional.email
            link = {
                "professional_url": mail_url(
                    reverse("professionals:my-request", args=[screener_request.pk])
                )
            }
        context = {
            "screener_request": screener_request,
            "film_title": _film_title(screener_request.film, language),
            "kind": screener_request.get_kind_display(),
            "requester": requester(screener_request.professional),
            **link,
            "office_email": settings.FESTARCHIVE["PRO_OFFICE_EMAIL"],
            "site_name": settings.FESTARCHIVE["SITE_NAME"],
            **extra,
        }
        prefix = f"professionals/email/request_{event}"
        subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
        body = render_to_string(f"{prefix}_body.txt", context)
    # Template tags on lines of their own leave empty lines behind.
    body = re.sub(r"\n{3,}", "\n\n", body).strip() + "\n"
    # A holder or professional who answers the e-mail itself reaches the
    # industry office, not the archive's sending address.
    message = EmailMessage(
        subject, body, to=[to], reply_to=[settings.FESTARCHIVE["PRO_OFFICE_EMAIL"]]
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        raise MailNotSent(str(error)) from error


def _step(
    *,
    screener_request: ScreenerRequest,
    party: str,
    action: str,
    message: str = "",
    by=None,
    data: dict | None = None,
) -> ScreenerRequestEvent:
    """Add a step to the request's history and to the change records."""
    event = ScreenerRequestEvent(
        request=screener_request, party=party, action=action, message=message
    )
    event.full_clean()
    event.save()
    change_record(
        obj=screener_request,
        action=f"professionals.request.{action}",
        by=by,
        data={"status": screener_request.status, **(data or {})},
    )
    return event


def _save(screener_request: ScreenerRequest, *fields: str) -> None:
    screener_request.full_clean()
    screener_request.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def request_create(
    *,
    film: Film,
    professional,
    kind: str,
    purpose: str,
    wanted_from: datetime.date | None,
    wanted_until: datetime.date | None,
    message: str,
    language: str,
) -> ScreenerRequest:
    """Ask the film's rights holder for a screener or a screening copy, and
    e-mail them a link to answer it.

    Only an accredited professional asks (staff answer in the admin), for a
    published film whose holder has an e-mail address on record; at most
    ``pro_requests_per_day`` requests in 24 hours, withdrawn ones included,
    and one open request per film and kind.
    """
    if not is_professional(professional):
        _refuse(
            _("Only accredited professionals can request screeners."),
            "not_professional",
        )
    if not film.is_published:
        _refuse(_("This film is not in the archive."), "not_published")
    holder = film_holder(film)
    if holder is None:
        _refuse(
            _(
                "We have no e-mail address for this film's rights holder. Write to "
                "the industry office at %(email)s and they will find out for you."
            )
            % {"email": settings.FESTARCHIVE["PRO_OFFICE_EMAIL"]},
            "no_holder",
        )
    # Holding the professional's row makes two requests sent at the same
    # moment count one after the other.
    get_user_model().objects.select_for_update().filter(pk=professional.pk).first()
    since = timezone.now() - datetime.timedelta(hours=24)
    per_day = limit("pro_requests_per_day")
    made = ScreenerRequest.objects.filter(
        professional=professional, created_at__gte=since
    ).count()
    if made >= per_day:
        _refuse(
            ngettext(
                "You have made %(count)d request in the last 24 hours, as many as "
                "one professional may. Please try again tomorrow.",
                "You have made %(count)d requests in the last 24 hours, as many as "
                "one professional may. Please try again tomorrow.",
                made,
            )
            % {"count": made},
            "rate_limited",
        )
    screener_request = ScreenerRequest(
        film=film,
        professional=professional,
        kind=kind,
        purpose=purpose.strip(),
        wanted_from=wanted_from,
        wanted_until=wanted_until,
        message=message.strip(),
        language=language if language in CONTENT_LANGUAGES else "en",
        holder_name=holder.name[:200],
        holder_email=holder.email,
    )
    screener_request.full_clean()
    if ScreenerRequest.objects.filter(
        film=film, professional=professional, kind=kind, status__in=ScreenerRequest.OPEN
    ).exists():
        _refuse(
            _(
                "You already have an open request of this kind for this film. "
                "You will find it under My requests."
            ),
            "already_open",
        )
    screener_request.save()
    _step(
        screener_request=screener_request,
        party=Party.PROFESSIONAL,
        action="created",
        message=screener_request.message,
        by=professional,
        data={"kind": kind, "holder_role": holder.role_slug},
    )
    _mail(
        screener_request=screener_request,
        event="created",
        to_holder=True,
    )
    return screener_request


def _refuse_closed(screener_request: ScreenerRequest) -> None:
    if not screener_request.is_open:
        _refuse(
            _("This request is closed: %(status)s.")
            % {"status": screener_request.get_status_display()},
            "closed",
        )


@transaction.atomic
def request_answer(
    *,
    screener_request: ScreenerRequest,
    action: str,
    message: str,
    screener_url: str = "",
    screener_password: str = "",
) -> ScreenerRequest:
    """The rights holder's answer: approve, decline or ask a question; the
    professional is e-mailed it.

    Approving an online screener needs its link or its password; approving a
    screening copy needs a message saying how it will reach them (or a link
    to download it). A question needs the question.
    """
    screener_request = ScreenerRequest.objects.select_for_update().get(
        pk=screener_request.pk
    )
    _refuse_closed(screener_request)
    message = message.strip()
    screener_url, screener_password = screener_url.strip(), screener_password.strip()
    if action == APPROVE:
        if screener_request.kind == ScreenerRequest.Kind.SCREENER:
            if not (screener_url or screener_password):
                _refuse(
                    _("Give the screener's link or its password, or both."),
                    "screener_missing",
                )
        elif not (message or screener_url):
            _refuse(
                _("Say how and when the screening copy will reach them."),
                "message_missing",
            )
        screener_request.status = Status.APPROVED
        screener_request.screener_url = screener_url
        screener_request.screener_password = screener_password
        event = "approved"
    elif action == DECLINE:
        screener_request.status = Status.DECLINED
        event = "declined"
    elif action == QUESTION:
        if not message:
            _refuse(_("Write the question you would like to ask."), "message_missing")
        screener_request.status = Status.QUESTION
        event = "question"
    else:
        _refuse(_("Choose to approve, decline or ask a question."), "unknown_action")
    _save(screener_request, "status", "screener_url", "screener_password")
    _step(
        screener_request=screener_request,
        party=Party.HOLDER,
        action=event,
        message=message,
        # Which of them the holder gave, never the link or password itself:
        # change records are read by more staff than the screener is for.
        data={
            "gave": [
                name
                for name in ("screener_url", "screener_password")
                if getattr(screener_request, name)
            ]
        },
    )
    _mail(
        screener_request=screener_request,
        event=event,
        to_holder=False,
        message=message,
    )
    return screener_request


def _refuse_other(screener_request: ScreenerRequest, by) -> None:
    if by is None or by.pk != screener_request.professional_id:
        _refuse(_("Only the professional who made a request can do this."), "not_own")


@transaction.atomic
def request_reply(*, screener_request: ScreenerRequest, by, message: str):
    """The professional's answer to the holder's question: the request waits
    for the holder again, who is e-mailed the reply."""
    _refuse_other(screener_request, by)
    screener_request = ScreenerRequest.objects.select_for_update().get(
        pk=screener_request.pk
    )
    if screener_request.status != Status.QUESTION:
        _refuse(
            _("The rights holder has not asked a question to reply to."),
            "no_question",
        )
    message = message.strip()
    if not message:
        _refuse(_("Write your reply."), "message_missing")
    screener_request.status = Status.PENDING
    _save(screener_request, "status")
    _step(
        screener_request=screener_request,
        party=Party.PROFESSIONAL,
        action="replied",
        message=message,
        by=by,
    )
    _mail(
        screener_request=screener_request,
        event="replied",
        to_holder=True,
        message=message,
    )
    return screener_request


@transaction.atomic
def request_withdraw(*, screener_request: ScreenerRequest, by) -> ScreenerRequest:
    """The professional no longer needs an answer; the holder is told so."""
    _refuse_other(screener_request, by)
    screener_request = ScreenerRequest.objects.select_for_update().get(
        pk=screener_request.pk
    )
    _refuse_closed(screener_request)
    screener_request.status = Status.WITHDRAWN
    _save(screener_request, "status")
    _step(
        screener_request=screener_request,
        party=Party.PROFESSIONAL,
        action="withdrawn",
        by=by,
    )
    _mail(
        screener_request=screener_request,
        event="withdrawn",
        to_holder=True,
    )
    return screener_request


@transaction.atomic
def request_renew_holder_link(
    *, screener_request: ScreenerRequest, by
) -> ScreenerRequest:
    """Give the request a new holder key, so every link sent before stops
    working, and e-mail the holder the new one (a link that leaked, expired
    or went astray)."""
    screener_request = ScreenerRequest.objects.select_for_update().get(
        pk=screener_request.pk
    )
    screener_request.holder_key = new_holder_key()
    _save(screener_request, "holder_key")
    _step(
        screener_request=screener_request,
        party=Party.STAFF,
        action="link_renewed",
        by=by,
    )
    _mail(
        screener_request=screener_request,
        event="link_renewed",
        to_holder=True,
    )
    return screener_request


def _waiting_since(screener_request: ScreenerRequest) -> datetime.datetime:
    """When the request last came to the holder to answer: its creation, the
    professional's last reply, or the last reminder."""
    replied = (
        screener_request.events.filter(action="replied")
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    moments = [screener_request.created_at, replied, screener_request.reminded_at]
    return max(moment for moment in moments if moment is not None)


def _maybe_due(cutoff: datetime.datetime):
    """Requests waiting for their holder since before ``cutoff`` by their
    creation and last reminder; a later reply (``_waiting_since``) may still
    make one not due."""
    return ScreenerRequest.objects.filter(
        status=Status.PENDING,
        reminders_sent__lt=limit("pro_request_reminders_max"),
        created_at__lte=cutoff,
    ).exclude(reminded_at__gt=cutoff)


def request_send_reminders(now: datetime.datetime | None = None) -> list:
    """Remind the holders of requests that have waited
    ``pro_request_reminder_days`` days for an answer, at most
    ``pro_request_reminders_max`` times a request; returns the requests
    reminded. A holder's question puts the wait on the professional, so
    requests with an open question are left alone.

    Each reminder is its own transaction: a mail the server refuses is tried
    again on the next run, the others are sent.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=limit("pro_request_reminder_days"))
    reminded = []
    for pk in list(_maybe_due(cutoff).values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                # Read again under a lock: two runs at once remind only once.
                screener_request = (
                    _maybe_due(cutoff).select_for_update().filter(pk=pk).first()
                )
                if screener_request is None:
                    continue
                if _waiting_since(screener_request) > cutoff:
                    continue
                screener_request.reminders_sent += 1
                screener_request.reminded_at = now
                _save(screener_request, "reminders_sent", "reminded_at")
                _step(
                    screener_request=screener_request,
                    party=Party.SYSTEM,
                    action="reminded",
                    data={"reminder": screener_request.reminders_sent},
                )
                _mail(
                    screener_request=screener_request,
                    event="reminded",
                    to_holder=True,
                )
        except MailNotSent:
            continue
        reminded.append(screener_request)
    return reminded
