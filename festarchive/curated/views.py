from functools import partial

from django.shortcuts import render

from festarchive.core.links import absolute_url
from festarchive.core.public import public_page

from . import queries
from .jsonld import selection_jsonld


@public_page
def selection_list(request):
    """The published selections, each with the start of its introduction."""
    return render(
        request,
        "curated/selection_list.html",
        {"selections": queries.selection_list()},
    )


@public_page
def selection_detail(request, slug):
    """A selection: its introduction, then its films in order with their notes."""
    selection = queries.selection_get(slug=slug)
    films = queries.selection_films(selection)
    return render(
        request,
        "curated/selection_detail.html",
        {
            "selection": selection,
            "films": films,
            "jsonld": selection_jsonld(
                selection,
                films,
                url=absolute_url(request, selection.get_absolute_url()),
                absolute=partial(absolute_url, request),
            ),
        },
    )
