import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token

from . import citations, permalinks
from .public import public_page

# What the database driver raises when it cannot be reached at all.
DATABASE_DOWN = (OperationalError, InterfaceError)


def switch_language(request, language):
    """The language switch: remember the choice (``/`` leads back to it), then
    show the same page in that language.

    Pages themselves never set the cookie: a page that sets one cannot be
    shared by caches and proxies.
    """
    if language not in dict(settings.LANGUAGES):
        raise Http404("No such language.")
    target = request.GET.get("next", "")
    # Only an address of our own, in the language chosen, on one line.
    if not target.startswith(f"/{language}/") or not target.isprintable():
        target = f"/{language}/"
    response = redirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
    )
    return response


def language_root(request):
    """Send ``/`` to the visitor's language: their last choice, else the browser's."""
    language = translation.get_language_from_request(request, check_path=False)
    return redirect(f"/{language}/")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    # Rendered without the request context: whatever broke may break it again.
    from django.http import HttpResponse, HttpResponseServerError
    from django.template import loader

    context = {"site_name": settings.FESTARCHIVE["SITE_NAME"]}
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        # The database cannot be reached (stopped, restarting, failing over):
        # a temporary state, said as such, with a hint when to come back.
        response = HttpResponse(
            loader.get_template("503.html").render(context), status=503
        )
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render(context))


def record(request, kind, pk):
    """A permalink: to the record's page as it is now (a merged record's, to
    the record it was merged into). Temporary, as the page's own address may
    change again; the permalink does not."""
    found = permalinks.current(permalinks.get_kind(kind), pk)
    if found is None:
        raise Http404("No record at that address.")
    return redirect(found.get_absolute_url())


@public_page
def record_citation(request, kind, pk, fmt):
    """A record's citation as a file: CSL-JSON, BibTeX or RIS."""
    record_kind = permalinks.get_kind(kind)
    if record_kind.cite is None or fmt not in citations.FORMATS:
        raise Http404("No such citation.")
    found = permalinks.current(record_kind, pk)
    if found is None:
        raise Http404("No record at that address.")
    if found.pk != pk:  # merged: the kept record's citation
        return redirect(permalinks.citation_url(found, fmt))
    content_type, write = citations.FORMATS[fmt]
    citation = record_kind.cite(found, request)
    response = HttpResponse(write(citation), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{citation.key}.{fmt}"'
    return response
