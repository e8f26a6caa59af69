from functools import partial
from urllib.parse import parse_qsl

from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils.datastructures import MultiValueDict
from django_htmx.http import push_url

from festarchive.catalogue.models import Film
from festarchive.core import pagetags
from festarchive.core.limits import limit
from festarchive.core.links import absolute_url
from festarchive.core.public import public_page
from festarchive.professionals.access import sees_private

from .download import csv_lines
from .queries import (
    LETTERS,
    RESULTS_FRESH_FOR,
    SORTS,
    archive_film_ids,
    archive_search,
    parse_params,
)


def _query_data(request) -> tuple[MultiValueDict, bool]:
    # Django refuses query strings of more than 1,000 fields with a 400; a
    # search URL mangled into 10,000 filters still gets a page, built from the
    # first few.
    most = limit("search_max_query_fields")
    raw = request.META.get("QUERY_STRING", "")
    fields = raw.split("&", most)
    data = MultiValueDict()
    for key, value in parse_qsl("&".join(fields[:most]), keep_blank_values=True):
        data.appendlist(key, value)
    return data, len(fields) > most


@public_page(max_age=RESULTS_FRESH_FOR)
def archive(request):
    """The archive: search, facets and A–Z browsing in one page.

    htmx requests (typing in the box, following a facet link) get only the
    results region; everything else, including htmx's own history restores,
    gets the whole page.
    """
    data, cut = _query_data(request)
    # Professionals and staff also filter by availability; their pages carry
    # a session, so they are never cached for anyone else.
    private = sees_private(request.user)
    params = parse_params(data, private=private)
    params.fields_truncated = cut
    # A film added or deleted shows at once; other changes to what matches a
    # search within RESULTS_FRESH_FOR.
    pagetags.show(pagetags.collection(Film))
    results = archive_search(params, private=private)
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    response = render(
        request,
        "search/_results.html" if partial else "search/archive.html",
        {"results": results, "params": params, "sorts": SORTS, "letters": LETTERS},
    )
    if partial:
        # The address bar shows the search in its tidy form, without the empty
        # fields a form submits.
        push_url(response, request.path + params.current_url.rstrip("?"))
    return response


def archive_csv(request):
    """Every film of a search (same words, filters and order) as CSV."""
    data, _cut = _query_data(request)
    private = sees_private(request.user)
    params = parse_params(data, private=private)
    # Only which films: availability itself is never a column of the CSV.
    film_ids = archive_film_ids(params, private=private)
    response = StreamingHttpResponse(
        csv_lines(film_ids, partial(absolute_url, request)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = (
        'attachment; filename="festival-archive-films.csv"'
    )
    return response
