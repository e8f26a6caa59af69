"""Film pages at another address, for tests that change the URL configuration."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, register_converter

from festarchive.catalogue.views import film_detail

moved = (
    [path("moved/films/<slug:slug>/", film_detail, name="film-detail")],
    "catalogue",
)


class ShoutingConverter:
    """Writes its value in capitals: not the value given, as a pattern would."""

    regex = "[-A-Z0-9_]+"

    def to_python(self, value):
        return value.lower()

    def to_url(self, value):
        return str(value).upper()


register_converter(ShoutingConverter, "shouting")

urlpatterns = i18n_patterns(
    path("", include(moved)),
    path("shout/<shouting:word>/", film_detail, name="shout"),
)
