"""An edition's programme as a file: CSV (the timetable import's columns),
JSON or iCalendar, at ``festival/<edition>/programme.<csv|json|ics>``."""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from festarchive.core.public import public_page
from festarchive.festival.models import Edition

from .. import exports

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "ics": "text/calendar; charset=utf-8",
}


@public_page
def programme_export(request, edition: str, fmt: str):
    """The edition's public screenings in ``fmt``; any other format is not found."""
    if fmt not in FORMATS:
        raise Http404
    obj = get_object_or_404(Edition.objects.select_related("festival"), slug=edition)
    screenings = exports.edition_screenings(obj)
    base_url = request.build_absolute_uri("/").rstrip("/")
    if fmt == "csv":
        body = exports.csv_text(screenings, base_url=base_url)
    elif fmt == "json":
        document = exports.json_document(obj, screenings, base_url=base_url)
        body = json.dumps(document, ensure_ascii=False, indent=2)
    else:
        body = exports.ics_bytes(obj, screenings, request)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    if fmt != "json":
        response["Content-Disposition"] = (
            f'attachment; filename="{obj.slug}-programme.{fmt}"'
        )
    return response
