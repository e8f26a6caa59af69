"""Screener requests. A professional asks from a film's page and follows
their requests under My requests; the rights holder answers from the signed
link in their e-mail, without an account. Every form works as a plain post."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from festarchive.catalogue.models import Film
from festarchive.core.i18n import localized

from ..access import is_professional, professional_required
from ..forms.requests import AnswerForm, ReplyForm, RequestForm
from ..holder_pages import holder_headers
from ..models import ScreenerRequest
from ..queries import requests as queries
from ..queries.contacts import film_holder
from ..services import requests as services

MAIL_FAILED = gettext_lazy(
    "We could not send the e-mail just now, so nothing was changed. "
    "Please try again in a few minutes."
)


def _add_errors(form, error: ValidationError) -> None:
    # A refusal of the service is about the request as a whole.
    for message in error.messages:
        form.add_error(None, message)


@professional_required
@require_http_methods(["GET", "POST"])
def request_create(request, slug):
    film = get_object_or_404(Film.objects.published(), slug=slug)
    if not is_professional(request.user):
        messages.info(
            request,
            _(
                "Requests are made by accredited professionals. Festival staff "
                "follow them in the admin."
            ),
        )
        return redirect(film)
    form = RequestForm(request.POST or None)
    has_holder = film_holder(film) is not None
    if request.method == "POST" and has_holder and form.is_valid():
        try:
            screener_request = services.request_create(
                film=film,
                professional=request.user,
                language=get_language(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            _add_errors(form, error)
        except services.MailNotSent:
            form.add_error(None, MAIL_FAILED)
        else:
            messages.success(
                request,
                _(
                    "Your request is on its way to %(holder)s. We will e-mail you "
                    "when they answer."
                )
                % {"holder": screener_request.holder_name},
            )
            return redirect("professionals:my-request", pk=screener_request.pk)
    return render(
        request,
        "professionals/request_form.html",
        {
            "film": film,
            "film_title": localized(film, "title"),
            "form": form,
            "has_holder": has_holder,
            "office_email": settings.FESTARCHIVE["PRO_OFFICE_EMAIL"],
            "open_requests": queries.own_requests(request.user).filter(
                film=film, status__in=ScreenerRequest.OPEN
            ),
        },
    )


@professional_required
def my_requests(request):
    return render(
        request,
        "professionals/my_requests.html",
        {"screener_requests": queries.own_requests(request.user)},
    )


def _detail(request, screener_request, *, reply_form=None, status=200):
    return render(
        request,
        "professionals/my_request.html",
        {
            "screener_request": screener_request,
            "film_title": localized(screener_request.film, "title"),
            "history": queries.request_history(screener_request),
            "reply_form": reply_form or ReplyForm(),
        },
        status=status,
    )


@professional_required
def my_request(request, pk):
    return _detail(request, queries.own_request_get(user=request.user, pk=pk))


@professional_required
@require_POST
def request_reply(request, pk):
    screener_request = queries.own_request_get(user=request.user, pk=pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.request_reply(
                screener_request=screener_request,
                by=request.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            # The request moved on (answered meanwhile): the page says where.
            messages.error(request, " ".join(error.messages))
        except services.MailNotSent:
            messages.error(request, MAIL_FAILED)
        else:
            messages.success(
                request, _("Your reply is on its way to the rights holder.")
            )
        return redirect("professionals:my-request", pk=pk)
    return _detail(request, screener_request, reply_form=form, status=400)


@professional_required
@require_POST
def request_withdraw(request, pk):
    screener_request = queries.own_request_get(user=request.user, pk=pk)
    try:
        services.request_withdraw(screener_request=screener_request, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except services.MailNotSent:
        messages.error(request, MAIL_FAILED)
    else:
        messages.success(
            request,
            _("You withdrew the request. We have told the rights holder."),
        )
    return redirect("professionals:my-request", pk=pk)


@require_http_methods(["GET", "POST"])
def holder_request(request, token):
    """The rights holder's page: the request, its history, and their three
    answers, each a form of its own."""
    try:
        screener_request = queries.holder_request_get(token=token)
    except Http404:
        return holder_headers(
            render(
                request,
                "professionals/holder_link_invalid.html",
                {
                    "office_email": settings.FESTARCHIVE["PRO_OFFICE_EMAIL"],
                    "max_age_days": queries.HOLDER_LINK_MAX_AGE.days,
                },
                status=404,
            )
        )
    forms = {
        action: AnswerForm(initial={"action": action}, auto_id=f"{action}-%s")
        for action in services.ANSWERS
    }
    posted = request.POST.get("action") if request.method == "POST" else None
    status = 200
    page_errors = []
    if request.method == "POST":
        form = AnswerForm(
            request.POST,
            auto_id=f"{posted}-%s" if posted in services.ANSWERS else "id_%s",
        )
        if posted in services.ANSWERS:
            forms[posted] = form
        if form.is_valid():
            try:
                services.request_answer(
                    screener_request=screener_request, **form.cleaned_data
                )
            except ValidationError as error:
                _add_errors(form, error)
            except services.MailNotSent:
                form.add_error(None, MAIL_FAILED)
            else:
                messages.success(
                    request,
                    _("Thank you. We have sent your answer to the professional."),
                )
                return holder_headers(redirect(request.get_full_path()))
        if posted not in services.ANSWERS or not screener_request.is_open:
            # No form of this answer is on the page to show them in.
            page_errors = [e for errors in form.errors.values() for e in errors]
        status = 400
    film = screener_request.film
    return holder_headers(
        render(
            request,
            "professionals/holder_request.html",
            {
                "screener_request": screener_request,
                "film": film,
                "film_title": localized(film, "title"),
                "requester": queries.requester(screener_request.professional),
                "history": queries.request_history(screener_request),
                "forms": forms,
                "page_errors": page_errors,
                "office_email": settings.FESTARCHIVE["PRO_OFFICE_EMAIL"],
            },
            status=status,
        )
    )


urlpatterns = [
    path("films/<slug:slug>/request-screener/", request_create, name="request-create"),
    path("professionals/requests/", my_requests, name="my-requests"),
    path("professionals/requests/<int:pk>/", my_request, name="my-request"),
    path("professionals/requests/<int:pk>/reply/", request_reply, name="request-reply"),
    path(
        "professionals/requests/<int:pk>/withdraw/",
        request_withdraw,
        name="request-withdraw",
    ),
    path("holder/requests/<str:token>/", holder_request, name="holder-request"),
]
