from django.http import Http404


def _not_yet(request, *args, **kwargs):
    raise Http404


programme_export = _not_yet
