from functools import partial

from django.http import Http404
from django.shortcuts import redirect, render

from festarchive.core.links import absolute_url
from festarchive.core.numbers import parse_int
from festarchive.core.public import public_page

from . import queries
from .jsonld import company_jsonld, film_jsonld, person_jsonld
from .models import Film
from .signals import film_viewed


@public_page
def film_detail(request, slug):
    film = queries.film_get_for_page(slug=slug)
    film_viewed.send(sender=Film, film=film, request=request)
    # The page's own address in its language: canonical, shared and printed.
    page_url = absolute_url(request, film.get_absolute_url())
    jsonld = film_jsonld(film, url=page_url, absolute=partial(absolute_url, request))
    return render(
        request,
        "catalogue/film_detail.html",
        {
            "film": film,
            "media": queries.film_media(film),
            "credit_groups": queries.credits_by_role(film),
            "circuit": queries.film_circuit(film),
            "more_from": queries.film_more_from(
                film, selection=queries.film_host_selection(film)
            ),
            "page_url": page_url,
            # Staff see where the record came from; their pages are never
            # cached (they carry a session), so no visitor gets this.
            "provenances": queries.film_provenances(film)
            if request.user.is_staff
            else [],
            "share_image": jsonld.get("image", ""),
            "jsonld": jsonld,
        },
    )


def _filmography_page(request, template: str, name: str, obj, filmography, jsonld):
    """A person's or company's page: their films grouped by role."""
    role = request.GET.get("role")
    return render(
        request,
        template,
        {
            name: obj,
            "filmography": filmography(
                obj, role_slug=role, page_number=parse_int(request.GET.get("page"))
            ),
            "role_filter": role,
            "jsonld": jsonld(obj, url=absolute_url(request, obj.get_absolute_url())),
        },
    )


@public_page
def person_detail(request, slug):
    try:
        person = queries.person_get(slug=slug)
    except Http404:
        # A merged record's old address leads to the record it was merged into.
        if merged_into := queries.person_merged_into(slug=slug):
            return redirect(merged_into, permanent=True)
        raise
    return _filmography_page(
        request,
        "catalogue/person_detail.html",
        "person",
        person,
        queries.person_filmography,
        person_jsonld,
    )


@public_page
def company_detail(request, slug):
    try:
        company = queries.company_get(slug=slug)
    except Http404:
        # A merged record's old address leads to the record it was merged into.
        if merged_into := queries.company_merged_into(slug=slug):
            return redirect(merged_into, permanent=True)
        raise
    return _filmography_page(
        request,
        "catalogue/company_detail.html",
        "company",
        company,
        queries.company_filmography,
        company_jsonld,
    )
