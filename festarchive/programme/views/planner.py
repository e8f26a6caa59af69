"""A visitor's "My festival": starring screenings, the plan by day with its
clashes, its settings, the printable plan, the shared plan and the calendar
feed. Every write is a POST with a CSRF token; htmx requests get the changed
fragment back, plain form posts a redirect.

None of these pages is a ``public_page``: the page cache never stores them.
"""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from festarchive.core.links import absolute_url

from .. import plans, services
from ..calendars import calendar_for
from ..clock import festival_zone
from ..templatetags.planner import star_context
from ..vocabulary import TravelMode

# The screening an anonymous visitor starred, planned once they log in.
PENDING_STAR = "programme:pending-star"
CALENDAR_TYPE = "text/calendar; charset=utf-8"
# Personal pages and secret addresses: no shared cache keeps them, no search
# engine lists them.
PRIVATE = "private, no-cache"
NOINDEX = "noindex, nofollow"


class PlannerSettingsForm(forms.Form):
    travel_mode = forms.ChoiceField(
        label=gettext_lazy("How do you get from one venue to the next?"),
        choices=TravelMode.choices,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": gettext_lazy("Choose walking or cycling."),
            "required": gettext_lazy("Choose walking or cycling."),
        },
    )
    is_shared = forms.BooleanField(
        label=gettext_lazy("Share my plan with anyone who has its link"),
        required=False,
    )


def _back(request, fallback: str) -> str:
    """Where a plain form post returns to: its ``next``, if it is ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _private(response, *, noindex: bool = False):
    response["Cache-Control"] = PRIVATE
    if noindex:
        response["X-Robots-Tag"] = NOINDEX
    return response


@require_POST
def star(request, uid):
    """Put a screening on the plan (``on=1``) or take it off (``on=0``); with
    no ``on``, the star toggles. A visitor who is not signed in is sent to log
    in and back, and finds the screening planned."""
    screening = plans.screening_get(uid)
    back = _back(request, screening.get_absolute_url())
    if not request.user.is_authenticated:
        request.session[PENDING_STAR] = str(screening.uid)
        login = f"{reverse('account_login')}?{urlencode({'next': back})}"
        if request.htmx:
            return HttpResponse(status=204, headers={"HX-Redirect": login})
        return redirect(login)
    wanted = request.POST.get("on")
    if wanted in ("0", "1"):
        on = wanted == "1"
    else:
        on = screening.pk not in plans.planned_ids(request)
    if on:
        services.plan_add(user=request.user, screening=screening)
    else:
        services.plan_remove(user=request.user, screening=screening)
    if request.htmx:
        return _private(
            render(
                request,
                "programme/_star.html",
                star_context(request, screening, is_planned=on, next_url=back),
            )
        )
    if on:
        messages.success(
            request,
            _("Added %(title)s to My festival.") % {"title": screening.title},
        )
    else:
        messages.success(
            request,
            _("Took %(title)s off My festival.") % {"title": screening.title},
        )
    return redirect(back)


def _feed_urls(request, planner) -> dict:
    https = absolute_url(
        request, reverse("programme:planner-feed", kwargs={"token": planner.feed_token})
    )
    _scheme, _sep, rest = https.partition("://")
    return {"feed_url": https, "webcal_url": f"webcal://{rest}"}


def _my_festival_page(request, form=None, status=200):
    planner = services.planner_for(request.user)
    share_url = (
        absolute_url(
            request,
            reverse("programme:planner-shared", kwargs={"token": planner.share_token}),
        )
        if planner.is_shared
        else ""
    )
    context = {
        "planner": planner,
        "plan": plans.plan_by_day(planner),
        "form": form
        or PlannerSettingsForm(
            initial={
                "travel_mode": planner.travel_mode,
                "is_shared": planner.is_shared,
            }
        ),
        "share_url": share_url,
        **_feed_urls(request, planner),
    }
    return _private(
        render(request, "programme/my_festival.html", context, status=status),
        noindex=True,
    )


@login_required
@require_safe
def my_festival(request):
    """The visitor's plan by day, with its clashes, settings and feed."""
    return _my_festival_page(request)


@login_required
@require_POST
def planner_settings(request):
    """How the visitor travels and whether the plan is shared."""
    form = PlannerSettingsForm(request.POST)
    if not form.is_valid():
        return _my_festival_page(request, form=form, status=400)
    before = services.planner_for(request.user)
    was_shared = before.is_shared
    planner = services.planner_settings_update(user=request.user, **form.cleaned_data)
    if planner.is_shared and not was_shared:
        messages.success(
            request,
            _("Your plan is shared: anyone with its link can see it."),
        )
    elif was_shared and not planner.is_shared:
        messages.success(
            request,
            _("Your plan is private again; its old link no longer works."),
        )
    else:
        messages.success(request, _("Your settings are saved."))
    return redirect(reverse("programme:planner") + "#settings")


@login_required
@require_POST
def feed_rotate(request):
    """A new secret feed address; the old one stops working at once."""
    services.feed_token_rotate(user=request.user)
    messages.success(
        request,
        _(
            "Your calendar has a new address. The old one no longer works: "
            "subscribe again with the new one."
        ),
    )
    return redirect(reverse("programme:planner") + "#feed")


@login_required
@require_safe
def my_festival_print(request):
    """The plan on paper: one page a day, no buttons."""
    planner = services.planner_for(request.user)
    return _private(
        render(
            request,
            "programme/my_festival_print.html",
            {"planner": planner, "plan": plans.plan_by_day(planner)},
        ),
        noindex=True,
    )


@require_safe
def shared_plan(request, token):
    """A plan its owner shares by link, read-only: the owner's display name
    at most, never their e-mail address or feed."""
    planner = plans.planner_by_share_token(token)
    return _private(
        render(
            request,
            "programme/shared_plan.html",
            {
                "owner_name": planner.user.display_name,
                "plan": plans.plan_by_day(planner),
            },
        ),
        noindex=True,
    )


def _calendar_response(body: bytes, *, filename: str | None = None):
    response = HttpResponse(body, content_type=CALENDAR_TYPE)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _private(response, noindex=True)


@require_safe
def feed(request, token):
    """The visitor's plan as a calendar to subscribe to, by its secret
    address: no session needed, and 404 once the address was replaced."""
    planner = plans.planner_by_feed_token(token)
    body = calendar_for(
        plans.planned_screenings(planner),
        request,
        name=_("My festival · %(site)s") % {"site": settings.FESTARCHIVE["SITE_NAME"]},
        feed=True,
    )
    return _calendar_response(body)


@require_safe
def screening_ics(request, uid):
    """One screening as a calendar file to download."""
    screening = plans.screening_get(uid)
    body = calendar_for([screening], request, name=screening.title)
    day = screening.starts_at.astimezone(festival_zone())
    filename = f"{slugify(screening.title) or 'screening'}-{day:%Y%m%d-%H%M}.ics"
    return _calendar_response(body, filename=filename)
