"""Favourites, lists and "My archive". Every write is a POST with a CSRF token;
htmx requests get the changed fragment back, plain form posts a redirect."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from festarchive.catalogue.models import Film
from festarchive.core.i18n import localized
from festarchive.core.links import absolute_url
from festarchive.core.numbers import parse_int

from . import queries, services
from .forms import AddToListForm, FilmListForm, NoteForm
from .templatetags.lists import add_to_list_context

# The film an anonymous visitor wanted as a favourite, set once they log in.
PENDING_FAVOURITE = "lists:pending-favourite"


def _back(request, fallback: str) -> str:
    """Where a plain form post returns to: its ``next``, if it is ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _published_film(slug: str) -> Film:
    return get_object_or_404(Film.objects.published(), slug=slug)


@require_http_methods(["GET", "POST"])
def favourite(request, slug):
    """POST sets or clears a favourite. A visitor who is not logged in is asked
    to log in and comes back to the film; one who posted the heart (from a page
    kept open since they logged out) finds the favourite set.

    A GET changes nothing: the logged-out heart is a plain link, which crawlers,
    link previews and other sites' pages may follow too.
    """
    film = _published_film(slug)
    if not request.user.is_authenticated:
        if request.method == "POST":
            # Remembered in the session, which survives logging in.
            request.session[PENDING_FAVOURITE] = film.pk
        login = (
            f"{reverse('account_login')}?{urlencode({'next': film.get_absolute_url()})}"
        )
        if request.htmx:
            return HttpResponse(status=204, headers={"HX-Redirect": login})
        return redirect(login)
    if request.method == "GET":
        return redirect(film.get_absolute_url())
    on = request.POST.get("on") != "0"
    services.favourite_set(user=request.user, film=film, on=on)
    if request.htmx:
        return render(
            request, "lists/_favourite.html", {"film": film, "is_favourite": on}
        )
    return redirect(_back(request, film.get_absolute_url()))


@login_required
def my_archive(request):
    return render(
        request,
        "lists/my_archive.html",
        {
            "favourites": queries.favourite_films(request.user),
            "lists": queries.own_lists(request.user),
            "recent": queries.recent_films(request.user),
            "new_list_form": FilmListForm(),
        },
    )


@login_required
def list_create(request):
    form = FilmListForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        film_list = services.list_create(user=request.user, **form.cleaned_data)
        return redirect(film_list)
    return render(request, "lists/list_form.html", {"form": form})


@login_required
def list_detail(request, pk):
    film_list = queries.own_list_get(user=request.user, pk=pk)
    form = FilmListForm(request.POST or None, instance=film_list)
    if request.method == "POST":
        if form.is_valid():
            services.list_update(film_list=film_list, **form.cleaned_data)
            messages.success(request, _("The list is saved."))
            return redirect(film_list)
    return render(
        request,
        "lists/list_detail.html",
        {
            "film_list": film_list,
            "items": queries.list_items(film_list),
            "form": form,
            "share_url": absolute_url(request, film_list.get_public_url())
            if film_list.get_public_url()
            else "",
        },
    )


@login_required
@require_POST
def list_share(request, pk):
    film_list = queries.own_list_get(user=request.user, pk=pk)
    public = request.POST.get("public") == "1"
    services.list_set_public(film_list=film_list, public=public)
    if public:
        messages.success(
            request, _("The list is public: anyone with its address can see it.")
        )
    else:
        messages.success(
            request, _("The list is private again; its old address no longer works.")
        )
    return redirect(film_list)


@login_required
@require_POST
def list_delete(request, pk):
    film_list = queries.own_list_get(user=request.user, pk=pk)
    name = film_list.name
    services.list_delete(film_list=film_list)
    messages.success(request, _("Deleted the list “%(name)s”.") % {"name": name})
    return redirect("lists:my-archive")


def _list_change_done(request, film: Film, status: str, *, error=False, **extra):
    """After adding a film to a list or taking it out: for htmx, the film's
    add-to-list forms again with ``status`` in their status line (the page
    stays as it was); for a plain form post, ``status`` as a message and back
    to the page."""
    if request.htmx:
        context = add_to_list_context(
            request,
            film,
            own_lists_=list(queries.own_lists(request.user)),
            memberships=queries.list_memberships(request.user),
        )
        return render(
            request,
            "lists/_add_to_list_swap.html",
            {
                **context,
                "status": status,
                "next": _back(request, film.get_absolute_url()),
                **extra,
            },
        )
    (messages.error if error else messages.success)(request, status)
    return redirect(_back(request, film.get_absolute_url()))


@login_required
@require_POST
def list_add(request, slug):
    """Add a film to one of the visitor's lists (or to a new one)."""
    film = _published_film(slug)
    chosen = request.POST.get("film_list", "")
    if chosen:
        # Someone else's list (or none) is not found, like every other way in.
        pk = parse_int(chosen)
        if pk is None:
            raise Http404
        queries.own_list_get(user=request.user, pk=pk)
    form = AddToListForm(request.POST, lists=queries.own_lists(request.user))
    if not form.is_valid():
        # Whatever was wrong: no list chosen, or a new name that is too long.
        return _list_change_done(
            request,
            film,
            " ".join(e for errors in form.errors.values() for e in errors),
            error=True,
        )
    if form.cleaned_data.get("film_list"):
        film_list = queries.own_list_get(
            user=request.user, pk=form.cleaned_data["film_list"]
        )
    else:
        film_list = services.list_create(
            user=request.user, name=form.cleaned_data["new_list"]
        )
    services.list_add_film(film_list=film_list, film=film)
    return _list_change_done(
        request,
        film,
        _("Added %(film)s to “%(list)s”.")
        % {"film": localized(film, "title").text, "list": film_list.name},
    )


@login_required
@require_POST
def list_remove(request, slug):
    """Take a film out of one of the visitor's lists, from the film's page or
    a search result."""
    film = _published_film(slug)
    pk = parse_int(request.POST.get("film_list"))
    if pk is None:
        raise Http404
    film_list = queries.own_list_get(user=request.user, pk=pk)
    item = get_object_or_404(film_list.items, film=film)
    services.list_remove_item(item=item)
    # The button pressed is gone: the Add button takes the focus.
    return _list_change_done(
        request,
        film,
        _("Removed %(film)s from “%(list)s”.")
        % {"film": localized(film, "title").text, "list": film_list.name},
        focus_add=True,
    )


@login_required
@require_POST
def item_remove(request, pk, item_pk):
    item = queries.own_item_get(user=request.user, list_pk=pk, item_pk=item_pk)
    services.list_remove_item(item=item)
    return redirect(item.film_list)


@login_required
@require_POST
def item_move(request, pk, item_pk):
    item = queries.own_item_get(user=request.user, list_pk=pk, item_pk=item_pk)
    services.list_move_item(item=item, by=-1 if request.POST.get("to") == "up" else 1)
    return redirect(item.film_list)


@login_required
@require_POST
def item_note(request, pk, item_pk):
    item = queries.own_item_get(user=request.user, list_pk=pk, item_pk=item_pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.list_item_set_note(item=item, note=form.cleaned_data["note"])
    else:
        messages.error(request, " ".join(form.errors["note"]))
    return redirect(item.film_list)


def public_list(request, token):
    film_list = queries.public_list_get(token=token)
    response = render(
        request,
        "lists/public_list.html",
        {"film_list": film_list, "items": queries.list_items(film_list)},
    )
    # A shared list may become private at any moment: no shared cache keeps it.
    response["Cache-Control"] = "private, no-cache"
    return response
