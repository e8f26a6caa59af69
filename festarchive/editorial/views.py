"""The editorial pages, served by Wagtail as public pages."""

from wagtail import views as wagtail_views

from festarchive.core.public import public_page


@public_page
def serve(request, path):
    """Wagtail's own serving, marked public: an anonymous visitor's page is
    kept in the page cache until a publish retires it (editorial.caching).
    Staff previewing a draft, or a visitor logged in, get a fresh page."""
    return wagtail_views.serve(request, path)
