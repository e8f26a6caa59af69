"""Film pages at another address, for a test that changes the URL configuration."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from festarchive.catalogue.views import film_detail

moved = (
    [path("moved/films/<slug:slug>/", film_detail, name="film-detail")],
    "catalogue",
)

urlpatterns = i18n_patterns(path("", include(moved)))
