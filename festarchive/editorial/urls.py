"""The editorial pages' addresses, the last ones tried in each language.

Wagtail's own pattern takes every address that ends in a slash. Ours only
takes the addresses of pages that exist, so an address no page has is not
ours at all: Django's 404 page, its adding of a missing slash and the
language middleware's adding of a missing /en/ behave as they did before
Wagtail came.
"""

from django.urls import path, register_converter
from wagtail import views

from . import views as editorial_views
from .queries import page_path_exists


class PagePathConverter:
    regex = r"(?:[\w\-]+/)*"

    def to_python(self, value: str) -> str:
        if not page_path_exists(value):
            raise ValueError(value)
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PagePathConverter, "page_path")

urlpatterns = [
    # A page with a password asks for it here.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Named as Wagtail's, so that Page.url and {% pageurl %} find it.
    path("<page_path:path>", editorial_views.serve, name="wagtail_serve"),
]
