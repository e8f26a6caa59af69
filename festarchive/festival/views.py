from functools import partial

from django.core.paginator import Paginator
from django.shortcuts import render

from festarchive.core.limits import limit
from festarchive.core.links import absolute_url
from festarchive.core.numbers import parse_int
from festarchive.core.permalinks import follows_former_addresses
from festarchive.core.public import public_page

from . import queries
from .jsonld import edition_jsonld, prize_jsonld


@public_page
@follows_former_addresses("festival")
def festival_detail(request, slug):
    festival = queries.festival_get(slug=slug)
    return render(
        request,
        "festival/festival_detail.html",
        {
            "festival": festival,
            "editions": queries.festival_editions(festival),
            "sections": queries.festival_sections(festival),
        },
    )


@public_page
@follows_former_addresses("edition")
def edition_detail(request, slug):
    edition = queries.edition_get(slug=slug)
    programme = queries.edition_programme(edition)
    return render(
        request,
        "festival/edition_detail.html",
        {
            "edition": edition,
            "programme": programme,
            "awards": queries.edition_awards(edition),
            "juries": queries.edition_juries(edition),
            "jsonld": edition_jsonld(
                edition,
                programme,
                url=absolute_url(request, edition.get_absolute_url()),
                absolute=partial(absolute_url, request),
            ),
        },
    )


@public_page
@follows_former_addresses("section")
def section_detail(request, slug):
    section = queries.section_get(slug=slug)
    editions = list(queries.section_editions(section))
    edition = next((e for e in editions if e.slug == request.GET.get("edition")), None)
    films = queries.section_films(section, edition=edition)
    page = Paginator(films, limit("archive_listing_page")).get_page(
        parse_int(request.GET.get("page"))
    )
    return render(
        request,
        "festival/section_detail.html",
        {"section": section, "editions": editions, "edition": edition, "page": page},
    )


@public_page
def prize_list(request):
    return render(request, "festival/prize_list.html", {"groups": queries.prize_list()})


@public_page
@follows_former_addresses("award")
def prize_detail(request, slug):
    prize = queries.prize_get(slug=slug)
    years = queries.prize_years(prize)
    return render(
        request,
        "festival/prize_detail.html",
        {
            "prize": prize,
            "years": years,
            "jsonld": prize_jsonld(
                prize,
                years,
                url=absolute_url(request, prize.get_absolute_url()),
                absolute=partial(absolute_url, request),
            ),
        },
    )
