"""Reads of screener requests: a professional's own, the holder's by the
signed link in their e-mail, and the film page's panel.

A request that is not the visitor's own is answered with 404, as if it did
not exist: a guessed id tells nothing.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from ..access import current_accreditation, is_professional
from ..models import Accreditation, ScreenerRequest
from .contacts import film_holder

HOLDER_SALT = "professionals.request.holder"
# Long enough for a holder back from a festival or a holiday to answer from
# the first e-mail; short enough that a link forwarded or found in an old
# mailbox stops working. Reminders and staff's "new link" carry fresh ones.
HOLDER_LINK_MAX_AGE = datetime.timedelta(days=90)
# Far longer than any link we sign; anything longer is not worth unsigning.
HOLDER_TOKEN_MAX_LENGTH = 300


def holder_token(screener_request: ScreenerRequest) -> str:
    """The secret part of the holder's link: the request and its holder key,
    signed and dated. A new holder key (``request_renew_holder_link``) makes
    every earlier token useless."""
    return signing.dumps(
        {"r": screener_request.pk, "k": screener_request.holder_key},
        salt=HOLDER_SALT,
    )


def holder_path(screener_request: ScreenerRequest) -> str:
    """The holder's page, in the language active now."""
    return reverse(
        "professionals:holder-request",
        kwargs={"token": holder_token(screener_request)},
    )


def holder_request_get(*, token: str) -> ScreenerRequest:
    """The request a holder's link names, or 404 when the link is garbled,
    tampered with, older than ``HOLDER_LINK_MAX_AGE`` or replaced by a newer
    one."""
    if len(token) > HOLDER_TOKEN_MAX_LENGTH:
        raise Http404
    try:
        data = signing.loads(token, salt=HOLDER_SALT, max_age=HOLDER_LINK_MAX_AGE)
    except (signing.BadSignature, ValueError) as error:
        raise Http404 from error
    if not isinstance(data, dict):
        raise Http404
    pk, key = data.get("r"), data.get("k")
    if type(pk) is not int or not isinstance(key, str):
        raise Http404
    screener_request = (
        ScreenerRequest.objects.select_related("film", "professional")
        .filter(pk=pk)
        .first()
    )
    if screener_request is None or not constant_time_compare(
        screener_request.holder_key, key
    ):
        raise Http404
    return screener_request


def own_request_get(*, user, pk: int) -> ScreenerRequest:
    return get_object_or_404(
        ScreenerRequest.objects.select_related("film"), pk=pk, professional=user
    )


def own_requests(user):
    """The professional's requests, newest first."""
    return ScreenerRequest.objects.filter(professional=user).select_related("film")


# Each step of a request as its history tells it, the same to all three
# parties (services/requests.py names the steps).
STEP_TEXTS = {
    "created": _("The professional sent the request."),
    "approved": _("The rights holder approved the request."),
    "declined": _("The rights holder declined the request."),
    "question": _("The rights holder asked a question."),
    "replied": _("The professional replied."),
    "withdrawn": _("The professional withdrew the request."),
    "reminded": _("The archive reminded the rights holder."),
    "link_renewed": _("Festival staff sent the rights holder a new link."),
}


def request_history(screener_request: ScreenerRequest) -> list:
    """The request's steps, oldest first, each with ``text`` to show."""
    events = list(screener_request.events.order_by("at", "id"))
    for event in events:
        event.text = STEP_TEXTS.get(event.action, event.action)
    return events


@dataclass(frozen=True)
class Requester:
    """How a professional is shown to a rights holder: never their e-mail
    address, which the holder has no need of (they answer through the
    archive)."""

    name: str
    organisation: str
    role: str
    country: str


def requester(user) -> Requester:
    """The professional as their current accreditation (else their latest
    approved one) describes them."""
    accreditation = current_accreditation(user) or (
        Accreditation.objects.filter(user=user, status=Accreditation.Status.APPROVED)
        .order_by("-valid_until")
        .first()
    )
    name = user.display_name or user.get_full_name()
    if "@" in name:
        name = ""  # a display name that is an address would show it after all
    if accreditation is None:
        return Requester(name=name, organisation="", role="", country="")
    return Requester(
        name=name,
        organisation=accreditation.organisation,
        role=accreditation.get_role_display(),
        country=accreditation.country.name,
    )


def film_requests_context(*, film, user) -> dict:
    """What the film page's professional panel shows: to a professional,
    their own requests for the film and whether they may ask (again); to
    staff, how many requests the film has."""
    context = {"film": film}
    if user.is_staff:
        context["staff_request_count"] = ScreenerRequest.objects.filter(
            film=film
        ).count()
        context["staff_requests_url"] = (
            reverse("admin:professionals_screenerrequest_changelist")
            + f"?film__id__exact={film.pk}"
        )
    if is_professional(user):
        mine = list(ScreenerRequest.objects.filter(film=film, professional=user))
        open_kinds = {r.kind for r in mine if r.is_open}
        context.update(
            is_requester=True,
            own_requests=mine,
            has_holder=film_holder(film) is not None,
            can_request=len(open_kinds) < len(ScreenerRequest.Kind),
            office_email=settings.FESTARCHIVE["PRO_OFFICE_EMAIL"],
        )
    return context
