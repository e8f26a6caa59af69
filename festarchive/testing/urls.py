"""The site's URLs plus one that fails, to test the error page."""

from django.urls import path

from config.urls import handler404, handler500
from config.urls import urlpatterns as site_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def broken_view(request):
    raise RuntimeError("This view fails on purpose.")


urlpatterns = [path("broken/", broken_view), *site_urlpatterns]
