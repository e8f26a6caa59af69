"""The reconciliation endpoint and its previews (``service``)."""

from csp.decorators import csp_replace
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from festarchive.catalogue.models import Film
from festarchive.catalogue.queries import film_director_names
from festarchive.core import permalinks
from festarchive.core.links import site_origin
from festarchive.core.public import public_page

from . import service


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"status": "error", "message": message}, status=status)


# OpenRefine POSTs without a CSRF token, and the endpoint changes nothing.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint(request):
    """The manifest without ``queries``; with them (in the query string or a
    form body), each query's candidates. A batch that cannot be read is a
    400 with a JSON message saying why."""
    arguments = request.POST if request.method == "POST" else request.GET
    raw = arguments.get("queries")
    if raw is None:
        if request.method == "POST":
            return _error("Send the queries as the form field 'queries'.")
        return JsonResponse(service.manifest(origin=site_origin(request)))
    try:
        queries = service.parse_batch(raw)
    except service.BadQuery as error:
        return _error(str(error))
    return JsonResponse(service.reconcile(queries))


@public_page
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
@require_http_methods(["GET", "HEAD"])
def preview(request):
    """A small page about one record (``?id=film/12``), for OpenRefine to
    show in a frame beside a candidate."""
    kind_name, _, pk = (request.GET.get("id") or "").partition("/")
    if kind_name not in service.TYPES or not pk.isdigit():
        raise Http404("No such record.")
    record = permalinks.current(permalinks.get_kind(kind_name), int(pk[:20]))
    if record is None:
        raise Http404("No such record.")
    return render(
        request,
        "reconcile/preview.html",
        {
            "record": record,
            "kind": kind_name,
            "directors": film_director_names(record)
            if isinstance(record, Film)
            else [],
            "permalink": permalinks.permalink(record),
        },
    )
