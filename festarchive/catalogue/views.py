from functools import partial

from django.shortcuts import render

from festarchive.core.links import absolute_url
from festarchive.core.numbers import parse_int
from festarchive.core.permalinks import follows_former_addresses
from festarchive.core.public import public_page

from . import queries
from .jsonld import company_jsonld, film_jsonld, person_jsonld
from .models import Film
from .signals import film_viewed


@public_page
@follows_former_addresses("film")
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


def _filmography_page(
    request, template: str, name: str, obj, filmography, jsonld, **extra
):
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
            "jsonld": jsonld(
                obj, url=absolute_url(request, obj.get_absolute_url()), **extra
            ),
            **extra,
        },
    )


@public_page
@follows_former_addresses("person")
def person_detail(request, slug):
    person = queries.person_get(slug=slug)
    return _filmography_page(
        request,
        "catalogue/person_detail.html",
        "person",
        person,
        queries.person_filmography,
        person_jsonld,
        jury_service=queries.person_jury_service(person),
    )


@public_page
@follows_former_addresses("company")
def company_detail(request, slug):
    company = queries.company_get(slug=slug)
    return _filmography_page(
        request,
        "catalogue/company_detail.html",
        "company",
        company,
        queries.company_filmography,
        company_jsonld,
    )
