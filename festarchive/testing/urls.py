"""The site's URLs plus a few made for tests: one that fails (the error
page), a public page that sets a cookie and one that is slow to render (the
page cache)."""

import time
from collections import Counter

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import path

from config.urls import handler404, handler500
from config.urls import urlpatterns as site_urlpatterns
from festarchive.core.public import public_page

__all__ = ["handler404", "handler500", "urlpatterns"]


def broken_view(request):
    raise RuntimeError("This view fails on purpose.")


@public_page
def cookie_page(request):
    response = HttpResponse("A page that remembers something.")
    response.set_cookie("remembered", "yes")
    return response


# How many times each slow page was rendered.
slow_renders: Counter = Counter()


@public_page
def slow_page(request, name):
    slow_renders[name] += 1
    time.sleep(0.5)
    if name == "missing":
        return HttpResponse("Not here.", status=404)
    return HttpResponse(f"The {name} page, rendered slowly.")


urlpatterns = [
    path("broken/", broken_view),
    *i18n_patterns(
        path("cookie-page/", cookie_page), path("slow/<slug:name>/", slow_page)
    ),
    *site_urlpatterns,
]
