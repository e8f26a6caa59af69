from django.http import Http404


def _not_yet(request, *args, **kwargs):
    raise Http404


timetable = venue_detail = programme_detail = screening_detail = _not_yet
