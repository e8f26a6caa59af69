from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from festarchive.core.public import keep_at_most, public_page
from festarchive.core.spreadsheets import csv_writer
from festarchive.festival.queries import edition_get, festival_get

from . import queries
from .charts import chart_svg
from .figures import figure_by_slug, figures_for


def _page(request, stats, *, edition=None, festival):
    charts = [(figure, chart_svg(figure)) for figure in figures_for(stats)]
    return render(
        request,
        "statistics/statistics.html",
        {"stats": stats, "charts": charts, "edition": edition, "festival": festival},
    )


def _csv(stats, slug: str, *, name: str) -> HttpResponse:
    figure = figure_by_slug(stats, slug)
    if figure is None:
        raise Http404("No such chart.")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(name)}-{figure.slug}.csv"'
    )
    writer = csv_writer(response)
    writer.writerow([figure.label_heading, *figure.columns])
    for label, values in figure.rows:
        writer.writerow([label, *values])
    return response


@public_page
def edition_statistics(request, slug):
    edition = edition_get(slug=slug)
    stats = queries.edition_statistics(edition)
    return _page(request, stats, edition=edition, festival=edition.festival)


@public_page
def edition_statistics_csv(request, slug, chart):
    edition = edition_get(slug=slug)
    return _csv(queries.edition_statistics(edition), chart, name=edition.slug)


@public_page
def festival_statistics(request, slug):
    festival = festival_get(slug=slug)
    keep_at_most(request, queries.across_editions_fresh_for())
    return _page(request, queries.festival_statistics(festival), festival=festival)


@public_page
def festival_statistics_csv(request, slug, chart):
    festival = festival_get(slug=slug)
    keep_at_most(request, queries.across_editions_fresh_for())
    return _csv(queries.festival_statistics(festival), chart, name=festival.slug)
