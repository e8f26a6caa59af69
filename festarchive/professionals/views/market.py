"""The market library: browsing it, a film's player, the video stream behind
the player and its heartbeat, and the rights holder's page.

The video is never at a public address. The player's page signs a link for
its viewer (``market_links``), and ``video`` serves the file only to that
viewer, logged in and still allowed to watch, while the link is fresh.
"""

import hashlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from festarchive.core.numbers import parse_int

from ..access import professional_required
from ..forms.availability import AvailabilityForm
from ..forms.market import RoleLimitForm
from ..holder_pages import holder_headers
from ..market_links import holder_entry, video_token_read, video_url
from ..models import FilmAvailability, MarketEntry, Viewing
from ..queries.market import (
    LibraryParams,
    market_entry_get,
    market_entry_page,
    market_library,
    may_watch,
    report_csv,
    report_rows,
    reported_viewings,
    role_labels,
    watermark_lines,
)
from ..screeners import content_type
from ..services.contacts import availability_save
from ..services.market import market_limit_roles, viewing_progress, viewing_start
from ..streaming import ranged_response

# Pages and answers that carry a signed link or a viewer's data: kept by no
# cache, shared or the browser's.
NO_STORE = "private, no-store"
# A watch time nobody reaches; anything above is a broken or hostile player.
MOST_SECONDS = 7 * 24 * 60 * 60


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = NO_STORE
    return response


@require_safe
@professional_required
def library(request):
    """One edition's market library with its filters (GET parameters, so
    every filtered list is a link that works without JavaScript)."""
    params = LibraryParams.from_query(request.GET)
    found = market_library(user=request.user, params=params)
    return _private(
        render(request, "professionals/market_library.html", {"library": found})
    )


@require_GET
@professional_required
def entry(request, pk):
    """A film of the library, with its player for a viewer who may watch it.
    Opening the page starts a viewing in the log."""
    found = market_entry_get(pk=pk, user=request.user)
    page = market_entry_page(entry=found, user=request.user)
    context = {"entry": found, "film": found.film, "page": page}
    if page.may_watch and found.screener:
        viewing = viewing_start(entry=found, viewer=request.user)
        context.update(
            viewing=viewing,
            video_url=video_url(entry=found, viewer=request.user),
            progress_url=reverse(
                "professionals:market-progress", kwargs={"pk": viewing.pk}
            ),
            watermark=watermark_lines(user=request.user, viewing=viewing),
        )
    response = render(request, "professionals/market_entry.html", context)
    # The signed link must not outlive the page in a shared cache.
    return _private(response)


def _etag(name: str, size: int) -> str:
    # Names the file's version without naming the file.
    digest = hashlib.sha256(f"{name}:{size}".encode()).hexdigest()[:32]
    return f'"{digest}"'


@require_safe
def video(request, token):
    """The screener, in the byte ranges the player asks for, to the viewer
    the link was signed for. Anyone else, or a stale link, gets 403."""
    signed = video_token_read(token)
    if (
        signed is None
        or not request.user.is_authenticated
        or request.user.pk != signed[1]
    ):
        raise PermissionDenied
    found = MarketEntry.objects.select_related("film").filter(pk=signed[0]).first()
    if found is None or not found.screener:
        raise Http404
    if not may_watch(request.user, found):
        raise PermissionDenied
    name = found.screener.name
    storage = found.screener.storage
    try:
        size = storage.size(name)
        file = storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    return ranged_response(
        request,
        file,
        size=size,
        content_type=content_type(name),
        etag=_etag(name, size),
        headers={
            "Cache-Control": NO_STORE,
            "Content-Disposition": "inline",
            "X-Robots-Tag": "noindex",
        },
    )


def _json(data: dict | None = None, *, status: int = 200, error: str = ""):
    if error:
        body = {"ok": False, "status": status, "errors": [error]}
    else:
        body = {"ok": True, "data": data or {}}
    return _private(JsonResponse(body, status=status))


