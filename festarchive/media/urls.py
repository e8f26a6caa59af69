from django.urls import path, register_converter

from . import views


class RenditionFormat:
    regex = "webp|jpg"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(RenditionFormat, "rendition_format")

app_name = "media"
urlpatterns = [
    path(
        "<slug:kind>/<int:pk>/<str:version>/<slug:rendition>-<int:width>.<rendition_format:ext>",
        views.rendition,
        name="rendition",
    ),
]
