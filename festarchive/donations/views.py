"""The donation page, the thank-you page, the page that cancels a monthly
gift, and Mollie's webhook. Thin: they parse, call a service, render."""

import logging

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from festarchive.core.i18n import current_language
from festarchive.core.links import site_origin

from . import mollie
from .forms import DonateForm
from .models import FINAL_STATUSES, PaymentStatus
from .queries import donation_for_cancel, donation_for_thanks, page_texts, paid_total
from .services.donations import (
    PAYMENT_ID,
    donation_cancel,
    donation_start,
    payment_sync,
)

logger = logging.getLogger(__name__)

UNAVAILABLE = gettext_lazy(
    "We cannot reach our payment provider just now, so nothing has been "
    "charged. Please try again in a few minutes."
)


def private(response: HttpResponse, *, noindex: bool = True) -> HttpResponse:
    """What every donation page carries: no cache keeps it (each shows a form
    with a token, or a donor's gift), and a link-keyed page is not indexed
    nor handed to other sites as a Referer."""
    response["Cache-Control"] = "private, no-store"
    if noindex:
        response["X-Robots-Tag"] = "noindex, nofollow"
        # "same-origin": without a referrer at all, browsers send
        # "Origin: null" with the page's forms, which the CSRF check refuses.
        response["Referrer-Policy"] = "same-origin"
    return response


@require_http_methods(["GET", "POST"])
def donate(request):
    texts = page_texts()
    form = DonateForm(request.POST or None, amounts=texts.amounts)
    is_open = mollie.is_configured()
    if request.method == "POST" and is_open and form.is_valid():
        try:
            _donation, checkout = donation_start(
                kind=form.cleaned_data["kind"],
                amount=form.cleaned_data["amount"],
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                dedication=form.cleaned_data["dedication"],
                language=current_language(),
                user=request.user,
                address=get_adapter(request).get_client_ip(request),
                origin=site_origin(request),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        except mollie.NotConfigured:
            is_open = False
        except mollie.Unavailable as error:
            logger.warning("Mollie unavailable starting a donation: %s", error)
            form.add_error(None, UNAVAILABLE)
        else:
            return HttpResponseRedirect(checkout, status=303)
    status = 200 if request.method == "GET" or not form.errors else 400
    if request.method == "POST" and not is_open:
        status = 503
    response = render(
        request,
        "donations/donate.html",
        {"form": form, "texts": texts, "is_open": is_open},
        status=status,
    )
    # The form's answer is a redirect to Mollie's checkout.
    response._csp_update = {"form-action": mollie.checkout_origins()}
    return private(response, noindex=False)


@require_http_methods(["GET"])
def thanks(request, token: str):
    donation = donation_for_thanks(token)
    checked = True
    if donation.status not in FINAL_STATUSES:
        # The donor may be back before Mollie's webhook: ask Mollie.
        first = donation.payments.order_by("created_at", "id").first()
        try:
            if first is not None:
                payment_sync(mollie_id=first.mollie_id)
                donation.refresh_from_db()
        except (mollie.Unavailable, mollie.NotConfigured) as error:
            logger.warning("Mollie unavailable on a thank-you page: %s", error)
            checked = False
    return private(
        render(
            request,
            "donations/thanks.html",
            {
                "donation": donation,
                "checked": checked,
                "paid": donation.status == PaymentStatus.PAID,
                "waiting": donation.status not in FINAL_STATUSES,
            },
        )
    )


@require_http_methods(["GET", "POST"])
def cancel(request, token: str):
    donation = donation_for_cancel(token)
    error = ""
    if request.method == "POST" and donation.can_be_cancelled:
        try:
            donation = donation_cancel(donation=donation, by=request.user)
        except (mollie.Unavailable, mollie.NotConfigured) as failure:
            logger.warning("Mollie unavailable cancelling a gift: %s", failure)
            error = _(
                "We cannot reach our payment provider just now, so your gift "
                "has not been cancelled yet. Please try again in a few minutes."
            )
        else:
            messages.success(request, _("Your monthly gift has been cancelled."))
            return private(HttpResponseRedirect(request.path, status=303))
    return private(
        render(
            request,
            "donations/cancel.html",
            {"donation": donation, "error": error, "total": paid_total(donation)},
            status=503 if error else 200,
        )
    )


@csrf_exempt
@require_POST
def webhook(request):
    """Mollie's call: a payment's id, nothing else. The status is read from
    Mollie. 200 for our payments and for ids we do not know (Mollie calls
    again on anything else); 400 for what is no payment id; 503 when Mollie
    cannot be asked, so that it calls again later."""
    mollie_id = request.POST.get("id", "")
    if not PAYMENT_ID.match(mollie_id):
        return HttpResponse(
            "Not a payment id.\n", status=400, content_type="text/plain"
        )
    try:
        payment_sync(mollie_id=mollie_id)
    except (mollie.Unavailable, mollie.NotConfigured) as error:
        if isinstance(error, mollie.Unavailable) and error.status == 404:
            # Not a payment of ours, nor anyone's: answered as any other id,
            # so the webhook tells nobody which ids exist.
            return HttpResponse("OK\n", content_type="text/plain")
        logger.warning("Webhook for %s not handled: %s", mollie_id, error)
        return HttpResponse("Try again later.\n", status=503, content_type="text/plain")
    return HttpResponse("OK\n", content_type="text/plain")