@require_POST
def progress(request, pk):
    """The player's heartbeat: how long it has played so far. The answer
    carries a freshly signed link, for the player to pick up again when its
    own has expired (after a long pause, say)."""
    if not request.user.is_authenticated:
        return _json(status=403, error=_("Log in again to carry on watching."))
    viewing = (
        Viewing.objects.select_related("entry__film")
        .filter(pk=pk, viewer=request.user)
        .first()
    )
    if viewing is None:
        raise Http404
    if not may_watch(request.user, viewing.entry):
        return _json(status=403, error=_("You may no longer watch this film."))
    seconds = parse_int(request.POST.get("seconds"), high=MOST_SECONDS)
    if seconds is None:
        return _json(status=400, error=_("The time watched is missing."))
    viewing = viewing_progress(viewing=viewing, seconds=seconds)
    return _json(
        {
            "seconds_watched": viewing.seconds_watched,
            "source": video_url(entry=viewing.entry, viewer=request.user),
        }
    )


def _gone(request) -> HttpResponse:
    """A holder's link that is not (or no longer) good: what to do next."""
    return holder_headers(
        render(request, "professionals/holder_market_gone.html", status=404)
    )


@require_http_methods(["GET", "HEAD", "POST"])
def holder(request, token):
    """The rights holder's page, opened from the link in their report (no
    account): who watched the film, a CSV of it, and which professional roles
    may watch it."""
    found = holder_entry(token)
    if found is None:
        return _gone(request)
    form = RoleLimitForm(
        request.POST if request.method == "POST" else None,
        initial={"roles": found.allowed_roles},
    )
    if request.method == "POST" and form.is_valid():
        try:
            market_limit_roles(
                entry=found, roles=form.cleaned_data["roles"], by_holder=True
            )
        except ValidationError as error:
            form.add_error("roles", error)
        else:
            if found.allowed_roles:
                messages.success(
                    request,
                    _("Saved. Only these professionals may watch the film: %(roles)s.")
                    % {"roles": ", ".join(role_labels(found.allowed_roles))},
                )
            else:
                messages.success(
                    request,
                    _("Saved. Every accredited professional may watch the film."),
                )
            return holder_headers(redirect(request.path))
    return _holder_page(request, found, token, form=form)


def _holder_page(request, found, token, *, form=None, availability_form=None):
    rows = report_rows(reported_viewings(found))
    return holder_headers(
        render(
            request,
            "professionals/holder_market.html",
            {
                "entry": found,
                "film": found.film,
                "rows": rows,
                "minutes": sum(row.minutes for row in rows),
                "allowed_roles": role_labels(found.allowed_roles),
                "form": form or RoleLimitForm(initial={"roles": found.allowed_roles}),
                "availability_form": availability_form
                or AvailabilityForm(instance=_availability_of(found.film)),
                "token": token,
            },
        )
    )


@require_POST
def holder_availability(request, token):
    """The rights holder states what is still available of their film; its
    professionals see it on the film's page and filter the archive by it."""
    found = holder_entry(token)
    if found is None:
        return _gone(request)
    form = AvailabilityForm(request.POST, instance=_availability_of(found.film))
    if form.is_valid():
        availability_save(availability=form.save(commit=False), by_holder=True)
        messages.success(
            request, _("Saved. Professionals see what is available on the film's page.")
        )
        return holder_headers(redirect("professionals:holder-market", token=token))
    return _holder_page(request, found, token, availability_form=form)


def _availability_of(film) -> FilmAvailability:
    return FilmAvailability.objects.filter(film=film).first() or FilmAvailability(
        film=film
    )


@require_safe
def holder_csv(request, token):
    """The holder's viewing report as a CSV file."""
    found = holder_entry(token)
    if found is None:
        return _gone(request)
    rows = report_rows(reported_viewings(found))
    response = HttpResponse(report_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="viewings-{found.film.slug}.csv"'
    )
    return holder_headers(response)


urlpatterns = [
    path("professionals/market/", library, name="market"),
    path("professionals/market/<int:pk>/", entry, name="market-film"),
    path("professionals/market/video/<str:token>/", video, name="market-video"),
    path(
        "professionals/market/viewings/<int:pk>/progress/",
        progress,
        name="market-progress",
    ),
    path("holder/market/<str:token>/", holder, name="holder-market"),
    path(
        "holder/market/<str:token>/availability/",
        holder_availability,
        name="holder-market-availability",
    ),
    path(
        "holder/market/<str:token>/viewings.csv",
        holder_csv,
        name="holder-market-csv",
    ),
]
