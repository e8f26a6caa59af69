from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .health import cache_ready, database_ready


@never_cache
def healthz(request):
    """The process is up and answering; nothing else is checked."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """The database and the cache answer: ready for traffic, or 503."""
    problems = [p for p in (database_ready(), cache_ready()) if p]
    if problems:
        return JsonResponse({"status": "unavailable", "problems": problems}, status=503)
    return JsonResponse({"status": "ok"})
