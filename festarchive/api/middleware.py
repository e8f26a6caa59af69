import hashlib

from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

API_PREFIX = "/api/"
LANGUAGES = ("en", "nl")


class ApiMiddleware:
    """Language and conditional requests for the API.

    ``?lang=nl`` sets the language of labels (English otherwise: the address,
    not the browser, decides, so an answer is the same for every client).
    Successful reads get an ETag (a hash of the body) and, where the view knows
    it, Last-Modified; a matching If-None-Match or If-Modified-Since gets 304.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        language = request.GET.get("lang")
        with translation.override(language if language in LANGUAGES else "en"):
            response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if response.streaming or "json" not in response.get("Content-Type", ""):
            return response
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        last_modified = getattr(request, "last_modified", None)
        if last_modified:
            response["Last-Modified"] = http_date(last_modified.timestamp())
        response.setdefault("Cache-Control", "public, max-age=60")
        patch_vary_headers(response, ["Accept-Encoding"])
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=int(last_modified.timestamp()) if last_modified else None,
            response=response,
        )
